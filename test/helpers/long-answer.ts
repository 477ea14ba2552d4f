/**
 * A very long streamed answer, for the stream-render e2e test and `npm run bench web`: about `size` characters of the
 * kind of Markdown a model writes (headings, paragraphs, nested lists, tables, code blocks, quotes), each section
 * numbered so that the end is recognisable, and the gateway's SSE wire format for it in small chunks.
 */

/** About `size` characters of Markdown, ending with « FIN DE LA RÉPONSE n ». */
export function longAnswer(size: number): string {
  const parts: string[] = [];
  let n = 0;
  let length = 0;
  while (length < size) {
    n++;
    const section = [
      `## Section ${n} : suivi des dossiers`,
      `Le service a traité **${n * 3} dossiers** cette semaine ; les délais de réponse restent *stables* et la file d'attente diminue. Les points suivants demandent une action.`,
      `- relancer le secrétariat de cardiologie (dossier ${n}-A)\n- vérifier les convocations du ${1 + (n % 28)} mars\n  - avec l'équipe de nuit\n- archiver les comptes rendus signés`,
      n % 5 === 0 ? '| Unité | Dossiers | Délai |\n|---|---|---|\n| Cardiologie | 12 | 3 j |\n| Pneumologie | 8 | 2 j |' : `1. première étape\n2. deuxième étape\n3. troisième étape`,
      n % 9 === 0 ? '```\nréférence interne ' + n + '\nsans mise en forme\n```' : `> Note : à revoir lors de la réunion ${n}.`,
    ].join('\n\n');
    parts.push(section);
    length += section.length + 2;
  }
  parts.push(`FIN DE LA RÉPONSE ${n}`);
  return parts.join('\n\n');
}

/** What the gateway sends for `answer` cut into `chunk`-character pieces (OpenAI chat.completion.chunk events, then [DONE]). */
export function sseOf(answer: string, chunk = 4): { body: string; chunks: number } {
  const event = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-long', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-test', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const parts: string[] = [];
  for (let i = 0; i < answer.length; i += chunk) {
    const content = answer.slice(i, i + chunk);
    parts.push(event(i === 0 ? { role: 'assistant', content } : { content }, null));
  }
  return { body: parts.join('') + event({}, 'stop') + 'data: [DONE]\n\n', chunks: parts.length };
}
