/**
 * Turns the sources' candidates into the ranked list of places to jump to: each candidate weighted by
 * how often its kind of evidence is right and where it lies (rankingWeights.ts), candidates on the
 * same line merged, places the region already covers dropped, and each kept place shown as a few
 * lines around it (at most 12). A candidate
 * just beside a place already listed counts for less (ADJACENT_*): two jumps a few lines apart mostly
 * name one place twice, and the slot is worth more to the next distinct one.
 */
import type { LineSpan, NextEditLocation, Position } from '../types';
import { bestFirst } from './bestFirst';
import { lowerSlots } from './lowerSlots';
import type { Candidate } from './locatorContext';
import { RANKING_WEIGHTS, type RankingWeights } from './rankingWeights';

/** How much each kind of evidence counts, before the other weights (see rankingWeights.ts). */
export const REASON_WEIGHTS = RANKING_WEIGHTS.reason;

export const MAX_LOCATION_LINES = 12;
/** Lines beyond a listed place (not the region: the next edit is often just outside it) within which a candidate is beside it. */
export const ADJACENT_LINES = 4;
/** What a candidate beside a listed place keeps of its weight (default weights). */
export const ADJACENT_FACTOR = RANKING_WEIGHTS.adjacentFactor;

export interface RankOptions {
  readonly region: LineSpan;
  readonly limit: number;
  /** Lines before and after a candidate's line that its location shows. */
  readonly before: number;
  readonly after: number;
  /** Candidates this many lines away or closer share one location. */
  readonly cluster: number;
  /** The file's last line (0-based), when known: a location never reaches past it. */
  readonly lastLine?: (file: string) => number | undefined;
  /** The cursor (in the region's file): nearer places can count for more. */
  readonly cursor?: Position;
  /** Files the history edited, besides the cursor's. */
  readonly editedFiles?: readonly string[];
  /** Default: RANKING_WEIGHTS. */
  readonly weights?: RankingWeights;
}

/** A candidate's weight before merging: its kind, its source's score, and where it lies from the cursor. */
export function candidateWeight(c: Candidate, options: RankOptions): number {
  const w = options.weights ?? RANKING_WEIGHTS;
  let log = 0;
  if (c.file !== options.region.file) {
    log += w.otherFile;
    if (options.editedFiles?.includes(c.file)) log += w.editedFile;
  } else if (options.cursor) {
    const d = c.line - options.cursor.line;
    log += w.distance * Math.log2(1 + Math.abs(d) / 10) + (d > 0 ? w.below : 0);
  }
  const score = w.scorePower === 1 ? c.score : Math.pow(c.score, w.scorePower);
  return log === 0 ? w.reason[c.reason] * score : w.reason[c.reason] * score * Math.exp(log);
}

/** What String#localeCompare compares by, built once (localeCompare builds its collator per call). */
const collator = new Intl.Collator();
/** Places read from the ranking before the rest is sorted at all (most requests need the first 20 or so). */
const FIRST_READ = 64;

interface Merged {
  /** The strongest candidate on the line (its reason, detail and span are the location's). */
  c: Candidate;
  weighted: number;
}

