/**
 * What is never worth indexing, whatever the ignore files say: dependency and build folders, VCS
 * metadata, lockfiles, minified bundles, and files whose extension says binary (checked before reading).
 */
/** Bump when isExcludedFileName's rules change (saved scans made under the old ones are then not reused). */
export const DEFAULT_EXCLUDES_VERSION = 1;

export const EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', 'jspm_packages', '.git', '.hg', '.svn', '.jj',
  'dist', 'build', 'out', 'target', 'obj', '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache', '.cache',
  'coverage', '.nyc_output', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  '.gradle', '.idea', '.vscode-test', 'vendor', 'Pods', 'DerivedData', '.terraform', '.dart_tool', 'site-packages',
]);

export const EXCLUDED_FILE_NAMES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'Cargo.lock', 'poetry.lock',
  'Pipfile.lock', 'uv.lock', 'Gemfile.lock', 'composer.lock', 'go.sum', 'packages.lock.json', 'gradle.lockfile', '.DS_Store',
]);

const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico icns webp avif tif tiff psd svgz pdf zip gz tgz bz2 xz 7z rar zst tar jar war ear class dll so dylib ' +
    'exe bin o a lib obj pdb wasm woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac mov avi mkv webm pyc pyo pyd whl node db sqlite ' +
    'sqlite3 dat pak npy npz pt pth onnx safetensors gguf ckpt h5 pkl parquet avro orc vsix ds_store lockb'
  ).split(' '),
);

/** Lockfiles, minified/bundled output and binary formats, judged by name alone. */
export function isExcludedFileName(name: string): boolean {
  if (EXCLUDED_FILE_NAMES.has(name)) return true;
  const lower = name.toLowerCase();
  if (/\.min\.(js|mjs|cjs|css)$|[-.]bundle\.js$|\.map$|\.lock$/.test(lower)) return true;
  const dot = lower.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(lower.slice(dot + 1));
}
