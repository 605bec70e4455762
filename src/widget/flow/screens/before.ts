// The screen before the line: what happens when the turn comes, the device check
// (device-check.ts), "Entrar na fila" and why joining failed. A browser that can't make
// calls gets the contacts instead: called and unable to answer would be worse than not joining.

import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { DeviceCheckController } from '../device-check.js';
import { renderCannotCall, renderDeviceCheck } from '../device-check-view.js';
import type { BeforeView } from '../flow-state.js';
import { joinProblemWords } from '../words.js';
import { actions, contacts, heading, unstaffed, writeButton, type FlowContext } from './parts.js';

export function beforeScreen(ctx: FlowContext, view: BeforeView, devices: Readonly<DeviceCheckController>, join: () => void): TemplateResult {
  const back = (): void => ctx.dispatch({ type: 'back' });
  if (!devices.browser.canCall) {
    return html`${heading(msg('Antes de entrar na fila'))} ${renderCannotCall(devices, contacts(ctx))} ${writeButton(ctx)}
      ${actions(nothing, back)}`;
  }
  const { joining, joinError } = view;
  const problem = joinError ? joinProblemWords(joinError.code, joinError.message) : undefined;
  const fatal = problem !== undefined && !problem.retry;
  const joinButton = fatal
    ? nothing
    : html`<button type="button" id="join" part="button" aria-disabled=${joining ? 'true' : 'false'} @click=${join}>
        ${joining ? msg('Entrando na fila…') : problem ? msg('Tentar de novo') : msg('Entrar na fila')}
      </button>`;
  return html`${heading(msg('Antes de entrar na fila'))}
    ${unstaffed(ctx, ctx.clerksServing, false)}
    <p>${msg('Quando chegar sua vez, você vai ouvir um aviso e ver o botão "Entrar". Você terá 1 minuto para entrar.')}</p>
    <p>${msg('Mantenha esta página aberta. Você pode usar outras abas enquanto espera.')}</p>
    ${renderDeviceCheck(devices, contacts(ctx))}
    ${problem
      ? html`<div part="problem">
          <p class="problem" id="join-error" tabindex="-1">${problem.headline}</p>
          ${contacts(ctx)}
        </div>`
      : nothing}
    ${actions(
      joinButton,
      joining ? undefined : fatal ? () => ctx.dispatch({ type: 'exit' }) : back,
      fatal ? msg('Voltar ao início') : msg('Voltar'),
    )}`;
}
