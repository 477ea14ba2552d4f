/**
 * The line patterns mail clients write around quoted history, signatures and disclaimers (fr and en first, a few
 * other European languages because hospitals receive them too). Every pattern is anchored and bounded: they run
 * on one line at a time, so cleaning stays linear in the size of the mail whatever the input.
 */

/**
 * Reply headers ("attributions") are recognised by their structure rather than by one spelling per client: the verb
 * "wrote" in the main European languages (and Chinese, as the public corpus has it), a date, time or address, and
 * where the verb sits:
 * - at the end, optionally followed by a colon and Zoho's dashes: "On … wrote:", "Le … a écrit :",
 *   "… <x@y> napisał(a):", "---- On … wrote ----", "Op … het volgende geschreven:";
 * - in the middle, when the line starts with the languages' "On"/"Le"/"Am"/"Den"… and ends with a colon:
 *   "Am 03.02.2016 schrieb Max <m@x.de>:", "Den 15. jun. 2016 kl. 20.42 skrev Jeff <j@x.no>:";
 * - followed by "am/on/le…" and a date, ending with a colon (Gmail in German: "Max <m@x> schrieb am Fr., 28. Apr.").
 * Every regex runs on one joined header of at most 450 characters.
 */
const WROTE =
  "(?:wrote|writes|a\\s+écrit|a\\s+ecrit|schrieb|schreef|het\\s+volgende\\s+geschreven|geschreven|escribió|escribio|ha\\s+scritto|scrisse|escreveu|escribiu|napisał\\(a\\)|napisała|napisał|napisal\\(a\\)|napisal|skrev|skrifaði|kirjoitti|написал\\(а\\)|написала|написал|написав\\(ла\\)|написав|написала|пише|писал|написа|写道|寫道|έγραψε|napsal|írta|yazdı|a\\s+scris)";
/** Languages that put the verb before the sender ("Am … schrieb Max:", "Op … schreef Max:", "Den … skrev Max:"). */
const MIDDLE = '(?:Am|Op|Den|På|Kl\\.)\\s.{0,300}?(?<![\\p{L}])(?:schrieb|schreef|skrev|skrifaði)';
const NOT_LETTER = '(?<![\\p{L}])';
export const ATTRIBUTION_END_RE = new RegExp(`${NOT_LETTER}${WROTE}\\s*[:：]?\\s*(?:-{2,}\\s*)?$`, 'iu');
export const ATTRIBUTION_MIDDLE_RE = new RegExp(`^${MIDDLE}(?![\\p{L}]).{0,200}[:：]\\s*$`, 'iu');
/** Gmail in German, Dutch, Nordic languages: "Max <m@x.de> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:". */
export const ATTRIBUTION_WROTE_ON_RE = new RegExp(`${NOT_LETTER}(?:schrieb\\s+am|schreef\\s+op|skrev\\s+den)\\s.{0,200}[:：]\\s*$`, 'iu');
/** Gmail's older form, a date first and no verb: "2016-10-24 15:36 GMT+02:00 Foo Bar <info@foo.bar>:". */
export const DATE_LED_RE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:[ ,T]+\d{1,2}[:h.]\d{2}(?::\d{2})?)?\s.{1,250}$/;
const DATE_LED_CUE_RE = /(?:GMT|UTC)\s?[+-]\d|<[^<>\s]+@[^<>\s]+>\s*:?\s*$|@[^\s]+\s*>?\s*:\s*$/;

/** Is this joined text (one to five lines) a reply header? */
export function isAttribution(joined: string): boolean {
  const t = joined.replace(/^[\s*-]*-{2,}\s*/, '').trim();
  if (t.length > 450 || !/[\d@]/.test(t)) return false;
  if (ATTRIBUTION_END_RE.test(t) || ATTRIBUTION_MIDDLE_RE.test(t) || ATTRIBUTION_WROTE_ON_RE.test(t)) return true;
  if (DATE_LED_RE.test(t) && DATE_LED_CUE_RE.test(t)) return true;
  // Any language's Gmail, by its shape: a date with a time, the sender's <address>, at most a short verb, a colon
  // ("2026年11月30日(月) 9:00 田中 太郎 <tanaka@…>:", "W dniu 30.11.2026 o 09:00, Anna Nowak <anna@…> pisze:").
  return t.length <= 250 && ADDRESS_COLON_END_RE.test(t) && TIME_RE.test(t);
}
const ADDRESS_COLON_END_RE = /<[^<>\s]+@[^<>\s]+>\)?[^\S\n]*(?:[^\s<>:：]{1,20}[^\S\n]*){0,3}[:：]\s*$/u;
const TIME_RE = /(?<!\d)\d{1,2}[:h]\d{2}(?!\d)/;

