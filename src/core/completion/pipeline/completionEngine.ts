/**
 * The inline-completion pipeline: one request runs the stages in order, each in its own file —
 * skip → reuse (typed-ahead, next lines, cache) → in-flight adoption → debounce → context → prompt →
 * streamed request with early stop → post-process. Cancellation is one AbortSignal from the caller
 * (the LSP request's token) through every await down to the model's HTTP socket.
 *
 * No vscode, no LSP: the server feature and the CLI drive it, with the clock injected.
 */
import type { ModelError } from '../../llm/errors';
import { AdaptiveDebounce } from '../economy/adaptiveDebounce';
import { CompletionCache } from '../economy/completionCache';
import { adaptReusedAnswer } from '../economy/inFlightReuse';
import { NextLinesCache } from '../economy/nextLinesCache';
import { CompletionMetrics, type CompletionMetricsSnapshot } from '../completionMetrics';
import { cursorFactsFromText } from '../multiline/cursorFactsFromText';
import { decideMultiline } from '../multiline/decideMultiline';
import { createPostprocessContext } from '../postprocess/createPostprocessContext';
import type { CompletionCandidate, PostprocessContext } from '../postprocess/types';
import { type ContextResult, contextStage, type ContextSnippet, type ContextSource } from './contextStage';
import { type CursorWindows, cursorWindows } from './cursorWindows';
import { linePrefixOf } from '../text/splitCursorLine';
import { ContextLead, debounceDelay, debounceStage } from './debounceStage';
import { percentiles, type Percentiles } from './percentiles';
import type { PipelineSettings } from './pipelineSettings';
import { postprocessStage } from './postprocessStage';
import { promptStage } from './promptStage';
import { ModelRuns } from './requestStage';
import { type CachedSuggestion, reuseStage, type ShownInDocument } from './reuseStage';
import { skipStage } from './skipStage';
import { type SlowCompletion, SlowestRequests } from './slowestRequests';
import type { CompletionSyntax } from './syntaxCursorFacts';
import {
  CancelledError,
  type CompletionInput,
  type CompletionModel,
  type CompletionOutcome,
  type CompletionTimings,
  emptyTimings,
  type PipelineClock,
  type SuggestionSource,
  systemClock,
} from './types';

export interface CompletionEngineDeps {
  /** The model client; throws (e.g. a ModelError "not started") when none is available. */
  model(): CompletionModel;
  /** Repository context; undefined while there is no index. */
  context?(): ContextSource | undefined;
  settings(): PipelineSettings;
  /** Cursor facts and the filters' syntax checks from a syntax tree when one can be had cheaply; text rules otherwise. */
  syntax?(input: CompletionInput, windows: CursorWindows): CompletionSyntax | undefined;
  repoName?(): string | undefined;
  clock?: PipelineClock;
  /** Called once per model failure that is not a cancellation. */
  onModelError?(error: unknown): void;
}

export interface EngineStats {
  /** inlineCompletion requests that reached the engine. */
  requests: number;
  /** Requests that started a model request. */
  modelRequests: number;
  /** Requests answered with a suggestion, by source. */
  served: Record<SuggestionSource, number>;
  /** Requests that ended without one, by reason. */
  none: Record<string, number>;
  cancelled: number;
  /**
   * Latency the pipeline adds: request time that is not the debounce window or waiting for the model
   * (context work inside the window is not; context work running past its end is).
   */
  overheadMs: Percentiles;
  /** The same without repository context assembly (the index search), to show where the time goes. */
  overheadWithoutContextMs: Percentiles;
  /**
   * The overhead of the requests the editor got an answer to (a suggestion or none). `overheadMs` also
   * counts those it had cancelled: nobody waits for their answer, but the server's time on them is
   * taken from the next request, so both are reported.
   */
  overheadAnsweredMs: Percentiles;
  /** Each context assembly's own duration, wherever it ran. */
  contextMs: Percentiles;
  /** Context assemblies made for a request cancelled before its prompt went out (a key came within the lead). */
  contextDiscarded: number;
  /** Each post-processing of a model answer (the filters, with their syntax-tree parses). */
  postprocessMs: Percentiles;
  /** How long before the debounce ends context assembly starts now. */
  contextLeadMs: number;
  /** The requests with the most overhead, slowest first: where their time went (see SlowCompletion). */
  slowest: SlowCompletion[];
}

