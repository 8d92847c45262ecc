/**
 * The one gate between model-written HTML and the DOM. Strict allow-list: formatting tags only, no
 * script/style/iframe/object/form/svg/math, no event handlers, no inline style, no data-* from the
 * model. Links lose their href (so nothing can navigate): a checked target goes into data-* and a
 * click handler posts it to the extension. Images survive only as inline raster data: URIs (the CSP
 * blocks remote images anyway); any other image becomes its alt text.
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { classifyHref } from './linkTarget';
import { markLink } from './markLink';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'kbd', 'sub', 'sup',
  'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'span',
];
// data-lang / data-path come from our own code-fence renderer (raw HTML from the model is escaped before this).
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'align', 'start', 'data-lang', 'data-path'];

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math', 'template', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style'],
  RETURN_DOM_FRAGMENT: true,
};

/** Classes our renderer and highlight.js produce; anything else the model wrote is dropped. */
const SAFE_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]+|[a-z]+_)$/;
const RASTER_DATA_URI = /^data:image\/(?:png|gif|jpe?g|webp);base64,[A-Za-z0-9+/=\s]+$/i;

let purifier: DOMPurify | null = null;

/** Created on first use, against the current window (the browser's, or jsdom's in tests). */
function instance(): DOMPurify {
  if (purifier) return purifier;
  const p = createDOMPurify(window);
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class') {
      data.attrValue = data.attrValue.split(/\s+/).filter((c) => SAFE_CLASS.test(c)).join(' ');
      if (!data.attrValue) data.keepAttr = false;
    }
  });
  purifier = p;
  return p;
}

export function sanitizeToFragment(html: string): DocumentFragment {
  const fragment = instance().sanitize(html, CONFIG);
  // Done after sanitizing (not in a hook) so replacing nodes never races DOMPurify's own walk.
  for (const a of Array.from(fragment.querySelectorAll('a'))) neutraliseLink(a);
  for (const img of Array.from(fragment.querySelectorAll('img'))) checkImage(img);
  return fragment;
}

function neutraliseLink(a: Element): void {
  const href = a.getAttribute('href');
  a.removeAttribute('href');
  const target = href === null ? null : classifyHref(href);
  if (!target) {
    a.setAttribute('class', 'link-disabled');
    return;
  }
  markLink(a, target);
}

function checkImage(img: Element): void {
  const src = img.getAttribute('src') ?? '';
  if (RASTER_DATA_URI.test(src)) return;
  const alt = img.getAttribute('alt') ?? '';
  img.replaceWith(img.ownerDocument.createTextNode(alt ? `[image: ${alt}]` : '[image]'));
}
