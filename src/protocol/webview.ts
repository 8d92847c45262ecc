/**
 * Every message between the chat webview and the extension, declared once. Both sides switch on
 * `type`; adding a message means adding it to one of the unions below and, for webview → extension,
 * to `isWebviewToExtension` (the extension drops anything that does not validate: a compromised or
 * buggy webview must not be able to make it run arbitrary work).
 *
 * Chat ownership: the extension owns conversations (persisted per workspace) and streams; the webview
 * only renders them. On `ready` (also after a webview reload mid-stream) the extension answers with
 * `chat/state`, whose active conversation carries the streaming message's text so far; later
 * `chat/delta` text carries its `offset`, so the webview detects a gap and asks `chat/requestState`.
 */
import type { AgentPlanItem, McpServerStatus, ServerStatus } from './lsp';

// ── Chat data ─────────────────────────────────────────────────────────────────────────────────────

export type MentionKind = 'file' | 'symbol' | 'codebase' | 'problems' | 'git';
export const MENTION_KINDS: readonly MentionKind[] = ['file', 'symbol', 'codebase', 'problems', 'git'];

/** An `@` mention the user picked; `value` is a workspace path (file) or symbol id, absent for the others. */
export interface Mention {
  readonly kind: MentionKind;
  readonly label: string;
  readonly value?: string;
}

/** One match the extension offers for `@file` / `@symbol`. */
export interface MentionItem {
  readonly kind: 'file' | 'symbol';
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
}

/** Context the extension attaches (active file, selection, added selections); the user may remove it. */
export interface ContextChip {
  readonly id: string;
  readonly kind: 'file' | 'selection';
  readonly label: string;
  readonly path: string;
  /** 1-based inclusive lines for a selection. */
  readonly startLine?: number;
  readonly endLine?: number;
}

/** A retrieval or tool step the model took before answering ("Searched `UserService` · 5 results"). */
export interface ToolStep {
  readonly id: string;
  readonly title: string;
  readonly status: 'running' | 'done' | 'error';
  readonly resultCount?: number;
  /** Plain text (paths, snippets); never rendered as HTML. */
  readonly detail?: string;
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  /** Markdown for the assistant, plain text for the user. */
  readonly text: string;
  readonly status: MessageStatus;
  readonly mentions?: readonly Mention[];
  readonly chips?: readonly ContextChip[];
  readonly steps?: readonly ToolStep[];
  readonly usage?: TokenUsage;
  readonly model?: string;
  /** What went wrong, said so the user can act; the partial text stays in `text`. */
  readonly error?: string;
  /**
   * The model's reasoning before the answer, shown folded above it ("Thought for N s"); never part
   * of `text`, so never copied, applied or sent back as history. `durationMs` is set once the answer started.
   */
  readonly thinking?: { readonly text: string; readonly durationMs?: number };
  readonly createdAt: number;
}

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly messageCount: number;
}

export interface Conversation {
  readonly id: string;
  readonly title: string;
  readonly messages: readonly ChatMessage[];
  readonly updatedAt: number;
}

export interface ModelInfo {
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
}

/** The full chat state the extension sends on `ready`, on `chat/requestState` and after big changes. */
export interface ChatState {
  readonly conversations: readonly ConversationSummary[];
  /** null: a new, empty conversation (created by the extension on the first send). */
  readonly active: Conversation | null;
  readonly models: readonly ModelInfo[];
  readonly selectedModel: string | null;
  readonly chips: readonly ContextChip[];
}

/** One streamed change to an assistant message. */
export type ChatDelta =
  /** `offset`: the message's text length before this chunk (gap detection after a reload). */
  | { readonly kind: 'text'; readonly offset: number; readonly text: string }
  /** Reasoning streamed; `offset` is the reasoning's length before this chunk (as for text). */
  | { readonly kind: 'thinking'; readonly offset: number; readonly text: string }
  /** The reasoning ended (the answer started): how long it took. */
  | { readonly kind: 'thought'; readonly durationMs: number }
  /** Adds a step or replaces the one with the same id. */
  | { readonly kind: 'step'; readonly step: ToolStep }
  | { readonly kind: 'usage'; readonly usage: TokenUsage }
  /** Ends the message as failed (the partial text stays, the panel offers Retry); a later `done` is ignored. */
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'done'; readonly status: 'done' | 'stopped' };

