/**
 * What the user changed lately, as edit events: keystrokes coalesce into one event while they stay
 * within a few lines of it and come without a pause; a pause (1 s) or an edit elsewhere starts a new
 * event. An event that ends where it began (typed and deleted again, or undone) disappears, and one
 * that undoes the previous event at the same place removes both. Events of all documents form one
 * bounded log (newest first when read), cut by count and by size in tokens; events that came from an
 * accepted suggestion are marked.
 *
 * The caller hands in each document's text after every change (the server's synced documents); the
 * history keeps the text before, so it sees what was removed. Pure: times come from the caller.
 */
import { documentLines } from './documentLines';
import type { HistoryHunk } from './types';

export interface EditHistoryOptions {
  /** Changes within this many lines of an event's range join it. */
  readonly mergeLines: number;
  /** A pause this long ends an event. */
  readonly pauseMs: number;
  readonly maxEvents: number;
  /** Size of the kept events in tokens (about four characters each), old and new text together. */
  readonly maxTokens: number;
  /** Documents larger than this are not followed (their changes are not recorded). */
  readonly maxDocumentChars: number;
}

export const DEFAULT_HISTORY_OPTIONS: EditHistoryOptions = { mergeLines: 8, pauseMs: 1000, maxEvents: 16, maxTokens: 2000, maxDocumentChars: 2_000_000 };

interface EditEvent {
  readonly file: string;
  /** First line of the event in the document's current text. */
  start: number;
  /** Lines the event covers now (its new text). */
  length: number;
  /** The lines it covered before it began. */
  oldLines: string[];
  /** Its new lines when it closed (open events read them from the document). */
  newLines: string[] | undefined;
  lastAt: number;
  seq: number;
  accepted: boolean;
}

export class EditHistory {
  private readonly options: EditHistoryOptions;
  private readonly texts = new Map<string, string[]>();
  /** The text last handed in per followed document (its lines are `texts`'): what linesOf compares with. */
  private readonly handed = new Map<string, string>();
  private readonly open = new Map<string, EditEvent>();
  /** Closed events, oldest first. */
  private closed: EditEvent[] = [];
  private seq = 0;
  private lastFile: string | undefined;

  constructor(options: Partial<EditHistoryOptions> = {}) {
    this.options = { ...DEFAULT_HISTORY_OPTIONS, ...options };
  }

  /** The document as opened (or as it is when the history starts following it): no event. */
  openDocument(file: string, text: string): void {
    this.closeEvent(file);
    if (text.length > this.options.maxDocumentChars) this.forget(file);
    else this.follow(file, documentLines(text), text);
  }

  closeDocument(file: string): void {
    this.closeEvent(file);
    this.forget(file);
  }

  /** The document's text after a change; `now` in ms. */
  update(file: string, text: string, now: number): void {
    const before = this.texts.get(file);
    if (text.length > this.options.maxDocumentChars) {
      this.closeDocument(file);
      return;
    }
    if (!before) {
      this.follow(file, documentLines(text), text);
      return;
    }
    const changed = linesAfterChange(before, this.handed.get(file), text);
    if (!changed) {
      this.handed.set(file, text);
      return;
    }
    const { change, after } = changed;
    const { start, oldEnd, newEnd } = change; // [start, oldEnd) in before → [start, newEnd) in after
    const delta = newEnd - oldEnd;
    const current = this.open.get(file);
    const joins = current && this.lastFile === file && now - current.lastAt < this.options.pauseMs
      && start <= current.start + current.length + this.options.mergeLines && oldEnd >= current.start - this.options.mergeLines;
    if (current && !joins) this.closeEvent(file); // with the text before this change
    this.follow(file, after, text);
    this.shiftClosed(file, start, oldEnd, delta);
    if (current && joins) {
      const s = Math.min(start, current.start);
      const e = Math.max(oldEnd, current.start + current.length); // exclusive, in `before`
      current.oldLines = [...before.slice(s, current.start), ...current.oldLines, ...before.slice(current.start + current.length, e)];
      current.start = s;
      current.length = e - s + delta;
      current.lastAt = now;
    } else {
      this.open.set(file, { file, start, length: newEnd - start, oldLines: before.slice(start, oldEnd), newLines: undefined, lastAt: now, seq: ++this.seq, accepted: false });
    }
    this.lastFile = file;
    const ev = this.open.get(file)!;
    if (sameLines(ev.oldLines, after.slice(ev.start, ev.start + ev.length))) this.open.delete(file); // back to where it began
  }

