import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { detectPartialAccept } from '@src/server/partialAccept';

describe('detectPartialAccept', () => {
  const shown = { prefix: 'const u = s.', suffix: '\n}', text: 'findUser(id);', replaceAfter: 0 };

  it('a word accepted at once is a partial accept; the whole text a full one', () => {
    assert.equal(detectPartialAccept(shown, 'const u = s.findUser\n}', 8), 'partial');
    assert.equal(detectPartialAccept(shown, 'const u = s.findUser(id);\n}', 13), 'full');
  });

  it('typing (one character a change), other text, or a different place is not an accept', () => {
    assert.equal(detectPartialAccept(shown, 'const u = s.f\n}', 1), undefined);
    assert.equal(detectPartialAccept(shown, 'const u = s.getUser\n}', 7), undefined);
    assert.equal(detectPartialAccept(shown, 'let u = s.findUser\n}', 6), undefined);
  });
});