// ── Agent data ────────────────────────────────────────────────────────────────────────────────────

/** An approval card: Approve / Approve for this session / Deny with feedback. */
export interface AgentApprovalCard {
  readonly id: string;
  readonly category: 'read' | 'edit' | 'command' | 'mcp';
  readonly title: string;
  /** Unified diff, command line or JSON arguments; plain text. */
  readonly detail?: string;
}

export interface AgentStepView {
  readonly id: string;
  readonly tool: string;
  readonly title: string;
  readonly status: 'running' | 'done' | 'error' | 'denied';
  readonly detail?: string;
  /** A running command's output so far (its last AGENT_OUTPUT_MAX characters), as the terminal shows it. */
  readonly output?: string;
}

/** The most of a running command's output the panel holds. */
export const AGENT_OUTPUT_MAX = 20_000;

/** What the user answered to an approval card of a run. */
export interface AgentApprovalRecord {
  readonly category: AgentApprovalCard['category'];
  readonly title: string;
  /** `withdrawn`: the run stopped before the user answered (counts as a denial). */
  readonly decision: 'approve' | 'approveSession' | 'deny' | 'withdrawn';
  readonly feedback?: string;
}

/** One agent task in the panel, from the request to its end. */
export interface AgentRunView {
  readonly id: string;
  readonly task: string;
  readonly text: string;
  readonly plan: readonly AgentPlanItem[];
  readonly steps: readonly AgentStepView[];
  readonly status: 'running' | 'done' | 'stepLimit' | 'stopped' | 'error' | 'disabled';
  readonly error?: string;
  /** The approval cards of the run and the user's answers, in order. */
  readonly approvals?: readonly AgentApprovalRecord[];
  /** Files the run changed; "Restore checkpoint" puts them back. */
  readonly checkpoint?: { readonly id: string; readonly files: readonly string[]; readonly restored: boolean };
}

export interface AgentViewState {
  /** False in an untrusted workspace: the agent edits files and runs commands. */
  readonly enabled: boolean;
  readonly disabledReason?: string;
  readonly runs: readonly AgentRunView[];
  readonly approvals: readonly AgentApprovalCard[];
  readonly mcp: readonly McpServerStatus[];
}

// ── Webview → extension ───────────────────────────────────────────────────────────────────────────

export type WebviewToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'requestStatus' }
  | { readonly type: 'runCommand'; readonly command: WebviewCommand }
  | { readonly type: 'chat/requestState' }
  /** conversationId null: start a new conversation. `chipIds`: the chips shown when the user sent. */
  | { readonly type: 'chat/send'; readonly conversationId: string | null; readonly text: string; readonly mentions: readonly Mention[]; readonly chipIds: readonly string[] }
  | { readonly type: 'chat/stop'; readonly conversationId: string }
  /** Re-asks for the assistant message `messageId`, replacing it. */
  | { readonly type: 'chat/regenerate'; readonly conversationId: string; readonly messageId: string }
  /** Replaces user message `messageId` with `text`, drops everything after it and asks again. */
  | { readonly type: 'chat/editResend'; readonly conversationId: string; readonly messageId: string; readonly text: string; readonly mentions: readonly Mention[] }
  /** Retries the failed assistant message `messageId`. */
  | { readonly type: 'chat/retry'; readonly conversationId: string; readonly messageId: string }
  | { readonly type: 'chat/newConversation' }
  | { readonly type: 'chat/selectConversation'; readonly conversationId: string }
  | { readonly type: 'chat/delete'; readonly conversationId: string }
  | { readonly type: 'codeblock/copy'; readonly code: string }
  | { readonly type: 'codeblock/insert'; readonly code: string; readonly language: string | null }
  /** Goes through the edit engine (diff preview, Accept/Reject). `path`: the file the fence named, if any. */
  | { readonly type: 'codeblock/apply'; readonly code: string; readonly language: string | null; readonly path: string | null; readonly messageId: string }
  | { readonly type: 'mention/query'; readonly requestId: number; readonly kind: 'file' | 'symbol'; readonly query: string }
  | { readonly type: 'context/removeChip'; readonly chipId: string }
  /** A workspace-relative (or absolute workspace) path; 1-based line and column. */
  | { readonly type: 'openLocation'; readonly path: string; readonly line?: number; readonly column?: number }
  /** An http(s) or mailto link in an answer; the extension asks VS Code to open it. */
  | { readonly type: 'openExternal'; readonly url: string }
  | { readonly type: 'model/select'; readonly modelId: string }
  | { readonly type: 'agent/requestState' }
  | { readonly type: 'agent/run'; readonly task: string }
  | { readonly type: 'agent/stop' }
  /** The user's answer to an approval card; the only way anything the agent asks for gets approved. */
  | { readonly type: 'agent/approve'; readonly approvalId: string; readonly decision: 'approve' | 'approveSession' | 'deny'; readonly feedback?: string }
  | { readonly type: 'agent/restoreCheckpoint'; readonly runId: string };

