/** `banyan index`, `search` and `symbols` from the built CLI, sharing one persisted index. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI_JS, REPO_ROOT } from './helpers/lspSession';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'index', 'workspace');

describe('banyan index / search / symbols', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-index-cli-'));
  const ws = path.join(tmp, 'ws');
  const storage = path.join(tmp, 'store');
  cpSync(FIXTURE, ws, { recursive: true });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI_JS, ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache') } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('index prints statistics as JSON and stores the snapshot where it says', () => {
    const r = cli('index', ws, '--storage', storage, '--json');
    assert.equal(r.code, 0, r.err);
    const st = JSON.parse(r.out) as { files: number; symbols: number; chunks: number; bytes: number; storage: string; elapsedMs: number; peakRssBytes: number };
    assert.equal(st.files, 28);
    assert.equal(st.symbols, 29);
    assert.ok(st.chunks > 20 && st.bytes > 1000 && st.elapsedMs >= 0 && st.peakRssBytes > 1e6);
    assert.equal(st.storage, storage);
  });

  it('search ranks chunks and reuses the index, picking up a changed file', () => {
    writeFileSync(path.join(ws, 'src', 'util.ts'), 'export function wrapAround(v: number, size: number): number {\n  return ((v % size) + size) % size;\n}\n');
    const r = cli('search', 'wrap around size', '--workspace', ws, '--storage', storage, '--json');
    assert.equal(r.code, 0, r.err);
    const res = JSON.parse(r.out) as { hits: { file: string; startLine: number; symbol: string | null; text: string }[] };
    assert.equal(res.hits[0]?.file, 'src/util.ts');
    assert.equal(res.hits[0]?.symbol, 'wrapAround');
    assert.match(res.hits[0]!.text, /wrapAround/);
  });

  it('symbols prints definitions; the default storage is the user cache', () => {
    const r = cli('symbols', 'Inventory', '--workspace', ws, '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((JSON.parse(r.out) as { file: string; kind: string }[]).map((d) => [d.file, d.kind]), [['go/store/store.go', 'struct']]);
    const human = cli('symbols', 'NoSuchThing', '--workspace', ws);
    assert.equal(human.code, 0);
    assert.match(human.out, /No definition of "NoSuchThing"/);
  });

  it('bad arguments fail with one line and a usage exit code', () => {
    const r = cli('search', '--workspace', ws);
    assert.equal(r.code, 2);
    assert.match(r.err, /^banyan: search needs a query/);
    const missing = cli('search', 'foo', '--workspace', path.join(tmp, 'no-such-dir'), '--storage', storage);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^banyan: workspace .*no-such-dir does not exist/);
    const file = cli('symbols', 'Inventory', '--workspace', path.join(ws, 'src', 'util.ts'), '--storage', storage);
    assert.equal(file.code, 2);
    assert.match(file.err, /is not a directory/);
  });
});
