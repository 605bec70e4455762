// A one-line text field of the flow's forms (the sealed-case identification, the written
// message): the label, a hint and the error next to the field, both tied to the input by
// aria-describedby, and the value kept by the form's own state.

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
