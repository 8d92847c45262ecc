/**
 * Records every module file this process loads, through require() and import alike, and writes them
 * (one absolute path per line) to $BANYAN_TRACE_OUT at exit. Loaded with --require.
 */
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const { isMainThread, MessageChannel } = require('node:worker_threads');
const { pathToFileURL, fileURLToPath } = require('node:url');

function trace() {
  const seen = new Set();
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (...args) {
    const file = resolve.apply(this, args);
    if (typeof file === 'string' && file.includes('/')) seen.add(file);
    return file;
  };
  // ESM: a resolve hook in the loader thread reports each resolved file: URL.
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => {
    if (url.startsWith('file:')) seen.add(fileURLToPath(url));
  });
  port1.unref();
  Module.register(pathToFileURL(require.resolve('./traceHooks.mjs')), { data: { port: port2 }, transferList: [port2] });
  process.on('exit', () => writeFileSync(process.env.BANYAN_TRACE_OUT, [...seen].sort().join('\n')));
}

// The module loader's own thread runs --require preloads too: trace the main thread only.
if (isMainThread) trace();
