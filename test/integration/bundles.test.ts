/**
 * The built bundles and the code they load on first use (LAZY_CHUNKS in esbuild.mjs): every chunk a
 * bundle requires exists beside it and loads, and the CLI reaches commands of each of its bundles with
 * their exit codes intact (a CliError thrown in dist/cli-index.js or dist/cli-commands.js is that bundle's own class).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLI_JS, REPO_ROOT } from './helpers/lspSession';

const DIST = path.join(REPO_ROOT, 'dist');

describe('bundles and their lazy chunks', () => {
  const bundles = readdirSync(DIST).filter((f) => f.endsWith('.js'));

  it('every chunk a bundle requires at run time is shipped beside it and loads', () => {
    const required = new Set<string>();
    for (const b of bundles) {
      for (const m of readFileSync(path.join(DIST, b), 'utf8').matchAll(/require\("(\.\/(?:chunks\/[\w.-]+|cli-index|cli-commands)\.js)"\)/g)) {
        const target = path.join(DIST, m[1]!);
        assert.ok(existsSync(target), `${b} requires ${m[1]}, which is missing`);
        required.add(target);
      }
    }
    assert.ok(required.has(path.join(DIST, 'cli-commands.js')), 'dist/cli.js loads the other commands from dist/cli-commands.js');
    assert.ok(required.has(path.join(DIST, 'cli-index.js')), 'dist/cli.js loads the index commands from dist/cli-index.js');
    assert.ok(statSync(CLI_JS).size < 64 * 1024, `dist/cli.js holds only the dispatch (${statSync(CLI_JS).size} bytes)`);
    assert.ok([...required].some((p) => p.includes('tiktoken')), 'the token rank tables are chunks of their own');
    const ignore = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!dist\/chunks\/\*\.js$/m, 'the chunks are packaged');
    assert.match(ignore, /^!dist\/cli-commands\.js$/m, 'the CLI commands bundle is packaged');
    assert.match(ignore, /^!dist\/cli-index\.js$/m, 'the CLI index commands bundle is packaged');
    for (const chunk of required) {
      if (!chunk.includes('tiktoken')) continue;
      const r = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(chunk)}); const t = m.default ?? m; if (typeof t.bpe_ranks !== 'string') process.exit(3);`]);
      assert.equal(r.status, 0, `${chunk} did not load: ${r.stderr}`);
    }
  });

  it('the CLI runs commands from each of its bundles, with their own exit codes', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI_JS, ...args], { encoding: 'utf8' });
    const version = run('--version');
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    const index = run('index', path.join(REPO_ROOT, 'no-such-folder'));
    assert.equal(index.status, 2);
    assert.match(index.stderr, /^banyan: workspace .*no-such-folder does not exist/);
    const models = run('models', '--no-such-flag');
    assert.equal(models.status, 2, models.stderr);
    assert.doesNotMatch(models.stderr, /internal error/);
    assert.match(run('--help').stdout, /\bagent\b/);
  });

  it('banyan --version loads no bundle but dist/cli.js; an index command (next-edit --locations too) loads the index bundle and not the others', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'banyan-bundles-'));
    try {
      const hook = path.join(dir, 'loaded.cjs');
      writeFileSync(hook, "process.on('exit', () => process.stderr.write('\\nloaded: ' + Object.keys(require.cache).filter((f) => f.includes('dist')).map((f) => require('path').basename(f)).sort().join(',') + '\\n'));");
      const loaded = (...args: string[]) => /loaded: (.*)/.exec(spawnSync(process.execPath, ['--require', hook, CLI_JS, ...args], { encoding: 'utf8' }).stderr)?.[1];
      assert.equal(loaded('--version'), 'cli.js');
      assert.equal(loaded('index', path.join(dir, 'no-such-folder')), 'cli-index.js,cli.js');
      // next-edit --locations is an index command; with a model (no --locations) it is the registry's.
      const nextEdit = ['next-edit', '--workspace', path.join(dir, 'no-such-folder'), '--file', 'a.ts', '--line', '0', '--character', '0'];
      assert.equal(loaded(...nextEdit, '--locations'), 'cli-index.js,cli.js');
      assert.equal(loaded(...nextEdit), 'cli-commands.js,cli-index.js,cli.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
