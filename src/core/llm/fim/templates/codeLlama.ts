import type { FimTemplate } from '../fimTemplate';
import { snippetsAsComments } from '../snippetComments';

/** Code Llama (base and code variants): `<PRE> prefix <SUF>suffix <MID>`, spaces as in Meta's reference code. */
export const codeLlama: FimTemplate = {
  id: 'codellama',
  description: 'Code Llama <PRE> … <SUF>… <MID>',
  render({ prefix, suffix, filePath, languageId, snippets }) {
    const context = snippetsAsComments(snippets, languageId, filePath);
    return {
      kind: 'raw',
      prompt: `<PRE> ${context}${prefix} <SUF>${suffix} <MID>`,
      stop: ['<PRE>', '<SUF>', '<MID>', '<EOT>', '</s>'],
    };
  },
};
