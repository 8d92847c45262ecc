/**
 * Every custom LSP method Banyan speaks between the extension (client) and the server, declared once.
 * Standard LSP methods (textDocument/inlineCompletion, workspace/applyEdit, $/progress) are not here:
 * they come typed from the LSP libraries.
 *
 * Shapes the engine itself produces (status, model reports, chat events, edits) are declared in the
 * core and re-exported here under their wire names; this file declares the messages and the wrappers
 * that exist only on the wire. The core never imports this file.
 */
import { toClient, toServer } from './typed';
import type {
  ChatAttachment as ChatTurnAttachment,
  ChatMention as ChatTurnMention,
  ChatReference as ChatTurnReference,
  ChatTurnEvent,
  ChatUsage as ChatTurnUsage,
  HistoryTurn as ChatTurnHistoryMessage,
} from '../core/chat/chatTypes';
import type { EditResult, Range } from '../core/edit/types';
import type { ModelRole, ModelTestReport, RoleMetrics } from '../core/llm/types';
import type { ServerStatus } from '../core/status/statusTypes';

// ───────────────────────────── initialize ─────────────────────────────

/** `initializationOptions` of the initialize request. */
export interface InitializationOptions {
  /** Folder for per-workspace state (index snapshot, metrics); the extension's storageUri. */
  readonly storageDir?: string;
  /** Folder for state shared across workspaces; the extension's globalStorageUri. */
  readonly globalStorageDir?: string;
  /** Where the grammar .wasm files live (dist/grammars inside the extension). */
  readonly grammarsDir?: string;
  /** The `banyan` settings section at start, so features need not wait for a configuration pull. */
  readonly settings?: unknown;
  /** VS Code's `files.exclude` / `search.exclude` and `http.*` settings that the engine honours. */
  readonly editorSettings?: EditorSettings;
  /** Secrets (API keys) at start; later changes come through banyan/setSecrets. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Where the client runs: "desktop", "web" (code-server), or "cli". */
  readonly clientKind?: 'desktop' | 'web' | 'cli';
  /** VS Code workspace trust (absent: trusted, e.g. the CLI); no MCP server starts in an untrusted workspace. */
  readonly trusted?: boolean;
}

/** The parts of other VS Code settings the engine needs, pushed by the client on change. */
export interface EditorSettings {
  readonly filesExclude?: Readonly<Record<string, boolean>>;
  readonly searchExclude?: Readonly<Record<string, boolean>>;
  readonly httpProxy?: string;
  readonly httpProxyStrictSSL?: boolean;
  readonly httpNoProxy?: readonly string[];
}

/** Client → server: the `banyan` section and the relevant editor settings after a change. */
export interface SettingsChangedParams {
  readonly settings: unknown;
  readonly editorSettings: EditorSettings;
  /** Workspace trust now (it is granted during a session); absent: unchanged. */
  readonly trusted?: boolean;
}
export const SettingsChangedNotification = toServer.notification<SettingsChangedParams>('banyan/settingsChanged');

// ───────────────────────────── server state ─────────────────────────────

export type { EndpointHealth, IndexProgress, ServerState, ServerStatus } from '../core/status/statusTypes';

/** Client → server: the current status. */
export const StatusRequest = toServer.request<void, ServerStatus>('banyan/status');
/** Server → client: pushed whenever any field of the status changes. */
export const StatusChangedNotification = toClient.notification<ServerStatus>('banyan/statusChanged');

// ───────────────────────────── secrets ─────────────────────────────

/**
 * Client → server: API keys read from SecretStorage, keyed by secret id (e.g. "banyan.apiKey.chat").
 * Sent over the private IPC channel only; the server keeps them in memory and never logs them.
 */
export interface SetSecretsParams {
  readonly secrets: Readonly<Record<string, string>>;
}
export const SetSecretsNotification = toServer.notification<SetSecretsParams>('banyan/setSecrets');

// ───────────────────────────── models ─────────────────────────────

export type { ModelCheck, ModelRole, ModelTestReport, RoleMetrics } from '../core/llm/types';

