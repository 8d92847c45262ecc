import type { FimTemplate } from '../fimTemplate';

/**
 * Codestral: suffix first (`[SUFFIX]…[PREFIX]…`). Other files go at the top of the prefix after
 * `+++++ path` lines, the multi-file layout Mistral's tooling uses.
 */
export const codestral: FimTemplate = {
  id: 'codestral',
  description: 'Codestral [SUFFIX]…[PREFIX]… with +++++ path file headers',
  render({ prefix, suffix, filePath, snippets }) {
    const files = snippets?.length
      ? `${snippets.map((s) => `+++++ ${s.path}\n${s.content.replace(/\n?$/, '\n')}`).join('\n')}\n${filePath ? `+++++ ${filePath}\n` : ''}`
      : '';
    return {
      kind: 'raw',
      prompt: `[SUFFIX]${suffix}[PREFIX]${files}${prefix}`,
      stop: ['[PREFIX]', '[SUFFIX]', '[MIDDLE]', '</s>'],
    };
  },
};
