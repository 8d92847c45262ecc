import type { FimTemplate } from '../fimTemplate';
import { snippetsAsComments } from '../snippetComments';

/**
 * For endpoints whose /v1/completions takes a `suffix` field and applies the model's FIM format
 * itself (DeepSeek's beta API, vLLM/Ollama with FIM-capable models). Repo context as comments.
 */
export const suffixField: FimTemplate = {
  id: 'suffix-field',
  description: 'prompt + `suffix` field of /v1/completions (the server applies the FIM format)',
  render({ prefix, suffix, filePath, languageId, snippets }) {
    return { kind: 'suffix', prompt: `${snippetsAsComments(snippets, languageId, filePath)}${prefix}`, suffix, stop: [] };
  },
};
