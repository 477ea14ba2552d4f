/**
 * The line patterns mail clients write around quoted history, signatures and disclaimers (fr and en first, a few
 * other European languages because hospitals receive them too). Every pattern is anchored and bounded: they run
 * on one line at a time, so cleaning stays linear in the size of the mail whatever the input.
 */

/** Gmail / Apple Mail / Thunderbird attribution, once wrapped lines are joined: "Le … a écrit :", "On … wrote:". */
export const ATTRIBUTION_RE =
  /^(?:On|Le|Am|El|Il|Op)\s[^\n]{0,400}?\s?(?:wrote|a écrit|a ecrit|a écrit le|schrieb|escribió|ha scritto|schreef)\s?:\s*$/i;
/** A line that may begin an attribution (checked before joining up to four lines). */
export const ATTRIBUTION_START_RE = /^(?:On|Le|Am|El|Il|Op)\s/;

/** "-----Original Message-----", "-----Message d'origine-----". */
export const ORIGINAL_RE =
  /^\s*-{2,}\s*(?:Original Message|Message d['’]origine|Message original|Mensaje original|Ursprüngliche Nachricht|Messaggio originale)\s*-{2,}\s*$/i;

/** Forwarded chains: Gmail, Outlook, Thunderbird, Apple Mail (fr/en). */
export const FORWARD_RE =
  /^\s*(?:-{2,}\s*(?:Forwarded message|Forwarded Message|Message transféré|Message transmis|Courriel transféré|Mail transféré|Message réexpédié)\s*-{2,}|(?:Begin forwarded message|Début du message (?:réexpédié|transféré|transmis))\s*:)\s*$/i;

/** Outlook's separator line above the header block ("________________________________"). */
export const SEPARATOR_RE = /^\s*(?:_{8,}|-{8,}|─{5,}|={8,})\s*$/;

const KEY = (words: string) => new RegExp(`^\\s*\\*{0,2}(?:${words})\\s*\\*{0,2}\\s*:\\s*\\*{0,2}(.*)$`, 'i');
export const HEADER_FROM_RE = KEY('De|From|Expéditeur|Von|Da');
export const HEADER_SENT_RE = KEY('Envoyé|Envoyé le|Sent|Date|Gesendet|Inviato|Enviado');
export const HEADER_TO_RE = KEY('À|A|To|Pour|An|Para');
export const HEADER_CC_RE = KEY('Cc|Cci|Bcc');
export const HEADER_SUBJECT_RE = KEY('Objet|Subject|Sujet|Betreff|Oggetto|Asunto');
export const HEADER_OTHER_RE = KEY('Importance|Pièces jointes|Attachments|Répondre à|Reply-To');

/** Mobile and client taglines, a line of their own. Mirrors email_reply_parser's "Sent from my <1-3 words>". */
export const MOBILE_RE =
  /^\s*(?:Sent from my \S+(?:[ \t]+\S+){0,2}|Sent from (?:Mail|Outlook) for \S+(?:[ \t]+\S+)?|Envoyé (?:de|depuis) mon \S+(?:[ \t]+\S+){0,2}|Envoyé (?:à partir|depuis) de (?:Outlook|Courrier) pour \S+(?:[ \t]+\S+)?|Envoyé à partir de (?:Outlook|Courrier) pour \S+(?:[ \t]+\S+)?|Get Outlook for \S+|Obtenir Outlook pour \S+|Télécharger Outlook pour \S+|Provenance\s*:\s*Courrier pour Windows.{0,40})\s*$/i;

/** "-- " (RFC 3676 signature delimiter), and its look-alikes. Only a line of its own. */
export const SIG_DELIMITER_RE = /^(?:--|—|–)\s*$/;

/** Closing formulas that open a signature block (the formula and the block are removed). */
export const CLOSING_RE =
  /^\s*(?:(?:Bien |Très |Tres |Trés )?(?:cordialement|cdlt)|Bien à vous|Bien a vous|Bien sincèrement|(?:Sincères|Meilleures|Cordiales) salutations|Salutations(?: distinguées| cordiales)?|Veuillez agréer.{0,120}|Je vous prie d['’]agréer.{0,160}|Respectueusement|Bien amicalement|Amicalement|Amitiés|(?:Best|Kind|Warm|Warmest)(?: regards| wishes)?|Regards|Best wishes|Many thanks and (?:best|kind) regards|Thanks and regards|Yours (?:sincerely|faithfully|truly)|Sincerely(?: yours)?|Cheers)\s*[,.!]*\s*$/i;

/** A line that is only decoration (*****, =====, ~~~~). */
export const DECORATION_RE = /^\s*[*=~#_\-–—]{3,}\s*$/;

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
