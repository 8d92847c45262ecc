/**
 * The vocabulary of `banyan eval`: cases cut from the user's own repository (the code after a cursor
 * hidden), what a configuration predicted for each, and the scores. Shared by the CLI, the server's
 * palette command and the insights view.
 */

export type EvalTask = 'line' | 'api' | 'block';
export const EVAL_TASKS: readonly EvalTask[] = ['line', 'api', 'block'];

export interface EvalCase {
  /** `<task>:<rel>:<line>:<character>`: stable for a seed, so two runs can be compared case by case. */
  readonly id: string;
  readonly task: EvalTask;
  /** Absolute path and workspace-relative path (forward slashes). */
  readonly file: string;
  readonly rel: string;
  /** The index's language id (typescript, tsx, python…). */
  readonly language: string;
  /** Cursor offset in the original text, and where the hidden span ends. */
  readonly offset: number;
  readonly hiddenEnd: number;
  /** 0-based cursor position. */
  readonly line: number;
  readonly character: number;
  /** The hidden span: what a perfect model writes. */
  readonly expected: string;
}

export interface EvalScores {
  readonly exactMatch: boolean;
  /** 1 − Levenshtein distance / longer length, on whitespace-normalised text. */
  readonly editSimilarity: number;
  /** The identifiers the answer uses, in order, are those of the hidden span. */
  readonly identifierMatch: boolean;
  /** F1 of the identifiers as multisets (partial credit). */
  readonly identifierF1: number;
  /** The completed file parses to the same syntax-tree shape in the span, with no new errors. */
  readonly syntaxMatch: boolean;
}

export interface EvalCaseResult extends EvalScores {
  readonly caseId: string;
  readonly task: EvalTask;
  readonly language: string;
  readonly rel: string;
  readonly line: number;
  readonly character: number;
  readonly expected: string;
  readonly predicted: string;
  /** Request sent → first streamed token, model time (absent without a model answer). */
  readonly firstTokenMs?: number;
  /** The whole pipeline for the case. */
  readonly totalMs: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Why there was no suggestion (filters, skip reason, model failure). */
  readonly none?: string;
  readonly error?: string;
}

export interface Percentile2 {
  readonly p50: number;
  readonly p95: number;
}

export interface EvalGroupSummary {
  readonly task: EvalTask | 'all';
  readonly language: string;
  readonly n: number;
  /** Shares 0–1 (exact, identifier and syntax matches) and the mean edit similarity. */
  readonly exactMatch: number;
  readonly editSimilarity: number;
  readonly identifierMatch: number;
  readonly syntaxMatch: number;
  readonly firstTokenMs: Percentile2;
  readonly totalMs: Percentile2;
  readonly meanPromptTokens: number;
  readonly meanCompletionTokens: number;
  /** Cases that ended in a model error. */
  readonly errors: number;
}

export interface EvalSummary {
  /** Per task × language, then per task, then everything (`all`/`all`) last. */
  readonly groups: readonly EvalGroupSummary[];
  readonly overall: EvalGroupSummary;
}

/** One configuration against another on the same cases. */
export interface EvalMetricComparison {
  readonly metric: 'exactMatch' | 'editSimilarity' | 'identifierMatch' | 'syntaxMatch' | 'totalMs';
  readonly a: number;
  readonly b: number;
  /** Cases where B scored better / worse / the same (for latency: faster is better). */
  readonly bBetter: number;
  readonly bWorse: number;
  readonly ties: number;
  /** Two-sided sign test over the cases that differ. */
  readonly pValue: number;
}

export interface EvalRunInfo {
  readonly workspace: string;
  readonly model: string;
  readonly seed: number;
  readonly tasks: readonly EvalTask[];
  readonly requested: number;
  /** Cases generated (fewer than requested when the repository has too few). */
  readonly generated: number;
  readonly cancelled: boolean;
  readonly elapsedMs: number;
}

export interface EvalReport {
  readonly info: EvalRunInfo;
  readonly summary: EvalSummary;
  readonly results: readonly EvalCaseResult[];
  /** With --compare: the second configuration and the comparison. */
  readonly compare?: { readonly label: string; readonly model: string; readonly summary: EvalSummary; readonly results: readonly EvalCaseResult[]; readonly metrics: readonly EvalMetricComparison[] };
}
