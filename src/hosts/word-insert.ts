/**
 * Putting AI text into a Word document so that a human reviews it: inserted as tracked changes (change tracking is
 * switched on for the insertion, then put back as it was) with a comment "Texte généré par IA — à relire", at the
 * cursor or in place of the selection. When replacing, the original text is kept in the comment, so nothing is lost
 * even after the revision is accepted; Word's undo also works as usual.
 */

export interface ReviewedInsertOptions {
  /** `cursor`: after the selection (or at the cursor); `replace`: in place of the selection. */
  mode: 'cursor' | 'replace';
  trackChanges: boolean;
  /** The review comment, or null for none (a setting). */
  comment: string | null;
  /** Label before the original text kept in the comment, e.g. "Texte d'origine :". */
  originalLabel: string;
}

export interface ReviewedInsertResult {
  /** The replaced text (also kept in the comment), or null when nothing was replaced. */
  replaced: string | null;
  tracked: boolean;
  commented: boolean;
}

const MAX_ORIGINAL_IN_COMMENT = 4000;

function supports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported('WordApi', version);
  } catch {
    return false;
  }
}

export async function insertReviewed(html: string, options: ReviewedInsertOptions): Promise<ReviewedInsertResult> {
  const canTrack = options.trackChanges && supports('1.4');
  const canComment = options.comment !== null && supports('1.4');
  return Word.run(async (context) => {
    const doc = context.document;
    let previousMode: Word.ChangeTrackingMode | `${Word.ChangeTrackingMode}` | null = null;
    if (canTrack) {
      doc.load('changeTrackingMode');
      await context.sync();
      previousMode = doc.changeTrackingMode;
      doc.changeTrackingMode = Word.ChangeTrackingMode.trackAll;
    }
    const selection = doc.getSelection();
    selection.load('text');
    await context.sync();
    const original = selection.text ?? '';
    const replacing = options.mode === 'replace' && original.trim().length > 0;
    const location = replacing ? Word.InsertLocation.replace : original ? Word.InsertLocation.after : Word.InsertLocation.replace;
    const inserted = selection.insertHtml(html, location);
    if (canComment && options.comment) {
      const kept = replacing ? `\n${options.originalLabel} ${original.length > MAX_ORIGINAL_IN_COMMENT ? original.slice(0, MAX_ORIGINAL_IN_COMMENT) + '…' : original}` : '';
      inserted.insertComment(options.comment + kept);
    }
    inserted.select(Word.SelectionMode.end);
    if (canTrack && previousMode !== null) doc.changeTrackingMode = previousMode as Word.ChangeTrackingMode;
    await context.sync();
    return { replaced: replacing ? original : null, tracked: canTrack, commented: canComment };
  });
}
