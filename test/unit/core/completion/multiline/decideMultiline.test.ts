import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { cursorFactsFromText } from '@src/core/completion/multiline/cursorFactsFromText';
import { cursorFactsFromTree } from '@src/core/completion/multiline/cursorFactsFromTree';
import { decideMultiline } from '@src/core/completion/multiline/decideMultiline';
import { parserFor } from './loadGrammar';

/**
 * Golden cases: a document with `║` at the cursor and whether a multi-line suggestion fits there.
 * Every case runs through the tree-sitter adapter (real grammars) and the text fallback.
 */
interface Case {
  file: string;
  description: string;
  languageId: string;
  multiline: boolean;
  text: string;
  cursor: number;
}

const dir = path.join(__dirname, 'golden');
const cases: Case[] = readdirSync(dir)
  .filter((f) => f.endsWith('.toml'))
  .sort()
  .map((file) => {
    const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    const marked = String(doc.text);
    const cursor = marked.indexOf('║');
    assert.ok(cursor >= 0, `${file}: mark the cursor with ║`);
    return {
      file,
      description: String(doc.description),
      languageId: String(doc.languageId),
      multiline: Boolean(doc.multiline),
      text: marked.replace('║', ''),
      cursor,
    };
  });

describe('decideMultiline from tree-sitter facts', () => {
  it('has cases for both answers', () => {
    assert.ok(cases.some((c) => c.multiline) && cases.some((c) => !c.multiline));
  });
  for (const c of cases) {
    it(`${c.file}: ${c.description}`, async () => {
      const tree = (await parserFor(c.languageId)).parse(c.text)!;
      const facts = cursorFactsFromTree(tree.rootNode, c.text, c.cursor, c.languageId);
      const decision = decideMultiline(facts);
      assert.equal(decision.multiline, c.multiline, `${decision.reason}; facts ${JSON.stringify(facts)}`);
      tree.delete();
    });
  }
});

describe('decideMultiline from the text fallback', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.description}`, () => {
      const facts = cursorFactsFromText(c.text.slice(0, c.cursor), c.text.slice(c.cursor), c.languageId);
      const decision = decideMultiline(facts);
      assert.equal(decision.multiline, c.multiline, `${decision.reason}; facts ${JSON.stringify(facts)}`);
    });
  }
});

describe('decideMultiline rules', () => {
  const base = { isInStringOrComment: false, isEmptyBlockBody: false, isInsideExpression: false, lineSuffixIsEmpty: true, lineSuffixIsOnlyClosers: true };
  it('an empty block wins over an enclosing expression (a callback body)', () => {
    assert.equal(decideMultiline({ ...base, isEmptyBlockBody: true, isInsideExpression: true }).multiline, true);
  });
  it('code right of the cursor or a string/comment keep it to one line even in an empty block', () => {
    assert.equal(decideMultiline({ ...base, isEmptyBlockBody: true, lineSuffixIsEmpty: false, lineSuffixIsOnlyClosers: false }).multiline, false);
    assert.equal(decideMultiline({ ...base, isEmptyBlockBody: true, isInStringOrComment: true }).multiline, false);
  });
  it('the endOfLine rule asks for a block wherever only closers follow, never in a string, a comment or before code', () => {
    assert.equal(decideMultiline({ ...base, isInsideExpression: true }).multiline, false);
    assert.equal(decideMultiline({ ...base, isInsideExpression: true }, 'endOfLine').multiline, true);
    assert.equal(decideMultiline({ ...base, lineSuffixIsEmpty: false }, 'endOfLine').multiline, true);
    assert.equal(decideMultiline(base, 'endOfLine').multiline, true);
    assert.equal(decideMultiline({ ...base, isInStringOrComment: true }, 'endOfLine').multiline, false);
    assert.equal(decideMultiline({ ...base, lineSuffixIsEmpty: false, lineSuffixIsOnlyClosers: false }, 'endOfLine').multiline, false);
  });
});

describe('cursorFactsFromTree details', () => {
  async function factsAt(languageId: string, marked: string) {
    const cursor = marked.indexOf('║');
    const text = marked.replace('║', '');
    const tree = (await parserFor(languageId)).parse(text)!;
    try {
      return cursorFactsFromTree(tree.rootNode, text, cursor, languageId);
    } finally {
      tree.delete();
    }
  }

  it('a line comment holds the cursor at its very end; a block comment does not', async () => {
    assert.equal((await factsAt('typescript', 'const a = 1; // total ║\n')).isInStringOrComment, true);
    assert.equal((await factsAt('typescript', 'const a = 1; /* total */║\n')).isInStringOrComment, false);
    assert.equal((await factsAt('python', 'x = 1  # total║\n')).isInStringOrComment, true);
  });

  it('code embedded in a string is code: `${…}` and f-string fields', async () => {
    const template = await factsAt('typescript', 'const s = `id: ${user.║}`;\n');
    assert.equal(template.isInStringOrComment, false);
    assert.equal((await factsAt('typescript', 'const s = `id: ║`;\n')).isInStringOrComment, true);
    assert.equal((await factsAt('python', 'msg = f"hello {name.║}"\n')).isInStringOrComment, false);
  });

  it('positions count UTF-16 code units like JavaScript strings (non-ASCII before the cursor)', async () => {
    const facts = await factsAt('typescript', '// héllo 😀\nfoo(a, ║);\n');
    assert.equal(facts.isInsideExpression, true);
    assert.equal(facts.isInStringOrComment, false);
  });
});
