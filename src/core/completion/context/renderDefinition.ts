/**
 * A definition rendered for a small model's prompt: a small function or constant whole, a large one
 * by its declaration head, a class/interface/struct by its head and its members' signatures (source
 * order, so the claimed line range holds exactly what is shown). Every rendering keeps the file's own
 * lines and indentation.
 */
import type { SymbolInfo } from '../../index/model';

const CONTAINERS = new Set(['class', 'interface', 'struct', 'trait', 'enum', 'impl', 'module']);
/** Bodies up to this size are shown whole. */
const SMALL_LINES = 8;
const SMALL_CHARS = 480;
const MAX_LINE = 160;
/** A declaration head longer than this many lines is cut (long parameter lists). */
const HEAD_LINES = 4;

export interface RenderedRange {
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}

export const isContainer = (s: SymbolInfo): boolean => CONTAINERS.has(s.kind);

const clip = (l: string): string => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l);

/** The definition's own lines when small enough, else undefined. */
export function renderWhole(sym: SymbolInfo, lines: readonly string[]): RenderedRange | undefined {
  const n = sym.endLine - sym.startLine + 1;
  if (n > SMALL_LINES) return undefined;
  const text = lines.slice(sym.startLine, sym.endLine + 1).join('\n');
  return text.length <= SMALL_CHARS ? { startLine: sym.startLine, endLine: sym.endLine, text } : undefined;
}

/** The declaration head: from the name line until the body opens (`{`, `:`, `=>`), at most a few lines. */
export function renderHead(sym: SymbolInfo, lines: readonly string[]): RenderedRange {
  let end = sym.nameLine;
  for (let i = sym.nameLine; i <= Math.min(sym.endLine, sym.nameLine + HEAD_LINES - 1); i++) {
    end = i;
    if (/[{:;]\s*$|=>\s*\{?\s*$|\)\s*$/.test(lines[i] ?? '') && balanced(lines, sym.nameLine, i)) break;
  }
  const text = lines.slice(sym.nameLine, end + 1).map(clip).join('\n');
  return { startLine: sym.nameLine, endLine: end, text };
}

function balanced(lines: readonly string[], from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i <= to; i++) for (const ch of lines[i] ?? '') {
    if (ch === '(' || ch === '<' || ch === '[') depth++;
    else if (ch === ')' || ch === '>' || ch === ']') depth--;
  }
  return depth <= 0;
}

/**
 * A container by its head and the heads of its members in source order, cut after `maxChars`. The
 * range ends at the last member shown, so nothing inside it is left out but member bodies.
 */
export function renderOutline(sym: SymbolInfo, members: readonly SymbolInfo[], lines: readonly string[], maxChars: number): RenderedRange {
  const head = renderHead(sym, lines);
  const parts = [head.text];
  let size = head.text.length;
  let end = head.endLine;
  const sorted = members.filter((m) => m.startLine > head.endLine && m.endLine <= sym.endLine).sort((a, b) => a.startLine - b.startLine);
  for (const m of sorted) {
    if (m.startLine <= end) continue; // nested in a member already shown
    const r = m.endLine - m.startLine < 3 && m.kind !== 'method' && m.kind !== 'function' ? renderWhole(m, lines) ?? renderHead(m, lines) : renderHead(m, lines);
    const piece = r.text;
    if (size + piece.length + 1 > maxChars) break;
    parts.push(piece);
    size += piece.length + 1;
    end = m.endLine;
  }
  const allShown = !sorted.some((m) => m.startLine > end);
  const closing = lines[sym.endLine] ?? '';
  if (allShown && sym.endLine > end && /^\s*[}\])]+\s*;?\s*$/.test(closing)) {
    parts.push(closing);
    end = sym.endLine;
  } else if (!allShown) {
    parts.push(`${indentOf(lines[sym.nameLine] ?? '')}  …`);
  }
  return { startLine: head.startLine, endLine: end, text: parts.join('\n') };
}

const indentOf = (l: string): string => /^\s*/.exec(l)![0];

/** The best rendering of one definition within `maxChars`, and a one-line fallback. */
export function renderDefinition(sym: SymbolInfo, members: readonly SymbolInfo[], lines: readonly string[], maxChars: number): { main: RenderedRange; fallback: RenderedRange } {
  const head = renderHead(sym, lines);
  const first = { startLine: sym.nameLine, endLine: sym.nameLine, text: clip(lines[sym.nameLine] ?? sym.signature) };
  if (isContainer(sym) && members.length) {
    const whole = renderWhole(sym, lines);
    if (whole && whole.text.length <= maxChars) return { main: whole, fallback: first };
    return { main: renderOutline(sym, members, lines, maxChars), fallback: first };
  }
  const whole = renderWhole(sym, lines);
  if (whole && whole.text.length <= maxChars) return { main: whole, fallback: head.text.length <= whole.text.length ? head : first };
  return { main: head.text.length <= maxChars ? head : first, fallback: first };
}
