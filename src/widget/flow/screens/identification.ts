// The sealed-case identification: the form's draft and its errors (IdentificationForm, the
// shared form-field engine over identification.ts's rules; it never renders), and the
// screen drawn from them.

import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { FormFields } from '../../../ui/form-field.js';
import { choiceField, textField, type TextFieldOptions } from '../../../ui/field-templates.js';
import { IDENTIFICATION_RULES, emptyDraft, identificationOf, type Field, type Identification, type IdentificationDraft, type Role } from '../identification.js';
import { actions, heading, type FlowContext } from './parts.js';

export class IdentificationForm extends FormFields<Field, IdentificationDraft> {
  constructor(host: ReactiveControllerHost) {
    super(host, IDENTIFICATION_RULES, emptyDraft());
  }

  /** The call is over: what was typed has served its purpose. */
  reset(): void {
    this.replace(emptyDraft());
  }

  /** The checked identification (undefined while a field is wrong). */
  identification(): Identification | undefined {
    return identificationOf(this.draft);
  }
}

export function identificationScreen(ctx: FlowContext, form: IdentificationForm, focus: (selector: string) => void): TemplateResult {
  const d = form.draft;
  const errors = form.errors;
  const roles: readonly (readonly [Role, string])[] = [
    ['party', msg('Parte no processo')],
    ['lawyer', msg('Advogado(a) de uma das partes')],
    ['other', msg('Outra pessoa')],
  ];
  const field = (name: Exclude<Field, 'role'>, label: string, hint: string | undefined, options: TextFieldOptions): TemplateResult =>
    textField({ field: name, label, hint, error: errors[name], value: d[name], options, onInput: (value) => form.edit(name, value) });
  const submit = (event: Event): void => {
    event.preventDefault();
    if (form.submit(focus)) ctx.dispatch({ type: 'identified', identification: form.identification() });
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
    ${choiceField({ field: 'role', legend: msg('Você é'), error: errors.role, value: d.role, choices: roles, onChange: (value) => form.edit('role', value) })}
    ${d.role === 'lawyer'
      ? field('oab', msg('Inscrição na OAB'), msg('Sigla do estado e número. Exemplo: RN 12345.'), { short: true, autocapitalize: 'characters' })
      : nothing}
    ${field('caseNumber', msg('Número do processo'), msg('No formato 0000000-00.0000.0.00.0000, ou só os 20 números.'), {
      inputmode: 'numeric',
    })}
    ${actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => ctx.dispatch({ type: 'back' }))}
  </form>`;
}
