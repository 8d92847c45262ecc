import type { FimTemplate } from '../fimTemplate';

/** CodeGemma: `<|fim_prefix|>` tokens (same spelling as Qwen) and `<|file_separator|>` between files. */
export const codeGemma: FimTemplate = {
  id: 'codegemma',
  description: 'CodeGemma <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|> with <|file_separator|> files',
  render({ prefix, suffix, filePath, snippets }) {
    const files = snippets?.length
      ? `${snippets.map((s) => `<|file_separator|>${s.path}\n${s.content.replace(/\n?$/, '\n')}`).join('')}<|file_separator|>${filePath ? `${filePath}\n` : ''}`
      : '';
    return {
      kind: 'raw',
      prompt: `${files}<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
      stop: ['<|file_separator|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<end_of_turn>', '<eos>'],
    };
  },
};
