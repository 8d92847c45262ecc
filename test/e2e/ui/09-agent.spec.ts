/**
 * Agent mode in the real VS Code: switch the panel to Agent, give a task; the fake model (scripted on
 * the tool results it gets back) plans, greps, reads, makes a wrong edit, runs the tests in the
 * terminal, sees them fail, fixes the edit, runs them again and finishes. Every edit and command waits
 * for a click on its approval card in the panel (edits: "Approve for this session", commands:
 * "Approve"). The file on disk is fixed and the answer is rendered as markdown. After a window reload
 * the run is still in the panel, and its "Restore checkpoint" (kept on disk by the server) puts the
 * file's original bytes back.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { ModelRequest, Reply } from '../../fixtures/fakeModelServer/types';
import { waitUntilGone } from '../../fixtures/processes';
import { assert, uiTest } from '../harness/testing';
import { chatFrame, isReady, modelPickerOptions, openBanyanContainer, START_TIMEOUT_MS, waitFor, waitForStatusBar, waitForWorkbench } from '../harness/workbench';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'agent', 'repo');
const TASK = 'AGENT TASK: fix add in agent-demo so its tests pass';
const TEST_COMMAND = 'node agent-demo/test/math.test.js';

type Msg = { role: string; content?: string | null };
const tools = (req: ModelRequest) => ((req.body['messages'] as Msg[]) ?? []).filter((m) => m.role === 'tool');
const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

/** The scripted model: each answer depends on what the last tool result says. */
function agentModel(req: ModelRequest): Reply {
  const n = tools(req).length;
  const last = tools(req).at(-1)?.content ?? '';
  if (n === 0) return { toolCalls: [call('update_plan', { plan: [{ step: 'Find add', status: 'in_progress' }, { step: 'Fix it', status: 'pending' }, { step: 'Run the tests', status: 'pending' }] })] };
  if (n === 1) return { toolCalls: [call('grep', { pattern: 'exports\\.add', path: 'agent-demo' })] };
  if (n === 2 && /agent-demo\/src\/math\.js:1:/.test(last)) return { toolCalls: [call('read_file', { path: 'agent-demo/src/math.js' })] };
  if (n === 3 && /1: exports\.add = \(a, b\) => a - b;/.test(last)) {
    return { text: 'add subtracts; changing it.', toolCalls: [call('edit_file', { path: 'agent-demo/src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b + 1;\n>>>>>>> REPLACE' })] };
  }
  if (n === 4) return { toolCalls: [call('run_command', { command: TEST_COMMAND })] };
  if (/add\(2, 3\) should be 5[\s\S]*\[exit code 1\]/.test(last)) {
    return { text: 'The test still fails; fixing my edit.', toolCalls: [call('edit_file', { path: 'agent-demo/src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a + b + 1;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' })] };
  }
  if (/^Edited agent-demo\/src\/math\.js/.test(last)) return { toolCalls: [call('run_command', { command: TEST_COMMAND })] };
  if (/all tests passed[\s\S]*\[exit code 0\]/.test(last)) return { toolCalls: [call('update_plan', { plan: [{ step: 'Find add', status: 'done' }, { step: 'Fix it', status: 'done' }, { step: 'Run the tests', status: 'done' }] })] };
  if (/^Plan updated/.test(last)) return { text: 'Fixed `add` in agent-demo/src/math.js; the tests pass.' };
  return { text: `UNEXPECTED STATE after ${n} tool results: ${last.slice(0, 300)}` };
}

/**
 * VS Code reads the settings file a test writes asynchronously (seconds, on a loaded machine); a task
 * given before that goes to the default endpoint. The extension pushes settings to the server before
 * it refreshes the panel, so once the panel's model picker shows the agent role's new endpoint, the
 * server has it too.
 */
