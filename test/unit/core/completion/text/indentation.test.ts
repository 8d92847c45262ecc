import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { detectIndentUnit, indentWidth } from '@src/core/completion/text/indentation';

describe('indentation', () => {
  it('measures tabs to the next tab stop', () => {
    assert.equal(indentWidth('\t', 4), 4);
    assert.equal(indentWidth('  \t', 4), 4);
    assert.equal(indentWidth('\t  ', 4), 6);
    assert.equal(indentWidth('    ', 4), 4);
  });

  it('detects the document\'s unit', () => {
    assert.equal(detectIndentUnit('func f() {\n\tif x {\n\t\ty()\n\t}\n}\n'), '\t');
    assert.equal(detectIndentUnit('function f() {\n  if (x) {\n    y();\n  }\n}\n'), '  ');
    assert.equal(detectIndentUnit('def f():\n    if x:\n        y()\n'), '    ');
    assert.equal(detectIndentUnit('x = 1\n', '\t'), '\t', 'falls back when nothing is indented');
  });

  it('ignores a continuation line\'s odd alignment when most steps agree', () => {
    const text = 'def f(a,\n      b):\n    x = 1\n    if x:\n        y()\n    return x\n';
    assert.equal(detectIndentUnit(text), '    ');
  });
});
