/**
 * The preview host's sample Word document: a note de service, as HTML blocks (one per paragraph, heading or list)
 * so that the preview can place an insertion after the block the user clicked, as Word inserts at the cursor.
 * Names and numbers are fictitious.
 */

export const SAMPLE_DOCUMENT_TITLE = 'Note de service — hygiène des mains.docx';

export const SAMPLE_DOCUMENT_BLOCKS: string[] = [
  '<p style="margin:0"><strong>Centre Hospitalier Universitaire de Valmont</strong><br>Direction des soins<br>Équipe opérationnelle d\'hygiène</p>',
  '<p style="text-align:right">Valmont, le 9 mars 2026</p>',
  '<h1>Note de service n° 2026-014</h1>',
  '<p><strong>Objet :</strong> campagne d\'audit de l\'hygiène des mains — pôles médecine et chirurgie<br><strong>Destinataires :</strong> cadres de santé, médecins responsables d\'unité, équipes soignantes<br><strong>Références :</strong> recommandations SF2H 2018 ; indicateur ICSHA</p>',
  '<p>La consommation de produits hydro-alcooliques (indicateur ICSHA) de l\'établissement a baissé de 12 % en 2025. Pour y remédier, l\'équipe opérationnelle d\'hygiène conduira une campagne d\'audit des pratiques du 23 mars au 10 avril 2026.</p>',
  '<h2>Déroulement</h2>',
  '<ul><li>observation de 30 opportunités d\'hygiène des mains par unité, sur deux périodes de 45 minutes ;</li><li>restitution des résultats à chaque unité dans la semaine suivant l\'audit ;</li><li>synthèse présentée au CLIN du 12 mai 2026.</li></ul>',
  '<h2>Ce qui est attendu des unités</h2>',
  '<p>Chaque cadre de santé désigne un référent hygiène et transmet son nom à l\'EOH (poste 6230) avant le 18 mars. Les distributeurs de solution hydro-alcoolique doivent être vérifiés et réapprovisionnés avant le début de l\'audit.</p>',
  '<p style="margin-left:50%">Dr Anne Caron<br>Praticien hygiéniste, présidente du CLIN</p>',
];
