/**
 * Where in one parsed file a case can be cut, per task, in the style of repository-level completion
 * benchmarks:
 * - line: the rest of a line from a token boundary (not inside a comment or string);
 * - api: the rest of a line from a call of a function defined in another file of the repository
 *   (and not in this one), the cursor where the callee's name starts;
 * - block: the body of a short function, the cursor where its first statement starts (the header and
 *   the closing brace stay).
 * Each returns one candidate picked with the caller's generator, or undefined.
 */
import type { Node } from 'web-tree-sitter';
import type { EvalTask } from './evalTypes';
import type { SeededRandom } from './seededRandom';

export interface Span {
  readonly offset: number;
  readonly end: number;
}

export interface CandidateInput {
  readonly root: Node;
  readonly text: string;
  readonly rng: SeededRandom;
  /** A function or method of this name is defined in another file and not in this one. */
  readonly crossFileCallee: (name: string) => boolean;
}

const CALL_TYPES = new Set(['call_expression', 'call', 'method_invocation', 'invocation_expression']);
const BLOCK_TYPES = new Set(['statement_block', 'block', 'compound_statement', 'constructor_body']);
const NOT_CODE = /comment|string|template|heredoc|char_literal|regex/;
const MAX_LINE_SPAN = 160;
const MAX_BLOCK_SPAN = 800;
const MAX_BLOCK_LINES = 12;

export function candidateFor(task: EvalTask, input: CandidateInput): Span | undefined {
  switch (task) {
    case 'line':
      return lineCandidate(input);
    case 'api':
      return apiCandidate(input);
    case 'block':
      return blockCandidate(input);
  }
}

/** End of the line holding `offset`, without trailing whitespace (and without a CR). */
export function lineEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  while (end > offset && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function lineCandidate({ root, text, rng }: CandidateInput): Span | undefined {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  for (const start of rng.shuffle(starts).slice(0, 60)) {
    const end = lineEnd(text, start);
    const body = text.slice(start, end);
    const indent = body.length - body.trimStart().length;
    if (body.trim().length < 8 || end - start > MAX_LINE_SPAN + indent) continue;
    const lineNode = root.descendantForIndex(start + indent);
    if (!lineNode || insideNonCode(lineNode, start + indent + 1)) continue;
    // Token starts after the first token, leaving at least two characters to predict.
    const boundaries: number[] = [];
    const tokens = /[A-Za-z_$][\w$]*|\d[\w.]*|\S/g;
    let first = true;
    for (let m = tokens.exec(body); m; m = tokens.exec(body)) {
      if (first) {
        first = false;
        continue;
      }
      const at = start + m.index;
      // Something worth predicting: a few characters, a name or a number among them.
      if (end - at < 4 || !/\w/.test(text.slice(at, end))) break;
      const node = root.descendantForIndex(at);
      if (node && node.startIndex === at && !insideNonCode(node, at)) boundaries.push(at);
    }
    const offset = rng.pick(boundaries);
    if (offset === undefined) continue;
    const cut = withoutTrailingComment(root, text, offset, end);
    if (cut - offset >= 4) return { offset, end: cut };
  }
  return undefined;
}

function apiCandidate({ root, text, rng, crossFileCallee }: CandidateInput): Span | undefined {
  const found: Span[] = [];
  walk(root, (node) => {
    if (!CALL_TYPES.has(node.type)) return;
    const name = calleeName(node);
    if (!name || !crossFileCallee(name.text)) return;
    const end = withoutTrailingComment(root, text, name.startIndex, lineEnd(text, name.startIndex));
    if (end - name.startIndex < 2 || end - name.startIndex > MAX_LINE_SPAN) return;
    found.push({ offset: name.startIndex, end });
  });
  return rng.pick(found);
}

/** The identifier naming what a call calls (`f` in `f()`, `m` in `a.b.m()`). */
function calleeName(call: Node): Node | undefined {
  if (call.type === 'method_invocation') return call.childForFieldName('name') ?? undefined;
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (/identifier$/.test(fn.type)) return fn;
  const named = fn.namedChildren;
  for (let i = named.length - 1; i >= 0; i--) {
    const c = named[i]!;
    if (/identifier$/.test(c.type)) return c;
    if (c.type !== 'type_arguments' && c.type !== 'generic_name') break;
  }
  return undefined;
}

function blockCandidate({ root, text, rng }: CandidateInput): Span | undefined {
  const found: Span[] = [];
  walk(root, (node) => {
    if (!/function|method|constructor/.test(node.type)) return;
    const body = node.childForFieldName('body');
    if (!body || !BLOCK_TYPES.has(body.type)) return;
    // Go wraps a block's statements in a statement_list.
    const inner = body.namedChildren.length === 1 && body.namedChildren[0]!.type === 'statement_list' ? body.namedChildren[0]!.namedChildren : body.namedChildren;
    const statements = inner.filter((c) => !/comment/.test(c.type));
    // A Python docstring stays: the body to write starts after it.
    if (statements[0]?.type === 'expression_statement' && statements[0].namedChildren[0]?.type === 'string' && statements.length > 1) statements.shift();
    const firstStmt = statements[0];
    const last = statements.at(-1);
    if (!firstStmt || !last) return;
    // The header on its own line(s), the body below it, the closing brace (if any) after the last line.
    if (firstStmt.startPosition.row <= node.startPosition.row) return;
    if (body.type !== 'block' || text[body.startIndex] === '{') {
      if (body.endPosition.row <= last.endPosition.row) return;
    }
    if (last.endPosition.row - firstStmt.startPosition.row + 1 > MAX_BLOCK_LINES) return;
    const end = lineEnd(text, last.endIndex);
    if (end - firstStmt.startIndex < 2 || end - firstStmt.startIndex > MAX_BLOCK_SPAN) return;
    found.push({ offset: firstStmt.startIndex, end });
  });
  return rng.pick(found);
}

/** `end`, or where a comment starts between `offset` and `end` (trailing whitespace dropped): comments are not predicted. */
function withoutTrailingComment(root: Node, text: string, offset: number, end: number): number {
  for (let p = offset + 1; p < end; p++) {
    if (!/[#/-]/.test(text[p]!)) continue;
    const node = root.descendantForIndex(p);
    if (node && /comment/.test(node.type) && node.startIndex === p) {
      let cut = p;
      while (cut > offset && /\s/.test(text[cut - 1]!)) cut--;
      return cut;
    }
  }
  return end;
}

/** In a comment or string that starts before `at` (a cursor right before a string literal is fine). */
function insideNonCode(node: Node, at: number): boolean {
  for (let n: Node | null = node; n; n = n.parent) if (NOT_CODE.test(n.type) && n.startIndex < at) return true;
  return false;
}

/** Pre-order walk over named nodes. */
export function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const c of node.namedChildren) walk(c, visit);
}
