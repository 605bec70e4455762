// The line's panel: how many wait, "Chamar próximo" (or why not now), and the table of the
// people in the line, in order of arrival.

import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg, str } from '@lit/localize';
import { callNextBlocked } from '../../core/clerk-desk.js';
import type { WaitingEntry } from '../../core/protocol/index.js';
import { blockWords } from '../desk-words.js';
import { flagWords, subjectWords, waitedWords, waitingCountWords } from '../words.js';
import { badgesView } from './badges.js';
import type { DeskView } from './context.js';

export function lineView(view: DeskView): TemplateResult {
  const { desk, online, locale, actions } = view;
  const waiting = desk.line?.waiting ?? [];
  const block = callNextBlocked(desk, online);
  const blocked = block === undefined ? undefined : blockWords(block);
  const calling = desk.pending === 'call-next';
  const alerting = desk.alerting;
  return html`<section class=${classMap({ panel: true, 'line-panel': true, alerting })} aria-labelledby="line-heading">
    <h3 id="line-heading" class="heading" part="heading">${msg('Fila')}</h3>
    <p class="count">
      ${waitingCountWords(waiting.length, locale)}${alerting ? html` · <span class="arrived">${msg('chegou alguém')}</span>` : nothing}
    </p>
    <div class="actions">
      <button
        type="button"
        id="call-next"
        part="button"
        aria-disabled=${blocked || calling ? 'true' : 'false'}
        aria-describedby=${blocked ? 'call-next-reason' : nothing}
        @click=${actions.callNext}
      >
        ${calling ? msg('Chamando…') : msg('Chamar próximo')}
      </button>
    </div>
    ${blocked ? html`<p class="hint reason" id="call-next-reason">${blocked}</p>` : nothing}
    ${waiting.length > 0 ? tableView(waiting, view.now, locale) : nothing}
  </section>`;
}

function tableView(waiting: readonly WaitingEntry[], now: number, locale: string): TemplateResult {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const anyAway = waiting.some((w) => w.away);
  // Explicit roles: below 34rem the rows are laid out as blocks (clerk-styles.ts), and a
  // table whose CSS display changes loses its semantics in some browsers.
  return html`<div class="table-wrap">
      <table part="line" role="table">
        <caption class="visually-hidden">
          ${msg('Pessoas na fila, em ordem de chegada')}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">${msg('Senha')}</th>
            <th scope="col" role="columnheader">${msg('Esperando há')}</th>
            <th scope="col" role="columnheader">${msg('Assunto')}</th>
            <th scope="col" role="columnheader">${msg('Situação')}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${waiting.map((w) => {
            const joined = Date.parse(w.joinedAt);
            const since = time.format(joined);
            return html`<tr role="row" class=${classMap({ away: w.away })}>
              <th scope="row" role="rowheader"><span class="code" part="ticket">${w.code}</span></th>
              <td role="cell">
                <time datetime=${w.joinedAt}>${waitedWords(now - joined, locale)}</time>
                <span class="since">${msg(str`desde ${since}`)}</span>
              </td>
              <td role="cell">${subjectWords(w.subject)}</td>
              <td role="cell">${badgesView(flagWords(w, w.away), w.sealed, w.away)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${anyAway ? html`<p class="hint">${msg('Ausente: a pessoa está sem conexão agora. Ela não é chamada até voltar, e não perde o lugar por alguns minutos.')}</p>` : nothing}`;
}
