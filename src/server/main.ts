/**
 * Entry point of the Banyan language server (dist/server.js). The transport is chosen by the process
 * arguments: `--node-ipc` when the extension starts it, `--stdio` from `banyan serve --stdio`.
 */
import { startServer } from './startServer';

startServer();
