import { booleanSetting, numberSetting, stringArraySetting } from './settingSpec';

/** Settings of the local code index (src/core/index). */
export const indexSettings = {
  'index.enabled': booleanSetting(
    true,
    'Index the workspace with tree-sitter (symbols, imports, search chunks) so completions and chat can use repository context. Turning it off stops indexing and frees its memory.',
  ),
  'index.maxFileSizeKB': numberSetting(
    1024,
    'Files larger than this many KB are not indexed (generated code, data dumps).',
    { minimum: 16, maximum: 65536, integer: true },
  ),
  'index.maxFiles': numberSetting(
    50000,
    'At most this many files are indexed per window; beyond it indexing stops and says so. Exclude folders with `#banyan.index.exclude#` or a `.banyanignore` file instead of raising it far.',
    { minimum: 100, maximum: 1000000, integer: true },
  ),
  'index.workers': numberSetting(
    0,
    'Worker threads that parse files. `0` = all CPU cores but one, so the editor always keeps a core.',
    { minimum: 0, maximum: 64, integer: true },
  ),
  'index.exclude': stringArraySetting(
    [],
    'Extra glob patterns (relative to the workspace folder, e.g. `**/generated/**`) that the index skips, on top of `.gitignore`, `.banyanignore`, `#files.exclude#`, `#search.exclude#` and the built-in defaults (dependency and build folders, lockfiles, minified files).',
  ),
  'index.includeDirs': stringArraySetting(
    [],
    'Folders (relative to the workspace folder) searched for C/C++ `#include` files, like the compiler\'s `-I`.',
    // They may lie outside the folder, and what is indexed reaches the model's prompts.
    { restricted: true },
  ),
} as const;
