import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { placeSnippet, singleBlockShape } from '@src/core/edit/snippetPlacement';

const lines = (s: string) => s.split('\n');

describe('snippet placement', () => {
  it('recognises one block: brace style, Allman style, Python, with a doc comment', () => {
    assert.deepEqual(singleBlockShape(lines('function f() {\n  return 1;\n}')), { anchor: 0, closed: true });
    assert.deepEqual(singleBlockShape(lines('void F()\n{\n    G();\n}')), { anchor: 0, closed: true });
    assert.deepEqual(singleBlockShape(lines('def f():\n    return 1')), { anchor: 0, closed: false });
    assert.deepEqual(singleBlockShape(lines('/**\n * Doc.\n */\nfunction f() {\n  return 1;\n}')), { anchor: 3, closed: true });
  });

  it('does not take two blocks, a lone line or top-level statements for one block', () => {
    assert.equal(singleBlockShape(lines('function f() {\n}\nfunction g() {\n}')), undefined);
    assert.equal(singleBlockShape(lines('const a = 1;')), undefined);
    assert.equal(singleBlockShape(lines('import x\nconst a = 1;')), undefined);
  });

  it('replaces the block of the file with the same first line, up to its closing line', () => {
    const file = lines('a();\n\nvoid F()\n{\n    G();\n}\n\nvoid H()\n{\n}');
    assert.deepEqual(placeSnippet(file, lines('void F()\n{\n    G2();\n}')), { kind: 'placed', start: 2, end: 6, anchor: 2 });
  });

  it('refuses when the first line is missing or repeated in the file', () => {
    const file = lines('if (a) {\n  x();\n}\nif (a) {\n  y();\n}');
    assert.equal((placeSnippet(file, lines('if (a) {\n  z();\n}')) as { reason: string }).reason, 'anchor-ambiguous');
    assert.equal((placeSnippet(file, lines('if (b) {\n  z();\n}')) as { reason: string }).reason, 'anchor-not-found');
  });

  it('refuses when the file\'s block seems to end before a line the snippet still has', () => {
    const file = lines('def f():\n    s = """\nSELECT 1\n"""\n    return s\n\ndef g():\n    pass');
    const snippet = lines('def f():\n    s = """\n    SELECT 1\n    """\n    return s');
    assert.deepEqual(placeSnippet(file, snippet), { kind: 'unplaced', reason: 'end-unclear', anchorText: 'def f():' });
  });
});
