/**
 * Syntax highlighting with highlight.js core plus a fixed set of common languages (the full build
 * would add ~1 MB to the webview bundle). Unknown languages stay plain text.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby, rust, sql, typescript, xml, yaml };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);

/** Beyond this size highlighting costs more than it helps; the block stays plain. */
const MAX_HIGHLIGHT_CHARS = 100_000;

/** The registered name for a fence's language ("ts" → "typescript"), or null. */
export function knownLanguage(lang: string | null): string | null {
  if (!lang) return null;
  const l = hljs.getLanguage(lang.toLowerCase());
  return l ? (hljs.listLanguages().find((n) => hljs.getLanguage(n) === l) ?? null) : null;
}

/** HTML for `code` (escaped by highlight.js; still sanitized by the caller), or null when not highlighted. */
export function highlightCode(code: string, lang: string | null): string | null {
  const language = knownLanguage(lang);
  if (!language || code.length > MAX_HIGHLIGHT_CHARS) return null;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
