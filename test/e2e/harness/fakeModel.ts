import { FakeModelServer } from '../../fixtures/fakeModelServer';

/**
 * The fake model server for an e2e run: started before code-server, its address passed as
 * BANYAN_E2E_MODEL_URL, which the extension host and the Banyan server inherit. UI specs script it
 * directly (`ctx.fakeModel`); in-host tests through its control endpoint (FakeModelServerRemote).
 */
export const MODEL_URL_ENV = 'BANYAN_E2E_MODEL_URL';

export async function startFakeModel(): Promise<FakeModelServer> {
  const server = new FakeModelServer();
  await server.start();
  return server;
}