export interface TestModelsParams {
  /** Roles to test; all configured roles when omitted. */
  readonly roles?: readonly ModelRole[];
}
export const TestModelsRequest = toServer.request<TestModelsParams, readonly ModelTestReport[]>('banyan/models/test');

export interface ListModelsParams {
  readonly baseUrl: string;
  readonly provider: string;
  /** Secret id whose stored value (if any) authenticates the call. */
  readonly secretId?: string;
  /** A key typed in but not stored yet (Configure Model); wins over secretId. Never logged. */
  readonly apiKey?: string;
}
export const ListModelsRequest = toServer.request<ListModelsParams, readonly string[]>('banyan/models/list');

export const ModelMetricsRequest = toServer.request<void, readonly RoleMetrics[]>('banyan/models/metrics');

// ───────────────────────────── index ─────────────────────────────

export interface IndexStats {
  /** False when `banyan.index.enabled` is off (everything else is then zero). */
  readonly enabled: boolean;
  readonly files: number;
  readonly bytes: number;
  readonly symbols: number;
  readonly chunks: number;
  /** Files per language (tree-sitter languages by name, other text files by extension). */
  readonly languages: Readonly<Record<string, number>>;
  /** Files left out, by reason: binary, too-large, minified, unreadable. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly sizeOnDiskBytes: number;
  /** Where the snapshot is stored. */
  readonly storagePath?: string;
  /** ISO time of the last change to the index. */
  readonly lastUpdated?: string;
  readonly errors: readonly string[];
  readonly state: 'idle' | 'scanning' | 'indexing' | 'paused';
  /** Set when the file cap was reached: what happened and what to do. */
  readonly capped?: string;
}
export const IndexStatusRequest = toServer.request<void, IndexStats>('banyan/index/status');
/** Drops the index and builds it again; resolves when the rebuild has started. */
export const ReindexRequest = toServer.request<void, void>('banyan/index/reindex');
export const PauseIndexingRequest = toServer.request<{ readonly paused: boolean }, void>('banyan/index/pause');

export interface SearchParams {
  readonly query: string;
  readonly limit?: number;
  /** `bm25` (default): ranked by query terms; `similar`: Jaccard similarity to the query text as a snippet. */
  readonly mode?: 'bm25' | 'similar';
  /** Absolute paths left out of the results (e.g. the file being edited). */
  readonly excludeFiles?: readonly string[];
}
export interface SearchHit {
  /** Absolute path. */
  readonly file: string;
  /** Relative to its workspace folder, forward slashes. */
  readonly rel: string;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
  readonly score: number;
  /** The innermost symbol the chunk starts in, e.g. `UserService.findUser`. */
  readonly symbol?: string;
}
export const SearchRequest = toServer.request<SearchParams, readonly SearchHit[]>('banyan/index/search');

export interface SymbolsParams {
  readonly name: string;
  /** Exact name (default) or ranked name matching (exact, prefix, substring; case-insensitive). */
  readonly match?: 'exact' | 'fuzzy';
  readonly limit?: number;
}
export interface SymbolDefinition {
  readonly name: string;
  /** function, method, class, interface, type, enum, struct, trait, constant, module, property, macro. */
  readonly kind: string;
  readonly container?: string;
  readonly file: string;
  readonly rel: string;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly nameLine: number;
  readonly signature: string;
}
export const SymbolsRequest = toServer.request<SymbolsParams, readonly SymbolDefinition[]>('banyan/index/symbols');

/** Client → server: file events from the client's watcher (absolute file-system paths), coalesced. */
export interface FileEventsParams {
  readonly created: readonly string[];
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
}
export const FileEventsNotification = toServer.notification<FileEventsParams>('banyan/index/fileEvents');

// ───────────────────────────── rewrite ─────────────────────────────

