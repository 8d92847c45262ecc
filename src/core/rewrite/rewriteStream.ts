/**
 * Consumes the edit model's stream for one rewrite: shows the code as it arrives (through
 * `streamingPreview`, reported only when it changed), stops when the rewrite's signal aborts (its
 * reason, e.g. a RewriteCancelledError, is what the caller catches), and turns the complete answer
 * into the final EditResult with the edit engine.
 */
import { applyModelAnswer } from '../edit/applyModelAnswer';
import { streamingPreview, type StreamingPreview } from '../edit/streamingPreview';
import type { EditResult, Range } from '../edit/types';
import type { FinishReason, StreamEvent } from '../llm/types';
import { indentCursorInsertion } from './cursorIndent';
import { isCursor } from './rewritePrompt';

export interface RewriteStreamOptions {
  /** The document text the rewrite started from. */
  readonly original: string;
  readonly range: Range;
  readonly fileName?: string;
  readonly languageId?: string;
  /** The file's indentation unit, for code generated at the cursor. */
  readonly indentUnit?: string;
  readonly signal?: AbortSignal;
  readonly onPreview?: (preview: StreamingPreview) => void;
}

export interface RewriteOutcome {
  readonly result: EditResult;
  /** The model's whole answer, for "retry with feedback". */
  readonly answer: string;
  readonly finishReason: FinishReason;
}

export async function consumeRewriteStream(events: AsyncIterable<StreamEvent>, options: RewriteStreamOptions): Promise<RewriteOutcome> {
  const { signal } = options;
  let answer = '';
  let shown: StreamingPreview = { code: '', complete: false };
  let finishReason: FinishReason = 'stop';
  throwIfAborted(signal);
  for await (const ev of events) {
    throwIfAborted(signal);
    if (ev.type === 'text') {
      answer += ev.text;
      const preview = streamingPreview(answer);
      if (preview.code !== shown.code || preview.complete !== shown.complete) {
        shown = preview;
        options.onPreview?.(preview);
      }
    } else if (ev.type === 'done') {
      finishReason = ev.finishReason;
    }
  }
  // The model layer ends an aborted stream quietly: the reason still decides the outcome.
  throwIfAborted(signal);
  const raw = applyModelAnswer(options.original, answer, { kind: 'range', range: options.range }, {
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(options.languageId ? { languageId: options.languageId } : {}),
    truncated: finishReason === 'length',
  });
  const result = isCursor(options.range) ? indentCursorInsertion(options.original, raw, options.range, options.indentUnit ?? '  ') : raw;
  return { result, answer, finishReason };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('The rewrite was cancelled.');
}
