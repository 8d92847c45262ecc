/**
 * Definitions the selection uses, from the code index: identifiers in the selected code looked up as
 * symbols, defined outside the selection, preferring the same file and the files it imports. Each
 * comes with its source lines (cut to a few lines) so the model knows the types and signatures the
 * rewrite must keep calling correctly.
 */
import * as path from 'node:path';
import type { SymbolHit } from '../index/codeIndex';

/** The parts of CodeIndex this needs (the CLI and the server both hand over a CodeIndex). */
export interface DefinitionSource {
  symbols(name: string, options?: { limit?: number }): SymbolHit[];
  importsOf(file: string): readonly string[];
  linesOf(file: string): readonly string[] | undefined;
}

export interface UsedDefinition {
  readonly name: string;
  readonly kind: string;
  /** Workspace-relative path. */
  readonly rel: string;
  readonly startLine: number;
  /** The definition's text, at most MAX_LINES lines. */
  readonly text: string;
}

const MAX_NAMES = 40;
const MAX_DEFINITIONS = 12;
const MAX_LINES = 30;
/** Identifiers that are never worth looking up. */
const NOISE = new Set(['if', 'else', 'for', 'while', 'return', 'const', 'let', 'var', 'function', 'class', 'new', 'this', 'self', 'true', 'false', 'null', 'undefined', 'None', 'True', 'False', 'def', 'import', 'from', 'export', 'async', 'await', 'string', 'number', 'boolean', 'void', 'int', 'str', 'public', 'private', 'static', 'type', 'interface']);

/** Identifiers in order of first appearance. */
export function identifiersIn(code: string): string[] {
  const seen = new Set<string>();
  for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const id = m[0];
    if (id.length < 3 || NOISE.has(id)) continue;
    seen.add(id);
    if (seen.size >= MAX_NAMES) break;
  }
  return [...seen];
}

/**
 * `file`: absolute path of the document; `excluded`: its lines the model sees anyway (selection,
 * enclosing scope), whose own definitions are not repeated.
 */
export function definitionsUsed(index: DefinitionSource, file: string, selection: string, excluded: { startLine: number; endLine: number }): UsedDefinition[] {
  const here = path.resolve(file);
  const imported = new Set(index.importsOf(here));
  const candidates: { hit: SymbolHit; rank: number; order: number }[] = [];
  identifiersIn(selection).forEach((name, order) => {
    const hits = index.symbols(name, { limit: 8 });
    const best = hits
      .filter((h) => !(h.path === here && h.startLine <= excluded.endLine && h.endLine >= excluded.startLine))
      .map((hit) => ({ hit, rank: hit.path === here ? 0 : imported.has(hit.path) ? 1 : 2, order }))
      .sort((a, b) => a.rank - b.rank)[0];
    // A name defined in many unrelated places tells the model nothing certain: only take clear ones.
    if (best && (best.rank < 2 || hits.length <= 2)) candidates.push(best);
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const out: UsedDefinition[] = [];
  for (const { hit } of candidates.slice(0, MAX_DEFINITIONS)) {
    const lines = index.linesOf(hit.path);
    if (!lines) continue;
    const end = Math.min(hit.endLine, hit.startLine + MAX_LINES - 1);
    const body = lines.slice(hit.startLine, end + 1).map((l) => l.replace(/\r$/, ''));
    if (end < hit.endLine) body.push('  …');
    out.push({ name: hit.name, kind: hit.kind, rel: hit.rel, startLine: hit.startLine, text: body.join('\n') });
  }
  return out;
}
