/**
 * Markdown → safe DOM. marked parses (GFM), raw HTML in the source is shown as text rather than
 * interpreted, code fences are highlighted and tagged with their language and target path, and the
 * result always goes through sanitize.ts. Split into lex + render so the streaming renderer can
 * render one block at a time.
 */
import { Marked, type Token } from 'marked';
import { linkifyFileReferences } from '../fileReferences';
import { parseFenceInfo } from './fenceInfo';
import { highlightCode } from './highlight';
import { sanitizeToFragment } from './sanitize';

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // The model's raw HTML is never markup here: it is displayed literally.
    html(token) {
      return 'block' in token && token.block ? `<p>${escapeHtml(token.text)}</p>\n` : escapeHtml(token.text);
    },
    code({ text, lang }) {
      const info = parseFenceInfo(lang);
      const body = highlightCode(text, info.language) ?? escapeHtml(text);
      const cls = info.language ? `hljs language-${info.language}` : 'hljs';
      const lAttr = info.language ? ` data-lang="${escapeHtml(info.language)}"` : '';
      const pAttr = info.path ? ` data-path="${escapeHtml(info.path)}"` : '';
      return `<pre><code class="${escapeHtml(cls)}"${lAttr}${pAttr}>${body}</code></pre>\n`;
    },
  },
});

/** Block tokens of `markdown` (each carries its `raw` source). */
export function lexBlocks(markdown: string): Token[] {
  return marked.lexer(markdown);
}

/** Renders block tokens to a sanitized fragment with file references linked. */
export function renderTokens(tokens: Token[]): DocumentFragment {
  let fragment: DocumentFragment;
  try {
    fragment = sanitizeToFragment(marked.parser(tokens));
  } catch {
    // Pathological input (e.g. nesting deep enough to exhaust the parser): show it as plain text.
    fragment = plainText(tokens.map((t) => t.raw).join(''));
  }
  linkifyFileReferences(fragment);
  return fragment;
}

export function renderMarkdown(markdown: string): DocumentFragment {
  let tokens: Token[];
  try {
    tokens = lexBlocks(markdown);
  } catch {
    return plainText(markdown);
  }
  return renderTokens(tokens);
}

function plainText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const p = document.createElement('p');
  p.className = 'plain-fallback';
  p.textContent = text;
  fragment.append(p);
  return fragment;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
