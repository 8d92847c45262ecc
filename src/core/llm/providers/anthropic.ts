/**
 * Anthropic's Messages API over fetch + SSE (no SDK needed). Prompt caching: `cache_control`
 * breakpoints go on the system prompt and on messages the caller marked `cache` (the static parts,
 * which prompt assembly keeps first), so repeated requests read them from the cache; the cache hits
 * come back as usage.cachedTokens. Extended thinking (asked for through extraBody) streams as
 * `thinking_delta` and `signature_delta`; the signed blocks go back with the tool-use turn they
 * came with, as the API requires. `ping` events and unknown event types are skipped.
 */
import { ModelError } from '../errors';
import { parseSse } from '../streaming/sseParser';
import type { ChatMessage } from '../types';
import { truncatedStream } from './httpErrors';
import { body, parseStreamRecord, readJson, request } from './jsonHttp';
import type { ChatPayload, ModelProvider, ProviderCall, ProviderEvent } from './provider';

const VERSION = '2023-06-01';
/** Anthropic allows at most 4 cache breakpoints per request. */
const MAX_BREAKPOINTS = 4;

type Block = Record<string, unknown>;

function headers(call: ProviderCall): Record<string, string> {
  return { 'anthropic-version': VERSION, ...(call.endpoint.apiKey ? { 'x-api-key': call.endpoint.apiKey } : {}) };
}

/** Messages → Anthropic's shape: system apart, tool results as user blocks, consecutive roles merged. */
export function toAnthropic(messages: readonly ChatMessage[]): { system: Block[]; messages: { role: 'user' | 'assistant'; content: Block[] }[] } {
  let breakpoints = 0;
  const mark = (block: Block, cache: boolean | undefined): Block => {
    if (!cache || breakpoints >= MAX_BREAKPOINTS) return block;
    breakpoints += 1;
    return { ...block, cache_control: { type: 'ephemeral' } };
  };
  const system: Block[] = [];
  const out: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  const push = (role: 'user' | 'assistant', block: Block) => {
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(block);
    else out.push({ role, content: [block] });
  };
  for (const m of messages) {
    if (m.role === 'system') system.push(mark({ type: 'text', text: m.content }, m.cache));
    else if (m.role === 'tool') push('user', { type: 'tool_result', tool_use_id: m.toolCallId, content: m.content });
    else if (m.role === 'assistant') {
      // Thinking blocks go back (signed, first) only with a tool-use turn: the API checks them there.
      const echo = m.reasoning?.echo?.api === 'anthropic' && m.toolCalls?.length ? m.reasoning.echo.blocks : [];
      for (const b of echo) push('assistant', b);
      if (m.content) push('assistant', mark({ type: 'text', text: m.content }, m.cache));
      for (const t of m.toolCalls ?? []) push('assistant', { type: 'tool_use', id: t.id, name: t.name, input: t.arguments });
    } else push('user', mark({ type: 'text', text: m.content }, m.cache));
  }
  return { system, messages: out };
}

interface AnthropicEvent {
  type: string;
  message?: { usage?: { input_tokens?: number; cache_read_input_tokens?: number; cache_creation_input_tokens?: number; output_tokens?: number } };
  index?: number;
  content_block?: { type: string; id?: string; name?: string; text?: string; thinking?: string; signature?: string; data?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string; thinking?: string; signature?: string };
  usage?: { output_tokens?: number };
  error?: { type?: string; message?: string };
}

