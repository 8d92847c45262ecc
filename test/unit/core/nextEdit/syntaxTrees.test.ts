/**
 * Kept syntax trees: after any sequence of edits (several between parses, multi-line, \r\n, non-ASCII
 * and surrogate pairs), the incrementally re-parsed tree equals a fresh parse of the same text, node for
 * node; a closed document's tree is freed; the memory bounds hold; the cursor's ancestors read from a
 * kept tree are the window parse's.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { LanguageId } from '@src/core/index/languages';
import { TreeSitterRuntime } from '@src/core/index/parse/treeSitterRuntime';
import { ancestorsInTree, ancestorsWith } from '@src/core/nextEdit/syntaxAncestors';
import { SyntaxTrees } from '@src/core/nextEdit/syntaxTrees';

const SOURCES: Partial<Record<LanguageId, string>> = {
  typescript: [
    "import { a } from './a';",
    'export function total(items: number[]): number {',
    '  // sum — «prices» 😀',
    '  return items.reduce((x, y) => x + y, 0);',
    '}',
    'class Cart {',
    '  private readonly items: string[] = [];',
    '  add(item: string) { this.items.push(item); }',
    '}',
    '',
  ].join('\n'),
  python: ['import os', '', 'def total(items):', '    """sum ü"""', '    if not items:', '        return 0', '    return sum(items)', '', 'class Cart:', '    def add(self, x):', '        self.items.append(x)', ''].join('\r\n'),
};

/** Pieces typed into the document: code, brackets that open and close blocks, line breaks, wide characters. */
const PIECES = ['a', 'x', ' ', '(', ')', '{', '}', ':', ';', '\n', '\r\n', '    ', 'return ', 'def f():', 'function g() {', '"', "'", 'é', '😀', '𝒳', '#', '//', ' + 1', ',', 'if x:\n    '];

/** Node-for-node signature of a tree: type, range (indices and points) and error state of every node. */
function signature(tree: Tree): string {
  const out: string[] = [];
  const visit = (n: SyntaxNode, depth: number) => {
    out.push(`${depth} ${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}${n.hasError ? ' E' : ''}${n.isMissing ? ' M' : ''}`);
    for (let i = 0; i < n.childCount; i++) visit(n.child(i)!, depth + 1);
  };
  visit(tree.rootNode, 0);
  return out.join('\n');
}

const editArb = fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join('')) });

function apply(text: string, e: { at: number; length: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.length));
}

/** Edits that keep the code valid: a name's letters changed (typing a rename), a statement added or a line removed at the top level. */
const validEditArb = fc.record({ kind: fc.constantFrom('rename', 'add', 'remove'), pick: fc.nat(), name: fc.constantFrom('q', 'zz', 'ü', 'x𝒳') });

function applyValid(text: string, e: { kind: string; pick: number; name: string }, id: LanguageId): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (e.kind === 'rename') {
    const names = [...text.matchAll(/\b(items|total|Cart|add|x|y)\w*/g)];
    const m = names[e.pick % names.length]!;
    return text.slice(0, m.index + m[0].length) + e.name + text.slice(m.index + m[0].length);
  }
  const lines = text.split(eol);
  // Top-level lines only (no indentation): statements can be added or removed there without breaking a block.
  const top = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith('v') || l === '');
  if (e.kind === 'add') {
    const at = top.length ? top[e.pick % top.length]!.i : lines.length;
    lines.splice(at, 0, id === 'python' ? `v${e.pick % 100} = ${e.pick % 7}` : `var v${e.pick % 100} = ${e.pick % 7};`);
  } else {
    const added = top.filter(({ l }) => l.startsWith('v'));
    if (added.length) lines.splice(added[e.pick % added.length]!.i, 1);
  }
  return lines.join(eol);
}

/**
 * Edits `source` batch by batch (several edits between parses), re-parsing the kept tree after each
 * batch and handing it to `check` with a fresh parse of the same text.
 */
