// The script a court page loads. The only module with side effects: it defines the
// elements, skipping any already defined (a page that loads the script twice keeps working).

import { defineOnce } from './ui/define.js';
import { BalcaoVirtual } from './widget/balcao-virtual.js';

export { BalcaoVirtual } from './widget/balcao-virtual.js';
export { BalcaoCallEndEvent, BalcaoCallStartEvent, BalcaoMessageSentEvent, BalcaoQueueJoinEvent, BalcaoStatusChangeEvent } from './widget/events.js';
export type { CallEndReason } from './widget/events.js';

// The server is where this script came from. (Not `new URL('./', import.meta.url)`:
// bundlers rewrite that pattern into an asset reference.)
const scriptUrl: string = import.meta.url;
BalcaoVirtual.defaultServer ??= new URL('./', scriptUrl).href;

defineOnce('balcao-virtual', BalcaoVirtual);

declare global {
  interface HTMLElementTagNameMap {
    'balcao-virtual': BalcaoVirtual;
  }
}
