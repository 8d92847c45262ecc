/**
 * Which FIM format a model speaks, from its name as endpoints list it ("qwen2.5-coder:1.5b-base",
 * "Qwen/Qwen2.5-Coder-7B", "deepseek-coder-v2:16b", "codestral-latest"…). Unknown names get
 * undefined: the caller falls back to a chat-style prompt, which every chat model can answer.
 */
import type { FimTemplateId } from './fimTemplate';

const RULES: readonly [RegExp, FimTemplateId][] = [
  [/qwen[\d.]*[-_ ]?coder/i, 'qwen25-coder'],
  [/deepseek[-_ ]?coder/i, 'deepseek-coder'],
  [/starcoder2/i, 'starcoder2'],
  [/starcoder|santacoder/i, 'starcoder'],
  [/code[-_ ]?llama/i, 'codellama'],
  [/codestral/i, 'codestral'],
  [/code[-_ ]?gemma/i, 'codegemma'],
];

export function detectFamily(model: string): FimTemplateId | undefined {
  // Only the last path segment names the model ("TheBloke/CodeLlama-7B-GGUF" → "CodeLlama-7B-GGUF").
  const name = model.split('/').pop() ?? model;
  return RULES.find(([re]) => re.test(name))?.[1];
}
