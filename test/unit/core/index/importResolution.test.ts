/** Import resolution per language on the multi-language fixture workspace. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { copyWorkspace } from './helpers/tempWorkspace';

describe('import resolution', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  let index: CodeIndex;
  const rel = (files: readonly string[]) => files.map((f) => path.relative(ws.dir, f).split(path.sep).join('/')).sort();
  const imports = (file: string) => rel(index.importsOf(path.join(ws.dir, file)));

  before(async () => {
    ws = copyWorkspace();
    index = await CodeIndex.open({ roots: [ws.dir], workers: 0, includeDirs: ['c/include'] });
    await index.refresh();
  });
  after(async () => {
    await index.close();
    ws.cleanup();
  });

  it('TypeScript: relative, index files, .js written for .ts, tsconfig paths; packages stay external', () => {
    assert.deepEqual(imports('src/app.ts'), ['src/lib/format.ts', 'src/services/index.ts', 'src/services/userService.ts', 'src/util.ts']);
    assert.deepEqual(imports('src/services/index.ts'), ['src/services/userService.ts']);
    const react = index.resolvedImports(path.join(ws.dir, 'src/app.ts')).find((r) => r.import.source === 'react');
    assert.deepEqual(react?.files, []);
  });

  it('Python: relative and absolute package modules, submodules named in from-imports', () => {
    assert.deepEqual(imports('py/shop/orders.py'), ['py/shop/__init__.py', 'py/shop/models.py', 'py/shop/util.py']);
  });

  it('Java: class imports, wildcard packages, static imports', () => {
    assert.deepEqual(imports('java/src/main/java/com/acme/App.java'), ['java/src/main/java/com/acme/model/Role.java', 'java/src/main/java/com/acme/model/User.java']);
  });

  it('Go: module path from go.mod → package folder (tests excluded)', () => {
    assert.deepEqual(imports('go/main.go'), ['go/store/store.go']);
  });

  it('Rust: mod declarations, use crate::…, use super::…', () => {
    assert.deepEqual(imports('rust/src/lib.rs'), ['rust/src/config.rs', 'rust/src/db/mod.rs', 'rust/src/db/pool.rs']);
    assert.deepEqual(imports('rust/src/db/mod.rs'), ['rust/src/config.rs', 'rust/src/db/pool.rs']);
  });

  it('C: quoted includes beside the file and in include dirs; system includes only in include dirs', () => {
    assert.deepEqual(imports('c/main.c'), ['c/inc/shared.h', 'c/include/api.h', 'c/util.h']);
  });

  it('reverse edges: who imports a file', () => {
    assert.deepEqual(rel(index.importersOf(path.join(ws.dir, 'src/services/userService.ts'))), ['src/app.ts', 'src/services/index.ts']);
  });
});
