import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddingVector } from '../../fixtures/fakeModelServer/embeddingVector';
import { shapeOutput, splitIntoPieces } from '../../fixtures/fakeModelServer/shapeOutput';

describe('fake model server: output shaping', () => {
  it('splits text into word pieces that join back to the text', () => {
    const text = 'function add(a, b) {\n  return a + b;\n}\n';
    assert.deepEqual(splitIntoPieces(text), ['function', ' add(a,', ' b)', ' {', '\n  return', ' a', ' +', ' b;', '\n}', '\n']);
    assert.equal(splitIntoPieces(text).join(''), text);
  });

  it('cuts at the earliest stop sequence, even inside a piece', () => {
    const shaped = shapeOutput({ chunks: ['ab', 'cEN', 'Dxy'] }, ['xy', 'END'], undefined);
    assert.deepEqual(shaped.pieces, ['ab', 'c']);
    assert.equal(shaped.end, 'stop_sequence');
    assert.equal(shaped.stopSequence, 'END');
  });

  it('limits to max tokens pieces and says so', () => {
    const shaped = shapeOutput({ text: 'one two three' }, [], 2);
    assert.equal(shaped.text, 'one two');
    assert.equal(shaped.end, 'length');
    assert.equal(shapeOutput({ text: 'one two' }, [], 2).end, 'stop');
  });

  it('embeds deterministically and splits camelCase identifiers', () => {
    assert.deepEqual(embeddingVector('readConfigFile', 16), embeddingVector('read config file', 16));
    assert.notDeepEqual(embeddingVector('read config file', 16), embeddingVector('write the chat', 16));
    assert.deepEqual(embeddingVector('', 4), [1, 0, 0, 0]);
  });
});
