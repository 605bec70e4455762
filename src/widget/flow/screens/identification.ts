// The sealed-case identification: the form's draft and its errors (IdentificationForm, a
// controller that never renders), and the screen drawn from them. A field shown as wrong is
// checked again as it is corrected; a right one waits for the blur; a field left with a
// click is checked once the click is over (the message would push down what is clicked).

import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg } from '@lit/localize';
import { FIELDS, emptyDraft, fieldError, identificationOf, type Field, type Identification, type IdentificationDraft, type Role } from '../identification.js';
import { textField, type TextFieldOptions } from '../text-field.js';
import { actions, heading, type FlowContext } from './parts.js';

export class IdentificationForm implements ReactiveController {
  draft: IdentificationDraft = emptyDraft();
  errors: Partial<Record<Field, string>> = {};
  /** While a pointer is pressed in the form: the fields left meanwhile, checked on release. */
  private pressing: AbortController | undefined;
  private readonly afterPress = new Set<Field>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.pressing?.abort();
    this.pressing = undefined;
  }

  /** The call is over: what was typed has served its purpose. */
  reset(): void {
    this.draft = emptyDraft();
    this.host.requestUpdate();
  }

  /**
   * "Continuar": every field checked; the identification when all are right, else the
   * selector of the first wrong field (it takes the focus).
   */
  submit(): { readonly ok: true; readonly identification: Identification | undefined } | { readonly ok: false; readonly focus: string } {
    const errors: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const error = fieldError(field, this.draft);
      if (error !== undefined) errors[field] = error;
    }
    this.errors = errors;
    this.host.requestUpdate();
    const firstWrong = FIELDS.find((f) => errors[f] !== undefined);
    if (firstWrong) return { ok: false, focus: firstWrong === 'role' ? 'input[name="role"]' : `#${firstWrong}` };
    return { ok: true, identification: identificationOf(this.draft) };
  }

  edit(field: Field, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    this.host.requestUpdate();
    // A field shown as wrong is checked again as it is corrected; a right one waits for the blur.
    if (this.errors[field] !== undefined || field === 'role') this.check(field);
  }

  readonly checkOnBlur = (event: FocusEvent): void => {
    const field = (event.target as HTMLElement).dataset.field as Field | undefined;
    if (!field || field === 'role') return;
    // An empty field is not scolded on the way through; only when sent.
    if (this.draft[field].trim() === '' && this.errors[field] === undefined) return;
    // Left with a click or a tap: the message would push down what is being clicked between
    // the press and the release. It is shown once the click is over.
    if (this.pressing) this.afterPress.add(field);
    else this.check(field);
  };

  readonly pointerDown = (): void => {
    if (this.pressing) return;
    this.pressing = new AbortController();
    const release = (): void => {
      this.pressing?.abort();
      this.pressing = undefined;
      // After the click that follows the release, in the same task.
      setTimeout(() => {
        for (const field of this.afterPress) this.check(field);
        this.afterPress.clear();
      });
    };
    window.addEventListener('pointerup', release, { signal: this.pressing.signal });
    window.addEventListener('pointercancel', release, { signal: this.pressing.signal });
  };

  private check(field: Field): void {
    const error = fieldError(field, this.draft);
    // Unchanged: no update (the focus moving after sending checks the field it leaves).
    if (error === this.errors[field]) return;
    const errors = { ...this.errors };
    if (error === undefined) delete errors[field];
    else errors[field] = error;
    this.errors = errors;
    this.host.requestUpdate();
  }
}

export function identificationScreen(ctx: FlowContext, form: IdentificationForm, focus: (selector: string) => void): TemplateResult {
  const d = form.draft;
  const errors = form.errors;
  const roles: [Role, string][] = [
    ['party', msg('Parte no processo')],
    ['lawyer', msg('Advogado(a) de uma das partes')],
    ['other', msg('Outra pessoa')],
  ];
  const field = (name: Exclude<Field, 'role'>, label: string, hint: string | undefined, options: TextFieldOptions): TemplateResult =>
    textField({ field: name, label, hint, error: errors[name], value: d[name], options, onInput: (value) => form.edit(name, value) });
  const submit = (event: Event): void => {
    event.preventDefault();
    const result = form.submit();
    if (result.ok) ctx.dispatch({ type: 'identified', identification: result.identification });
    else focus(result.focus);
  };
  return html`<form novalidate part="form" @submit=${submit} @focusout=${form.checkOnBlur} @pointerdown=${form.pointerDown}>
    ${heading(msg('Sua identificação'))}
    <div class="notice" part="note" id="lgpd">
      <p>${msg('Em processos em segredo de justiça, a pessoa que atender precisa conferir quem você é antes de dar informações.')}</p>
      <p>
        ${msg('Seus dados (nome, CPF, se é parte ou advogado(a), OAB e número do processo) servem só para isso. Eles ficam apenas nesta página até a chamada começar e então vão direto para a pessoa que atender, pela conexão protegida da chamada. Não são enviados ao servidor do Balcão Virtual nem guardados neste aparelho (Lei Geral de Proteção de Dados).')}
      </p>
    </div>
    ${field('name', msg('Nome completo'), undefined, { autocomplete: 'name' })}
    ${field('cpf', msg('CPF'), msg('Os 11 números, com ou sem pontos e traço.'), { inputmode: 'numeric', short: true })}
    <fieldset class=${classMap({ field: true, invalid: Boolean(errors.role) })} aria-describedby=${errors.role ? 'role-error' : nothing}>
      <legend>${msg('Você é')}</legend>
      ${errors.role ? html`<p id="role-error" class="error" part="field-error">${errors.role}</p>` : nothing}
      ${roles.map(
        ([value, label]) => html`<div class="choice">
          <input
            type="radio"
            id=${`role-${value}`}
            name="role"
            data-field="role"
            .checked=${d.role === value}
            @change=${() => form.edit('role', value)}
          />
          <label for=${`role-${value}`}>${label}</label>
        </div>`,
      )}
    </fieldset>
    ${d.role === 'lawyer'
      ? field('oab', msg('Inscrição na OAB'), msg('Sigla do estado e número. Exemplo: RN 12345.'), { short: true, autocapitalize: 'characters' })
      : nothing}
    ${field('caseNumber', msg('Número do processo'), msg('No formato 0000000-00.0000.0.00.0000, ou só os 20 números.'), {
      inputmode: 'numeric',
    })}
    ${actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => ctx.dispatch({ type: 'back' }))}
  </form>`;
}
