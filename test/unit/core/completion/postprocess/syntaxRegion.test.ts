import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { syntaxRegion } from '@src/core/completion/postprocess/syntaxRegion';
import { cursorInListAbove, treeSyntax } from '@src/core/completion/postprocess/treeSyntax';
import { parserFor } from '../multiline/loadGrammar';

/** The region around `│` in `marked`, as text. */
function regionOf(marked: string, maxChars = 16_000): string | undefined {
  const cursor = marked.indexOf('│');
  const text = marked.replace('│', '');
  const region = syntaxRegion(text, cursor, 4, maxChars);
  return region && text.slice(region.start, region.end);
}

const javaClass = `package shop;

class Cart {
    long count() {
        return items.size();
    }

    long total() {
        long sum = 0;
        for (Item item : items) {
            sum += item.price();│
        }
        return sum;
    }

    void clear() {
        items.clear();
    }
}
`;

describe('syntaxRegion', () => {
  it('takes the outermost structure around the cursor that fits: the class, else the method', () => {
    assert.equal(regionOf(javaClass), javaClass.slice(javaClass.indexOf('class Cart'), javaClass.lastIndexOf('}') + 1).replace('│', ''));
    const method = regionOf(javaClass, 200)!;
    assert.ok(method.startsWith('    long total() {') && method.endsWith('        return sum;\n    }'), method);
  });

  it('in a file of top-level functions, takes the cursor\'s function only', () => {
    const ts = 'function a() {\n  return 1;\n}\n\nfunction b(x: number) {\n  if (x > 0) {\n    return x;│\n  }\n  return 0;\n}\n\nfunction c() {}\n';
    assert.equal(regionOf(ts), 'function b(x: number) {\n  if (x > 0) {\n    return x;\n  }\n  return 0;\n}');
  });

  it('keeps `} else {` parts of the structure and stops a Python def before the next one', () => {
    const go = 'func f(x int) int {\n\tif x > 0 {\n\t\treturn 1│\n\t} else {\n\t\treturn 0\n\t}\n}\n';
    assert.equal(regionOf(go.replace(/\t/g, '    ')), go.replace(/\t/g, '    ').replace('│', '').trimEnd());
    const py = 'def a(x):\n    if x:\n        return 1│\n    return 0\n\ndef b():\n    pass\n';
    assert.equal(regionOf(py), 'def a(x):\n    if x:\n        return 1\n    return 0\n');
  });

  it('is undefined when not even the innermost structure fits', () => {
    assert.equal(regionOf(javaClass, 20), undefined);
  });
});

describe('treeSyntax over the region', () => {
  it('judges a missing `}` in the last method of a class much longer than the prompt window', async () => {
    const parser = await parserFor('java');
    const parse = (text: string) => parser.parse(text) ?? undefined;
    const filler = Array.from({ length: 450 }, (_, i) => `    int f${i}() {\n        return ${i};\n    }\n`).join('\n');
    // The class opens 20 KB above the cursor (more than a region holds: the method is judged alone) and its `}` is
    // 3 lines below: in a prompt window, cutting the loop's `}` would look balanced.
    const prefix = `class Big {\n${filler}\n    long total() {\n        long sum = 0;\n        for (Item item : items) {\n            sum += item.price();`;
    const suffix = '\n        return sum;\n    }\n}\n';
    const text = prefix + suffix;
    const tree = parse(text)!;
    const syntax = treeSyntax(parse, text, prefix.length, 4, cursorInListAbove(tree.rootNode, text, prefix.length));
    tree.delete();
    const keep = syntax.errorsWith({ text: '\n        }', replaceBefore: 0, replaceAfter: 0 });
    const cut = syntax.errorsWith({ text: '', replaceBefore: 0, replaceAfter: 0 });
    assert.ok(keep < cut, `keeping the loop's \`}\`: ${keep} errors, cutting it: ${cut}`);
  });
});