/** Commands the webview may ask the extension to run; an allow-list, never a free-form command id. */
export type WebviewCommand = 'showLogs' | 'restartServer';

// ── Extension → webview ───────────────────────────────────────────────────────────────────────────

export type ExtensionToWebview =
  | { readonly type: 'status'; readonly status: ServerStatus | null; readonly clientState: ClientState }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'chat/state'; readonly state: ChatState }
  /** Adds or replaces one message of a conversation (the user's message on send, the new assistant message). */
  | { readonly type: 'chat/message'; readonly conversationId: string; readonly message: ChatMessage }
  | { readonly type: 'chat/delta'; readonly conversationId: string; readonly messageId: string; readonly delta: ChatDelta }
  | { readonly type: 'mention/results'; readonly requestId: number; readonly items: readonly MentionItem[] }
  | { readonly type: 'context/chips'; readonly chips: readonly ContextChip[] }
  /** E.g. after "Add Selection to Chat": focus the composer. */
  | { readonly type: 'chat/focusComposer' }
  | { readonly type: 'agent/state'; readonly state: AgentViewState };

export type ClientState = 'starting' | 'running' | 'stopped' | 'failed';

// ── Validation ────────────────────────────────────────────────────────────────────────────────────

/** Limits keep a hostile webview from making the extension hold or process huge payloads. */
export const LIMITS = { id: 200, text: 200_000, code: 2_000_000, query: 500, path: 4_096, url: 8_192, mentions: 50, chips: 50 } as const;

type Obj = Record<string, unknown>;

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const id = (v: unknown): v is string => str(v, LIMITS.id) && v.length > 0;
const optPosInt = (v: unknown) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 1);
const nullable = (v: unknown, max: number) => v === null || str(v, max);
const hasOnly = (m: Obj, keys: readonly string[]) => Object.keys(m).every((k) => k === 'type' || keys.includes(k));

function isMention(v: unknown): v is Mention {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Obj;
  return MENTION_KINDS.includes(m.kind as MentionKind) && str(m.label, LIMITS.path) && (m.value === undefined || str(m.value, LIMITS.path));
}

const mentions = (v: unknown) => Array.isArray(v) && v.length <= LIMITS.mentions && v.every(isMention);