/** Client → server: rewrite a range of a synced document (an empty range generates at the cursor). */
export interface RewriteStartParams {
  readonly uri: string;
  /** The document version the client sees; the server refuses a rewrite of another version. */
  readonly version: number;
  readonly range: Range;
  readonly instruction: string;
  /** Retry with feedback: the previous answer of the model and what the user said about it. */
  readonly feedback?: { readonly previousAnswer: string; readonly text: string };
}
export interface RewriteStarted {
  readonly rewriteId: number;
}
/** Answers at once; progress and the outcome follow as notifications carrying `rewriteId`. */
export const RewriteStartRequest = toServer.request<RewriteStartParams, RewriteStarted>('banyan/rewrite/start');
export const RewriteCancelRequest = toServer.request<{ readonly rewriteId: number }, void>('banyan/rewrite/cancel');

/** Server → client: the code the model has written so far (display only). */
export interface RewriteProgressParams {
  readonly rewriteId: number;
  readonly uri: string;
  readonly text: string;
  /** True once the code block has closed. */
  readonly complete: boolean;
}
export const RewriteProgressNotification = toClient.notification<RewriteProgressParams>('banyan/rewrite/progress');

/**
 * Server → client: how a rewrite ended. `result` (the edit engine's EditResult against `version`) when
 * the model answered; otherwise `stopped` says why (`document-changed`, `superseded`, `cancelled`,
 * `disposed`, `failed`: a model or prompt error) and `message` what to do.
 */
export interface RewriteDoneParams {
  readonly rewriteId: number;
  readonly uri: string;
  readonly version: number;
  readonly result?: EditResult;
  /** The model's whole answer, for a retry with feedback. */
  readonly answer?: string;
  readonly stopped?: 'document-changed' | 'superseded' | 'cancelled' | 'disposed' | 'failed';
  readonly message?: string;
}
export const RewriteDoneNotification = toClient.notification<RewriteDoneParams>('banyan/rewrite/done');

// ───────────────────────────── chat ─────────────────────────────

export type {
  ChatAttachment as ChatTurnAttachment,
  ChatMention as ChatTurnMention,
  ChatMentionKind,
  ChatReference as ChatTurnReference,
  ChatStep as ChatTurnStep,
  ChatTurnEvent,
  ChatUsage as ChatTurnUsage,
  HistoryTurn as ChatTurnHistoryMessage,
} from '../core/chat/chatTypes';

export interface ChatTurnParams {
  /** Chosen by the client; progress notifications and cancel name it. */
  readonly turnId: string;
  readonly history: readonly ChatTurnHistoryMessage[];
  readonly question: string;
  readonly mentions: readonly ChatTurnMention[];
  readonly attachments: readonly ChatTurnAttachment[];
  /** The model picker's choice: the role whose model answers (chat, edit or agent). */
  readonly role?: 'chat' | 'edit' | 'agent';
}

/** Server → client while a turn runs, in order. */
export interface ChatProgressParams {
  readonly turnId: string;
  readonly event: ChatTurnEvent;
}
export const ChatProgressNotification = toClient.notification<ChatProgressParams>('banyan/chat/progress');

export interface ChatTurnResult {
  /** `error`: the model failed; `text` holds what streamed before (the panel keeps it and offers Retry). */
  readonly status: 'done' | 'stopped' | 'error';
  readonly text: string;
  readonly usage?: ChatTurnUsage;
  readonly references: readonly ChatTurnReference[];
  readonly model?: string;
  /** What went wrong and what to do, for status `error`. */
  readonly error?: string;
}
/** Client → server: runs one chat turn; resolves when the answer is complete, stopped or failed. */
export const ChatTurnRequest = toServer.request<ChatTurnParams, ChatTurnResult>('banyan/chat/turn');
/** Client → server: stops a running turn (the request's own cancellation does the same). */
export const ChatCancelNotification = toServer.notification<{ readonly turnId: string }>('banyan/chat/cancel');

export interface MentionSearchParams {
  readonly kind: 'file' | 'symbol';
  readonly query: string;
  readonly limit?: number;
}
export interface MentionCandidate {
  readonly kind: 'file' | 'symbol';
  /** What the popup shows: a file's name, a symbol's (qualified) name. */
  readonly label: string;
  /** Workspace-relative path (file) or symbol name. */
  readonly value: string;
  /** The folder, or a symbol's kind and place. */
  readonly detail?: string;
}
/** Client → server: `@file` (fuzzy over indexed paths) and `@symbol` candidates. */
export const MentionSearchRequest = toServer.request<MentionSearchParams, readonly MentionCandidate[]>('banyan/chat/mentions');

