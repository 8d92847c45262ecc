import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { SymbolHit } from '@src/core/index/codeIndex';
import { TreeSitterRuntime } from '@src/core/index/parse/treeSitterRuntime';
import { definitionsUsed, gatherRewriteContext, identifiersIn, type DefinitionSource } from '@src/core/rewrite';

const SERVICE = [
  'import { formatPrice } from "./format";',
  '',
  'export class Cart {',
  '  private items: Item[] = [];',
  '',
  '  total(): string {',
  '    const sum = this.items.reduce((s, i) => s + i.price, 0);',
  '    return formatPrice(sum);',
  '  }',
  '}',
  '',
].join('\n');

describe('gatherRewriteContext', () => {
  it('finds the enclosing method with tree-sitter over the current text, and the file conventions', async () => {
    const range = { start: { line: 6, character: 4 }, end: { line: 7, character: 28 } };
    const ctx = await gatherRewriteContext({ instruction: 'x', fileName: 'cart.ts', text: SERVICE, range }, { filePath: '/ws/cart.ts', languageId: 'typescript', parser: TreeSitterRuntime.shared() });
    assert.deepEqual(ctx.scope, { name: 'Cart.total', kind: 'method', startLine: 5, endLine: 8 });
    assert.equal(ctx.conventions.indentUnit, '  ');
    // Selecting the whole method: its surroundings are the class.
    const whole = await gatherRewriteContext({ instruction: 'x', fileName: 'cart.ts', text: SERVICE, range: { start: { line: 5, character: 0 }, end: { line: 8, character: 3 } } }, { filePath: '/ws/cart.ts', parser: TreeSitterRuntime.shared() });
    assert.equal(whole.scope?.name, 'Cart');
  });

  it('has no scope for a language tree-sitter does not parse here', async () => {
    const ctx = await gatherRewriteContext({ instruction: 'x', fileName: 'a.txt', text: 'hello\n', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } }, { filePath: '/ws/a.txt', parser: TreeSitterRuntime.shared() });
    assert.equal(ctx.scope, undefined);
  });
});

describe('definitionsUsed', () => {
  const hit = (name: string, path: string, startLine: number, endLine: number): SymbolHit => ({ name, kind: 'function', path, rel: path.slice(4), language: 'typescript', startLine, endLine, nameLine: startLine, signature: name });
  const files: Record<string, string[]> = {
    '/ws/format.ts': ['export function formatPrice(n: number): string {', '  return n.toFixed(2);', '}'],
    '/ws/other.ts': ['export function formatPrice(n: number) {}'],
    '/ws/cart.ts': SERVICE.split('\n'),
  };
  const index: DefinitionSource = {
    symbols: (name) => (name === 'formatPrice' ? [hit('formatPrice', '/ws/other.ts', 0, 0), hit('formatPrice', '/ws/format.ts', 0, 2)] : name === 'total' ? [hit('total', '/ws/cart.ts', 5, 8)] : []),
    importsOf: (file) => (file === '/ws/cart.ts' ? ['/ws/format.ts'] : []),
    linesOf: (file) => files[file],
  };

  it('looks up the identifiers of the selection, prefers the imported definition, and skips what the model already sees', () => {
    const defs = definitionsUsed(index, '/ws/cart.ts', 'const sum = this.total();\nreturn formatPrice(sum);', { startLine: 5, endLine: 8 });
    assert.deepEqual(defs, [{ name: 'formatPrice', kind: 'function', rel: 'format.ts', startLine: 0, text: 'export function formatPrice(n: number): string {\n  return n.toFixed(2);\n}' }]);
  });

  it('identifiers: in order, without keywords and very short names', () => {
    assert.deepEqual(identifiersIn('const sum = items.reduce((s, i) => s + i.price, 0); return sum;'), ['sum', 'items', 'reduce', 'price']);
  });
});
