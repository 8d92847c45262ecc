/**
 * worker_threads entry (bundled to dist/workers/parseWorker.js): processes batches of files with its
 * own tree-sitter runtime so parsing never runs on the server's message loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type FileResult, processFile } from './fileProcessor';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './parserPool';
import { TreeSitterRuntime } from './treeSitterRuntime';

const setup = workerData as WorkerSetup;
const runtime = TreeSitterRuntime.create(setup.grammarsDir);

parentPort!.on('message', (request: WorkerRequest) => {
  void (async () => {
    let reply: WorkerReply;
    try {
      const rt = await runtime;
      const results: FileResult[] = [];
      for (const task of request.tasks) results.push(await processFile(rt, task));
      reply = { id: request.id, results };
    } catch (err) {
      reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
    }
    // File bytes going back for tokenizing are moved, not copied.
    const transfer: ArrayBuffer[] = [];
    if ('results' in reply) {
      for (const r of reply.results) if (r.kind === 'extracted') transfer.push(r.bytes.buffer as ArrayBuffer);
    }
    parentPort!.postMessage(reply, transfer);
  })();
});
