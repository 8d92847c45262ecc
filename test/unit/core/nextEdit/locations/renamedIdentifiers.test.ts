/** Renamed identifiers across files: uses left in files tied to the edit are proposed, namesakes in unrelated files are not. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import { renamedIdentifiers } from '@src/core/nextEdit/locations/renamedIdentifiers';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

const at = (ws: TestWorkspace, cs: readonly Candidate[]) => cs.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}`).sort();

describe('renamed identifiers across files', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({
      // TypeScript: `retries` renamed to `maxRetries` in the client; the retry loop imports it, a report
      // module has a `retries` of its own.
      'src/client.ts': ['export const maxRetries = 3;', 'export function connect() {', '  return maxRetries > 0;', '}'].join('\n'),
      'src/retry.ts': ["import { retries } from './client';", '', 'export function attempts() {', '  return retries + 1;', '}'].join('\n'),
      'src/report.ts': ['export function summary(retries: number) {', '  return `${retries} retries`;', '}'].join('\n'),
      // Python: `parse_header` renamed in the parser; its test follows it, an unrelated module does not.
      'pkg/parser.py': ['def parse_headers(raw):', '    return dict(line.split(":", 1) for line in raw)', ''].join('\n'),
      'pkg/test_parser.py': ['from pkg.parser import parse_header', '', 'def test_parse():', '    assert parse_header(["a: b"]) == {"a": " b"}', ''].join('\n'),
      // Go: the last `strings.` call replaced far below the imports.
      'cmd/check_test.go': ['package cmd', '', 'import (', '\t"strings"', '\t"testing"', ')', ...Array.from({ length: 200 }, () => ''), 'func TestCheck(t *testing.T) {', '\tassert.Contains(t, got, want)', '\tif strings.HasPrefix(got, "x") {', '\t}', '}'].join('\n'),
      // JavaScript: an import line deleted; its path's folder is in the other imports' paths too.
      'lib/axios.js': ["import isAxiosError from './helpers/isAxiosError.js';", "import HttpStatusCode from './helpers/HttpStatusCode.js';", '', ...Array.from({ length: 60 }, () => ''), 'axios.formToStream = formDataToStream;', ''].join('\n'),
      'pkg/mail.py': ['def parse_header(line):', '    return line.strip()', '', 'def subject(msg):', '    return parse_header(msg[0])', ''].join('\n'),
    });
  });
  after(() => ws.close());

  it('a name left only on its import: the import, however far up, counts as much as a use at the cursor', () => {
    const rel = 'cmd/check_test.go';
    const last = ws.lines(rel);
    const cursor = { line: 207, character: 1 };
    const only = context(ws, rel, cursor, [hunk(ws, rel, 207, ['\tif !strings.Contains(got, want) {'], ['\tassert.Contains(t, got, want)'])], { lines: last.filter((_, i) => i !== 208 && i !== 209) });
    assert.deepEqual(renamedIdentifiers(only).filter((c) => c.detail === 'strings').map((c) => [c.line, c.score]), [[3, 1]]);
    const stillUsed = renamedIdentifiers(context(ws, rel, cursor, [hunk(ws, rel, 207, ['\tif !strings.Contains(got, want) {'], ['\tassert.Contains(t, got, want)'])]));
    assert.ok(stillUsed.find((c) => c.line === 3)!.score < 0.5, 'still used below: the import is no nearer than it is');
  });

  it("an import line deleted: its module path's names are not renamed, the name it bound is", () => {
    const rel = 'lib/axios.js';
    const ctx = context(ws, rel, { line: 2, character: 0 }, [hunk(ws, rel, 2, ["import formDataToStream from './helpers/formDataToStream.js';"], [])]);
    const names = new Set(renamedIdentifiers(ctx).map((c) => c.detail));
    assert.ok(!names.has('helpers'), 'the other imports from ./helpers are no leftovers');
    assert.deepEqual(renamedIdentifiers(ctx).filter((c) => c.detail === 'formDataToStream').map((c) => c.line), [63]);
  });

  it('TypeScript: the importer of the edited file, not the namesake in an unrelated module', () => {
    const ctx = context(ws, 'src/client.ts', { line: 0, character: 24 }, [hunk(ws, 'src/client.ts', 0, ['export const retries = 3;'], ['export const maxRetries = 3;'])]);
    assert.deepEqual(at(ws, renamedIdentifiers(ctx).filter((c) => c.detail === 'retries')), ['src/retry.ts:0', 'src/retry.ts:3']);
  });

  it('Python: the test of the edited module, not a namesake elsewhere', () => {
    const ctx = context(ws, 'pkg/parser.py', { line: 0, character: 17 }, [hunk(ws, 'pkg/parser.py', 0, ['def parse_header(raw):'], ['def parse_headers(raw):'])]);
    assert.deepEqual(at(ws, renamedIdentifiers(ctx).filter((c) => c.detail === 'parse_header')), ['pkg/test_parser.py:0', 'pkg/test_parser.py:3']);
  });
});
