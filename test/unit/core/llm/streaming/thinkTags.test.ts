import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ThinkTagSplitter } from '@src/core/llm/streaming/thinkTags';

/** Feeds the pieces and returns what came out as reasoning and as answer. */
function split(...pieces: string[]): { thinking: string; text: string; tags: boolean } {
  const s = new ThinkTagSplitter();
  let thinking = '';
  let text = '';
  for (const p of pieces) {
    const out = s.push(p);
    thinking += out.thinking;
    text += out.text;
  }
  const rest = s.flush();
  return { thinking: thinking + rest.thinking, text: text + rest.text, tags: s.foundTags };
}

describe('<think> splitter', () => {
  it('a leading block is reasoning; the blank line after it is dropped', () => {
    assert.deepEqual(split('<think>\nWhat is 2+2?\n</think>\n\nIt is 4.'), { thinking: '\nWhat is 2+2?\n', text: 'It is 4.', tags: true });
  });

  it('tags split across chunks anywhere (`<thi` + `nk>`, `</th` + `ink>`)', () => {
    assert.deepEqual(split('<thi', 'nk>plan', ' a</th', 'ink>', '\n', '\nreturn a', ' + b'), { thinking: 'plan a', text: 'return a + b', tags: true });
  });

  it('whitespace before the block is allowed; one character at a time works', () => {
    assert.deepEqual(split(...'\n<think>x</think>y'.split('')), { thinking: 'x', text: 'y', tags: true });
  });

  it('a <think> that does not open the answer is answer text (code may contain it)', () => {
    assert.deepEqual(split('const s = "', '<think>";', '</think>'), { thinking: '', text: 'const s = "<think>";</think>', tags: false });
  });

  it('something that only starts like the tag is text once it differs', () => {
    assert.deepEqual(split('<th', 'ead>'), { thinking: '', text: '<thead>', tags: false });
    assert.deepEqual(split('<thinking>', 'x'), { thinking: '', text: '<thinking>x', tags: false });
  });

  it('an unclosed block (the model ran out of tokens while reasoning) is all reasoning, no answer', () => {
    assert.deepEqual(split('<think>still going', ' on'), { thinking: 'still going on', text: '', tags: true });
  });

  it('a lone </think> opening the answer (the reasoning came apart, its tag did not) is dropped', () => {
    assert.deepEqual(split('</th', 'ink>\n\nAnswer'), { thinking: '', text: 'Answer', tags: true });
  });

  it('a stream that ends on a partial tag gives it back as text', () => {
    assert.deepEqual(split('<thin'), { thinking: '', text: '<thin', tags: false });
  });
});
