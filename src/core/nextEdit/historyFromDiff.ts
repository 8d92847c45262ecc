/**
 * The user's recent edits given as a git-style unified diff (`banyan next-edit --history`, the bench):
 * each run of removed/added lines becomes one HistoryHunk in the current text's coordinates. A diff
 * lists files by path and hunks by line, not in the order they were made; the hunk holding the cursor
 * is the most recent one, the others keep the diff's order before it.
 */
import * as path from 'node:path';
import { parsePatch } from 'diff';
import type { HistoryHunk, Position } from './types';

export class HistoryDiffError extends Error {}

export function historyFromDiff(diffText: string, workspace: string, cursor?: { readonly file: string; readonly position: Position }): HistoryHunk[] {
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(diffText);
  } catch (err) {
    throw new HistoryDiffError(`the history is not a unified diff: ${err instanceof Error ? err.message : String(err)}`);
  }
  const hunks: HistoryHunk[] = [];
  for (const p of patches) {
    const name = stripPrefix(p.newFileName ?? p.oldFileName);
    if (!name || name === '/dev/null') continue;
    const file = path.resolve(workspace, name);
    for (const h of p.hunks) {
      // newStart is 1-based, or the line before an empty side (0 for the file start).
      let newLine = h.newLines === 0 ? h.newStart : h.newStart - 1;
      let run: { newStart: number; oldLines: string[]; newLines: string[] } | undefined;
      const flush = () => {
        if (run && (run.oldLines.length || run.newLines.length)) hunks.push({ file, newStart: run.newStart, oldLines: run.oldLines, newLines: run.newLines, seq: hunks.length });
        run = undefined;
      };
      for (const line of h.lines) {
        const sign = line[0];
        if (sign === '\\') continue;
        if (sign === ' ') {
          flush();
          newLine++;
          continue;
        }
        run ??= { newStart: newLine, oldLines: [], newLines: [] };
        if (sign === '-') run.oldLines.push(line.slice(1));
        else if (sign === '+') {
          run.newLines.push(line.slice(1));
          newLine++;
        }
      }
      flush();
    }
  }
  if (cursor) {
    const file = path.resolve(cursor.file);
    const line = cursor.position.line;
    const at = hunks.findIndex((h) => h.file === file && h.newStart <= line && line <= h.newStart + Math.max(0, h.newLines.length - 1));
    if (at >= 0) {
      const [latest] = hunks.splice(at, 1);
      hunks.push(latest!);
    }
  }
  return hunks.map((h, i) => ({ ...h, seq: i }));
}

function stripPrefix(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const n = name.replace(/\t.*$/, '');
  return /^[ab]\//.test(n) ? n.slice(2) : n;
}
