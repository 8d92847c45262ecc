/**
 * The server's state as the user sees it (status bar, chat view). Declared in the core, where
 * StatusModel builds it; src/protocol/lsp.ts re-exports it for the banyan/status messages.
 */
import type { EndpointHealth } from '../llm';

export type { EndpointHealth };

export type ServerState = 'starting' | 'ready' | 'indexing' | 'error';

export interface IndexProgress {
  readonly done: number;
  readonly total: number;
  readonly paused: boolean;
}

export interface ServerStatus {
  readonly state: ServerState;
  readonly version: string;
  /** Human-readable detail for the status bar tooltip, e.g. an error's cause and fix. */
  readonly message?: string;
  readonly indexing?: IndexProgress;
  readonly endpoints?: readonly EndpointHealth[];
  /** Milliseconds since the server process started. */
  readonly uptimeMs: number;
  readonly pid: number;
}
