/**
 * The models *Banyan: Download Model…* offers. Each file is addressed by a pinned repository commit
 * (so a re-upload can never change what is fetched) and checked against its sha256 before first use.
 *
 * Where the figures come from (none could be fetched here; no Hugging Face access):
 * - Qwen2.5-Coder base Q8_0 (ggml-org, the files llama.cpp's own `--fim-qwen-*-default` presets and
 *   llama.vscode use): size and sha256 at these commits as listed, identically, by several public
 *   projects that pin them (catalogues of FIM completion tools, a Nix expression whose base32 hash
 *   converts to the same sha256).
 * - Qwen2.5-Coder Instruct Q4_K_M (bartowski): sha256 from LocalAI's model gallery
 *   (github.com/mudler/LocalAI, gallery/index.yaml, commit e76bdaf61 and its neighbours); sizes and
 *   commits as pinned by other public catalogues listing the same sha256.
 * - nomic-embed-text v1.5 Q8_0 (nomic-ai): size and sha256 at this commit as pinned by a public
 *   download manifest; the size also appears in an independent catalogue.
 */
import type { FimTemplateId } from '../llm/fim/fimTemplate';
import type { ModelRole } from '../llm/types';

export interface CatalogueEntry {
  /** What `banyan.models.<role>.model` holds, and the CLI's `models pull ID`. */
  readonly id: string;
  readonly name: string;
  /** Roles it is good for; the first is what it was made for. */
  readonly roles: readonly ModelRole[];
  readonly family?: FimTemplateId;
  /** File name under the models folder. */
  readonly file: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly url: string;
  /** Parameters in billions, for the hardware recommendation. */
  readonly paramsB: number;
  readonly description: string;
}

const hf = (repo: string, commit: string, file: string) => `https://huggingface.co/${repo}/resolve/${commit}/${file}`;

export const BUILTIN_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'qwen2.5-coder-1.5b-instruct-q4_k_m', name: 'Qwen2.5-Coder 1.5B Instruct', roles: ['chat', 'edit', 'agent', 'completion'], family: 'qwen25-coder', paramsB: 1.5,
    file: 'Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf', sizeBytes: 986_048_800, sha256: 'f530705d447660a4336c329981af164b471b60b974b1d808d57e8ec9fe23b239',
    url: hf('bartowski/Qwen2.5-Coder-1.5B-Instruct-GGUF', '1af47f78b1f9b0c242fabe43f7a365d5a67f3207', 'Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf'),
    description: 'Chat, rewrites and completions in one small file; runs on any laptop (about 1.5 GB of memory).',
  },
  {
    id: 'qwen2.5-coder-3b-instruct-q4_k_m', name: 'Qwen2.5-Coder 3B Instruct', roles: ['chat', 'edit', 'agent', 'completion'], family: 'qwen25-coder', paramsB: 3,
    file: 'Qwen2.5-Coder-3B-Instruct-Q4_K_M.gguf', sizeBytes: 1_929_903_360, sha256: '3da3afe6cf5c674ac195803ea0dd6fee7e1c228c2105c1ce8c66890d1d4ab460',
    url: hf('bartowski/Qwen2.5-Coder-3B-Instruct-GGUF', '7c137640ef0332dfedb229f2504c58d83ed4307a', 'Qwen2.5-Coder-3B-Instruct-Q4_K_M.gguf'),
    description: 'Better answers than 1.5B, about twice as slow on a CPU (about 2.5 GB of memory).',
  },
  {
    id: 'qwen2.5-coder-7b-instruct-q4_k_m', name: 'Qwen2.5-Coder 7B Instruct', roles: ['chat', 'edit', 'agent'], family: 'qwen25-coder', paramsB: 7,
    file: 'Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf', sizeBytes: 4_683_074_336, sha256: '1664fccab734674a50763490a8c6931b70e3f2f8ec10031b54806d30e5f956b6',
    url: hf('bartowski/Qwen2.5-Coder-7B-Instruct-GGUF', '1f629da0c8bed16b9e50cee91c70693650e66c35', 'Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf'),
    description: 'The best chat of these; wants a GPU or a fast CPU and 8 GB of free memory.',
  },
  {
    id: 'qwen2.5-coder-1.5b-base-q8_0', name: 'Qwen2.5-Coder 1.5B (completion)', roles: ['completion'], family: 'qwen25-coder', paramsB: 1.5,
    file: 'qwen2.5-coder-1.5b-q8_0.gguf', sizeBytes: 1_646_573_056, sha256: '29871c94d15727a6e243f79a37113d4ae625a6215b5e800bf41a23af2da32832',
    url: hf('ggml-org/Qwen2.5-Coder-1.5B-Q8_0-GGUF', '8be1b8a895a84beea772817caaa71eba6b6e0d07', 'qwen2.5-coder-1.5b-q8_0.gguf'),
    description: 'A base model trained for fill-in-the-middle: the best ghost text for a CPU (about 2 GB of memory).',
  },
  {
    id: 'qwen2.5-coder-3b-base-q8_0', name: 'Qwen2.5-Coder 3B (completion)', roles: ['completion'], family: 'qwen25-coder', paramsB: 3,
    file: 'qwen2.5-coder-3b-q8_0.gguf', sizeBytes: 3_285_476_160, sha256: 'a522a906e299ed34db738b9626b2cd0da9e446c14674468a22fc2eae3dbd344d',
    url: hf('ggml-org/Qwen2.5-Coder-3B-Q8_0-GGUF', '9c1de162ae417c9c3aacde97c729c4128de047d8', 'qwen2.5-coder-3b-q8_0.gguf'),
    description: 'Better completions than 1.5B, about twice as slow to the first token (about 3.7 GB of memory).',
  },
  {
    id: 'qwen2.5-coder-7b-base-q8_0', name: 'Qwen2.5-Coder 7B (completion)', roles: ['completion'], family: 'qwen25-coder', paramsB: 7,
    file: 'qwen2.5-coder-7b-q8_0.gguf', sizeBytes: 8_098_525_600, sha256: '0ef48dc94a3c551a6736ac2601de38413dc9aa9318534b16e8baee08290a4aaf',
    url: hf('ggml-org/Qwen2.5-Coder-7B-Q8_0-GGUF', 'bca77e0a8c88fc224882bcc404170c3ef17efacc', 'qwen2.5-coder-7b-q8_0.gguf'),
    description: 'The best completions of these; needs a GPU with 10 GB or more to be quick enough.',
  },
  {
    id: 'nomic-embed-text-v1.5-q8_0', name: 'nomic-embed-text v1.5', roles: ['embeddings'], paramsB: 0.14,
    file: 'nomic-embed-text-v1.5.Q8_0.gguf', sizeBytes: 146_146_432, sha256: '3e24342164b3d94991ba9692fdc0dd08e3fd7362e0aacc396a9a5c54a544c3b7',
    url: hf('nomic-ai/nomic-embed-text-v1.5-GGUF', '0188c9bf409793f810680a5a431e7b899c46104c', 'nomic-embed-text-v1.5.Q8_0.gguf'),
    description: 'Embeddings for semantic search (768 dimensions, 146 MB).',
  },
];

