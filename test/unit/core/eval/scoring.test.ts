/** Scores of one prediction, the sign test, and the per-group tables. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'web-tree-sitter';
import type { EvalCase, EvalCaseResult } from '@src/core/eval/evalTypes';
import { editSimilarity, normalizeAnswer, scoreCase } from '@src/core/eval/scoreCase';
import { signTestPValue } from '@src/core/eval/signTest';
import { summarizeEval } from '@src/core/eval/summarizeEval';
import { TreeSitterRuntime } from '@src/core/index/parse/treeSitterRuntime';

const ORIGINAL = 'function area(r: number): number {\n  const squared = r * r;\n  return Math.PI * squared;\n}\n';
const cut = (expected: string): EvalCase => {
  const offset = ORIGINAL.indexOf(expected);
  return { id: 'x', task: 'line', file: '/w/a.ts', rel: 'a.ts', language: 'typescript', offset, hiddenEnd: offset + expected.length, line: 2, character: 9, expected };
};

describe('scoreCase', () => {
  let parser: Parser;
  it('loads the grammar', async () => {
    const rt = await TreeSitterRuntime.shared();
    parser = new Parser();
    parser.setLanguage((await rt.language('typescript')).language);
  });

  it('exact match ignores trailing whitespace only', () => {
    const c = cut('Math.PI * squared;');
    assert.equal(scoreCase(c, 'Math.PI * squared;  ', ORIGINAL, parser).exactMatch, true);
    assert.equal(scoreCase(c, 'Math.PI*squared;', ORIGINAL, parser).exactMatch, false);
    assert.equal(normalizeAnswer('a  \r\nb \n\n'), 'a\nb');
  });

  it('edit similarity is 1 − distance / longer length', () => {
    assert.equal(editSimilarity('abcd', 'abcx'), 0.75);
    assert.equal(editSimilarity('', ''), 1);
    assert.equal(editSimilarity('abc', ''), 0);
  });

  it('identifiers in order; a different name fails, the same names in a different shape keep identifier match', () => {
    const c = cut('Math.PI * squared;');
    const renamed = scoreCase(c, 'Math.PI * sq;', ORIGINAL, parser);
    assert.equal(renamed.identifierMatch, false);
    assert.ok(renamed.identifierF1 > 0.5 && renamed.identifierF1 < 1);
    const reshaped = scoreCase(c, 'Math.PI + squared;', ORIGINAL, parser);
    assert.equal(reshaped.identifierMatch, true);
    assert.equal(reshaped.syntaxMatch, true, 'a binary expression either way: the same shape');
  });

  it('syntax match: the same tree shape in the span, and no new parse error', () => {
    const c = cut('Math.PI * squared;');
    assert.equal(scoreCase(c, 'Math.PI * squared;', ORIGINAL, parser).syntaxMatch, true);
    assert.equal(scoreCase(c, 'squared;', ORIGINAL, parser).syntaxMatch, false, 'an identifier is not a binary expression');
    assert.equal(scoreCase(c, 'Math.PI * (squared;', ORIGINAL, parser).syntaxMatch, false, 'a parse error');
    assert.equal(scoreCase(c, '', ORIGINAL, parser).syntaxMatch, false);
  });

  it('without a grammar, identifiers come from the text and there is no syntax score', () => {
    const s = scoreCase(cut('Math.PI * squared;'), 'Math.PI * squared;', ORIGINAL, undefined);
    assert.deepEqual([s.exactMatch, s.identifierMatch, s.syntaxMatch], [true, true, false]);
  });
});

describe('signTestPValue', () => {
  it('is the exact two-sided binomial tail', () => {
    assert.equal(signTestPValue(0, 0), 1);
    assert.equal(signTestPValue(5, 5), 1);
    assert.equal(signTestPValue(10, 0), 2 / 1024);
    assert.ok(Math.abs(signTestPValue(7, 3) - 0.34375) < 1e-12);
    assert.ok(signTestPValue(600, 400) < 1e-9, 'large counts do not underflow to NaN');
  });
});

describe('summarizeEval', () => {
  const row = (task: 'line' | 'api', language: string, exact: boolean, totalMs: number): EvalCaseResult => ({
    caseId: `${task}${language}${totalMs}`, task, language, rel: 'a', line: 0, character: 0, expected: 'x', predicted: exact ? 'x' : '',
    exactMatch: exact, editSimilarity: exact ? 1 : 0, identifierMatch: exact, identifierF1: exact ? 1 : 0, syntaxMatch: exact, totalMs, firstTokenMs: totalMs / 2, promptTokens: 100, completionTokens: 5,
  });
  it('groups per task × language, per task and overall, with nearest-rank latency percentiles', () => {
    const s = summarizeEval([row('line', 'go', true, 100), row('line', 'go', false, 300), row('line', 'python', true, 200), row('api', 'go', true, 400)]);
    assert.deepEqual(s.groups.map((g) => `${g.task}/${g.language}/${g.n}`), ['line/go/2', 'line/python/1', 'line/all/3', 'api/go/1', 'api/all/1', 'all/all/4']);
    assert.equal(s.overall.exactMatch, 0.75);
    assert.deepEqual(s.overall.totalMs, { p50: 200, p95: 400 });
    assert.deepEqual(s.groups[0]!.firstTokenMs, { p50: 50, p95: 150 });
  });
});
