/** A ModelClient whose chat answers come from a script, recording every request (chat unit tests). */
import type { ChatRequest, ModelClient, StreamEvent, ToolCall } from '@src/core/llm';

export type ScriptedReply = { text?: string; toolCalls?: ToolCall[]; fail?: Error };

export function scriptedModel(script: (req: ChatRequest, n: number) => ScriptedReply): ModelClient & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    requests,
    async *chat(req: ChatRequest): AsyncGenerator<StreamEvent> {
      requests.push(structuredClone(req));
      const r = script(req, requests.length);
      for (const word of (r.text ?? '').split(/(?<= )/)) if (word) yield { type: 'text', text: word };
      if (r.fail) throw r.fail;
      for (const call of r.toolCalls ?? []) yield { type: 'toolCall', call };
      yield {
        type: 'done',
        finishReason: r.toolCalls?.length ? 'tool_calls' : 'stop',
        usage: { promptTokens: 100, completionTokens: 10, cachedTokens: requests.length > 1 ? 50 : 0, reported: true },
        timing: { queuedMs: 0, headersMs: 1, firstTokenMs: 1, totalMs: 2, attempts: 1 },
        endpoint: 'test',
        model: 'scripted',
      };
    },
    async *complete(): AsyncGenerator<StreamEvent> {
      throw new Error('not used');
    },
    embed: async () => {
      throw new Error('no embeddings');
    },
    tokenCounter: () => ({ name: 'test', exact: false, count: (t: string) => Math.ceil(t.length / 4) }),
    contextWindow: () => 32_000,
    maxTokens: () => 2_000,
  };
}

export function toolCall(id: string, name: string, args: Record<string, unknown>): ToolCall {
  return { id, name, arguments: args, rawArguments: JSON.stringify(args) };
}
