/**
 * Incremental extraction (editor changes). After every edit of a random sequence, the facts carried
 * forward edit after edit must equal a full extraction of the same tree — symbols, imports, package,
 * error flag and the spans the next edit relies on — for every language's fixture and for real
 * third-party files, with edits that break and repair structure. (Compared on the same incrementally
 * parsed tree: after broken code, tree-sitter's incremental parse may recover differently from a fresh
 * parse, and that is the parser's business, not extraction's.) A second test runs valid edits through
 * the worker's file processing and compares with a fresh parse.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Tree } from 'web-tree-sitter';
import { lineStartsOf } from '@src/core/index/extract/chunker';
import { extractFromTree, type PlacedFacts } from '@src/core/index/extract/fileExtractor';
import { incrementalExtract, rangesToRevisit } from '@src/core/index/extract/incrementalExtract';
import { languageOf } from '@src/core/index/languages';
import { type FileResult, processFile } from '@src/core/index/parse/fileProcessor';
import { editBetween, treeEdit } from '@src/core/index/parse/textEdit';
import { TreeSitterRuntime } from '@src/core/index/parse/treeSitterRuntime';

const FIXTURES = path.resolve(__dirname, '../../../../fixtures/index/extract');
const REPO = path.resolve(__dirname, '../../../../..');
const THIRD_PARTY = ['node_modules/zod/v4/mini/schemas.js', 'node_modules/openai/src/client.ts', 'node_modules/lodash/debounce.js'];
/** Edit sequences per file (more with BANYAN_EDIT_SEEDS=0,1,…,99). */
const SEEDS = (process.env.BANYAN_EDIT_SEEDS ?? '0,1,2,3').split(',').map(Number);
/**
 * Sequences that once broke it, kept (the signature's shared line is caught by the usual ones): a node
 * shrunk away from the edit, a function let go by a statement and a namespace turned into statements
 * (both reported as no change by the tree's changed ranges), a top-level node following whitespace
 * before an ERROR.
 */
const FOUND: Record<string, number[]> = {
  'test/fixtures/index/extract/sample.go': [0, 8],
  'test/fixtures/index/extract/sample.py': [8],
  'test/fixtures/index/extract/sample.jsx': [119],
  'test/fixtures/index/extract/Sample.cs': [211, 251],
  'test/fixtures/index/extract/sample.cpp': [105],
  'node_modules/zod/v4/mini/schemas.js': [37],
  'node_modules/lodash/debounce.js': [97, 99],
};
/** Snippets that add, break and repair structure in any of the languages. */
const SNIPPETS = ['\n', 'x', '{', '}', '(', ')', '\n\nfunction added() { return 1; }\n', 'class Extra {\n  m() {}\n}\n', 'def f(x):\n    return x\n', 'import os\n', '"', '/*', '*/', '  ', 'é', 'const k = 1;\n'];

function randomEdit(text: string, rnd: (n: number) => number): string {
  const at = rnd(text.length + 1);
  const op = rnd(3);
  if (op === 0) return text.slice(0, at) + SNIPPETS[rnd(SNIPPETS.length)] + text.slice(at);
  if (op === 1) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rnd(80)));
  return text.slice(0, at) + SNIPPETS[rnd(SNIPPETS.length)] + text.slice(Math.min(text.length, at + rnd(20)));
}

const plain = (f: PlacedFacts) => ({ symbols: f.symbols, imports: f.imports, packageName: f.packageName, hasErrors: f.hasErrors, spans: f.spans });

describe('incremental extraction equals a full extraction', () => {
  let runtime: TreeSitterRuntime;
  before(async () => {
    runtime = await TreeSitterRuntime.create();
  });

  const files = [
    ...readdirSync(FIXTURES).filter((f) => languageOf(f) && !f.endsWith('.json')).map((f) => path.join(FIXTURES, f)),
    ...THIRD_PARTY.map((f) => path.join(REPO, f)),
  ];
  // Seeds from the path inside the repository: the same edits in every checkout.
  for (const file of files) for (const run of new Set([...SEEDS, ...(FOUND[path.relative(REPO, file)] ?? [])])) {
    const rel = path.relative(REPO, file);
    it(`${rel}: 60 random edits (sequence ${run})`, async () => {
      let seed = 1234 + rel.length * 31 + run;
      const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
      const loaded = await runtime.language(languageOf(file)!);
      runtime.parser.setLanguage(loaded.language);
      let text = readFileSync(file, 'utf8');
      let tree: Tree = runtime.parser.parse(text)!;
      let facts = extractFromTree(loaded.spec, loaded.queries, tree, text, lineStartsOf(text));
      assert.ok(facts.symbols.length > 0, 'the file has symbols to begin with');
      try {
        for (let i = 0; i < 60; i++) {
          const next = randomEdit(text, rnd);
          const edit = editBetween(text, next);
          tree.edit(treeEdit(text, next, edit));
          const parsed = runtime.parser.parse(next, tree)!;
          const changed = rangesToRevisit(tree, parsed);
          tree.delete();
          tree = parsed;
          text = next;
          const lineStarts = lineStartsOf(text);
          const incremental = incrementalExtract(loaded.spec, loaded.queries, tree, text, lineStarts, facts, edit, changed);
          const full = extractFromTree(loaded.spec, loaded.queries, tree, text, lineStarts);
          assert.deepEqual(plain(incremental), plain(full), `edit ${i} ${JSON.stringify(edit)}`);
          facts = incremental;
        }
      } finally {
        tree.delete();
      }
    });
  }

  it('through the worker\'s file processing: valid edits of a file give what a fresh parse gives', async () => {
    const file = path.join(FIXTURES, 'sample.ts');
    const key = path.join(FIXTURES, 'edited', 'sample.ts');
    const facts = (r: FileResult) => (r.kind === 'extracted' ? { symbols: r.tree.symbols, imports: r.tree.imports } : undefined);
    let text = readFileSync(file, 'utf8');
    await processFile(runtime, { path: key, text, maxBytes: 1 << 20, tokenize: false });
    const edits: ((t: string) => string)[] = [
      (t) => `import { extra } from './extra';\n${t}`,
      (t) => `${t}\nexport function appended(a: number): number {\n  return a + 1;\n}\n`,
      (t) => t.replace('appended', 'renamedAppended'),
      (t) => t.replace(/\nexport function renamedAppended[\s\S]*$/, '\n'),
      (t) => t.replace('\n', '\n\n\n'),
    ];
    for (const [i, edit] of edits.entries()) {
      text = edit(text);
      const incremental = facts(await processFile(runtime, { path: key, text, maxBytes: 1 << 20, tokenize: false }));
      const fresh = facts(await processFile(runtime, { path: path.join(FIXTURES, `fresh${i}`, 'sample.ts'), text, maxBytes: 1 << 20, tokenize: false }));
      assert.ok(incremental && incremental.symbols.length > 0);
      assert.deepEqual(incremental, fresh, `edit ${i}`);
    }
  });
});
