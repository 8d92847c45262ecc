/**
 * The webview's copy of the chat state and the pure functions that apply the extension's messages
 * to it. The extension is the source of truth; this copy renders, and survives a webview reload via
 * vscode.setState until the extension's `chat/state` arrives.
 */
import type { ChatDelta, ChatMessage, ChatState, Conversation, ContextChip } from '../../src/protocol/webview';

export const EMPTY_CHAT: ChatState = { conversations: [], active: null, models: [], selectedModel: null, chips: [] };

/** What vscode.setState holds. */
export interface PersistedView {
  readonly version: 1;
  readonly chat: ChatState;
  readonly draft: string;
}

export function isPersistedView(v: unknown): v is PersistedView {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Partial<PersistedView>;
  return p.version === 1 && typeof p.draft === 'string' && typeof p.chat === 'object' && p.chat !== null && Array.isArray(p.chat.conversations) && Array.isArray(p.chat.models);
}

export function streamingMessage(state: ChatState): ChatMessage | undefined {
  return state.active?.messages.find((m) => m.status === 'streaming');
}

/** Adds or replaces a message. A message for a conversation other than the (non-empty) active one is ignored. */
export function upsertMessage(state: ChatState, conversationId: string, message: ChatMessage): ChatState {
  let active: Conversation | null = state.active;
  if (!active || (active.id !== conversationId && active.messages.length === 0)) {
    active = { id: conversationId, title: message.role === 'user' ? titleOf(message.text) : 'New conversation', messages: [], updatedAt: message.createdAt };
  } else if (active.id !== conversationId) return state;
  const i = active.messages.findIndex((m) => m.id === message.id);
  const messages = i >= 0 ? active.messages.map((m, j) => (j === i ? message : m)) : [...active.messages, message];
  return { ...state, active: { ...active, messages, updatedAt: Math.max(active.updatedAt, message.createdAt) } };
}

export interface DeltaResult {
  readonly state: ChatState;
  /** Text newly added to the message (what the renderer should append). */
  readonly appended: string;
  /** The delta does not fit what we have (missed chunks, unknown message): ask for the full state. */
  readonly gap: boolean;
}

export function applyDelta(state: ChatState, conversationId: string, messageId: string, delta: ChatDelta): DeltaResult {
  const active = state.active;
  const message = active?.id === conversationId ? active.messages.find((m) => m.id === messageId) : undefined;
  if (!active || !message) return { state, appended: '', gap: active?.id === conversationId || active === null };
  let next: ChatMessage = message;
  let appended = '';
  switch (delta.kind) {
    case 'text': {
      const have = message.text.length;
      if (delta.offset > have) return { state, appended: '', gap: true };
      // Overlap is normal after a reload: the state already held part of this chunk.
      appended = delta.text.slice(have - delta.offset);
      if (!appended) return { state, appended: '', gap: false };
      next = { ...message, text: message.text + appended };
      break;
    }
    case 'thinking': {
      const have = message.thinking?.text ?? '';
      if (delta.offset > have.length) return { state, appended: '', gap: true };
      const added = delta.text.slice(have.length - delta.offset);
      if (!added) return { state, appended: '', gap: false };
      next = { ...message, thinking: { ...message.thinking, text: have + added } };
      break;
    }
    case 'thought':
      next = { ...message, thinking: { text: message.thinking?.text ?? '', durationMs: delta.durationMs } };
      break;
    case 'step': {
      const steps = message.steps ?? [];
      const i = steps.findIndex((s) => s.id === delta.step.id);
      next = { ...message, steps: i >= 0 ? steps.map((s, j) => (j === i ? delta.step : s)) : [...steps, delta.step] };
      break;
    }
    case 'usage':
      next = { ...message, usage: delta.usage };
      break;
    case 'error':
      next = { ...message, status: 'error', error: delta.message };
      break;
    case 'done':
      // An error is final: a `done` that follows it must not hide the error and its Retry.
      if (message.status === 'error') return { state, appended: '', gap: false };
      next = { ...message, status: delta.status };
      break;
  }
  const messages = active.messages.map((m) => (m === message ? next : m));
  return { state: { ...state, active: { ...active, messages } }, appended, gap: false };
}

export function withChips(state: ChatState, chips: readonly ContextChip[]): ChatState {
  return { ...state, chips };
}

export function lastUserMessage(state: ChatState): ChatMessage | undefined {
  return [...(state.active?.messages ?? [])].reverse().find((m) => m.role === 'user');
}

function titleOf(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}
