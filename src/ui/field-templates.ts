// The field templates of the widget's forms (the sealed-case identification, the written
// message): a one-line text field, and a group of choices (radios) under a legend. The
// label, a hint and the error next to the field, tied to it by aria-describedby; the value
// kept by the form's own state (form-field.ts).

import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';

export interface TextFieldOptions {
  readonly autocomplete?: string;
  readonly inputmode?: string;
  readonly autocapitalize?: string;
  /** A narrower box (a CPF, a phone number). */
  readonly short?: boolean;
}

export interface TextFieldSpec {
  /** The input's id, name and `data-field`; the hint and error ids derive from it. */
  readonly field: string;
  readonly label: string;
  readonly hint: string | undefined;
  readonly error: string | undefined;
  readonly value: string;
  readonly options: TextFieldOptions;
  readonly onInput: (value: string) => void;
}

export function textField({ field, label, hint, error, value, options, onInput }: TextFieldSpec): TemplateResult {
  const describedBy = [hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
  return html`<div class=${classMap({ field: true, invalid: Boolean(error) })}>
    <label for=${field}>${label}</label>
    ${hint ? html`<p class="hint" id=${`${field}-hint`}>${hint}</p>` : nothing}
    ${error ? html`<p class="error" id=${`${field}-error`} part="field-error">${error}</p>` : nothing}
    <input
      type="text"
      id=${field}
      name=${field}
      data-field=${field}
      class=${options.short ? 'short' : ''}
      spellcheck="false"
      autocomplete=${options.autocomplete ?? nothing}
      inputmode=${options.inputmode ?? nothing}
      autocapitalize=${options.autocapitalize ?? nothing}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      .value=${value}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
    />
  </div>`;
}

export interface ChoiceFieldSpec<V extends string> {
  /** The radios' name and `data-field`; each radio's id is `field-value`, the error's `field-error`. */
  readonly field: string;
  readonly legend: string;
  readonly error: string | undefined;
  /** The value chosen ('' for none). */
  readonly value: V | '';
  readonly choices: readonly (readonly [V, string])[];
  readonly onChange: (value: V) => void;
  /** Drawn under the choices (a hint). */
  readonly after?: TemplateResult;
}

export function choiceField<V extends string>({ field, legend, error, value, choices, onChange, after }: ChoiceFieldSpec<V>): TemplateResult {
  return html`<fieldset class=${classMap({ field: true, invalid: Boolean(error) })} aria-describedby=${error ? `${field}-error` : nothing}>
    <legend>${legend}</legend>
    ${error ? html`<p id=${`${field}-error`} class="error" part="field-error">${error}</p>` : nothing}
    ${choices.map(
      ([choice, label]) => html`<div class="choice">
        <input type="radio" id=${`${field}-${choice}`} name=${field} data-field=${field} .checked=${value === choice} @change=${() => onChange(choice)} />
        <label for=${`${field}-${choice}`}>${label}</label>
      </div>`,
    )}
    ${after ?? nothing}
  </fieldset>`;
}
