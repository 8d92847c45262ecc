/**
 * Context source 3: what the user touched lately — ranges they edited (given by the editor, newest
 * first) and, from recently viewed files, the window most like the code before the cursor. The CLI
 * has neither; the server passes them.
 */
import type { CodeIndex } from '../../index/codeIndex';
import { tokenize } from '../../index/search/tokenizer';
import type { CursorContext } from './cursorContext';
import type { ContextCandidate, RecentEdit } from './types';

const EDIT_CONTEXT_LINES = 3;
const MAX_EDIT_LINES = 20;
const WINDOW = 20;
const STRIDE = 10;
const MAX_RECENT_FILES = 5;

export function recentEditCandidates(index: CodeIndex, file: string, edits: readonly RecentEdit[]): ContextCandidate[] {
  const out: ContextCandidate[] = [];
  edits.forEach((e, i) => {
    if (e.file === file) return; // the document itself is the prompt's prefix/suffix
    let startLine = Math.max(0, e.startLine - EDIT_CONTEXT_LINES);
    let text = e.text;
    let endLine = e.endLine;
    if (text === undefined) {
      const lines = index.linesOf(e.file);
      if (!lines) return;
      endLine = Math.min(lines.length - 1, e.endLine + EDIT_CONTEXT_LINES, startLine + MAX_EDIT_LINES - 1);
      text = lines.slice(startLine, endLine + 1).join('\n');
    } else startLine = e.startLine;
    out.push({ file: e.file, startLine, endLine, text, source: 'recentEdit', score: 1 / (1 + i) });
  });
  return out;
}

export function recentFileCandidates(index: CodeIndex, file: string, files: readonly string[], cursor: CursorContext): ContextCandidate[] {
  const from = Math.max(0, cursor.line - 10);
  const query = new Set(tokenize([...cursor.lines.slice(from, cursor.line), cursor.linePrefix].join('\n')));
  if (!query.size) return [];
  const out: ContextCandidate[] = [];
  files.filter((f) => f !== file).slice(0, MAX_RECENT_FILES).forEach((f, rank) => {
    const lines = index.linesOf(f);
    if (!lines) return;
    let best: { start: number; score: number } | undefined;
    for (let s = 0; s < Math.max(1, lines.length - WINDOW + STRIDE); s += STRIDE) {
      const terms = new Set(tokenize(lines.slice(s, s + WINDOW).join('\n')));
      let inter = 0;
      for (const t of terms) if (query.has(t)) inter++;
      const score = inter / (query.size + terms.size - inter || 1);
      if (!best || score > best.score) best = { start: s, score };
    }
    if (!best || best.score === 0) return;
    const end = Math.min(lines.length - 1, best.start + WINDOW - 1);
    out.push({ file: f, startLine: best.start, endLine: end, text: lines.slice(best.start, end + 1).join('\n'), source: 'recentFile', score: best.score / (1 + rank * 0.2) });
  });
  return out.sort((a, b) => b.score - a.score);
}
