import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextCoalescer } from '@src/modelHost/textCoalescer';

describe('TextCoalescer', () => {
  it('sends the first piece at once, joins pieces that come within the interval, keeps the order', async () => {
    let now = 0;
    const sent: string[] = [];
    const c = new TextCoalescer((t) => sent.push(t), 2, () => now);
    c.push('a');
    assert.deepEqual(sent, ['a']);
    now = 0.5;
    c.push('b');
    c.push('c');
    assert.deepEqual(sent, ['a']);
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(sent, ['a', 'bc']);
    now = 10;
    c.push('d');
    assert.deepEqual(sent, ['a', 'bc', 'd'], 'a slow stream sends every piece as it comes');
    now = 10.1;
    c.push('e');
    c.flush();
    assert.deepEqual(sent, ['a', 'bc', 'd', 'e'], 'flush sends what waits before anything else goes');
    c.flush();
    c.push('');
    assert.equal(sent.length, 4);
  });
});
