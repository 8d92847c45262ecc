/** Symbol name → definitions: a name's definitions in file order, whatever order files were indexed again. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import type { SymbolInfo } from '@src/core/index/model';
import { SymbolTable } from '@src/core/index/search/symbolTable';
import { tempDir, write } from '../helpers/tempWorkspace';

const fn = (name: string, line: number): SymbolInfo => ({ name, kind: 'function', startLine: line, endLine: line + 2, nameLine: line, signature: `function ${name}()` }) as SymbolInfo;

describe('symbol table', () => {
  it('keeps a name’s definitions in file order when a file is added again (a re-index keeps its id)', () => {
    const t = new SymbolTable();
    for (const file of [0, 1, 2]) t.add(file, [fn('append', 0), fn('append', 10)]);
    t.remove(0, [fn('append', 0), fn('append', 10)]);
    t.add(0, [fn('append', 0), fn('append', 10)]);
    assert.deepEqual(t.lookup('append').map((r) => `${r.file}:${r.symbol.startLine}`), ['0:0', '0:10', '1:0', '1:10', '2:0', '2:10']);
    assert.equal(t.size, 6);
  });

  it('a limited lookup answers the same after a file was re-indexed', async () => {
    const { dir, cleanup } = tempDir();
    try {
      for (const n of ['a', 'b', 'c']) write(dir, `${n}.ts`, `export function append(x: string) {\n  return x;\n}\n`);
      const index = await CodeIndex.open({ roots: [dir], workers: 0 });
      await index.refresh();
      const first = index.symbols('append', { limit: 1 })[0]?.rel;
      await index.updateDocument(`${dir}/${first}`, `// edited\nexport function append(x: string) {\n  return x + x;\n}\n`);
      assert.equal(index.symbols('append', { limit: 1 })[0]?.rel, first);
      assert.deepEqual(index.symbols('append').map((s) => s.rel), ['a.ts', 'b.ts', 'c.ts'].sort());
      await index.close();
    } finally {
      cleanup();
    }
  });
});
