import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { detectFamily } from '@src/core/llm/fim/detectFamily';
import { BUILTIN_CATALOGUE, formatBytes, parseCatalogue } from '@src/core/localModels/catalogue';

describe('model catalogue', () => {
  it('built-in entries: unique ids and files, a sha256 each, pinned https URLs, FIM family detected from the id', () => {
    assert.equal(new Set(BUILTIN_CATALOGUE.map((e) => e.id)).size, BUILTIN_CATALOGUE.length);
    assert.equal(new Set(BUILTIN_CATALOGUE.map((e) => e.file)).size, BUILTIN_CATALOGUE.length);
    for (const e of BUILTIN_CATALOGUE) {
      assert.match(e.sha256, /^[0-9a-f]{64}$/, e.id);
      assert.match(e.url, /^https:\/\/huggingface\.co\/[^/]+\/[^/]+\/resolve\/[0-9a-f]{40}\//, e.id);
      assert.ok(e.url.endsWith(`/${e.file}`), e.id);
      assert.ok(e.sizeBytes > 1e8, e.id);
      if (e.roles.includes('completion')) assert.equal(detectFamily(e.id), e.family, e.id);
    }
    for (const role of ['completion', 'chat', 'edit', 'agent', 'embeddings'] as const) assert.ok(BUILTIN_CATALOGUE.some((e) => e.roles.includes(role)), role);
  });

  it('a catalogue file: entries read with defaults, and a bad entry named', () => {
    const ok = parseCatalogue(JSON.stringify([{ id: 'tiny', name: 'Tiny', file: 'tiny.gguf', url: 'http://127.0.0.1:1/tiny.gguf', sizeBytes: 10, sha256: 'A'.repeat(64) }]), 'c.json');
    assert.deepEqual(ok[0]!.roles, ['completion', 'chat', 'edit', 'agent']);
    assert.equal(ok[0]!.sha256, 'a'.repeat(64));
    assert.throws(() => parseCatalogue('[{"id":"x"}]', 'c.json'), /c\.json, entry 1: "name" is missing or invalid/);
    assert.throws(() => parseCatalogue(JSON.stringify([{ id: 'x', name: 'X', file: '../x.gguf', url: 'u', sizeBytes: 1, sha256: 'a'.repeat(64) }]), 'c.json'), /"file"/);
    assert.throws(() => parseCatalogue('{', 'c.json'), /c\.json is not JSON/);
    assert.throws(() => parseCatalogue('{}', 'c.json'), /JSON array/);
  });

  it('formats sizes', () => {
    assert.equal(formatBytes(1_646_573_056), '1.6 GB');
    assert.equal(formatBytes(146_146_432), '146 MB');
    assert.equal(formatBytes(496_832), '497 kB');
  });
});