  /**
   * The followed document's lines, when `text` is its text as last handed in (compared whole: the
   * editor's document hands out the same string until it changes, so mostly by reference; a text with
   * \r line breaks is left to the caller to split): the lines a change left alone are the same strings
   * from one version to the next, so whoever compares two versions' lines compares references.
   */
  linesOf(file: string, text: string): readonly string[] | undefined {
    const lines = this.texts.get(file);
    return lines && this.handed.get(file) === text && !text.includes('\r') ? lines : undefined;
  }

  /** The latest event in `file` came from an accepted suggestion (call right after the accepted edit arrived). */
  markAccepted(file: string): void {
    const ev = this.open.get(file) ?? [...this.closed].reverse().find((e) => e.file === file);
    if (ev) ev.accepted = true;
    this.closeEvent(file);
  }

  /** Ends the open events whose last change is older than the pause (call before reading, with the time). */
  settle(now: number): void {
    for (const ev of [...this.open.values()]) if (now - ev.lastAt >= this.options.pauseMs) this.closeEvent(ev.file);
  }

  /** The events as hunks (oldest first), open ones included, in each document's current coordinates. */
  hunks(): HistoryHunk[] {
    const events = [...this.closed, ...this.open.values()].sort((a, b) => a.seq - b.seq);
    return events.map((e) => ({
      file: e.file,
      newStart: e.start,
      oldLines: e.oldLines,
      newLines: e.newLines ?? this.texts.get(e.file)?.slice(e.start, e.start + e.length) ?? [],
      seq: e.seq,
      ...(e.accepted ? { accepted: true } : {}),
    }));
  }

  /** Milliseconds since the last recorded change in any document (Infinity before the first). */
  lastEditAt(): number {
    let last = -Infinity;
    for (const e of [...this.closed, ...this.open.values()]) last = Math.max(last, e.lastAt);
    return last;
  }

  private follow(file: string, lines: string[], text: string): void {
    this.texts.set(file, lines);
    this.handed.set(file, text);
  }

  private forget(file: string): void {
    this.texts.delete(file);
    this.handed.delete(file);
  }

  private closeEvent(file: string): void {
    const ev = this.open.get(file);
    if (!ev) return;
    this.open.delete(file);
    ev.newLines = this.texts.get(file)?.slice(ev.start, ev.start + ev.length) ?? [];
    if (sameLines(ev.oldLines, ev.newLines)) return;
    const prev = this.closed[this.closed.length - 1];
    // Undo of the previous event at the same place: both go.
    if (prev && prev.file === file && prev.start === ev.start && sameLines(prev.newLines ?? [], ev.oldLines) && sameLines(prev.oldLines, ev.newLines)) {
      this.closed.pop();
      return;
    }
    this.closed.push(ev);
    this.trim();
  }

  /** Closed events of `file` after a change of lines [start, oldEnd) by `delta` lines move; ones it overlaps shrink to it. */
  private shiftClosed(file: string, start: number, oldEnd: number, delta: number): void {
    for (const e of this.closed) {
      if (e.file !== file) continue;
      if (e.start >= oldEnd) e.start += delta;
      else if (e.start + e.length > start) e.length = Math.max(0, Math.min(e.length, start - e.start) + Math.max(0, e.start + e.length - oldEnd));
    }
  }

  private trim(): void {
    const tokens = (e: EditEvent) => Math.ceil(([...e.oldLines, ...(e.newLines ?? [])].join('\n').length + 1) / 4);
    while (this.closed.length > this.options.maxEvents) this.closed.shift();
    let total = this.closed.reduce((n, e) => n + tokens(e), 0);
    while (this.closed.length > 1 && total > this.options.maxTokens) total -= tokens(this.closed.shift()!);
  }
}

/** The lines that differ: [start, oldEnd) of `a` became [start, newEnd) of `b`; undefined when equal. */
export function changedLines(a: readonly string[], b: readonly string[]): LineChange | undefined {
  let start = 0;
  const min = Math.min(a.length, b.length);
  while (start < min && a[start] === b[start]) start++;
  if (start === a.length && a.length === b.length) return undefined;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { start, oldEnd: ea, newEnd: eb };
}

