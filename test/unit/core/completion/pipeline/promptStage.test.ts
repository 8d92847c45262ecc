import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { promptStage } from '@src/core/completion/pipeline/promptStage';

describe('promptStage', () => {
  const snippet = { file: 'src/user.ts', startLine: 0, endLine: 2, text: 'class User {}', source: 'definition', score: 9 };

  it('hands the windows, the file path and the snippets (in order) to the model layer', () => {
    const req = promptStage({ windows: { prefix: 'a', suffix: 'b' }, snippets: [snippet, { ...snippet, file: 'src/b.ts', text: 'b' }], relPath: 'src/main.ts', languageId: 'typescript', repoName: 'ws', multiline: true });
    assert.deepEqual(req, {
      prefix: 'a', suffix: 'b', languageId: 'typescript', filePath: 'src/main.ts', repoName: 'ws',
      snippets: [{ path: 'src/user.ts', content: 'class User {}' }, { path: 'src/b.ts', content: 'b' }],
    });
  });

  it('a single line asks for few tokens; a block leaves the configured maximum', () => {
    const base = { windows: { prefix: '', suffix: '' }, snippets: [], languageId: 'python' };
    assert.equal(promptStage({ ...base, multiline: false }).maxTokens, 64);
    assert.equal(promptStage({ ...base, multiline: true }).maxTokens, undefined);
    assert.equal(promptStage({ ...base, multiline: true }).snippets, undefined);
  });
});
