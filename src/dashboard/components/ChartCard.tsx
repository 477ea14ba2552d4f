/**
 * A titled block holding one chart and its table alternative. The chart is hidden from assistive technology as a
 * picture with a label; the toggle shows the same figures as a real table (with "< k" cells). When printing, both the
 * chart and the table are printed and the toggle is not.
 */
import { useId, useState, type ReactNode } from 'react';
import { Button, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { TableRegular, DataBarVerticalRegular } from '@fluentui/react-icons';
import { useI18n } from '../i18n';
import { DataTable, type Column, type Row } from './DataTable';
import { isSuppressed } from '../model';

/** Rows with at least one hidden figure, named by their label columns: the chart shows gaps there, so say why. */
function hiddenRows(columns: Column[], rows: Row[]): string[] {
  const labels = columns.filter((c) => c.format === 'text' && !c.detail);
  const out: string[] = [];
  for (const row of rows) {
    if (!columns.some((c) => c.format !== 'text' && isSuppressed(row[c.key]))) continue;
    const name = labels.map((c) => String(row[c.key] ?? '')).filter(Boolean).join(' · ');
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

const useStyles = makeStyles({
  card: { padding: '16px', breakInside: 'avoid', minWidth: 0 },
  header: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  desc: { color: tokens.colorNeutralForeground3, display: 'block', marginTop: '4px' },
  chart: { width: '100%', height: '260px', marginTop: '8px' },
  hidden: { display: 'block', marginTop: '4px', color: tokens.colorNeutralForeground3 },
});

export interface ChartCardProps {
  title: string;
  description?: string;
  columns: Column[];
  rows: Row[];
  k: number;
  /** The chart; omitted for table-only blocks. */
  chart?: ReactNode;
  /** Extra controls under the header (e.g. the headcount editor). */
  children?: ReactNode;
  testId?: string;
  /** Chart height in px (taller for long category lists). */
  height?: number;
}

export function ChartCard({ title, description, columns, rows, k, chart, children, testId, height }: ChartCardProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(!chart);
  const hidden = chart ? hiddenRows(columns, rows) : [];
  return (
    <Card className={styles.card} aria-labelledby={headingId} role="region" data-testid={testId}>
      <div className={styles.header}>
        <div>
          <h3 id={headingId} className={styles.title}>
            {title}
          </h3>
          {description && (
            <Text size={200} className={styles.desc}>
              {description}
            </Text>
          )}
        </div>
        {chart && (
          <Button
            className="aide-no-print"
            appearance="subtle"
            size="small"
            icon={showTable ? <DataBarVerticalRegular /> : <TableRegular />}
            aria-expanded={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable((v) => !v)}
          >
            {showTable ? t('actions.showChart') : t('actions.showTable')}
          </Button>
        )}
      </div>
      {children}
      {chart && (
        <div
          className={`${styles.chart} aide-chart${showTable ? ' aide-screen-hidden' : ''}`}
          style={height ? { height } : undefined}
          role="img"
          aria-label={t('chart.label', { title })}
        >
          {chart}
        </div>
      )}
      {chart && hidden.length > 0 && !showTable && (
        <Text size={200} className={styles.hidden} data-testid="hidden-note">
          {t('chart.hidden', { k, items: hidden.join(', ') })}
        </Text>
      )}
      <div id={tableId} className={showTable ? undefined : 'aide-screen-hidden aide-print-table'}>
        <DataTable caption={title} columns={columns} rows={rows} k={k} />
      </div>
    </Card>
  );
}
