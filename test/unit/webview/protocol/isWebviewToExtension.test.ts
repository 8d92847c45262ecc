/** The extension drops every message from the webview that does not validate. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWebviewToExtension, LIMITS, type WebviewToExtension } from '@src/protocol/webview';

const VALID: WebviewToExtension[] = [
  { type: 'ready' },
  { type: 'requestStatus' },
  { type: 'runCommand', command: 'restartServer' },
  { type: 'chat/requestState' },
  { type: 'chat/send', conversationId: null, text: 'Where is UserService?', mentions: [{ kind: 'file', label: 'src/user.ts', value: 'src/user.ts' }, { kind: 'codebase', label: 'codebase' }], chipIds: ['active-file'] },
  { type: 'chat/send', conversationId: 'c1', text: 'again', mentions: [], chipIds: [] },
  { type: 'chat/stop', conversationId: 'c1' },
  { type: 'chat/regenerate', conversationId: 'c1', messageId: 'm2' },
  { type: 'chat/editResend', conversationId: 'c1', messageId: 'm1', text: 'better question', mentions: [] },
  { type: 'chat/retry', conversationId: 'c1', messageId: 'm2' },
  { type: 'chat/newConversation' },
  { type: 'chat/selectConversation', conversationId: 'c2' },
  { type: 'chat/delete', conversationId: 'c2' },
  { type: 'codeblock/copy', code: 'x' },
  { type: 'codeblock/insert', code: 'x', language: null },
  { type: 'codeblock/apply', code: 'x', language: 'ts', path: 'src/a.ts', messageId: 'm2' },
  { type: 'codeblock/apply', code: 'x', language: null, path: null, messageId: 'm2' },
  { type: 'mention/query', requestId: 3, kind: 'symbol', query: 'User' },
  { type: 'context/removeChip', chipId: 'selection-1' },
  { type: 'openLocation', path: 'src/user.ts', line: 12, column: 3 },
  { type: 'openLocation', path: 'src/user.ts' },
  { type: 'openExternal', url: 'https://example.com/docs' },
  { type: 'model/select', modelId: 'qwen2.5-coder' },
];

const INVALID: unknown[] = [
  null,
  undefined,
  'ready',
  42,
  [],
  [{ type: 'ready' }],
  {},
  { type: 'unknown' },
  { type: 'toString' },
  { type: '__proto__' },
  { type: 'constructor' },
  { type: 'ready', extra: 1 },
  { type: 'runCommand', command: 'workbench.action.terminal.new' },
  { type: 'chat/send', conversationId: null, text: '   ', mentions: [], chipIds: [] },
  { type: 'chat/send', conversationId: null, text: 'hi', mentions: [], chipIds: [], command: 'rm -rf /' },
  { type: 'chat/send', conversationId: null, text: 'hi', mentions: 'file', chipIds: [] },
  { type: 'chat/send', conversationId: null, text: 'hi', mentions: [{ kind: 'shell', label: 'x' }], chipIds: [] },
  { type: 'chat/send', conversationId: null, text: 'hi', mentions: [{ kind: 'file' }], chipIds: [] },
  { type: 'chat/send', conversationId: null, text: 'hi', mentions: [] },
  { type: 'chat/send', conversationId: '', text: 'hi', mentions: [], chipIds: [] },
  { type: 'chat/send', conversationId: 7, text: 'hi', mentions: [], chipIds: [] },
  { type: 'chat/send', conversationId: null, text: 'x'.repeat(LIMITS.text + 1), mentions: [], chipIds: [] },
  { type: 'chat/send', conversationId: null, text: 'hi', mentions: Array(LIMITS.mentions + 1).fill({ kind: 'git', label: 'git' }), chipIds: [] },
  { type: 'chat/stop' },
  { type: 'chat/stop', conversationId: 'x'.repeat(LIMITS.id + 1) },
  { type: 'chat/regenerate', conversationId: 'c1' },
  { type: 'chat/editResend', conversationId: 'c1', messageId: 'm1', text: '', mentions: [] },
  { type: 'chat/selectConversation', conversationId: { $ne: null } },
  { type: 'codeblock/copy', code: 5 },
  { type: 'codeblock/insert', code: 'x' },
  { type: 'codeblock/apply', code: 'x', language: 'ts', path: '', messageId: 'm' },
  { type: 'codeblock/apply', code: 'x', language: 'ts', path: 'a.ts' },
  { type: 'mention/query', requestId: -1, kind: 'file', query: '' },
  { type: 'mention/query', requestId: 1.5, kind: 'file', query: '' },
  { type: 'mention/query', requestId: 1, kind: 'codebase', query: '' },
  { type: 'mention/query', requestId: 1, kind: 'file', query: 'q'.repeat(LIMITS.query + 1) },
  { type: 'openLocation', path: '' },
  { type: 'openLocation', path: 'a.ts', line: 0 },
  { type: 'openLocation', path: 'a.ts', line: '12' },
  { type: 'openLocation', path: 'a\u0000.ts' },
  { type: 'openExternal', url: 'javascript:alert(1)' },
  { type: 'openExternal', url: 'file:///etc/passwd' },
  { type: 'openExternal', url: 'command:workbench.action.terminal.new' },
  { type: 'openExternal', url: 'vscode://some.extension/run' },
  { type: 'openExternal', url: 'not a url' },
  { type: 'model/select', modelId: '' },
];

test('every well-formed message validates', () => {
  for (const m of VALID) assert.ok(isWebviewToExtension(m), `rejected ${JSON.stringify(m)}`);
});

test('malformed, unknown, oversized or over-reaching messages are rejected', () => {
  for (const m of INVALID) assert.ok(!isWebviewToExtension(m), `accepted ${JSON.stringify(m)?.slice(0, 200)}`);
});

test('a message with an inherited type name is rejected', () => {
  const sneaky = Object.create({ type: 'ready' });
  assert.ok(!isWebviewToExtension(sneaky));
});
