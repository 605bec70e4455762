// Loads the flow (everything after "Entrar no Balcão Virtual") as a separate chunk, on
// demand, and defines its internal element. The first chunk every court page pays for stays
// the status alone (the size budget in vite.config.ts).

import { defineOnce } from '../ui/define.js';
import type * as Flow from './flow/balcao-virtual-fluxo.js';

/** The flow's internal element, rendered inside <balcao-virtual>'s shadow root. */
export const FLOW_TAG = 'balcao-virtual-fluxo';

type FlowModule = typeof Flow;

const importFlow = (): Promise<FlowModule> => import('./flow/balcao-virtual-fluxo.js');
let load = importFlow;

/** Loads the chunk and defines the element; rejects when the chunk can't be fetched (offline). */
export async function loadFlow(): Promise<void> {
  const { BalcaoVirtualFluxo } = await load();
  defineOnce(FLOW_TAG, BalcaoVirtualFluxo);
}

/** Tests: replaces how the chunk is fetched (a failing network, a slow one); none puts the real one back. */
export function setFlowImport(next?: () => Promise<FlowModule>): void {
  load = next ?? importFlow;
}

declare global {
  interface HTMLElementTagNameMap {
    'balcao-virtual-fluxo': Flow.BalcaoVirtualFluxo;
  }
}
