import type { FimRequest } from '../../llm/types';
import type { ContextSnippet } from './contextStage';
import type { CursorWindows } from './cursorWindows';

export interface PromptInput {
  readonly windows: CursorWindows;
  readonly snippets: readonly ContextSnippet[];
  readonly relPath?: string;
  readonly languageId: string;
  readonly repoName?: string;
  readonly multiline: boolean;
}

/**
 * Stage: the FIM request handed to the model layer, which renders it in the configured family's
 * format (Qwen2.5-Coder's repo-level `<|file_sep|>` files, or path comments for other families).
 * Snippets keep the context engine's order (most useful first), which is also what gets trimmed last.
 */
export function promptStage(input: PromptInput): FimRequest {
  return {
    prefix: input.windows.prefix,
    suffix: input.windows.suffix,
    languageId: input.languageId,
    ...(input.relPath !== undefined ? { filePath: input.relPath } : {}),
    ...(input.repoName !== undefined ? { repoName: input.repoName } : {}),
    ...(input.snippets.length ? { snippets: input.snippets.map((s) => ({ path: s.file, content: s.text })) } : {}),
    // A single line needs few tokens (the early stop ends it at the line's end anyway); a block gets
    // the configured `models.completion.maxTokens`.
    ...(input.multiline ? {} : { maxTokens: 64 }),
  };
}
