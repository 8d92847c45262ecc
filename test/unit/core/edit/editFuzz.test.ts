/**
 * Property test of the engine's central promise: for a random file and a random intended edit, a
 * valid answer in each format gives exactly the intended text, and a malformed one (cut off,
 * reordered, duplicated, with corrupted quoted lines or garbage) gives either a refusal or exactly
 * the intended text — never any other file. The valid answer is derived from the intended edit
 * (jsdiff's structuredPatch for diffs and blocks), then mutated.
 *
 * Runs per format: 150 by default; BANYAN_FUZZ_RUNS=5000 for a long run by hand, and
 * BANYAN_FUZZ_STATS=1 prints how often each mutation was applied or refused (and why).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { structuredPatch } from 'diff';
import fc from 'fast-check';
import { applyModelAnswer, applyTextEdits, type EditStrategyName } from '@src/core/edit';

const RUNS = Number(process.env.BANYAN_FUZZ_RUNS ?? 150);

// ---- files and intended edits ----------------------------------------------------------------

const WORDS = ['alpha', 'beta', 'total', 'count', 'naïve', '数据', 'emoji😀', 'e\u0301te'];

interface Scenario {
  readonly original: string;
  readonly intended: string;
  readonly originalLines: readonly string[];
  readonly intendedLines: readonly string[];
  readonly eol: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

interface CodeLine { readonly indent: number; readonly word: string; readonly n: number }
const codeLine: fc.Arbitrary<CodeLine> = fc.record({ indent: fc.integer({ min: 0, max: 3 }), word: fc.constantFrom(...WORDS), n: fc.integer({ min: 0, max: 99 }) });
const fileLine = fc.oneof(
  { weight: 8, arbitrary: codeLine.map((l) => ({ ...l, kind: 'code' as const })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'brace' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
);
const lineOp = fc.record({
  kind: fc.constantFrom('keep', 'keep', 'keep', 'keep', 'keep', 'keep', 'delete', 'replace'),
  insertAfter: fc.oneof({ weight: 5, arbitrary: fc.constant<CodeLine[]>([]) }, { weight: 1, arbitrary: fc.array(codeLine, { minLength: 1, maxLength: 3 }) }),
  replacement: fc.array(codeLine, { minLength: 1, maxLength: 2 }),
});

const scenario: fc.Arbitrary<Scenario> = fc
  .integer({ min: 4, max: 30 })
  .chain((n) => fc.record({
    lines: fc.array(fileLine, { minLength: n, maxLength: n }),
    ops: fc.array(lineOp, { minLength: n, maxLength: n }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  }))
  .map(({ lines, ops, crlf, finalNewline }) => {
    const render = (l: { indent: number; word: string; n: number }, id: string) => `${'  '.repeat(l.indent)}${l.word}_${id} = ${l.n};`;
    // Every code line is unique. The first and last lines are unindented code and stay, so no
    // format has to guess about blank lines at the file's edges, and the intended file is never a
    // single block (which a whole-file answer would rightly take for a snippet of the file).
    const originalLines = lines.map((l, i) => (i === 0 || i === lines.length - 1
      ? render({ indent: 0, word: 'edge', n: i }, `${i}`)
      : l.kind === 'code' ? render(l, `${i}`) : l.kind === 'brace' ? '}' : ''));
    const intendedLines: string[] = [];
    let fresh = 0;
    ops.forEach((op, i) => {
      const edge = i === 0 || i === ops.length - 1;
      const kind = edge ? 'keep' : op.kind;
      if (kind === 'keep') intendedLines.push(originalLines[i]!);
      else if (kind === 'replace') intendedLines.push(...op.replacement.map((l) => render(l, `new${fresh++}`)));
      if (i < ops.length - 1) intendedLines.push(...op.insertAfter.map((l) => render(l, `new${fresh++}`)));
    });
    const eol = crlf ? '\r\n' : '\n';
    const text = (ls: readonly string[]) => ls.join(eol) + (finalNewline ? eol : '');
    return { original: text(originalLines), intended: text(intendedLines), originalLines, intendedLines, eol, finalNewline } as Scenario;
  })
  .filter((s) => s.original !== s.intended);

// ---- valid answers, as units that mutations can reorder and corrupt ---------------------------

interface AnswerLine {
  readonly text: string;
  /** A line that quotes the original (diff context/removed, SEARCH): corrupting it must be caught. */
  readonly quotesOriginal: boolean;
}

