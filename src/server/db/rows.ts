/**
 * Multi-row `insert … on conflict …` statements for the ingest path, compiled once per dialect, shape and row count
 * and then run with fresh values only. Ingest writes the same dozen statements for every batch: building and
 * compiling each through the query builder (an object per value) cost more than SQLite running them.
 */
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres, type AideDatabase } from './index';

export interface RowShape {
  /** A unique name: compiled texts are kept under it. */
  id: string;
  table: keyof AideDatabase;
  columns: readonly string[];
  /** What follows `on conflict`; nothing = a plain insert. */
  onConflict?: RawBuilder<unknown>;
  returning?: readonly string[];
}

/** `(k1, k2) do update set …`: counters added, bounds kept as the smaller / larger week, other columns replaced. */
export function conflictUpdate(table: string, keys: readonly string[], cols: { add?: readonly string[]; min?: readonly string[]; max?: readonly string[]; set?: readonly string[] }): RawBuilder<unknown> {
  const t = sql.table(table);
  const sets = [
    ...(cols.min ?? []).map((c) => sql`${sql.ref(c)} = case when excluded.${sql.ref(c)} < ${t}.${sql.ref(c)} then excluded.${sql.ref(c)} else ${t}.${sql.ref(c)} end`),
    ...(cols.max ?? []).map((c) => sql`${sql.ref(c)} = case when excluded.${sql.ref(c)} > ${t}.${sql.ref(c)} then excluded.${sql.ref(c)} else ${t}.${sql.ref(c)} end`),
    ...(cols.set ?? []).map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
    ...(cols.add ?? []).map((c) => sql`${sql.ref(c)} = ${t}.${sql.ref(c)} + excluded.${sql.ref(c)}`),
  ];
  return sql`(${sql.join(keys.map((k) => sql.ref(k)))}) do update set ${sql.join(sets)}`;
}

const texts = new Map<string, string>();

function statement(db: Kysely<AideDatabase>, shape: RowShape, n: number): string {
  const id = `${isPostgres(db) ? 'pg' : 'sqlite'}\u0000${shape.id}\u0000${n}`;
  let text = texts.get(id);
  if (text === undefined) {
    const row = sql`(${sql.join(shape.columns.map(() => sql`${null}`))})`;
    const conflict = shape.onConflict ? sql` on conflict ${shape.onConflict}` : sql``;
    const returning = shape.returning ? sql` returning ${sql.join(shape.returning.map((c) => sql.ref(c)))}` : sql``;
    text = sql`insert into ${sql.table(shape.table)} (${sql.join(shape.columns.map((c) => sql.ref(c)))}) values ${sql.join(Array.from({ length: n }, () => row))}${conflict}${returning}`.compile(db).sql;
    texts.set(id, text);
  }
  return text;
}

/**
 * Writes the rows (every column of the shape must be set), 256 at most per statement. Returns the `returning` rows.
 */
export async function writeRows<R extends object = Record<string, unknown>>(db: Kysely<AideDatabase>, shape: RowShape, rows: readonly object[]): Promise<R[]> {
  const out: R[] = [];
  const postgres = isPostgres(db);
  for (let i = 0; i < rows.length; ) {
    // SQLite: 256, 128, … 2 or 1 rows, so a handful of prepared statements serve any batch. PostgreSQL: every statement
    // is a round trip to the server, so as many rows as possible at once (texts kept per row count).
    let n = 256;
    if (postgres) n = Math.min(n, rows.length - i);
    else while (n > rows.length - i) n >>= 1;
    const params: unknown[] = [];
    for (let r = i; r < i + n; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (const c of shape.columns) {
        const v = row[c];
        if (v === undefined) throw new Error(`${shape.id}: no value for ${c}`);
        params.push(v);
      }
    }
    i += n;
    const result = await db.executeQuery<R>(CompiledQuery.raw(statement(db, shape, n), params));
    if (shape.returning) out.push(...result.rows);
  }
  return out;
}
