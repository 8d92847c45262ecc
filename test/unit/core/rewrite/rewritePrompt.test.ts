import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { TokenCounter } from '@src/core/llm/tokens/tokenCounter';
import { buildRewritePrompt, fileConventions, type RewriteInput, RewritePromptError } from '@src/core/rewrite';

/** One token per 4 characters, like the estimate, but exact so budgets are predictable. */
const counter: TokenCounter = { name: 'test', exact: true, count: (t) => Math.ceil(t.length / 4) };

const FILE = [
  'import { User } from "./user";',
  '',
  'export class UserService {',
  '  find(id: string): User | undefined {',
  '    const user = this.users.get(id);',
  '    return user;',
  '  }',
  '}',
  '',
].join('\n');

const input = (over: Partial<RewriteInput> = {}): RewriteInput => ({
  instruction: 'throw when the user is missing',
  fileName: 'src/userService.ts',
  text: FILE,
  range: { start: { line: 4, character: 4 }, end: { line: 5, character: 16 } },
  ...over,
});
const context = {
  conventions: fileConventions(FILE, 'typescript'),
  scope: { name: 'UserService.find', kind: 'method' as const, startLine: 3, endLine: 6 },
  definitions: [{ name: 'User', kind: 'interface', rel: 'src/user.ts', startLine: 0, text: 'export interface User {\n  id: string;\n}' }],
};
const roomy = { counter, window: 8192, maxTokens: 1024 };

describe('buildRewritePrompt', () => {
  it('holds the instruction, the selection, the enclosing method with the selection marked, the definitions and the conventions', () => {
    const p = buildRewritePrompt(input(), context, roomy);
    assert.deepEqual(p.messages.map((m) => m.role), ['system', 'user']);
    const user = p.messages[1]!.content;
    assert.match(user, /File: src\/userService\.ts \(indent with 2 spaces, LF line endings, language typescript\)/);
    assert.match(user, /Instruction: throw when the user is missing/);
    assert.match(user, /The selected code \(lines 5–6\):\n```typescript\nconst user = this\.users\.get\(id\);\n    return user;\n```/);
    assert.match(user, /lines 4–7.*\n```typescript\n  find\(id: string\): User \| undefined \{\n    ⟨SELECTION⟩const user = this\.users\.get\(id\);\n    return user;⟨\/SELECTION⟩\n  \}\n```/);
    assert.match(user, /src\/user\.ts:1 interface User\n```typescript\nexport interface User \{/);
    assert.deepEqual(p.included, { surroundings: 'scope', definitions: 1 });
    assert.equal(p.promptTokens > 0, true);
  });

  it('drops definitions first, then shrinks the surroundings, to fit a small window', () => {
    const full = buildRewritePrompt(input(), context, roomy);
    const withoutDefs = buildRewritePrompt(input(), { ...context, definitions: [] }, roomy);
    // maxTokens 256: the answer reserve is exactly 256 tokens.
    const window = withoutDefs.promptTokens + 256;
    assert.ok(full.promptTokens + 256 > window, 'the window is too small for the definitions');
    const p = buildRewritePrompt(input(), context, { counter, window, maxTokens: 256 });
    assert.deepEqual(p.included, { surroundings: 'scope', definitions: 0 });
    assert.doesNotMatch(p.messages[1]!.content, /interface User/);
    // Smaller still: the surroundings go too, the selection stays.
    const tight = buildRewritePrompt(input(), context, { counter, window: withoutDefs.promptTokens + 256 - 40, maxTokens: 256 });
    assert.notEqual(tight.included.surroundings, 'scope');
    assert.match(tight.messages[1]!.content, /The selected code/);
  });

  it('refuses with what to do when the selection alone does not fit', () => {
    assert.throws(() => buildRewritePrompt(input(), context, { counter, window: 200, maxTokens: 1024 }), (err: unknown) => {
      assert.ok(err instanceof RewritePromptError);
      assert.match(err.message, /window is 200 tokens: select less code, or set banyan\.models\.edit\.contextWindow/);
      return true;
    });
  });

  it('generates at the cursor when the range is empty: the cursor is marked, no selection block', () => {
    const p = buildRewritePrompt(input({ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 4 } }, instruction: 'log the id' }), { conventions: context.conventions }, roomy);
    const user = p.messages[1]!.content;
    assert.match(user, /    ⟨CURSOR⟩return user;/);
    assert.match(user, /Write the code to insert at the cursor \(line 6\)\. Instruction: log the id/);
    assert.doesNotMatch(user, /The selected code/);
    assert.equal(p.included.surroundings, 'lines');
  });

  it('a retry with feedback continues the conversation: previous answer as the assistant, feedback as the next user turn', () => {
    const p = buildRewritePrompt(input({ feedback: { previousAnswer: '```ts\nthrow new Error();\n```', text: 'say which id' } }), context, roomy);
    assert.deepEqual(p.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(p.messages[2]!.content, '```ts\nthrow new Error();\n```');
    assert.match(p.messages[3]!.content, /Feedback: say which id\n\nRewrite the original selected code again/);
    assert.match(p.messages[1]!.content, /Instruction: throw when the user is missing/);
  });
});

describe('fileConventions', () => {
  it('reads tabs, CRLF and the language', () => {
    assert.deepEqual(fileConventions('a {\r\n\tb;\r\n\t\tc;\r\n}\r\n', 'go'), { indentUnit: '\t', eol: '\r\n', languageId: 'go' });
    assert.deepEqual(fileConventions('def f():\n    return 1\n', undefined), { indentUnit: '    ', eol: '\n', languageId: 'plaintext' });
  });
});
