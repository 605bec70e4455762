// The script a court's intranet page loads for its clerks. Like src/index.ts for the
// citizen's element, the only module of this entry with side effects: it defines the
// element, skipping it when already defined. Built apart from the citizen's script
// (vite.config.ts), so court pages never load any of it.

import { BalcaoVirtualAtendente } from './clerk/balcao-virtual-atendente.js';
import { defineOnce } from './ui/define.js';

export { BalcaoVirtualAtendente } from './clerk/balcao-virtual-atendente.js';
export type { ClerkCallStart, ClerkCallStartResult, ClerkRelay, StartClerkCall } from './call/clerk-seam.js';

// The server is where this script came from. (Not `new URL('./', import.meta.url)`:
// bundlers rewrite that pattern into an asset reference.)
const scriptUrl: string = import.meta.url;
BalcaoVirtualAtendente.defaultServer ??= new URL('./', scriptUrl).href;

defineOnce('balcao-virtual-atendente', BalcaoVirtualAtendente);

declare global {
  interface HTMLElementTagNameMap {
    'balcao-virtual-atendente': BalcaoVirtualAtendente;
  }
}