// ───────────────────────────── completions ─────────────────────────────
// Suggestions themselves travel over the standard textDocument/inlineCompletion request.

/** Client → server: the user accepted a suggestion (the item's command) or a word/line of it. */
export interface CompletionAcceptedParams {
  /** The id the server put into the item's command arguments. */
  readonly id: string;
  readonly kind: 'full' | 'partial';
}
export const CompletionAcceptedNotification = toServer.notification<CompletionAcceptedParams>('banyan/completion/accepted');

/** Client → server: no automatic suggestions for `minutes` (0 ends a snooze); returns the minutes left. */
export const CompletionSnoozeRequest = toServer.request<{ readonly minutes: number }, { readonly snoozedForMs: number }>('banyan/completion/snooze');

/** Shown/accepted/partially accepted/dismissed counts, latency split, cache share, request economy. */
export type CompletionMetricsReport = import('../core/completion/completionMetrics').CompletionMetricsSnapshot & {
  readonly engine: import('../core/completion/pipeline/completionEngine').EngineStats;
  readonly snoozedForMs: number;
};
export const CompletionMetricsRequest = toServer.request<void, CompletionMetricsReport>('banyan/completion/metrics');

/** The command id the server puts on every inline completion item, so accepting it reports back. */
export const COMPLETION_ACCEPTED_COMMAND = 'banyan.internal.completionAccepted';

// ───────────────────────────── agent ─────────────────────────────
// Types of the events come from the core (src/core/agent/types.ts) so the two cannot drift.

export type AgentTurnEvent = import('../core/agent/types').AgentEvent;
export type AgentPlanItem = import('../core/agent/types').PlanItem;
export type AgentStepInfo = import('../core/agent/types').AgentStep;
export type AgentDiagnostic = import('../core/agent/types').Diagnostic;
export type AgentLocation = import('../core/agent/types').Location;
export type McpServerStatus = import('../core/agent/mcp/mcpTypes').McpServerStatus;

export interface AgentTurnParams {
  readonly turnId: string;
  /** The side-effect ledger belongs to the conversation and outlives its turns. */
  readonly conversationId: string;
  readonly task: string;
  readonly history: readonly ChatTurnHistoryMessage[];
  /** VS Code workspace trust; the server refuses agent turns in an untrusted workspace. */
  readonly trusted: boolean;
  /**
   * What the client answers server → client: without `terminal` commands run as server child
   * processes; without `fileChanges` the server writes file changes to disk itself (atomically).
   */
  readonly client: { readonly terminal: boolean; readonly diagnostics: boolean; readonly locations: boolean; readonly fileChanges?: boolean };
}

/** Server → client while an agent turn runs, in order. */
export interface AgentProgressParams {
  readonly turnId: string;
  readonly event: AgentTurnEvent;
}
export const AgentProgressNotification = toClient.notification<AgentProgressParams>('banyan/agent/progress');

export interface AgentTurnResult {
  /** `disabled`: untrusted workspace; `stepLimit`: stopped at banyan.agent.maxSteps. */
  readonly status: 'done' | 'stepLimit' | 'stopped' | 'error' | 'disabled';
  readonly text: string;
  readonly steps: number;
  readonly plan: readonly AgentPlanItem[];
  /** Set when the turn changed files: "Restore checkpoint" sends it back. */
  readonly checkpointId?: string;
  readonly checkpointFiles: readonly string[];
  readonly error?: string;
}
/** Client → server: runs one agent turn; resolves when the agent is done, stopped or failed. */
export const AgentTurnRequest = toServer.request<AgentTurnParams, AgentTurnResult>('banyan/agent/turn');
/** Client → server: Stop — aborts the model stream and kills a running command at once. */
export const AgentCancelNotification = toServer.notification<{ readonly turnId: string }>('banyan/agent/cancel');
/** Client → server: puts every file the turn touched back byte for byte; returns them (absolute). */
export const AgentRestoreCheckpointRequest = toServer.request<{ readonly checkpointId: string }, { readonly restored: readonly string[] }>('banyan/agent/restoreCheckpoint');

