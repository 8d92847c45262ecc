import type { Connection } from 'vscode-languageserver/node';
import type { Logger } from '../core/logging/logger';

/**
 * Logger over `window/logMessage`. The client writes these into the Banyan LogOutputChannel at the
 * matching level, so the user's chosen log level filters them.
 */
export function connectionLogger(connection: Connection, debugEnabled: () => boolean): Logger {
  return {
    error: (m) => connection.console.error(m),
    warn: (m) => connection.console.warn(m),
    info: (m) => connection.console.info(m),
    // A debug-level line would be dropped by the channel's default level (info): the user who turned
    // on banyan.server.debugLogging wants to see these, so they go out as plain log lines.
    debug: (m) => {
      if (debugEnabled()) connection.console.log(`[debug] ${m}`);
    },
  };
}
