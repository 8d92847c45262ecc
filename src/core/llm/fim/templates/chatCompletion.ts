import type { FimTemplate } from '../fimTemplate';

const HOLE = '<|FILL_HERE|>';

/**
 * Chat-only models (GPT, Claude, instruct models without FIM tokens): ask for the code that fills a
 * marked hole and strip the Markdown fences they add anyway.
 */
export const chatCompletion: FimTemplate = {
  id: 'chat',
  description: `chat messages asking for the code at ${HOLE}`,
  render({ prefix, suffix, filePath, languageId, snippets }) {
    const lang = languageId ?? '';
    const context = (snippets ?? []).map((s) => `File: ${s.path}\n\`\`\`\n${s.content.replace(/\n?$/, '\n')}\`\`\`\n\n`).join('');
    return {
      kind: 'chat',
      messages: [
        {
          role: 'system',
          content: `You are a code completion engine. Reply with only the code that replaces ${HOLE}: no explanation, no Markdown fences, and do not repeat the code before or after the hole. Reply with nothing if nothing fits.`,
          cache: true,
        },
        { role: 'user', content: `${context}${filePath ? `File: ${filePath}\n` : ''}\`\`\`${lang}\n${prefix}${HOLE}${suffix}\n\`\`\`` },
      ],
      stop: [],
    };
  },
  clean(text) {
    const fenced = /^\s*```[\w+-]*\n([\s\S]*?)\n?```\s*$/.exec(text);
    return (fenced ? fenced[1]! : text).split(HOLE).join('');
  },
};
