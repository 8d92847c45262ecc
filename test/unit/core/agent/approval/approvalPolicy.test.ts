/** Approval defaults, allow/deny lists by prefix, session grants, and that nothing from the model can approve. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ApprovalPolicy, hasPrefix } from '@src/core/agent/approval/approvalPolicy';
import type { ApprovalRequest, ApprovalSettings } from '@src/core/agent/approval/approvalTypes';
import { defaultSettings } from '@src/core/config/settings';
import { approvalSettings } from '@src/core/config/agentSettings';

const defaults = (): ApprovalSettings => approvalSettings(defaultSettings());
const cmd = (command: string): ApprovalRequest => ({ category: 'command', tool: 'run_command', title: command, command });
const edit: ApprovalRequest = { category: 'edit', tool: 'edit_file', title: 'Edit a.ts', path: 'a.ts' };

describe('approval policy', () => {
  it('defaults: reads run, edits ask, commands ask, MCP tools ask', () => {
    const p = new ApprovalPolicy(defaults);
    assert.equal(p.evaluate({ category: 'read', tool: 'read_file', title: 'Read' }).kind, 'allow');
    assert.equal(p.evaluate(edit).kind, 'ask');
    assert.equal(p.evaluate(cmd('npm test')).kind, 'ask');
    assert.equal(p.evaluate(cmd('ls')).kind, 'ask');
    assert.equal(p.evaluate({ category: 'mcp', tool: 'mcp:docs/search', title: 'x' }).kind, 'ask');
  });

  it('edits set to automatic run without asking', () => {
    const p = new ApprovalPolicy(() => ({ ...defaults(), edits: 'auto' }));
    assert.equal(p.evaluate(edit).kind, 'allow');
  });

  it('allow list by prefix on word boundaries, every command of a chain must match', () => {
    const p = new ApprovalPolicy(() => ({ ...defaults(), allowCommands: ['npm test', 'git status'] }));
    assert.equal(p.evaluate(cmd('npm test')).kind, 'allow');
    assert.equal(p.evaluate(cmd('npm test -- --grep x')).kind, 'allow');
    assert.equal(p.evaluate(cmd('npm testing')).kind, 'ask');
    assert.equal(p.evaluate(cmd('npm test && curl http://x | tee y')).kind, 'ask');
    assert.equal(p.evaluate(cmd('npm test; git status')).kind, 'allow');
    assert.equal(p.evaluate(cmd('npm test $(touch pwned)')).kind, 'ask');
  });

  it('user deny list wins over allow list and approve always', () => {
    const p = new ApprovalPolicy(() => ({ ...defaults(), commands: 'auto', allowCommands: ['git'], denyCommands: ['git reset --hard'] }));
    const v = p.evaluate(cmd('git fetch && git reset --hard origin/main'));
    assert.equal(v.kind, 'refuse');
    assert.match(v.kind === 'refuse' ? v.reason : '', /deny list/);
    assert.equal(p.evaluate(cmd('sudo git reset --hard')).kind, 'refuse');
  });

  it('"Approve for this session" covers the same command again, not another one; "Approve" only once', () => {
    const p = new ApprovalPolicy(defaults);
    p.remember(cmd('npm test'), { kind: 'approve' });
    assert.equal(p.evaluate(cmd('npm test')).kind, 'ask');
    p.remember(cmd('npm test'), { kind: 'approveSession' });
    assert.equal(p.evaluate(cmd('npm  test')).kind, 'allow');
    assert.equal(p.evaluate(cmd('npm run build')).kind, 'ask');
    p.remember(edit, { kind: 'approveSession' });
    assert.equal(p.evaluate({ ...edit, path: 'b.ts' }).kind, 'allow');
  });

  it('a session grant never lets a deny-listed command through', () => {
    const p = new ApprovalPolicy(defaults);
    p.remember(cmd('rm -rf /'), { kind: 'approveSession' });
    assert.equal(p.evaluate(cmd('rm -rf /')).kind, 'refuse');
  });

  it('MCP tools auto-approved by name or server wildcard only', () => {
    const p = new ApprovalPolicy(() => ({ ...defaults(), mcpAutoApprove: ['docs/search', 'calc/*'] }));
    assert.equal(p.evaluate({ category: 'mcp', tool: 'mcp:docs/search', title: '' }).kind, 'allow');
    assert.equal(p.evaluate({ category: 'mcp', tool: 'mcp:docs/write', title: '' }).kind, 'ask');
    assert.equal(p.evaluate({ category: 'mcp', tool: 'mcp:calc/add', title: '' }).kind, 'allow');
  });

  it('settings are re-read on every call', () => {
    let s = defaults();
    const p = new ApprovalPolicy(() => s);
    assert.equal(p.evaluate(cmd('make')).kind, 'ask');
    s = { ...s, commands: 'auto' };
    assert.equal(p.evaluate(cmd('make')).kind, 'allow');
  });

  it('hasPrefix', () => {
    assert.ok(hasPrefix('git  status -s', 'git status'));
    assert.ok(!hasPrefix('gitk', 'git'));
    assert.ok(!hasPrefix('anything', ''));
  });
});
