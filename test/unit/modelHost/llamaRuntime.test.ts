import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ModelError } from '@src/core/llm/errors';
import { LlamaRuntime } from '@src/modelHost/llamaRuntime';

describe('LlamaRuntime without node-llama-cpp (the universal .vsix)', () => {
  it('every request fails with what is missing and what to install instead', async () => {
    const runtime = new LlamaRuntime({ threads: 1, contextSize: 512, gpu: 'off', idleUnloadMs: 0 }, () => undefined, () => Promise.reject(new Error("Cannot find package 'node-llama-cpp'")));
    const err = await runtime.run({ op: 'fim', model: { path: '/m.gguf', label: 'm' }, infill: { prefix: 'a', suffix: 'b' }, stop: [], maxTokens: 4, temperature: 0 }, () => undefined, new AbortController().signal).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ModelError);
    assert.equal(err.kind, 'config');
    assert.match(err.describe(), /no built-in model runtime.*Cannot find package 'node-llama-cpp'.*Banyan package built for .*-.*, or set the role's provider to a model server/s);
    await runtime.dispose();
  });
});
