import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SyntaxCursorFacts } from '@src/core/completion/pipeline/syntaxCursorFacts';
import type { CompletionInput } from '@src/core/completion/pipeline/types';

const input = (languageId: string, text = '', offset = 0): CompletionInput => ({ uri: 'u', text, offset, position: { line: 0, character: 0 }, languageId, explicit: false });

async function factsOnceLoaded(syntax: SyntaxCursorFacts, languageId: string, prefix: string, suffix: string) {
  // Loading a grammar compiles WebAssembly: seconds on a busy machine, so a deadline, not a count of polls.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const facts = syntax.factsFor(input(languageId), { prefix, suffix });
    if (facts) return facts;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the grammar never loaded');
}

describe('SyntaxCursorFacts', () => {
  const syntax = new SyntaxCursorFacts(undefined, (err) => assert.fail(String(err)));

  it('reads an empty block body and the middle of an expression from the tree', async () => {
    const block = await factsOnceLoaded(syntax, 'typescript', 'function f(a: number) {\n  ', '\n}\n');
    assert.equal(block.isEmptyBlockBody, true);
    const call = await factsOnceLoaded(syntax, 'typescript', 'const x = f(a, ', ');\n');
    assert.equal(call.isEmptyBlockBody, false);
    assert.equal(call.isInsideExpression, true);
    const python = await factsOnceLoaded(syntax, 'python', 'def f(a):\n    ', '\n');
    assert.equal(python.isEmptyBlockBody, true);
  });

  it('gives the filters the cursor\'s list and an error count of the document with a candidate applied', async () => {
    await factsOnceLoaded(syntax, 'go', '', '');
    const prefix = 'package p\n\nfunc f() Config {\n\treturn Config{\n\t\tName: ';
    const suffix = '\n\t}\n}\n';
    const inLiteral = syntax.syntaxFor(input('go', prefix + suffix, prefix.length), { prefix, suffix })!.postprocess;
    assert.equal(inLiteral.listAbove, true);
    assert.equal(inLiteral.errorsWith({ text: '"a",', replaceBefore: 0, replaceAfter: 0 }), 0);
    assert.ok(inLiteral.errorsWith({ text: '"a",\n\t}\n}', replaceBefore: 0, replaceAfter: 0 }) > 0, 'a doubled `}` is an error');
    const bodyPrefix = 'package p\n\nfunc f() {\n\tx := 1\n\t';
    const inBody = syntax.syntaxFor(input('go', `${bodyPrefix}\n}\n`, bodyPrefix.length), { prefix: bodyPrefix, suffix: '\n}\n' })!.postprocess;
    assert.equal(inBody.listAbove, false);
  });

  it('has nothing to say for languages without a grammar (the engine uses the text rules)', () => {
    assert.equal(syntax.factsFor(input('markdown'), { prefix: '# a', suffix: '' }), undefined);
    assert.equal(syntax.syntaxFor(input('markdown'), { prefix: '# a', suffix: '' }), undefined);
  });
});
