import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStamp, stampDocument } from '@src/core/edit';

describe('stale-document guard', () => {
  const uri = 'file:///w/a.ts';
  const stamp = stampDocument(uri, 4, 'const a = 1;\n');

  it('accepts the version the edit was computed on', () => {
    assert.deepEqual(checkStamp(stamp, { uri, version: 4, text: 'const a = 1;\n' }), { ok: true });
  });

  it('refuses a newer version with different text, naming both versions', () => {
    const check = checkStamp(stamp, { uri, version: 6, text: 'const a = 2;\n' });
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.message : '', /version 4 → 6/);
    assert.match(!check.ok ? check.message : '', /Run the command again/);
  });

  it('accepts a newer version whose text is back to the same (an undone edit)', () => {
    assert.equal(checkStamp(stamp, { uri, version: 9, text: 'const a = 1;\n' }).ok, true);
  });

  it('refuses the same version number with other text (a reopened document restarts its versions)', () => {
    const check = checkStamp(stamp, { uri, version: 4, text: 'const a = 1;\r\n' });
    assert.equal(check.ok, false);
  });

  it('refuses another document', () => {
    assert.equal(checkStamp(stamp, { uri: 'file:///w/b.ts', version: 4, text: 'const a = 1;\n' }).ok, false);
  });
});