/**
 * Reads a catalogue file (banyan.models.embedded.catalogueFile: an internal mirror, or the tests' local
 * hub): a JSON array of entries with the fields above. Throws a message naming the bad entry.
 */
export function parseCatalogue(text: string, source: string): CatalogueEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(raw)) throw new Error(`${source} must hold a JSON array of models`);
  return raw.map((r: Record<string, unknown>, i) => {
    const bad = (field: string) => new Error(`${source}, entry ${i + 1}: "${field}" is missing or invalid`);
    for (const f of ['id', 'name', 'file', 'url']) if (typeof r[f] !== 'string' || !r[f]) throw bad(f);
    if (typeof r.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(r.sha256)) throw bad('sha256');
    if (typeof r.sizeBytes !== 'number' || !(r.sizeBytes > 0)) throw bad('sizeBytes');
    if (/[\\/]|^\.\.?$/.test(r.file as string)) throw bad('file');
    const roles = Array.isArray(r.roles) && r.roles.length ? (r.roles as ModelRole[]) : (['completion', 'chat', 'edit', 'agent'] as ModelRole[]);
    return {
      id: r.id as string, name: r.name as string, roles, file: r.file as string, sizeBytes: r.sizeBytes, sha256: (r.sha256 as string).toLowerCase(), url: r.url as string,
      paramsB: typeof r.paramsB === 'number' ? r.paramsB : 1, description: typeof r.description === 'string' ? r.description : '',
      ...(typeof r.family === 'string' ? { family: r.family as FimTemplateId } : {}),
    };
  });
}

export function findEntry(catalogue: readonly CatalogueEntry[], id: string): CatalogueEntry | undefined {
  return catalogue.find((e) => e.id === id);
}

/** "1.6 GB" / "146 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** The catalogue to offer: the file the setting names (read on each call: it may change), else the built-in one. */
export function catalogueFrom(file: string, read: (path: string) => string): readonly CatalogueEntry[] {
  return file ? parseCatalogue(read(file), file) : BUILTIN_CATALOGUE;
}
