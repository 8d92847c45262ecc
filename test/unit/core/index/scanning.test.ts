/** The workspace scanner: ignore rules of every kind, and what real trees throw at it. */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { IgnoreRules } from '@src/core/index/scan/ignoreRules';
import { scanWorkspace } from '@src/core/index/scan/workspaceScanner';
import { tempDir, write } from './helpers/tempWorkspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function workspace(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function scan(root: string, rules = new IgnoreRules(), limits: { maxFileBytes?: number; maxFiles?: number; maxDepth?: number } = {}) {
  const r = await scanWorkspace([root], { rules, maxFileBytes: limits.maxFileBytes ?? 1 << 20, maxFiles: limits.maxFiles ?? 1000, ...(limits.maxDepth ? { maxDepth: limits.maxDepth } : {}) });
  return { ...r, rels: r.files.map((f) => f.rel).sort() };
}

describe('ignore rules', () => {
  it('honours .gitignore (nested too), .banyanignore, .git/info/exclude and the built-in defaults', async () => {
    const root = workspace();
    write(root, 'src/a.ts', 'export const a = 1;');
    write(root, 'src/gen/out.ts', 'x');
    write(root, 'src/keep.log', 'x');
    write(root, '.gitignore', '*.log\n/tmp/\n');
    write(root, 'tmp/t.ts', 'x');
    write(root, 'lib/.gitignore', 'private.ts\n');
    write(root, 'lib/private.ts', 'x');
    write(root, 'lib/public.ts', 'x');
    write(root, 'src/.banyanignore', 'gen/\n');
    write(root, '.git/info/exclude', 'local-notes.md\n');
    write(root, '.git/HEAD', 'ref: refs/heads/main');
    write(root, 'local-notes.md', 'x');
    write(root, 'node_modules/dep/index.js', 'x');
    write(root, 'dist/bundle.ts', 'x');
    write(root, 'package-lock.json', '{}');
    write(root, 'web/app.min.js', 'x');
    write(root, 'img/logo.png', 'x');
    write(root, 'README.md', '# hi');
    const { rels } = await scan(root);
    assert.deepEqual(rels, ['.gitignore', 'README.md', 'lib/.gitignore', 'lib/public.ts', 'src/.banyanignore', 'src/a.ts']);
  });

  it('honours files.exclude / search.exclude maps and extra globs', async () => {
    const root = workspace();
    write(root, 'a/x.ts', 'x');
    write(root, 'b/y.ts', 'x');
    write(root, 'c/z.generated.ts', 'x');
    write(root, 'd/w.ts', 'x');
    const rules = new IgnoreRules({ editorExcludes: [{ '**/a': true, '**/d': false }, { 'b/**': true }], globs: ['**/*.generated.ts'] });
    const { rels } = await scan(root, rules);
    assert.deepEqual(rels, ['d/w.ts']);
  });

  it('checks a single path the same way (file events)', () => {
    const root = workspace();
    write(root, '.gitignore', 'out/\n');
    write(root, 'src/.gitignore', 'secret.ts\n');
    const rules = new IgnoreRules();
    assert.equal(rules.excludedPath(root, path.join(root, 'out/x.ts'), false), true);
    assert.equal(rules.excludedPath(root, path.join(root, 'src/secret.ts'), false), true);
    assert.equal(rules.excludedPath(root, path.join(root, 'node_modules/a/b.ts'), false), true);
    assert.equal(rules.excludedPath(root, path.join(root, 'src/ok.ts'), false), false);
    assert.equal(rules.excludedPath(root, '/elsewhere/x.ts', false), true);
  });
});

describe('hostile trees', () => {
  it('survives a symlink loop and visits each real folder once', async () => {
    const root = workspace();
    write(root, 'a/file.ts', 'x');
    symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'loop'));
    symlinkSync(root, path.join(root, 'a', 'up'));
    symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling'));
    const { rels } = await scan(root);
    assert.deepEqual(rels, ['a/file.ts']);
  });

  it('stops at the depth cap with a message', async () => {
    const root = workspace();
    const deep = Array.from({ length: 12 }, (_, i) => `d${i}`).join('/');
    mkdirSync(path.join(root, deep), { recursive: true });
    write(root, `${deep}/bottom.ts`, 'x');
    write(root, 'd0/top.ts', 'x');
    const r = await scan(root, new IgnoreRules(), { maxDepth: 5 });
    assert.deepEqual(r.rels, ['d0/top.ts']);
    assert.ok(r.errors.some((e) => e.includes('deeper than 5')));
  });

  it('indexes up to the file cap and says so', async () => {
    const root = workspace();
    for (let i = 0; i < 10; i++) write(root, `f${i}.ts`, 'x');
    const r = await scan(root, new IgnoreRules(), { maxFiles: 4 });
    assert.equal(r.files.length, 4);
    assert.match(r.capped ?? '', /more than 4 indexable files/);
  });

  it('lists oversized files apart without reading them', async () => {
    const root = workspace();
    write(root, 'small.ts', 'x');
    write(root, 'big.ts', 'x'.repeat(5000));
    const r = await scan(root, new IgnoreRules(), { maxFileBytes: 1000 });
    assert.deepEqual(r.rels, ['small.ts']);
    assert.deepEqual(r.tooLarge.map((f) => f.rel), ['big.ts']);
  });
});
