/**
 * Tool calls for models without native tool calling: the system prompt asks for
 *   <tool_call>{"name": "read_file", "arguments": {"path": "src/a.ts"}}</tool_call>
 * and this parser finds them in the answer text — also in a ```json fence, with the closing tag
 * missing at the end, or with broken JSON (repaired by the model layer's jsonrepair). A call that
 * cannot be read becomes a ToolCall with `argumentsError`, which the loop reports back to the model.
 */
import { parseModelJson, type ToolCall, type ToolDefinition } from '../llm';

const BLOCK = /<tool_call>\s*([\s\S]*?)\s*(?:<\/tool_call>|$)/g;

export function promptToolInstructions(tools: readonly ToolDefinition[]): string {
  const list = tools.map((t) => `- ${t.name}: ${t.description}\n  arguments: ${JSON.stringify(t.parameters)}`).join('\n');
  return `To use a tool, write exactly one block per call and nothing after your last block:\n<tool_call>{"name": "<tool>", "arguments": {…}}</tool_call>\nTools:\n${list}`;
}

export function parsePromptToolCalls(text: string, idPrefix: string): { calls: ToolCall[]; prose: string } {
  const calls: ToolCall[] = [];
  let n = 0;
  for (const m of text.matchAll(BLOCK)) {
    const raw = m[1]!.replace(/^```(?:json)?\s*/, '').replace(/\s*```$/, '');
    const id = `${idPrefix}-${++n}`;
    const parsed = parseModelJson<{ name?: unknown; arguments?: unknown; parameters?: unknown }>(raw);
    if (!parsed.ok) {
      calls.push({ id, name: guessName(raw), arguments: {}, rawArguments: raw, argumentsError: parsed.error });
      continue;
    }
    const v = parsed.value;
    const name = v && typeof v === 'object' && typeof v.name === 'string' ? v.name : '';
    let args: unknown = v && typeof v === 'object' ? (v.arguments ?? v.parameters ?? {}) : {};
    if (typeof args === 'string') {
      const inner = parseModelJson(args);
      args = inner.ok ? inner.value : args;
    }
    if (!name) calls.push({ id, name: guessName(raw), arguments: {}, rawArguments: raw, argumentsError: 'the block has no "name"' });
    else if (typeof args !== 'object' || args === null || Array.isArray(args)) calls.push({ id, name, arguments: {}, rawArguments: raw, argumentsError: '"arguments" must be a JSON object' });
    else calls.push({ id, name, arguments: args as Record<string, unknown>, rawArguments: JSON.stringify(args) });
  }
  const prose = calls.length ? text.replace(BLOCK, '').trim() : text;
  return { calls, prose };
}

function guessName(raw: string): string {
  return /"name"\s*:\s*"([\w:/.-]+)"/.exec(raw)?.[1] ?? 'unknown';
}
