import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ModelError } from '@src/core/llm/errors';
import type { CatalogueEntry } from '@src/core/localModels/catalogue';
import { LocalModelStore } from '@src/core/localModels/localModelStore';

const entry: CatalogueEntry = { id: 'coder-1b', name: 'Coder 1B', roles: ['completion'], paramsB: 1, description: '', file: 'coder-1b.gguf', sizeBytes: 4, sha256: 'a'.repeat(64), url: 'http://x/coder-1b.gguf' };

function store() {
  const dir = mkdtempSync(path.join(tmpdir(), 'banyan-store-'));
  return { dir, s: new LocalModelStore(dir, () => [entry]) };
}

function thrown(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ModelError);
    return err;
  }
  assert.fail('expected a ModelError');
}

describe('LocalModelStore', () => {
  it('resolves a catalogue id to its file once downloaded, and says how to get it before', () => {
    const { dir, s } = store();
    const before = thrown(() => s.resolve('coder-1b', 'completion'));
    assert.equal(before.kind, 'modelNotFound');
    assert.match(before.describe(), /Coder 1B is not downloaded yet.*banyan models pull coder-1b/);
    writeFileSync(path.join(dir, 'coder-1b.gguf'), 'GGUF');
    assert.deepEqual(s.resolve('coder-1b', 'completion'), { path: path.join(dir, 'coder-1b.gguf'), label: 'Coder 1B', entry });
  });

  it('resolves paths: absolute, relative to the base folder, ~; a missing file is named', () => {
    const { dir, s } = store();
    const file = path.join(dir, 'sub', 'mine.gguf');
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'GGUF');
    assert.equal(s.resolve(file, 'chat').path, file);
    assert.equal(s.resolve('sub/mine.gguf', 'chat', dir).path, file);
    assert.equal(s.resolve(file, 'chat').label, 'mine.gguf');
    const missing = thrown(() => s.resolve(path.join(dir, 'nope.gguf'), 'chat'));
    assert.ok(missing.message.includes(path.join(dir, 'nope.gguf')));
    assert.match(missing.fix ?? '', /banyan\.models\.chat\.model/);
  });

  it('an untrusted workspace\'s own .gguf is refused (also through a link or a relative path); files elsewhere and downloaded models still resolve', () => {
    const { dir, s } = store();
    const workspace = path.join(dir, 'repo');
    mkdirSync(workspace);
    const shipped = path.join(workspace, 'model.gguf');
    writeFileSync(shipped, 'GGUF');
    const link = path.join(dir, 'link.gguf');
    symlinkSync(shipped, link);
    const outside = path.join(dir, 'mine.gguf');
    writeFileSync(outside, 'GGUF');
    writeFileSync(path.join(dir, 'coder-1b.gguf'), 'GGUF');
    for (const model of [shipped, 'model.gguf', link]) {
      const err = thrown(() => s.resolve(model, 'completion', workspace, [workspace]));
      assert.equal(err.kind, 'config');
      assert.match(err.describe(), /inside this untrusted workspace.*Manage Workspace Trust/s);
    }
    assert.equal(s.resolve(outside, 'completion', workspace, [workspace]).path, outside);
    assert.equal(s.resolve('coder-1b', 'completion', workspace, [workspace]).label, 'Coder 1B');
    assert.equal(s.resolve(shipped, 'completion', workspace, []).path, shipped);
  });

  it('an unknown id lists the known ones', () => {
    const { s } = store();
    assert.match(thrown(() => s.resolve('qwen2.5-coder:1.5b-base', 'completion')).describe(), /neither a built-in model id nor the path of a \.gguf file.*coder-1b/);
  });

  it('lists models in the folder (catalogue ones by id, others by file name), skips partial downloads, removes a model and its partial file', () => {
    const { dir, s } = store();
    writeFileSync(path.join(dir, 'coder-1b.gguf'), 'GGUF');
    writeFileSync(path.join(dir, 'coder-1b.gguf.part'), 'GG');
    writeFileSync(path.join(dir, 'other.gguf'), 'GGUF12');
    assert.deepEqual(s.list().map((m) => [m.id, m.sizeBytes]), [['coder-1b', 4], ['other.gguf', 6]]);
    assert.deepEqual(s.remove('coder-1b').map((f) => path.basename(f)), ['coder-1b.gguf', 'coder-1b.gguf.part']);
    assert.deepEqual(s.list().map((m) => m.id), ['other.gguf']);
    assert.deepEqual(s.remove('absent'), []);
  });
});
