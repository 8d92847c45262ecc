/**
 * One rewrite from start to EditResult, the same for the server and the CLI: prompt under the edit
 * role's window, streamed request, previews, final edit.
 */
import type { ModelClient } from '../llm/modelClient';
import { buildRewritePrompt, type RewriteContext, type RewriteInput } from './rewritePrompt';
import { consumeRewriteStream, type RewriteOutcome, type RewriteStreamOptions } from './rewriteStream';

export interface RunRewriteOptions {
  readonly languageId?: string;
  readonly signal?: AbortSignal;
  readonly onPreview?: RewriteStreamOptions['onPreview'];
}

export async function runRewrite(models: ModelClient, input: RewriteInput, context: RewriteContext, options: RunRewriteOptions = {}): Promise<RewriteOutcome> {
  const prompt = buildRewritePrompt(input, context, {
    counter: models.tokenCounter('edit'),
    window: models.contextWindow('edit'),
    maxTokens: models.maxTokens('edit'),
  });
  const events = models.chat({ role: 'edit', messages: prompt.messages, temperature: 0 }, options.signal);
  return consumeRewriteStream(events, {
    original: input.text,
    range: input.range,
    fileName: input.fileName,
    indentUnit: context.conventions.indentUnit,
    ...(options.languageId ? { languageId: options.languageId } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onPreview ? { onPreview: options.onPreview } : {}),
  });
}
