/**
 * One evaluated configuration: the editor's completion pipeline (repository context from the index,
 * the model's FIM template, streaming with early stop, the post-processing filters, tree-sitter
 * cursor facts) with a fresh engine per case, so no cache or typed-ahead state carries over from one
 * case to the next. The context time box is widened (2 s instead of 150 ms): on a busy machine the
 * editor's would cut context at random and make scores depend on load; the latency reported still
 * counts the context time.
 */
import { CompletionEngine } from '../completion/pipeline/completionEngine';
import type { ContextSource } from '../completion/pipeline/contextStage';
import type { PipelineSettings } from '../completion/pipeline/pipelineSettings';
import type { SyntaxCursorFacts } from '../completion/pipeline/syntaxCursorFacts';
import type { CompletionModel } from '../completion/pipeline/types';
import type { ModelUsageEvent } from '../llm/modelClient';
import type { EvalConfig } from './runEval';

export interface PipelineEvalConfigOptions {
  readonly label: string;
  readonly model: string;
  readonly client: CompletionModel & { onUsage(listener: (u: ModelUsageEvent) => void): () => void };
  readonly settings: PipelineSettings;
  readonly context: () => ContextSource | undefined;
  readonly cursorFacts: SyntaxCursorFacts;
  readonly repoName: string;
}

export const EVAL_CONTEXT_TIME_BOX_MS = 2000;

export function pipelineEvalConfig(o: PipelineEvalConfigOptions): EvalConfig & { dispose(): void } {
  let promptTokens = 0;
  let completionTokens = 0;
  const off = o.client.onUsage((u) => {
    if (u.role !== 'completion') return;
    promptTokens += u.usage.promptTokens;
    completionTokens += u.usage.completionTokens;
  });
  return {
    label: o.label,
    model: o.model,
    async complete(input, signal) {
      const engine = new CompletionEngine({
        model: () => o.client,
        context: o.context,
        settings: () => ({ ...o.settings, contextTimeBoxMs: Math.max(o.settings.contextTimeBoxMs, EVAL_CONTEXT_TIME_BOX_MS) }),
        syntax: (i, w) => o.cursorFacts.syntaxFor(i, w),
        repoName: () => o.repoName,
      });
      try {
        return await engine.complete(input, signal);
      } finally {
        engine.dispose();
      }
    },
    takeUsage() {
      const u = { promptTokens, completionTokens };
      promptTokens = 0;
      completionTokens = 0;
      return u;
    },
    dispose: off,
  };
}
