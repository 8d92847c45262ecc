/**
 * Extraction per language: each fixture under test/fixtures/index/extract has an `.expected.json`
 * listing every symbol (name, kind, container, 0-based name line) and import (source, names) the
 * extractor must produce, plus the summary and package where the language has one.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { finishExtract } from '@src/core/index/extract/finishExtract';
import { processFile } from '@src/core/index/parse/fileProcessor';
import { TreeSitterRuntime } from '@src/core/index/parse/treeSitterRuntime';

const DIR = path.resolve(__dirname, '../../../fixtures/index/extract');

interface Expected {
  language: string;
  summary?: string;
  packageName?: string;
  symbols: [string, string, string | null, number][];
  imports: [string, string[]][];
}

describe('extraction per language', () => {
  let runtime: TreeSitterRuntime;
  before(async () => {
    runtime = await TreeSitterRuntime.create();
  });

  for (const expectedFile of readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).sort()) {
    const source = expectedFile.replace(/\.expected\.json$/, '');
    it(`${source}: symbols, imports, summary`, async () => {
      const expected = JSON.parse(readFileSync(path.join(DIR, expectedFile), 'utf8')) as Expected;
      const result = await processFile(runtime, { path: path.join(DIR, source), maxBytes: 1 << 20 });
      assert.equal(result.kind, 'indexed');
      if (result.kind !== 'indexed') return;
      const x = result.extract;
      assert.equal(x.language, expected.language);
      assert.equal(x.summary, expected.summary);
      assert.equal(x.packageName, expected.packageName);
      const got = x.symbols.map((s) => [s.name, s.kind, s.container ?? null, s.nameLine]);
      assert.deepEqual(sortRows(got), sortRows(expected.symbols));
      assert.deepEqual(
        x.imports.map((i) => [i.source, [...(i.names ?? [])]]),
        expected.imports,
      );
      for (const s of x.symbols) {
        assert.ok(s.startLine <= s.nameLine && s.nameLine <= s.endLine, `${s.name}: name line inside its range`);
        assert.ok(s.signature.length > 0 && !s.signature.includes('\n'), `${s.name}: one-line signature`);
      }
      // Chunks cover only real lines, in order, without overlap.
      let last = -1;
      for (const c of x.chunks) {
        assert.ok(c.startLine > last && c.endLine >= c.startLine && c.endLine < x.lineCount);
        last = c.endLine;
      }
    });
  }

  it('a worker leaving the rest to the receiver (tokenize: false) ends with the same extract, range for range', async () => {
    for (const source of readdirSync(DIR).filter((f) => !f.endsWith('.expected.json')).sort()) {
      const task = { path: path.join(DIR, source), maxBytes: 1 << 20 };
      const whole = await processFile(runtime, task);
      const split = await processFile(runtime, { ...task, tokenize: false });
      assert.equal(whole.kind, 'indexed', source);
      assert.equal(split.kind, 'extracted', source);
      if (whole.kind !== 'indexed' || split.kind !== 'extracted') return;
      assert.equal(split.hash, undefined, 'no hash computed in the worker without an expected one');
      const { extract, ranges } = finishExtract(split.tree, split.bytes);
      const { chunks, ...rest } = whole.extract;
      assert.deepEqual(extract, { ...rest, chunks: [] }, source);
      // Chunks without any token are dropped when tokenized: every tokenized chunk is one of the ranges.
      const keys = new Set(ranges.map((r) => `${r.startLine}-${r.endLine}-${r.symbol ?? ''}`));
      assert.ok(chunks.length > 0 && chunks.every((c) => keys.has(`${c.startLine}-${c.endLine}-${c.symbol ?? ''}`)), source);
      assert.deepEqual(Buffer.from(split.bytes), readFileSync(task.path), 'the bytes as read go back');
    }
  });

  it('methods get their own chunk with the function name', async () => {
    const result = await processFile(runtime, { path: path.join(DIR, 'sample.ts'), maxBytes: 1 << 20 });
    assert.equal(result.kind, 'indexed');
    if (result.kind !== 'indexed') return;
    const chunk = result.extract.chunks.find((c) => c.symbol === 'findUser');
    assert.ok(chunk, 'a chunk for findUser');
    assert.deepEqual([chunk.startLine, chunk.endLine], [26, 29]);
    assert.ok(chunk.terms.includes('finduser') && chunk.terms.includes('user') && chunk.terms.includes('find'));
  });

  it('C with macro noise (ERROR nodes) still yields the definitions inside', async () => {
    const text = [
      '#include "x.h"',
      'DECLARE_THING(foo, bar) {',
      '  weird ( syntax',
      '}',
      'static int good_one(int a) { return a; }',
      'MACRO_WRAP(int) another(void) { return 1; }',
    ].join('\n');
    const result = await processFile(runtime, { path: '/virtual/noisy.c', text, maxBytes: 1 << 20 });
    assert.equal(result.kind, 'indexed');
    if (result.kind !== 'indexed') return;
    assert.equal(result.extract.hasErrors, true);
    const names = result.extract.symbols.map((s) => s.name);
    assert.ok(names.includes('good_one'), `good_one found in ${JSON.stringify(names)}`);
  });
});

function sortRows(rows: unknown[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}
