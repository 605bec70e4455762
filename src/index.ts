// The script a court page loads. The only module with side effects: it defines the
// elements, skipping any already defined (a page that loads the script twice keeps working).

import { BalcaoVirtual } from './widget/balcao-virtual.js';

export { BalcaoVirtual } from './widget/balcao-virtual.js';
export { BalcaoStatusChangeEvent } from './widget/events.js';

BalcaoVirtual.defaultServer ??= new URL('./', import.meta.url).href;

if (!customElements.get('balcao-virtual')) customElements.define('balcao-virtual', BalcaoVirtual);

declare global {
  interface HTMLElementTagNameMap {
    'balcao-virtual': BalcaoVirtual;
  }
}
