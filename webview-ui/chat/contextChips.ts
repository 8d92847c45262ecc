/**
 * The context the extension attached (active file, selection) as chips above the composer, each
 * removable. Removing one hides it at once and tells the extension.
 */
import type { ContextChip } from '../../src/protocol/webview';
import { el, icon, iconButton } from '../dom';

export function renderContextChips(container: HTMLElement, chips: readonly ContextChip[]): void {
  container.replaceChildren(
    ...chips.map((chip) => {
      const c = el('span', `context-chip ${chip.kind}`);
      c.dataset.chipId = chip.id;
      c.title = chip.startLine ? `${chip.path}:${chip.startLine}-${chip.endLine ?? chip.startLine}` : chip.path;
      const remove = iconButton('close', `Remove ${chip.label} from the context`, undefined, 'icon-button chip-remove');
      remove.dataset.removeChip = chip.id;
      c.append(icon(chip.kind === 'selection' ? 'selection' : 'file'), el('span', 'chip-label', chip.label), remove);
      return c;
    }),
  );
  container.hidden = chips.length === 0;
  container.setAttribute('aria-label', `Context: ${chips.length} item${chips.length === 1 ? '' : 's'}`);
}
