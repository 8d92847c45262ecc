import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { languageSyntax } from '@src/core/completion/text/languageSyntax';
import { scanBrackets } from '@src/core/completion/text/scanBrackets';

const ts = languageSyntax('typescript');
const py = languageSyntax('python');
const rust = languageSyntax('rust');
const chars = (marks: { char: string }[]) => marks.map((m) => m.char).join('');

describe('scanBrackets', () => {
  it('balances brackets and reports what closes something opened before the text', () => {
    const scan = scanBrackets('a, b) + [c]) {', ts);
    assert.equal(chars(scan.unmatchedClosers), '))');
    assert.equal(chars(scan.open), '{');
  });

  it('ignores brackets in strings, template literals and comments', () => {
    assert.equal(chars(scanBrackets('")" + \'(\' + `]` // )\n', ts).unmatchedClosers), '');
    assert.equal(chars(scanBrackets('x /* ) */ )', ts).unmatchedClosers), ')');
    assert.equal(chars(scanBrackets('x  # )\n)', py).unmatchedClosers), ')');
  });

  it('continues a string the text starts inside, reporting its closing quote', () => {
    const inString = scanBrackets('print("hello', py).state;
    assert.equal(inString.inString, '"');
    const scan = scanBrackets(' world")', py, inString);
    assert.deepEqual(scan.unmatchedClosers, [{ char: '"', index: 6 }, { char: ')', index: 7 }]);
  });

  it('ends an ordinary string at the end of its line, but not a template literal', () => {
    assert.equal(scanBrackets('"open\n)', ts).unmatchedClosers.length, 1);
    assert.equal(scanBrackets('`open\n)', ts).unmatchedClosers.length, 0);
  });

  it('tells Rust lifetimes from char literals', () => {
    assert.equal(chars(scanBrackets("fn f<'a>(x: &'a str) -> char { '}' }", rust).open), '');
    assert.equal(chars(scanBrackets("let c = '{'; x)", rust).unmatchedClosers), ')');
  });

  it('reports a text that ends inside a line comment', () => {
    assert.equal(scanBrackets('x = 1 // todo', ts).endsInLineComment, true);
    assert.equal(scanBrackets('x = "//"', ts).endsInLineComment, false);
  });
});
