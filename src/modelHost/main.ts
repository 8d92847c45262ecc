/**
 * The model host process: runs llama.cpp (through node-llama-cpp) for Banyan's built-in model, so a
 * native crash, a slow load or a long generation never touches the language server or the extension
 * host. It speaks the messages of src/core/llm/embedded/hostProtocol.ts over Node's IPC channel and
 * exits when its parent goes away.
 */
import { ModelError } from '../core/llm/errors';
import type { HostMessage, HostOptions, HostRequest } from '../core/llm/embedded/hostProtocol';
import { LlamaRuntime } from './llamaRuntime';
import { TextCoalescer } from './textCoalescer';

const DEFAULT_OPTIONS: HostOptions = { threads: 0, contextSize: 0, gpu: 'auto', idleUnloadMs: 15 * 60_000 };

function send(message: HostMessage): void {
  // A parent that is gone cannot be told anything; the disconnect handler ends this process.
  if (process.connected) process.send!(message);
}

const runtime = new LlamaRuntime(DEFAULT_OPTIONS, (level, message) => send({ type: 'log', level, message }));
const running = new Map<number, AbortController>();

process.on('message', (raw: HostRequest) => {
  if (raw.op === 'cancel') {
    running.get(raw.id)?.abort(new ModelError('aborted', 'the request was cancelled'));
    return;
  }
  if (raw.op === 'configure') {
    void runtime.configure(raw.options).catch((err: unknown) => send({ type: 'log', level: 'error', message: `configure failed: ${String(err)}` }));
    return;
  }
  if (raw.op === 'warmUp') {
    void runtime.warmUp().catch((err: unknown) => send({ type: 'log', level: 'warn', message: err instanceof ModelError ? err.describe() : String(err) }));
    return;
  }
  const { id, ...call } = raw;
  const controller = new AbortController();
  running.set(id, controller);
  const text = new TextCoalescer((t) => send({ id, type: 'text', text: t }));
  runtime
    .run(call, (ev) => {
      if (ev.type === 'text') return text.push(ev.text);
      text.flush();
      send({ ...ev, id } as HostMessage);
    }, controller.signal)
    .then(
      (final) => {
        text.flush();
        send({ ...final, id } as HostMessage);
      },
      (err: unknown) => {
        text.flush();
        const e = controller.signal.aborted
          ? new ModelError('aborted', 'the request was cancelled')
          : err instanceof ModelError ? err : new ModelError('server', `the model host failed: ${err instanceof Error ? err.message : String(err)}`);
        send({ id, type: 'error', kind: e.kind, message: e.message, ...(e.fix ? { fix: e.fix } : {}) });
      },
    )
    .finally(() => running.delete(id));
});

process.on('disconnect', () => {
  void runtime.dispose().finally(() => process.exit(0));
});

send({ type: 'ready', pid: process.pid });
