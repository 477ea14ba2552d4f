/** Where a streamed answer is cut into blocks rendered once each (src/taskpane/streamed-answer.tsx). */
import { splitBlocks } from '../../../src/taskpane/streamed-answer';

test('blocks put back together give the answer, whatever it holds', () => {
  for (const md of ['', 'a', 'a\n\nb', '# T\n\npara\n\n\n\n- x\n- y\n\n```\ncode\n\nmore\n```\n\nend\n', '\n\n\nx\n\n']) {
    expect(splitBlocks(md).join('\n')).toBe(md);
  }
});

test('cut between paragraphs, headings and tables; never inside a code fence, a list or an indented part', () => {
  const md = ['## Titre', 'Un paragraphe.', '- un\n- deux', '- trois (même liste)', '```\nligne\n\nautre ligne\n```', '1. a', '2. b', '    code indenté', '| a | b |\n|---|---|\n| 1 | 2 |', 'Fin.'].join('\n\n');
  const blocks = splitBlocks(md).map((b) => b.trim());
  expect(blocks).toEqual(['## Titre', 'Un paragraphe.', '- un\n- deux\n\n- trois (même liste)', '```\nligne\n\nautre ligne\n```', '1. a\n\n2. b\n\n    code indenté', '| a | b |\n|---|---|\n| 1 | 2 |', 'Fin.']);
});

test('an unclosed fence (still streaming) keeps the rest in one growing block', () => {
  const blocks = splitBlocks('avant\n\n```\nx\n\ny');
  expect(blocks).toEqual(['avant\n', '```\nx\n\ny']);
});
