/**
 * Where the definition of a name the edit started using goes, when nothing in the workspace defines it:
 * a called function after the top-level statement holding the call (inside the class, at its end, in
 * Java), an upper-case constant after the file's top-level constants; nothing for a name defined
 * elsewhere, by the edit itself, or reached through a receiver (`this.name(`).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { missingDefinition } from '@src/core/nextEdit/locations/missingDefinition';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

describe('missingDefinition', () => {
  let ws: TestWorkspace;
  const app = [
    "const http = require('http')", // 0
    '',
    'module.exports = class Application {',
    '  constructor (options) {',
    '    this.use(createStorage(this))', // 4: the edit
    '    this.ctx = helpers.merge(options)',
    '  }',
    '}',
    '',
    'function respond (ctx) {', // 9
    '  return ctx.body',
    '}',
  ];
  const test = [
    'import pytest', // 0
    '',
    'DATA_DIR = "data"',
    'MODE = Mode(fast=True)',
    '',
    'runner = CliRunner()', // 5
    '',
    '',
    'def test_config():',
    '    result = runner.invoke(main, [f"--config={EMPTY_CONFIG}"])', // 9: the edit
    '    assert result.exit_code == 0',
  ];
  const java = [
    'package com.acme;', // 0
    '',
    'public final class Fields {',
    '  public Object get(Class<?> type) {',
    '    return fromArray(annotations, type);', // 4: the edit
    '  }',
    '}',
  ];
  before(async () => {
    ws = await workspace({
      'lib/app.js': app.join('\n'),
      'lib/helpers.js': 'exports.merge = function merge (a) { return a }\nexports.defaults = {}\n',
      'tests/test_cli.py': test.join('\n'),
      'src/com/acme/Fields.java': java.join('\n'),
    });
  });
  after(() => ws.close());

  const placed = (rel: string, line: number, newLine: string, oldLine = '') =>
    missingDefinition(context(ws, rel, { line, character: 4 }, [hunk(ws, rel, line, oldLine ? [oldLine] : [], [newLine])])).map((c) => [c.line, c.detail]);

  it('JavaScript: a new function called in a method goes after the class; a name some file has, or a receiver\'s member, is no new definition', () => {
    assert.deepEqual(placed('lib/app.js', 4, app[4]!), [[8, 'createStorage']]);
    assert.deepEqual(placed('lib/app.js', 5, app[5]!), [], '`merge` reached through `helpers.`');
    assert.deepEqual(placed('lib/app.js', 5, '    this.ctx = merge(options)'), [], '`merge` is defined in helpers.js: an import, not a definition, is missing');
    assert.deepEqual(placed('lib/app.js', 10, '  return respondWith(ctx)', app[10]), [[12, 'respondWith']], 'after the last statement: the end of the file');
  });

  it('a name the edit itself defines is not missing', () => {
    assert.deepEqual(placed('lib/app.js', 4, '    const createStorage = (app) => app; this.use(createStorage(this))'), []);
  });

  it('Python: an upper-case constant goes after the file\'s last top-level constant', () => {
    assert.deepEqual(placed('tests/test_cli.py', 9, test[9]!, '    result = runner.invoke(main, [])'), [[4, 'EMPTY_CONFIG']]);
  });

  it('Java: a helper goes inside the class, before its closing line', () => {
    assert.deepEqual(placed('src/com/acme/Fields.java', 4, java[4]!, '    return type.getAnnotations();'), [[6, 'fromArray']]);
  });
});
