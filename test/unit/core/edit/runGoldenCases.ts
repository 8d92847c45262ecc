/**
 * Runs one strategy's golden cases through the public entry point and checks, beyond the expected
 * text: the edits reproduce `newText` on the original, every hunk applied alone fits the original,
 * and a refusal carries the expected code and a message that names the problem.
 */
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { applyModelAnswer, applyTextEdits, detectStrategy, type EditStrategyName } from '@src/core/edit';
import { normalizeAnswer } from '@src/core/edit/answerText';
import { loadGoldenCases } from './goldenCases';

export function runGoldenCases(strategy: EditStrategyName, minimum: number): void {
  const cases = loadGoldenCases(strategy);
  it(`has at least ${minimum} golden cases`, () => assert.ok(cases.length >= minimum, `${cases.length} cases`));
  for (const c of cases) {
    it(`${c.file}: ${c.description}`, () => {
      if (c.detected) assert.equal(detectStrategy(normalizeAnswer(c.answer)), c.detected, 'detected strategy');
      const result = applyModelAnswer(c.original, c.answer, c.target, c.options);
      if (c.expected !== undefined) {
        assert.ok(result.ok, `expected success, got ${result.ok ? '' : `${result.code}: ${result.message}`}`);
        assert.equal(result.strategy, strategy);
        assert.equal(result.newText, c.expected);
        assert.equal(applyTextEdits(c.original, result.edits), c.expected, 'edits reproduce newText');
        assert.equal(applyTextEdits(c.original, result.hunks.map((h) => h.edit)), c.expected, 'hunks reproduce newText');
      } else {
        assert.ok(!result.ok, `expected refusal ${c.refused}, got success:\n${result.ok ? result.newText : ''}`);
        assert.equal(result.code, c.refused, result.message);
        if (c.reason) assert.ok(result.message.includes(c.reason), `message "${result.message}" should mention "${c.reason}"`);
      }
    });
  }
}
