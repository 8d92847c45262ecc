import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliStorageDir, openCliIndex } from '../indexStorage';
import { peakRssBytes } from '../peakRss';

/** `banyan index <dir>`: build or update the workspace's index and print its statistics. */
export const indexCommand: CliCommand = {
  name: 'index',
  summary: 'Build or update the code index of a folder and print its statistics',
  usage: 'banyan index [DIR] [--storage DIR] [--workers N] [--rebuild] [--json]\n  The index is kept in --storage, $BANYAN_INDEX_DIR or $XDG_CACHE_HOME/banyan/index/<name>-<hash>.',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' },
      storage: { type: 'string' },
      workers: { type: 'string' },
      rebuild: { type: 'boolean' },
      workspace: { type: 'string' },
    });
    const workspace = workspaceDir(positionals[0] ?? values.workspace);
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new CliError(`--workers must be a non-negative integer, got "${values.workers}"`, 2);
    const started = performance.now();
    const index = await openCliIndex(workspace, { ...(values.storage ? { storage: values.storage } : {}), ...(workers !== undefined ? { workers } : {}) });
    if (values.rebuild) await index.rebuild();
    await index.close();
    const st = index.stats();
    const result = {
      workspace,
      storage: cliStorageDir(workspace, values.storage),
      files: st.files,
      bytes: st.bytes,
      symbols: st.symbols,
      chunks: st.chunks,
      languages: st.languages,
      skipped: st.skipped,
      sizeOnDiskBytes: st.sizeOnDiskBytes,
      elapsedMs: Math.round(performance.now() - started),
      peakRssBytes: peakRssBytes(),
      ...(st.capped ? { capped: st.capped } : {}),
      errors: st.errors,
    };
    if (values.json) io.stdout(JSON.stringify(result, null, 2));
    else {
      const langs = Object.entries(st.languages).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ');
      io.stdout(
        [
          `Indexed ${workspace}`,
          `  files    ${st.files} (${(st.bytes / 1048576).toFixed(1)} MB)  ${langs}`,
          `  symbols  ${st.symbols}`,
          `  chunks   ${st.chunks}`,
          `  skipped  ${Object.entries(st.skipped).map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`,
          `  elapsed  ${result.elapsedMs} ms, peak RSS ${(result.peakRssBytes / 1048576).toFixed(0)} MB`,
          `  stored   ${result.storage} (${(st.sizeOnDiskBytes / 1048576).toFixed(1)} MB)`,
          ...(st.capped ? [`  note     ${st.capped}`] : []),
          ...st.errors.slice(0, 5).map((e) => `  error    ${e}`),
        ].join('\n'),
      );
    }
    return 0;
  },
};
