/**
 * The built-in model stage (test/e2e/embedded/*.spec.ts): a code-server of its own with the platform
 * .vsix (llama.cpp inside), a fresh profile, and a local model hub serving the tiny GGUF slowly enough
 * to watch the download; the user settings name the hub's catalogue and keep llama.cpp on one thread
 * (a busy 2-core machine makes its spinning threads very slow). No fake model server runs here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { ModelHub } from '../../fixtures/modelHub/modelHub';
import { tinyGgufBytes } from '../../fixtures/tinyGguf/writeTinyGguf';
import type { EmbeddedContext } from '../embedded/embeddedContext';
import { CodeServer } from './codeServer';
import { SAMPLE_WORKSPACE, VSIX_PLATFORM } from './paths';
import { type E2eTest, type TestResult, report, runTests } from './testing';
import { waitForWorkbench } from './workbench';

export async function runEmbeddedStage(browser: Browser, runDir: string, shotsDir: string, files: readonly string[], load: (file: string) => Promise<E2eTest<EmbeddedContext>[]>): Promise<TestResult[]> {
  if (!existsSync(VSIX_PLATFORM)) return [report({ suite: 'embedded', name: 'setup', ok: false, ms: 0, error: `${VSIX_PLATFORM} is missing: run \`npm run package\` first` })];
  const hub = new ModelHub();
  await hub.start();
  const bytes = tinyGgufBytes();
  const model = { id: 'tiny-coder', name: 'Tiny Coder', file: 'tiny-coder.gguf', sizeBytes: bytes.length };
  // About 5 s for the whole file: long enough to see the progress, short enough for CI.
  hub.serve(`/models/${model.file}`, bytes, { bytesPerSecond: 100_000 });
  const dir = path.join(runDir, 'embedded');
  const catalogue = path.join(dir, 'catalogue.json');
  mkdirSync(path.join(dir, 'ud', 'User'), { recursive: true });
  writeFileSync(catalogue, JSON.stringify([{ ...model, url: hub.url(`/models/${model.file}`), sha256: createHash('sha256').update(bytes).digest('hex'), roles: ['completion', 'chat', 'edit', 'agent'] }], null, 2));
  const settings = {
    'files.autoSave': 'off', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
    'chat.commandCenter.enabled': false, 'extensions.ignoreRecommendations': true, 'git.openRepositoryInParentFolders': 'never',
    'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.suggestOnTriggerCharacters': false,
    'banyan.models.embedded.catalogueFile': catalogue, 'banyan.models.embedded.threads': 1, 'banyan.models.embedded.contextSize': 2048,
    'banyan.models.completion.maxTokens': 24,
    // Each completion's outcome ("none (reason)", timings) in the Banyan log: a failure explains itself.
    'banyan.server.debugLogging': true,
  };
  writeFileSync(path.join(dir, 'ud', 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const results: TestResult[] = [];
  let server: CodeServer | undefined;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    // The catalogue file is machine-scoped: the remote machine's settings hold it (see machineSettings).
    server = await CodeServer.start({ runDir: dir, vsix: VSIX_PLATFORM, workspace: SAMPLE_WORKSPACE, logLevel: 'debug', machineSettings: { 'banyan.models.embedded.catalogueFile': catalogue } });
    const page = await context.newPage();
    const screenshot = async (name: string) => {
      const file = path.join(shotsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    // A loaded CI machine serves the first page slowly: more than Playwright's default 30 s at times.
    await page.goto(server.workbenchUrl, { timeout: 180_000 });
    await waitForWorkbench(page);
    const ctx: EmbeddedContext = { page, server, hub, model, screenshot, log: (m) => console.log(`       ${m}`) };
    for (const file of files) {
      const suite = path.basename(file, '.spec.ts');
      console.log(`e2e: embedded ${suite}`);
      results.push(...(await runTests(suite, await load(file), ctx, async (t) => void (await screenshot(`FAILED-${suite}-${t.name.replace(/[^\w]+/g, '-').slice(0, 60)}`)))));
    }
  } catch (err) {
    results.push(report({ suite: 'embedded', name: 'setup', ok: false, ms: 0, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  } finally {
    await context.close().catch(() => undefined);
    await server?.stop();
    await hub.close();
  }
  return results;
}
