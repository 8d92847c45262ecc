/** `banyan context` from the built CLI: the JSON contract the context-recall bench reads, and index reuse. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI_JS, REPO_ROOT } from './helpers/lspSession';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'completion-context', 'ts');

interface ContextOutput {
  snippets: { file: string; startLine: number; endLine: number; text: string; source: string; score: number }[];
  tokens: number;
  timings: Record<string, number>;
}

describe('banyan context', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-context-cli-'));
  const ws = path.join(tmp, 'ws');
  const storage = path.join(tmp, 'store');
  cpSync(FIXTURE, ws, { recursive: true });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI_JS, 'context', '--workspace', ws, '--storage', storage, ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const appLines = readFileSync(path.join(ws, 'src', 'app.ts'), 'utf8').split('\n');
  const line = appLines.findIndex((l) => l.includes('await userService.'));
  const character = appLines[line]!.length;

  it('prints the snippets as JSON: workspace-relative files, 0-based lines, within the budget, the file itself left out', () => {
    const r = cli('--file', 'src/app.ts', '--line', String(line), '--character', String(character), '--budget', '256', '--json');
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as ContextOutput;
    assert.deepEqual(Object.keys(out).sort(), ['snippets', 'timings', 'tokens']);
    assert.ok(out.snippets.length > 0);
    for (const s of out.snippets) {
      assert.deepEqual(Object.keys(s).sort(), ['endLine', 'file', 'score', 'source', 'startLine', 'text']);
      assert.ok(!path.isAbsolute(s.file) && s.file !== 'src/app.ts');
      assert.ok(s.startLine >= 0 && s.endLine >= s.startLine);
      assert.ok(['definition', 'import', 'similar', 'recentEdit', 'recentFile'].includes(s.source));
      const fileLines = readFileSync(path.join(ws, s.file), 'utf8').split('\n');
      assert.ok(s.endLine < fileLines.length);
    }
    assert.equal(out.snippets[0]!.file, 'src/services/userService.ts');
    assert.match(out.snippets[0]!.text, /findUser/);
    assert.equal(out.tokens, out.snippets.reduce((n, s) => n + Math.ceil(s.text.length / 4), 0));
    assert.ok(out.tokens <= 256);
    assert.equal(typeof out.timings.total, 'number');
  });

  it('reads the file as it is on disk now (a rewritten file is re-parsed from the persisted index)', () => {
    const app = path.join(ws, 'src', 'app.ts');
    const original = readFileSync(app, 'utf8');
    writeFileSync(app, original.replace('await userService.', 'await orders.').replace("import { formatMoney", "import { OrderService } from './orders/orderService';\nconst orders = new OrderService(db);\nimport { formatMoney"));
    const moved = readFileSync(app, 'utf8').split('\n');
    const l = moved.findIndex((x) => x.includes('await orders.'));
    const r = cli('--file', app, '--line', String(l), '--character', String(moved[l]!.length), '--json');
    writeFileSync(app, original);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as ContextOutput;
    assert.equal(out.snippets[0]!.file, 'src/orders/orderService.ts');
    assert.match(out.snippets[0]!.text, /placeOrder/);
  });

  it('rejects a position outside the file with a one-line error', () => {
    const r = cli('--file', 'src/app.ts', '--line', '9999', '--character', '0', '--json');
    assert.equal(r.code, 2);
    assert.match(r.err, /past the end of the file/);
    const bad = cli('--file', 'src/app.ts', '--line', '0', '--character', '0', '--budget', 'lots');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--budget/);
  });
});
