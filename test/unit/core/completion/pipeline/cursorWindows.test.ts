import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { cursorWindows } from '@src/core/completion/pipeline/cursorWindows';

describe('cursorWindows', () => {
  it('keeps the whole file when it fits', () => {
    const text = 'a\nbc\nd';
    assert.deepEqual(cursorWindows(text, 3, 100, 100), { prefix: 'a\nb', suffix: 'c\nd' });
  });

  it('cuts at line boundaries, never inside a line at the edges', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')}`);
    const text = lines.join('\n');
    const offset = text.indexOf('line 050') + 4;
    const { prefix, suffix } = cursorWindows(text, offset, 10, 10);
    assert.ok(prefix.endsWith('line'));
    assert.ok(prefix.length <= 30);
    assert.match(prefix, /^line \d{3}\n/);
    assert.ok(suffix.startsWith(' 050'));
    assert.ok(suffix.length <= 30);
    assert.match(suffix, /\nline \d{3}$/);
  });

  it('keeps the cursor line even when it alone is longer than the budget', () => {
    const text = `${'x'.repeat(200)}|${'y'.repeat(200)}`;
    const { prefix, suffix } = cursorWindows(text, 200, 10, 10);
    assert.equal(prefix, 'x'.repeat(30));
    assert.equal(suffix, `|${'y'.repeat(29)}`);
  });
});
