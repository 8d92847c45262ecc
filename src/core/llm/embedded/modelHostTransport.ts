/**
 * What the `embedded` provider needs from whoever runs the model host (the server and the CLI inject
 * a supervisor that forks it): a call streamed as host events, and where a `model` setting points.
 * Core never starts processes for it and never imports the host.
 */
import type { HostCall, HostEvent, HostModelRef } from './hostProtocol';

export interface ModelHostTransport {
  /**
   * Runs one call in the host. Yields its events up to and including the final `done`, `result` or
   * `error`; aborting `signal` cancels it there at once (the sequence is free for the next request).
   * A host that dies mid-call ends the stream with an `error` event.
   */
  call(request: HostCall, signal: AbortSignal): AsyncIterable<HostEvent>;
  /** The file a `model` setting (catalogue id or path of a .gguf) names; throws ModelError when there is none. */
  resolveModel(model: string, role: string): HostModelRef;
  /** Ids and paths of the models available on this machine. */
  localModels(): string[];
}
