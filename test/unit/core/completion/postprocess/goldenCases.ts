/**
 * Golden cases for the post-processing filters, one folder per filter, one small TOML file per case
 * (see golden/README.md for the format). Each case is a whole document with the model's raw
 * suggestion marked in place, and the expected suggestion marked the same way.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { createPostprocessContext, type PostprocessContextInput } from '@src/core/completion/postprocess/createPostprocessContext';
import { cursorInListAbove, treeSyntax } from '@src/core/completion/postprocess/treeSyntax';
import type { CompletionCandidate, PostprocessContext, PostprocessFilter, PostprocessSyntax } from '@src/core/completion/postprocess/types';
import { hasGrammar, parserFor } from '../multiline/loadGrammar';

export interface GoldenCase {
  file: string;
  description: string;
  /** The context without a syntax tree (text rules only). */
  context: PostprocessContext;
  /** What the context was made from, to make it again with a syntax tree. */
  input: PostprocessContextInput;
  item: CompletionCandidate;
  /** null: the filter must discard the suggestion. */
  expected: CompletionCandidate | null;
  /** Where the text rules alone cannot get `expected` (`[expected_without_tree]`). */
  expectedWithoutTree?: CompletionCandidate | null;
}

const GOLDEN_ROOT = path.join(__dirname, 'golden');

interface Marked {
  prefix: string;
  suffix: string;
  completion: string;
  replaceBefore: number;
  replaceAfter: number;
}

/** Splits a marked document: `╠` (optional) `├` completion `┤` replaced suffix `╣` (optional). */
export function parseMarked(text: string, where: string): Marked {
  const count = (ch: string) => text.split(ch).length - 1;
  assert.equal(count('├'), 1, `${where}: exactly one ├`);
  assert.equal(count('┤'), 1, `${where}: exactly one ┤`);
  const open = text.indexOf('├');
  const close = text.indexOf('┤');
  assert.ok(open < close, `${where}: ├ before ┤`);
  const replaceStart = text.indexOf('╠');
  const replaceEnd = text.indexOf('╣');
  const before = replaceStart >= 0 ? text.slice(0, replaceStart) + text.slice(replaceStart + 1, open) : text.slice(0, open);
  const replacedAfter = replaceEnd >= 0 ? text.slice(close + 1, replaceEnd) : '';
  const after = replaceEnd >= 0 ? replacedAfter + text.slice(replaceEnd + 1) : text.slice(close + 1);
  return {
    prefix: before,
    suffix: after,
    completion: text.slice(open + 1, close),
    replaceBefore: replaceStart >= 0 ? open - replaceStart - 1 : 0,
    replaceAfter: replacedAfter.length,
  };
}

type Table = Record<string, unknown>;

export function loadGoldenCases(folder: string): GoldenCase[] {
  const dir = path.join(GOLDEN_ROOT, folder);
  const files = readdirSync(dir).filter((f) => f.endsWith('.toml')).sort();
  return files.map((file) => {
    const where = `${folder}/${file}`;
    const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as Table;
    const ctx = doc.context as Table;
    const exp = doc.expected as Table;
    assert.equal(typeof doc.description, 'string', `${where}: description`);
    assert.equal(typeof ctx.text, 'string', `${where}: context.text`);
    const given = parseMarked(ctx.text as string, `${where} context`);
    const input: PostprocessContextInput = {
      prefix: given.prefix,
      suffix: given.suffix,
      languageId: String(ctx.languageId ?? 'typescript'),
      multiline: ctx.multiline === undefined ? true : Boolean(ctx.multiline),
      ...(typeof ctx.indentUnit === 'string' ? { indentUnit: ctx.indentUnit } : {}),
      ...(typeof ctx.tabSize === 'number' ? { tabSize: ctx.tabSize } : {}),
    };
    const context = createPostprocessContext(input);
    const item = { text: given.completion, replaceBefore: given.replaceBefore, replaceAfter: given.replaceAfter };
    const expectedOf = (table: Table, name: string): CompletionCandidate | null => {
      if (table.discard === true) return null;
      assert.equal(typeof table.text, 'string', `${where}: ${name}.text or ${name}.discard = true`);
      const want = parseMarked(table.text as string, `${where} ${name}`);
      assert.equal(want.prefix, given.prefix, `${where}: ${name}: document before the cursor differs from context`);
      assert.equal(want.suffix, given.suffix, `${where}: ${name}: document after the cursor differs from context`);
      return { text: want.completion, replaceBefore: want.replaceBefore, replaceAfter: want.replaceAfter };
    };
    const expected = expectedOf(exp, 'expected');
    const withoutTree = doc.expected_without_tree as Table | undefined;
    return {
      file, description: doc.description as string, context, input, item, expected,
      ...(withoutTree ? { expectedWithoutTree: expectedOf(withoutTree, 'expected_without_tree') } : {}),
    };
  });
}

/** The document as the user would see it after accepting, for readable failures. */
export function applied(context: PostprocessContext, item: CompletionCandidate | null): string {
  if (item === null) return '(discarded)';
  return context.prefix.slice(0, context.prefix.length - item.replaceBefore) + '├' + item.text + '┤' + context.suffix.slice(item.replaceAfter);
}

/** The filters' syntax checks over a real grammar, as the engine builds them from its parse. */
async function syntaxOf(context: PostprocessContext): Promise<PostprocessSyntax> {
  const parser = await parserFor(context.languageId);
  const parse = (text: string) => parser.parse(text) ?? undefined;
  const text = context.prefix + context.suffix;
  const tree = parse(text)!;
  const listAbove = cursorInListAbove(tree.rootNode, text, context.prefix.length);
  tree.delete();
  return treeSyntax(parse, text, context.prefix.length, context.tabSize, listAbove);
}

/**
 * One test per golden file of `folder`, run through `filter` twice: with text rules only, and with
 * a syntax tree where the tests have the language's grammar. Both must give `expected`, unless the
 * case says what the text rules alone give (`[expected_without_tree]`).
 */
export function describeGoldenCases(folder: string, filter: (item: CompletionCandidate, context: PostprocessContext) => CompletionCandidate | null): void {
  const cases = loadGoldenCases(folder);
  const check = (c: GoldenCase, context: PostprocessContext, expected: CompletionCandidate | null) => {
    const actual = filter(c.item, context);
    assert.equal(applied(context, actual), applied(context, expected));
    assert.deepEqual(actual, expected);
  };
  describe(`${folder} golden cases`, () => {
    it('has cases', () => assert.ok(cases.length >= 3, `${folder} needs golden cases`));
    for (const c of cases) {
      it(`${c.file}: ${c.description}`, () => check(c, c.context, c.expectedWithoutTree === undefined ? c.expected : c.expectedWithoutTree));
    }
  });
  describe(`${folder} golden cases with a syntax tree`, () => {
    for (const c of cases.filter((k) => hasGrammar(k.context.languageId))) {
      it(`${c.file}`, async () => check(c, createPostprocessContext({ ...c.input, syntax: await syntaxOf(c.context) }), c.expected));
    }
  });
}

export type { PostprocessFilter };
