/**
 * Which catalogue model suits this machine for a role: the largest one whose memory need fits, with
 * CPU-only machines held to sizes that still answer quickly (ghost text must come within a second;
 * a 7B model on a laptop CPU does not).
 */
import type { HostHardware } from '../llm/embedded/hostProtocol';
import type { ModelRole } from '../llm/types';
import type { CatalogueEntry } from './catalogue';

/** Largest parameter count (billions) per role when there is no GPU. */
const CPU_LIMIT: Partial<Record<ModelRole, number>> = { completion: 1.5, chat: 3, edit: 3, agent: 3 };
/** Memory a loaded model needs beyond its file (KV cache for two 8k sequences, buffers); a model may take 40 % of RAM without a GPU. */
const OVERHEAD = 1.5e9;

export interface Recommendation {
  readonly entry: CatalogueEntry;
  readonly reason: string;
}

export function recommendModel(catalogue: readonly CatalogueEntry[], hw: HostHardware, role: ModelRole): Recommendation | undefined {
  const candidates = catalogue.filter((e) => e.roles.includes(role)).sort((a, b) => a.paramsB - b.paramsB || a.sizeBytes - b.sizeBytes);
  if (!candidates.length) return undefined;
  const gb = (n: number) => `${(n / 1e9).toFixed(0)} GB`;
  const gpuRoom = hw.gpu ? hw.vramBytes : 0;
  const fits = (e: CatalogueEntry) => {
    const need = e.sizeBytes + OVERHEAD;
    if (gpuRoom >= need) return true;
    return need <= hw.totalRamBytes * 0.4 && (hw.gpu !== false || e.paramsB <= (CPU_LIMIT[role] ?? Infinity));
  };
  // Prefer models made for the role (listed first in their roles) over ones that can also do it.
  const made = candidates.filter((e) => e.roles[0] === role || (role !== 'completion' && e.roles[0] !== 'completion'));
  const pool = made.length ? made : candidates;
  const best = [...pool].reverse().find(fits) ?? pool[0]!;
  const where = hw.gpu && gpuRoom >= best.sizeBytes + OVERHEAD ? `${hw.gpu} GPU with ${gb(hw.vramBytes)}` : `${gb(hw.totalRamBytes)} of memory${hw.gpu ? '' : ', no GPU'}`;
  return { entry: best, reason: `fits this machine (${where})` };
}
