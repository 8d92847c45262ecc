import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FileEventQueue } from '@src/core/index/scan/fileEventQueue';

const root = path.resolve('/ws');
const p = (rel: string) => path.join(root, rel);

describe('FileEventQueue', () => {
  it('coalesces a burst into one delivery; the last event per path wins', async () => {
    let due = 0;
    let delivered!: () => void;
    const firstDelivery = new Promise<void>((resolve) => (delivered = resolve));
    const queue = new FileEventQueue(() => {
      due++;
      delivered();
    });
    queue.add({ created: [p('a.ts')], changed: [p('b.ts')] }, 5);
    queue.add({ deleted: [p('a.ts')] }, 5);
    queue.add({ changed: [p('c.ts')] }, 5);
    assert.equal(queue.busy, true);
    await firstDelivery;
    await new Promise((resolve) => setTimeout(resolve, 10)); // a second delivery would be due by now
    assert.equal(due, 1);
    const batch = queue.take();
    assert.deepEqual(batch, { kind: 'files', events: [[p('a.ts'), 'deleted'], [p('b.ts'), 'changed'], [p('c.ts'), 'changed']] });
    assert.equal(queue.busy, false);
    assert.equal(queue.take(), undefined);
  });

  it('turns a burst that touches an ignore file, or a very large one, into a rescan', () => {
    const queue = new FileEventQueue(() => undefined);
    queue.add({ changed: [p('src/x.ts'), p('src/.gitignore')] }, 1000);
    assert.deepEqual(queue.take(), { kind: 'rescan' });
    queue.add({ changed: Array.from({ length: 401 }, (_, i) => p(`f${i}.ts`)) }, 1000);
    assert.deepEqual(queue.take(), { kind: 'rescan' });
    queue.add({ changed: Array.from({ length: 400 }, (_, i) => p(`f${i}.ts`)) }, 1000);
    assert.equal(queue.take()?.kind, 'files');
  });

  it('take cancels the pending delivery', async () => {
    const deliveries: string[] = [];
    let delivered!: () => void;
    const later = new Promise<void>((resolve) => (delivered = resolve));
    const queue = new FileEventQueue(() => {
      deliveries.push(queue.take()?.kind ?? 'nothing');
      delivered();
    });
    queue.add({ changed: [p('a.ts')] }, 1);
    assert.equal(queue.take()?.kind, 'files');
    queue.add({ changed: [p('b.ts')] }, 20); // timers fire in order: the cancelled one would come first
    await later;
    assert.deepEqual(deliveries, ['files']);
  });
});
