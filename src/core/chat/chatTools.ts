/**
 * The read-only tools the chat model may call before it answers (multi-round retrieval): search the
 * code, read a file's lines, list a file's symbols, find a definition. Only indexed files of the
 * workspace can be read (a path outside it, or ignored by the index, is refused), and every result
 * is bounded so a tool round cannot blow the context window.
 */
import * as path from 'node:path';
import type { CodeIndex, SymbolHit } from '../index/codeIndex';
import type { ToolDefinition } from '../llm';
import { citation, formatSnippet, type Snippet, type SnippetSource } from './snippet';

export type ToolIndex = Pick<CodeIndex, 'search' | 'symbols' | 'findSymbols' | 'linesOf' | 'file' | 'symbolsInFile'>;

export interface ToolResult {
  /** What the model reads. */
  readonly content: string;
  /** For the panel: "Searched `UserService`". */
  readonly title: string;
  readonly resultCount: number;
  /** Plain text for the step's details (paths and lines). */
  readonly detail: string;
  /** What the answer may cite. */
  readonly snippets: readonly Snippet[];
  readonly failed?: boolean;
}

export const CHAT_TOOLS: readonly ToolDefinition[] = [
  {
    name: 'search_code',
    description: 'Search the workspace code (BM25 over identifiers and words). Returns the best matching chunks with file:line.',
    parameters: { type: 'object', properties: { query: { type: 'string', description: 'identifiers or keywords' } }, required: ['query'] },
  },
  {
    name: 'read_file',
    description: 'Read lines of a workspace file (1-based, inclusive; at most 200 lines per call).',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'workspace-relative path' }, startLine: { type: 'integer' }, endLine: { type: 'integer' } },
      required: ['path'],
    },
  },
  {
    name: 'list_symbols',
    description: 'List the functions, classes, methods and types defined in a workspace file, with their lines.',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
  {
    name: 'find_definition',
    description: 'Find where a function, class, method or type is defined and show its code.',
    parameters: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  },
];

const SEARCH_LIMIT = 6;
const READ_MAX_LINES = 200;
const DEFINITION_MAX_LINES = 80;
const TOOL_TEXT_MAX = 12_000;

export function runChatTool(index: ToolIndex, roots: readonly string[], name: string, args: Record<string, unknown>): ToolResult {
  const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string).trim() : '');
  const num = (k: string) => (typeof args[k] === 'number' && Number.isFinite(args[k]) ? Math.floor(args[k] as number) : undefined);
  switch (name) {
    case 'search_code': {
      const query = str('query');
      if (!query) return failure(`Searched (no query)`, 'search_code needs a "query" string.');
      const hits = index.search(query, { limit: SEARCH_LIMIT });
      const snippets = hits.map((h) => ({ path: h.path, rel: h.rel, startLine: h.startLine, endLine: h.endLine, text: h.text ?? '', ...(h.symbol ? { symbol: h.symbol } : {}), sources: ['tool' as const] }));
      return done(`Searched \`${short(query)}\``, snippets.length ? snippets.map(formatSnippet).join('\n\n') : `No results for "${query}".`, snippets);
    }
    case 'read_file': {
      const file = resolveInWorkspace(index, roots, str('path'));
      if (!file) return failure(`Read ${short(str('path')) || '(no path)'}`, `"${str('path')}" is not an indexed file of the workspace.`);
      const lines = index.linesOf(file.path) ?? [];
      const start = Math.max(1, num('startLine') ?? 1);
      const end = Math.min(lines.length, num('endLine') ?? start + READ_MAX_LINES - 1, start + READ_MAX_LINES - 1);
      if (start > lines.length) return failure(`Read ${file.rel}`, `${file.rel} has ${lines.length} lines.`);
      const s: Snippet = { path: file.path, rel: file.rel, startLine: start - 1, endLine: end - 1, text: lines.slice(start - 1, end).join('\n'), sources: ['tool'] };
      return done(`Read ${file.rel}:${start}-${end}`, formatSnippet(s), [s], 1);
    }
    case 'list_symbols': {
      const file = resolveInWorkspace(index, roots, str('path'));
      if (!file) return failure(`Listed symbols of ${short(str('path')) || '(no path)'}`, `"${str('path')}" is not an indexed file of the workspace.`);
      const symbols = index.symbolsInFile(file.path);
      const text = symbols.map((s) => `${file.rel}:${s.nameLine + 1} ${s.kind} ${s.container ? `${s.container}.` : ''}${s.name} — ${s.signature}`).join('\n');
      return { content: cap(text || `${file.rel} defines no symbols.`), title: `Listed symbols of ${file.rel}`, resultCount: symbols.length, detail: file.rel, snippets: [] };
    }
    case 'find_definition': {
      const name = str('name').split('.').pop() ?? '';
      if (!name) return failure('Looked up (no name)', 'find_definition needs a "name" string.');
      const snippets = findDefinitions(index, name, 'tool');
      return done(`Looked up \`${short(name)}\``, snippets.length ? snippets.map(formatSnippet).join('\n\n') : `No definition named "${name}" in the index.`, snippets);
    }
    default:
      return failure(`Unknown tool ${short(name)}`, `There is no tool "${name}". Available: ${CHAT_TOOLS.map((t) => t.name).join(', ')}.`);
  }
}

/** Definitions named `name` (exact, then any case, then fuzzy), each cut to its first lines. */
export function findDefinitions(index: Pick<CodeIndex, 'symbols' | 'findSymbols' | 'linesOf'>, name: string, source: SnippetSource): Snippet[] {
  if (!name) return [];
  let hits = index.symbols(name, { limit: 5 });
  if (!hits.length) hits = index.symbols(name, { ignoreCase: true, limit: 5 });
  if (!hits.length) hits = index.findSymbols(name, 3);
  return hits.flatMap((h) => definitionSnippet(index, h, source) ?? []);
}

/** A symbol's definition as a snippet; a long one is cut (its head says what it is, read_file shows the rest). */
export function definitionSnippet(index: Pick<CodeIndex, 'linesOf'>, h: SymbolHit, source: SnippetSource): Snippet | undefined {
  const lines = index.linesOf(h.path);
  if (!lines) return undefined;
  const end = Math.min(h.endLine, h.startLine + DEFINITION_MAX_LINES - 1);
  return { path: h.path, rel: h.rel, startLine: h.startLine, endLine: end, text: lines.slice(h.startLine, end + 1).join('\n'), symbol: h.container ? `${h.container}.${h.name}` : h.name, sources: [source] };
}

function done(title: string, content: string, snippets: readonly Snippet[], count = snippets.length): ToolResult {
  return { content: cap(content), title, resultCount: count, detail: snippets.map(citation).join('\n'), snippets };
}

function failure(title: string, message: string): ToolResult {
  return { content: message, title, resultCount: 0, detail: message, snippets: [], failed: true };
}

function cap(text: string): string {
  return text.length > TOOL_TEXT_MAX ? `${text.slice(0, TOOL_TEXT_MAX)}\n… (cut; ask for fewer lines)` : text;
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** A workspace-relative (or absolute) path → the indexed file, only when it lies inside a root. */
export function resolveInWorkspace(index: Pick<CodeIndex, 'file'>, roots: readonly string[], p: string): { path: string; rel: string } | undefined {
  if (!p || p.includes('\0')) return undefined;
  const clean = p.replace(/^@/, '').replace(/:(\d+)(-\d+)?$/, '');
  for (const root of roots) {
    const abs = path.resolve(root, clean);
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const f = index.file(abs);
    if (f) return { path: f.path, rel: f.rel };
  }
  return undefined;
}
