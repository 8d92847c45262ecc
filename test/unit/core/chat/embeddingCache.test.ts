/** The chat's embedding cache: binary, bounded, written in the background, never fatal. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cosine, EmbeddingCache } from '@src/core/chat/embeddingCache';
import { tempDir } from '../index/helpers/tempWorkspace';

const vector = (seed: number, dims = 8) => Array.from({ length: dims }, (_, i) => Math.sin(seed * 31 + i));

/** Runs `test` in a fresh temp folder, removed afterwards. */
async function inTemp(test: (dir: string) => Promise<void>): Promise<void> {
  const t = tempDir('banyan-emb-');
  try {
    await test(t.dir);
  } finally {
    t.cleanup();
  }
}

describe('EmbeddingCache', () => {
  it('round-trips vectors through its file (float32), only for the same model', () =>
    inTemp(async (dir) => {
      const file = path.join(dir, 'sub', 'chat-embeddings.bin');
      const cache = new EmbeddingCache(file, 'model-a');
      for (let i = 0; i < 50; i++) cache.set(`chunk ${i}`, vector(i));
      cache.saveSoon();
      assert.ok(!existsSync(file), 'saveSoon defers the write');
      await cache.flush();
      const again = new EmbeddingCache(file, 'model-a');
      for (let i = 0; i < 50; i++) {
        const v = again.get(`chunk ${i}`);
        assert.ok(v, `chunk ${i} restored`);
        assert.ok(cosine(v, vector(i)) > 0.999999);
        assert.deepEqual(Array.from(v), Array.from(Float32Array.from(vector(i))));
      }
      assert.equal(new EmbeddingCache(file, 'model-b').get('chunk 1'), undefined, "another model's vectors are not used");
    }));

  it('a damaged, truncated or foreign file gives an empty cache, and is replaced on the next write', () =>
    inTemp(async (dir) => {
      const file = path.join(dir, 'chat-embeddings.bin');
      const cache = new EmbeddingCache(file, 'm');
      cache.set('x', vector(1));
      await cache.flush();
      const whole = readFileSync(file);
      for (const bad of [whole.subarray(0, whole.length - 3), Buffer.from('{"model":"m","vectors":{}}'), Buffer.alloc(0), Buffer.from(whole).fill(7, 12, 20)]) {
        writeFileSync(file, bad);
        const c = new EmbeddingCache(file, 'm');
        assert.equal(c.get('x'), undefined);
        c.set('y', vector(2));
        await c.flush();
        assert.ok(new EmbeddingCache(file, 'm').get('y'));
      }
    }));

  it('the JSON cache of earlier versions beside it is removed once the new one is written', () =>
    inTemp(async (dir) => {
      const legacy = path.join(dir, 'chat-embeddings.json');
      writeFileSync(legacy, JSON.stringify({ model: 'm', vectors: { abc: [1, 2, 3] } }));
      const cache = new EmbeddingCache(path.join(dir, 'chat-embeddings.bin'), 'm');
      cache.set('x', vector(1));
      await cache.flush();
      assert.ok(!existsSync(legacy));
    }));

  it('a write that fails keeps the vectors for a later one and leaves no temp file', () =>
    inTemp(async (dir) => {
      const blocker = path.join(dir, 'not-a-dir');
      writeFileSync(blocker, 'a file where the folder should be');
      const cache = new EmbeddingCache(path.join(blocker, 'chat-embeddings.bin'), 'm');
      cache.set('x', vector(1));
      await cache.flush(); // never rejects
      assert.deepEqual(readFileSync(blocker, 'utf8'), 'a file where the folder should be');
      const good = path.join(dir, 'ok.bin');
      const second = new EmbeddingCache(good, 'm');
      second.set('x', vector(1));
      await second.flush();
      assert.ok(new EmbeddingCache(good, 'm').get('x'));
    }));
});
