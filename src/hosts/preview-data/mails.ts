/**
 * The preview host's sample inbox: mails written like real French hospital mail (signatures with phone numbers,
 * quoted history in the form Outlook-fr writes it, a confidentiality disclaimer). Every name, number and address is
 * fictitious; phone numbers use the ranges ARCEP reserves for fiction (01 99 00 xx xx, 06 39 98 xx xx).
 */

export interface SampleMail {
  id: string;
  folder: 'inbox' | 'drafts';
  subject: string;
  from: { name: string; address: string };
  to: string;
  /** ISO date. */
  date: string;
  conversationId: string;
  html: string;
  attachments: { id: string; name: string; contentType: string; size: number }[];
  /** A draft opens the pane in Outlook compose mode. */
  compose?: boolean;
}

const DISCLAIMER = `<p style="font-size:8pt;color:#666">Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de leurs destinataires. Ils peuvent contenir des informations couvertes par le secret médical. Si vous avez reçu ce message par erreur, merci d'en avertir immédiatement l'expéditeur et de le détruire. Toute utilisation, diffusion ou publication non autorisée est interdite. Le Centre Hospitalier Universitaire de Valmont décline toute responsabilité au titre de ce message s'il a été altéré, déformé ou falsifié.</p>`;

const signature = (lines: string[]): string => `<p>--<br>${lines.join('<br>')}</p>`;

