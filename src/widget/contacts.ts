// The unit's phone and e-mail as tel: and mailto: links: the next step of every message
// that can't be solved on the page. Shared by the element and the flow's inner element.

import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { telHref } from './format.js';

/** The list items, for a list that has other items too (a link before them, say). */
export function contactItems(phone: string | undefined, email: string | undefined): TemplateResult {
  return html`${phone ? html`<li>${msg('Telefone:')} <a href=${telHref(phone)}>${phone}</a></li>` : nothing}${email
    ? html`<li>${msg('E-mail:')} <a href=${`mailto:${email}`}>${email}</a></li>`
    : nothing}`;
}

/** The list, or nothing when there is neither a phone nor an e-mail. */
export function contactList(phone: string | undefined, email: string | undefined): TemplateResult | typeof nothing {
  return phone || email ? html`<ul class="contacts" part="contacts">${contactItems(phone, email)}</ul>` : nothing;
}
