// What every screen of the flow shares: the context a screen renders from (the state, the
// unit and its contacts, and the one way to change the state), the heading that takes the
// focus, the row of buttons, and "Escrever uma mensagem" wherever video can't happen.

import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Unit } from '../../../core/unit.js';
import { contactList } from '../../contacts.js';
import { unstaffedWords } from '../../format.js';
import type { Answers, FlowEvent } from '../flow-state.js';

export interface FlowContext {
  readonly answers: Answers;
  readonly unit: Unit | undefined;
  readonly phone: string | undefined;
  readonly email: string | undefined;
  /** Clerks serving now, as the status last heard (before joining); undefined when unknown. */
  readonly clerksServing: number | undefined;
  /** The only way a screen changes the flow (see flow-state.ts). */
  readonly dispatch: (event: FlowEvent) => void;
}

/** Each screen's heading: it takes the focus when the screen changes. */
export function heading(text: string): TemplateResult {
  return html`<h2 id="heading" class="heading" part="heading" tabindex="-1">${text}</h2>`;
}

export function actions(primary: TemplateResult | typeof nothing, back: (() => void) | undefined, backLabel = msg('Voltar')): TemplateResult {
  return html`<div class="actions">
    ${primary}${back ? html`<button type="button" class="secondary" part="button" @click=${back}>${backLabel}</button>` : nothing}
  </div>`;
}

export function contacts(ctx: FlowContext): TemplateResult | typeof nothing {
  return contactList(ctx.phone, ctx.email);
}

/** "Escrever uma mensagem": the written channel, wherever video can't happen. */
export function writeButton(ctx: FlowContext): TemplateResult {
  return html`<div class="actions">
    <button type="button" class="secondary" part="button" data-write @click=${() => ctx.dispatch({ type: 'write' })}>${msg('Escrever uma mensagem')}</button>
  </div>`;
}

/** Nobody serving by video now: said before joining and while in the line, with the contacts. */
export function unstaffed(ctx: FlowContext, clerksServing: number | undefined, inLine: boolean): TemplateResult | typeof nothing {
  if (clerksServing !== 0) return nothing;
  const words = unstaffedWords(Boolean(ctx.phone), Boolean(ctx.email));
  return html`<div class="unstaffed" part="note">
    <p><strong>${words.headline}</strong> ${inLine ? msg('Seu lugar na fila continua guardado.') : nothing} ${words.nextStep}</p>
    ${contacts(ctx)} ${writeButton(ctx)}
  </div>`;
}