export class CompletionEngine {
  private readonly clock: PipelineClock;
  private readonly debounce: AdaptiveDebounce;
  private readonly cache = new CompletionCache<CachedSuggestion>();
  private readonly nextLines = new NextLinesCache();
  private readonly runs: ModelRuns;
  private readonly shown = new Map<string, ShownInDocument>();
  readonly metrics = new CompletionMetrics();
  private snoozedUntil: number | undefined;
  private nextSuggestionId = 1;
  private readonly stats = { requests: 0, cancelled: 0, served: { model: 0, inFlight: 0, typedAhead: 0, nextLines: 0, cache: 0 }, none: {} as Record<string, number> };
  private readonly overhead: number[] = [];
  private readonly overheadWithoutContext: number[] = [];
  private readonly overheadAnswered: number[] = [];
  private contextDiscarded = 0;
  /** Duration of each context assembly (most of it overlaps the debounce: see debounceStage). */
  private readonly contextRuns: number[] = [];
  private readonly postprocessRuns: number[] = [];
  private readonly contextLead = new ContextLead();
  private readonly slowest = new SlowestRequests();

  constructor(private readonly deps: CompletionEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.debounce = new AdaptiveDebounce(); // its limit comes with each request (the setting as it is then)
    this.runs = new ModelRuns(this.clock);
  }

  /** A document changed by the user: feeds the learned typing rhythm. */
  recordKeystroke(): void {
    this.debounce.recordKeystroke(this.clock.now());
  }

  /** No automatic suggestions for `minutes` (0 ends the snooze). Explicit requests still work. */
  snooze(minutes: number): number | undefined {
    this.snoozedUntil = minutes > 0 ? this.clock.now() + minutes * 60_000 : undefined;
    return this.snoozedUntil;
  }

  /** Milliseconds of snooze left (0 when not snoozed). */
  snoozeLeftMs(): number {
    return this.snoozedUntil === undefined ? 0 : Math.max(0, this.snoozedUntil - this.clock.now());
  }

  /** The editor accepted the whole suggestion (`kind: 'full'`) or a word/line of it. */
  recordAccepted(id: string, kind: 'full' | 'partial'): void {
    if (kind === 'full') this.metrics.recordAccepted(id);
    else this.metrics.recordPartiallyAccepted(id);
  }

  /** The suggestion on screen in a document, for partial-accept detection. */
  shownIn(uri: string): ShownInDocument | undefined {
    return this.shown.get(uri);
  }

  forget(uri: string): void {
    this.shown.delete(uri);
  }

  /** `gcWithin(from, to)`: milliseconds of garbage collection in that span, where the host watches it. */
  snapshot(gcWithin?: (from: number, to: number) => number): CompletionMetricsSnapshot & { engine: EngineStats } {
    return {
      ...this.metrics.snapshot(),
      engine: {
        requests: this.stats.requests,
        modelRequests: this.runs.started,
        served: { ...this.stats.served },
        none: { ...this.stats.none },
        cancelled: this.stats.cancelled,
        overheadMs: percentiles(this.overhead),
        overheadWithoutContextMs: percentiles(this.overheadWithoutContext),
        overheadAnsweredMs: percentiles(this.overheadAnswered),
        contextMs: percentiles(this.contextRuns),
        contextDiscarded: this.contextDiscarded,
        postprocessMs: percentiles(this.postprocessRuns),
        contextLeadMs: this.contextLead.ms(),
        slowest: this.slowest.snapshot(gcWithin),
      },
    };
  }

  dispose(): void {
    this.runs.abortAll();
  }