interface AnswerModel {
  readonly strategy: EditStrategyName;
  readonly fenceInfo: string;
  readonly preamble: string;
  readonly postamble: string;
  readonly units: readonly (readonly AnswerLine[])[];
}

function lf(lines: readonly string[], finalNewline: boolean): string {
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

function validAnswer(s: Scenario, strategy: EditStrategyName, bareHeaders: boolean): AnswerModel {
  const plain = (text: string): AnswerLine => ({ text, quotesOriginal: false });
  if (strategy === 'whole-replacement') {
    return { strategy, fenceInfo: 'ts', preamble: 'Here is the updated file:', postamble: 'I renamed a few values.', units: [s.intendedLines.map(plain)] };
  }
  const patch = structuredPatch('a', 'b', lf(s.originalLines, s.finalNewline), lf(s.intendedLines, s.finalNewline), '', '', { context: strategy === 'unified-diff' ? 3 : 1 });
  const units = patch.hunks.map((h) => {
    const body = h.lines.filter((l) => !l.startsWith('\\'));
    if (strategy === 'unified-diff') {
      const header = bareHeaders ? '@@ ... @@' : `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
      return [plain(header), ...body.map((l) => ({ text: l, quotesOriginal: !l.startsWith('+') }))];
    }
    const search = body.filter((l) => !l.startsWith('+')).map((l) => ({ text: l.slice(1), quotesOriginal: true }));
    const replace = body.filter((l) => !l.startsWith('-')).map((l) => plain(l.slice(1)));
    return [plain('<<<<<<< SEARCH'), ...search, plain('======='), ...replace, plain('>>>>>>> REPLACE')];
  });
  return { strategy, fenceInfo: strategy === 'unified-diff' ? 'diff' : 'ts', preamble: 'Apply this change:', postamble: 'That is all.', units };
}

function render(m: AnswerModel): { text: string; fenceStart: number; fenceEnd: number } {
  const head = `${m.preamble}\n\n`;
  const body = `\`\`\`${m.fenceInfo}\n${m.units.flat().map((l) => `${l.text}\n`).join('')}\`\`\``;
  return { text: `${head}${body}\n\n${m.postamble}\n`, fenceStart: head.length, fenceEnd: head.length + body.length };
}

// ---- mutations ------------------------------------------------------------------------------

type Mutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'shuffle'; seed: number }
  | { kind: 'duplicate'; unit: number }
  | { kind: 'corrupt'; pick: number; at: number }
  | { kind: 'garbage-in-quote'; pick: number; garbage: string }
  | { kind: 'garbage-prose'; before: string; after: string }
  | { kind: 'garbage-answer'; text: string }
  | { kind: 'reindent'; unit: number; indent: string }
  | { kind: 'trailing-space'; unit: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }).map((at) => ({ kind: 'truncate' as const, at })),
  fc.integer().map((seed) => ({ kind: 'shuffle' as const, seed })),
  fc.nat().map((unit) => ({ kind: 'duplicate' as const, unit })),
  fc.record({ pick: fc.nat(), at: fc.nat() }).map((r) => ({ kind: 'corrupt' as const, ...r })),
  fc.record({ pick: fc.nat(), garbage: fc.stringMatching(/^[A-Za-z0-9 ();=]{1,20}$/) }).map((r) => ({ kind: 'garbage-in-quote' as const, pick: r.pick, garbage: `Zq${r.garbage}` })),
  fc.record({ before: fc.string({ maxLength: 40 }), after: fc.string({ maxLength: 40 }) }).map((r) => ({ kind: 'garbage-prose' as const, ...r })),
  fc.string({ maxLength: 200 }).map((text) => ({ kind: 'garbage-answer' as const, text })),
  fc.record({ unit: fc.nat(), indent: fc.constantFrom('  ', '    ', '\t') }).map((r) => ({ kind: 'reindent' as const, ...r })),
  fc.nat().map((unit) => ({ kind: 'trailing-space' as const, unit })),
);

interface Mutated {
  readonly text: string;
  /** What the result must be: 'intended', 'refused', or 'either'. */
  readonly expect: 'intended' | 'refused' | 'either';
}

function quotedPositions(m: AnswerModel): [number, number][] {
  return m.units.flatMap((u, ui) => u.flatMap((l, li) => (l.quotesOriginal ? [[ui, li] as [number, number]] : [])));
}

function mutate(m: AnswerModel, mut: Mutation): Mutated {
  const whole = m.strategy === 'whole-replacement';
  switch (mut.kind) {
    case 'none':
      return { text: render(m).text, expect: 'intended' };
    case 'truncate': {
      // A cut anywhere from inside the opening fence to inside the closing one.
      const r = render(m);
      const at = r.fenceStart + 1 + Math.floor(mut.at * (r.fenceEnd - r.fenceStart - 1));
      return { text: r.text.slice(0, at), expect: 'refused' };
    }
    case 'shuffle': {
      const units = [...m.units];
      let seed = mut.seed;
      for (let i = units.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const j = seed % (i + 1);
        [units[i], units[j]] = [units[j]!, units[i]!];
      }
      return { text: render({ ...m, units }).text, expect: 'intended' };
    }
    case 'duplicate': {
      if (whole) {
        // The same code block twice: not ambiguous, since both are the same code.
        const r = render(m);
        const block = r.text.slice(r.fenceStart, r.fenceEnd);
        return { text: `${r.text}\nAgain:\n\n${block}\n`, expect: 'intended' };
      }
      const i = mut.unit % m.units.length;
      const units = [...m.units.slice(0, i + 1), m.units[i]!, ...m.units.slice(i + 1)];
      return { text: render({ ...m, units }).text, expect: 'refused' };
    }
    case 'corrupt': {
      const quoted = quotedPositions(m);
      if (quoted.length === 0) return { text: render(m).text, expect: 'intended' };
      const [ui, li] = quoted[mut.pick % quoted.length]!;
      const line = m.units[ui]![li]!.text;
      // After a diff line's prefix, so the line stays a quoted line rather than becoming prose.
      const keep = m.strategy === 'unified-diff' ? 1 : 0;
      const at = keep + (mut.at % (line.length + 1 - keep));
      const units = m.units.map((u, k) => (k !== ui ? u : u.map((l, j) => (j !== li ? l : { ...l, text: `${line.slice(0, at)}Zq${line.slice(at)}` }))));
      return { text: render({ ...m, units }).text, expect: 'refused' };
    }
    case 'garbage-in-quote': {
      const quoted = quotedPositions(m);
      if (quoted.length === 0) return { text: render(m).text, expect: 'intended' };
      const [ui, li] = quoted[mut.pick % quoted.length]!;
      const units = m.units.map((u, k) => (k !== ui ? u : [...u.slice(0, li), { text: mut.garbage, quotesOriginal: true }, ...u.slice(li)]));
      return { text: render({ ...m, units }).text, expect: 'either' };
    }
    case 'garbage-prose':
      return { text: render({ ...m, preamble: `${m.preamble}${mut.before}`, postamble: `${mut.after}${m.postamble}` }).text, expect: 'either' };
    case 'reindent':
    case 'trailing-space': {
      // The model shifted one unit's indentation, or padded its quoted lines: the tolerant
      // matching levels must still land exactly on the intended edit.
      if (whole) return { text: render(m).text, expect: 'intended' };
      const i = mut.unit % m.units.length;
      const isMarker = (t: string) => t.startsWith('@@') || /^(<{7}|={7}|>{7})/.test(t);
      const shift = (l: AnswerLine): AnswerLine => {
        if (isMarker(l.text)) return l;
        if (mut.kind === 'trailing-space') return l.quotesOriginal ? { ...l, text: `${l.text}  ` } : l;
        return m.strategy === 'unified-diff' ? { ...l, text: `${l.text[0]}${mut.indent}${l.text.slice(1)}` } : { ...l, text: `${mut.indent}${l.text}` };
      };
      const units = m.units.map((u, k) => (k === i ? u.map(shift) : u));
      return { text: render({ ...m, units }).text, expect: 'intended' };
    }
    case 'garbage-answer':
      // Random text is a valid whole replacement (code without fences); only a forced format can refuse it.
      return whole ? { text: render(m).text, expect: 'intended' } : { text: mut.text, expect: 'either' };
  }
}

// ---- chat snippets ---------------------------------------------------------------------------

/** A file of functions (TypeScript with braces, or Python), one of whose bodies the answer rewrites. */
const snippetScenario = fc
  .record({
    python: fc.boolean(),
    bodies: fc.array(fc.array(codeLine, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 6 }),
    newBody: fc.array(codeLine, { minLength: 1, maxLength: 4 }),
    pick: fc.nat(),
    header: fc.boolean(),
  })
  .map(({ python, bodies, newBody, pick, header }) => {
    const k = pick % bodies.length;
    const fn = (i: number, body: readonly CodeLine[], tag: string) => {
      const lines = body.map((l, j) => `${'  '.repeat(1 + (l.indent % 2))}${l.word}_${tag}${i}_${j} = ${l.n}${python ? '' : ';'}`);
      return python ? [`def fn_${i}(x):`, ...lines] : [`function fn_${i}(x) {`, ...lines, '}'];
    };
    const file = (withNew: boolean) => [
      ...(header ? [python ? 'import os' : "import * as os from 'node:os';", ''] : []),
      ...bodies.flatMap((b, i) => [...(i === k && withNew ? fn(i, newBody, 'n') : fn(i, b, 'o')), '']),
    ].join('\n');
    return { python, original: file(false), intended: file(true), snippet: fn(k, newBody, 'n') };
  });

// ---- selections ------------------------------------------------------------------------------

/**
 * The smallest run of whole lines holding the whole change, widened until its first and last lines
 * are code on both sides (a rewrite keeps the blank lines bordering a selection by design).
 */
function selectionOfChange(s: Scenario) {
  const a = s.originalLines;
  const b = s.intendedLines;
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';
  while (head > 0 && (head === a.length - tail || blank(a[head]) || blank(b[head]))) head--;
  while (tail > 0 && (blank(a[a.length - 1 - tail]) || blank(b[b.length - 1 - tail]))) tail--;
  const endLine = a.length - tail;
  if (endLine <= head || head === 0 && tail === 0) return undefined;
  // The selection ends at the start of the next line; at the file's end, at the end of the last line.
  const end = endLine < a.length ? { line: endLine, character: 0 } : { line: a.length - 1, character: a[a.length - 1]!.length };
  if (endLine === a.length && s.finalNewline) return undefined;
  return { range: { start: { line: head, character: 0 }, end }, oldRegion: a.slice(head, endLine), newRegion: b.slice(head, b.length - tail) };
}

function firstIndentOf(lines: readonly string[]): string {
  return /^ */.exec(lines.find((l) => l.trim() !== '') ?? '')![0];
}

function commonIndentOf(lines: readonly string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0]);
  return indents.reduce((min, i) => (i.length < min.length ? i : min), indents[0] ?? '');
}

