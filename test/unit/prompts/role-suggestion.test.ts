/** The role suggested from a directory job title: whole words, accents and case ignored, field words before grades. */
import { normalizeJobTitle, suggestRoleFromJobTitle } from '../../../src/core/prompts/role-suggestion';

test.each([
  ['Secrétaire médicale', 'secretary'],
  ['SECRETAIRE MEDICALE - CARDIOLOGIE', 'secretary'],
  ['Assistante médico-administrative', 'secretary'],
  ['Assistant médico administratif (AMA)', 'secretary'],
  ['AMA consultations externes', 'secretary'],
  ['Assistante de direction', 'secretary'],
  ['Secrétaire médicale, service de médecine interne', 'secretary'],
  ['Qualiticienne', 'quality'],
  ['Responsable qualité', 'quality'],
  ['Ingénieure qualité — gestion des risques associés aux soins', 'quality'],
  ['Gestionnaire des risques', 'quality'],
  ['Assistante qualité', 'quality'],
  ['Médecin', 'physician'],
  ['Praticienne hospitalière', 'physician'],
  ['PH anesthésie-réanimation', 'physician'],
  ['Chef de clinique - assistant des hôpitaux', 'physician'],
  ['Interne en médecine générale', 'physician'],
  ['Docteur junior', 'physician'],
  ['Ingénieur biomédical', 'engineer'],
  ['Technicienne biomédicale', 'engineer'],
  ['Informaticien', 'engineer'],
  ['Responsable des travaux', 'engineer'],
  ['Ingénieur', 'engineer'],
])('%s → %s', (title, role) => {
  expect(suggestRoleFromJobTitle(title)).toBe(role);
});

test.each([
  ['Cadre de santé - médecine interne'], // a specialty, not an intern
  ['Pharmacien'], // "ph" is a whole word only
  ['Amandine'], // neither "AMA"
  ['Internet et réseaux'],
  ['Directeur des ressources humaines'],
  [''],
  ['   '],
])('no suggestion for %j', (title) => {
  expect(suggestRoleFromJobTitle(title)).toBeNull();
});

test('null and undefined give no suggestion', () => {
  expect(suggestRoleFromJobTitle(null)).toBeNull();
  expect(suggestRoleFromJobTitle(undefined)).toBeNull();
});

test('normalisation drops accents, case and punctuation', () => {
  expect(normalizeJobTitle("  Ingénieure  QUALITÉ / gestion d'équipe ")).toBe('ingenieure qualite gestion d equipe');
});
