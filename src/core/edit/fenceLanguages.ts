/**
 * Whether a code fence's language tag fits the document, so that among several code blocks the one
 * in the document's language is chosen and a shell snippet ("npm install x") never replaces code.
 */

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  typescript: ['ts', 'typescript', 'mts', 'cts'],
  typescriptreact: ['tsx', 'typescript', 'ts', 'typescriptreact'],
  javascript: ['js', 'javascript', 'mjs', 'cjs', 'node'],
  javascriptreact: ['jsx', 'javascript', 'js', 'javascriptreact'],
  python: ['py', 'python', 'python3', 'py3'],
  rust: ['rs', 'rust'],
  go: ['go', 'golang'],
  java: ['java'],
  c: ['c', 'h'],
  cpp: ['cpp', 'c++', 'cc', 'cxx', 'hpp', 'h'],
  csharp: ['cs', 'csharp', 'c#'],
  ruby: ['rb', 'ruby'],
  php: ['php'],
  shellscript: ['sh', 'bash', 'shell', 'zsh'],
  json: ['json', 'jsonc', 'json5'],
  yaml: ['yaml', 'yml'],
  markdown: ['md', 'markdown'],
  html: ['html', 'htm'],
  css: ['css'],
  scss: ['scss'],
  sql: ['sql'],
  kotlin: ['kt', 'kotlin'],
  swift: ['swift'],
};

const EXTENSIONS: Readonly<Record<string, string>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript',
  jsx: 'javascriptreact', py: 'python', pyi: 'python', rs: 'rust', go: 'go', java: 'java', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp',
  cxx: 'cpp', hpp: 'cpp', cs: 'csharp', rb: 'ruby', php: 'php', sh: 'shellscript', bash: 'shellscript', json: 'json', yaml: 'yaml',
  yml: 'yaml', md: 'markdown', html: 'html', css: 'css', scss: 'scss', sql: 'sql', kt: 'kotlin', swift: 'swift',
};

/** Tags that mark output, commands or prose rather than file content. */
const NOT_CODE = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'powershell', 'ps1', 'cmd', 'bat', 'text', 'txt', 'plaintext', 'output', 'log', 'terminal']);

/** Programming languages, where an English sentence is never a line of code. */
const PROGRAMMING = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'rust', 'go', 'java', 'c', 'cpp', 'csharp', 'ruby', 'php', 'shellscript', 'sql', 'kotlin', 'swift', 'scss', 'css']);

export function isProgrammingLanguage(language: string | undefined): boolean {
  return language !== undefined && PROGRAMMING.has(language);
}

export function documentLanguage(languageId: string | undefined, fileName: string | undefined): string | undefined {
  if (languageId) return languageId.toLowerCase();
  const ext = fileName ? /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() : undefined;
  return ext ? EXTENSIONS[ext] : undefined;
}

/** 'match' when the tag names the document's language, 'other' when it names something else, 'unknown' otherwise. */
export function fenceLanguageFit(tag: string | undefined, docLanguage: string | undefined): 'match' | 'other' | 'unknown' {
  if (!tag) return 'unknown';
  if (docLanguage) {
    const names = ALIASES[docLanguage] ?? [docLanguage];
    if (names.includes(tag) || tag === docLanguage) return 'match';
    if (NOT_CODE.has(tag)) return 'other';
    return Object.values(ALIASES).some((aliases) => aliases.includes(tag)) || NOT_CODE.has(tag) ? 'other' : 'unknown';
  }
  return NOT_CODE.has(tag) ? 'other' : 'unknown';
}
