/** The side-effect ledger outlives the server: a conversation's entries are read back by a new store. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { LedgerStore } from '@src/core/agent/ledgerStore';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-ledgers-'));
after(() => rmSync(root, { recursive: true, force: true }));
const quiet = () => undefined;

describe('ledger store', () => {
  it("a new store (a restarted server) knows what the conversation left behind; other conversations start empty", async () => {
    const dir = path.join(root, 'a');
    const store = new LedgerStore(dir, quiet);
    const ledger = store.get('conv-1');
    ledger.recordCommand('npm install -g typescript', '', { background: false });
    ledger.recordCommand('node server.js &', 'listening on http://localhost:3000', { background: true, pid: 42 });
    assert.equal(store.get('conv-1'), ledger, 'one ledger per conversation in a session');
    await store.whenSaved();
    assert.equal(readdirSync(dir).length, 1);

    const restarted = new LedgerStore(dir, quiet);
    assert.deepEqual(restarted.get('conv-1').list(), ledger.list());
    assert.match(restarted.get('conv-1').render(), /node server\.js & \(pid 42\) left running; ports 3000/);
    assert.deepEqual(restarted.get('conv-2').list(), []);
  });

  it('keeps the newest 200 entries; flush writes synchronously', () => {
    const dir = path.join(root, 'b');
    const store = new LedgerStore(dir, quiet);
    const ledger = store.get('c');
    for (let i = 0; i < 250; i++) ledger.record('file', `f${i}`);
    store.flush();
    const back = new LedgerStore(dir, quiet).get('c').list();
    assert.equal(back.length, 200);
    assert.equal(back[0]!.text, 'f50');
  });
});
