/**
 * Mail cleaning: the text a summary should be made from. Pure TypeScript (browser and Node).
 * - `parseEml`: MIME `.eml` → subject, addresses, HTML/text bodies, attachments.
 * - `htmlToText`: HTML → text with a real parser.
 * - `cleanMail`: the visible new text of one mail (quoted history, signature, disclaimer removed, and returned).
 * - `rebuildThread`: the conversation recovered from the quoted history of one mail, oldest first.
 * - `assembleThread`: messages → the text sent to the model, de-duplicated, condensed oldest first over budget.
 */

export * from './types';
export { parseEml, MailParseError, repairC1, type ParseEmlOptions } from './eml';
export { htmlToText, htmlToTextDetailed, type HtmlText } from './html';
export { parseColor, contrast } from './hidden';
export { cleanText, tidy, type CleanOptions } from './clean-text';
export { cleanMail } from './clean-mail';
export { rebuildThread, assembleThread, cleanThreadMessage, condense, type AssembleOptions, type ThreadSource } from './thread';
export { forwardedMessage, withForwarded } from './forward';

