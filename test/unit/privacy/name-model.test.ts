/**
 * The trained name model (src/core/privacy/name-model.ts, weights in name-model-data.ts written by
 * bench/train-names.ts): the shipped file loads, decodes to the same weights every time, scores deterministically, and
 * the three ways of finding names relate as they should (both = the rules' names and the model's).
 */
import { detectIdentifiers, type PrivacyOptions } from '../../../src/core/privacy';
import { nameTokens } from '../../../src/core/privacy/detect';
import { decodeBase64, decodeModel, nameModel, scoreToken } from '../../../src/core/privacy/name-model';
import { NAME_MODEL_DATA } from '../../../src/core/privacy/name-model-data';

const persons = (text: string, names: PrivacyOptions['names']): string[] =>
  detectIdentifiers(text, { names }).filter((e) => e.type === 'PERSONNE').map((e) => e.value);

describe('the shipped model file', () => {
  it('decodes to a trained model: thousands of weights, finite thresholds, a filled common-word filter', () => {
    const m = nameModel();
    expect(m.weights.length).toBe(1 << NAME_MODEL_DATA.bits);
    let nonZero = 0;
    for (const w of m.weights) if (w !== 0) nonZero++;
    expect(nonZero).toBeGreaterThan(1000);
    expect(Number.isFinite(m.threshold) && Number.isFinite(m.thresholdWithRules)).toBe(true);
    expect(m.scale).toBeGreaterThan(0);
    let set = 0;
    for (const b of m.common) set += b ? 1 : 0;
    expect(set).toBeGreaterThan(1000);
  });

  it('is decoded once, and decoding again gives the same weights byte for byte', () => {
    expect(nameModel()).toBe(nameModel());
    const again = decodeModel(NAME_MODEL_DATA);
    expect(Buffer.from(again.weights.buffer).equals(Buffer.from(nameModel().weights.buffer))).toBe(true);
    expect(Buffer.from(again.common).equals(Buffer.from(nameModel().common))).toBe(true);
  });

  it('base64 decoding agrees with Node for every length', () => {
    for (let len = 0; len < 40; len++) {
      const bytes = Buffer.from(Array.from({ length: len }, (_, i) => (i * 37 + len) & 0xff));
      expect(Buffer.from(decodeBase64(bytes.toString('base64'))).equals(bytes)).toBe(true);
    }
  });
});

describe('scores and findings', () => {
  const text = 'Vu en consultation avec Ngozi Adebayo et le Dr Okonkwo.\nCompte rendu : Service de Pneumologie, CHRU de Nancy.';

  it('are the same on every call', () => {
    const m = nameModel();
    const tk = nameTokens(text);
    const first = tk.start.map((_, i) => scoreToken(m, text, tk, i));
    const second = tk.start.map((_, i) => scoreToken(m, text, tk, i));
    expect(second).toEqual(first);
    expect(detectIdentifiers(text, { names: 'model' })).toEqual(detectIdentifiers(text, { names: 'model' }));
  });

  it('score a name above an institution word', () => {
    const m = nameModel();
    const tk = nameTokens(text);
    const score = (word: string): number => scoreToken(m, text, tk, tk.start.findIndex((s, i) => text.slice(s, tk.end[i]) === word));
    expect(score('Adebayo')).toBeGreaterThan(m.threshold);
    expect(score('Adebayo')).toBeGreaterThan(score('Service'));
  });

  it('the model alone finds names in a list and a signature, and not the institution', () => {
    const found = persons('Présents : Kwame Mensah, Abena Owusu.\nCordialement,\nYaw Boateng', 'model');
    expect(found).toEqual(expect.arrayContaining(['Kwame Mensah', 'Abena Owusu', 'Yaw Boateng']));
    expect(persons('Transfert au CHRU de Nancy prévu demain.', 'model')).toEqual([]);
  });

  it('both finds every name the rules find', () => {
    const texts = [
      text,
      'Bonjour Fatoumata,\nle patient DUPONT est sorti. Relu par C. Lambourde et P.E. Jaillet.',
      'I met John Carter and Aditi Rao at the clinic.\nKind regards,\nAbena Owusu',
    ];
    for (const t of texts) {
      const both = detectIdentifiers(t, { names: 'both' }).filter((e) => e.type === 'PERSONNE');
      for (const r of detectIdentifiers(t, { names: 'rules' }).filter((e) => e.type === 'PERSONNE'))
        expect(both.some((b) => b.start <= r.start && r.end <= b.end)).toBe(true);
    }
  });
});
