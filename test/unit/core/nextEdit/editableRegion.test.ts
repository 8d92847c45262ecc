/** The editable region: tree-sitter ancestors of the cursor per language, grown by lines to the budget. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { LanguageId } from '@src/core/index/languages';
import { TreeSitterRuntime } from '@src/core/index/parse/treeSitterRuntime';
import { editableRegion } from '@src/core/nextEdit/editableRegion';
import { syntaxAncestors } from '@src/core/nextEdit/syntaxAncestors';

/** A file of filler functions around one function whose body holds the cursor (marked by ‸). */
const FILES: Record<string, { language: LanguageId; text: string; fn: [number, number] }> = {
  typescript: { language: 'typescript', fn: [30, 36], text: '' },
  python: { language: 'python', fn: [30, 34], text: '' },
  go: { language: 'go', fn: [30, 36], text: '' },
  java: { language: 'java', fn: [31, 37], text: '' },
  rust: { language: 'rust', fn: [30, 36], text: '' },
  javascript: { language: 'javascript', fn: [30, 36], text: '' },
};
const filler = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
FILES.typescript!.text = `${filler(30, (i) => `const c${i} = ${i};`)}\nfunction target(a: number) {\n  const b = a + 1;\n  if (b > 2) {\n    return b‸;\n  }\n  return a;\n}\n${filler(40, (i) => `const d${i} = ${i};`)}`;
FILES.javascript!.text = FILES.typescript!.text.replace('(a: number)', '(a)');
FILES.python!.text = `${filler(30, (i) => `c${i} = ${i}`)}\ndef target(a):\n    b = a + 1\n    if b > 2:\n        return b‸\n    return a\n${filler(40, (i) => `d${i} = ${i}`)}`;
FILES.go!.text = `${filler(30, (i) => `var c${i} = ${i}`)}\nfunc target(a int) int {\n\tb := a + 1\n\tif b > 2 {\n\t\treturn b‸\n\t}\n\treturn a\n}\n${filler(40, (i) => `var d${i} = ${i}`)}`;
FILES.java!.text = `class A {\n${filler(30, (i) => `  int c${i} = ${i};`)}\n  int target(int a) {\n    int b = a + 1;\n    if (b > 2) {\n      return b‸;\n    }\n    return a;\n  }\n${filler(40, (i) => `  int d${i} = ${i};`)}\n}`;
FILES.rust!.text = `${filler(30, (i) => `const C${i}: i32 = ${i};`)}\nfn target(a: i32) -> i32 {\n    let b = a + 1;\n    if b > 2 {\n        return b‸;\n    }\n    a\n}\n${filler(40, (i) => `const D${i}: i32 = ${i};`)}`;

function cursorOf(text: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('‸'));
  return { lines: lines.map((l) => l.replace('‸', '')), cursor: { line, character: lines[line]!.indexOf('‸') } };
}

describe('editable region', () => {
  for (const [name, f] of Object.entries(FILES)) {
    it(`${name}: grows over the syntax nodes holding the cursor, then by lines, up to 40 lines`, async () => {
      const runtime = await TreeSitterRuntime.shared();
      const { lines, cursor } = cursorOf(f.text);
      const ancestors = await syntaxAncestors(runtime, f.language, lines, cursor);
      assert.ok(ancestors.some((a) => a.startLine === f.fn[0] && a.endLine === f.fn[1]), `${name}: the function is an ancestor (${JSON.stringify(ancestors)})`);
      assert.ok(ancestors.every((a, i) => i === 0 || (a.startLine <= ancestors[i - 1]!.startLine && a.endLine >= ancestors[i - 1]!.endLine)), 'innermost first');
      const region = editableRegion({ file: 'f', lines, cursorLine: cursor.line, ancestors });
      assert.ok(region.startLine <= f.fn[0] && region.endLine >= f.fn[1], `${name}: the region holds the whole function (${region.startLine}-${region.endLine})`);
      assert.equal(region.endLine - region.startLine + 1, 40);
      const small = editableRegion({ file: 'f', lines, cursorLine: cursor.line, ancestors, budget: { maxLines: 4, maxTokens: 1000 } });
      assert.ok(small.startLine <= cursor.line && cursor.line <= small.endLine && small.endLine - small.startLine + 1 === 4, 'a small budget keeps the innermost node that fits');
    });
  }

  it('fills two lines below for each line above, and leans toward hints', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `x${i}`);
    const plain = editableRegion({ file: 'f', lines, cursorLine: 100, ancestors: [] });
    assert.equal(plain.endLine - plain.startLine + 1, 40);
    assert.ok(plain.endLine - 100 > 100 - plain.startLine);
    const up = editableRegion({ file: 'f', lines, cursorLine: 100, ancestors: [], hints: [70, 75, 80] });
    assert.ok(up.startLine <= 80 && 100 - up.startLine > up.endLine - 100, `hints above pull it up (${up.startLine}-${up.endLine})`);
  });

  it('stops at the token budget (long lines) and at the file edges', () => {
    const long = Array.from({ length: 100 }, () => 'y'.repeat(200));
    const r = editableRegion({ file: 'f', lines: long, cursorLine: 50, ancestors: [], budget: { maxLines: 40, maxTokens: 600 } });
    assert.ok(r.endLine - r.startLine + 1 < 15);
    const top = editableRegion({ file: 'f', lines: ['a', 'b', 'c'], cursorLine: 0, ancestors: [] });
    assert.deepEqual([top.startLine, top.endLine], [0, 2]);
  });
});