function isExternalUrl(v: unknown): boolean {
  if (!str(v, LIMITS.url)) return false;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

/** Per message type: its fields' check. Unknown types and extra fields are rejected. */
const VALIDATORS: Record<WebviewToExtension['type'], (m: Obj) => boolean> = {
  ready: (m) => hasOnly(m, []),
  requestStatus: (m) => hasOnly(m, []),
  runCommand: (m) => hasOnly(m, ['command']) && (m.command === 'showLogs' || m.command === 'restartServer'),
  'chat/requestState': (m) => hasOnly(m, []),
  'chat/send': (m) =>
    hasOnly(m, ['conversationId', 'text', 'mentions', 'chipIds']) &&
    (m.conversationId === null || id(m.conversationId)) &&
    str(m.text, LIMITS.text) &&
    (m.text as string).trim().length > 0 &&
    mentions(m.mentions) &&
    Array.isArray(m.chipIds) &&
    m.chipIds.length <= LIMITS.chips &&
    m.chipIds.every(id),
  'chat/stop': (m) => hasOnly(m, ['conversationId']) && id(m.conversationId),
  'chat/regenerate': (m) => hasOnly(m, ['conversationId', 'messageId']) && id(m.conversationId) && id(m.messageId),
  'chat/editResend': (m) =>
    hasOnly(m, ['conversationId', 'messageId', 'text', 'mentions']) &&
    id(m.conversationId) &&
    id(m.messageId) &&
    str(m.text, LIMITS.text) &&
    (m.text as string).trim().length > 0 &&
    mentions(m.mentions),
  'chat/retry': (m) => hasOnly(m, ['conversationId', 'messageId']) && id(m.conversationId) && id(m.messageId),
  'chat/newConversation': (m) => hasOnly(m, []),
  'chat/selectConversation': (m) => hasOnly(m, ['conversationId']) && id(m.conversationId),
  'chat/delete': (m) => hasOnly(m, ['conversationId']) && id(m.conversationId),
  'codeblock/copy': (m) => hasOnly(m, ['code']) && str(m.code, LIMITS.code),
  'codeblock/insert': (m) => hasOnly(m, ['code', 'language']) && str(m.code, LIMITS.code) && nullable(m.language, LIMITS.id),
  'codeblock/apply': (m) =>
    hasOnly(m, ['code', 'language', 'path', 'messageId']) &&
    str(m.code, LIMITS.code) &&
    nullable(m.language, LIMITS.id) &&
    (m.path === null || (str(m.path, LIMITS.path) && (m.path as string).length > 0)) &&
    id(m.messageId),
  'mention/query': (m) =>
    hasOnly(m, ['requestId', 'kind', 'query']) && Number.isSafeInteger(m.requestId) && (m.requestId as number) >= 0 && (m.kind === 'file' || m.kind === 'symbol') && str(m.query, LIMITS.query),
  'context/removeChip': (m) => hasOnly(m, ['chipId']) && id(m.chipId),
  openLocation: (m) =>
    hasOnly(m, ['path', 'line', 'column']) && str(m.path, LIMITS.path) && (m.path as string).length > 0 && !(m.path as string).includes('\0') && optPosInt(m.line) && optPosInt(m.column),
  openExternal: (m) => hasOnly(m, ['url']) && isExternalUrl(m.url),
  'model/select': (m) => hasOnly(m, ['modelId']) && id(m.modelId),
  'agent/requestState': (m) => hasOnly(m, []),
  'agent/run': (m) => hasOnly(m, ['task']) && str(m.task, LIMITS.text) && (m.task as string).trim().length > 0,
  'agent/stop': (m) => hasOnly(m, []),
  'agent/approve': (m) =>
    hasOnly(m, ['approvalId', 'decision', 'feedback']) &&
    id(m.approvalId) &&
    (m.decision === 'approve' || m.decision === 'approveSession' || m.decision === 'deny') &&
    (m.feedback === undefined || str(m.feedback, LIMITS.text)),
  'agent/restoreCheckpoint': (m) => hasOnly(m, ['runId']) && id(m.runId),
};

export function isWebviewToExtension(value: unknown): value is WebviewToExtension {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const msg = value as Obj;
  const own = (k: string) => Object.prototype.hasOwnProperty.call(msg, k);
  if (!own('type') || typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(VALIDATORS, msg.type)) return false;
  return VALIDATORS[msg.type as WebviewToExtension['type']](msg);
}
