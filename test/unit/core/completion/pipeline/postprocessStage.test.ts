import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createPostprocessContext } from '@src/core/completion/postprocess/createPostprocessContext';
import { postprocessStage } from '@src/core/completion/pipeline/postprocessStage';

describe('postprocessStage', () => {
  it('runs the filters: duplicate of the suffix dropped, empty results discarded', () => {
    const ctx = createPostprocessContext({ prefix: 'foo(', suffix: ')\n', languageId: 'typescript', multiline: false });
    assert.deepEqual(postprocessStage('a, b)', ctx), { text: 'a, b)', replaceBefore: 0, replaceAfter: 1 });
    assert.equal(postprocessStage('   ', ctx), null);
  });
});
