import type { FimTemplate } from '../fimTemplate';
import { snippetsAsComments } from '../snippetComments';

/**
 * DeepSeek-Coder v1 and v2 (same FIM tokens; note the full-width bars and ▁). Repo context as
 * commented files, as in its repository-level pre-training data.
 */
export const deepseekCoder: FimTemplate = {
  id: 'deepseek-coder',
  description: 'DeepSeek-Coder v1/v2 <｜fim▁begin｜>…<｜fim▁hole｜>…<｜fim▁end｜>',
  render({ prefix, suffix, filePath, languageId, snippets }) {
    const context = snippetsAsComments(snippets, languageId, filePath);
    return {
      kind: 'raw',
      prompt: `<｜fim▁begin｜>${context}${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`,
      stop: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<|EOT|>'],
    };
  },
};