async function replayEdits<E>(id: LanguageId, source: string, edit: fc.Arbitrary<E>, apply: (text: string, e: E) => string, check: (kept: Tree, fresh: Tree, text: string) => void, numRuns: number) {
  const runtime = await TreeSitterRuntime.shared();
  const { language } = await runtime.language(id);
  fc.assert(
    fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (batches) => {
      const trees = new SyntaxTrees();
      try {
        let text = source;
        trees.treeFor('doc', runtime.parser, language, text);
        for (const batch of batches) {
          for (const e of batch) text = apply(text, e);
          const kept = trees.treeFor('doc', runtime.parser, language, text)!;
          runtime.parser.setLanguage(language);
          const fresh = runtime.parser.parse(text)!;
          try {
            check(kept, fresh, text);
          } finally {
            fresh.delete();
          }
        }
      } finally {
        trees.clear();
      }
    }),
    { numRuns },
  );
}

describe('kept syntax trees', () => {
  for (const [id, source] of Object.entries(SOURCES) as [LanguageId, string][]) {
    it(`${id}: the incrementally re-parsed tree equals a fresh parse after random edit sequences`, async () => {
      let valid = 0;
      await replayEdits(id, source, editArb, apply, (kept, fresh, text) => {
        // Where the text has syntax errors, tree-sitter's error recovery may group the broken nodes
        // differently when it reuses old ones (the library's own behaviour); both trees then say there
        // is an error over the same text. An error-free text gets the same tree.
        if (fresh.rootNode.hasError) assert.deepEqual([kept.rootNode.hasError, kept.rootNode.endIndex], [true, fresh.rootNode.endIndex], JSON.stringify(text));
        else {
          assert.equal(signature(kept), signature(fresh), JSON.stringify(text));
          valid++;
        }
      }, 150);
      assert.ok(valid > 0, 'some edit sequences left an error-free text');
    });

    it(`${id}: edits that keep the code valid re-parse to exactly the fresh tree`, async () => {
      await replayEdits(id, source, validEditArb, (text, e) => applyValid(text, e, id), (kept, fresh, text) => {
        assert.equal(fresh.rootNode.hasError, false, JSON.stringify(text));
        assert.equal(signature(kept), signature(fresh), JSON.stringify(text));
      }, 100);
    });
  }

  it('frees a closed document\'s tree, keeps at most maxDocuments and maxTotalChars, and none above maxChars', async () => {
    const runtime = await TreeSitterRuntime.shared();
    const { language } = await runtime.language('typescript');
    const trees = new SyntaxTrees({ maxDocuments: 2, maxChars: 100, maxTotalChars: 150 });
    trees.treeFor('a', runtime.parser, language, 'const a = 1;');
    trees.treeFor('b', runtime.parser, language, 'const b = 1;');
    trees.treeFor('a', runtime.parser, language, 'const a = 2;'); // a is now the most recently used
    trees.treeFor('c', runtime.parser, language, 'const c = 1;');
    assert.deepEqual(trees.keys(), ['a', 'c'], 'the least recently used (b) is freed');
    trees.close('a');
    assert.deepEqual(trees.keys(), ['c']);
    assert.equal(trees.treeFor('big', runtime.parser, language, `const x = ${'1 + '.repeat(30)}1;`), undefined, 'above maxChars: not kept');
    assert.deepEqual(trees.keys(), ['c']);
    trees.treeFor('d', runtime.parser, language, `const d = ${'1+'.repeat(35)}1;`);
    trees.treeFor('e', runtime.parser, language, `const e = ${'1+'.repeat(35)}1;`);
    assert.deepEqual(trees.keys(), ['e'], 'the total size bound frees the older trees');
    trees.clear();
    assert.deepEqual(trees.keys(), []);
  });

  it('the cursor\'s ancestors from a kept tree are those of the window parse', async () => {
    const runtime = await TreeSitterRuntime.shared();
    const { language } = await runtime.language('typescript');
    const text = SOURCES.typescript!;
    const lines = text.split('\n');
    const trees = new SyntaxTrees();
    try {
      for (const cursor of [{ line: 3, character: 10 }, { line: 7, character: 30 }, { line: 0, character: 5 }]) {
        const tree = trees.treeFor('doc', runtime.parser, language, text)!;
        assert.deepEqual(ancestorsInTree(tree, lines, cursor), ancestorsWith(runtime, language, lines, cursor));
      }
    } finally {
      trees.clear();
    }
  });
});
