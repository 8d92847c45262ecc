/**
 * Turns the sources' candidates into the ranked list of places to jump to: each candidate weighted by
 * how often its kind of evidence is right, candidates on the same line merged, places the region
 * already covers dropped, and each kept place shown as a few lines around it (at most 12). A candidate
 * just beside a place already listed counts for less (ADJACENT_*): two jumps a few lines apart mostly
 * name one place twice, and the slot is worth more to the next distinct one.
 */
import type { LineSpan, LocationReason, NextEditLocation } from '../types';
import type { Candidate } from './locatorContext';

/** How much each kind of evidence counts (a renamed name's leftover use is nearly always edited next). */
export const REASON_WEIGHTS: Readonly<Record<LocationReason, number>> = {
  'renamed-identifier': 10,
  'repeated-edit': 9,
  'similar-code': 5,
  diagnostic: 8,
  'changed-signature': 3,
  'missing-import': 4,
  'new-symbol-usage': 4,
  sibling: 3,
  'test-counterpart': 4,
  'recent-edit': 2,
  nearby: 1,
};

export const MAX_LOCATION_LINES = 12;
/** Lines beyond a listed place (not the region: the next edit is often just outside it) within which a candidate is beside it. */
export const ADJACENT_LINES = 4;
/** What a candidate beside a listed place keeps of its weight. */
export const ADJACENT_FACTOR = 0.5;

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
}

type Weighted = Candidate & { weighted: number };

export function rankLocations(candidates: readonly Candidate[], options: RankOptions): NextEditLocation[] {
  const merged = new Map<string, Weighted>();
  for (const c of candidates) {
    const weighted = REASON_WEIGHTS[c.reason] * c.score;
    const key = `${c.file}\0${c.line}`;
    const prev = merged.get(key);
    if (!prev) merged.set(key, { ...c, weighted });
    else if (weighted > prev.weighted) merged.set(key, { ...c, weighted: weighted + prev.weighted * 0.25 });
    else prev.weighted += weighted * 0.25;
  }
  const ranked = [...merged.values()].sort((a, b) => b.weighted - a.weighted || a.file.localeCompare(b.file) || a.line - b.line);
  const byFile = new Map<string, number[]>();
  for (const c of ranked) {
    if (c.endLine === undefined) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push(c.line);
  }
  const taken: LineSpan[] = [options.region];
  const covered = (file: string, line: number) => taken.some((t) => t.file === file && t.startLine <= line && line <= t.endLine);
  const listed: LineSpan[] = [];
  const beside = (file: string, line: number) => listed.some((t) => t.file === file && t.startLine - ADJACENT_LINES <= line && line <= t.endLine + ADJACENT_LINES);
  // Candidates beside a listed place wait here, weight reduced, in descending order (a place is only ever
  // added to `listed`, so a candidate once beside one stays so).
  const deferred: Weighted[] = [];
  let next = 0;
  const take = (): Weighted | undefined => {
    for (;;) {
      const r = ranked[next];
      const d = deferred[0];
      if (d && (!r || d.weighted >= r.weighted)) return deferred.shift();
      if (!r) return undefined;
      next++;
      if (covered(r.file, r.line) || !beside(r.file, r.line)) return r;
      const reduced = { ...r, weighted: r.weighted * ADJACENT_FACTOR };
      const at = deferred.findIndex((e) => e.weighted < reduced.weighted);
      deferred.splice(at < 0 ? deferred.length : at, 0, reduced);
    }
  };
  const out: NextEditLocation[] = [];
  for (let c = take(); c && out.length < options.limit; c = take()) {
    if (covered(c.file, c.line)) continue;
    let span: LineSpan;
    if (c.endLine !== undefined) {
      span = { file: c.file, startLine: c.line, endLine: Math.min(c.endLine, c.line + MAX_LOCATION_LINES - 1) };
    } else {
      // Other candidates close by join the location, as far as its size allows.
      const near = (byFile.get(c.file) ?? []).filter((l) => Math.abs(l - c.line) <= options.cluster && !covered(c.file, l));
      let lo = Math.min(c.line, ...near.filter((l) => l <= c.line));
      let hi = Math.max(c.line, ...near.filter((l) => l >= c.line));
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
      span = { ...span, endLine: Math.min(span.endLine, last) };
    }
    taken.push(span);
    listed.push(span);
    out.push({ ...span, score: round(c.weighted), reason: c.reason, ...(c.detail ? { detail: c.detail } : {}) });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
