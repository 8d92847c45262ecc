/**
 * Loads the edit engine's golden cases: one small TOML file per case, holding the original, the
 * model's answer and either the expected text or the expected refusal. Line endings are written as
 * LF in the files and converted when a case says `eol = "crlf"`, so git cannot blur them.
 *
 *   description = "what real-world shape this is"
 *   target = "file"            # or "L1:C1-L2:C2" (0-based, UTF-16 characters)
 *   strategy = "unified-diff"  # optional: force it; otherwise the detector must pick `detected`
 *   detected = "unified-diff"  # optional: the strategy the detector must pick
 *   fileName / languageId      # optional ApplyOptions
 *   eol = "crlf"               # optional: original and expected use CRLF
 *   bom = true                 # optional: original and expected start with a BOM
 *   original = '''…'''
 *   answer = '''…'''
 *   expected = '''…'''         # or: refused = "not-found" and reason = "substring of the message"
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import type { ApplyOptions, EditFailureCode, EditStrategyName, EditTarget } from '@src/core/edit';

export interface GoldenCase {
  readonly file: string;
  readonly description: string;
  readonly original: string;
  readonly answer: string;
  readonly target: EditTarget;
  readonly options: ApplyOptions;
  readonly detected: EditStrategyName | undefined;
  readonly expected: string | undefined;
  readonly refused: EditFailureCode | undefined;
  readonly reason: string | undefined;
}

export function loadGoldenCases(strategyFolder: string): GoldenCase[] {
  const dir = path.join(__dirname, 'golden', strategyFolder);
  return readdirSync(dir).filter((f) => f.endsWith('.toml')).sort().map((file) => {
    const raw = parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    const str = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    const crlf = raw.eol === 'crlf';
    const bom = raw.bom === true ? '\uFEFF' : '';
    const doc = (t: string | undefined) => (t === undefined ? undefined : bom + (crlf ? t.replace(/\n/g, '\r\n') : t));
    const options: ApplyOptions = {
      ...(str('strategy') ? { strategy: str('strategy') as EditStrategyName } : {}),
      ...(str('fileName') ? { fileName: str('fileName')! } : {}),
      ...(str('languageId') ? { languageId: str('languageId')! } : {}),
      ...(raw.truncated === true ? { truncated: true } : {}),
    };
    const expected = doc(str('expected'));
    const refused = str('refused') as EditFailureCode | undefined;
    if ((expected === undefined) === (refused === undefined)) throw new Error(`${file}: give exactly one of expected and refused`);
    return {
      file,
      description: str('description') ?? file,
      original: doc(str('original')) ?? '',
      answer: str('answer') ?? '',
      target: parseTarget(str('target') ?? 'file', file),
      options,
      detected: str('detected') as EditStrategyName | undefined,
      expected,
      refused,
      reason: str('reason'),
    };
  });
}

function parseTarget(spec: string, file: string): EditTarget {
  if (spec === 'file') return { kind: 'file' };
  const m = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(spec);
  if (!m) throw new Error(`${file}: target must be "file" or "L1:C1-L2:C2"`);
  const [l1, c1, l2, c2] = m.slice(1).map(Number) as [number, number, number, number];
  return { kind: 'range', range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } } };
}
