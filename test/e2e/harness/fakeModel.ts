import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * HOOK for the fake model server (test/fixtures/fakeModelServer, class FakeModelServer): the e2e run
 * starts one before code-server and passes its URL as BANYAN_E2E_MODEL_URL, which the extension host
 * and the Banyan server inherit. While the fixture does not exist yet the run goes on without it.
 */
export const MODEL_URL_ENV = 'BANYAN_E2E_MODEL_URL';

export interface RunningFakeModel {
  readonly url: string;
  stop(): Promise<void>;
}

/** The part of FakeModelServer the harness uses (imported dynamically: the fixture may not exist yet). */
interface FakeModelServerLike {
  start(): Promise<void>;
  /** e.g. http://127.0.0.1:41234; OpenAI routes are under /v1. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'fakeModelServer', 'fakeModelServer.ts');

export async function startFakeModel(): Promise<RunningFakeModel | undefined> {
  if (!existsSync(FIXTURE)) return undefined;
  const mod = (await import(FIXTURE)) as { FakeModelServer: new () => FakeModelServerLike };
  const server = new mod.FakeModelServer();
  await server.start();
  return { url: server.baseUrl, stop: () => server.close() };
}
