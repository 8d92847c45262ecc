/**
 * Property test of next-edit's promise: whatever a model answers — valid, cut off, with broken or
 * leaked markers, a region that drifted by a line, CRLF, tabs turned into spaces, non-ASCII text — the
 * result is no suggestion, or edits that change the document only inside the region, to exactly the
 * lines the answer gave (and, for an unharmed answer, exactly the intended text). Never a sentinel in
 * the document, never a byte changed outside the region, never a broken line ending.
 *
 * 200 runs per format by default; BANYAN_FUZZ_RUNS=5000 for a long run by hand.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits } from '@src/core/edit';
import { answerToEdits } from '@src/core/nextEdit/answerToEdits';
import { NEXT_EDIT_FORMATS } from '@src/core/nextEdit/formats/formats';
import type { NextEditFormat, NextEditPromptInput } from '@src/core/nextEdit/formats/nextEditFormat';
import { leakedSentinel } from '@src/core/nextEdit/formats/sentinels';
import { blockStarts } from '@src/core/nextEdit/formats/zeta2Format';

const RUNS = Number(process.env.BANYAN_FUZZ_RUNS ?? 200);
const WORDS = ['alpha', 'beta', 'total', 'naïve', '数据', 'emoji😀', 'e\u0301te', 'tab\there'];
const SENTINELS = ['<|editable_region_start|>', '<|editable_region_end|>', '<|user_cursor_is_here|>', '<|file_sep|>', '<|endoftext|>', '<|marker_2|>', 'NO_EDITS', '<|im_end|>'];

interface Scenario {
  readonly document: string;
  readonly eol: '\n' | '\r\n';
  readonly lines: string[];
  readonly region: { startLine: number; endLine: number };
  readonly intended: string[];
}

const line = fc.record({ indent: fc.constantFrom('', '  ', '\t', '    '), word: fc.constantFrom(...WORDS), n: fc.integer({ min: 0, max: 999 }) });
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    body: fc.array(line, { minLength: 3, maxLength: 30 }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    start: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
    ops: fc.array(fc.record({ kind: fc.constantFrom('keep', 'keep', 'keep', 'replace', 'delete', 'insert'), l: line }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ body, crlf, finalNewline, start, length, ops }) => {
    // Every line unique, so no answer can be mistaken for a copy of its surroundings.
    const lines = body.map((l, i) => `${l.indent}${l.word}_${i} = ${l.n};`);
    const s = start % lines.length;
    const e = Math.min(lines.length - 1, s + length - 1);
    const intended: string[] = [];
    lines.slice(s, e + 1).forEach((l, i) => {
      const op = ops[i]!;
      if (op.kind === 'keep') intended.push(l);
      else if (op.kind === 'replace') intended.push(`${op.l.indent}${op.l.word}_new${i} = ${op.l.n};`);
      else if (op.kind === 'insert') intended.push(l, `${op.l.indent}${op.l.word}_ins${i};`);
    });
    const eol = crlf ? '\r\n' : '\n';
    return { lines, eol, region: { startLine: s, endLine: e }, intended, document: lines.join(eol) + (finalNewline ? eol : '') } as Scenario;
  });

function input(sc: Scenario): NextEditPromptInput {
  return { path: 'src/f.ts', lines: sc.document.split('\n'), region: sc.region, context: { startLine: 0, endLine: sc.lines.length - 1 }, cursor: { line: sc.region.startLine, character: 0 }, events: [] };
}

/** The answer a well-behaved model of each format gives for the intended region. */
function validAnswer(format: NextEditFormat, sc: Scenario): string {
  const body = sc.intended.join('\n');
  switch (format.id) {
    case 'zeta': return `\`\`\`src/f.ts\n<|editable_region_start|>\n${body}\n`;
    case 'zeta2': return `<|marker_1|>\n${body}\n<|marker_${blockStarts(sc.lines.slice(sc.region.startLine, sc.region.endLine + 1)).length + 1}|>`;
    case 'sweep': return `${body}\n`;
    case 'chat': return `\`\`\`ts\n${body}\n\`\`\``;
  }
}