/** Server → client: an approval card. Only the user's answer decides; the model never sees this. */
export interface AgentApprovalParams {
  readonly turnId: string;
  readonly category: 'read' | 'edit' | 'command' | 'mcp';
  readonly tool: string;
  readonly title: string;
  /** Unified diff (edits), command line (commands), JSON arguments (MCP). */
  readonly detail?: string;
  readonly command?: string;
  readonly path?: string;
}
export interface AgentApprovalResult {
  readonly decision: 'approve' | 'approveSession' | 'deny';
  readonly feedback?: string;
}
export const AgentApprovalRequest = toClient.request<AgentApprovalParams, AgentApprovalResult>('banyan/agent/approval');

/** Server → client: run a command in a terminal with shell integration; LSP cancellation kills it. */
export interface AgentRunCommandParams {
  readonly turnId: string;
  readonly command: string;
  readonly cwd: string;
  readonly timeoutMs: number;
}
export interface AgentRunCommandResult {
  readonly output: string;
  readonly exitCode?: number;
  readonly timedOut: boolean;
  readonly killed: boolean;
  readonly pid?: number;
}
export const AgentRunCommandRequest = toClient.request<AgentRunCommandParams, AgentRunCommandResult>('banyan/agent/runCommand');

/** Server → client: the editor's problems for these files (absolute paths), or all when omitted. */
export const AgentDiagnosticsRequest = toClient.request<{ readonly paths?: readonly string[] }, readonly AgentDiagnostic[]>('banyan/agent/diagnostics');

/** Server → client: the editor's definition or reference provider at a position (0-based). */
export interface AgentLocationsParams {
  readonly kind: 'definition' | 'references';
  readonly path: string;
  readonly line: number;
  readonly character: number;
}
export const AgentLocationsRequest = toClient.request<AgentLocationsParams, readonly AgentLocation[]>('banyan/agent/locations');

/**
 * Server → client (when the turn's `client.fileChanges`): apply one agent file change as one
 * workspace edit (a diff, one undo step) and save it; `text: null` deletes the file. `applied:
 * false` (with why in `message`): the change did not reach the file on disk; the model is told.
 */
export interface AgentApplyFileChangeParams {
  readonly turnId: string;
  /** Absolute path. */
  readonly path: string;
  readonly text: string | null;
}
export interface AgentApplyFileChangeResult {
  readonly applied: boolean;
  readonly message?: string;
}
export const AgentApplyFileChangeRequest = toClient.request<AgentApplyFileChangeParams, AgentApplyFileChangeResult>('banyan/agent/applyFileChange');

/** Client → server: the configured MCP servers, their state and tools. */
export const AgentMcpStatusRequest = toServer.request<void, readonly McpServerStatus[]>('banyan/agent/mcpStatus');
/** Server → client: MCP servers connected, failed or changed. */
export const AgentMcpChangedNotification = toClient.notification<readonly McpServerStatus[]>('banyan/agent/mcpChanged');

// ───────────────────────────── next edit ─────────────────────────────
// The engine's types come from the core (src/core/nextEdit) so the two cannot drift.

/** Why the client asks: after an edit pause, a cursor move soon after an edit, after an accept (the chain), or on request. */
export type NextEditTrigger = 'edit' | 'cursor' | 'accept' | 'explicit';

export interface NextEditParams {
  readonly textDocument: { readonly uri: string; readonly version: number };
  readonly position: Range['start'];
  readonly trigger: NextEditTrigger;
  /** Errors and warnings the editor shows in recently edited documents (at most a few dozen). */
  readonly diagnostics?: readonly { readonly uri: string; readonly line: number; readonly message: string; readonly severity: 'error' | 'warning' }[];
}

