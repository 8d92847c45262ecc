import type { PostprocessFilter } from './types';

/**
 * Models trained on Windows files sometimes answer with `\r\n`. The filters work on `\n` (the context
 * is normalised the same way); the server writes the document's own line ending when it answers.
 */
export const normalizeLineEndings: PostprocessFilter = (item) => (item.text.includes('\r') ? { ...item, text: item.text.replace(/\r\n?/g, '\n') } : item);