type Mutation = { name: string; clean: boolean; apply: (a: string, sc: Scenario, r: () => number) => { answer: string; truncated: boolean } };
const MUTATIONS: Mutation[] = [
  { name: 'none', clean: true, apply: (a) => ({ answer: a, truncated: false }) },
  { name: 'crlf answer', clean: true, apply: (a) => ({ answer: a.replace(/\n/g, '\r\n'), truncated: false }) },
  { name: 'cut off (finish: length)', clean: false, apply: (a, _s, r) => ({ answer: a.slice(0, Math.floor(r() * a.length)), truncated: true }) },
  { name: 'cut off (finish: stop)', clean: false, apply: (a, _s, r) => ({ answer: a.slice(0, Math.floor(r() * a.length)), truncated: false }) },
  { name: 'leaked sentinel', clean: false, apply: (a, _s, r) => { const at = Math.floor(r() * a.length); return { answer: a.slice(0, at) + SENTINELS[Math.floor(r() * SENTINELS.length)] + a.slice(at), truncated: false }; } },
  { name: 'start marker dropped', clean: false, apply: (a) => ({ answer: a.replace('<|editable_region_start|>', '').replace('<|marker_1|>', ''), truncated: false }) },
  { name: 'marker doubled', clean: false, apply: (a) => ({ answer: a.replace('<|editable_region_start|>', '<|editable_region_start|>\n<|editable_region_start|>').replace('<|marker_1|>', '<|marker_1|><|marker_1|>'), truncated: false }) },
  { name: 'region drifted (a context line added above)', clean: false, apply: (a, sc) => {
    const above = sc.lines[sc.region.startLine - 1] ?? 'extra';
    const first = sc.intended[0] ?? '';
    return { answer: a.replace(first, `${above}\n${first}`), truncated: false };
  } },
  { name: 'tabs turned into spaces', clean: false, apply: (a) => ({ answer: a.replace(/\t/g, '    '), truncated: false }) },
  { name: 'non-ASCII garbage', clean: false, apply: (a, _s, r) => { const at = Math.floor(r() * a.length); return { answer: a.slice(0, at) + 'ü🙂\u0301' + a.slice(at), truncated: false }; } },
];

describe('next-edit never corrupts a document', () => {
  for (const format of Object.values(NEXT_EDIT_FORMATS)) {
    it(`${format.id}: no suggestion, or exactly the answer's lines inside the region`, () => {
      let applied = 0;
      fc.assert(
        fc.property(scenario, fc.constantFrom(...MUTATIONS), fc.integer({ min: 1, max: 2 ** 30 }), (sc, m, seed) => {
          let x = seed;
          const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
          const { answer, truncated } = m.apply(validAnswer(format, sc), sc, rand);
          const inp = input(sc);
          const parsed = format.parse(answer, inp, truncated);
          if (parsed.kind !== 'rewrite') {
            assert.ok(!m.clean, `a clean answer must parse (${m.name}): ${parsed.kind === 'invalid' ? parsed.reason : parsed.kind}`);
            return;
          }
          const out = answerToEdits(sc.document, { ...sc.region, lines: parsed.lines }, { fit: format.id === 'chat' });
          if (!out.ok) {
            assert.ok(!m.clean, `a clean answer must apply (${m.name}): ${out.reason}`);
            return;
          }
          const result = applyTextEdits(sc.document, out.edits);
          assert.equal(result, out.newText, 'the edits give the new text');
          assert.equal(leakedSentinel(result), leakedSentinel(sc.document), 'no sentinel reaches the document');
          // Outside the region: byte for byte.
          const before = sc.lines.slice(0, sc.region.startLine).map((l) => l + sc.eol).join('');
          const afterLines = sc.lines.slice(sc.region.endLine + 1);
          const finalEol = sc.document.endsWith(sc.eol) ? sc.eol : '';
          const tail = afterLines.length ? sc.eol + afterLines.join(sc.eol) + finalEol : finalEol;
          assert.ok(result.startsWith(before), `${m.name}: text above the region changed`);
          assert.ok(result.endsWith(tail), `${m.name}: text below the region changed`);
          const region = result.slice(before.length, result.length - tail.length);
          assert.ok(!/\r(?!\n)/.test(region) && (sc.eol === '\n' ? !region.includes('\r') : !/(?<!\r)\n/.test(region)), 'line endings of the document');
          if (format.id !== 'chat') assert.equal(region.split(sc.eol).join('\n').replace(/\r/g, ''), parsed.lines.join('\n').replace(/\r/g, ''), 'exactly the answer\'s lines');
          // Chat answers are fitted to the file's indentation style by the edit engine: compare without it.
          const indentFree = (t: string) => (format.id === 'chat' ? t.split('\n').map((l) => l.trimStart()).join('\n') : t);
          if (m.clean) assert.equal(indentFree(region.split(sc.eol).join('\n')), indentFree(sc.intended.join('\n')), 'an unharmed answer gives exactly the intended region');
          applied++;
        }),
        { numRuns: RUNS },
      );
      assert.ok(applied > RUNS / 10, `enough answers got through to the document (${applied})`);
    });
  }
});
