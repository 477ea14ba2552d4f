/**
 * Thin wrappers over recharts so the views stay short. Hidden (suppressed) cells are gaps in the chart — never zero —
 * and the table beside each chart shows them as "< k".
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n';

// recharts' own keyboard layer is off: each chart sits in a labelled role="img" block (a focusable chart inside
// would be an unlabelled stop for keyboard users) and its figures are one click away as a real table.

/** Colour-blind-safe palette (Okabe–Ito), readable in print. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Series {
  key: string;
  label: string;
}

type Datum = Record<string, string | number | undefined>;

/**
 * recharts spreads each datum's fields onto the SVG shapes it draws, so a field named like an attribute (`role`,
 * `name`…) lands in the markup (`<path role="Ingénieur">`, an invalid ARIA role). The charts therefore draw copies
 * of the data under neutral keys: `x_` for the category, `s0`, `s1`… for the series.
 */
function neutral(data: Datum[], x: string, series: Series[]): { rows: Datum[]; keys: string[] } {
  const keys = series.map((_, i) => `s${i}`);
  return { rows: data.map((d) => Object.fromEntries([['x_', d[x]], ...series.map((s, i) => [keys[i]!, d[s.key]])]) as Datum), keys };
}

function useTick(format: 'int' | 'pct' | 'hours') {
  const { num, pct } = useI18n();
  return (v: number) => (format === 'pct' ? pct(v) : format === 'hours' ? num(v, 1) : num(v, 0));
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height="100%" minWidth={0}>
      {children as React.ReactElement}
    </ResponsiveContainer>
  );
}

export function LinesChart({ data, x, series, format = 'int' }: { data: Datum[]; x: string; series: Series[]; format?: 'int' | 'pct' | 'hours' }) {
  const tick = useTick(format);
  const { rows, keys } = neutral(data, x, series);
  return (
    <Frame>
      <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="x_" tick={{ fontSize: 11 }} />
        <YAxis tickFormatter={tick} tick={{ fontSize: 11 }} allowDecimals={format !== 'int'} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? tick(v) : String(v))} />
        <Legend />
        {/* Straight segments (a smoothed curve would invent values between weeks); no animation (print, screenshots). */}
        {series.map((s, i) => (
          <Line key={s.key} type="linear" dataKey={keys[i]} name={s.label} stroke={PALETTE[i % PALETTE.length]} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
        ))}
      </LineChart>
    </Frame>
  );
}

export function BarsChart({
  data,
  x,
  series,
  format = 'int',
  stacked = false,
  horizontal = false,
}: {
  data: Datum[];
  x: string;
  series: Series[];
  format?: 'int' | 'pct' | 'hours';
  stacked?: boolean;
  horizontal?: boolean;
}) {
  const tick = useTick(format);
  const { rows, keys } = neutral(data, x, series);
  return (
    <Frame>
      <BarChart accessibilityLayer={false} data={rows} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 24 : 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {horizontal ? (
          <>
            <XAxis type="number" tickFormatter={tick} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="x_" tick={{ fontSize: 11 }} width={170} />
          </>
        ) : (
          <>
            <XAxis dataKey="x_" tick={{ fontSize: 11 }} />
            <YAxis tickFormatter={tick} tick={{ fontSize: 11 }} allowDecimals={format !== 'int'} />
          </>
        )}
        <Tooltip formatter={(v) => (typeof v === 'number' ? tick(v) : String(v))} />
        {series.length > 1 && <Legend />}
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={keys[i]} name={s.label} fill={PALETTE[i % PALETTE.length]} stackId={stacked ? 'stack' : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    </Frame>
  );
}
