/**
 * Scores of one prediction against the hidden span: exact match and edit similarity on text with
 * trailing whitespace ignored; the identifiers used (tree-sitter leaves named `…identifier`) in order
 * and as a multiset; and whether the completed file has the same syntax-tree shape in the span (the
 * named node types inside it, in order) without parse errors the original did not have there.
 */
import { distance } from 'fastest-levenshtein';
import type { Node, Parser } from 'web-tree-sitter';
import type { EvalCase, EvalScores } from './evalTypes';

/** Trailing whitespace of each line and of the whole text does not count. */
export function normalizeAnswer(text: string): string {
  return text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trim();
}

export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

interface SpanFacts {
  readonly identifiers: string[];
  readonly shape: string[];
  readonly errors: number;
}

/** What the tree says about [start, end) of `text`. */
function spanFacts(parser: Parser, text: string, start: number, end: number): SpanFacts | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const identifiers: string[] = [];
    const shape: string[] = [];
    let errors = 0;
    const visit = (node: Node) => {
      if (node.endIndex < start || node.startIndex > end) return;
      if (node.isError || node.isMissing) errors++;
      const inside = node.startIndex >= start && node.endIndex <= end && node.endIndex > node.startIndex;
      if (inside && node.isNamed) shape.push(node.type);
      if (inside && node.childCount === 0 && /identifier$/.test(node.type)) identifiers.push(text.slice(node.startIndex, node.endIndex));
      for (const c of node.children) visit(c);
    };
    visit(tree.rootNode);
    return { identifiers, shape, errors };
  } finally {
    tree.delete();
  }
}

function multisetF1(predicted: readonly string[], expected: readonly string[]): number {
  if (!predicted.length && !expected.length) return 1;
  if (!predicted.length || !expected.length) return 0;
  const counts = new Map<string, number>();
  for (const x of expected) counts.set(x, (counts.get(x) ?? 0) + 1);
  let common = 0;
  for (const x of predicted) {
    const c = counts.get(x) ?? 0;
    if (c > 0) {
      common++;
      counts.set(x, c - 1);
    }
  }
  if (!common) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * @param original the file as it is on disk; the prediction replaces the hidden span.
 * @param parser set to the case's language, or undefined (no syntax scores: identifiers by a regex).
 */
export function scoreCase(c: EvalCase, predicted: string, original: string, parser: Parser | undefined): EvalScores {
  const want = normalizeAnswer(c.expected);
  const got = normalizeAnswer(predicted);
  const completed = original.slice(0, c.offset) + predicted + original.slice(c.hiddenEnd);
  const expectedFacts = parser ? spanFacts(parser, original, c.offset, c.hiddenEnd) : undefined;
  const predictedFacts = parser ? spanFacts(parser, completed, c.offset, c.offset + predicted.length) : undefined;
  const ids = (facts: SpanFacts | undefined, text: string) => facts?.identifiers ?? (text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const expectedIds = ids(expectedFacts, c.expected);
  const predictedIds = ids(predictedFacts, predicted);
  return {
    exactMatch: want === got,
    editSimilarity: editSimilarity(want, got),
    identifierMatch: got.length > 0 && expectedIds.length === predictedIds.length && expectedIds.every((x, i) => predictedIds[i] === x),
    identifierF1: multisetF1(predictedIds, expectedIds),
    syntaxMatch: !!expectedFacts && !!predictedFacts && got.length > 0
      && predictedFacts.errors <= expectedFacts.errors
      && expectedFacts.shape.length === predictedFacts.shape.length && expectedFacts.shape.every((t, i) => predictedFacts.shape[i] === t),
  };
}
