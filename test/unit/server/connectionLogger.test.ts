import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { connectionLogger } from '@src/server/connectionLogger';

/** A connection whose console records which window/logMessage level each line was sent at. */
function recordingConnection(): { connection: Connection; sent: [string, string][] } {
  const sent: [string, string][] = [];
  const level = (name: string) => (m: string) => void sent.push([name, m]);
  const console = { error: level('error'), warn: level('warn'), info: level('info'), log: level('log'), debug: level('debug') };
  return { connection: { console } as unknown as Connection, sent };
}

describe('connectionLogger', () => {
  it('sends debug lines only with debug logging on, as plain log lines the default channel level shows', () => {
    let debug = false;
    const { connection, sent } = recordingConnection();
    const logger = connectionLogger(connection, () => debug);
    logger.debug('hidden');
    logger.info('shown');
    debug = true;
    logger.debug('MCP servers configured: none');
    assert.deepEqual(sent, [
      ['info', 'shown'],
      ['log', '[debug] MCP servers configured: none'],
    ]);
  });
});
