import * as path from 'node:path';
import { EmbeddingCache } from '../../core/chat/embeddingCache';
import { gitContext } from '../../core/chat/gitContext';
import { parseMentions } from '../../core/chat/mentions';
import { queryTerms } from '../../core/chat/queryTerms';
import type { ChatReference, ChatStep } from '../../core/chat/chatTypes';
import { runChatTurn } from '../../core/chat/runChatTurn';
import type { CodeIndex } from '../../core/index/codeIndex';
import type { ModelHub } from '../../core/llm/modelClient';
import type { StreamEvent } from '../../core/llm/types';
import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError, type CliIO } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, workspaceSettings } from '../cliModels';
import { cliStorageDir, openCliIndex } from '../indexStorage';

const ROLES = ['chat', 'edit', 'agent'] as const;

/**
 * `banyan chat "question"`: one answer grounded in the workspace — the same retrieval, tool rounds and
 * `@` mentions (`@file:PATH`, `@symbol:NAME`, `@codebase`, `@git`) as the panel — then the references
 * it used. Without `--workspace`, with `--no-index`, or for a question that names nothing to look up
 * ("hi"), the model answers alone (plain chat, `--system` allowed).
 */
export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'Ask a question about the workspace; prints the answer and the code references used',
  usage: `banyan chat --workspace DIR "question" [--storage DIR] [--role chat|edit|agent] [--no-index [--system TEXT]] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...MODEL_FLAGS, role: { type: 'string' }, system: { type: 'string' }, storage: { type: 'string' }, 'no-index': { type: 'boolean' } });
    const message = positionals.join(' ').trim();
    if (!message) throw new CliError('chat needs a message, e.g. banyan chat "what does parseConfig do?"', 2);
    const role = (values.role ?? 'chat') as (typeof ROLES)[number];
    if (!ROLES.includes(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`, 2);
    const workspace = workspaceDir(values.workspace);
    const hub = cliHub(workspace, values, [role], io);
    const interrupt = interruptSignal();
    let index: CodeIndex | undefined;
    try {
      const { mentions } = parseMentions(message);
      const terms = queryTerms(message);
      // Grounding needs a workspace named on purpose, and a question that names something to look up.
      const nothingToFind = !mentions.length && !terms.cjk && !terms.identifiers.length && !terms.keywords.length;
      if (values['no-index'] || values.workspace === undefined || nothingToFind) return await plainChat(hub, role, message, values.system, { json: !!values.json, verbose: !!values.verbose }, interrupt.signal, io);
      index = await openCliIndex(workspace, values.storage ? { storage: values.storage } : {});
      const embedModel = String(workspaceSettings(workspace)['models.embeddings.model'] ?? '').trim();
      const steps: ChatStep[] = [];
      let cache: EmbeddingCache | undefined;
      const turn = runChatTurn(
        { history: [], question: message, mentions, attachments: [], role },
        {
          models: hub,
          index,
          roots: [workspace],
          gitContext,
          // Embeddings only when the workspace's settings name an embedding model.
          ...(embedModel ? { embed: async (texts: readonly string[]) => (await hub.embed(texts, interrupt.signal)).vectors, embeddingCache: cache = new EmbeddingCache(path.join(cliStorageDir(workspace, values.storage), 'chat-embeddings.bin'), embedModel), onEmbeddingError: (err: unknown) => values.verbose && io.stderr(`· retrieval without embeddings: ${cliModelError(err).message}`) } : {}),
        },
        interrupt.signal,
      );
      for (;;) {
        const r = await turn.next();
        if (r.done) {
          await cache?.flush(); // the vectors embedded for this question, for the next one
          const out = r.value;
          if (values.json) io.stdout(JSON.stringify({ answer: out.text, ...(out.thinking ? { thinking: out.thinking } : {}), references: out.references, steps: finalSteps(steps), usage: out.usage, model: out.model, toolRounds: out.toolRounds }, null, 2));
          else {
            if (values.verbose && out.thinking) io.stderr(`· ${thoughtFor(out.thinking.durationMs)}`);
            process.stdout.write(out.text.endsWith('\n') ? '' : '\n');
            if (out.references.length) io.stdout(`\nReferences:\n${out.references.map(formatReference).join('\n')}`);
          }
          return 0;
        }
        const ev = r.value;
        if (ev.type === 'text' && !values.json) process.stdout.write(ev.text);
        else if (ev.type === 'step') {
          steps.push(ev.step);
          if (values.verbose && ev.step.status !== 'running') io.stderr(`· ${ev.step.title}${ev.step.resultCount !== undefined ? ` · ${ev.step.resultCount} result${ev.step.resultCount === 1 ? '' : 's'}` : ''}`);
        }
      }
    } catch (err) {
      throw cliModelError(err);
    } finally {
      interrupt.dispose();
      await index?.close();
      await hub.dispose();
    }
  },
};

function formatReference(r: ChatReference): string {
  return `  ${r.path}:${r.startLine}${r.endLine !== r.startLine ? `-${r.endLine}` : ''}${r.symbol ? `  ${r.symbol}` : ''}`;
}

/** Each step once, in its last state. */
function finalSteps(steps: readonly ChatStep[]): ChatStep[] {
  const byId = new Map<string, ChatStep>();
  for (const s of steps) byId.set(s.id, s);
  return [...byId.values()];
}

/** The model alone: its answer on stdout (its reasoning never: with --verbose, how long it thought on stderr). */
async function plainChat(hub: ModelHub, role: (typeof ROLES)[number], message: string, system: string | undefined, o: { json: boolean; verbose: boolean }, signal: AbortSignal, io: CliIO): Promise<number> {
  let text = '';
  let done: Extract<StreamEvent, { type: 'done' }> | undefined;
  const messages = [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user' as const, content: message }];
  for await (const ev of hub.chat({ role, messages }, signal)) {
    if (ev.type === 'text') {
      text += ev.text;
      if (!o.json) process.stdout.write(ev.text);
    } else if (ev.type === 'done') done = ev;
  }
  if (o.json) {
    const { reasoning, ...rest } = done ?? ({} as Partial<NonNullable<typeof done>>);
    io.stdout(JSON.stringify({ answer: text, ...(reasoning?.text ? { thinking: { text: reasoning.text, durationMs: reasoning.durationMs } } : {}), ...rest }, null, 2));
  } else {
    process.stdout.write('\n');
    if (o.verbose && done?.reasoning?.text) io.stderr(`· ${thoughtFor(done.reasoning.durationMs)}`);
    if (o.verbose) for (const q of done?.quirks ?? []) io.stderr(`· server quirk: ${q}`);
  }
  return 0;
}

function thoughtFor(ms: number): string {
  return `thought for ${(ms / 1000).toFixed(1)} s before answering (reasoning not shown)`;
}
