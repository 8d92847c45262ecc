/**
 * A file's one-line summary: the first sentence-ish line of its leading doc comment (or Python module
 * docstring). License headers are skipped: they say nothing about the file.
 */
const LICENSE = /copyright|license|spdx|all rights reserved|\(c\)\s*\d{4}/i;

export function fileSummary(text: string): string | undefined {
  let rest = text.slice(0, 8192).replace(/^\uFEFF/, '').replace(/^#!.*\n/, '');
  for (let guard = 0; guard < 6; guard++) {
    rest = rest.replace(/^\s+/, '');
    const block = leadingComment(rest);
    if (!block) return undefined;
    rest = rest.slice(block.length);
    if (LICENSE.test(block)) continue;
    const line = block
      .split('\n')
      .map((l) => l.replace(/^\s*(\/\*\*?|\*\/|\*|\/\/[/!]?|#+|"""|'''|--)\s?/, '').replace(/\*\/\s*$|"""\s*$|'''\s*$/, '').trim())
      .find((l) => l.length > 0 && !l.startsWith('@') && !/^eslint|^prettier|^@ts-|^-\*-/.test(l));
    if (line) return line.length > 200 ? `${line.slice(0, 197)}…` : line;
  }
  return undefined;
}

/** The comment block at the very start of `s` (consecutive line comments count as one block). */
function leadingComment(s: string): string | undefined {
  if (s.startsWith('/*')) {
    const end = s.indexOf('*/');
    return end < 0 ? s : s.slice(0, end + 2);
  }
  for (const q of ['"""', "'''"]) {
    if (s.startsWith(q)) {
      const end = s.indexOf(q, 3);
      return end < 0 ? s : s.slice(0, end + 3);
    }
  }
  const line = /^(\/\/|#(?!!|include|define|pragma|if|import|\[))/;
  if (!line.test(s)) return undefined;
  const lines = s.split('\n');
  let n = 0;
  while (n < lines.length && line.test(lines[n]!.trimStart())) n++;
  return lines.slice(0, n).join('\n');
}
