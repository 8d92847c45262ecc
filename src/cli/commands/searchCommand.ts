import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { openCliIndex } from '../indexStorage';

/** `banyan search <query>`: ranked chunks from the workspace's index (BM25, or Jaccard with --similar). */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search the code index: ranked chunks for a query',
  usage: 'banyan search <query> [--workspace DIR] [--limit N] [--similar] [--storage DIR] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      workspace: { type: 'string' },
      limit: { type: 'string' },
      similar: { type: 'boolean' },
      storage: { type: 'string' },
      json: { type: 'boolean' },
    });
    const query = positionals.join(' ').trim();
    if (!query) throw new CliError('search needs a query, e.g. banyan search "parse config"', 2);
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive integer, got "${values.limit}"`, 2);
    const workspace = workspaceDir(values.workspace);
    const index = await openCliIndex(workspace, values.storage ? { storage: values.storage } : {});
    const started = performance.now();
    const hits = values.similar ? index.similar(query, { limit }) : index.search(query, { limit });
    const ms = performance.now() - started;
    await index.close();
    if (values.json) {
      io.stdout(JSON.stringify({ query, tookMs: Number(ms.toFixed(2)), hits: hits.map((h) => ({ file: h.rel, path: h.path, startLine: h.startLine, endLine: h.endLine, score: Number(h.score.toFixed(4)), symbol: h.symbol ?? null, text: h.text ?? '' })) }, null, 2));
    } else if (!hits.length) {
      io.stdout(`No results for "${query}".`);
    } else {
      for (const h of hits) {
        io.stdout(`${h.rel}:${h.startLine + 1}-${h.endLine + 1}  ${h.score.toFixed(2)}${h.symbol ? `  ${h.symbol}` : ''}`);
        const lines = (h.text ?? '').split('\n');
        io.stdout(`${lines.slice(0, 6).map((l) => `    ${l}`).join('\n')}${lines.length > 6 ? '\n    …' : ''}\n`);
      }
    }
    return 0;
  },
};
