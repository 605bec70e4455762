// In the line: the ticket, the place and the estimate, the connection's trouble, "Sair da
// fila" with its confirmation; and "Sua vez!" with the countdown and "Entrar".

import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CalledEvent } from '../../../core/protocol/index.js';
import { lineWords } from '../../format.js';
import { currentLocale } from '../../../ui/locale.js';
import type { CalledView, CallView, LineView } from '../flow-state.js';
import type { QueueController } from '../queue-controller.js';
import { positionWords, secondsWords } from '../words.js';
import { actions, contacts, heading, unstaffed, type FlowContext } from './parts.js';

/** What the line screens need beyond the state: the socket, "Sair da fila", "Entrar". */
export interface LineActions {
  readonly queue: QueueController;
  readonly leave: () => void;
  readonly answer: () => void;
}

export function lineScreen(ctx: FlowContext, view: LineView, line: LineActions): TemplateResult {
  const place = view.place;
  const locale = currentLocale();
  const estimate = place ? lineWords(place.position, place.estimatedWaitMinutes, locale).estimate : undefined;
  return html`${heading(msg('Você está na fila'))}
    <p class="ticket">${msg('Sua senha')} <strong class="code" part="ticket">${view.ticket.code}</strong></p>
    ${place
      ? html`<p class="position">${positionWords(place.position, locale)}</p>
          ${estimate ? html`<p class="estimate note">${estimate}</p>` : nothing}`
      : html`<p class="note">${msg('Conectando à fila…')}</p>`}
    ${view.requeued ? html`<p class="notice">${msg('Você voltou para o início da fila.')}</p>` : nothing}
    ${connection(ctx, view, line.queue)}
    ${unstaffed(ctx, place?.clerksServing, true)}
    <p class="hint">${msg('Mantenha esta página aberta. Quando for sua vez, você vai ouvir um aviso e o título da aba vai mudar.')}</p>
    ${leave(ctx, view, line)}`;
}

export function calledScreen(ctx: FlowContext, view: CalledView, secondsLeft: number, line: LineActions): TemplateResult {
  const locale = currentLocale();
  return html`<div class="alert" part="alert">
      ${heading(msg('Sua vez!'))}
      <p>${callingWords(view.called)}</p>
      <p class="countdown">${secondsLeft > 0 ? answerWithin(secondsWords(secondsLeft, locale)) : msg('O tempo para entrar acabou.')}</p>
      ${view.answerError
        ? html`<p class="error" id="answer-error">${msg('Sem conexão agora. Tentando reconectar: tente de novo em instantes.')}</p>`
        : nothing}
      ${secondsLeft > 0 ? actions(html`<button type="button" id="answer" part="button" @click=${line.answer}>${msg('Entrar')}</button>`, undefined) : nothing}
    </div>
    <p class="ticket">${msg('Sua senha')} <strong class="code" part="ticket">${view.ticket.code}</strong></p>
    ${connection(ctx, view, line.queue)} ${leave(ctx, view, line)}`;
}

/** The line socket's trouble: replaced by another tab, lost (within the grace period, or past it). */
function connection(ctx: FlowContext, view: LineView | CalledView, q: QueueController): TemplateResult | typeof nothing {
  if (q.connection === 'replaced') {
    return html`<div class="notice" part="note">
      <p>${msg('Sua senha foi aberta em outra aba ou janela. Continue por lá, ou use esta aba.')}</p>
      ${actions(html`<button type="button" part="button" @click=${() => q.reconnect()}>${msg('Usar esta aba')}</button>`, undefined)}
    </div>`;
  }
  if (q.lostAt === undefined) return nothing;
  const minutes = new Intl.NumberFormat(currentLocale()).format(Math.max(1, Math.round(view.ticket.graceSeconds / 60)));
  if (!q.graceExceeded()) {
    return html`<p class="notice" part="note">${msg(str`Conexão perdida. Tentando reconectar… Seu lugar fica guardado por até ${minutes} min.`)}</p>`;
  }
  return html`<div class="problem" part="problem">
    <p>${msg(str`Sem conexão há mais de ${minutes} min. Seu lugar na fila pode ter sido perdido. Verifique sua internet: quando a conexão voltar, você verá se ele continua guardado.`)}</p>
    ${contacts(ctx)}
  </div>`;
}

/** "Sair da fila", and its confirmation. */
export function leave(ctx: FlowContext, view: LineView | CalledView | CallView, line: LineActions): TemplateResult {
  const { confirming, pending, failed } = view.leave;
  if (!confirming) {
    return actions(
      html`<button type="button" id="leave" class="secondary" part="button" @click=${() => ctx.dispatch({ type: 'ask-leave' })}>${msg('Sair da fila')}</button>`,
      undefined,
    );
  }
  return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
    <p id="confirm-text" tabindex="-1">${msg('Sair da fila? Você perde seu lugar. Se voltar, entra no fim da fila.')}</p>
    ${failed ? html`<p class="error" id="leave-error">${msg('Não foi possível sair da fila agora. Verifique sua internet e tente de novo.')}</p>` : nothing}
    ${actions(
      html`<button type="button" part="button" aria-disabled=${pending ? 'true' : 'false'} @click=${line.leave}>
        ${pending ? msg('Saindo da fila…') : msg('Sim, sair da fila')}
      </button>`,
      () => ctx.dispatch({ type: 'cancel-leave' }),
      msg('Continuar na fila'),
    )}
  </div>`;
}

/** "Maria Souza, 1ª Vara Cível da Comarca de Natal, está chamando você." */
export function callingWords(called: CalledEvent): string {
  const { name, unit } = called.clerk;
  return msg(str`${name}, ${unit}, está chamando você.`);
}

/** "Entre em até 45 segundos." */
export function answerWithin(seconds: string): string {
  return msg(str`Entre em até ${seconds}.`);
}
