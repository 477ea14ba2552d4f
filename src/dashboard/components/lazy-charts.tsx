/**
 * The charts, loaded after the page's first render: recharts (and d3 under it) is the dashboard's largest library,
 * and the headline figures do not need it. Same names and props as ./charts; until the library has arrived each
 * chart's frame stays empty at its final size (the card and its table are already there), so nothing moves.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';
import type * as Charts from './charts';

const load = () => import(/* webpackChunkName: "charts" */ './charts.js');

function deferred<P extends object>(pick: (m: typeof Charts) => ComponentType<P>): ComponentType<P> {
  const Lazy = lazy(() => load().then((m) => ({ default: pick(m) })));
  return function DeferredChart(props: P) {
    return (
      <Suspense fallback={<div style={{ width: '100%', height: '100%' }} data-testid="chart-loading" />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const BarsChart = deferred<ComponentProps<typeof Charts.BarsChart>>((m) => m.BarsChart);
export const LinesChart = deferred<ComponentProps<typeof Charts.LinesChart>>((m) => m.LinesChart);
export type { Series } from './charts';
