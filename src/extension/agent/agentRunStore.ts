/**
 * The agent's runs of this workspace (task, plan, steps, answers to approval cards, final answer,
 * checkpoint) and the id of the conversation they belong to, persisted in the extension's workspace
 * storage so past runs are shown after a window reload and their checkpoints can still be restored:
 * one file per run (`agent/runs/<id>.json`) plus `agent/index.json` (the conversation and the order),
 * so a run that streams rewrites only its own file. Bounded: the newest MAX_RUNS runs, each answer
 * cut to MAX_TEXT characters. Written atomically in the background (BackgroundFileWriter): coalesced
 * while a run streams, at once when it starts or ends; `flush` (the window closing) writes synchronously.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { BackgroundFileWriter } from '../../core/fs/backgroundFileWriter';
import { fileNameForId, readJsonFile } from '../../core/fs/jsonFiles';
import type { AgentRunView } from '../../protocol/webview';

const MAX_RUNS = 50;
const MAX_TEXT = 100_000;
const WRITE_DELAY_MS = 500;
/** As much of a command's output as its finished step shows. */
const OUTPUT_KEPT = 4000;

interface StoredIndex {
  readonly version: 1;
  readonly conversationId: string;
  /** Run ids, oldest first. */
  readonly order: readonly string[];
}

export class AgentRunStore {
  private readonly writer = new BackgroundFileWriter(WRITE_DELAY_MS);
  readonly conversationId: string;
  private current: readonly AgentRunView[] = [];

  /** @param dir the agent folder in the workspace storage; undefined keeps the runs in memory */
  constructor(private readonly dir: string | undefined) {
    const index = dir ? (readJsonFile(path.join(dir, 'index.json')) as Partial<StoredIndex> | undefined) : undefined;
    if (index?.version === 1 && typeof index.conversationId === 'string' && Array.isArray(index.order)) {
      this.conversationId = index.conversationId;
      // A file that cannot be read loses that run only.
      this.current = index.order.flatMap((id) => {
        const run = readJsonFile(this.runFile(id)) as AgentRunView | undefined;
        return run && run.id === id && Array.isArray(run.steps) ? [endedWithTheWindow(run)] : [];
      });
    } else {
      this.conversationId = randomUUID(); // none yet, or unreadable: a new conversation
    }
  }

  runs(): readonly AgentRunView[] {
    return this.current;
  }

  /**
   * Keeps `runs` (the newest MAX_RUNS) and writes the ones that changed (by identity) soon, or at
   * once with `immediate`; returns what is kept.
   */
  set(runs: readonly AgentRunView[], immediate: boolean): readonly AgentRunView[] {
    const before = new Map(this.current.map((r) => [r.id, r]));
    this.current = runs.length > MAX_RUNS ? runs.slice(-MAX_RUNS) : runs;
    if (!this.dir) return this.current;
    const kept = new Set(this.current.map((r) => r.id));
    for (const run of this.current) {
      if (before.get(run.id) === run) continue;
      this.writer.mark(this.runFile(run.id), () => {
        const now = this.current.find((r) => r.id === run.id);
        return now ? JSON.stringify(forDisk(now)) : null;
      }, immediate);
    }
    for (const id of before.keys()) if (!kept.has(id)) this.writer.mark(this.runFile(id), () => null, immediate);
    const orderChanged = this.current.length !== before.size || this.current.some((r) => !before.has(r.id));
    // After the run files it lists, so it never names one not yet written.
    if (orderChanged || this.writer.isMarked(path.join(this.dir, 'index.json'))) {
      this.writer.mark(path.join(this.dir, 'index.json'), () => JSON.stringify({ version: 1, conversationId: this.conversationId, order: this.current.map((r) => r.id) } satisfies StoredIndex), immediate);
    }
    return this.current;
  }

  flush(): void {
    this.writer.flushSync();
  }

  whenSaved(): Promise<void> {
    return this.writer.whenIdle();
  }

  private runFile(id: string): string {
    return path.join(this.dir!, 'runs', `${fileNameForId(id)}.json`);
  }
}

/** What is kept of a run: a bounded answer; of a running command's output only its tail, as the finished step keeps it. */
function forDisk(run: AgentRunView): AgentRunView {
  return {
    ...run,
    text: run.text.length > MAX_TEXT ? `${run.text.slice(0, MAX_TEXT)}\n\n… (cut)` : run.text,
    steps: run.steps.map(({ output, ...step }) => (output && !step.detail ? { ...step, detail: output.slice(-OUTPUT_KEPT) } : step)),
  };
}

/** A run cannot outlive the window that ran it: one still running when it closed was stopped. */
function endedWithTheWindow(run: AgentRunView): AgentRunView {
  if (run.status !== 'running') return run;
  return {
    ...run,
    status: 'stopped',
    error: 'the window closed while the task ran',
    steps: run.steps.map((s) => (s.status === 'running' ? { ...s, status: 'error' as const } : s)),
  };
}