export interface NextEditTextEdit {
  readonly uri: string;
  readonly range: Range;
  readonly newText: string;
  /** What the range held when the edit was computed: the editor refuses the edit where its document says otherwise. */
  readonly oldText: string;
}

export interface NextEditResult {
  /** Names the suggestion in the shown / accepted / rejected / ignored notifications. */
  readonly id: string;
  /** All in one document, against `version` of it. */
  readonly edits: readonly NextEditTextEdit[];
  readonly version: number;
  /** Set when the change is away from the cursor: where Tab jumps first. */
  readonly jump?: { readonly uri: string; readonly range: Range };
  /** True when it is an insertion at the cursor the server also offers as inline-completion ghost text. */
  readonly ghostText?: boolean;
}

/** Client → server: predict the next edit; null when there is nothing to suggest (or the request was superseded). */
export const NextEditRequest = toServer.request<NextEditParams, NextEditResult | null>('banyan/nextEdit');

export interface NextEditOutcomeParams {
  readonly id: string;
  /** Rejected: `escape`, `typed-over`; ignored: `cursor-moved`, `superseded`, `document-closed`, `editor-changed`, `disabled`. */
  readonly reason?: string;
}
/** Client → server: the suggestion is on screen. */
export const NextEditShownNotification = toServer.notification<NextEditOutcomeParams>('banyan/nextEdit/shown');
/** Client → server: the user accepted it (Tab, or the ghost text); the edit itself arrives as a document change. */
export const NextEditAcceptedNotification = toServer.notification<NextEditOutcomeParams>('banyan/nextEdit/accepted');
/** Client → server: the user turned it down; the same change is not offered again in this document. */
export const NextEditRejectedNotification = toServer.notification<NextEditOutcomeParams>('banyan/nextEdit/rejected');
/** Client → server: it went away without a decision. */
export const NextEditIgnoredNotification = toServer.notification<NextEditOutcomeParams>('banyan/nextEdit/ignored');

export type NextEditMetricsReport = import('../core/nextEdit/nextEditMetrics').NextEditMetricsSnapshot;
export const NextEditMetricsRequest = toServer.request<void, NextEditMetricsReport>('banyan/nextEdit/metrics');

/** The command id on a next-edit ghost-text item, so accepting it reports back (arguments: [id]). */
export const NEXT_EDIT_ACCEPTED_COMMAND = 'banyan.internal.nextEditAccepted';

// ───────────────────────────── built-in models ─────────────────────────────
// GGUF models Banyan runs itself (provider `embedded`): the catalogue, what is downloaded, downloads.

export interface LocalModelInfo {
  /** Catalogue id, or the file name of another .gguf in the models folder. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly sizeBytes: number;
  /** Roles whose `model` setting names it (with provider `embedded`). */
  readonly usedBy: readonly ModelRole[];
}

export interface CatalogueModelInfo {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly ModelRole[];
  readonly sizeBytes: number;
  readonly description: string;
  readonly downloaded: boolean;
  /** Roles for which the hardware check recommends it. */
  readonly recommendedFor: readonly ModelRole[];
}

export interface LocalModelsState {
  readonly modelsDir: string;
  readonly local: readonly LocalModelInfo[];
  readonly catalogue: readonly CatalogueModelInfo[];
  /** "16 GB of memory, no GPU", from the model host; absent when the runtime is missing. */
  readonly hardware?: string;
  /** Why the built-in model cannot run here (the universal package has no native runtime), and the fix. */
  readonly runtimeProblem?: string;
}
export const LocalModelsRequest = toServer.request<void, LocalModelsState>('banyan/localModels/list');

export interface DownloadModelParams {
  readonly id: string;
  /** Chosen by the client; progress notifications carry it. */
  readonly downloadId: string;
}
export interface DownloadModelResult {
  readonly id: string;
  readonly path: string;
  readonly bytes: number;
  readonly resumed: boolean;
  readonly alreadyPresent: boolean;
}
/** Client → server: downloads a catalogue model (cancel the request to stop; a later one resumes). */
export const DownloadModelRequest = toServer.request<DownloadModelParams, DownloadModelResult>('banyan/localModels/download');