async function waitForAgentEndpoint(frame: Frame, baseUrl: string): Promise<void> {
  await waitFor(`the model picker to list the agent model at ${baseUrl}`, async () => (await modelPickerOptions(frame)).find((o) => o.value === 'agent' && o.title.includes(baseUrl)), 30_000);
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function runStatus(frame: Frame): Promise<string | null> {
  return frame.locator('[data-testid=agent-run-status]').last().getAttribute('data-status').catch(() => null);
}

export const tests = [
  uiTest('agent mode: a multi-step task completes with approvals clicked in the panel; the answer is markdown', async ({ page, server, fakeModel: fake, screenshot, log }) => {
    fake.reset();
    cpSync(FIXTURE, path.join(server.workspace, 'agent-demo'), { recursive: true });
    const file = path.join(server.workspace, 'agent-demo', 'src', 'math.js');
    // A model name of its own: the panel's model picker then lists the agent role (it lists each model once).
    server.updateWorkspaceSettings({
      'banyan.models.agent.provider': 'openai-compatible',
      'banyan.models.agent.baseUrl': fake.openaiBaseUrl,
      'banyan.models.agent.model': 'fake-agent-model',
    });
    fake.addRule({ name: 'agent', route: '/v1/chat/completions', prompt: /AGENT TASK: fix add in agent-demo/, reply: agentModel });

    await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await waitForAgentEndpoint(frame, fake.openaiBaseUrl);
    await frame.locator('[data-testid=mode-agent]').click();
    await frame.locator('[data-testid=agent-pane]').waitFor({ state: 'visible', timeout: 10_000 });
    await frame.locator('[data-testid=agent-task-input]').fill(TASK);
    await frame.locator('[data-testid=agent-run]').click();

    const clicked: string[] = [];
    const deadline = Date.now() + 120_000;
    let shotCard = false;
    for (;;) {
      assert(Date.now() < deadline, `the agent did not finish; clicked ${clicked.join(', ')}`);
      const card = frame.locator('[data-testid=agent-approval]').first();
      if (await card.isVisible().catch(() => false)) {
        const category = (await card.getAttribute('data-category')) ?? '';
        const title = (await card.locator('.approval-title').innerText()).trim();
        if (!shotCard && category === 'edit') {
          await screenshot('agent-approval-edit');
          shotCard = true;
        }
        if (category === 'command' && clicked.filter((c) => c.startsWith('command')).length === 1) await screenshot('agent-approval-command');
        clicked.push(`${category}: ${title}`);
        // Wait for this very card to go (the next one may take its place at once).
        const id = await card.getAttribute('data-approval-id');
        await card.locator(category === 'edit' ? '[data-testid=approval-approve-session]' : '[data-testid=approval-approve]').click();
        await frame.locator(`[data-approval-id="${id}"]`).waitFor({ state: 'detached', timeout: 20_000 });
        continue;
      }
      const status = await runStatus(frame);
      if (status && status !== 'running') break;
      await page.waitForTimeout(200);
    }
    log(`approvals clicked: ${clicked.join(' | ')}`);
    await screenshot('agent-done');
    const status = await runStatus(frame);
    const runText = await frame.locator('article.agent-run').last().innerText();
    assert(status === 'done', `the run ended as ${status}: ${runText.slice(0, 800)}`);
    assert(runText.includes('Fixed add in agent-demo/src/math.js; the tests pass.'), `no final answer: ${runText.slice(0, 800)}`);
    const code = await frame.locator('article.agent-run [data-testid=agent-answer] code').first().innerText();
    assert(code === 'add', `the answer is not rendered as markdown (inline code): ${code}`);
    assert(
      JSON.stringify(clicked) === JSON.stringify([`edit: Edited agent-demo/src/math.js`, `command: Run \`${TEST_COMMAND}\``, `command: Run \`${TEST_COMMAND}\``]),
      `unexpected approvals: ${JSON.stringify(clicked)}`,
    );
    const plan = await frame.locator('[data-testid=agent-plan] li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.status));
    assert(JSON.stringify(plan) === '["done","done","done"]', `plan: ${JSON.stringify(plan)}`);
    const stepStates = await frame.locator('[data-testid=agent-steps] .tool-step').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    assert(stepStates.length === 8 && stepStates[4] === 'error' && stepStates[6] === 'done', `steps: ${JSON.stringify(stepStates)}`);
    const fixed = readFileSync(file, 'utf8');
    assert(fixed === 'exports.add = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n', `the file on disk: ${fixed}`);
  }, START_TIMEOUT_MS + 180_000),

  uiTest('after a window reload the past run is still in the panel and its Restore checkpoint reverts the file', async ({ page, server, screenshot }) => {
    const file = path.join(server.workspace, 'agent-demo', 'src', 'math.js');
    const original = readFileSync(path.join(FIXTURE, 'src', 'math.js'));
    assert(!readFileSync(file).equals(original), 'the previous test left the file unchanged');
    // A new extension host and a new server: the run comes from the extension's storage, the checkpoint from the server's.
    await page.reload();
    await waitForWorkbench(page);
    await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await frame.locator('[data-testid=mode-agent]').click();
    const run = frame.locator('article.agent-run', { hasText: TASK }).first();
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    assert((await run.getAttribute('data-status')) === 'done', `the past run shows as ${await run.getAttribute('data-status')}`);
    const plan = await run.locator('[data-testid=agent-plan] li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.status));
    assert(JSON.stringify(plan) === '["done","done","done"]', `plan after the reload: ${JSON.stringify(plan)}`);
    const answers = await run.locator('[data-testid=agent-approval-log] li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.decision));
    assert(JSON.stringify(answers) === '["approveSession","approve","approve"]', `the answers to the approval cards after the reload: ${JSON.stringify(answers)}`);
    await screenshot('agent-after-reload');

    await run.locator('[data-testid=agent-restore]').click();
    await waitFor('the original bytes back in math.js', async () => (readFileSync(file).equals(original) ? true : undefined), 15_000).catch(() => undefined);
    assert(readFileSync(file).equals(original), `Restore checkpoint did not bring the original bytes back: ${readFileSync(file, 'utf8')}`);
    await run.locator('.agent-checkpoint', { hasText: 'Checkpoint restored' }).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('agent-restored');
  }, START_TIMEOUT_MS + 120_000),

  uiTest('agent mode: MCP tools are listed; Deny with feedback keeps a command from running and the model reads the feedback', async ({ page, server, fakeModel: fake, screenshot }) => {
    // The earlier task is in this conversation's history: its rule must not answer this task.
    fake.reset();
    server.updateWorkspaceSettings({
      'banyan.models.agent.provider': 'openai-compatible',
      'banyan.models.agent.baseUrl': fake.openaiBaseUrl,
      'banyan.models.agent.model': 'fake-model',
    });
    server.updateWorkspaceSettings({ 'banyan.agent.mcp.servers': { words: { command: process.execPath, args: [path.join(REPO_ROOT, 'test', 'fixtures', 'mcp', 'wordCountServer.mjs')] } } });
    fake.addRule({
      name: 'deny',
      route: '/v1/chat/completions',
      prompt: /AGENT TASK: tidy up/,
      reply: (req) => (tools(req).length === 0 ? { toolCalls: [call('run_command', { command: 'touch agent-denied.txt' })] } : { text: `Not done. ${tools(req).at(-1)?.content ?? ''}` }),
    });
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await frame.locator('[data-testid=mode-agent]').click();
    const mcp = frame.locator('[data-testid=agent-mcp]');
    // Starting the server is a Node process loading the MCP SDK: on a loaded CI machine that alone took over 15 s.
    await frame.locator('[data-testid=agent-mcp] .mcp-tool', { hasText: 'count_words' }).waitFor({ state: 'attached', timeout: 90_000 });
    assert(/MCP: 1 server, 1 tool/.test(await mcp.innerText()), `MCP summary: ${await mcp.innerText()}`);

    await frame.locator('[data-testid=agent-task-input]').fill('AGENT TASK: tidy up');
    await frame.locator('[data-testid=agent-run]').click();
    const card = frame.locator('[data-testid=agent-approval]').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    const title = await card.locator('.approval-title').innerText();
    assert((await card.getAttribute('data-category')) === 'command' && title.includes('touch agent-denied.txt'), `the first card is not the touch command: ${title}`);
    await card.locator('[data-testid=approval-feedback]').fill('leave the workspace as it is');
    await screenshot('agent-deny-feedback');
    await card.locator('[data-testid=approval-deny]').click();
    const run = frame.locator('article.agent-run').last();
    await run.locator('[data-testid=agent-run-status][data-status=done]').waitFor({ state: 'visible', timeout: 30_000 });
    const text = await run.innerText();
    assert(text.includes('Not done. The user denied this, so it was not done. Their feedback: leave the workspace as it is'), `the model did not get the feedback: ${text.slice(0, 600)}`);
    assert(!existsSync(path.join(server.workspace, 'agent-denied.txt')), 'the denied command ran');
  }, 180_000),

  uiTest('agent mode: Stop while a command runs in the terminal ends the task and kills the command', async ({ page, server, fakeModel: fake, screenshot }) => {
    fake.reset();
    server.updateWorkspaceSettings({
      'banyan.models.agent.provider': 'openai-compatible',
      'banyan.models.agent.baseUrl': fake.openaiBaseUrl,
      'banyan.models.agent.model': 'fake-model',
    });
    const pidFile = path.join(server.workspace, 'agent-sleep.pid');
    fake.addRule({
      name: 'stop',
      route: '/v1/chat/completions',
      prompt: /AGENT TASK: wait a long time/,
      reply: (req) => (tools(req).length === 0 ? { toolCalls: [call('run_command', { command: `echo $$ > agent-sleep.pid; echo waiting for Stop; sleep 300` })] } : { text: 'should not be asked again' }),
    });
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await frame.locator('[data-testid=mode-agent]').click();
    await frame.locator('[data-testid=agent-task-input]').fill('AGENT TASK: wait a long time');
    await frame.locator('[data-testid=agent-run]').click();
    const card = frame.locator('[data-testid=agent-approval]').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('[data-testid=approval-approve]').click();
    // Not there until the shell runs the command, and empty until its echo fills it.
    const pid = await waitFor('the command to write its PID', async () => Number(readIfThere(pidFile).trim()) || undefined, 30_000);
    // Its output is streamed into the panel (the step's row) while it runs, not only at its end.
    const step = frame.locator('article.agent-run').last().locator('[data-testid=agent-steps] .tool-step[data-status=running]');
    await step.locator('.tool-step-detail', { hasText: 'waiting for Stop' }).waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot('agent-command-output');
    await frame.locator('[data-testid=agent-stop]').click();
    const run = frame.locator('article.agent-run').last();
    await run.locator('[data-testid=agent-run-status][data-status=stopped]').waitFor({ state: 'visible', timeout: 20_000 });
    // The shell that ran the command is gone (a zombie waiting for its reaper counts as gone).
    assert(await waitUntilGone(pid, 10_000), `the command's shell ${pid} still runs after Stop`);
    assert(fake.requests({ path: '/v1/chat/completions' }).length === 1, 'the model was asked again after Stop');
    await screenshot('agent-stopped');
    // Later specs share this page: leave the panel in Chat mode.
    await frame.locator('[data-testid=mode-chat]').click();
    server.updateWorkspaceSettings({ 'banyan.agent.mcp.servers': undefined, 'banyan.models.agent.provider': undefined, 'banyan.models.agent.baseUrl': undefined, 'banyan.models.agent.model': undefined });
  }, 120_000),
];
