import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RewriteCancelledError } from '@src/core/edit';
import type { FinishReason, StreamEvent } from '@src/core/llm/types';
import { consumeRewriteStream } from '@src/core/rewrite';

const ORIGINAL = 'function f(n) {\n  const s = String(n);\n  return s;\n}\n';
const RANGE = { start: { line: 1, character: 2 }, end: { line: 1, character: 22 } };

async function* stream(pieces: readonly string[], finishReason: FinishReason = 'stop', between?: (i: number) => void): AsyncGenerator<StreamEvent> {
  for (let i = 0; i < pieces.length; i++) {
    between?.(i);
    yield { type: 'text', text: pieces[i]! };
  }
  yield { type: 'done', finishReason, usage: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, reported: false }, timing: { queuedMs: 0, headersMs: 0, firstTokenMs: 0, totalMs: 0, attempts: 1 }, endpoint: 'x', model: 'm' };
}

describe('consumeRewriteStream', () => {
  it('reports each change of the code so far, then the final edit of the selection', async () => {
    const previews: { code: string; complete: boolean }[] = [];
    const out = await consumeRewriteStream(stream(['Sure:\n', '```js\n', 'const s = ', '`${n}`;', '\n```', '\nDone.']), {
      original: ORIGINAL, range: RANGE, languageId: 'javascript', onPreview: (p) => previews.push(p),
    });
    assert.deepEqual(previews.map((p) => p.code).filter((c, i, a) => a.indexOf(c) === i).slice(-2), ['const s = ', 'const s = `${n}`;']);
    assert.deepEqual(previews.at(-1), { code: 'const s = `${n}`;', complete: true });
    assert.ok(out.result.ok);
    assert.equal(out.result.newText, ORIGINAL.replace('String(n)', '`${n}`'));
    assert.equal(out.finishReason, 'stop');
    assert.match(out.answer, /^Sure:\n```js\nconst s = `\$\{n\}`;\n```\nDone\.$/);
  });

  it('an answer cut by the token limit is refused, not applied', async () => {
    const out = await consumeRewriteStream(stream(['```js\nconst s = `${n}`;\n```'], 'length'), { original: ORIGINAL, range: RANGE });
    assert.equal(out.result.ok, false);
    assert.equal(!out.result.ok && out.result.code, 'truncated-answer');
  });

  it('stops with the signal’s reason when the rewrite is cancelled mid-stream', async () => {
    const controller = new AbortController();
    const reason = new RewriteCancelledError('document-changed', 'The document was edited while the rewrite was running');
    let previews = 0;
    await assert.rejects(
      consumeRewriteStream(stream(['```js\n', 'const s', ' = 1;', '\n```'], 'stop', (i) => i === 2 && controller.abort(reason)), {
        original: ORIGINAL, range: RANGE, signal: controller.signal, onPreview: () => previews++,
      }),
      (err) => err === reason,
    );
    assert.equal(previews, 1);
  });

  it('code generated at the cursor on a blank line gets the indentation of its place', async () => {
    const original = 'function f(n) {\n  const s = String(n);\n\n  return s;\n}\n';
    const cursor = { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } };
    const out = await consumeRewriteStream(stream(['```js\nconsole.log(s);\nif (!s) {\n  throw new Error("empty");\n}\n```']), { original, range: cursor, indentUnit: '  ' });
    assert.ok(out.result.ok, JSON.stringify(out.result));
    assert.equal(out.result.newText, 'function f(n) {\n  const s = String(n);\n  console.log(s);\n  if (!s) {\n    throw new Error("empty");\n  }\n  return s;\n}\n');
    assert.ok(out.result.notes.includes('indented the generated code for the cursor line'));
  });
});
