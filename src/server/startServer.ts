import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { BanyanServer } from './banyanServer';

export function startServer(): BanyanServer {
  const connection = createConnection(ProposedFeatures.all);
  const server = new BanyanServer(connection);
  server.listen();
  return server;
}