  async complete(input: CompletionInput, signal: AbortSignal): Promise<CompletionOutcome> {
    this.stats.requests++;
    const t = emptyTimings();
    const started = this.clock.now();
    // Time spent waiting for the debounce or the model, also when a wait ends in cancellation.
    let waited = 0;
    /** Context time past the end of the debounce window (the part of it that delays the request). */
    let contextExcess = 0;
    let waitingSince: number | undefined;
    /** A context assembly was started for this request and its prompt has not gone out yet. */
    let contextPending = false;
    /** The request's own time ([start, end) spans, not its waits), and where some of it went: for the slowest requests' report. */
    const spans: [number, number][] = [];
    let ownSince = started;
    const phases: Record<string, number> = {};
    const waiting = async <T>(work: Promise<T>): Promise<T> => {
      waitingSince = this.clock.now();
      spans.push([ownSince, waitingSince]);
      try {
        return await work;
      } finally {
        ownSince = this.clock.now();
        waited += ownSince - waitingSince;
        waitingSince = undefined;
      }
    };
    const lap = (key: keyof CompletionTimings, since: number) => {
      const now = this.clock.now();
      t[key] = now - since;
      return now;
    };
    const finish = (outcome: CompletionOutcome): CompletionOutcome => {
      const end = this.clock.now();
      t.total = end - started;
      spans.push([ownSince, end]);
      this.recordOverhead(t.total - waited, contextExcess, outcome.kind !== 'cancelled');
      this.recordSlow(t, t.total - waited, contextExcess, phases, spans, outcome);
      if (outcome.kind === 'cancelled') this.stats.cancelled++;
      else if (outcome.kind === 'none') this.stats.none[outcome.reason] = (this.stats.none[outcome.reason] ?? 0) + 1;
      else this.stats.served[outcome.source]++;
      return outcome;
    };
    const none = (reason: string, error?: unknown) => finish({ kind: 'none', reason, timings: t, ...(error !== undefined ? { error } : {}) });
    const settings = this.deps.settings();
    try {
      let mark = started;
      const skip = skipStage(input, settings, this.snoozedUntil, started);
      mark = lap('skip', mark);
      if (skip) return none(skip);

      const prefix = input.text.slice(0, input.offset);
      const suffix = input.text.slice(input.offset);
      const previous = this.shown.get(input.uri);
      const reuse = reuseStage({ nextLines: this.nextLines, cache: this.cache }, previous?.suggestion, prefix, suffix, started);
      if (previous && reuse.shownFate) {
        if (reuse.shownFate === 'dismissed') this.metrics.recordDismissed(previous.id);
        this.shown.delete(input.uri);
      }
      mark = lap('reuse', mark);
      if (reuse.hit) {
        const suggestion = this.show(input, prefix, suffix, { text: reuse.hit.text, replaceBefore: 0, replaceAfter: reuse.hit.replaceAfter }, reuse.hit.source, t, started);
        return finish({ kind: 'suggestion', suggestion, source: reuse.hit.source, multiline: reuse.hit.text.includes('\n'), timings: t, snippets: [] });
      }

      const windows = cursorWindows(input.text, input.offset, settings.prefixTokens, settings.suffixTokens);
      // The parse of the windows (single or multi-line, the filters' syntax checks) is first needed when
      // the prompt is built: a request that waits out a debounce makes it during that wait (below).
      let parsed: { multiline: boolean; ppContext: PostprocessContext } | undefined;
      const parse = () => {
        if (parsed) return parsed;
        const parseStart = this.clock.now();
        parsed = this.parseWindows(input, windows, settings);
        phases.parse = this.clock.now() - parseStart;
        return parsed;
      };

      const adopted = this.runs.adopt(prefix, suffix);
      if (adopted) {
        const { ppContext } = parse();
        const result = await waiting(this.runs.resultFor(adopted.run, signal));
        if (result.error) return this.failed(result.error, none);
        const rest = adaptReusedAnswer(result.text, adopted.typed);
        if (rest !== undefined) return this.finishCandidate(input, prefix, suffix, rest, ppContext, 'inFlight', t, started, [], finish, none);
        if (result.text === adopted.typed) return none('reused answer already typed');
        // Adopted before it had streamed as far as the user typed, the run then wrote something else: ask
        // the model for this place rather than leave the pause without a suggestion (on a CPU model the
        // user types ahead of a multi-second prompt all the time).
      }

      const atLineStart = /^[ \t]*$/.test(linePrefixOf(windows.prefix)) && windows.prefix.length > 0;
      const planned = debounceDelay(this.debounce, { explicit: input.explicit, atLineStart }, settings.debounceMaxMs);
      t.debounce = planned;
      // The debounce window, with the context assembled in its last milliseconds: the window counts as
      // waiting, and only context work running past its end adds latency (and counts as overhead).
      const windowStart = this.clock.now();
      spans.push([ownSince, windowStart]);
      let context: ContextResult;
      const early = planned > 0
        ? setImmediate(() => {
            try {
              parse();
            } catch {
              // Made again after the wait, where its failure is the request's.
            }
          })
        : undefined;
      try {
        context = await debounceStage(this.clock, planned, this.contextLead.ms(), signal, () => {
          contextPending = true;
          const contextStart = this.clock.now();
          return contextStage(
            this.deps.context?.(),
            { file: input.file, text: input.text, position: input.position, languageId: input.languageId, budgetTokens: settings.contextTokens },
            this.clock, settings.contextTimeBoxMs, signal,
          ).then((result) => {
            for (const [step, ms] of Object.entries(result.timings ?? {})) if (step !== 'total') phases[`context.${step}`] = ms;
            if (result.timings?.total !== undefined) phases.contextYielded = this.clock.now() - contextStart - result.timings.total;
            return result;
          }).finally(() => {
            lap('context', contextStart);
            this.contextLead.record(t.context);
            keepSample(this.contextRuns, t.context);
          });
        });
      } finally {
        if (early) clearImmediate(early);
        const windowEnd = this.clock.now();
        const elapsed = windowEnd - windowStart;
        waited += Math.min(elapsed, planned);
        contextExcess = Math.max(0, elapsed - planned);
        if (contextExcess > 0) spans.push([windowStart + planned, windowEnd]);
        ownSince = windowEnd;
      }
      mark = this.clock.now();
      const { multiline, ppContext } = parse();

      const repoName = this.deps.repoName?.();
      const request = promptStage({
        windows, snippets: context.snippets, languageId: input.languageId, multiline,
        ...(input.relPath !== undefined ? { relPath: input.relPath } : {}),
        ...(repoName !== undefined ? { repoName } : {}),
      });
      let model: CompletionModel;
      try {
        model = this.deps.model();
      } catch (err) {
        return this.failed(err, none);
      }
      const run = this.runs.start(model, request, prefix, suffix, ppContext);
      contextPending = false;
      mark = lap('prompt', mark);

      const result = await waiting(this.runs.resultFor(run, signal));
      t.model = result.modelMs;
      t.firstToken = result.firstTokenMs;
      if (result.error) return this.failed(result.error, none);
      this.debounce.recordModelLatency(result.modelMs);
      return this.finishCandidate(input, prefix, suffix, result.text, ppContext, 'model', t, started, context.snippets, finish, none);
    } catch (err) {
      if (err instanceof CancelledError || signal.aborted) {
        if (contextPending) this.contextDiscarded++;
        return finish({ kind: 'cancelled', timings: t });
      }
      throw err;
    }
  }

