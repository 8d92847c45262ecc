/** Import resolution on a cold graph: what resolvers derive from the workspace's configs is derived once per context, not once per import or folder. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ImportInfo } from '@src/core/index/model';
import { resolveGoImport } from '@src/core/index/resolve/goImports';
import { findUp, type ResolveContext, readTextOrUndefined } from '@src/core/index/resolve/resolveContext';
import { resolveTsImport } from '@src/core/index/resolve/tsImports';

const ROOT = path.resolve('/ws');
const at = (...parts: string[]) => path.join(ROOT, ...parts);

/** A context over a fixed file set and config texts, counting what the resolvers ask of it. */
function fakeContext(files: readonly string[], configs: Readonly<Record<string, string>>): { ctx: ResolveContext; reads: string[] } {
  const reads: string[] = [];
  const set = new Set(files);
  const ctx: ResolveContext = {
    roots: [ROOT],
    includeDirs: [],
    hasFile: (abs) => set.has(abs),
    filesInDir: (dir) => files.filter((f) => path.dirname(f) === dir),
    readConfig: (abs) => {
      reads.push(abs);
      return configs[abs];
    },
    javaClass: () => undefined,
    javaPackage: () => [],
  };
  return { ctx, reads };
}

const imp = (source: string): ImportInfo => ({ source, line: 0 }) as ImportInfo;

describe('resolver caches per context', () => {
  it('findUp looks at each folder once: a sibling folder stops at the ancestor already looked at', () => {
    const { ctx, reads } = fakeContext([], { [at('tsconfig.json')]: '{}' });
    assert.equal(findUp(ctx, at('a', 'b', 'c'), 'tsconfig.json'), ROOT);
    assert.equal(findUp(ctx, at('a', 'b', 'd'), 'tsconfig.json'), ROOT);
    assert.equal(findUp(ctx, at('a', 'b', 'c'), 'tsconfig.json'), ROOT);
    assert.deepEqual(reads, [at('a', 'b', 'c', 'tsconfig.json'), at('a', 'b', 'tsconfig.json'), at('a', 'tsconfig.json'), at('tsconfig.json'), at('a', 'b', 'd', 'tsconfig.json')]);
    // Outside the workspace: only the folder itself; another name is its own question.
    assert.equal(findUp(ctx, path.resolve('/elsewhere/x'), 'tsconfig.json'), undefined);
    assert.equal(findUp(ctx, at('a', 'b', 'c'), 'jsconfig.json'), undefined);
  });

  it('a tsconfig shared by many folders is read and parsed once per context', () => {
    const files = [at('tsconfig.json'), at('src', 'lib', 'util.ts'), at('src', 'a', 'x.ts'), at('src', 'b', 'y.ts'), at('src', 'c', 'z.ts')];
    const config = '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }';
    const { ctx, reads } = fakeContext(files, { [at('tsconfig.json')]: config });
    for (const from of files.slice(2)) assert.deepEqual(resolveTsImport(from, imp('@lib/util'), ctx), [at('src', 'lib', 'util.ts')]);
    // The folders without a config are asked about once each (findUp); the config itself is read once.
    assert.deepEqual(reads.filter((r) => r === at('tsconfig.json')), [at('tsconfig.json')]);
    // A new context (the workspace changed) reads it again.
    const again = fakeContext(files, { [at('tsconfig.json')]: config });
    assert.deepEqual(resolveTsImport(files[2]!, imp('@lib/util'), again.ctx), [at('src', 'lib', 'util.ts')]);
    assert.deepEqual(again.reads.filter((r) => r === at('tsconfig.json')), [at('tsconfig.json')]);
  });

  it('relative TypeScript specifiers: the first existing of the file, .js for .ts, extensions, index files', () => {
    const files = [at('src', 'a.ts'), at('src', 'b.js'), at('src', 'c.tsx'), at('src', 'd', 'index.ts'), at('src', 'e.ts'), at('src', 'e', 'index.ts')];
    const { ctx } = fakeContext(files, {});
    const from = at('src', 'main.ts');
    assert.deepEqual(resolveTsImport(from, imp('./a'), ctx), [at('src', 'a.ts')]);
    assert.deepEqual(resolveTsImport(from, imp('./a.js'), ctx), [at('src', 'a.ts')]);
    assert.deepEqual(resolveTsImport(from, imp('./b.js'), ctx), [at('src', 'b.js')]);
    assert.deepEqual(resolveTsImport(from, imp('./c.jsx'), ctx), [at('src', 'c.tsx')]);
    assert.deepEqual(resolveTsImport(from, imp('./d'), ctx), [at('src', 'd', 'index.ts')]);
    assert.deepEqual(resolveTsImport(from, imp('./e'), ctx), [at('src', 'e.ts')]);
    assert.deepEqual(resolveTsImport(from, imp('./f'), ctx), []);
  });

  it("a Go file's imports are resolved against go.mod read once per folder walked", () => {
    const files = [at('cmd', 'main.go'), at('cmd', 'flags.go'), at('store', 'store.go'), at('store', 'store_test.go'), at('api', 'api.go')];
    const { ctx, reads } = fakeContext(files, { [at('go.mod')]: 'module example.com/app\n\ngo 1.22\n' });
    for (const from of files.slice(0, 2)) {
      assert.deepEqual(resolveGoImport(from, imp('example.com/app/store'), ctx), [at('store', 'store.go')]);
      assert.deepEqual(resolveGoImport(from, imp('example.com/app/api'), ctx), [at('api', 'api.go')]);
      assert.deepEqual(resolveGoImport(from, imp('fmt'), ctx), []);
    }
    assert.deepEqual(reads, [at('cmd', 'go.mod'), at('go.mod')]);
  });

  it('readTextOrUndefined: a file its text; a missing path or a folder undefined', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-resolve-'));
    try {
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module m\n');
      fs.mkdirSync(path.join(dir, 'tsconfig.json'));
      assert.equal(readTextOrUndefined(path.join(dir, 'go.mod')), 'module m\n');
      assert.equal(readTextOrUndefined(path.join(dir, 'missing.json')), undefined);
      assert.equal(readTextOrUndefined(path.join(dir, 'tsconfig.json')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
