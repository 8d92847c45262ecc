/**
 * The agent's vocabulary: what a tool is, what it may ask of the editor (injected interfaces the
 * server implements over LSP requests to the client, or the CLI/tests with child_process), and the
 * events a turn streams. No editor types here: the core never knows which editor runs it.
 */
import type { CodeIndex } from '../index/codeIndex';
import type { ToolDefinition } from '../llm';
import type { ApprovalCategory, ApprovalRequest } from './approval/approvalTypes';
import type { Checkpoint } from './checkpoint';
import type { AgentFileWriter } from './fileWriter';
import type { SideEffectLedger } from './sideEffectLedger';

/** Output and exit code of a command; `exitCode` is undefined when it was killed (timeout, Stop). */
export interface CommandResult {
  readonly output: string;
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;
  readonly killed: boolean;
  /** Process id where the runner knows it (for the ledger). */
  readonly pid?: number;
}

export interface CommandRun {
  readonly command: string;
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** Where commands run: a VS Code terminal with shell integration, or a child process. Abort kills. */
export interface Terminal {
  run(run: CommandRun, signal: AbortSignal): Promise<CommandResult>;
}

export interface Location {
  /** Absolute path. */
  readonly path: string;
  /** 0-based. */
  readonly line: number;
  readonly character: number;
}

export interface Diagnostic {
  readonly path: string;
  /** 0-based. */
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly source?: string;
}

/** What only the editor knows: its language services and its problems list. Each may be absent. */
export interface EditorServices {
  definitions?(file: string, line: number, character: number, signal: AbortSignal): Promise<readonly Location[]>;
  references?(file: string, line: number, character: number, signal: AbortSignal): Promise<readonly Location[]>;
  diagnostics?(files: readonly string[] | undefined, signal: AbortSignal): Promise<readonly Diagnostic[]>;
}

export type AgentIndex = Pick<CodeIndex, 'search' | 'symbols' | 'linesOf' | 'file' | 'filePaths'>;

export type ApprovalDecision =
  | { readonly kind: 'approve' }
  | { readonly kind: 'approveSession' }
  | { readonly kind: 'deny'; readonly feedback?: string };

/** Asks the user (approval card in the panel, or the test client). Only the user's answer counts. */
export type AskUser = (request: ApprovalRequest, signal: AbortSignal) => Promise<ApprovalDecision>;

/** Everything a tool may use while it runs. */
export interface ToolContext {
  readonly roots: readonly string[];
  readonly index: AgentIndex | undefined;
  readonly terminal: Terminal;
  readonly editor: EditorServices;
  readonly checkpoint: Checkpoint;
  readonly ledger: SideEffectLedger;
  readonly commandTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Asks for approval through the policy; resolves to undefined when approved, else the reason to tell the model. */
  approve(request: ApprovalRequest): Promise<string | undefined>;
  /** The text of the file as open in the editor (undefined when it is not open), to spot unsaved changes. */
  readonly editorText?: (file: string) => string | undefined;
  /** Applies file changes (the editor's workspace edit); an atomic disk write when absent. */
  readonly files?: AgentFileWriter;
}

export interface ToolOutcome {
  /** What the model reads. */
  readonly content: string;
  /** For the panel. */
  readonly title: string;
  readonly detail?: string;
  readonly failed?: boolean;
  /** Files this call changed (absolute), so problems can be fed back after edits. */
  readonly changedFiles?: readonly string[];
}

export interface AgentTool {
  readonly definition: ToolDefinition;
  readonly category: ApprovalCategory;
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutcome>;
}

export interface PlanItem {
  readonly step: string;
  readonly status: 'pending' | 'in_progress' | 'done';
}

export interface AgentStep {
  readonly id: string;
  readonly tool: string;
  readonly title: string;
  readonly status: 'running' | 'done' | 'error' | 'denied';
  readonly detail?: string;
}

export type AgentEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'step'; readonly step: AgentStep }
  | { readonly type: 'plan'; readonly plan: readonly PlanItem[] }
  /** The turn's checkpoint grew; `id` is what Restore sends back. */
  | { readonly type: 'checkpoint'; readonly id: string; readonly files: readonly string[] }
  | { readonly type: 'usage'; readonly promptTokens: number; readonly completionTokens: number };

export type AgentStopReason = 'done' | 'stepLimit' | 'stopped';

export interface AgentOutcome {
  readonly text: string;
  readonly reason: AgentStopReason;
  readonly steps: number;
  readonly plan: readonly PlanItem[];
}
