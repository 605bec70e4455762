// Badges: "Segredo de justiça", "Advogado(a)", "Intérprete de Libras", "Ausente".

import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';

export function badgesView(words: string[], sealed: boolean, away = false): TemplateResult | typeof nothing {
  if (words.length === 0) return nothing;
  return html`<ul class="badges">
    ${words.map(
      (word, i) =>
        html`<li>
          <span class=${classMap({ badge: true, sealed: sealed && i === 0, away: away && i === words.length - 1 })} part="flag"
            >${word}</span
          >
        </li>`,
    )}
  </ul>`;
}