// ---- the property ---------------------------------------------------------------------------

function check(strategy: EditStrategyName, s: Scenario, bareHeaders: boolean, mut: Mutation): void {
  const m = validAnswer(s, strategy, bareHeaders);
  const { text, expect } = mutate(m, mut);
  const forced = strategy === 'whole-replacement' ? {} : { strategy };
  const result = applyModelAnswer(s.original, text, { kind: 'file' }, { ...forced, allowLargeDeletion: true });
  const context = () => `mutation ${mut.kind}\n--- answer ---\n${text}\n--- original ---\n${s.original}\n--- result ---\n${result.ok ? result.newText : `${result.code}: ${result.message}`}`;
  if (process.env.BANYAN_FUZZ_STATS) STATS.set(`${strategy} ${mut.kind} ${result.ok ? 'applied' : result.code}`, (STATS.get(`${strategy} ${mut.kind} ${result.ok ? 'applied' : result.code}`) ?? 0) + 1);
  if (result.ok) {
    assert.equal(result.newText, s.intended, `the result is not the intended edit\n${context()}`);
    assert.equal(applyTextEdits(s.original, result.edits), s.intended, `the edits do not give newText\n${context()}`);
    assert.notEqual(expect, 'refused', `a malformed answer was applied\n${context()}`);
  } else {
    assert.ok(!('edits' in result) && !('newText' in result), 'a refusal carries no edits');
    // A valid answer may be refused only because its quoted lines do not pin one place in the file.
    if (expect === 'intended') assert.ok(result.code === 'ambiguous-match' || result.code === 'no-context', `a valid answer was refused\n${context()}`);
  }
}

