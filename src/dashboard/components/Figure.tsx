/**
 * One figure. A suppressed figure is shown as "< k" (small group) or "hidden" (complementary suppression), never a
 * number nor zero, with a tooltip saying why; it is
 * focusable so keyboard and screen-reader users get the explanation too.
 */
import { Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { isSuppressed, type Cell } from '../model';
import { useI18n } from '../i18n';

export type FigureFormat = 'int' | 'pct' | 'hours' | 'decimal' | 'ms';

const useStyles = makeStyles({
  suppressed: {
    color: tokens.colorNeutralForeground3,
    fontStyle: 'italic',
    borderBottom: `1px dotted ${tokens.colorNeutralStroke1}`,
    cursor: 'help',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

export function useFormat(): (cell: number, format: FigureFormat) => string {
  const { num, pct } = useI18n();
  return (value, format) => {
    switch (format) {
      case 'pct':
        return pct(value);
      case 'hours':
        return num(value, 1) + '\u00a0h';
      case 'decimal':
        return num(value, 1);
      case 'ms':
        // Durations arrive in ms; people read seconds.
        return num(value / 1000, 1) + '\u00a0s';
      default:
        return num(value, 0);
    }
  };
}

export function Figure({ value, format = 'int', k }: { value: Cell; format?: FigureFormat; k: number }) {
  const styles = useStyles();
  const { t } = useI18n();
  const fmt = useFormat();
  if (value === null) return <span>{t('common.none')}</span>;
  if (isSuppressed(value)) {
    // "< k" for a small group; "hidden" for a figure hidden only so that a small neighbour cannot be subtracted out.
    const linked = value.reason === 'linked';
    return (
      <Tooltip content={t(linked ? 'suppressed.linkedTooltip' : 'suppressed.tooltip', { k })} relationship="description" withArrow>
        <span className={styles.suppressed} tabIndex={0} data-suppressed={linked ? 'linked' : 'small'} aria-label={t(linked ? 'suppressed.linkedSr' : 'suppressed.sr', { k })}>
          {linked ? t('suppressed.linked') : '<\u00a0' + k}
        </span>
      </Tooltip>
    );
  }
  return <span data-figure="true">{fmt(value, format)}</span>;
}
