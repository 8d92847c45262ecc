/**
 * What the text around the cursor says, read lexically (no parse: this runs on every keystroke and
 * works the same for every language): the identifier being typed, the member-access receiver chain
 * before it, which names the file already uses before the cursor (imports aside), which names appear
 * only after it, and the word tokens near the cursor that symbol names are matched against.
 */
import type { ImportInfo } from '../../index/model';
import { statementStart } from './importBindings';

const IDENT = /[A-Za-z_$][\w$]*/g;
/** `a.b?.c(…).` / `a::b->` just before the cursor, then an optional partial identifier. */
const RECEIVER_TAIL = /((?:[A-Za-z_$][\w$]*(?:\(\))?\s*(?:\?\.|\.|::|->)\s*)+)([A-Za-z_$][\w$]*)?$/;
/** Lines before (and after) the cursor whose words describe what is being written. */
const NEAR_BEFORE = 12;
const NEAR_AFTER = 3;
const SUFFIX_LINES = 80;

export interface CursorContext {
  readonly lines: readonly string[];
  readonly line: number;
  readonly character: number;
  /** The cursor line up to the cursor. */
  readonly linePrefix: string;
  /** Identifier characters right before the cursor (the start of the name being typed), or ''. */
  readonly partial: string;
  /** Member access at the cursor: `this.users.` → ['this', 'users']; undefined when none. */
  readonly receiver?: readonly string[];
  /**
   * A method chain continued on the cursor's line (`    .` under `Command::new("x")` and `.about(…)`
   * lines): the type its first line names, if any, and the methods the chain has called so far.
   */
  readonly continuation?: { readonly head?: string; readonly members: readonly string[] };
  /** Line ranges of import statements (by the index's import lines, extended over open brackets). */
  readonly importLines: ReadonlySet<number>;
  /** Names in the text before the cursor, import statements excluded. */
  readonly usedBefore: { has(name: string): boolean };
  /** Names that occur after the cursor but not before it → distance in lines of their first use. */
  readonly onlyAfter: ReadonlyMap<string, number>;
  /** Names in the lines just before the cursor → weight (nearer is heavier). */
  readonly nearNames: ReadonlyMap<string, number>;
  /** Lower-cased word parts (camelCase/snake_case split) near the cursor → weight. */
  readonly terms: ReadonlyMap<string, number>;
}

/** camelCase / snake_case / digit boundaries → lower-case singular words of 2+ letters (a char scan: runs per symbol). */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start >= 0 && end - start >= 2) out.push(singular(name.slice(start, end).toLowerCase()));
    start = -1;
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (!upper && !lower) {
      flush(i);
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    const prev = name.charCodeAt(i - 1);
    const prevUpper = prev >= 65 && prev <= 90;
    const next = i + 1 < name.length ? name.charCodeAt(i + 1) : 0;
    // aB → a|B;  ABc → A|Bc (an acronym ends before the capital that starts a word)
    if (upper && (!prevUpper || (next >= 97 && next <= 122))) {
      flush(i);
      start = i;
    }
  }
  flush(name.length);
  return out;
}

/** `tables` and `Table` are one word to a name match: a plural `s` is dropped (not from `ss`, `us`, `is`). */
const singular = (w: string): string => (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w) ? w.slice(0, -1) : w);

export function readCursorContext(text: string, line: number, character: number, imports: readonly ImportInfo[]): CursorContext {
  const lines = text.split('\n');
  const cur = lines[line] ?? '';
  const linePrefix = cur.slice(0, character);
  const partial = /[A-Za-z_$][\w$]*$/.exec(linePrefix)?.[0] ?? '';
  const tail = RECEIVER_TAIL.exec(withoutCallArguments(linePrefix));
  const receiver = tail ? tail[1]!.split(/\?\.|\.|::|->/).map((s) => s.replace(/\(\)$/, '').trim()).filter(Boolean) : undefined;
  const importLines = importLineSet(lines, imports);

  const above = namesBefore(text, lines, line, importLines);
  const onLine = new Set<string>();
  if (!importLines.has(line)) for (const m of linePrefix.slice(0, linePrefix.length - partial.length).matchAll(IDENT)) onLine.add(m[0]);
  const usedBefore = { has: (name: string) => above.has(name) || onLine.has(name) };
  const onlyAfter = new Map<string, number>();
  const afterStart = cur.slice(character);
  const after = [afterStart, ...lines.slice(line + 1, line + 1 + SUFFIX_LINES)];
  after.forEach((l, d) => {
    for (const m of l.matchAll(IDENT)) if (!usedBefore.has(m[0]) && !onlyAfter.has(m[0])) onlyAfter.set(m[0], d);
  });

  const nearNames = new Map<string, number>();
  const terms = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, w: number) => m.set(k, Math.max(m.get(k) ?? 0, w));
  for (let i = Math.max(0, line - NEAR_BEFORE); i <= Math.min(lines.length - 1, line + NEAR_AFTER); i++) {
    if (importLines.has(i)) continue;
    const l = i === line ? linePrefix : lines[i]!;
    const w = i === line ? 1 : i < line ? 0.85 ** (line - i) : 0.4 ** (i - line);
    for (const m of l.matchAll(IDENT)) {
      if (i <= line) add(nearNames, m[0], w);
      for (const t of nameWords(m[0])) add(terms, t, w);
    }
  }
  const continuation = !receiver && /^\s*\.$/.test(linePrefix.slice(0, linePrefix.length - partial.length)) ? chainAbove(lines, line) : undefined;
  return {
    lines, line, character, linePrefix, partial, ...(receiver?.length ? { receiver } : {}), ...(continuation ? { continuation } : {}),
    importLines, usedBefore, onlyAfter, nearNames, terms,
  };
}

