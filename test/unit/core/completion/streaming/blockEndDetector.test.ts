import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findIndentationScopeEnd } from '@src/core/completion/scope/indentationScope';
import { BlockEndDetector, findStreamCut, type StreamCutInput } from '@src/core/completion/streaming/blockEndDetector';

/** Builds the detector's input from a document with `├` at the cursor. */
function inputAt(marked: string, languageId: string, multiline = true): StreamCutInput {
  const at = marked.indexOf('├');
  const prefix = marked.slice(0, at);
  const suffix = marked.slice(at + 1);
  const newline = suffix.indexOf('\n');
  return {
    prefix,
    linePrefix: prefix.slice(prefix.lastIndexOf('\n') + 1),
    lineSuffix: newline < 0 ? suffix : suffix.slice(0, newline),
    suffix,
    languageId,
    tabSize: 4,
    multiline,
  };
}

/** Feeds `text` in the given chunk sizes; returns how many characters had arrived when it stopped. */
function stream(detector: BlockEndDetector, text: string, sizes: number[]): number {
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    const chunk = text.slice(at, at + size);
    at += chunk.length;
    if (detector.push(chunk)) return at;
  }
  return at;
}

const pythonBody = inputAt('class Stack:\n    def push(self, item):\n        ├\n\n    def pop(self):\n        return self._items.pop()\n', 'python');
const pythonStream = 'self._items.append(item)\n        return self\n\n    def peek(self):\n        return self._items[-1]\n';

const tsEndOfFile = inputAt('export function first<T>(xs: T[]): T | undefined {\n  ├', 'typescript');
const tsStream = 'return xs[0];\n}\n\nexport function last<T>(xs: T[]) {\n  return xs[xs.length - 1];\n}\n';

describe('findStreamCut', () => {
  it('stops a Python block as soon as the dedented `def` starts, before the model writes it out', () => {
    const detector = new BlockEndDetector(pythonBody);
    const arrived = stream(detector, pythonStream, [1]);
    assert.equal(detector.text, 'self._items.append(item)\n        return self');
    // The first non-blank character of the dedented line is enough to decide.
    assert.equal(arrived, pythonStream.indexOf('def peek') + 1);
    assert.match(detector.reason!, /leaves the block/);
  });

  it('keeps the closing brace of a block the document leaves open, then stops at the end of that line', () => {
    const detector = new BlockEndDetector(tsEndOfFile);
    const arrived = stream(detector, tsStream, [1]);
    assert.equal(detector.text, 'return xs[0];\n}');
    assert.equal(arrived, tsStream.indexOf('}\n') + 2);
  });

  it('stops at the end of a `}` line the document already has below, even when indentation cannot tell', () => {
    const input = inputAt('class Point {\n    int x() {├\n    }\n}\n', 'java');
    const detector = new BlockEndDetector(input);
    const text = ' return x; }\n    int y() { return y; }\n';
    const arrived = stream(detector, text, [3]);
    // The `}` line is awaited (a syntax tree may keep it); the filters cut it by text rules.
    assert.equal(detector.text, ' return x; }');
    assert.ok(arrived <= text.indexOf('int y') + 3, `stopped after ${arrived} characters`);
    assert.match(detector.reason!, /already closes/);
  });

  it('a `}` matching the auto-closed one right of the cursor stays (the range fix replaces it); the next statement stops the stream', () => {
    const input = inputAt('class Point {\n    int x() { ├}\n}\n', 'java');
    const detector = new BlockEndDetector(input);
    const text = 'return x; }\n    int y() { return y; }\n';
    const arrived = stream(detector, text, [1]);
    assert.equal(detector.text, 'return x; }');
    assert.equal(arrived, text.indexOf('int y') + 1);
  });

  it('a single-line request ends with its first non-blank line', () => {
    const input = inputAt('def area(r):├\n', 'python', false);
    assert.equal(findStreamCut('\n    return 3.14 * r', input), undefined);
    const cut = findStreamCut('\n    return 3.14 * r * r\n    # done', input);
    assert.equal(cut?.offset, '\n    return 3.14 * r * r'.length);
  });

  it('stops a model that loops on a line once the third copy has arrived', () => {
    const input = inputAt('function tally(events) {\n  let n = 0;\n  ├\n}\n', 'javascript');
    const detector = new BlockEndDetector(input);
    const text = 'n++;\n  n++;\n  n++;\n  n++;\n  n++;\n  n++;\n';
    const arrived = stream(detector, text, [2]);
    assert.equal(detector.text, 'n++;');
    assert.ok(arrived <= 'n++;\n  n++;\n  n++;\n'.length + 1, `read ${arrived} characters`);
    assert.match(detector.reason!, /repeating/);
  });

  it('stops a model that repeats a block', () => {
    const input = inputAt("describe('slug', () => {\n  ├\n});\n", 'typescript');
    const block = "it('lowercases', () => {\n    expect(slug('A')).toBe('a');\n  });\n  ";
    const detector = new BlockEndDetector(input);
    stream(detector, block + block + block, [5]);
    assert.equal(detector.text, block.trimEnd());
  });

  it('does not cut while the block is still going on', () => {
    assert.equal(findStreamCut('self._items.append(item)\n        if len(self._items) > 10:\n            ', pythonBody), undefined);
  });

  it('gives the same cut however the stream is chunked, never later than the one-shot scope rule', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        for (const [input, text] of [
          [pythonBody, pythonStream],
          [tsEndOfFile, tsStream],
        ] as const) {
          const detector = new BlockEndDetector(input);
          stream(detector, text, sizes);
          assert.equal(detector.text, text.slice(0, findIndentationScopeEnd(text, input)!.offset));
        }
      }),
    );
  });
});
