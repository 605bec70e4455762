// The attendance's panel, one template per phase: nobody called, calling (the countdown),
// in the call (the call module's container), the citizen left; the sealed-case
// identification and the outcomes.

import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Attendance } from '../../core/clerk-desk.js';
import type { CheckedValue } from '../../core/identification.js';
import { OUTCOMES } from '../../core/protocol/attendance.js';
import { noticeWords, remoteHungUpWords } from '../desk-words.js';
import { flagWords, outcomeWords, roleWords, secondsLeftWords, subjectWords } from '../words.js';
import { badgesView } from './badges.js';
import type { DeskView } from './context.js';

function heading(text: string): TemplateResult {
  return html`<h3 id="attendance-heading" class="heading" part="heading" tabindex="-1">${text}</h3>`;
}

/** Seconds left for the citizen to answer. */
function secondsLeft(a: Attendance, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(a.calling.answerBy) - now) / 1000));
}

export function attendanceView(view: DeskView): TemplateResult {
  const a = view.desk.attendance;
  const notice = view.desk.notice ? html`<p class="notice" part="note" id="last">${noticeWords(view.desk.notice)}</p>` : nothing;
  if (!a) {
    return html`<section class="panel attendance" aria-labelledby="attendance-heading">
      ${heading(msg('Nenhum atendimento agora'))} ${notice}
      <p class="hint">${msg('Use "Chamar próximo" para chamar a primeira pessoa da fila. Ela tem 1 minuto para entrar.')}</p>
    </section>`;
  }
  const code = a.calling.code;
  // Plain strings: a msg(html`…`) would make the translations (shared with the citizen's
  // script) import Lit's html, which splits the citizen's first chunk in two.
  const title =
    a.phase === 'calling'
      ? msg(str`Chamando ${code}`)
      : a.phase === 'in-call'
        ? msg(str`Em atendimento: ${code}`)
        : msg(str`O cidadão saiu da chamada: ${code}`);
  return html`<section class="panel attendance" aria-labelledby="attendance-heading">
    ${heading(title)} ${a.phase === 'calling' ? notice : nothing}
    <p>${msg('Senha')} <strong class="code" part="ticket">${code}</strong> · ${subjectWords(a.calling.subject)}</p>
    ${badgesView(flagWords(a.calling.flags), a.calling.flags.sealed)} ${a.phase === 'calling' ? callingView(a, view) : nothing}
    ${a.phase === 'in-call' ? callView(a, view) : nothing}
    ${a.phase === 'citizen-left'
      ? html`<p class="notice" part="note">${msg('O cidadão saiu da chamada. Marque abaixo como terminou o atendimento.')}</p>`
      : nothing}
    ${a.phase !== 'calling' || a.calling.flags.sealed ? identificationView(a, view) : nothing} ${endView(a, view)}
  </section>`;
}

function callingView(a: Attendance, { now, locale }: DeskView): TemplateResult {
  const left = secondsLeft(a, now);
  return left > 0
    ? html`<p>${msg('Aguardando o cidadão entrar.')}</p>
        <p class="countdown">${msg('Tempo para entrar:')} ${secondsLeftWords(left, locale)}</p>`
    : html`<p class="countdown">${msg('O tempo para entrar acabou.')}</p>
        <p>${msg('Se a pessoa não entrar, ela sai da fila e a próxima é chamada automaticamente.')}</p>`;
}

function callView(a: Extract<Attendance, { phase: 'in-call' }>, { callContainer }: DeskView): TemplateResult {
  if (a.call.result === 'started') {
    return html`${callContainer ?? nothing} ${a.remoteHungUp ? html`<p class="notice" part="note">${remoteHungUpWords()}</p>` : nothing}`;
  }
  return html`<div class="notice" part="note">
    <p>${msg('Não foi possível abrir a chamada de vídeo neste navegador.')}</p>
    <p>${msg('A pessoa entrou no atendimento, mas não há vídeo para falar com ela. Use "A chamada caiu" para devolvê-la ao início da fila e recarregue a página, ou encerre como "Encaminhado por e-mail" e escreva para ela pelo e-mail da unidade.')}</p>
  </div>`;
}

function value(v: CheckedValue, invalid: string): TemplateResult {
  return v.valid ? html`${v.text}` : html`${v.text || '—'} <span class="invalid-value">(${invalid})</span>`;
}

function identificationView(a: Attendance, { actions }: DeskView): TemplateResult | typeof nothing {
  const id = a.identification;
  if (!id && !a.calling.flags.sealed) return nothing;
  return html`<section class="identification" part="identification" aria-labelledby="identification-heading">
    <h4 id="identification-heading">${msg('Identificação para processo em segredo de justiça')}</h4>
    ${id
      ? html`<dl>
            <dt>${msg('Nome')}</dt>
            <dd>${id.name}</dd>
            <dt>${msg('CPF')}</dt>
            <dd>${value(id.cpf, msg('CPF inválido'))}</dd>
            <dt>${msg('Qualidade')}</dt>
            <dd>${roleWords(id.role)}</dd>
            ${id.oab
              ? html`<dt>${msg('OAB')}</dt>
                  <dd>${value(id.oab, msg('inscrição inválida'))}</dd>`
              : nothing}
            <dt>${msg('Processo')}</dt>
            <dd>${value(id.caseNumber, msg('número inválido'))}</dd>
          </dl>
          <p class="hint">${msg('Estes dados vieram pela chamada, só aparecem nesta tela e são apagados ao encerrar o atendimento.')}</p>`
      : html`<p>
          ${a.calling.flags.sealed
            ? msg('Processo em segredo de justiça: confira quem pede antes de dar informações. A identificação da pessoa chega pela chamada, quando ela entra.')
            : nothing}
        </p>`}
    <div class="choice">
      <input
        type="checkbox"
        id="identity-checked"
        .checked=${a.checked}
        @change=${(e: Event) => actions.setChecked((e.target as HTMLInputElement).checked)}
      />
      <label for="identity-checked">${msg('Identidade conferida')}</label>
    </div>
  </section>`;
}

function endView(a: Attendance, { now, actions }: DeskView): TemplateResult | typeof nothing {
  // While calling, only once the time to answer is over (the server ends it a moment later).
  if (a.phase === 'calling' && secondsLeft(a, now) > 0) return nothing;
  const ending = a.ending;
  return html`<div class="end" role="group" aria-labelledby="end-heading">
    <h4 id="end-heading">${msg('Encerrar o atendimento')}</h4>
    <p class="hint">${ending ? msg('Encerrando…') : msg('Como terminou?')}</p>
    <div class="outcomes">
      ${OUTCOMES.map(
        (outcome) =>
          html`<button
            type="button"
            part="button"
            data-outcome=${outcome}
            aria-disabled=${ending ? 'true' : 'false'}
            @click=${() => actions.markOutcome(outcome)}
          >
            ${outcomeWords(outcome)}
          </button>`,
      )}
    </div>
    ${a.phase === 'in-call'
      ? html`<div class="actions">
          <button type="button" id="dropped" class="secondary" part="button" aria-disabled=${ending ? 'true' : 'false'} @click=${actions.drop}>
            ${msg('A chamada caiu (devolver à fila)')}
          </button>
        </div>`
      : nothing}
  </div>`;
}
