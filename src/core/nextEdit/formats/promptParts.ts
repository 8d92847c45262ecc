/**
 * Pieces the formats share: the region's text with the cursor marked, the context around it, and each
 * recent edit as a unified-diff hunk.
 */
import type { NextEditPromptInput, PromptEvent } from './nextEditFormat';

const strip = (l: string) => l.replace(/\r$/, '');

/** Lines [start, end] of the document, without \r. */
export function linesBetween(input: NextEditPromptInput, start: number, end: number): string[] {
  return input.lines.slice(Math.max(0, start), Math.max(0, end + 1)).map(strip);
}

/** The region's lines with `marker` at the cursor (when the cursor is inside the region). */
export function regionWithCursor(input: NextEditPromptInput, marker: string): string[] {
  const { region, cursor } = input;
  const lines = linesBetween(input, region.startLine, region.endLine);
  if (cursor.line >= region.startLine && cursor.line <= region.endLine) {
    const i = cursor.line - region.startLine;
    const l = lines[i]!;
    const at = Math.min(cursor.character, l.length);
    lines[i] = l.slice(0, at) + marker + l.slice(at);
  }
  return lines;
}

export function regionLines(input: NextEditPromptInput): string[] {
  return linesBetween(input, input.region.startLine, input.region.endLine);
}

export function contextBefore(input: NextEditPromptInput): string[] {
  return linesBetween(input, input.context.startLine, input.region.startLine - 1);
}

export function contextAfter(input: NextEditPromptInput): string[] {
  return linesBetween(input, input.region.endLine + 1, input.context.endLine);
}

/** One edit as a unified-diff hunk (`@@ -a,n +a,m @@` with 1-based lines, then - and + lines). */
export function eventHunk(e: PromptEvent): string {
  const at = e.startLine + 1;
  const side = (n: number) => (n === 0 ? `${at - 1},0` : n === 1 ? `${at}` : `${at},${n}`);
  return [`@@ -${side(e.oldLines.length)} +${side(e.newLines.length)} @@`, ...e.oldLines.map((l) => `-${strip(l)}`), ...e.newLines.map((l) => `+${strip(l)}`)].join('\n');
}

/** The events grouped as `--- a/path` / `+++ b/path` sections, oldest first. */
export function eventsAsDiff(events: readonly PromptEvent[]): string {
  const out: string[] = [];
  let last: string | undefined;
  for (const e of events) {
    if (e.path !== last) out.push(`--- a/${e.path}`, `+++ b/${e.path}`);
    last = e.path;
    out.push(eventHunk(e));
  }
  return out.join('\n');
}

/**
 * The region as it was before the recent edits inside it (the edits lying wholly within it undone,
 * newest first): what the Sweep format calls the original file.
 */
export function regionBeforeEvents(input: NextEditPromptInput): string[] {
  const lines = regionLines(input);
  const { startLine, endLine } = input.region;
  const inside = input.events.filter((e) => e.path === input.path && e.startLine >= startLine && e.startLine + e.newLines.length - 1 <= endLine);
  for (const e of [...inside].reverse()) lines.splice(e.startLine - startLine, e.newLines.length, ...e.oldLines.map(strip));
  return lines;
}
