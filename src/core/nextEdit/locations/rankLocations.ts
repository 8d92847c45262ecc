/**
 * Turns the sources' candidates into the ranked list of places to jump to: each candidate weighted by
 * how often its kind of evidence is right, candidates on the same line merged, places the region
 * already covers dropped, and each kept place shown as a few lines around it (at most 12).
 */
import type { LineSpan, LocationReason, NextEditLocation } from '../types';
import type { Candidate } from './locatorContext';

/** How much each kind of evidence counts (a renamed name's leftover use is nearly always edited next). */
export const REASON_WEIGHTS: Readonly<Record<LocationReason, number>> = {
  'renamed-identifier': 10,
  'repeated-edit': 9,
  'similar-code': 5,
  diagnostic: 8,
  'changed-signature': 6,
  'new-symbol-usage': 4,
  sibling: 3,
  'recent-edit': 2,
  nearby: 1,
};

export const MAX_LOCATION_LINES = 12;

export interface RankOptions {
  readonly region: LineSpan;
  readonly limit: number;
  /** Lines before and after a candidate's line that its location shows. */
  readonly before: number;
  readonly after: number;
}

export function rankLocations(candidates: readonly Candidate[], options: RankOptions): NextEditLocation[] {
  const merged = new Map<string, Candidate & { weighted: number }>();
  for (const c of candidates) {
    const weighted = REASON_WEIGHTS[c.reason] * c.score;
    const key = `${c.file}\0${c.line}`;
    const prev = merged.get(key);
    if (!prev) merged.set(key, { ...c, weighted });
    else if (weighted > prev.weighted) merged.set(key, { ...c, weighted: weighted + prev.weighted * 0.25 });
    else prev.weighted += weighted * 0.25;
  }
  const ranked = [...merged.values()].sort((a, b) => b.weighted - a.weighted || a.file.localeCompare(b.file) || a.line - b.line);
  const taken: LineSpan[] = [options.region];
  const out: NextEditLocation[] = [];
  for (const c of ranked) {
    if (out.length >= options.limit) break;
    const span = c.endLine !== undefined
      ? { file: c.file, startLine: c.line, endLine: Math.min(c.endLine, c.line + MAX_LOCATION_LINES - 1) }
      : { file: c.file, startLine: Math.max(0, c.line - options.before), endLine: c.line + options.after };
    if (taken.some((t) => t.file === span.file && t.startLine <= c.line && c.line <= t.endLine)) continue;
    taken.push(span);
    out.push({ ...span, score: round(c.weighted), reason: c.reason, ...(c.detail ? { detail: c.detail } : {}) });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
