import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseNdjsonLines } from '@src/core/llm/streaming/ndjsonParser';
import { parseSse } from '@src/core/llm/streaming/sseParser';
import { StopScanner } from '@src/core/llm/streaming/stopSequences';

async function* bytes(...parts: string[]) {
  for (const p of parts) yield new TextEncoder().encode(p);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('SSE parser', () => {
  it('events split across chunks, CRLF, comments, multi-line data, named events; the unterminated last event is marked', async () => {
    const comments: string[] = [];
    const evs = await all(parseSse(bytes('event: ping\r\ndata: {"a"', ':1}\r\n\r\n: comment\ndata: x\ndata: y\n\n', 'data: last'), (c) => comments.push(c)));
    assert.deepEqual(evs, [{ event: 'ping', data: '{"a":1}' }, { event: 'message', data: 'x\ny' }, { event: 'message', data: 'last', unterminated: true }]);
    assert.deepEqual(comments, ['comment']);
  });

  it('`data:` without the space, a CRLF split between chunks, a BOM, CR-only line ends', async () => {
    const evs = await all(parseSse(bytes('\uFEFFdata:{"a":1}\r', '\n\r\ndata:2\r\rdata: [DONE]\n')));
    assert.deepEqual(evs, [{ event: 'message', data: '{"a":1}' }, { event: 'message', data: '2' }, { event: 'message', data: '[DONE]', unterminated: true }]);
  });
});

describe('NDJSON parser', () => {
  it('lines split across chunks, CRLF; a final line without newline is marked', async () => {
    assert.deepEqual(await all(parseNdjsonLines(bytes('{"a":', '1}\r\n\n{"b":2}\n{"c"', ':3}'))), [{ text: '{"a":1}' }, { text: '{"b":2}' }, { text: '{"c":3}', unterminated: true }]);
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
