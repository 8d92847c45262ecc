/** The model picker: the list and the selection come from the extension; a change is posted back. */
import type { ModelInfo } from '../../src/protocol/webview';
import { el } from '../dom';

export function createModelPicker(onSelect: (modelId: string) => void): HTMLSelectElement {
  const select = el('select', 'model-picker');
  select.setAttribute('aria-label', 'Model');
  select.title = 'Model';
  select.addEventListener('change', () => onSelect(select.value));
  return select;
}

export function renderModelPicker(select: HTMLSelectElement, models: readonly ModelInfo[], selected: string | null): void {
  select.replaceChildren(
    ...models.map((m) => {
      const o = el('option', '', m.label);
      o.value = m.id;
      if (m.detail) o.title = m.detail;
      return o;
    }),
  );
  if (selected !== null) select.value = selected;
  select.hidden = models.length === 0;
  select.disabled = models.length < 2;
}