export const anthropic: ModelProvider = {
  // No FIM: the layer sends a chat-style completion prompt instead.
  supportsRawFim: false,

  async *chat(call, p: ChatPayload): AsyncGenerator<ProviderEvent> {
    const { system, messages } = toAnthropic(p.messages);
    const { response, ctx } = await request(call, '/v1/messages', {
      accept: ['text/event-stream'],
      headers: headers(call),
      body: {
        model: call.endpoint.model,
        max_tokens: p.maxTokens,
        temperature: p.temperature,
        stream: true,
        ...(system.length ? { system } : {}),
        messages,
        ...(p.stop.length ? { stop_sequences: [...p.stop] } : {}),
        ...(p.tools?.length ? { tools: p.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })) } : {}),
        ...call.endpoint.extraBody,
      },
    });
    const tools = new Map<number, { id: string; name: string; json: string }>();
    const thinking = new Map<number, Record<string, unknown>>();
    let stopReason: string | undefined;
    let finished = false;
    let events = 0;
    for await (const ev of parseSse(body(response, ctx, call))) {
      const j = parseStreamRecord<AnthropicEvent>(ev.data, ev.unterminated, ctx, 'message_stop');
      events += 1;
      switch (j.type) {
        case 'message_start': {
          const u = j.message?.usage;
          if (u) yield { type: 'usage', usage: { promptTokens: (u.input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), cachedTokens: u.cache_read_input_tokens ?? 0 } };
          break;
        }
        case 'content_block_start': {
          const b = j.content_block;
          if (b?.type === 'tool_use') tools.set(j.index ?? 0, { id: b.id ?? '', name: b.name ?? '', json: '' });
          else if (b?.type === 'thinking') {
            thinking.set(j.index ?? 0, { type: 'thinking', thinking: b.thinking ?? '', signature: b.signature ?? '' });
            if (b.thinking) yield { type: 'reasoning', text: b.thinking };
          } else if (b?.type === 'redacted_thinking') thinking.set(j.index ?? 0, { type: 'redacted_thinking', data: b.data ?? '' });
          else if (b?.type === 'text' && b.text) yield { type: 'text', text: b.text };
          break;
        }
        case 'content_block_delta': {
          const d = j.delta;
          if (d?.type === 'text_delta' && d.text) yield { type: 'text', text: d.text };
          else if (d?.type === 'input_json_delta') {
            const t = tools.get(j.index ?? 0);
            if (t) t.json += d.partial_json ?? '';
          } else if (d?.type === 'thinking_delta' && d.thinking) {
            const b = thinking.get(j.index ?? 0);
            if (b) b.thinking = `${String(b.thinking ?? '')}${d.thinking}`;
            yield { type: 'reasoning', text: d.thinking };
          } else if (d?.type === 'signature_delta' && d.signature) {
            const b = thinking.get(j.index ?? 0);
            if (b) b.signature = `${String(b.signature ?? '')}${d.signature}`;
          }
          break;
        }
        case 'content_block_stop': {
          const t = tools.get(j.index ?? 0);
          if (t) {
            tools.delete(j.index ?? 0);
            yield { type: 'toolCall', id: t.id, name: t.name, rawArguments: t.json || '{}' };
          }
          break;
        }
        case 'message_delta':
          if (j.delta?.stop_reason) stopReason = j.delta.stop_reason;
          if (j.usage?.output_tokens !== undefined) yield { type: 'usage', usage: { completionTokens: j.usage.output_tokens } };
          break;
        case 'message_stop':
          finished = true;
          break;
        case 'error': {
          const kind = j.error?.type === 'overloaded_error' ? 'server' : j.error?.type === 'rate_limit_error' ? 'rateLimited' : 'badResponse';
          throw new ModelError(kind, `Anthropic reported ${j.error?.type ?? 'an error'} mid-stream: ${j.error?.message ?? ''}`, { fix: 'It is retried; try again later if it persists' });
        }
        default:
          break; // ping and future event types
      }
    }
    if (!finished) {
      if (stopReason === undefined) throw truncatedStream(ctx, 'message_stop', `the connection closed after ${events} events`);
      yield { type: 'quirk', note: 'no message_stop after the message_delta with its stop_reason: tolerated' };
    }
    // Only signed blocks can go back (the API verifies them); unsigned thinking is display-only.
    const blocks = [...thinking.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b).filter((b) => b.type === 'redacted_thinking' || b.signature);
    if (blocks.length) yield { type: 'reasoningEcho', echo: { api: 'anthropic', blocks } };
    yield { type: 'finish', reason: stopReason === 'max_tokens' ? 'length' : stopReason === 'tool_use' ? 'tool_calls' : 'stop' };
  },

  async *fim() {
    throw new ModelError('config', 'Anthropic has no fill-in-the-middle API; the layer uses a chat-style prompt');
  },

  async embed(call) {
    throw new ModelError('config', 'Anthropic offers no embeddings API', { fix: `Set banyan.models.${call.endpoint.role}.provider to "ollama" or "openai-compatible" with an embedding model` });
  },

  async listModels(call) {
    const { response, ctx } = await request(call, '/v1/models', { method: 'GET', accept: ['json'], headers: headers(call) });
    const j = await readJson<{ data?: { id: string }[] }>(response, ctx, call);
    if (!Array.isArray(j.data)) throw new ModelError('badResponse', `${call.endpoint.baseUrl}/v1/models did not answer a model list`);
    return j.data.map((m) => m.id);
  },
};

