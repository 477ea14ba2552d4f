/**
 * The answers put aside, per item: when the mail (or document) changes, the answer on screen goes here with the item
 * it was made from, and can be reopened only when that item is open again. Kept in memory for the pane's life only:
 * answers hold patient data, which the pane never writes to storage.
 */
import type { Lang } from '../core/prompts/schema';
import { sameItem, type ItemIdentity } from '../hosts/types';
import type { MessageKey } from './i18n';

export interface AnswerRecord {
  /** Unique within the pane's life. */
  id: string;
  item: ItemIdentity;
  promptId: string;
  /** The prompt's title in both languages (the prompt may be deleted later). */
  title: { fr: string; en: string };
  markdown: string;
  /** The language the answer was written in. */
  lang: Lang;
  /** 'interrupted': the item changed while the answer was being written (it is incomplete). */
  status: 'done' | 'interrupted';
  /** Already inserted into its item (or opened as a reply): a second insert asks first. */
  inserted: boolean;
  /** Epoch ms. */
  at: number;
}

/** At most this many answers per item, and this many items, the oldest forgotten first. */
export const HISTORY_PER_ITEM = 5;
export const HISTORY_ITEMS = 20;

export type AnswerHistory = AnswerRecord[];

/** The history with `record` added (replacing an earlier copy of the same answer), bounded per item and overall. */
export function putAside(history: AnswerHistory, record: AnswerRecord): AnswerHistory {
  const others = history.filter((r) => r.id !== record.id);
  const next = [record, ...others];
  const perItem = new Map<string, number>();
  const items: string[] = [];
  const kept: AnswerRecord[] = [];
  for (const r of next) {
    const key = `${r.item.kind}:${r.item.id}`;
    const count = perItem.get(key) ?? 0;
    if (count === 0) {
      if (items.length >= HISTORY_ITEMS) continue;
      items.push(key);
    }
    if (count >= HISTORY_PER_ITEM) continue;
    perItem.set(key, count + 1);
    kept.push(r);
  }
  return kept;
}

/** The answers made from this item, newest first. Never another item's. */
export function answersFor(history: AnswerHistory, item: ItemIdentity | null | undefined): AnswerRecord[] {
  return history.filter((r) => sameItem(r.item, item)).sort((a, b) => b.at - a.at);
}

export function removeAnswer(history: AnswerHistory, id: string): AnswerHistory {
  return history.filter((r) => r.id !== id);
}

let counter = 0;
export function newAnswerId(): string {
  return `a${Date.now().toString(36)}-${++counter}`;
}

/** How an item is named in a sentence: the mail's subject, else « le document » / « le brouillon ». */
export function itemLabel(item: ItemIdentity | null, t: (key: MessageKey) => string): string {
  if (!item) return '';
  if (item.label) return item.label;
  return item.kind === 'document' ? t('history.itemDocument') : t('history.itemDraft');
}
