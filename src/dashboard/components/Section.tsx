/** One view of the dashboard: a landmark with an h2, reachable from the view navigation (#id). */
import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  section: { marginTop: '24px', scrollMarginTop: '16px' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: '0 0 12px' },
});

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={`${styles.section} aide-section`}>
      <h2 id={`${id}-title`} className={styles.title} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