  private finishCandidate(
    input: CompletionInput, prefix: string, suffix: string, text: string, ppContext: PostprocessContext, source: SuggestionSource,
    t: CompletionTimings, started: number, snippets: readonly ContextSnippet[],
    finish: (o: CompletionOutcome) => CompletionOutcome, none: (reason: string) => CompletionOutcome,
  ): CompletionOutcome {
    const ppStart = this.clock.now();
    const candidate = postprocessStage(text, ppContext);
    t.postprocess = this.clock.now() - ppStart;
    keepSample(this.postprocessRuns, t.postprocess);
    if (!candidate) return none('empty after post-processing');
    const now = this.clock.now();
    if (candidate.replaceBefore === 0) {
      this.cache.set(prefix, suffix, { text: candidate.text, replaceAfter: candidate.replaceAfter }, now);
      this.nextLines.store(prefix, suffix, candidate.text, now);
    }
    const suggestion = this.show(input, prefix, suffix, candidate, source, t, started);
    return finish({ kind: 'suggestion', suggestion, source, multiline: ppContext.multiline, timings: t, snippets });
  }

  private show(input: CompletionInput, prefix: string, suffix: string, candidate: CompletionCandidate, source: SuggestionSource, t: CompletionTimings, started: number) {
    const { uri } = input;
    const id = `c${this.nextSuggestionId++}`;
    if (candidate.replaceBefore === 0) {
      this.shown.set(uri, { id, suggestion: { prefix, suffix, text: candidate.text, replaceAfter: candidate.replaceAfter } });
    } else {
      this.shown.delete(uri);
    }
    this.metrics.recordShown({
      id,
      languageId: input.languageId,
      source,
      fromCache: source !== 'model' && source !== 'inFlight',
      latency: {
        debounceMs: t.debounce,
        contextMs: t.context,
        ...(source === 'model' ? { firstTokenMs: t.firstToken } : {}),
        totalMs: this.clock.now() - started,
      },
    });
    return { id, text: candidate.text, replaceBefore: candidate.replaceBefore, replaceAfter: candidate.replaceAfter };
  }

