import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyCodeBlock, streamingPreview } from '@src/core/edit';

const README = '# Tool\n\n## Install\n\n```sh\nnpm i tool\n```\n';

describe('applyCodeBlock (chat Apply of one clicked block)', () => {
  it('applies a block whose code holds fences of its own', () => {
    const code = '# Tool\n\n## Install\n\n```sh\npnpm add tool\n```\n';
    const result = applyCodeBlock(README, { code, language: 'markdown' }, { kind: 'file' }, { fileName: 'README.md' });
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.equal(result.newText, code);
  });

  it('applies a diff block as a diff and a block with markers as search/replace', () => {
    const original = 'a = 1\nb = 2\n';
    const diff = applyCodeBlock(original, { code: '@@\n a = 1\n-b = 2\n+b = 3\n', language: 'diff' }, { kind: 'file' });
    assert.ok(diff.ok);
    assert.equal(diff.strategy, 'unified-diff');
    assert.equal(diff.newText, 'a = 1\nb = 3\n');
    const blocks = applyCodeBlock(original, { code: '<<<<<<< SEARCH\nb = 2\n=======\nb = 4\n>>>>>>> REPLACE\n', language: 'python' }, { kind: 'file' });
    assert.ok(blocks.ok);
    assert.equal(blocks.strategy, 'search-replace');
    assert.equal(blocks.newText, 'a = 1\nb = 4\n');
  });

  it('places a block that redefines one function of the file', () => {
    const original = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';
    const result = applyCodeBlock(original, { code: 'function b() {\n  return 3;\n}', language: 'js' }, { kind: 'file' });
    assert.ok(result.ok);
    assert.equal(result.newText, 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 3;\n}\n');
  });
});

describe('streamingPreview (what the inline diff shows while a rewrite streams)', () => {
  it('shows nothing while the model is still reasoning or writing prose before a fence', () => {
    assert.deepEqual(streamingPreview('<think>let me see'), { code: '', complete: false });
    assert.deepEqual(streamingPreview('`'), { code: '', complete: false });
  });

  it('shows the code of an open block, without a half-written closing fence', () => {
    assert.deepEqual(streamingPreview('Sure:\n```ts\nconst a = 1;\nconst b'), { code: 'const a = 1;\nconst b', complete: false });
    assert.deepEqual(streamingPreview('```ts\nconst a = 1;\n``'), { code: 'const a = 1;', complete: false });
  });

  it('says when the block is complete', () => {
    assert.deepEqual(streamingPreview('```ts\nconst a = 1;\n```\nThis declares a.'), { code: 'const a = 1;', complete: true });
  });

  it('shows bare code as it comes when there is no fence', () => {
    assert.deepEqual(streamingPreview('Here is the code:\n\nreturn 1;'), { code: 'return 1;', complete: false });
  });
});
