import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseNdjsonLines } from '../../../../../src/core/llm/streaming/ndjsonParser';
import { parseSse } from '../../../../../src/core/llm/streaming/sseParser';
import { StopScanner } from '../../../../../src/core/llm/streaming/stopSequences';

async function* bytes(...parts: string[]) {
  for (const p of parts) yield new TextEncoder().encode(p);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('SSE parser', () => {
  it('events split across chunks, CRLF, comments, multi-line data, named events', async () => {
    const evs = await all(parseSse(bytes('event: ping\r\ndata: {"a"', ':1}\r\n\r\n: comment\ndata: x\ndata: y\n\n', 'data: last')));
    assert.deepEqual(evs, [{ event: 'ping', data: '{"a":1}' }, { event: 'message', data: 'x\ny' }]);
  });
});

describe('NDJSON parser', () => {
  it('lines split across chunks; a final line without newline', async () => {
    assert.deepEqual(await all(parseNdjsonLines(bytes('{"a":', '1}\n\n{"b":2}\n{"c"', ':3}'))), ['{"a":1}', '{"b":2}', '{"c":3}']);
  });
});

describe('stop scanner', () => {
  it('finds a stop sequence split across chunks and emits nothing after it', () => {
    const s = new StopScanner(['<|file_sep|>']);
    assert.equal(s.push('x = 1\n<|file'), 'x = 1\n');
    assert.equal(s.push('_sep|>more'), '');
    assert.equal(s.hasStopped, true);
    assert.equal(s.push('again'), '');
  });
  it('holds back only a possible start of a stop, and flushes it at the end', () => {
    const s = new StopScanner(['\n\n']);
    assert.equal(s.push('a\n'), 'a');
    assert.equal(s.push('b'), '\nb');
    assert.equal(s.push('c\n'), 'c');
    assert.equal(s.flush(), '\n');
  });
  it('no stops: passes everything through', () => {
    assert.equal(new StopScanner([]).push('abc'), 'abc');
  });
});
