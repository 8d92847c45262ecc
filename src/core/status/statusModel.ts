import type { EndpointHealth, IndexProgress, ServerState, ServerStatus } from './statusTypes';

type Listener = (status: ServerStatus) => void;

/**
 * The server's state as the user sees it (status bar, chat view). Parts of the engine report into it;
 * listeners hear about every effective change once, coalesced within a tick so a burst of index
 * progress does not flood the client.
 */
export class StatusModel {
  private state: ServerState = 'starting';
  private message: string | undefined;
  private indexing: IndexProgress | undefined;
  private endpoints = new Map<string, EndpointHealth>();
  private readonly listeners = new Set<Listener>();
  private scheduled = false;
  private readonly startedAt = Date.now();

  constructor(private readonly version: string) {}

  snapshot(): ServerStatus {
    const endpoints = [...this.endpoints.values()];
    const state: ServerState = this.state === 'ready' && this.indexing && !this.indexing.paused ? 'indexing' : this.state;
    return {
      state,
      version: this.version,
      uptimeMs: Date.now() - this.startedAt,
      pid: process.pid,
      ...(this.message !== undefined ? { message: this.message } : {}),
      ...(this.indexing ? { indexing: this.indexing } : {}),
      ...(endpoints.length ? { endpoints } : {}),
    };
  }

  setState(state: ServerState, message?: string): void {
    this.state = state;
    this.message = message;
    this.changed();
  }

  setIndexing(progress: IndexProgress | undefined): void {
    this.indexing = progress;
    this.changed();
  }

  setEndpointHealth(health: EndpointHealth): void {
    this.endpoints.set(`${health.role}\u0000${health.endpoint}`, health);
    this.changed();
  }

  /** Forgets the health of every endpoint of a role (its configuration changed). */
  clearEndpointHealth(role: string): void {
    let changed = false;
    for (const [key, h] of this.endpoints) if (h.role === role && this.endpoints.delete(key)) changed = true;
    if (changed) this.changed();
  }

  onChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const snap = this.snapshot();
      for (const l of this.listeners) l(snap);
    });
  }
}
