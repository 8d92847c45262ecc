import type { FimTemplate } from '../fimTemplate';

/**
 * StarCoder2: PSM tokens and its repository format (`<repo_name>name<file_sep>path\ncode…`), the
 * current file last with the FIM tokens inside it.
 */
export const starcoder2: FimTemplate = {
  id: 'starcoder2',
  description: 'StarCoder2 <repo_name>/<file_sep> repo context + <fim_prefix>…<fim_suffix>…<fim_middle>',
  render({ prefix, suffix, filePath, repoName, snippets }) {
    const fim = `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`;
    const repoLevel = Boolean(repoName || snippets?.length);
    const prompt = repoLevel
      ? [
          repoName ? `<repo_name>${repoName}` : '',
          ...(snippets ?? []).map((s) => `<file_sep>${s.path}\n${s.content.replace(/\n?$/, '\n')}`),
          filePath ? `<file_sep>${filePath}\n` : '<file_sep>',
          fim,
        ].join('')
      : fim;
    return {
      kind: 'raw',
      prompt,
      stop: ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<repo_name>'],
    };
  },
};