export const SAMPLE_MAILS: SampleMail[] = [
  {
    id: 'cardio-consultations',
    folder: 'inbox',
    subject: 'Report des consultations du Dr Lemoine — semaine du 16 mars',
    from: { name: 'Dr Hélène Lemoine', address: 'helene.lemoine@chu-valmont.fr' },
    to: 'Secrétariat de cardiologie <secretariat.cardio@chu-valmont.fr>',
    date: '2026-03-09T08:42:00+01:00',
    conversationId: 'conv-cardio-0316',
    html: `<p>Bonjour à toutes,</p>
<p>Je serai en congrès à Lyon du lundi 16 au mercredi 18 mars inclus. Merci de reporter mes consultations de ces trois jours (environ 36 patients, dont 8 contrôles de pacemaker) sur les créneaux libérés par le Dr Martin la semaine suivante, en priorité les patients insuffisants cardiaques sortis récemment.</p>
<p>Pourriez-vous également prévenir l'équipe d'échographie que les ETO du mardi 17 sont à reprogrammer avant le 20 mars, et me transmettre la liste des patients que vous n'aurez pas réussi à joindre d'ici vendredi 13 mars ?</p>
<p>Les consultations du jeudi 19 sont maintenues.</p>
<p>Merci beaucoup pour votre aide,</p>
<p>Hélène Lemoine</p>
${signature(['Dr Hélène Lemoine', 'Praticien hospitalier — Service de cardiologie', 'CHU de Valmont — Bâtiment B, 2e étage', 'Tél. : 01 99 00 41 27 — Bip : 4127'])}
${DISCLAIMER}`,
    attachments: [],
  },
  {
    id: 'gestion-lits',
    folder: 'inbox',
    subject: 'URGENT — Tension sur les lits : point de situation à 14 h',
    from: { name: 'Cellule de gestion des lits', address: 'gestion.lits@chu-valmont.fr' },
    to: 'Cadres de santé des pôles MCO',
    date: '2026-03-10T09:15:00+01:00',
    conversationId: 'conv-lits-0310',
    html: `<p>Mesdames, Messieurs les cadres,</p>
<p>Les urgences comptent ce matin 27 patients en attente d'hospitalisation, dont 9 depuis plus de 12 heures. Le plan Hôpital en tension (niveau 1) est déclenché à compter de ce jour, 9 h.</p>
<p>Merci de nous communiquer <b>avant 13 h</b> :</p>
<ul><li>vos sorties prévues aujourd'hui et demain, avec l'heure estimée ;</li><li>les lits pouvant être ouverts en surnombre ;</li><li>les patients relevant d'un transfert en SMR ou en HAD.</li></ul>
<p>Un point de situation se tiendra à 14 h en salle de crise (bâtiment A, rez-de-chaussée) et par Teams. La présence d'un représentant par pôle est indispensable.</p>
<p>Cordialement,</p>
${signature(['Nathalie Girard', 'Cadre supérieure de santé — Cellule de gestion des lits', 'Poste 5580 — Tél. : 01 99 00 55 80 — Portable de garde : 06 39 98 12 34'])}
${DISCLAIMER}`,
    attachments: [],
  },
  {
    id: 'qualite-fei',
    folder: 'inbox',
    subject: "Déclaration d'événement indésirable n° 2026-0412 — erreur d'identification",
    from: { name: 'Direction qualité et gestion des risques', address: 'qualite@chu-valmont.fr' },
    to: 'Dr Paul Renaud; Mme Claire Fontaine',
    date: '2026-03-11T16:05:00+01:00',
    conversationId: 'conv-fei-0412',
    html: `<p>Bonjour,</p>
<p>Une fiche d'événement indésirable a été déclarée le 10 mars dans votre unité (médecine interne, 3e étage) : un prélèvement sanguin a été étiqueté au nom d'un autre patient présent dans la même chambre. L'erreur a été détectée par le laboratoire avant tout rendu de résultat ; il n'y a pas eu de conséquence pour les patients.</p>
<p>Compte tenu de la gravité potentielle (erreur d'identitovigilance), l'événement fera l'objet d'une analyse approfondie selon la méthode ALARM lors du prochain CREX, le <b>jeudi 26 mars à 14 h</b>.</p>
<p>Merci de bien vouloir :</p>
<ol><li>nous transmettre la chronologie des faits avant le 20 mars ;</li><li>identifier les professionnels présents qui pourraient participer à l'analyse ;</li><li>confirmer votre présence au CREX.</li></ol>
<p>Nous rappelons que la démarche est non punitive : l'objectif est de comprendre les causes et d'éviter la récidive.</p>
<p>Bien cordialement,</p>
${signature(['Claire Dubois', 'Ingénieure qualité — gestion des risques associés aux soins', 'Direction qualité, gestion des risques et relations avec les usagers', 'Tél. : 01 99 00 62 10'])}
${DISCLAIMER}`,
    attachments: [{ id: 'fei-2026-0412.pdf', name: 'FEI-2026-0412.pdf', contentType: 'application/pdf', size: 184320 }],
  },
  {
    id: 'biomed-pompes',
    folder: 'inbox',
    subject: 'Rappel de lot — pompes à perfusion Volumedic VP-300 (FSN du fabricant)',
    from: { name: 'Ingénierie biomédicale', address: 'biomedical@chu-valmont.fr' },
    to: 'Cadres de santé; Pharmacie; Correspondant local de matériovigilance',
    date: '2026-03-12T11:30:00+01:00',
    conversationId: 'conv-biomed-vp300',
    html: `<p>Bonjour,</p>
<p>Le fabricant Volumedic a diffusé le 11 mars un avis de sécurité (FSN) concernant les pompes volumétriques VP-300 des lots 2291 à 2297 : un défaut du capteur d'occlusion aval peut retarder l'alarme d'occlusion au-delà de 5 minutes à faible débit (inférieur à 5 mL/h).</p>
<p>Notre parc compte 64 pompes concernées, réparties en réanimation (22), en néonatologie (14), en oncologie (18) et au bloc (10).</p>
<p><b>Actions demandées :</b></p>
<ul><li>ne plus utiliser ces pompes pour les débits inférieurs à 5 mL/h à compter de ce jour ;</li><li>identifier les pompes concernées (étiquette orange apposée par nos techniciens) ;</li><li>nous les remettre avant le vendredi 20 mars pour la mise à jour du logiciel (version 4.2.1), intervention d'environ 20 minutes par pompe ;</li><li>signaler tout incident au correspondant local de matériovigilance.</li></ul>
<p>Des pompes de prêt sont disponibles au magasin biomédical (poste 4410).</p>
<p>Cordialement,</p>
${signature(['Julien Marchand', 'Ingénieur biomédical', 'Service biomédical — CHU de Valmont', 'Tél. : 01 99 00 44 10 — Astreinte : 06 39 98 44 10'])}
${DISCLAIMER}`,
    attachments: [{ id: 'fsn-vp300.pdf', name: 'FSN_Volumedic_VP300_2026-03.pdf', contentType: 'application/pdf', size: 412000 }],
  },
  {
    id: 'patient-dossier',
    folder: 'inbox',
    subject: 'Demande de copie de mon dossier médical',
    from: { name: 'Martine Roux', address: 'martine.roux58@exemple-mail.fr' },
    to: 'Accueil — relations avec les usagers <usagers@chu-valmont.fr>',
    date: '2026-03-12T21:47:00+01:00',
    conversationId: 'conv-patient-roux',
    html: `<p>Madame, Monsieur,</p>
<p>J'ai été hospitalisée dans votre service de chirurgie orthopédique du 2 au 9 février 2026 pour une prothèse de hanche. Mon médecin traitant, le Dr Perrin, me demande le compte rendu opératoire et la lettre de liaison, que je n'ai jamais reçus.</p>
<p>Pourriez-vous m'envoyer une copie de mon dossier médical complet, de préférence par courrier à mon domicile ? Je peux vous envoyer une copie de ma pièce d'identité si nécessaire.</p>
<p>Je vous remercie par avance et vous prie d'agréer mes salutations distinguées.</p>
<p>Martine Roux<br>12 rue des Tilleuls, 58000 Nevers<br>06 39 98 77 21</p>`,
    attachments: [],
  },
  {
    id: 'thread-formation',
    folder: 'inbox',
    subject: 'RE: RE: Formation AFGSU niveau 2 — planning des sessions d\'avril',
    from: { name: 'Sandrine Morel', address: 'sandrine.morel@chu-valmont.fr' },
    to: 'Secrétariat de cardiologie <secretariat.cardio@chu-valmont.fr>',
    date: '2026-03-13T10:02:00+01:00',
    conversationId: 'conv-afgsu-avril',
    html: `<p>Bonjour,</p>
<p>Parfait, je confirme donc les deux sessions : 7-8 avril pour Mmes Petit et Lefèvre, 21-22 avril pour M. Garnier. Il reste une place le 21-22 si vous avez quelqu'un d'autre. Merci de me renvoyer les fiches d'inscription signées par le cadre avant le 27 mars, sinon les places seront proposées à d'autres services.</p>
<p>Bonne journée,</p>
${signature(['Sandrine Morel', 'Assistante formation continue — Direction des ressources humaines', 'Tél. : 01 99 00 30 15'])}
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p><b>De :</b> Secrétariat de cardiologie &lt;secretariat.cardio@chu-valmont.fr&gt;<br><b>Envoyé :</b> jeudi 12 mars 2026 15:20<br><b>À :</b> Sandrine Morel &lt;sandrine.morel@chu-valmont.fr&gt;<br><b>Objet :</b> RE: Formation AFGSU niveau 2 — planning des sessions d'avril</p>
</div>
<p>Bonjour Madame Morel,</p>
<p>Merci pour ces propositions. Mmes Petit et Lefèvre (IDE) peuvent participer à la session des 7-8 avril. M. Garnier (aide-soignant de nuit) ne peut venir qu'à celle des 21-22 avril. Le planning du service ne permet pas de libérer plus de deux personnes sur la même session.</p>
<p>Cordialement,</p>
<p>Le secrétariat de cardiologie<br>Poste 4120</p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p><b>De :</b> Sandrine Morel &lt;sandrine.morel@chu-valmont.fr&gt;<br><b>Envoyé :</b> mardi 10 mars 2026 09:12<br><b>À :</b> Secrétariat de cardiologie &lt;secretariat.cardio@chu-valmont.fr&gt;<br><b>Cc :</b> Claire Fontaine &lt;claire.fontaine@chu-valmont.fr&gt;<br><b>Objet :</b> Formation AFGSU niveau 2 — planning des sessions d'avril</p>
</div>
<p>Bonjour,</p>
<p>Trois agents de votre service doivent renouveler leur attestation AFGSU niveau 2 avant fin mai (recyclage tous les 4 ans). Nous proposons deux sessions de deux jours au centre d'enseignement des soins d'urgence (CESU) : les 7 et 8 avril, et les 21 et 22 avril, de 9 h à 17 h.</p>
<p>Pourriez-vous m'indiquer qui participera à quelle session avant le vendredi 13 mars ?</p>
<p>Bien cordialement,</p>
${signature(['Sandrine Morel', 'Assistante formation continue — Direction des ressources humaines', 'Tél. : 01 99 00 30 15'])}
${DISCLAIMER}`,
    attachments: [{ id: 'inscription-afgsu.docx', name: 'Fiche_inscription_AFGSU2.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 48210 }],
  },
  {
    id: 'direction-astreintes',
    folder: 'inbox',
    subject: 'Nouvelle organisation des astreintes de direction à compter du 1er avril',
    from: { name: 'Direction générale', address: 'direction.generale@chu-valmont.fr' },
    to: 'Liste — Encadrement',
    date: '2026-03-13T14:40:00+01:00',
    conversationId: 'conv-astreintes',
    html: `<p>Mesdames, Messieurs,</p>
<p>À compter du 1er avril 2026, l'astreinte de direction sera joignable par un numéro unique, le 01 99 00 00 15, qui renverra automatiquement vers le directeur d'astreinte de la semaine. Les numéros individuels ne devront plus être utilisés.</p>
<p>Le tableau des astreintes sera publié chaque vendredi sur l'intranet (rubrique « Vie institutionnelle »). Les demandes d'échange devront être adressées au secrétariat de direction au moins 15 jours à l'avance.</p>
<p>Merci de diffuser cette information à vos équipes, en particulier aux équipes de nuit.</p>
<p>Bien cordialement,</p>
${signature(['Philippe Vasseur', 'Directeur général adjoint', 'CHU de Valmont — 1 avenue de la République, 58000 Valmont (adresse fictive)'])}
${DISCLAIMER}`,
    attachments: [],
  },
  {
    id: 'brouillon-reponse',
    folder: 'drafts',
    compose: true,
    subject: 'RE: Demande de copie de mon dossier médical',
    from: { name: 'Secrétariat de cardiologie', address: 'secretariat.cardio@chu-valmont.fr' },
    to: 'Martine Roux <martine.roux58@exemple-mail.fr>',
    date: '2026-03-13T16:00:00+01:00',
    conversationId: 'conv-patient-roux',
    html: `<p>Madame,</p><p>nous avons bien recu votre demande et on va voir ce qu'on peut faire pour le dossier, il faut une piece d'identité.</p><p>Cordialement</p>`,
    attachments: [],
  },
];
