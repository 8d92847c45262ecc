import type { FimTemplate } from '../fimTemplate';
import { snippetsAsComments } from '../snippetComments';

/** StarCoder / StarCoderBase (v1): PSM tokens; repo context as commented files. */
export const starcoder: FimTemplate = {
  id: 'starcoder',
  description: 'StarCoder <fim_prefix>…<fim_suffix>…<fim_middle>',
  render({ prefix, suffix, filePath, languageId, snippets }) {
    const context = snippetsAsComments(snippets, languageId, filePath);
    return {
      kind: 'raw',
      prompt: `<fim_prefix>${context}${prefix}<fim_suffix>${suffix}<fim_middle>`,
      stop: ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>'],
    };
  },
};
