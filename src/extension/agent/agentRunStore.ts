/**
 * The agent's runs of this workspace (task, plan, steps, answers to approval cards, final answer,
 * checkpoint) and the id of the conversation they belong to, persisted in the extension's workspace
 * storage (`agent/runs.json`) so past runs are shown after a window reload and their checkpoints can
 * still be restored. Bounded: the newest MAX_RUNS runs, each answer cut to MAX_TEXT characters, no
 * live command output. Written atomically in the background (BackgroundFileWriter): coalesced while
 * a run streams, at once when it ends; `flush` (the window closing) writes synchronously.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BackgroundFileWriter } from '../../core/fs/backgroundFileWriter';
import type { AgentRunView } from '../../protocol/webview';

const MAX_RUNS = 50;
const MAX_TEXT = 100_000;
const WRITE_DELAY_MS = 500;
/** As much of a command's output as its finished step shows. */
const OUTPUT_KEPT = 4000;

interface StoredRuns {
  readonly version: 1;
  readonly conversationId: string;
  readonly runs: readonly AgentRunView[];
}

export class AgentRunStore {
  private readonly file: string | undefined;
  private readonly writer = new BackgroundFileWriter(WRITE_DELAY_MS);
  readonly conversationId: string;
  private current: readonly AgentRunView[];

  /** @param dir the agent folder in the workspace storage; undefined keeps the runs in memory */
  constructor(dir: string | undefined) {
    this.file = dir ? path.join(dir, 'runs.json') : undefined;
    const stored = this.load();
    this.conversationId = stored?.conversationId ?? randomUUID();
    this.current = stored?.runs ?? [];
  }

  runs(): readonly AgentRunView[] {
    return this.current;
  }

  /** Keeps `runs` (the newest MAX_RUNS) and writes them soon, or at once with `immediate`. */
  set(runs: readonly AgentRunView[], immediate: boolean): readonly AgentRunView[] {
    this.current = runs.length > MAX_RUNS ? runs.slice(-MAX_RUNS) : runs;
    if (this.file) this.writer.mark(this.file, () => JSON.stringify({ version: 1, conversationId: this.conversationId, runs: this.current.map(forDisk) } satisfies StoredRuns), immediate);
    return this.current;
  }

  flush(): void {
    this.writer.flushSync();
  }

  whenSaved(): Promise<void> {
    return this.writer.whenIdle();
  }

  private load(): StoredRuns | undefined {
    if (!this.file) return undefined;
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoredRuns>;
      if (raw.version !== 1 || typeof raw.conversationId !== 'string' || !Array.isArray(raw.runs)) return undefined;
      return { version: 1, conversationId: raw.conversationId, runs: raw.runs.map(endedWithTheWindow) };
    } catch {
      return undefined; // none yet, or unreadable: start a new conversation
    }
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
