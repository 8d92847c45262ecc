/**
 * Turns what the engine reports (suggestions shown and their fate, typing, model usage, chat and agent
 * activity) into insights events and hands them to the log. Costs the caller a map lookup and an
 * array push: the log writes in the background. Without a log (insights off, no storage folder, the
 * CLI) every call is a no-op.
 */
import type { CompletionMetricEvent } from '../completion/completionMetrics';
import type { ModelUsageEvent } from '../llm/modelClient';
import { type InsightEvent, insightEvent, type InsightKind, type KnownInsightFields } from './insightEvent';
import type { InsightsLog } from './insightsLog';

/** Typing is summed and written once a minute, not per keystroke. */
const TYPING_FLUSH_MS = 60_000;
/** Shown suggestions remembered for their outcome's language and model. */
const REMEMBERED = 2000;

export interface EngineRequestCounts {
  readonly requests: number;
  readonly modelRequests: number;
}

export class InsightsRecorder {
  private log: InsightsLog | undefined;
  private model = '';
  private readonly shown = new Map<string, { lang: string; model: string }>();
  private chars = 0;
  private counts: (() => EngineRequestCounts) | undefined;
  private lastCounts: EngineRequestCounts = { requests: 0, modelRequests: 0 };
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** The log to write to from now on (undefined: stop recording). The previous one is closed. */
  async use(log: InsightsLog | undefined): Promise<void> {
    const previous = this.log;
    this.flushTyping();
    this.log = log;
    if (previous && previous !== log) await previous.close();
    if (log && !this.timer) {
      this.timer = setInterval(() => this.flushTyping(), TYPING_FLUSH_MS);
      this.timer.unref?.();
    }
  }

  current(): InsightsLog | undefined {
    return this.log;
  }

  /** The completion model suggestions come from now (a setting). */
  setCompletionModel(model: string): void {
    this.model = model;
  }

  /** The engine's request counters, read when typing is written. */
  countRequests(counts: () => EngineRequestCounts): void {
    this.counts = counts;
    this.lastCounts = counts();
  }

  record<K extends InsightKind>(kind: K, fields: KnownInsightFields[K]): void {
    this.log?.append(insightEvent(kind, fields, this.now()));
  }

  /** An event as recorded elsewhere (the extension), stamped by its sender. */
  recordRaw(event: InsightEvent): void {
    this.log?.append(event);
  }

  completion(e: CompletionMetricEvent): void {
    if (!this.log) return;
    if (e.kind === 'shown') {
      const s = e.event;
      const lang = s.languageId ?? '';
      this.shown.set(s.id, { lang, model: this.model });
      if (this.shown.size > REMEMBERED) this.shown.delete(this.shown.keys().next().value!);
      this.record('completion.shown', {
        id: s.id, lang, model: this.model, src: s.source ?? (s.fromCache ? 'cache' : 'model'),
        debounceMs: round(s.latency.debounceMs), contextMs: round(s.latency.contextMs),
        ...(s.latency.firstTokenMs !== undefined ? { firstTokenMs: round(s.latency.firstTokenMs) } : {}),
        totalMs: round(s.latency.totalMs),
      });
      return;
    }
    const known = this.shown.get(e.id);
    this.shown.delete(e.id);
    const fields = { id: e.id, lang: known?.lang ?? e.languageId ?? '', model: known?.model ?? this.model };
    if (e.kind === 'accepted') this.record('completion.accepted', fields);
    else if (e.kind === 'partiallyAccepted') this.record('completion.partial', fields);
    else this.record('completion.dismissed', fields);
  }

  /** Characters the user typed (not pasted or accepted) into a document. */
  typed(chars: number): void {
    if (this.log && chars > 0) this.chars += chars;
  }

  usage(u: ModelUsageEvent): void {
    this.record('model.usage', { role: u.role, model: u.model, promptTokens: u.usage.promptTokens, completionTokens: u.usage.completionTokens, cachedTokens: u.usage.cachedTokens, ok: true });
  }

  /** Writes the typing and request counts since the last call, if any. */
  flushTyping(): void {
    const counts = this.counts?.() ?? this.lastCounts;
    const requests = counts.requests - this.lastCounts.requests;
    const modelRequests = counts.modelRequests - this.lastCounts.modelRequests;
    this.lastCounts = counts;
    if (this.chars > 0 || requests > 0) this.record('completion.typing', { chars: this.chars, requests, modelRequests });
    this.chars = 0;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flushTyping();
    await this.log?.close();
    this.log = undefined;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