type LineChange = { start: number; oldEnd: number; newEnd: number };

/**
 * `text`'s lines after a change of `before` (the lines of `beforeText`), with the change as changedLines
 * finds it; undefined when the lines are equal. A keystroke changes a line or two: where the two texts
 * start and end alike is found by comparing them in blocks, and only the text between is split. A
 * text with \r splits as a whole (documentLines decides its lines).
 */
export function linesAfterChange(before: readonly string[], beforeText: string | undefined, text: string): { change: LineChange; after: string[] } | undefined {
  if (beforeText === undefined || text.includes('\r') || beforeText.includes('\r')) {
    const split = documentLines(text);
    const change = changedLines(before, split);
    return change && { change, after: reuseUnchanged(before, split, change) };
  }
  const n = before.length;
  const same = commonPrefix(beforeText, text);
  // Equal lines at the start (their characters and break are among the `same` first): line `a` of the
  // text starts at `from`; `ended`: the text's last line is among them.
  let a = 0;
  let from = 0;
  let ended = false;
  while (a < n) {
    const end = from + before[a]!.length;
    if (end > same) break;
    if (end === text.length) {
      a++;
      ended = true;
      break;
    }
    if (text.charCodeAt(end) !== 10) break;
    a++;
    from = end + 1;
  }
  if (ended && a === n) return undefined;
  // Equal lines at the end, none of them one of the start's: the first of them starts at `to` in the text.
  let b = 0;
  let to = text.length + 1;
  if (!ended) {
    // Past `from` in neither text: a line within it starts at `from` or later.
    const sameEnd = commonSuffix(beforeText, text, Math.min(beforeText.length, text.length) - from);
    while (b < n - a) {
      const start = to - 1 - before[n - 1 - b]!.length;
      if (text.length - start > sameEnd || (start > 0 && text.charCodeAt(start - 1) !== 10)) break;
      b++;
      to = start;
      if (start === 0) break;
    }
  }
  const middle = ended || to === from ? [] : text.slice(from, to - 1).split('\n');
  const after = new Array<string>(a + middle.length + b);
  for (let i = 0; i < a; i++) after[i] = before[i]!;
  // Copied out of the text (see reuseUnchanged).
  for (let k = 0; k < middle.length; k++) after[a + k] = (' ' + middle[k]!).slice(1);
  for (let k = 0; k < b; k++) after[a + middle.length + k] = before[n - b + k]!;
  return { change: { start: a, oldEnd: n - b, newEnd: a + middle.length }, after };
}

/** Block sizes the texts are compared in, largest first: string equality is a native compare, a block costs one call. */
const BLOCKS = [4096, 256, 16, 1];

/** How many characters `x` and `y` share at their start. */
function commonPrefix(x: string, y: string): number {
  const max = Math.min(x.length, y.length);
  let p = 0;
  for (const step of BLOCKS) while (p + step <= max && x.slice(p, p + step) === y.slice(p, p + step)) p += step;
  return p;
}

/** How many characters `x` and `y` share at their end, at most `limit`. */
function commonSuffix(x: string, y: string, limit: number): number {
  let s = 0;
  for (const step of BLOCKS) while (s + step <= limit && x.slice(x.length - s - step, x.length - s) === y.slice(y.length - s - step, y.length - s)) s += step;
  return s;
}

/**
 * `split` with its unchanged lines taken from `before` (the same strings): the next comparison of two
 * versions' lines (here, and the location sources' carried line facts) finds them equal by reference
 * instead of comparing their characters.
 */
function reuseUnchanged(before: readonly string[], split: string[], change: LineChange): string[] {
  const { start, oldEnd, newEnd } = change;
  for (let i = 0; i < start; i++) split[i] = before[i]!;
  // A line split off the text may be a slice of it (V8 keeps the whole text alive behind it): the
  // changed lines, kept through later versions, are copied out so that each does not hold its version's text.
  for (let i = start; i < newEnd; i++) split[i] = (' ' + split[i]!).slice(1);
  for (let i = newEnd, j = oldEnd; i < split.length; i++, j++) split[i] = before[j]!;
  return split;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}
