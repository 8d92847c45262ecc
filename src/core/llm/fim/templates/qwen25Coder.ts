import type { FimTemplate } from '../fimTemplate';

/**
 * Qwen2.5-Coder (and Qwen3-Coder): PSM tokens, and the repo-level format it was trained on —
 * `<|repo_name|>`, then each file after `<|file_sep|>path\n`, the current file last.
 */
export const qwen25Coder: FimTemplate = {
  id: 'qwen25-coder',
  description: 'Qwen2.5-Coder <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|> with <|repo_name|>/<|file_sep|> repo context',
  render({ prefix, suffix, filePath, repoName, snippets }) {
    const fim = `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`;
    const repoLevel = Boolean(repoName || snippets?.length);
    const prompt = repoLevel
      ? [
          repoName ? `<|repo_name|>${repoName}\n` : '',
          ...(snippets ?? []).map((s) => `<|file_sep|>${s.path}\n${s.content.replace(/\n?$/, '\n')}`),
          filePath ? `<|file_sep|>${filePath}\n` : '',
          fim,
        ].join('')
      : fim;
    return {
      kind: 'raw',
      prompt,
      stop: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_start|>', '<|im_end|>'],
    };
  },
};
