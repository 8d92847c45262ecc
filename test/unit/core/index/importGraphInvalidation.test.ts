/**
 * The import graph's caches (resolutions kept per file and per statement, parsed tsconfigs) follow every
 * change a resolution depends on: the file's own edits, config files (tsconfig and what it extends,
 * go.mod), files created or deleted that an import could now find, a Java class moved to another package.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { tempDir, write } from './helpers/tempWorkspace';

describe('import graph invalidation', () => {
  let ws: ReturnType<typeof tempDir>;
  let index: CodeIndex;
  const abs = (rel: string) => path.join(ws.dir, rel);
  const rel = (files: readonly string[]) => files.map((f) => path.relative(ws.dir, f).split(path.sep).join('/')).sort();
  const imports = (file: string) => rel(index.importsOf(abs(file)));
  const resolved = (file: string, source: string) => rel(index.resolvedImports(abs(file)).find((r) => r.import.source === source)?.files ?? []);
  /** A change on disk, reported the way the editor's file watcher does. */
  const changeOnDisk = async (file: string, text: string | undefined) => {
    if (text === undefined) rmSync(abs(file));
    else write(ws.dir, file, text);
    index.applyFileEvents(text === undefined ? { deleted: [abs(file)] } : { changed: [abs(file)] }, 0);
    await index.settled();
  };

  beforeEach(async () => {
    ws = tempDir();
    write(ws.dir, 'tsconfig.base.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@a/*": ["lib/a/*"] } } }\n');
    write(ws.dir, 'tsconfig.json', '{ "extends": "./tsconfig.base.json" }\n');
    write(ws.dir, 'lib/a/thing.ts', 'export const thing = 1;\n');
    write(ws.dir, 'lib/b/thing.ts', 'export const thing = 2;\n');
    write(ws.dir, 'src/app.ts', "import { thing } from '@a/thing';\nimport { helper } from './helper';\nexport const x = thing;\n");
    write(ws.dir, 'go/go.mod', 'module example.com/app\n');
    write(ws.dir, 'go/main.go', 'package main\n\nimport "example.com/app/store"\n\nfunc main() { store.Open() }\n');
    write(ws.dir, 'go/store/store.go', 'package store\n\nfunc Open() {}\n');
    write(ws.dir, 'java/src/com/acme/App.java', 'package com.acme;\n\nimport com.acme.model.User;\n\nclass App { User u; }\n');
    write(ws.dir, 'java/src/com/acme/model/User.java', 'package com.acme.model;\n\npublic class User {}\n');
    index = await CodeIndex.open({ roots: [ws.dir], workers: 0 });
    await index.refresh();
  });
  afterEach(async () => {
    await index.close({ save: false });
    ws.cleanup();
  });

  it('the file\'s own edits: statements moved keep their resolution, a new one is resolved, a removed one goes', async () => {
    assert.deepEqual(imports('src/app.ts'), ['lib/a/thing.ts']);
    const before = index.resolvedImports(abs('src/app.ts'));
    assert.equal(index.resolvedImports(abs('src/app.ts')), before, 'asked again with nothing changed: the same answer');
    await index.updateDocument(abs('src/app.ts'), "// a line typed above\nimport { thing } from '@a/thing';\nexport const x = thing;\n");
    const moved = index.resolvedImports(abs('src/app.ts'));
    assert.deepEqual(moved.map((r) => [r.import.source, r.import.line, rel(r.files)]), [['@a/thing', 1, ['lib/a/thing.ts']]]);
    await index.updateDocument(abs('src/app.ts'), "import { thing } from '@a/thing';\nimport { other } from '../lib/b/thing';\n");
    assert.deepEqual(imports('src/app.ts'), ['lib/a/thing.ts', 'lib/b/thing.ts']);
    assert.deepEqual(rel(index.importersOf(abs('lib/b/thing.ts'))), ['src/app.ts'], 'reverse edges follow a new import');
    await index.updateDocument(abs('src/app.ts'), "import { thing } from '@a/thing';\n");
    assert.deepEqual(rel(index.importersOf(abs('lib/b/thing.ts'))), [], 'and a removed one');
  });

  it('a tsconfig the resolution read through `extends` changes: resolved again with the new paths', async () => {
    assert.deepEqual(resolved('src/app.ts', '@a/thing'), ['lib/a/thing.ts']);
    await changeOnDisk('tsconfig.base.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@a/*": ["lib/b/*"] } } }\n');
    assert.deepEqual(resolved('src/app.ts', '@a/thing'), ['lib/b/thing.ts']);
    await changeOnDisk('tsconfig.json', '{ "compilerOptions": { "paths": {} } }\n');
    assert.deepEqual(resolved('src/app.ts', '@a/thing'), []);
  });

  it('a tsconfig created nearer the file takes over', async () => {
    assert.deepEqual(resolved('src/app.ts', '@a/thing'), ['lib/a/thing.ts']);
    write(ws.dir, 'src/tsconfig.json', '{ "compilerOptions": { "baseUrl": "..", "paths": { "@a/*": ["lib/b/*"] } } }\n');
    index.applyFileEvents({ created: [abs('src/tsconfig.json')] }, 0);
    await index.settled();
    assert.deepEqual(resolved('src/app.ts', '@a/thing'), ['lib/b/thing.ts']);
  });

  it('a file created that an import was looking for, then deleted', async () => {
    assert.deepEqual(resolved('src/app.ts', './helper'), []);
    write(ws.dir, 'src/helper.ts', 'export function helper() {}\n');
    index.applyFileEvents({ created: [abs('src/helper.ts')] }, 0);
    await index.settled();
    assert.deepEqual(resolved('src/app.ts', './helper'), ['src/helper.ts']);
    assert.deepEqual(rel(index.importersOf(abs('src/helper.ts'))), ['src/app.ts']);
    await changeOnDisk('src/helper.ts', undefined);
    assert.deepEqual(resolved('src/app.ts', './helper'), []);
  });

  it('a file first seen as an editor document (not yet on disk) satisfies imports at once', async () => {
    assert.deepEqual(resolved('src/app.ts', './helper'), []);
    await index.updateDocument(abs('src/helper.ts'), 'export function helper() {}\n');
    assert.deepEqual(resolved('src/app.ts', './helper'), ['src/helper.ts']);
  });

  it('go.mod changes its module path: Go imports resolved again', async () => {
    assert.deepEqual(imports('go/main.go'), ['go/store/store.go']);
    await changeOnDisk('go/go.mod', 'module example.com/renamed\n');
    assert.deepEqual(imports('go/main.go'), []);
    await changeOnDisk('go/go.mod', 'module example.com/app\n');
    assert.deepEqual(imports('go/main.go'), ['go/store/store.go']);
  });

  it('a Java class moved to another package: imports of it resolved again', async () => {
    assert.deepEqual(imports('java/src/com/acme/App.java'), ['java/src/com/acme/model/User.java']);
    await index.updateDocument(abs('java/src/com/acme/model/User.java'), 'package com.acme.other;\n\npublic class User {}\n');
    assert.deepEqual(imports('java/src/com/acme/App.java'), []);
    await index.updateDocument(abs('java/src/com/acme/App.java'), 'package com.acme;\n\nimport com.acme.other.User;\n\nclass App { User u; }\n');
    assert.deepEqual(imports('java/src/com/acme/App.java'), ['java/src/com/acme/model/User.java']);
  });

  it('a change on disk to a file that is not a config leaves other files\' resolutions cached', async () => {
    const app = index.resolvedImports(abs('src/app.ts'));
    writeFileSync(abs('lib/a/thing.ts'), 'export const thing = 3;\n');
    index.applyFileEvents({ changed: [abs('lib/a/thing.ts')] }, 0);
    await index.settled();
    assert.equal(index.resolvedImports(abs('src/app.ts')), app);
  });
});
