/**
 * Where the import a new name needs goes: its sorted place among the file's imports of its kind (the
 * module found as other files import it, or from the file defining it, or Go's package), after the last of
 * its kind when they are unsorted, nowhere for a name the index places nowhere; multi-line statements and
 * Go blocks read as their statements.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { lineFacts } from '@src/core/nextEdit/locations/lineFacts';
import { importStatements, missingImport } from '@src/core/nextEdit/locations/missingImport';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

describe('missingImport', () => {
  let ws: TestWorkspace;
  const app = [
    "import express from 'express';", // 0
    "import { alpha } from './alpha';",
    'import {',
    '  formatPrice,',
    "} from './format';",
    "import { zeta } from './zeta';", // 5
    '',
    'export function run() {',
    '  return alpha(formatPrice(zeta()));',
    '}',
  ];
  const unsorted = ["import { zeta } from './zeta';", "import { alpha } from './alpha';", "import express from 'express';", '', 'export const x = 1;'];
  const java = ['package com.acme.app;', '', 'import com.acme.a.Apple;', 'import com.acme.c.Cherry;', 'import java.util.List;', '', 'public class App {', '  List<Apple> xs;', '}'];
  const go = ['package pkg', '', 'import (', '\t"fmt"', '\t"time"', '', '\t"github.com/x/log"', ')', '', 'type Server struct {', '\tname string', '}'];
  before(async () => {
    ws = await workspace({
      'src/app.ts': app.join('\n'),
      'src/unsorted.ts': unsorted.join('\n'),
      'src/alpha.ts': 'export function alpha(x: string) { return x; }\n',
      'src/format.ts': 'export function formatPrice(n: number) { return String(n); }\n',
      'src/zeta.ts': 'export function zeta() { return 1; }\n',
      'src/money.ts': 'export class Money {\n  constructor(readonly cents: number) {}\n}\n',
      'src/com/acme/app/App.java': java.join('\n'),
      'src/com/acme/b/Banana.java': 'package com.acme.b;\n\npublic class Banana {\n}\n',
      'src/com/acme/b/Peel.java': 'package com.acme.b;\n\nimport com.google.common.base.Throwables;\n\nclass Peel {\n  Throwables t;\n}\n',
      'pkg/server.go': go.join('\n'),
    });
  });
  after(() => ws.close());

  const placed = (rel: string, lines: string[], line: number, text: string) => {
    const old = lines[line]!;
    const now = lines.slice();
    now[line] = text;
    const found = missingImport(context(ws, rel, { line, character: 0 }, [hunk(ws, rel, line, [old], [text])], { lines: now }));
    assert.ok(found.every((c) => c.hint === false), 'the region does not lean toward the imports');
    return found.map((c) => [c.line, c.detail]);
  };

  it('a name the index defines: its sorted place among the imports of its kind', () => {
    assert.deepEqual(placed('src/app.ts', app, 8, '  return new Money(alpha(formatPrice(zeta())));'), [[5, 'Money']], "'./money' goes before './zeta'");
    assert.deepEqual(placed('src/com/acme/app/App.java', java, 7, '  List<Banana> xs;'), [[3, 'Banana']], 'com.acme.b.Banana goes before com.acme.c.Cherry');
  });

  it('a name defined outside the workspace: as another file imports it; in Go, the package the edit names, among the standard ones', () => {
    assert.deepEqual(placed('src/com/acme/app/App.java', java, 7, '  List<Throwables> xs;'), [[4, 'Throwables']], 'com.google.common.base.Throwables goes before java.util.List');
    assert.deepEqual(placed('pkg/server.go', go, 10, '\tmu sync.Mutex'), [[4, 'Mutex']], '"sync" goes before "time", not among github.com');
  });

  it('unsorted imports: after the last of its kind; a name the index places nowhere (a builtin): nothing', () => {
    assert.deepEqual(placed('src/unsorted.ts', unsorted, 4, 'export const x = new Money(1);'), [[2, 'Money']], 'after the last relative import');
    assert.deepEqual(placed('src/app.ts', app, 8, '  return new Map(alpha(formatPrice(zeta())));'), []);
  });

  it('a name the file already holds as a word (a comment counts, not the edited line) needs no import; one only inside a longer name does', () => {
    const bag = [...unsorted.slice(0, 4), 'const y: MoneyBag = bag;', 'export const x = 1;'];
    assert.deepEqual(placed('src/unsorted.ts', bag, 5, 'export const x = new Money(1);'), [[2, 'Money']]);
    const noted = [...unsorted.slice(0, 4), '// Money comes later', 'export const x = 1;'];
    assert.deepEqual(placed('src/unsorted.ts', noted, 5, 'export const x = new Money(1);'), []);
  });

  it("asks the document's name map whether the name is known, not every line of the document", () => {
    const text = [...unsorted.slice(0, 4), ...Array.from({ length: 400 }, (_, i) => `export const v${i} = ${i};`)];
    const at = 350;
    text[at] = 'export const x = new Money(1);';
    let lateReads = 0;
    const lines = new Proxy(text, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= 300) lateReads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    lineFacts(lines).buildNameMap(); // built when the document opens (or by an earlier source of the request)
    lateReads = 0;
    const h = hunk(ws, 'src/unsorted.ts', at, ['export const v346 = 346;'], [text[at]!]);
    const found = missingImport(context(ws, 'src/unsorted.ts', { line: at, character: 0 }, [h], { lines }));
    assert.deepEqual(found.map((c) => [c.line, c.detail]), [[2, 'Money']]);
    assert.equal(lateReads, 0, 'the lines past the imports are not read');
  });

  it('statements: a multi-line import is one, a Go block\'s lines are each one', () => {
    assert.deepEqual(importStatements(app).map((s) => [s.start, s.end, s.module]), [[0, 0, 'express'], [1, 1, './alpha'], [2, 4, './format'], [5, 5, './zeta']]);
    const go = ['package pkg', '', 'import (', '\t"fmt"', '\tlog "github.com/x/log"', ')', '', 'func f() {}'];
    assert.deepEqual(importStatements(go).map((s) => [s.start, s.end, s.module]), [[3, 3, 'fmt'], [4, 4, 'github.com/x/log']]);
    const py = ['from . import core', 'from .core import (', '    Command,', '    Group,', ')', 'import os'];
    assert.deepEqual(importStatements(py).map((s) => [s.start, s.end, s.module]), [[0, 0, '.'], [1, 4, '.core'], [5, 5, 'os']]);
  });
});
