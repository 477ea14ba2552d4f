/** Where a streamed answer is cut into blocks rendered once each (src/taskpane/streamed-answer.tsx). */
import { AnswerBlocks, RENDER_BUDGET, splitBlocks } from '../../../src/taskpane/streamed-answer';
import { longAnswer } from '../../helpers/long-answer';

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

/** What the page shows: the patches applied to a list of block "nodes" and a growing block, as AnswerView does. */
function screen(blocks: AnswerBlocks) {
  const nodes: string[] = [];
  let tail = '';
  return {
    paint(budget?: number) {
      const patch = blocks.render(budget);
      nodes.length = Math.min(nodes.length, patch.keep);
      nodes.push(...patch.add);
      if (patch.tail !== undefined) tail = patch.tail;
      return patch;
    },
    /** Until nothing is pending, as the page does in the next tasks. */
    settle() {
      while (this.paint().pending);
    },
    get text() {
      return nodes.length ? `${nodes.join('\n')}\n${tail}` : tail;
    },
  };
}

/** Markdown "rendered" as itself: what is on screen can be compared with the text. */
const identity = (md: string) => md;
const ANSWER = `${longAnswer(60_000)}\n\n- a\n\n- b\n\n\`\`\`\ncode\n\n\nmore\n\`\`\`\n\nlast words`;

test('streamed in small chunks, the screen always shows the text so far, cut as splitBlocks cuts it', () => {
  const blocks = new AnswerBlocks(identity);
  const shown = screen(blocks);
  let text = '';
  for (let i = 0; i < ANSWER.length; i += 4) {
    text += ANSWER.slice(i, i + 4);
    if (i % 400 !== 0) continue;
    blocks.update(text);
    shown.settle();
    expect(shown.text.trim() ? shown.text : '').toBe(text.trim() ? text : '');
  }
  blocks.update(ANSWER);
  shown.settle();
  expect(shown.text).toBe(ANSWER);
  expect(blocks.blocks().slice(0, -1)).toEqual(splitBlocks(ANSWER).slice(0, blocks.blocks().length - 1));
});

test('the work is linear in the answer: each finished block rendered once, only the growing block again at each frame', () => {
  const frames = [100, 1000];
  for (const every of frames) {
    const calls: string[] = [];
    const blocks = new AnswerBlocks((md) => (calls.push(md), md));
    const shown = screen(blocks);
    for (let end = every; end < ANSWER.length + every; end += every) {
      blocks.update(ANSWER.slice(0, end));
      shown.settle();
    }
    expect(shown.text).toBe(ANSWER);
    const finished = blocks.blocks().slice(0, -1);
    // Each finished block rendered once; beyond those, one growing block per pass at most.
    expect(blocks.stats.finishedRenders).toBe(blocks.finishedBlocks);
    expect(blocks.finishedBlocks).toBe(finished.length);
    expect(blocks.stats.renders).toBeLessThanOrEqual(finished.length + blocks.stats.passes);
    const largestBlock = Math.max(...splitBlocks(ANSWER).map((b) => b.length));
    const updates = Math.ceil(ANSWER.length / every);
    // Beyond rendering the answer once, at most the growing block (one block and the lines after it) per update.
    expect(blocks.stats.renderedChars - ANSWER.length).toBeLessThanOrEqual(updates * (largestBlock + every));
    expect(blocks.stats.renderedChars).toBeLessThan(ANSWER.length * (every >= 1000 ? 2 : 6));
    console.log(`update every ${every} chars: ${blocks.stats.renderedChars} characters rendered for ${ANSWER.length} (×${(blocks.stats.renderedChars / ANSWER.length).toFixed(2)}), ${blocks.stats.renders} renders`);
  }
});

test('a text that is not a continuation keeps every block before the first change', () => {
  const calls: string[] = [];
  const blocks = new AnswerBlocks((md) => (calls.push(md), md));
  const shown = screen(blocks);
  blocks.update(ANSWER);
  shown.settle();
  const at = ANSWER.indexOf('## Section 70 ');
  const changed = ANSWER.slice(0, at) + '## Section soixante-dix ' + ANSWER.slice(at + '## Section 70 '.length);
  calls.length = 0;
  blocks.update(changed);
  shown.settle();
  expect(shown.text).toBe(changed);
  // Only from the block before the change (whose end the change decides) to the end is rendered again.
  const redone = calls.reduce((n, c) => n + c.length, 0);
  expect(redone).toBeLessThanOrEqual(changed.length - at + 2000);
  // Shorter, then empty (a new run): nothing of the old text stays on screen.
  blocks.update(ANSWER.slice(0, 5000));
  shown.settle();
  expect(shown.text).toBe(ANSWER.slice(0, 5000));
  blocks.update('');
  shown.settle();
  expect(shown.text).toBe('');
  blocks.update('# Nouveau\n\ntexte');
  shown.settle();
  expect(shown.text).toBe('# Nouveau\n\ntexte');
});

test('a long answer shown at once is rendered a budget at a time, the growing block hidden until its blocks are there', () => {
  const blocks = new AnswerBlocks(identity);
  const shown = screen(blocks);
  blocks.update('début\n\n');
  shown.settle();
  blocks.update(ANSWER);
  let passes = 0;
  for (let patch = shown.paint(RENDER_BUDGET); ; patch = shown.paint(RENDER_BUDGET)) {
    passes++;
    const rendered = patch.add.reduce((n, h) => n + h.length, 0);
    // A budget, plus the block that crosses it.
    expect(rendered).toBeLessThanOrEqual(RENDER_BUDGET + 2000);
    if (!patch.pending) break;
    expect(patch.tail ?? '').toBe('');
  }
  expect(passes).toBeGreaterThanOrEqual(Math.floor(ANSWER.length / (RENDER_BUDGET + 2000)));
  expect(shown.text).toBe(ANSWER);
});
