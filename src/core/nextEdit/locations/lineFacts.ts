/**
 * What the location sources read of a file's lines — each line's search tokens and shape, and which
 * lines hold a name as a whole word — computed once per lines array and kept with it (a WeakMap: the
 * facts go when the array goes). A file's lines array is replaced, never changed, when its text
 * changes, so facts never go stale. Between two keystrokes the cursor's document gets a new array that
 * differs in a line or two: `carried` copies the facts of the unchanged lines from the previous array
 * and moves its name → lines map over by updating only the changed lines.
 */
import { tokenize } from '../../index/search/tokenizer';
import { identifiersOf } from '../identifiers';
import { shapeOf } from './lineShape';

/** A name the word map answers for: what identifiersOf finds whole (anything else is looked for by scanning). */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Changed lines beyond which the name map is rebuilt when next asked rather than updated. */
const MAX_UPDATED_LINES = 256;
const NONE: readonly number[] = [];
/** Lookups of a file's names before its name map is built (a file read once is cheaper to scan). */
const ASKED_BEFORE_MAP = 16;

export class LineFacts {
  private readonly tokens: (ReadonlySet<string> | undefined)[];
  private readonly shapes: (string | undefined)[];
  /** Name → the lines holding it as a whole word, ascending; built on first use. */
  private names: Map<string, number[]> | undefined;
  private asked = 0;

  constructor(readonly lines: readonly string[]) {
    this.tokens = new Array<ReadonlySet<string> | undefined>(lines.length);
    this.shapes = new Array<string | undefined>(lines.length);
  }

  /** The line's distinct search tokens (the index's tokenizer). */
  tokensAt(i: number): ReadonlySet<string> {
    return (this.tokens[i] ??= new Set(tokenize(this.lines[i]!)));
  }

  /** The line's shape (see lineShape.ts). */
  shapeAt(i: number): string {
    return (this.shapes[i] ??= shapeOf(this.lines[i]!));
  }

  /** Lines holding `name` as a whole word (as wordPattern matches it), ascending; undefined for a name that is not one identifier. */
  linesWithName(name: string): readonly number[] | undefined {
    if (!IDENTIFIER.test(name)) return undefined;
    return (this.names ??= buildNames(this.lines)).get(name) ?? NONE;
  }

  /** Builds the name map now (a document just opened: its first request then only updates it). */
  buildNameMap(): void {
    this.names ??= buildNames(this.lines);
  }

  /** linesWithName once this file has been asked about often enough to be worth its map; undefined before (the caller scans). */
  linesWithNameOnceAsked(name: string): readonly number[] | undefined {
    return this.names || ++this.asked > ASKED_BEFORE_MAP ? this.linesWithName(name) : undefined;
  }

  /**
   * Facts for `next`, a later version of this file's lines: the lines equal at the start and at the end
   * keep theirs, and the name map (if built) is updated for the lines between and handed over (this
   * object no longer has one afterwards).
   */
  carried(next: readonly string[]): LineFacts {
    const out = new LineFacts(next);
    const prev = this.lines;
    const n = prev.length;
    const m = next.length;
    let a = 0;
    while (a < n && a < m && prev[a] === next[a]) a++;
    let b = 0;
    while (b < n - a && b < m - a && prev[n - 1 - b] === next[m - 1 - b]) b++;
    for (let i = 0; i < a; i++) {
      out.tokens[i] = this.tokens[i];
      out.shapes[i] = this.shapes[i];
    }
    for (let k = 1; k <= b; k++) {
      out.tokens[m - k] = this.tokens[n - k];
      out.shapes[m - k] = this.shapes[n - k];
    }
    const names = this.names;
    this.names = undefined;
    if (names && n - a - b + (m - a - b) <= MAX_UPDATED_LINES) out.names = updateNames(names, prev, next, a, b);
    return out;
  }
}

const byArray = new WeakMap<readonly string[], LineFacts>();

/** The facts of a lines array (one object per array, whoever asks). */
export function lineFacts(lines: readonly string[]): LineFacts {
  let f = byArray.get(lines);
  if (!f) byArray.set(lines, (f = new LineFacts(lines)));
  return f;
}

/** The facts of `next`, carried from `prev` (an earlier version of the same file) where `next` has none yet. */
export function carriedLineFacts(prev: readonly string[], next: readonly string[]): LineFacts {
  let f = byArray.get(next);
  if (!f) byArray.set(next, (f = lineFacts(prev).carried(next)));
  return f;
}

function buildNames(lines: readonly string[]): Map<string, number[]> {
  const names = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) addLine(names, lines[i]!, i);
  return names;
}

/** `prev` → `next` where the first `a` and last `b` lines are equal: the lines between leave and enter, the lines after shift. */
function updateNames(names: Map<string, number[]>, prev: readonly string[], next: readonly string[], a: number, b: number): Map<string, number[]> {
  const oldEnd = prev.length - b;
  const shift = next.length - prev.length;
  for (let i = a; i < oldEnd; i++) {
    for (const name of new Set(identifiersOf(prev[i]!))) {
      const list = names.get(name)!;
      list.splice(lowerBound(list, i), 1);
      if (!list.length) names.delete(name);
    }
  }
  if (shift) for (const list of names.values()) for (let k = lowerBound(list, oldEnd); k < list.length; k++) list[k]! += shift;
  for (let i = a; i < next.length - b; i++) {
    for (const name of new Set(identifiersOf(next[i]!))) {
      let list = names.get(name);
      if (!list) names.set(name, (list = []));
      list.splice(lowerBound(list, i), 0, i);
    }
  }
  return names;
}

function addLine(names: Map<string, number[]>, line: string, i: number): void {
  for (const name of identifiersOf(line)) {
    const list = names.get(name);
    if (!list) names.set(name, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
}

/** First position in ascending `list` whose value is >= x. */
export function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
