import { htmlToText, htmlToTextDetailed } from '../../../src/core/mail';

describe('htmlToText', () => {
  it('turns paragraphs, line breaks, lists and tables into lines; keeps link text; drops head, style, script', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style><script>alert(1)</script></head><body>
      <p>Premier paragraphe,<br>deuxième ligne.</p><p>Second &amp; dernier&nbsp;paragraphe.</p>
      <ul><li>un</li><li>deux <a href="https://x.fr">lien</a></li></ul><ol><li>premier</li><li>second</li></ol>
      <table><tr><th>Jour</th><th>Médecin</th></tr><tr><td>Lundi</td><td>Dr G.</td></tr></table>
      <!-- commentaire --><pre>  a  b\n  c</pre></body></html>`;
    const text = htmlToText(html);
    expect(text).toBe('Premier paragraphe,\ndeuxième ligne.\n\nSecond & dernier paragraphe.\n\n- un\n- deux lien\n\n1. premier\n2. second\n\nJour | Médecin\nLundi | Dr G.\n\n  a  b\n  c');
    expect(text).not.toMatch(/alert|color|commentaire|\bT\b/);
  });
  it('renders blockquotes as > lines, nested ones as >>', () => {
    expect(htmlToText('<div>Réponse</div><blockquote>Cité<blockquote>Plus ancien</blockquote></blockquote>')).toBe('Réponse\n\n> Cité\n>\n>> Plus ancien');
  });
  it('keeps Outlook desktop empty paragraphs as blank lines', () => {
    expect(htmlToText('<p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Texte<o:p></o:p></p>')).toBe('Bonjour,\n\nTexte');
  });
  it('sets quoted and signature containers aside in clean mode only', () => {
    const html = '<div>Mot</div><div class="gmail_signature">Sig</div><div class="gmail_quote">Cité</div>';
    expect(htmlToText(html)).toContain('Cité');
    const clean = htmlToTextDetailed(html, { clean: true });
    expect(clean).toEqual({ text: 'Mot', quoted: 'Cité', signature: 'Sig', hidden: { chars: 0, fragments: [] } });
  });
  it('survives broken markup: unclosed tags, stray closers, bad entities', () => {
    expect(htmlToText('<div><p>Un<div>deux</span></b></td>trois &bogus; &#xZZ; <b>gras')).toBe('Un\ndeuxtrois &bogus; &#xZZ; gras');
  });
});
