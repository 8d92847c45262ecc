import { strict as assert } from 'node:assert';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import { documentLines } from '@src/core/nextEdit/documentLines';
import { changedLines, EditHistory, linesAfterChange } from '@src/core/nextEdit/editHistory';

const F = '/w/a.ts';
const G = '/w/b.ts';
const doc = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`);

/** Types `text` at the end of line `line`, one character per call, `gap` ms apart from `t`. */
function typeInto(h: EditHistory, lines: string[], line: number, text: string, t: number, gap = 100): number {
  for (const ch of text) {
    lines[line] += ch;
    h.update(F, lines.join('\n'), (t += gap));
  }
  return t;
}

describe('EditHistory', () => {
  it('coalesces keystrokes on one line into one event', () => {
    const h = new EditHistory();
    const lines = doc(20);
    h.openDocument(F, lines.join('\n'));
    typeInto(h, lines, 5, 'abc', 0);
    const hunks = h.hunks();
    assert.equal(hunks.length, 1);
    assert.deepEqual(hunks[0]!.oldLines, ['line 5']);
    assert.deepEqual(hunks[0]!.newLines, ['line 5abc']);
    assert.equal(hunks[0]!.newStart, 5);
  });

  it('merges edits within 8 lines, starts a new event further away', () => {
    const h = new EditHistory();
    const lines = doc(60);
    h.openDocument(F, lines.join('\n'));
    let t = typeInto(h, lines, 5, 'x', 0);
    t = typeInto(h, lines, 12, 'y', t); // 7 lines below: same event
    assert.equal(h.hunks().length, 1);
    assert.deepEqual(h.hunks()[0]!.oldLines, lines.slice(5, 13).map((l, i) => (i === 0 ? 'line 5' : i === 7 ? 'line 12' : l)));
    typeInto(h, lines, 40, 'z', t); // far away: a new event
    const hunks = h.hunks();
    assert.equal(hunks.length, 2);
    assert.deepEqual(hunks[1]!.newLines, ['line 40z']);
    assert.ok(hunks[1]!.seq > hunks[0]!.seq);
  });

  it('starts a new event after a pause of a second', () => {
    const h = new EditHistory();
    const lines = doc(20);
    h.openDocument(F, lines.join('\n'));
    const t = typeInto(h, lines, 5, 'a', 0);
    typeInto(h, lines, 6, 'b', t + 1500);
    assert.equal(h.hunks().length, 2);
  });

  it('drops an event that ends where it began (typed, then deleted)', () => {
    const h = new EditHistory();
    const lines = doc(10);
    h.openDocument(F, lines.join('\n'));
    let t = typeInto(h, lines, 3, 'ab', 0);
    lines[3] = 'line 3';
    h.update(F, lines.join('\n'), (t += 100));
    assert.equal(h.hunks().length, 0);
  });

  it('recognises an undo of the previous event: both go', () => {
    const h = new EditHistory();
    const lines = doc(10);
    h.openDocument(F, lines.join('\n'));
    typeInto(h, lines, 3, 'xyz', 0);
    const before = lines.join('\n');
    lines[3] = 'line 3';
    h.update(F, lines.join('\n'), 5000); // undo after a pause restores the old line in one change
    h.settle(10_000);
    assert.equal(h.hunks().length, 0);
    h.update(F, before, 11_000); // redo brings the event back
    h.settle(20_000);
    assert.deepEqual(h.hunks().map((x) => x.newLines), [['line 3xyz']]);
  });

  it('moves earlier events when lines are inserted above them', () => {
    const h = new EditHistory();
    const lines = doc(40);
    h.openDocument(F, lines.join('\n'));
    const t = typeInto(h, lines, 30, '!', 0);
    lines.splice(2, 0, 'new 1', 'new 2');
    h.update(F, lines.join('\n'), t + 2000);
    const [first, second] = h.hunks();
    assert.equal(first!.newStart, 32);
    assert.deepEqual(first!.newLines, ['line 30!']);
    assert.deepEqual(second!.oldLines, []);
    assert.deepEqual(second!.newLines, ['new 1', 'new 2']);
  });

  it('keeps events of several documents in one bounded log', () => {
    const h = new EditHistory({ maxEvents: 3 });
    const a = doc(200);
    const b = doc(10);
    h.openDocument(F, a.join('\n'));
    h.openDocument(G, b.join('\n'));
    let t = 0;
    for (let i = 0; i < 5; i++) {
      a[i * 30] += '#';
      h.update(F, a.join('\n'), (t += 2000));
    }
    b[1] += '?';
    h.update(G, b.join('\n'), (t += 2000));
    h.settle(t + 2000);
    const hunks = h.hunks();
    assert.equal(hunks.length, 3);
    assert.equal(hunks.at(-1)!.file, G);
    assert.deepEqual(hunks.map((x) => x.newStart), [90, 120, 1]);
  });

  it('cuts the log by tokens', () => {
    const h = new EditHistory({ maxTokens: 60 });
    const lines = doc(200);
    h.openDocument(F, lines.join('\n'));
    let t = 0;
    for (let i = 0; i < 6; i++) {
      lines[i * 30] = 'x'.repeat(80);
      h.update(F, lines.join('\n'), (t += 2000));
    }
    h.settle(t + 2000);
    assert.ok(h.hunks().length <= 2, `${h.hunks().length} events kept`);
  });

  it('marks an accepted suggestion', () => {
    const h = new EditHistory();
    const lines = doc(10);
    h.openDocument(F, lines.join('\n'));
    lines[4] = 'accepted';
    h.update(F, lines.join('\n'), 100);
    h.markAccepted(F);
    assert.equal(h.hunks()[0]!.accepted, true);
  });

  it('does not follow documents over the size limit', () => {
    const h = new EditHistory({ maxDocumentChars: 50 });
    h.openDocument(F, 'x'.repeat(100));
    h.update(F, 'y'.repeat(100), 10);
    assert.equal(h.hunks().length, 0);
  });
});

describe('changedLines', () => {
  it('finds the changed run of lines', () => {
    assert.deepEqual(changedLines(['a', 'b', 'c'], ['a', 'B', 'c']), { start: 1, oldEnd: 2, newEnd: 2 });
    assert.deepEqual(changedLines(['a', 'c'], ['a', 'b', 'c']), { start: 1, oldEnd: 1, newEnd: 2 });
    assert.equal(changedLines(['a'], ['a']), undefined);
  });
});

describe('linesAfterChange', () => {
  /** What the history did before reading the text in place: split it all, then compare the lines. */
  const bySplit = (before: readonly string[], text: string) => {
    const after = documentLines(text);
    const change = changedLines(before, after);
    return change && { change, after };
  };
  const check = (beforeText: string, text: string) => {
    const before = documentLines(beforeText);
    assert.deepEqual(linesAfterChange(before, beforeText, text), bySplit(before, text), JSON.stringify({ beforeText, text }));
  };

  it('finds the same lines and change as a split of the whole text: edges of the text and of the lines', () => {
    const texts = ['', '\n', '\n\n', 'a', 'a\n', '\na', 'a\nb', 'a\n\nb', 'ab\nc', 'a\nb\n', 'x\na\nb', 'a\nx\nb', 'a\nb\nx', 'b\na', 'a\na\na', 'a\r\nb', 'a\rb\n', 'ab', 'b', 'ab\nab', 'a\na\nb', 'a\nb\nb', 'x\nabc', 'x\nab\nabc'];
    for (const before of texts) for (const text of texts) check(before, text);
  });

  it('finds the same lines and change as a split of the whole text: random edits', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pieces = ['a', 'b', 'ab', '\n', '\n', '', 'x', ' '];
    for (let round = 0; round < 3000; round++) {
      let text = Array.from({ length: rnd(12) }, () => pieces[rnd(pieces.length)]).join('');
      const before = text;
      // One to three edits: insert, delete or replace a few characters (line breaks included).
      for (let e = 0, edits = 1 + rnd(3); e < edits; e++) {
        const at = rnd(text.length + 1);
        const del = rnd(3);
        text = text.slice(0, at) + Array.from({ length: rnd(3) }, () => pieces[rnd(pieces.length)]).join('') + text.slice(at + del);
      }
      check(before, text);
    }
    // Two short texts of few distinct lines: their equal starts and ends overlap in every way.
    const someLines = () => Array.from({ length: rnd(6) }, () => ['a', 'b', ''][rnd(3)]).join('\n');
    for (let round = 0; round < 3000; round++) check(someLines(), someLines());
    // Long texts (the comparison goes by blocks of thousands of characters): edits anywhere, line breaks included.
    const long = doc(3000).join('\n');
    for (let round = 0; round < 300; round++) {
      const at = rnd(long.length + 1);
      const edited = long.slice(0, at) + ['x', '\n', '', 'line 7\n'][rnd(4)] + long.slice(at + rnd(3));
      check(long, edited);
      check(edited, long);
    }
  });

  it('reads nothing of a long text beyond the changed line and its ends (no whole split)', () => {
    const before = doc(5000);
    const lines = [...before];
    lines[2500] += 'x';
    const text = lines.join('\n');
    const split = String.prototype.split;
    let splitChars = 0;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      splitChars += this.length;
      return split.apply(this, args);
    } as typeof split;
    try {
      const got = linesAfterChange(before, before.join('\n'), text)!;
      assert.deepEqual(got.change, { start: 2500, oldEnd: 2501, newEnd: 2501 });
      assert.equal(got.after[2500], 'line 2500x');
    } finally {
      String.prototype.split = split;
    }
    assert.ok(splitChars < 100, `split ${splitChars} characters`);
  });
});

describe('EditHistory.linesOf', () => {
  it('hands out the document\'s lines through edits inside a line, lines added and removed, and the same text again', () => {
    const h = new EditHistory();
    const lines = doc(50);
    h.openDocument(F, lines.join('\n'));
    const v1 = h.linesOf(F, lines.join('\n'))!;
    assert.deepEqual(v1, lines);
    // An edit inside one line.
    lines[10] += 'x';
    h.update(F, lines.join('\n'), 100);
    const v2 = h.linesOf(F, lines.join('\n'))!;
    assert.deepEqual(v2, lines);
    assert.notEqual(v2, v1);
    // Lines inserted and removed elsewhere: the lines after them move.
    lines.splice(3, 0, 'new a', 'new b');
    h.update(F, lines.join('\n'), 5000);
    const v3 = h.linesOf(F, lines.join('\n'))!;
    assert.deepEqual(v3, lines);
    lines.splice(3, 2);
    h.update(F, lines.join('\n'), 9000);
    const v4 = h.linesOf(F, lines.join('\n'))!;
    assert.deepEqual(v4, lines);
    // The same text again (an undo back to it, or a change event with no change): the same lines.
    h.update(F, lines.join('\n'), 9500);
    assert.equal(h.linesOf(F, lines.join('\n')), v4);
  });

  it('hands out nothing for another text, a text with \\r line breaks, a closed or unknown document', () => {
    const h = new EditHistory();
    const lines = doc(5);
    h.openDocument(F, lines.join('\n'));
    assert.equal(h.linesOf(F, lines.join('\n') + 'x'), undefined);
    // The same length, one character or one line break moved: not the text the history holds.
    const same = lines.join('\n');
    assert.equal(h.linesOf(F, same.slice(0, -1) + 'Z'), undefined);
    assert.equal(h.linesOf(F, same.replace('\n', ' ').replace(/ ([^ ]*)$/, '\n$1')), undefined);
    assert.ok(h.linesOf(F, same));
    assert.equal(h.linesOf(G, lines.join('\n')), undefined);
    h.openDocument(G, lines.join('\r\n'));
    assert.equal(h.linesOf(G, lines.join('\r\n')), undefined);
    h.closeDocument(F);
    assert.equal(h.linesOf(F, lines.join('\n')), undefined);
    const big = new EditHistory({ maxDocumentChars: 10 });
    big.openDocument(F, lines.join('\n'));
    assert.equal(big.linesOf(F, lines.join('\n')), undefined);
  });

  it('follows a file replaced as a whole (its text set anew): the new lines, none of the old', () => {
    const h = new EditHistory();
    h.openDocument(F, doc(20).join('\n'));
    const replaced = Array.from({ length: 7 }, (_, i) => `other ${i}`);
    h.update(F, replaced.join('\n'), 100);
    assert.deepEqual(h.linesOf(F, replaced.join('\n')), replaced);
  });

  it('does not keep each version\'s text alive behind the lines it kept (1,500 edits of a 120 KB document)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const lines = Array.from({ length: 1500 }, (_, i) => `    const value${i} = compute(argument${i}, other${i}); // a comment`);
    const h = new EditHistory();
    h.openDocument(F, lines.join('\n'));
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 0; k < 1500; k++) {
      lines[k] += 'x';
      h.update(F, lines.join('\n'), k * 2000);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Each version's text is 120 KB: kept behind its changed line, 1,500 of them would be 180 MB.
    assert.ok(grown < 40e6, `heap grew ${(grown / 1e6).toFixed(1)} MB`);
    assert.deepEqual(h.linesOf(F, lines.join('\n')), lines);
  });
});
