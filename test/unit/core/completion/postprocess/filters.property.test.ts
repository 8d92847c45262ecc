import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createPostprocessContext } from '@src/core/completion/postprocess/createPostprocessContext';
import { POSTPROCESS_FILTERS, postprocess } from '@src/core/completion/postprocess/pipeline';
import { cursorInListAbove, treeSyntax } from '@src/core/completion/postprocess/treeSyntax';
import { insertion, type CompletionCandidate, type PostprocessContext } from '@src/core/completion/postprocess/types';
import { parserFor } from '../multiline/loadGrammar';

/** Code-shaped fragments, mixed at random into documents and model answers. */
const FRAGMENTS = [
  '', '  ', '\t', '{', '}', '};', ')', '));', ']', 'foo(', 'bar)', 'x = 1', '  return x;', '    y++;',
  'if (a) {', '} else {', 'def f(x):', '    pass', '        return x', 'for x in xs:', '"a{b"', "'}'",
  '// note {', '# note', '/* c */', '`t ${x}`', '\tgo()', 'fn main() {', '    let v = vec![1, 2];',
  'public void run() {', 'case 1:', 'end',
];
const fragment = fc.constantFrom(...FRAGMENTS);
const lines = (max: number) => fc.array(fragment, { minLength: 0, maxLength: max }).map((ls) => ls.join('\n'));

const scenario = fc.record({
  prefix: fc.tuple(lines(6), fc.constantFrom('', '  ', '    ', '\t', 'const x = ', 'foo(', 'if (a) {', 'def f():', '  return ')).map(([a, b]) => (a ? a + '\n' : '') + b),
  suffix: fc.tuple(fc.constantFrom('', ')', ');', '"', '])', ' }', 'x + 1;'), lines(6)).map(([a, b]) => a + '\n' + b),
  completion: fc.tuple(lines(8), fc.constantFrom('', '\r\n', '\n\n', '  ')).map(([a, b]) => a + b),
  languageId: fc.constantFrom('typescript', 'python', 'go', 'rust', 'java'),
  multiline: fc.boolean(),
});

function contextOf(s: { prefix: string; suffix: string; languageId: string; multiline: boolean }): PostprocessContext {
  return createPostprocessContext(s);
}

describe('post-processing properties (random code-shaped input)', () => {
  it('the pipeline never throws and returns a sane candidate', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const context = contextOf(s);
        const out = postprocess(insertion(s.completion), context);
        if (out === null) return;
        assert.ok(out.text.trim().length > 0, 'not blank');
        assert.ok(!out.text.includes('\r'), 'no \\r');
        assert.equal(out.text, out.text.trimEnd(), 'no trailing whitespace');
        assert.ok(out.replaceBefore >= 0 && out.replaceBefore <= context.linePrefix.length, 'replaceBefore within the line');
        assert.ok(out.replaceAfter >= 0 && out.replaceAfter <= context.lineSuffix.length, 'replaceAfter within the line');
        if (!s.multiline) assert.ok(out.text.trimStart().split('\n').length <= 1 || /^\s*\n/.test(out.text), 'single line');
      }),
      { numRuns: 400 },
    );
  });

  it('every filter is idempotent: running it again changes nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const context = contextOf(s);
        let item: CompletionCandidate | null = insertion(s.completion);
        for (const filter of POSTPROCESS_FILTERS) {
          if (item === null) return;
          const once: CompletionCandidate | null = filter(item, context);
          if (once !== null) assert.deepEqual(filter(once, context), once, `${filter.name} is not idempotent on ${JSON.stringify(item)}`);
          item = once;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('filters only remove text, except indentation and line-ending normalisation', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const context = contextOf(s);
        let item: CompletionCandidate | null = insertion(s.completion);
        for (const filter of POSTPROCESS_FILTERS) {
          if (item === null) return;
          const next: CompletionCandidate | null = filter(item, context);
          if (next !== null && filter.name !== 'normalizeIndentation' && filter.name !== 'normalizeLineEndings') {
            assert.ok(item.text.startsWith(next.text) || item.text.trimEnd().startsWith(next.text), `${filter.name} added text`);
          }
          item = next;
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('post-processing properties with a syntax tree (random code-shaped input)', () => {
  const parsers = new Map<string, Awaited<ReturnType<typeof parserFor>>>();
  before(async () => {
    for (const languageId of ['typescript', 'python', 'go', 'rust', 'java']) parsers.set(languageId, await parserFor(languageId));
  });

  /** The context the engine builds when a grammar is loaded. */
  function treeContextOf(s: { prefix: string; suffix: string; languageId: string; multiline: boolean }): PostprocessContext {
    const parser = parsers.get(s.languageId)!;
    const parse = (text: string) => parser.parse(text) ?? undefined;
    const plain = createPostprocessContext(s);
    const text = plain.prefix + plain.suffix;
    const tree = parse(text)!;
    const listAbove = cursorInListAbove(tree.rootNode, text, plain.prefix.length);
    tree.delete();
    return createPostprocessContext({ ...s, syntax: treeSyntax(parse, text, plain.prefix.length, plain.tabSize, listAbove) });
  }

  it('every filter stays idempotent and only removes text', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const context = treeContextOf(s);
        let item: CompletionCandidate | null = insertion(s.completion);
        for (const filter of POSTPROCESS_FILTERS) {
          if (item === null) return;
          const next: CompletionCandidate | null = filter(item, context);
          if (next !== null) assert.deepEqual(filter(next, context), next, `${filter.name} is not idempotent on ${JSON.stringify(item)}`);
          if (next !== null && filter.name !== 'normalizeIndentation' && filter.name !== 'normalizeLineEndings') {
            assert.ok(item.text.startsWith(next.text) || item.text.trimEnd().startsWith(next.text), `${filter.name} added text`);
          }
          item = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});
