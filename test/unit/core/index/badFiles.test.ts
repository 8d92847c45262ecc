/** Files that must not break or pollute the index: binary, huge, minified, invalid UTF-8. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { tempDir, write } from './helpers/tempWorkspace';

describe('bad files', () => {
  const t = tempDir();
  let index: CodeIndex;
  before(async () => {
    const root = t.dir;
    write(root, 'good.ts', 'export function goodFunction(): number {\n  return 1;\n}\n');
    write(root, 'blob.dat.ts', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x66, 0x6e]));
    write(root, 'huge.ts', `export const HUGE = 1;\n${'// padding line\n'.repeat(5000)}`);
    write(root, 'bundle.js', `var a=1;${'function q(){return a+1};'.repeat(600)}\n`);
    const invalid = Buffer.concat([Buffer.from('export function latin1Name(): string {\n  return "caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('";\n}\n')]);
    write(root, 'latin1.ts', invalid);
    write(root, 'empty.py', '');
    index = await CodeIndex.open({ roots: [root], workers: 0, maxFileBytes: 32 * 1024 });
    await index.refresh();
  });
  after(async () => {
    await index.close();
    t.cleanup();
  });

  it('skips binary, oversized and minified files and counts why', () => {
    const st = index.stats();
    assert.deepEqual(st.skipped, { binary: 1, 'too-large': 1, minified: 1 });
    assert.deepEqual(index.filePaths().map((p) => path.basename(p)).sort(), ['empty.py', 'good.ts', 'latin1.ts']);
  });

  it('indexes invalid UTF-8 with replacement characters instead of failing', () => {
    const defs = index.symbols('latin1Name');
    assert.equal(defs.length, 1);
    assert.equal(defs[0]!.kind, 'function');
    assert.equal(index.search('latin1Name')[0]?.rel, 'latin1.ts');
  });

  it('an empty file is indexed with nothing in it', () => {
    const f = index.file(path.join(t.dir, 'empty.py'));
    assert.ok(f);
    assert.equal(f.chunkCount, 0);
    assert.equal(f.symbols.length, 0);
  });
});
