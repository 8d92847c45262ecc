/**
 * Runs cases through the completion pipeline exactly as the editor would at the cursor: the document
 * is the file with the hidden span cut out, and the index is shown that same masked text (its symbols,
 * chunks and the lines snippets are rendered from) for the duration of the case, so the answer cannot
 * reach the prompt as repository context. One configuration, or two side by side on the same cases.
 *
 * A model that fails on the first case with an error no later case can fix (unreachable, unknown
 * model, rejected key, no route) ends the run with that error; later failures are recorded per case.
 * Cancelling stops at once: the request in flight is aborted down to its socket.
 */
import type { Parser } from 'web-tree-sitter';
import { ModelError, type ModelErrorKind } from '../llm/errors';
import type { CompletionInput, CompletionOutcome } from '../completion/pipeline/types';
import type { LanguageId } from '../index/languages';
import type { EvalCase, EvalCaseResult, EvalReport, EvalTask } from './evalTypes';
import { scoreCase } from './scoreCase';
import { compareResults, summarizeEval } from './summarizeEval';

export interface EvalConfig {
  /** Shown in tables: `A`, `B`, or a settings file's name. */
  readonly label: string;
  readonly model: string;
  complete(input: CompletionInput, signal: AbortSignal): Promise<CompletionOutcome>;
  /** Tokens the model layer reported since the previous call. */
  takeUsage(): { promptTokens: number; completionTokens: number };
}

export interface EvalRunOptions {
  readonly workspace: string;
  readonly cases: readonly EvalCase[];
  readonly configs: readonly [EvalConfig] | readonly [EvalConfig, EvalConfig];
  readonly seed: number;
  readonly tasks: readonly EvalTask[];
  readonly requested: number;
  readOriginal(file: string): string | undefined;
  /** Shows the index `text` for `file` (the masked document), or the file as on disk again (undefined). */
  setDocument(file: string, text: string | undefined): Promise<void>;
  parser(language: LanguageId): Promise<Parser | undefined>;
  readonly signal: AbortSignal;
  /** After each case and configuration. */
  onResult?(done: number, total: number, result: EvalCaseResult, config: number): void;
  now?(): number;
}

/** Failures that say the configuration cannot work at all. */
const FATAL: ReadonlySet<ModelErrorKind> = new Set(['config', 'auth', 'refused', 'notFound', 'modelNotFound', 'circuitOpen']);

/** VS Code language ids, which the pipeline's filters and templates expect. */
const VSCODE_LANGUAGE: Readonly<Partial<Record<string, string>>> = { tsx: 'typescriptreact' };

export async function runEval(o: EvalRunOptions): Promise<EvalReport> {
  const now = o.now ?? (() => performance.now());
  const started = now();
  const results: EvalCaseResult[][] = o.configs.map(() => []);
  const answered = o.configs.map(() => false);
  const total = o.cases.length * o.configs.length;
  let done = 0;
  let cancelled = false;

  for (const c of o.cases) {
    if (o.signal.aborted) {
      cancelled = true;
      break;
    }
    const original = o.readOriginal(c.file);
    // The file changed since the cases were generated: this case no longer says anything.
    if (original === undefined || original.slice(c.offset, c.hiddenEnd) !== c.expected) continue;
    const masked = original.slice(0, c.offset) + original.slice(c.hiddenEnd);
    await o.setDocument(c.file, masked);
    try {
      for (const [i, config] of o.configs.entries()) {
        const input: CompletionInput = {
          uri: c.file, file: c.file, relPath: c.rel, text: masked, offset: c.offset,
          position: { line: c.line, character: c.character }, languageId: VSCODE_LANGUAGE[c.language] ?? c.language, explicit: true,
        };
        config.takeUsage();
        const outcome = await config.complete(input, o.signal);
        if (outcome.kind === 'cancelled' || o.signal.aborted) {
          cancelled = true;
          break;
        }
        const error = outcome.kind === 'none' ? outcome.error : undefined;
        if (error !== undefined && !answered[i] && error instanceof ModelError && FATAL.has(error.kind)) throw error;
        if (error === undefined) answered[i] = true;
        const predicted = outcome.kind === 'suggestion' ? outcome.suggestion.text : '';
        const usage = config.takeUsage();
        const result: EvalCaseResult = {
          caseId: c.id, task: c.task, language: c.language, rel: c.rel, line: c.line, character: c.character,
          expected: c.expected, predicted,
          ...scoreCase(c, predicted, original, await o.parser(c.language as LanguageId)),
          ...(outcome.kind === 'suggestion' && outcome.source === 'model' ? { firstTokenMs: round(outcome.timings.firstToken) } : {}),
          totalMs: round(outcome.timings.total),
          promptTokens: usage.promptTokens, completionTokens: usage.completionTokens,
          ...(outcome.kind === 'none' ? { none: outcome.reason } : {}),
          ...(error !== undefined ? { error: error instanceof ModelError ? error.describe() : String(error) } : {}),
        };
        results[i]!.push(result);
        o.onResult?.(++done, total, result, i);
      }
    } finally {
      await o.setDocument(c.file, undefined);
    }
    if (cancelled) break;
  }

  const info = {
    workspace: o.workspace, model: o.configs[0].model, seed: o.seed, tasks: o.tasks, requested: o.requested,
    generated: o.cases.length, cancelled, elapsedMs: round(now() - started),
  };
  const a = results[0]!;
  const b = o.configs[1];
  return {
    info, summary: summarizeEval(a), results: a,
    ...(b ? { compare: { label: b.label, model: b.model, summary: summarizeEval(results[1]!), results: results[1]!, metrics: compareResults(a, results[1]!) } } : {}),
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
