/**
 * Banyan's chat messages → node-llama-cpp's chat history, so the model's own chat template (read from
 * the GGUF) formats them. Tool results are folded into the assistant turn that called the tool, as
 * the chat wrappers render function calls with their results.
 */
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelFunctions } from 'node-llama-cpp';
import type { ChatMessage, ToolDefinition } from '../core/llm/types';

export function chatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const results = new Map<string, string>();
  for (const m of messages) if (m.role === 'tool') results.set(m.toolCallId, m.content);
  const out: ChatHistoryItem[] = [];
  for (const m of messages) {
    if (m.role === 'system') out.push({ type: 'system', text: m.content });
    else if (m.role === 'user') out.push({ type: 'user', text: m.content });
    else if (m.role === 'assistant') {
      const calls: ChatModelFunctionCall[] = (m.toolCalls ?? []).map((c) => ({ type: 'functionCall', name: c.name, params: c.arguments, result: results.get(c.id) ?? '' }));
      out.push({ type: 'model', response: [...(m.content ? [m.content] : []), ...calls] });
    }
  }
  return out;
}

/** Tool definitions → functions the model may call (their JSON schemas constrain the arguments). */
export function chatFunctions(tools: readonly ToolDefinition[] | undefined): ChatModelFunctions | undefined {
  if (!tools?.length) return undefined;
  const out: Record<string, ChatModelFunctions[string]> = {};
  for (const t of tools) out[t.name] = { description: t.description, params: t.parameters as NonNullable<ChatModelFunctions[string]['params']> };
  return out;
}