/** A line that may begin a reply header (checked before joining lines): it carries a digit or an address. */
export const ATTRIBUTION_START_RE = /[\d@]/;

/** Markers above an earlier message, in the main European languages: "-----Original Message-----". */
export const ORIGINAL_RE =
  /^\s*[*_]*\s*-{2,}\s*(?:Original Message|Message d['’]origine|Message original|Mensaje original|Ursprüngliche Nachricht|Originalnachricht|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Origineel bericht|Originalmeddelande|Ursprungligt meddelande|Opprinnelig melding|Original meddelelse|Oprindelig meddelelse|Alkuperäinen viesti|Wiadomość oryginalna|Oryginalna wiadomość|Исходное сообщение|Оригинальное сообщение|Вихідне повідомлення|Původní zpráva|Eredeti üzenet)\s*-{2,}\s*[*_]*\s*$/i;

/** Forwarded chains: Gmail, Outlook, Thunderbird, Apple Mail, in the main European languages. */
export const FORWARD_RE =
  /^\s*[*_]*\s*(?:-{2,}\s*(?:Forwarded message|Forwarded Message|Message transféré|Message transmis|Courriel transféré|Mail transféré|Message réexpédié|Weitergeleitete Nachricht|Doorgestuurd bericht|Mensaje reenviado|Messaggio inoltrato|Mensagem encaminhada|Vidarebefordrat meddelande|Videresendt melding|Videresendt meddelelse|Välitetty viesti|Wiadomość przekazana|Przekazana wiadomość|Пересылаемое сообщение|Переслане повідомлення)\s*-{2,}|(?:Begin forwarded message|Début du message (?:réexpédié|transféré|transmis)|Anfang der weitergeleiteten Nachricht|Inizio messaggio inoltrato|Comienzo del mensaje reenviado|Início da mensagem reencaminhada|Begin doorgestuurd bericht|Vidarebefordrat brev)\s*:)\s*[*_]*\s*$/i;

/** Outlook's separator line above the header block ("________________________________"). */
export const SEPARATOR_RE = /^\s*(?:_{8,}|-{8,}|─{5,}|={8,})\s*$/;

const KEY = (words: string) => new RegExp(`^\\s*\\*{0,2}(?:${words})\\s*\\*{0,2}\\s*:\\s*\\*{0,2}(.*)$`, 'i');
export const HEADER_FROM_RE = KEY('De|From|Expéditeur|Von|Da|Van|Från|Fra|Od|Від|От|Lähettäjä|Remitente|Absender');
export const HEADER_SENT_RE = KEY('Envoyé|Envoyé le|Sent|Date|Datum|Data|Fecha|Gesendet|Inviato|Enviado|Enviada|Verzonden|Verstuurd|Skickat|Sendt|Wysłano|Wysłane|Lähetetty|Отправлено|Дата|Надіслано|Odesláno');
export const HEADER_TO_RE = KEY('À|A|To|Pour|An|Para|Aan|Till|Til|Do|Kenelle|Vastaanottaja|Кому|Komu');
export const HEADER_CC_RE = KEY('Cc|Cci|Bcc|Kopie|Kopia|Kopio|Копия|Копія|DW|CC');
export const HEADER_SUBJECT_RE = KEY('Objet|Subject|Sujet|Betreff|Oggetto|Asunto|Assunto|Onderwerp|Ämne|Emne|Temat|Aihe|Тема|Předmět');
export const HEADER_OTHER_RE = KEY('Importance|Pièces jointes|Attachments|Répondre à|Reply-To|Risposta|Rispondi a|Antwort an|Responder a|Anhang|Allegati|Adjuntos|Bijlagen|Priorité|Priority');

/**
 * Mobile and client taglines, a line of their own: a sending word and a device or mail application, in a short line,
 * once links are taken out ("Sent from Outlook Mobile<https://…>", "Get [Outlook for Android](https://…)",
 * "Von meinem iPhone gesendet", "Sendt fra min iPad", "(sent from a phone)", "從我的 iPhone 傳送").
 */
const MOBILE_OPEN = /^(?:sent|send|envoyé|envoye|enviado|enviada|inviato|gesendet|verzonden|verstuurd|sendt|skickat|wysłane|wysłano|отправлено|надіслано|from|von|via|by|get|obtenir|télécharger|telecharger|scarica|holen|descargar|baixe|provenance|[從从]我的|发自我的|發自我的)$/iu;
const MOBILE_CLOSE = /(?:gesendet|傳送|发送|envoyé|verzonden|skickat|sendt|inviato|enviado)[.!]?$/iu;
const MOBILE_DEVICE = /(?:iphone|ipad|ipod|android|mobile|mobil|mobilgerät|mobiltelefon|handy|smartphone|phone|téléphone|cell|blackberry|galaxy|samsung|htc|nokia|huawei|xiaomi|outlook|\bmail\b|courrier|gmail|yahoo|airmail|mailbox|k-9|windows|\bios\b|tablet|tablette|device|appareil|portable|móvil|movil|cellulare|telefono|telefon|телефон|ti-85|alcatel|spark|protonmail|bluemail)/iu;
export function isMobileTagline(line: string): boolean {
  if (line.length > 300) return false;
  const bare = line
    .replace(/\[([^\]]{0,100})\]\([^)]{0,300}\)/g, '$1')
    .replace(/<?https?:\/\/\S{0,300}>?/g, ' ')
    .replace(/[<>()«»"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = bare.split(' ');
  if (!bare || bare.length > 90 || words.length > 14) return false;
  // "Diese Nachricht wurde von meinem Android-Mobiltelefon gesendet", "從我的 iPhone 傳送".
  if (MOBILE_CLOSE.test(bare) && MOBILE_DEVICE.test(bare)) return true;
  // The sending word opens the line ("Sent from my iPhone", "Get Outlook for iOS", "Someone from mobile") and the
  // device follows within a few words: "Outlook with a reply" and "Sent from my desk, is much easier then my mobile
  // phone." are sentences, not taglines.
  const at = MOBILE_OPEN.test(words[0]) ? 0 : /^(?:from|von)$/i.test(words[1] ?? '') ? 1 : -1;
  return at >= 0 && MOBILE_DEVICE.test(words.slice(at + 1, at + 6).join(' ').replace(/[,;].*$/, ''));
}
export const MOBILE_RE = { test: (s: string): boolean => isMobileTagline(s) };

/** "-- " (RFC 3676 signature delimiter), and its look-alikes. Only a line of its own. */
export const SIG_DELIMITER_RE = /^(?:--|—|–)\s*$/;

/**
 * Closing formulas that open a signature block (the formula and the block are removed), in French first and in the
 * languages hospitals receive mail in. A formula that ends the mail, with nothing under it, stays.
 */
const CLOSING =
  "(?:Bien |Très |Tres |Trés )?(?:cordialement|cdlt|cdt)(?: à (?:vous|tous|toutes))?|Bien à (?:vous|toi|tous)|Bien a (?:vous|toi)|B[àa]v|BAV|Bien sincèrement|(?:Sincères|Meilleures|Cordiales|Mes) salutations(?: distinguées)?|Avec mes (?:salutations|remerciements)(?: distingués| cordiales)?|Salutations(?: distinguées| cordiales)?|Veuillez agréer.{0,120}|Je vous prie d['’]agréer.{0,160}|Respectueusement|Bien amicalement|Amicalement|Amitiés|" +
  '(?:Best|Kind|Warm|Warmest)(?: regards| wishes)?|Regards|Best wishes|Many thanks and (?:best|kind) regards|Thanks and regards|Yours (?:sincerely|faithfully|truly)|Sincerely(?: yours)?|Cheers|' +
  'Mit freundlichen Grüßen|Mit freundlichem Gruß|Freundliche Grüße|Viele Grüße|Beste Grüße|Liebe Grüße|Herzliche Grüße|MfG|Met vriendelijke groet(?:en)?|Vriendelijke groet(?:en)?|Hartelijke groet(?:en)?|' +
  'Cordiali saluti|Distinti saluti|Un cordiale saluto|Saluti|Saludos cordiales|Un saludo|Atentamente|Saludos|Atenciosamente|Cumprimentos|(?:Com os )?melhores cumprimentos|' +
  'Med vänlig hälsning|Vänliga hälsningar|Med venlig hilsen|Med vennlig hilsen|Vennlig hilsen|Mvh|Pozdrawiam|Z poważaniem|С уважением|З повагою';
export const CLOSING_RE = new RegExp(`^\\s*(?:${CLOSING})\\s*[,.!]*\\s*$`, 'iu');
/** A formula and the sender's name on one line ("Cordialement, Julien Petit"): the name is group 1. */
export const CLOSING_LEAD_RE = new RegExp(`^\\s*(?:${CLOSING})\\s*[,.!]*\\s+(\\S.{0,60})$`, 'iu');

/** A line that is only decoration (*****, =====, ~~~~). */
export const DECORATION_RE = /^\s*(?:[*=~#_\-–—+.]{2,}|\u1427)\s*$/;

/** Things that make a short trailing block look like a contact signature. */
export const CONTACT_RE =
  /(?:(?:\+33\s?\(?0?\)?\s?|\b0)[1-9](?:[\s.\-]?\d{2}){4}\b|\b(?:Tél|Tel|Tél\.|Téléphone|Phone|Fax|Poste|DECT|Bip|Mobile|Portable|Standard|Secrétariat)\b\s*[.:]?\s*\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/i;

/** External-sender banners that gateways put at the top of a mail. */
export const BANNER_RE =
  /(?:\[EXTERNE\]|\[EXTERNAL\]|provient de l['’]extérieur|provient d['’]un expéditeur externe|expéditeur externe|originated from outside|external sender|ne cliquez pas sur les liens|do not click links)/i;

/**
 * Confidentiality / environment notices. A paragraph with two cues (or one strong cue) is a disclaimer.
 * The cues are the phrases French hospitals and their correspondents put under every mail.
 */
export const DISCLAIMER_STRONG_RE: RegExp[] = [
  /reçu ce (?:message|courriel|mail|e-?mail) par erreur/i,
  /received this (?:message|e-?mail|communication) in error/i,
  /intended (?:solely |only )?for the (?:use of the )?(?:addressee|intended recipient|person)/i,
  /(?:ce|cet|le présent) (?:message|courriel|mail|e-?mail)[^.\n]{0,80}(?:confidentiel|couvert par le secret)/i,
  /(?:this|the) (?:message|e-?mail)[^.\n]{0,80}(?:confidential|privileged)/i,
  /(?:pensez|merci de penser) à l['’]environnement/i,
  /(?:think|please consider the environment) before (?:you )?print/i,
  /avant d['’]imprimer ce (?:message|courriel|mail)/i,
];
export const DISCLAIMER_CUE_RE: RegExp[] = [
  /confidenti/i,
  /destinataire/i,
  /recipient/i,
  /par erreur|in error/i,
  /secret (?:médical|professionnel)|medical secrecy|professional secrecy/i,
  /(?:toute|any) (?:utilisation|diffusion|publication|copie|use|dissemination|disclosure|copying)/i,
  /(?:interdite?|strictement interdit|prohibited|strictly forbidden)/i,
  /(?:détruire|supprimer|effacer) (?:ce|le) (?:message|courriel)|delete (?:this|the) (?:message|e-?mail)/i,
  /ne (?:peut|saurait|pourrait) (?:être tenu|engager)|cannot be held (?:liable|responsible)/i,
  /(?:virus|intégrité de ce message)/i,
];