export function rankLocations(candidates: readonly Candidate[], options: RankOptions): NextEditLocation[] {
  // Candidates on one line merge: the strongest leads, the others add a quarter of their weight.
  const byLine = new Map<string, Map<number, Merged>>();
  const merged: Merged[] = [];
  const { mergeShare, adjacentFactor } = options.weights ?? RANKING_WEIGHTS;
  const { region } = options;
  for (const c of candidates) {
    // What the region covers is never listed, nor joins a place (the clustering skips covered lines).
    if (c.file === region.file && region.startLine <= c.line && c.line <= region.endLine) continue;
    const weighted = candidateWeight(c, options);
    let lines = byLine.get(c.file);
    if (!lines) byLine.set(c.file, (lines = new Map()));
    const prev = lines.get(c.line);
    if (!prev) {
      const m = { c, weighted };
      lines.set(c.line, m);
      merged.push(m);
    } else if (weighted > prev.weighted) {
      prev.weighted = weighted + prev.weighted * mergeShare;
      prev.c = c;
    } else prev.weighted += weighted * mergeShare;
  }
  // The listed places per file, as start and end lines one after the other: asked for every candidate
  // read (whether the region or a place covers its line, or it is beside a place), and a ranking with
  // few distinct places reads all of them. At most `limit` places: a scan, without a set of lines to build.
  const listedSpans = new Map<string, number[]>();
  const within = (file: string, line: number, margin: number) => {
    const spans = listedSpans.get(file);
    if (spans) for (let k = 0; k < spans.length; k += 2) if (spans[k]! - margin <= line && line <= spans[k + 1]! + margin) return true;
    return false;
  };
  const covered = (file: string, line: number) => (file === region.file && region.startLine <= line && line <= region.endLine) || within(file, line, 0);
  const beside = (file: string, line: number) => within(file, line, ADJACENT_LINES);
  const fileRank = fileOrder(byLine.keys());
  const order = (a: Merged, b: Merged) => b.weighted - a.weighted || fileRank.get(a.c.file)! - fileRank.get(b.c.file)! || a.c.line - b.c.line;
  const ranked = bestFirst(merged, Math.max(FIRST_READ, options.limit), order);
  let ahead = ranked.next();
  // Candidates beside a listed place wait here, weight reduced, strongest first (a place is only ever
  // added to `listed`, so a candidate once beside one stays so).
  // `deferred` from `head` on is what waits (read from the front without shifting the array).
  const deferred: Merged[] = [];
  let head = 0;
  const next = (): Merged | undefined => {
    for (;;) {
      const r = ahead.done ? undefined : ahead.value;
      const d = deferred[head];
      if (d && (!r || d.weighted >= r.weighted)) return deferred[head++];
      if (!r) return undefined;
      ahead = ranked.next();
      if (covered(r.c.file, r.c.line) || !beside(r.c.file, r.c.line)) return r;
      const reduced = { c: r.c, weighted: r.weighted * adjacentFactor };
      // After the waiting ones at least as strong (candidates come strongest first, so nearly always at the end).
      let at = deferred.length;
      while (at > head && deferred[at - 1]!.weighted < reduced.weighted) at--;
      deferred.splice(at, 0, reduced);
    }
  };
  const out: NextEditLocation[] = [];
  for (let m = next(); m && out.length < options.limit; m = next()) {
    const { c, weighted } = m;
    if (covered(c.file, c.line)) continue;
    let span: LineSpan;
    if (c.endLine !== undefined) {
      span = { file: c.file, startLine: c.line, endLine: Math.min(c.endLine, c.line + MAX_LOCATION_LINES - 1) };
    } else {
      // Other one-line candidates close by join the location, as far as its size allows.
      const lines = byLine.get(c.file)!;
      let lo = c.line;
      let hi = c.line;
      for (let l = c.line - options.cluster; l <= c.line + options.cluster; l++) {
        const near = lines.get(l);
        if (!near || near.c.endLine !== undefined || covered(c.file, l)) continue;
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      }
      lo = Math.max(0, lo - options.before);
      hi = hi + options.after;
      if (hi - lo + 1 > MAX_LOCATION_LINES) {
        lo = Math.max(lo, c.line - Math.floor((MAX_LOCATION_LINES - 1) / 2));
        hi = lo + MAX_LOCATION_LINES - 1;
      }
      span = { file: c.file, startLine: lo, endLine: hi };
    }
    const last = options.lastLine?.(c.file);
    if (last !== undefined) {
      if (span.startLine > last) continue;
      if (span.endLine > last) span = { file: span.file, startLine: span.startLine, endLine: last };
    }
    const spans = listedSpans.get(span.file);
    if (spans) spans.push(span.startLine, span.endLine);
    else listedSpans.set(span.file, [span.startLine, span.endLine]);
    const { file, startLine, endLine } = span;
    const score = round(weighted);
    out.push(c.detail ? { file, startLine, endLine, score, reason: c.reason, detail: c.detail } : { file, startLine, endLine, score, reason: c.reason });
  }
  return lowerSlots(out);
}

/** Each file's place in the collator's order (files it holds equal share one): compared per pair of candidates, collated once per file. */
function fileOrder(files: Iterable<string>): Map<string, number> {
  const sorted = [...files].sort(collator.compare);
  const rank = new Map<string, number>();
  sorted.forEach((f, i) => rank.set(f, i > 0 && collator.compare(sorted[i - 1]!, f) === 0 ? rank.get(sorted[i - 1]!)! : i));
  return rank;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
