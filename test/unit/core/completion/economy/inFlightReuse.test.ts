import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { adaptReusedAnswer, InFlightRequests, matchInFlight } from '@src/core/completion/economy/inFlightReuse';

const base = { id: 1, prefix: 'items.', suffix: '\n', received: '', done: false };

describe('matchInFlight', () => {
  it('reuses a request whose answer so far starts with what the user typed since', () => {
    assert.deepEqual(matchInFlight({ ...base, received: 'filter((x) =>' }, 'items.fil', '\n'), { reusable: true, typed: 'fil' });
  });

  it('reuses a request that has not streamed as far as the user typed yet', () => {
    assert.deepEqual(matchInFlight({ ...base, received: 'fi' }, 'items.filt', '\n'), { reusable: true, typed: 'filt' });
  });

  it('does not reuse a request whose answer disagrees, or that ended short of what was typed', () => {
    assert.equal(matchInFlight({ ...base, received: 'map(' }, 'items.fil', '\n').reusable, false);
    assert.equal(matchInFlight({ ...base, received: 'fi', done: true }, 'items.filt', '\n').reusable, false);
  });

  it('does not reuse after a change behind the cursor or after it', () => {
    assert.equal(matchInFlight({ ...base, received: 'filter' }, 'item.f', '\n').reusable, false);
    assert.equal(matchInFlight({ ...base, received: 'filter' }, 'items.f', ')\n').reusable, false);
  });
});

describe('adaptReusedAnswer', () => {
  it('drops the typed characters from the final answer', () => {
    assert.equal(adaptReusedAnswer('filter((x) => x.ok)', 'fil'), 'ter((x) => x.ok)');
  });
  it('gives nothing when the answer went another way or has nothing left', () => {
    assert.equal(adaptReusedAnswer('find(', 'fil'), undefined);
    assert.equal(adaptReusedAnswer('fil', 'fil'), undefined);
  });
});

describe('InFlightRequests', () => {
  it('plans to reuse the newest consistent request and cancel the rest', () => {
    const requests = new InFlightRequests();
    requests.start(1, 'items.', '\n');
    requests.append(1, 'filter(');
    requests.start(2, 'items.f', '\n');
    requests.append(2, 'ilter(x');
    requests.start(3, 'items.m', '\n');
    const plan = requests.plan('items.fi', '\n');
    assert.deepEqual(plan.reuse, { id: 2, typed: 'i' });
    assert.deepEqual(plan.cancel.sort(), [1, 3]);
  });

  it('cancels everything when nothing fits, and leaves finished requests alone', () => {
    const requests = new InFlightRequests();
    requests.start(1, 'a', '');
    requests.start(2, 'b', '');
    requests.append(2, 'xyz');
    requests.finish(2);
    assert.deepEqual(requests.plan('c', ''), { cancel: [1] });
    requests.remove(1);
    requests.remove(2);
    assert.equal(requests.size, 0);
  });

  it('chunks after the stream finished are ignored', () => {
    const requests = new InFlightRequests();
    requests.start(7, 'x = ', '');
    requests.append(7, '1');
    requests.finish(7);
    requests.append(7, '23');
    assert.deepEqual(requests.plan('x = 12', ''), { cancel: [] });
  });
});
