/**
 * Model downloads against a local hub on a real socket: progress, resume with Range after the server
 * cuts the connection (in the same run and in the next one after a cancel), sha256 verified before
 * the file gets its name (a wrong one is refused and deleted), 404, a full disk, a server that ignores
 * Range, and a slow server cancelled mid-way.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createFetch } from '@src/core/llm/network/httpFetch';
import { DispatcherPool, networkSettings } from '@src/core/llm/network/proxy';
import type { CatalogueEntry } from '@src/core/localModels/catalogue';
import { DownloadError, type DownloadProgress, downloadModel } from '@src/core/localModels/downloadModel';
import { ModelHub } from '../../../fixtures/modelHub/modelHub';
import { tinyGgufBytes } from '../../../fixtures/tinyGguf/writeTinyGguf';

const bytes = tinyGgufBytes();
const sha256 = createHash('sha256').update(bytes).digest('hex');

describe('downloadModel', () => {
  const hub = new ModelHub();
  const pool = new DispatcherPool(networkSettings({}, []));
  const fetch = createFetch(pool, 5000);
  let dir: string;
  let n = 0;
  const entry = (p: string, over: Partial<CatalogueEntry> = {}): CatalogueEntry => ({
    id: 'tiny', name: 'Tiny', roles: ['completion'], paramsB: 0.001, description: '', file: 'tiny.gguf', sizeBytes: bytes.length, sha256, url: hub.url(p), ...over,
  });
  const plenty = async () => 1e12;

  before(() => hub.start());
  after(async () => {
    await hub.close();
    await pool.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), `banyan-dl-${n++}-`));
    hub.requests.length = 0;
  });

  it('downloads, reports progress (bytes, total, speed), verifies, and names the file only when verified', async () => {
    hub.serve('/a.gguf', bytes);
    const progress: DownloadProgress[] = [];
    const r = await downloadModel(entry('/a.gguf'), dir, { fetch, freeBytes: plenty, onProgress: (p) => progress.push(p), progressIntervalMs: 0 });
    assert.equal(r.bytes, bytes.length);
    assert.equal(r.alreadyPresent, false);
    assert.deepEqual(readFileSync(r.path), bytes);
    assert.equal(existsSync(`${r.path}.part`), false);
    const downloading = progress.filter((p) => p.phase === 'downloading');
    assert.ok(downloading.length > 1);
    for (let i = 1; i < downloading.length; i++) assert.ok(downloading[i]!.receivedBytes >= downloading[i - 1]!.receivedBytes);
    assert.equal(downloading.at(-1)!.receivedBytes, bytes.length);
    assert.ok(downloading.every((p) => p.totalBytes === bytes.length));
    assert.equal(progress.at(-1)!.phase, 'verifying');
    // Present now: nothing is fetched again.
    const again = await downloadModel(entry('/a.gguf'), dir, { fetch, freeBytes: plenty });
    assert.equal(again.alreadyPresent, true);
    assert.equal(hub.requests.length, 1);
  });

  it('resumes with a Range request after the server cuts the connection halfway', async () => {
    hub.serve('/cut.gguf', bytes, { cutAfter: 200_000 });
    const r = await downloadModel(entry('/cut.gguf'), dir, { fetch, freeBytes: plenty, retryDelayMs: 10 });
    assert.deepEqual(readFileSync(r.path), bytes);
    assert.equal(hub.requests.length, 2, JSON.stringify(hub.requests));
    assert.equal(hub.requests[0]!.range, undefined);
    assert.equal(hub.requests[1]!.status, 206);
    const from = Number(/^bytes=(\d+)-$/.exec(hub.requests[1]!.range ?? '')?.[1]);
    assert.ok(from > 0 && from <= 200_000, hub.requests[1]!.range);
  });

  it('a slow download cancelled mid-way keeps its partial file, and the next download resumes it', async () => {
    hub.serve('/slow.gguf', bytes, { bytesPerSecond: 64_000 });
    const controller = new AbortController();
    const err = await downloadModel(entry('/slow.gguf'), dir, {
      fetch, freeBytes: plenty, signal: controller.signal, progressIntervalMs: 0,
      onProgress: (p) => p.receivedBytes > 0 && controller.abort(),
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DownloadError && err.kind === 'cancelled', String(err));
    const part = path.join(dir, 'tiny.gguf.part');
    const kept = statSync(part).size;
    assert.ok(kept > 0 && kept < bytes.length);
    assert.equal(existsSync(path.join(dir, 'tiny.gguf')), false);

    hub.serve('/slow.gguf', bytes);
    const r = await downloadModel(entry('/slow.gguf'), dir, { fetch, freeBytes: plenty });
    assert.equal(r.resumed, true);
    assert.deepEqual(readFileSync(r.path), bytes);
    assert.equal(hub.requests.at(-1)!.range, `bytes=${kept}-`);
  });

  it('a file whose sha256 is wrong is refused and deleted, and the message says so', async () => {
    hub.serve('/bad.gguf', bytes);
    const err = await downloadModel(entry('/bad.gguf', { sha256: '0'.repeat(64) }), dir, { fetch, freeBytes: plenty }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DownloadError && err.kind === 'checksum', String(err));
    assert.match(err.message, new RegExp(`sha256 ${sha256}, expected 0{64}.*the file was deleted`));
    assert.equal(existsSync(path.join(dir, 'tiny.gguf')), false);
    assert.equal(existsSync(path.join(dir, 'tiny.gguf.part')), false);
  });

  it('404: the URL that is missing', async () => {
    const err = await downloadModel(entry('/nowhere.gguf'), dir, { fetch, freeBytes: plenty }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DownloadError && err.kind === 'notFound', String(err));
    assert.ok(err.message.includes(hub.url('/nowhere.gguf')));
  });

  it('not enough free disk: refused before anything is fetched, with the sizes', async () => {
    hub.serve('/a.gguf', bytes);
    const err = await downloadModel(entry('/a.gguf', { sizeBytes: 5e9 }), dir, { fetch, freeBytes: async () => 1e9 }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DownloadError && err.kind === 'disk', String(err));
    assert.match(err.message, /needs 5\.0 GB .* only 1\.0 GB is free/);
    assert.equal(hub.requests.length, 0);
  });

  it('a server that ignores Range sends the whole file again: the download starts over and still verifies', async () => {
    hub.serve('/norange.gguf', bytes, { cutAfter: 100_000, ignoreRange: true });
    const r = await downloadModel(entry('/norange.gguf'), dir, { fetch, freeBytes: plenty, retryDelayMs: 10 });
    assert.deepEqual(readFileSync(r.path), bytes);
    assert.equal(hub.requests[1]!.status, 200);
  });
});