  /** The windows parsed (tree-sitter where a grammar is ready, else the text rules): single or multi-line, and the filters' context. */
  private parseWindows(input: CompletionInput, windows: CursorWindows, settings: PipelineSettings): { multiline: boolean; ppContext: PostprocessContext } {
    const syntax = this.deps.syntax?.(input, windows);
    const facts = syntax?.facts ?? cursorFactsFromText(windows.prefix, windows.suffix, input.languageId, input.tabSize);
    const { multiline } = decideMultiline(facts, settings.multiline);
    const ppContext = createPostprocessContext({
      prefix: windows.prefix, suffix: windows.suffix, languageId: input.languageId, multiline,
      ...(syntax ? { syntax: syntax.postprocess } : {}),
      ...(input.indentUnit !== undefined ? { indentUnit: input.indentUnit } : {}),
      ...(input.tabSize !== undefined ? { tabSize: input.tabSize } : {}),
    });
    return { multiline, ppContext };
  }

  private failed(error: unknown, none: (reason: string, error?: unknown) => CompletionOutcome): CompletionOutcome {
    if (error instanceof CancelledError) throw error;
    this.deps.onModelError?.(error);
    const kind = (error as Partial<ModelError>).kind;
    return none(`model failed${kind ? ` (${kind})` : ''}`, error);
  }

  private recordSlow(t: CompletionTimings, overheadMs: number, contextExcess: number, phases: Record<string, number>, spans: [number, number][], outcome: CompletionOutcome): void {
    const accounted = t.skip + t.reuse + contextExcess + t.prompt + t.postprocess;
    this.slowest.record({
      overheadMs,
      outcome: outcome.kind === 'suggestion' ? `suggestion (${outcome.source})` : outcome.kind === 'none' ? `none (${outcome.reason})` : 'cancelled',
      phases: {
        skip: t.skip, reuse: t.reuse, contextPastWindow: contextExcess, prompt: t.prompt, postprocess: t.postprocess,
        unaccounted: Math.max(0, overheadMs - accounted), context: t.context, ...phases,
      },
      spans,
    });
  }

  private recordOverhead(ms: number, contextMs: number, answered: boolean): void {
    keepSample(this.overhead, ms);
    keepSample(this.overheadWithoutContext, ms - contextMs);
    if (answered) keepSample(this.overheadAnswered, ms);
  }
}

/** Latency samples kept for the percentiles: the most recent ones. */
const MAX_SAMPLES = 5000;

function keepSample(samples: number[], ms: number): void {
  samples.push(ms);
  if (samples.length > MAX_SAMPLES) samples.shift();
}