/**
 * Names in the lines above the cursor line, imports aside. While the user types on one line these do
 * not change, and in a long file they are most of readCursorContext's work: the last answer is kept
 * and reused when the text above the cursor line is the same.
 */
let lastNamesBefore: { above: string; importLines: string; names: ReadonlySet<string> } | undefined;
function namesBefore(text: string, lines: readonly string[], line: number, importLines: ReadonlySet<number>): ReadonlySet<string> {
  let offset = 0;
  for (let i = 0; i < line && i < lines.length; i++) offset += lines[i]!.length + 1;
  const above = text.slice(0, offset);
  const importKey = [...importLines].join(',');
  if (lastNamesBefore && lastNamesBefore.above === above && lastNamesBefore.importLines === importKey) return lastNamesBefore.names;
  const names = new Set<string>();
  for (let i = 0; i < line && i < lines.length; i++) {
    if (importLines.has(i)) continue;
    for (const m of lines[i]!.matchAll(IDENT)) names.add(m[0]);
  }
  lastNamesBefore = { above, importLines: importKey, names };
  return names;
}

const CHAIN_LINES = 60;

/** The chain a line starting with `.` continues: the calls on `.` lines above at the same depth, and its head's type. */
function chainAbove(lines: readonly string[], line: number): { head?: string; members: string[] } | undefined {
  const members: string[] = [];
  let depth = 0;
  for (let i = line - 1; i >= Math.max(0, line - CHAIN_LINES); i--) {
    const l = (lines[i] ?? '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\/.*$/g, '""');
    for (let j = l.length - 1; j >= 0; j--) {
      const ch = l[j];
      if (ch === ')' || ch === ']' || ch === '}') depth++;
      else if (ch === '(' || ch === '[' || ch === '{') depth--;
    }
    if (depth < 0) return undefined; // the chain is an argument of a call that opens here
    if (depth !== 0) continue; // inside an argument spanning lines (the line opening it counts)
    const call = /^\s*\.\s*([A-Za-z_$][\w$]*)/.exec(l);
    if (call) {
      members.push(call[1]!);
      continue;
    }
    if (!l.trim()) return undefined;
    const head = /\bnew\s+([A-Z][\w$]*)|(?:^|[^\w$.])([A-Z][\w$]*)\s*(?:::|\.)\s*[A-Za-z_$][\w$]*\s*[(<]/.exec(l);
    return { ...(head ? { head: head[1] ?? head[2]! } : {}), members };
  }
  return undefined;
}

/** `Parser(*args, **kw).` → `Parser().`: a call's arguments do not matter to what it returns. */
function withoutCallArguments(prefix: string): string {
  let out = prefix;
  for (let guard = 0; guard < 4; guard++) {
    const m = /\)\s*(?:\?\.|\.|::|->)\s*[A-Za-z_$]?[\w$]*$/.exec(out);
    if (!m) break;
    let depth = 0;
    let i = m.index;
    for (; i >= 0; i--) {
      const ch = out[i];
      if (ch === ')') depth++;
      else if (ch === '(' && --depth === 0) break;
    }
    if (i < 0 || out.slice(i, m.index + 1) === '()') break;
    out = `${out.slice(0, i)}()${out.slice(m.index + 1)}`;
  }
  return out;
}

/** Each import statement's lines: from its first line while brackets stay open (multi-line imports). */
function importLineSet(lines: readonly string[], imports: readonly ImportInfo[]): Set<number> {
  const out = new Set<number>();
  for (const imp of imports) {
    let depth = 0;
    for (let i = statementStart(lines, imp.line); i < lines.length && i < imp.line + 200; i++) {
      out.add(i);
      for (const ch of lines[i]!) {
        if (ch === '(' || ch === '{' || ch === '[') depth++;
        else if (ch === ')' || ch === '}' || ch === ']') depth--;
      }
      if (depth <= 0) break;
    }
  }
  return out;
}
