/**
 * One next-edit prediction: where (the location engine), what (the model, in its format, asked about
 * the region around the cursor — or, when the cursor's region has nothing to change and the evidence
 * for a place elsewhere is strong, about the region there), and whether to show it (the answer read
 * strictly, turned into minimal edits by the edit engine, then the filters). IDE-agnostic: the server
 * and `banyan next-edit` drive it.
 */
import type { ChatRequest, RawCompletionRequest, StreamEvent } from '../llm/types';
import type { ModelRole } from '../llm/types';
import { answerToEdits } from './answerToEdits';
import { documentLines } from './documentLines';
import { filterSuggestion } from './filters/filterSuggestion';
import { nextEditFormat } from './formats/formats';
import type { NextEditFormat, NextEditPromptInput, PromptEvent, RelatedSnippet } from './formats/nextEditFormat';
import type { LocatorIndex } from './locations/locatorContext';
import type { NextEditLocator } from './nextEditLocator';
import type { WorkSpans } from './nextEditMetrics';
import type { EditorDiagnostic, HistoryHunk, LineSpan, NextEditLocation, Position, TextEdit } from './types';

export interface NextEditModel {
  chat(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent>;
  completeRaw(role: ModelRole, req: RawCompletionRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent>;
}

export interface NextEditEngineSettings {
  /** `auto` or a format id. */
  readonly format: string;
  /** The model's name, for format detection. */
  readonly model: string;
  readonly allowWhitespaceOnly: boolean;
  readonly maxChangedLines: number;
  /** Lines of context shown above and below the region. */
  readonly contextLines: number;
  /** Location score from which a place away from the cursor is asked about when the cursor's region has no change. */
  readonly jumpScore: number;
}

/**
 * jumpScore 2.5: a leftover use of a renamed name in another file weighs 3 (10 × 0.3, see scoring.ts)
 * and must be followed there; a similar-looking line elsewhere (5 × 0.3) or a recent edit (2) must not
 * cost a second model request.
 */
export const DEFAULT_ENGINE_SETTINGS: Omit<NextEditEngineSettings, 'format' | 'model'> = { allowWhitespaceOnly: false, maxChangedLines: 20, contextLines: 20, jumpScore: 2.5 };

export interface PredictRequest {
  readonly file: string;
  readonly languageId?: string;
  readonly text: string;
  readonly cursor: Position;
  /** Oldest first. */
  readonly history: readonly HistoryHunk[];
  readonly diagnostics?: readonly EditorDiagnostic[];
  readonly index?: LocatorIndex;
  /** Text of another file (open document or disk). */
  readonly readFile: (file: string) => string | undefined;
  /** Lines of a file as documentLines splits them, where the caller keeps them (saves a join and a split per lookup). */
  readonly readLines?: (file: string) => readonly string[] | undefined;
  /** Workspace-relative path with forward slashes (what prompts show). */
  readonly relPath: (file: string) => string;
  readonly rejectedBefore: (file: string, edits: readonly TextEdit[], document: string) => boolean;
}

export interface NextEditPrediction {
  readonly file: string;
  /** The text the edits apply to (the document as it was when predicted). */
  readonly document: string;
  readonly edits: readonly TextEdit[];
  readonly newText: string;
  readonly region: LineSpan;
  /** Where the change is when it is away from the cursor (another line range or another file). */
  readonly jump?: LineSpan;
  readonly locations: readonly NextEditLocation[];
  readonly format: string;
  /** The model's name, as configured. */
  readonly model: string;
  readonly timings: PredictTimings;
}

export interface PredictTimings {
  readonly locateMs: number;
  /** Where the locate time went (see NextEditLocator's timings) and `prompts`: building the prompts and reading the answers. */
  readonly phases?: Readonly<Record<string, number>>;
  /** When the prediction's own work ran (everything but the model waits), on performance.now()'s clock. */
  readonly spans?: WorkSpans;
  /** Waiting for the model (all requests). */
  readonly modelMs: number;
  readonly totalMs: number;
  readonly requests: number;
}

/** A region the model is asked about: the cursor's, or the top location's when it is strong enough. */
interface Attempt {
  readonly file: string;
  readonly text: string;
  readonly lines: readonly string[];
  readonly region: LineSpan;
  readonly cursor: Position;
}

export type PredictOutcome =
  | { readonly kind: 'suggestion'; readonly prediction: NextEditPrediction }
  | { readonly kind: 'none'; readonly reason: string; readonly region?: LineSpan; readonly locations: readonly NextEditLocation[]; readonly timings: PredictTimings };

export class NextEditEngine {
  constructor(
    private readonly locator: NextEditLocator,
    private readonly model: () => NextEditModel,
    private readonly settings: () => NextEditEngineSettings,
  ) {}

  async predict(req: PredictRequest, signal?: AbortSignal): Promise<PredictOutcome> {
    const t0 = performance.now();
    const settings = this.settings();
    const lines = req.readLines?.(req.file) ?? documentLines(req.text);
    const readLines = (f: string) => {
      if (req.readLines) return req.readLines(f);
      const t = req.readFile(f);
      return t === undefined ? undefined : documentLines(t);
    };
    const located = await this.locator.locate({
      file: req.file, text: req.text, lines, cursor: req.cursor, history: req.history,
      ...(req.index ? { index: req.index } : {}), ...(req.languageId ? { languageId: req.languageId } : {}), ...(req.diagnostics ? { diagnostics: req.diagnostics } : {}),
      openDocument: readLines,
    });
    const locateMs = performance.now() - t0;
    const format = nextEditFormat(settings.format, settings.model);
    let modelMs = 0;
    let requests = 0;
    const spans: [number, number][] = [];
    let workFrom = t0;
    const timings = (): PredictTimings => {
      const now = performance.now();
      const totalMs = now - t0;
      return { locateMs, modelMs, totalMs, requests, phases: { ...located.timings.phases, prompts: Math.max(0, totalMs - modelMs - locateMs) }, spans: [...spans, [workFrom, now]] };
    };
    const attempts: Attempt[] = [{ file: req.file, text: req.text, lines, region: located.region, cursor: req.cursor }];
    const top = located.locations[0];
    if (top && top.score >= settings.jumpScore) {
      const text = top.file === req.file ? req.text : req.readFile(top.file);
      if (text !== undefined) {
        const topLines = top.file === req.file ? lines : documentLines(text);
        const n = topLines.length;
        const half = Math.floor((Math.min(located.region.endLine - located.region.startLine + 1, 40) - (top.endLine - top.startLine + 1)) / 2);
        const start = Math.max(0, top.startLine - Math.max(0, half));
        const region = { file: top.file, startLine: start, endLine: Math.min(n - 1, start + (located.region.endLine - located.region.startLine)) };
        attempts.push({ file: top.file, text, lines: topLines, region, cursor: { line: top.startLine, character: 0 } });
      }
    }
    let lastReason = 'no attempt';
    let filtered: string | undefined;
    for (const a of attempts) {
      if (signal?.aborted) return { kind: 'none', reason: 'cancelled', region: located.region, locations: located.locations, timings: timings() };
      const input = this.promptInput(req, a, located.locations, readLines);
      const m0 = performance.now();
      requests++;
      spans.push([workFrom, m0]);
      const answer = await this.ask(format, input, signal);
      workFrom = performance.now();
      modelMs += workFrom - m0;
      const parsed = format.parse(answer.text, input, answer.truncated);
      if (parsed.kind === 'none') {
        lastReason = 'the model proposes no change';
        continue;
      }
      if (parsed.kind === 'invalid') {
        lastReason = `unusable answer: ${parsed.reason}`;
        continue;
      }
      const result = answerToEdits(a.text, { startLine: a.region.startLine, endLine: a.region.endLine, lines: parsed.lines }, { fit: format.id === 'chat', ...(req.languageId ? { languageId: req.languageId } : {}), fileName: a.file });
      if (!result.ok) {
        lastReason = `unusable answer: ${result.reason}`;
        continue;
      }
      const dropped = filterSuggestion({ file: a.file, document: a.text, edits: result.edits, newText: result.newText }, {
        history: req.history, rejectedBefore: req.rejectedBefore, allowWhitespaceOnly: settings.allowWhitespaceOnly, maxChangedLines: settings.maxChangedLines,
      });
      if (dropped) {
        // A filtered suggestion is what the metrics should show, not a later attempt's "no change".
        filtered ??= `${dropped.filter}: ${dropped.reason}`;
        continue;
      }
      const first = result.edits[0]!;
      const away = a.file !== req.file || first.range.start.line > req.cursor.line + 1 || first.range.end.line < req.cursor.line - 1;
      const jump = away ? { file: a.file, startLine: first.range.start.line, endLine: result.edits[result.edits.length - 1]!.range.end.line } : undefined;
      return {
        kind: 'suggestion',
        prediction: { file: a.file, document: a.text, edits: result.edits, newText: result.newText, region: a.region, ...(jump ? { jump } : {}), locations: located.locations, format: format.id, model: settings.model, timings: timings() },
      };
    }
    return { kind: 'none', reason: filtered ?? lastReason, region: located.region, locations: located.locations, timings: timings() };
  }

  private promptInput(req: PredictRequest, a: Attempt, locations: readonly NextEditLocation[], readLines: (file: string) => readonly string[] | undefined): NextEditPromptInput {
    const { lines } = a;
    const { contextLines } = this.settings();
    const events: PromptEvent[] = req.history.map((h) => ({ path: req.relPath(h.file), startLine: h.newStart, oldLines: h.oldLines, newLines: h.newLines }));
    const related: RelatedSnippet[] = [];
    for (const l of locations.filter((x) => x.file !== a.file).slice(0, 2)) {
      const t = readLines(l.file);
      if (t !== undefined) related.push({ path: req.relPath(l.file), startLine: l.startLine, text: t.slice(l.startLine, l.endLine + 1).join('\n') });
    }
    return {
      path: req.relPath(a.file),
      ...(req.languageId ? { languageId: req.languageId } : {}),
      lines,
      region: { startLine: a.region.startLine, endLine: a.region.endLine },
      context: { startLine: Math.max(0, a.region.startLine - contextLines), endLine: Math.min(lines.length - 1, a.region.endLine + contextLines) },
      cursor: a.cursor,
      events,
      related,
    };
  }

  private async ask(format: NextEditFormat, input: NextEditPromptInput, signal: AbortSignal | undefined): Promise<{ text: string; truncated: boolean }> {
    const prompt = format.render(input);
    const model = this.model();
    const stream = prompt.kind === 'raw'
      ? model.completeRaw('nextEdit', { prompt: prompt.prompt, stop: prompt.stop }, signal)
      : model.chat({ role: 'nextEdit', messages: prompt.messages, ...(prompt.stop.length ? { stop: prompt.stop } : {}) }, signal);
    let text = '';
    let truncated = false;
    for await (const ev of stream) {
      if (ev.type === 'text') text += ev.text;
      else if (ev.type === 'done') truncated = ev.finishReason === 'length';
    }
    return { text, truncated };
  }
}
