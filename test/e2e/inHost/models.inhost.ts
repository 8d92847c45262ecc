/**
 * "Banyan: Test Model Connection" in a real VS Code against the fake model server the e2e run starts
 * (BANYAN_E2E_MODEL_URL): the command runs a real FIM request and a real chat request through the
 * installed extension and its server, and reports a missing model with the fix.
 */
import * as vscode from 'vscode';
import { FakeModelServerRemote } from '../../fixtures/fakeModelServer/remoteControl';
import type { ModelTestReport } from '@src/protocol/lsp';
import { COMMANDS } from '@src/extension/commandIds';
import { assert, test } from './framework';

const ROLES = ['completion', 'chat'] as const;

function modelUrl(): string {
  const url = process.env.BANYAN_E2E_MODEL_URL;
  assert(url, 'BANYAN_E2E_MODEL_URL is not set: the e2e run starts the fake model server and passes its URL');
  return url;
}

async function configure(url: string, completionModel: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('banyan');
  const target = vscode.ConfigurationTarget.Global;
  await config.update('models.completion.provider', 'openai-compatible', target);
  await config.update('models.completion.baseUrl', `${url}/v1`, target);
  await config.update('models.completion.model', completionModel, target);
  // The fake's model name says nothing about its family: name the FIM format so a real FIM request goes out.
  await config.update('models.completion.template', 'qwen25-coder', target);
  await config.update('models.chat.provider', 'openai-compatible', target);
  await config.update('models.chat.baseUrl', url, target);
  await config.update('models.chat.model', 'fake-model', target);
}

async function reset(): Promise<void> {
  const config = vscode.workspace.getConfiguration('banyan');
  for (const role of ROLES) for (const field of ['provider', 'baseUrl', 'model', 'template']) await config.update(`models.${role}.${field}`, undefined, vscode.ConfigurationTarget.Global);
}

/** Runs the command until the server has seen the new settings (they travel asynchronously). */
async function testUntil(expectedModel: string): Promise<readonly ModelTestReport[]> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const reports = await vscode.commands.executeCommand<readonly ModelTestReport[]>(COMMANDS.testModelConnection.id, [...ROLES]);
    if (reports?.[0]?.model === expectedModel) return reports;
    assert(Date.now() < deadline, `the server never used the new settings: ${JSON.stringify(reports)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('Test Model Connection: real FIM and chat requests against the fake model server', async () => {
  const url = modelUrl();
  const fake = new FakeModelServerRemote(url);
  await fake.reset();
  await vscode.extensions.getExtension('banyan-dev.banyan')!.activate();
  try {
    await configure(url, 'fake-model');
    const reports = await testUntil('fake-model');
    assert(reports.length === 2 && reports.every((r) => r.ok), `report: ${JSON.stringify(reports, null, 1)}`);
    const completion = reports[0]!;
    assert(completion.checks.some((c) => c.name === 'fill-in-the-middle' && c.ok), 'no FIM check');
    const fim = await fake.requests({ path: '/v1/completions' });
    assert(fim.some((r) => String((r.body as { prompt?: string }).prompt).startsWith('<|fim_prefix|>')), 'no real FIM request reached the model server');
    assert((await fake.requests({ path: '/v1/chat/completions' })).length >= 1, 'no chat request reached the model server');
  } finally {
    await reset();
  }
}, 60_000);

test('Test Model Connection: a missing model is reported with the fix', async () => {
  const url = modelUrl();
  try {
    await configure(url, 'not-installed-model');
    const reports = await testUntil('not-installed-model');
    const completion = reports[0]!;
    assert(!completion.ok, 'a missing model passed the test');
    const failed = completion.checks.find((c) => !c.ok);
    assert(failed?.name === 'model present' && /banyan\.models\.completion\.model/.test(failed.fix ?? ''), `unexpected check: ${JSON.stringify(failed)}`);
  } finally {
    await reset();
  }
}, 60_000);
