// The call screen: where the call module draws (call-seam.ts), what the flow says after the
// call ended on this side until the line says what comes next, "Voltando para a chamada…"
// after a reload, and phone, e-mail and the written channel when the call can't happen.

import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CallView } from '../flow-state.js';
import { leave, type LineActions } from './line.js';
import { contacts, heading, writeButton, type FlowContext } from './parts.js';

export function callScreen(ctx: FlowContext, view: CallView, container: HTMLElement, line: LineActions): TemplateResult {
  if (view.result === undefined) return html`${heading(msg('Voltando para a chamada…'))}`;
  if (view.result === 'started') return html`${container}${callEnd(ctx, view)}`;
  return html`${heading(msg('Fale com a unidade'))}
    <p>${msg('Não foi possível abrir a chamada de vídeo neste navegador. Verifique sua internet e recarregue a página, ou fale com a unidade por telefone ou e-mail:')}</p>
    ${contacts(ctx)} ${writeButton(ctx)} ${leave(ctx, view, line)}`;
}

/** After the call ended on this side, until the line says `done` or `requeued`. */
function callEnd(ctx: FlowContext, view: CallView): TemplateResult | typeof nothing {
  switch (view.end) {
    case 'failed':
      return html`<div class="problem" part="problem">
        <p>${msg('A chamada caiu e não foi possível reconectar. Se a unidade não chamar você de novo, você volta para o início da fila em instantes. Você também pode falar com a unidade por telefone ou e-mail:')}</p>
        ${contacts(ctx)} ${writeButton(ctx)}
      </div>`;
    case 'hung-up-remote':
      return html`<p class="notice" part="note">${msg('A unidade encerrou a chamada. Aguarde um instante nesta página.')}</p>`;
    default:
      return nothing;
  }
}