export interface DownloadProgressParams {
  readonly downloadId: string;
  readonly phase: 'downloading' | 'verifying';
  readonly receivedBytes: number;
  readonly totalBytes: number;
  readonly bytesPerSecond: number;
}
/** Server → client. */
export const DownloadProgressNotification = toClient.notification<DownloadProgressParams>('banyan/localModels/downloadProgress');

export const RemoveLocalModelRequest = toServer.request<{ readonly id: string }, { readonly removed: readonly string[] }>('banyan/localModels/remove');

/** What the first-run offer needs: does any configured endpoint answer, is any model downloaded. */
export interface FirstRunState {
  readonly endpointAnswers: boolean;
  readonly localModels: number;
  /** The model to offer (recommended for this machine); absent when there is nothing to offer. */
  readonly offer?: { readonly id: string; readonly name: string; readonly sizeBytes: number };
}
export const FirstRunStateRequest = toServer.request<void, FirstRunState>('banyan/localModels/firstRun');

// ───────────────────────────── insights ─────────────────────────────
// The local event log (src/core/insights) and what the insights view plots from it.

export type InsightsQuery = import('../core/insights/aggregateInsights').InsightsQuery;
export type InsightsReport = import('../core/insights/aggregateInsights').InsightsReport;
export type InsightEvent = import('../core/insights/insightEvent').InsightEvent;

export interface InsightsQueryResult {
  /** Absent when recording is off or the server has no storage folder. */
  readonly report?: InsightsReport;
  readonly enabled: boolean;
  /** Why there is no report (recording off, no storage). */
  readonly message?: string;
  readonly log?: { readonly dir: string; readonly bytes: number; readonly files: number; readonly corruptLines: number };
}
/** Client → server: the report for a range and filters (the server's buffered events included). */
export const InsightsQueryRequest = toServer.request<InsightsQuery, InsightsQueryResult>('banyan/insights/query');

/** Client → server: delete the log (every window's events so far). */
export const InsightsClearRequest = toServer.request<void, void>('banyan/insights/clear');

export interface InsightsExportParams extends InsightsQuery {
  readonly format: 'csv' | 'json';
  /** Absolute path of the file to write (chosen by the user); written atomically. */
  readonly path: string;
}
/** Client → server: write the range's events (filters applied) as CSV or JSON. */
export const InsightsExportRequest = toServer.request<InsightsExportParams, { readonly events: number; readonly bytes: number }>('banyan/insights/export');

/** Client → server: events only the editor sees (a rewrite accepted or rejected). */
export const InsightsRecordNotification = toServer.notification<{ readonly events: readonly InsightEvent[] }>('banyan/insights/record');

// ───────────────────────────── eval ─────────────────────────────
// `banyan eval` from the palette: the server evaluates the completion model on the first workspace folder.

export type EvalTask = import('../core/eval/evalTypes').EvalTask;
export type EvalReport = import('../core/eval/evalTypes').EvalReport;

export interface EvalRunParams {
  readonly n: number;
  readonly seed: number;
  readonly tasks: readonly EvalTask[];
  readonly includeTests?: boolean;
  readonly includeGenerated?: boolean;
  /** Echoed in the progress notifications. */
  readonly progressToken: string;
}
/** Client → server: runs the evaluation; banyan/eval/cancel (or cancelling the request) stops it at once. */
export const EvalRunRequest = toServer.request<EvalRunParams, EvalReport>('banyan/eval/run');
/** Client → server: stop the run now; its request still answers, with the cases done so far. */
export const EvalCancelNotification = toServer.notification<{ readonly progressToken: string }>('banyan/eval/cancel');

export interface EvalProgressParams {
  readonly progressToken: string;
  /** 'index' while the evaluation's own index catches up, then one per case. */
  readonly phase: 'index' | 'cases';
  readonly done: number;
  readonly total: number;
  /** Exact matches so far (share 0–1). */
  readonly exactMatch: number;
}
export const EvalProgressNotification = toClient.notification<EvalProgressParams>('banyan/eval/progress');
