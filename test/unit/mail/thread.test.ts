import { assembleThread, rebuildThread, type MailMessage } from '../../../src/core/mail';

describe('rebuildThread', () => {
  it('splits Outlook history into messages, oldest first, with sender, date and subject', () => {
    const text = [
      'Je confirme pour jeudi.',
      '',
      'Cordialement,',
      'Marie',
      '',
      '________________________________',
      'De : Paul Garnier <paul.garnier@chu.fr>',
      'Envoyé : mardi 5 mars 2024 09:00',
      'À : Marie Lefèvre <marie.lefevre@chu.fr>',
      'Objet : RE: Staff',
      '',
      'Jeudi 14h vous convient-il ?',
      '',
      'De : Marie Lefèvre <marie.lefevre@chu.fr>',
      'Envoyé : lundi 4 mars 2024 17:30',
      'À : Paul Garnier <paul.garnier@chu.fr>',
      'Objet : Staff',
      '',
      'Quand faisons-nous le staff ?',
    ].join('\n');
    const thread = rebuildThread({ text, from: 'Marie Lefèvre' });
    expect(thread).toEqual([
      { from: 'Marie Lefèvre <marie.lefevre@chu.fr>', date: 'lundi 4 mars 2024 17:30', subject: 'Staff', text: 'Quand faisons-nous le staff ?' },
      { from: 'Paul Garnier <paul.garnier@chu.fr>', date: 'mardi 5 mars 2024 09:00', subject: 'RE: Staff', text: 'Jeudi 14h vous convient-il ?' },
      { from: 'Marie Lefèvre', text: 'Je confirme pour jeudi.' },
    ]);
  });
  it('follows nested > quoting with attributions, and HTML blockquotes', () => {
    const text = 'C’est fait.\n\nLe mar. 5 mars 2024 à 09:00, Paul <p@x.fr> a écrit :\n> Pouvez-vous le faire ?\n>\n> Le lun. 4 mars 2024 à 17:30, Marie <m@x.fr> a écrit :\n>> Le dossier est arrivé.\n';
    const thread = rebuildThread({ text });
    expect(thread.map((m) => [m.from, m.text])).toEqual([
      ['Marie <m@x.fr>', 'Le dossier est arrivé.'],
      ['Paul <p@x.fr>', 'Pouvez-vous le faire ?'],
      [undefined, 'C’est fait.'],
    ]);
    const html = '<div>C’est fait.</div><div class="gmail_quote"><div class="gmail_attr">Le mar. 5 mars 2024 à 09:00, Paul &lt;p@x.fr&gt; a écrit&nbsp;:</div><blockquote class="gmail_quote">Pouvez-vous le faire ?</blockquote></div>';
    expect(rebuildThread({ html }).map((m) => m.text)).toEqual(['Pouvez-vous le faire ?', 'C’est fait.']);
  });
  it('returns the mail alone when there is no history, and nothing for an empty mail', () => {
    expect(rebuildThread({ text: 'Bonjour,\nUn seul message.' })).toEqual([{ text: 'Bonjour,\nUn seul message.' }]);
    expect(rebuildThread({ text: '' })).toEqual([]);
  });
});

describe('assembleThread', () => {
  const msgs: MailMessage[] = Array.from({ length: 12 }, (_, i) => ({
    from: `Personne ${i + 1}`,
    date: `2024-03-${String(i + 1).padStart(2, '0')}`,
    subject: i === 0 ? 'Planning' : 'RE: Planning',
    text: `Message numéro ${i + 1}. ` + 'Une phrase de contenu utile pour le résumé. '.repeat(8),
  }));

  it('keeps every message once, in order, with a header, and the subject only when it changes', () => {
    const r = assembleThread(msgs);
    expect(r.used).toEqual(msgs.map((_, i) => i));
    expect(r.condensed).toEqual([]);
    expect(r.text.match(/Planning/g)).toHaveLength(1);
    expect(r.text.indexOf('Message numéro 1.')).toBeLessThan(r.text.indexOf('Message numéro 12.'));
    expect(r.text).toContain('[12/12] Personne 12 · 2024-03-12');
  });
  it('drops exact repeats and paragraphs already said, and says which', () => {
    const para = 'Le bloc opératoire sera fermé le 12 mars pour maintenance de la ventilation.';
    const r = assembleThread([
      { text: para },
      { text: para },
      { text: `D’accord.\n\n${para}` },
      { text: '' },
    ]);
    expect(r.duplicates).toEqual([1]);
    expect(r.omitted).toEqual([1, 3]);
    expect(r.used).toEqual([0, 2]);
    expect(r.text.split(para)).toHaveLength(2);
    expect(r.text).toContain('D’accord.');
  });
  it('over budget, condenses the oldest first and reports them; the newest stays whole', () => {
    const full = assembleThread(msgs).text.length;
    const r = assembleThread(msgs, { budgetChars: Math.floor(full * 0.7), condensedChars: 120 });
    expect(r.text.length).toBeLessThanOrEqual(Math.floor(full * 0.7));
    expect(r.omitted).toEqual([]);
    expect(r.condensed.length).toBeGreaterThan(0);
    expect(r.condensed[0]).toBe(0);
    // Condensed ones are a prefix of the thread: oldest first.
    expect(r.condensed).toEqual(r.condensed.map((_, i) => i));
    expect(r.condensed).not.toContain(11);
    expect(r.used).toEqual(msgs.map((_, i) => i));
    expect(r.text).toContain('[…]');
    expect(r.text).toContain(msgs[11].text.trim());
  });
  it('when even condensed history does not fit, leaves out the oldest and says so in the text', () => {
    const r = assembleThread(msgs, { budgetChars: 900 });
    expect(r.text.length).toBeLessThanOrEqual(900);
    expect(r.omitted.length).toBeGreaterThan(0);
    expect(r.omitted[0]).toBe(0);
    expect(r.used).toContain(11);
    expect([...r.used, ...r.omitted].sort((a, b) => a - b)).toEqual(msgs.map((_, i) => i));
    expect(r.text).toMatch(/earlier message\(s\) left out/);
  });
  it('a single message over budget is shortened, and reported as condensed', () => {
    const r = assembleThread([{ text: 'Mot. '.repeat(500) }], { budgetChars: 200 });
    expect(r.text.length).toBeLessThanOrEqual(200);
    expect(r.condensed).toEqual([0]);
  });
});
