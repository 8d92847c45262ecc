/** Tools on their own: confinement, grep honouring .gitignore (rg and the JS scan), command timeout kill. */
import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { grepTool } from '@src/core/agent/tools/grepSearch';
import { readFileTool } from '@src/core/agent/tools/readFile';
import { runCommandTool } from '@src/core/agent/tools/runCommand';
import type { ToolContext } from '@src/core/agent/types';
import { tempWorkspace, toolContext } from './agentHarness';

describe('agent tools', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let ctx: ToolContext;
  beforeEach(() => {
    ws = tempWorkspace();
    ctx = toolContext(ws.dir);
  });
  afterEach(() => ws.dispose());

  it('read_file refuses paths outside the workspace, also through a symlink', async () => {
    symlinkSync(tmpdir(), path.join(ws.dir, 'out'));
    for (const p of ['../etc/passwd', '/etc/passwd', 'out/x']) {
      const r = await readFileTool.run({ path: p }, ctx);
      assert.equal(r.failed, true, p);
      assert.match(r.content, /not inside the workspace/);
    }
  });

  for (const withRg of [true, false]) {
    it(`grep honours .gitignore (${withRg ? 'ripgrep' : 'JS scan'})`, async () => {
      writeFileSync(path.join(ws.dir, '.gitignore'), 'build/\n*.log\n');
      mkdirSync(path.join(ws.dir, 'build'));
      mkdirSync(path.join(ws.dir, 'src'));
      writeFileSync(path.join(ws.dir, 'build', 'out.js'), 'const needle = 1;\n');
      writeFileSync(path.join(ws.dir, 'debug.log'), 'needle\n');
      writeFileSync(path.join(ws.dir, 'src', 'a.ts'), 'let x;\nconst needle = 2;\n');
      // Without rg on PATH the JS scan answers; the result must be the same.
      const oldPath = process.env['PATH'];
      if (!withRg) process.env['PATH'] = path.join(ws.dir, 'src');
      try {
        const r = await grepTool.run({ pattern: 'need+le' }, ctx);
        assert.equal(r.content, 'src/a.ts:2:const needle = 2;');
      } finally {
        process.env['PATH'] = oldPath;
      }
    });
  }

  it('run_command kills a command that hangs at its timeout, with everything it started', async () => {
    const r = await runCommandTool.run({ command: 'echo begun; sleep 60 & sleep 60; echo never', timeoutSeconds: 1 }, { ...ctx, commandTimeoutMs: 600_000 });
    assert.equal(r.failed, true);
    assert.match(r.content, /begun/);
    assert.doesNotMatch(r.content.split('\n').slice(1).join('\n'), /never/);
    assert.match(r.content, /\[killed after 1 s \(timeout\)\]/);
  });

  it('run_command reports output and a failing exit code, and the ledger notes ports and permissions', async () => {
    const r = await runCommandTool.run({ command: 'echo "listening on http://127.0.0.1:5173"; chmod +x nothing 2>/dev/null; exit 3' }, ctx);
    assert.equal(r.failed, true);
    assert.match(r.content, /\[exit code 3\]$/);
    assert.match(ctx.ledger.render(), /ports 5173/);
    assert.match(ctx.ledger.render(), /Permissions changed:\n- chmod \+x nothing/);
  });
});
