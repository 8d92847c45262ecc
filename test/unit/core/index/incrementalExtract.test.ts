/**
 * Incremental extraction (editor changes): after every edit of a sequence, the facts must equal a full
 * extraction of the same text — symbols, imports, package, error flag — for every language's fixture
 * and for real third-party files, with edits that reshape structure (unclosed braces, deleted lines).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { languageOf } from '../../../../src/core/index/languages';
import { type FileResult, processFile } from '../../../../src/core/index/parse/fileProcessor';
import { TreeSitterRuntime } from '../../../../src/core/index/parse/treeSitterRuntime';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/index/extract');
const REPO = path.resolve(__dirname, '../../../..');
const THIRD_PARTY = ['node_modules/zod/v4/mini/schemas.js', 'node_modules/openai/src/client.ts', 'node_modules/lodash/debounce.js'];

/** Snippets that add, break and repair structure in any of the languages. */
const SNIPPETS = ['\n', 'x', '{', '}', '(', ')', '\n\nfunction added() { return 1; }\n', 'class Extra {\n  m() {}\n}\n', 'def f(x):\n    return x\n', 'import os\n', '"', '/*', '*/', '  ', 'é', 'const k = 1;\n'];

function facts(r: FileResult) {
  assert.equal(r.kind, 'extracted');
  if (r.kind !== 'extracted') return undefined;
  const { symbols, imports, packageName, hasErrors } = r.tree;
  return { symbols, imports, packageName, hasErrors };
}

describe('incremental extraction equals a full extraction', () => {
  let runtime: TreeSitterRuntime;
  before(async () => {
    runtime = await TreeSitterRuntime.create();
  });

  const files = [
    ...readdirSync(FIXTURES).filter((f) => languageOf(f) && !f.endsWith('.json')).map((f) => path.join(FIXTURES, f)),
    ...THIRD_PARTY.map((f) => path.join(REPO, f)),
  ];
  for (const file of files) {
    it(`${path.relative(REPO, file)}: 60 random edits`, async () => {
      let seed = 1234 + file.length;
      const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
      let text = readFileSync(file, 'utf8');
      // Keys keep the file name (the language comes from it); the folder tells the editor's copy from the fresh ones.
      const key = path.join(path.dirname(file), 'edited', path.basename(file));
      const first = facts(await processFile(runtime, { path: key, text, maxBytes: 1 << 22, tokenize: false }));
      assert.ok(first!.symbols.length > 0, 'the file has symbols to begin with');
      for (let i = 0; i < 60; i++) {
        const at = rnd(text.length + 1);
        const op = rnd(3);
        if (op === 0) text = text.slice(0, at) + SNIPPETS[rnd(SNIPPETS.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rnd(80)));
        else text = text.slice(0, at) + SNIPPETS[rnd(SNIPPETS.length)] + text.slice(Math.min(text.length, at + rnd(20)));
        const incremental = facts(await processFile(runtime, { path: key, text, maxBytes: 1 << 22, tokenize: false }));
        const full = facts(await processFile(runtime, { path: path.join(path.dirname(file), `full${i}`, path.basename(file)), text, maxBytes: 1 << 22, tokenize: false }));
        assert.deepEqual(incremental, full, `edit ${i} (${op} at ${at})`);
      }
    });
  }
});
