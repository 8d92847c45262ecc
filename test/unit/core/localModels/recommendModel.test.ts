import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BUILTIN_CATALOGUE } from '@src/core/localModels/catalogue';
import { recommendModel } from '@src/core/localModels/recommendModel';

const hw = (ramGB: number, gpu: string | false = false, vramGB = 0) => ({ totalRamBytes: ramGB * 1e9, freeRamBytes: ramGB * 5e8, gpu, vramBytes: vramGB * 1e9, cpuCores: 8 });

describe('recommendModel', () => {
  it('CPU only: completion stays at 1.5B (ghost text must be quick), chat up to 3B when memory allows', () => {
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(32), 'completion')!.entry.id, 'qwen2.5-coder-1.5b-base-q8_0');
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(32), 'chat')!.entry.id, 'qwen2.5-coder-3b-instruct-q4_k_m');
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(8), 'chat')!.entry.id, 'qwen2.5-coder-1.5b-instruct-q4_k_m');
  });

  it('a GPU with room takes the largest model that fits in it', () => {
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(32, 'cuda', 24), 'completion')!.entry.id, 'qwen2.5-coder-7b-base-q8_0');
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(16, 'metal', 12), 'chat')!.entry.id, 'qwen2.5-coder-7b-instruct-q4_k_m');
    assert.match(recommendModel(BUILTIN_CATALOGUE, hw(16, 'metal', 12), 'chat')!.reason, /metal GPU with 12 GB/);
  });

  it('a small machine still gets the smallest model; embeddings get the embedding model', () => {
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(2), 'completion')!.entry.id, 'qwen2.5-coder-1.5b-base-q8_0');
    assert.equal(recommendModel(BUILTIN_CATALOGUE, hw(8), 'embeddings')!.entry.id, 'nomic-embed-text-v1.5-q8_0');
  });
});
