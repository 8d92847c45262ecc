import type { FimTemplate, FimTemplateId } from './fimTemplate';
import { chatCompletion } from './templates/chatCompletion';
import { codeGemma } from './templates/codeGemma';
import { codeLlama } from './templates/codeLlama';
import { codestral } from './templates/codestral';
import { deepseekCoder } from './templates/deepseekCoder';
import { qwen25Coder } from './templates/qwen25Coder';
import { starcoder } from './templates/starcoder';
import { starcoder2 } from './templates/starcoder2';
import { suffixField } from './templates/suffixField';

/** Every FIM template by id; adding a family is one file and one line here. */
export const FIM_TEMPLATES: Readonly<Record<FimTemplateId, FimTemplate>> = {
  'qwen25-coder': qwen25Coder,
  'deepseek-coder': deepseekCoder,
  starcoder,
  starcoder2,
  codellama: codeLlama,
  codestral,
  codegemma: codeGemma,
  'suffix-field': suffixField,
  chat: chatCompletion,
};
