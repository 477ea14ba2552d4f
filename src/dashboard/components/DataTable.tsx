/** A plain, accessible table of figures: header cells with scope, a caption, suppressed cells shown as "< k". */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { Cell } from '../model';
import { Figure, type FigureFormat } from './Figure';
import { useT } from '../i18n';

export interface Column {
  key: string;
  label: string;
  /** 'text' columns hold labels (role, week…); the others hold figures. */
  format: FigureFormat | 'text';
  /** A text column that describes rather than names the row (not used to name hidden rows). */
  detail?: boolean;
}

export type Row = Record<string, string | Cell>;

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', marginTop: '8px' },
  caption: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  empty: { color: tokens.colorNeutralForeground3 },
});

export function DataTable({ caption, columns, rows, k }: { caption: string; columns: Column[]; rows: Row[]; k: number }) {
  const styles = useStyles();
  const t = useT();
  return (
    <div className={styles.wrap}>
      <Table size="small" aria-label={caption}>
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            {columns.map((col) => (
              <TableHeaderCell key={col.key} scope="col" className={col.format === 'text' ? undefined : styles.num}>
                {col.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow key={i}>
              {columns.map((col) => {
                const value = row[col.key];
                if (col.format === 'text') return <TableCell key={col.key}>{String(value ?? '')}</TableCell>;
                return (
                  <TableCell key={col.key} className={styles.num}>
                    {value === undefined || value === null ? (
                      <span className={styles.empty}>{t('common.none')}</span>
                    ) : typeof value === 'string' ? (
                      value
                    ) : (
                      <Figure value={value} format={col.format} k={k} />
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
