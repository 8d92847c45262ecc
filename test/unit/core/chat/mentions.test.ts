import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMentions } from '@src/core/chat/mentions';
import { fuzzyScore, searchFiles } from '@src/core/chat/mentionSearch';

describe('@ mentions', () => {
  it('parses each kind once, with values for file and symbol', () => {
    const { mentions } = parseMentions('Compare @file:src/a.ts and @symbol:UserService, see @codebase; @git. @problems @codebase');
    assert.deepEqual(mentions, [
      { kind: 'file', value: 'src/a.ts' },
      { kind: 'symbol', value: 'UserService' },
      { kind: 'codebase' },
      { kind: 'git' },
      { kind: 'problems' },
    ]);
  });

  it('ignores e-mail addresses, unknown kinds and file/symbol without a target', () => {
    assert.deepEqual(parseMentions('mail me@file.com about @foo and @file or @symbol').mentions, []);
  });

  it('backquoted values may contain spaces', () => {
    assert.deepEqual(parseMentions('@file:`docs/my notes.md` please').mentions, [{ kind: 'file', value: 'docs/my notes.md' }]);
  });

  it('@file candidates: fuzzy, file-name matches first', () => {
    const rels = ['src/billing/invoiceTotals.ts', 'src/api/invoiceRoutes.ts', 'docs/totals.md', 'src/util/retry.ts'];
    assert.deepEqual(searchFiles(rels, 'invtot').map((m) => m.value), ['src/billing/invoiceTotals.ts']);
    assert.equal(searchFiles(rels, 'totals')[0]!.value, 'docs/totals.md');
    assert.equal(fuzzyScore('zzz', 'src/a.ts'), undefined);
    assert.deepEqual(searchFiles(rels, 'retry')[0], { kind: 'file', label: 'retry.ts', value: 'src/util/retry.ts', detail: 'src/util' });
  });
});
