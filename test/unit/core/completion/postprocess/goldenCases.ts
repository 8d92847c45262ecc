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
import { createPostprocessContext } from '../../../../../src/core/completion/postprocess/createPostprocessContext';
import type { CompletionCandidate, PostprocessContext, PostprocessFilter } from '../../../../../src/core/completion/postprocess/types';

export interface GoldenCase {
  file: string;
  description: string;
  context: PostprocessContext;
  item: CompletionCandidate;
  /** null: the filter must discard the suggestion. */
  expected: CompletionCandidate | null;
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
    const context = createPostprocessContext({
      prefix: given.prefix,
      suffix: given.suffix,
      languageId: String(ctx.languageId ?? 'typescript'),
      multiline: ctx.multiline === undefined ? true : Boolean(ctx.multiline),
      ...(typeof ctx.indentUnit === 'string' ? { indentUnit: ctx.indentUnit } : {}),
      ...(typeof ctx.tabSize === 'number' ? { tabSize: ctx.tabSize } : {}),
    });
    const item = { text: given.completion, replaceBefore: given.replaceBefore, replaceAfter: given.replaceAfter };
    let expected: CompletionCandidate | null = null;
    if (exp.discard !== true) {
      assert.equal(typeof exp.text, 'string', `${where}: expected.text or expected.discard = true`);
      const want = parseMarked(exp.text as string, `${where} expected`);
      assert.equal(want.prefix, given.prefix, `${where}: expected document before the cursor differs from context`);
      assert.equal(want.suffix, given.suffix, `${where}: expected document after the cursor differs from context`);
      expected = { text: want.completion, replaceBefore: want.replaceBefore, replaceAfter: want.replaceAfter };
    }
    return { file, description: doc.description as string, context, item, expected };
  });
}

/** The document as the user would see it after accepting, for readable failures. */
export function applied(context: PostprocessContext, item: CompletionCandidate | null): string {
  if (item === null) return '(discarded)';
  return context.prefix.slice(0, context.prefix.length - item.replaceBefore) + '├' + item.text + '┤' + context.suffix.slice(item.replaceAfter);
}

/** One test per golden file of `folder`, run through `filter`. */
export function describeGoldenCases(folder: string, filter: (item: CompletionCandidate, context: PostprocessContext) => CompletionCandidate | null): void {
  const cases = loadGoldenCases(folder);
  describe(`${folder} golden cases`, () => {
    it('has cases', () => assert.ok(cases.length >= 3, `${folder} needs golden cases`));
    for (const c of cases) {
      it(`${c.file}: ${c.description}`, () => {
        const actual = filter(c.item, c.context);
        assert.equal(applied(c.context, actual), applied(c.context, c.expected));
        assert.deepEqual(actual, c.expected);
      });
    }
  });
}

export type { PostprocessFilter };
