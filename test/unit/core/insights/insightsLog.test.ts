/** The insights log: buffered appends, rotation and the size cap, torn lines skipped, Clear, and two writers at once. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { insightEvent } from '@src/core/insights/insightEvent';
import { InsightsLog } from '@src/core/insights/insightsLog';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-insights-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `log-${n++}`);
const shown = (i: number, t = 1_700_000_000_000 + i) => insightEvent('completion.shown', { id: `c${i}`, lang: 'typescript', model: 'm', src: 'model', debounceMs: 10, contextMs: 5, firstTokenMs: 100, totalMs: 150 }, t);
const totalBytes = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.jsonl')).reduce((s, f) => s + statSync(path.join(dir, f)).size, 0);

describe('InsightsLog', () => {
  it('buffers appends and writes them on flush; read sees its own unflushed events', async () => {
    const dir = freshDir();
    const log = new InsightsLog({ dir, maxBytes: 1 << 20, flushMs: 60_000 });
    log.append(shown(1));
    log.append(shown(2));
    assert.equal(readdirSync(root).includes(path.basename(dir)), false, 'nothing written before a flush');
    const { events, corruptLines } = await log.read();
    assert.deepEqual(events.map((e) => e.id), ['c1', 'c2']);
    assert.equal(corruptLines, 0);
    assert.equal(readFileSync(path.join(dir, 'current.jsonl'), 'utf8').split('\n').length, 3);
    await log.close();
  });

  it('survives a restart: a new log over the same folder reads what the old one wrote', async () => {
    const dir = freshDir();
    const first = new InsightsLog({ dir, maxBytes: 1 << 20 });
    first.append(shown(1));
    await first.close();
    const second = new InsightsLog({ dir, maxBytes: 1 << 20 });
    second.append(shown(2));
    assert.deepEqual((await second.read()).events.map((e) => e.id), ['c1', 'c2']);
  });

  it('rotates into segments and keeps the total under the cap, dropping the oldest events', async () => {
    const dir = freshDir();
    const maxBytes = 16 * 1024;
    let clock = 1_700_000_000_000;
    const log = new InsightsLog({ dir, maxBytes, segmentBytes: 4096, now: () => clock++ });
    for (let i = 0; i < 600; i++) {
      log.append(shown(i));
      if (i % 20 === 19) await log.flush();
    }
    await log.flush();
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    assert.ok(files.filter((f) => f.startsWith('events-')).length >= 2, `expected rotated segments, got ${files.join(', ')}`);
    assert.ok(totalBytes(dir) <= maxBytes, `total ${totalBytes(dir)} over the cap ${maxBytes}`);
    const ids = (await log.read()).events.map((e) => Number(String(e.id).slice(1)));
    assert.equal(ids.at(-1), 599, 'the newest event is kept');
    assert.ok(ids[0]! > 0, 'the oldest events were dropped');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'segments are read oldest first');
    assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => ids[0]! + i), 'no gap inside what is kept');
  });

  it('skips a torn line and a foreign line, and starts its next batch on a fresh line', async () => {
    const dir = freshDir();
    const log = new InsightsLog({ dir, maxBytes: 1 << 20 });
    log.append(shown(1));
    await log.close();
    // A process died in the middle of its write; someone wrote junk.
    appendFileSync(path.join(dir, 'current.jsonl'), 'not json\n{"v":1,"t":1700000000005,"k":"completion.sh');
    const next = new InsightsLog({ dir, maxBytes: 1 << 20 });
    next.append(shown(2));
    const { events, corruptLines } = await next.read();
    assert.deepEqual(events.map((e) => e.id), ['c1', 'c2']);
    assert.equal(corruptLines, 2);
  });

  it('an unterminated last line may be a write in progress: not counted as damage', async () => {
    const dir = freshDir();
    const log = new InsightsLog({ dir, maxBytes: 1 << 20 });
    log.append(shown(1));
    await log.flush();
    appendFileSync(path.join(dir, 'current.jsonl'), '{"v":1,"t":17');
    const reader = new InsightsLog({ dir, maxBytes: 1 << 20 });
    const { events, corruptLines } = await reader.read();
    assert.equal(events.length, 1);
    assert.equal(corruptLines, 0);
  });

  it('Clear removes everything, and events another window buffered before the clear stay hidden', async () => {
    const dir = freshDir();
    let clock = 1_700_000_000_000;
    const a = new InsightsLog({ dir, maxBytes: 1 << 20, now: () => clock });
    const b = new InsightsLog({ dir, maxBytes: 1 << 20, now: () => clock });
    a.append(shown(1, clock - 10));
    b.append(shown(2, clock - 5)); // still in b's buffer when a clears
    await a.flush();
    await a.clear();
    clock += 100;
    await b.flush();
    b.append(shown(3, clock));
    await b.flush();
    assert.deepEqual((await a.read()).events.map((e) => e.id), ['c3']);
  });

  it('keeps events in memory while the folder cannot be written, and writes them once it can', async () => {
    const dir = freshDir();
    writeFileSync(dir, 'a file where the folder should be');
    const warnings: string[] = [];
    const log = new InsightsLog({ dir, maxBytes: 1 << 20, logger: { error: () => undefined, warn: (m) => warnings.push(m), info: () => undefined, debug: () => undefined } });
    log.append(shown(1));
    await log.flush();
    log.append(shown(2));
    await log.flush();
    assert.equal(warnings.length, 1, 'said once');
    rmSync(dir);
    assert.deepEqual((await log.read()).events.map((e) => e.id), ['c1', 'c2']);
  });

  it('two processes appending at once lose no event and never mix lines', async () => {
    const dir = freshDir();
    const writer = path.join(root, 'writer.ts');
    writeFileSync(writer, `
      import { InsightsLog } from ${JSON.stringify(path.resolve('src/core/insights/insightsLog.ts'))};
      const [dir, who] = process.argv.slice(2);
      const log = new InsightsLog({ dir, maxBytes: 1 << 22, segmentBytes: 8192, flushMs: 1 });
      (async () => {
        for (let i = 0; i < 400; i++) {
          log.append({ v: 1, t: Date.now(), k: 'test.write', who, i, pad: 'x'.repeat(40) });
          if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
        }
        await log.close();
      })();
    `);
    const run = (who: string) => new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, who], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
    assert.deepEqual(await Promise.all([run('a'), run('b')]), [0, 0]);
    const { events, corruptLines } = await new InsightsLog({ dir, maxBytes: 1 << 22 }).read();
    assert.equal(corruptLines, 0);
    for (const who of ['a', 'b']) {
      const seen = events.filter((e) => e.who === who).map((e) => e.i as number).sort((x, y) => x - y);
      assert.deepEqual(seen, Array.from({ length: 400 }, (_, i) => i), `every event of writer ${who}`);
    }
  });
});