const STATS = new Map<string, number>();
process.on('exit', () => { if (process.env.BANYAN_FUZZ_STATS) console.log([...STATS].sort().map(([k, v]) => `${k}: ${v}`).join('\n')); });

describe('edit engine property: refused or exactly the intended edit', () => {
  for (const strategy of ['whole-replacement', 'unified-diff', 'search-replace'] as const) {
    it(`${strategy}: ${RUNS} random files, edits and malformed answers`, () => {
      fc.assert(fc.property(scenario, fc.boolean(), mutation, (s, bare, mut) => check(strategy, s, bare, mut)), { numRuns: RUNS, includeErrorInReport: true });
    });
  }

  it(`whole-replacement of a selection: ${RUNS} answers as written, dedented by the model, or cut off`, () => {
    fc.assert(fc.property(scenario, fc.constantFrom('as-written', 'dedented', 'truncated'), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (s, form, cut) => {
      const sel = selectionOfChange(s);
      if (!sel) return;
      const { range, oldRegion, newRegion } = sel;
      const base = commonIndentOf(oldRegion);
      if (commonIndentOf(newRegion) !== base) return; // the model moved the code to another level: not this property
      if (newRegion.every((l) => l.trim() === '')) return; // deleting a selection by an empty answer is refused by design
      // A dedented answer is recognised by its first line at column 0; one whose first line is deeper
      // than the rest is indistinguishable from code as written (the engine then takes it as written).
      if (form === 'dedented' && firstIndentOf(newRegion) !== base) return;
      const code = form === 'dedented' ? newRegion.map((l) => (l === '' ? l : l.slice(base.length))) : newRegion;
      const fenced = `Here is the rewritten selection:\n\n\`\`\`ts\n${code.join('\n')}\n\`\`\`\n`;
      const start = fenced.indexOf('```');
      const answer = form === 'truncated' ? fenced.slice(0, start + 1 + Math.floor(cut * (fenced.lastIndexOf('```') + 2 - start))) : fenced;
      const result = applyModelAnswer(s.original, answer, { kind: 'range', range }, { languageId: 'typescript' });
      if (process.env.BANYAN_FUZZ_STATS) STATS.set(`selection ${form} ${result.ok ? 'applied' : result.code}`, (STATS.get(`selection ${form} ${result.ok ? 'applied' : result.code}`) ?? 0) + 1);
      const context = `form ${form}\n--- answer ---\n${answer}\n--- original ---\n${s.original}\n--- result ---\n${result.ok ? result.newText : `${result.code}: ${result.message}`}`;
      if (form === 'truncated') assert.ok(!result.ok, `a cut-off answer was applied\n${context}`);
      else {
        assert.ok(result.ok, `a valid rewrite was refused\n${context}`);
        assert.equal(result.newText, s.intended, context);
        assert.equal(applyTextEdits(s.original, result.edits), s.intended, context);
      }
    }), { numRuns: RUNS, includeErrorInReport: true });
  });

  it(`chat Apply of one function onto a whole file: ${RUNS} files, as written, re-indented or cut off`, () => {
    fc.assert(fc.property(snippetScenario, fc.constantFrom('as-written', 'shifted', 'truncated'), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (sc, form, cut) => {
      const code = form === 'shifted' ? sc.snippet.map((l) => (l === '' ? l : `    ${l}`)) : sc.snippet;
      const fenced = `Here is the updated function:\n\n\`\`\`${sc.python ? 'python' : 'ts'}\n${code.join('\n')}\n\`\`\`\n`;
      const start = fenced.indexOf('```');
      const answer = form === 'truncated' ? fenced.slice(0, start + 1 + Math.floor(cut * (fenced.lastIndexOf('```') + 2 - start))) : fenced;
      const result = applyModelAnswer(sc.original, answer, { kind: 'file' }, { languageId: sc.python ? 'python' : 'typescript' });
      if (process.env.BANYAN_FUZZ_STATS) STATS.set(`snippet ${form} ${result.ok ? 'applied' : result.code}`, (STATS.get(`snippet ${form} ${result.ok ? 'applied' : result.code}`) ?? 0) + 1);
      const context = `form ${form}\n--- answer ---\n${answer}\n--- original ---\n${sc.original}\n--- result ---\n${result.ok ? result.newText : `${result.code}: ${result.message}`}`;
      if (form === 'truncated') assert.ok(!result.ok, `a cut-off answer was applied\n${context}`);
      else {
        assert.ok(result.ok, `a one-function answer was refused\n${context}`);
        assert.equal(result.newText, sc.intended, context);
      }
    }), { numRuns: RUNS, includeErrorInReport: true });
  });

  it('the detector picks the format of each valid answer', () => {
    fc.assert(fc.property(scenario, (s) => {
      for (const strategy of ['whole-replacement', 'unified-diff', 'search-replace'] as const) {
        const result = applyModelAnswer(s.original, render(validAnswer(s, strategy, false)).text, { kind: 'file' }, { allowLargeDeletion: true });
        if (result.ok) assert.equal(result.strategy, strategy);
        else assert.ok(result.code === 'ambiguous-match' || result.code === 'no-context', result.message);
      }
    }), { numRuns: Math.max(50, Math.floor(RUNS / 3)), includeErrorInReport: true });
  });
});
