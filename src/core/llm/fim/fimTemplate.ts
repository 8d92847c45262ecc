/**
 * A FIM template turns the completion pipeline's pieces (prefix, suffix, other files) into what one
 * model family was trained on. One file per family under ./templates, each with golden cases in
 * test/unit/core/llm/fim/golden/<id>.toml.
 */
import type { ChatMessage, FimSnippet } from '../types';

export type FimTemplateId =
  | 'qwen25-coder' | 'deepseek-coder' | 'starcoder' | 'starcoder2' | 'codellama' | 'codestral' | 'codegemma' | 'suffix-field' | 'chat';

export interface FimInput {
  readonly prefix: string;
  readonly suffix: string;
  readonly filePath?: string;
  readonly languageId?: string;
  readonly repoName?: string;
  readonly snippets?: readonly FimSnippet[];
}

export type FimPrompt =
  /** One prompt string with the family's special tokens; sent raw (no chat template). */
  | { readonly kind: 'raw'; readonly prompt: string; readonly stop: readonly string[] }
  /** Prompt plus the `suffix` field of /v1/completions; the server applies the FIM format. */
  | { readonly kind: 'suffix'; readonly prompt: string; readonly suffix: string; readonly stop: readonly string[] }
  /** Chat-only models: messages asking for the missing code. */
  | { readonly kind: 'chat'; readonly messages: readonly ChatMessage[]; readonly stop: readonly string[] };

export interface FimTemplate {
  readonly id: FimTemplateId;
  readonly description: string;
  render(input: FimInput): FimPrompt;
  /** Cleans what the model sent (e.g. Markdown fences from chat models). Default: unchanged. */
  clean?(text: string): string;
}
