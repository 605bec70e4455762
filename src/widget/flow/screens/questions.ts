// The questions before the line: the triage (what the attendance is about, Libras), the
// two yes/no questions (sealed case, lawyer), and the two topics that never reach the line
// (PJe support, petitions), each with where to go instead.

import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg } from '@lit/localize';
import { contactItems } from '../../contacts.js';
import type { QuestionView, Topic, TriageView } from '../flow-state.js';
import { actions, contacts, heading, unstaffed, writeButton, type FlowContext } from './parts.js';

export function triageScreen(ctx: FlowContext, view: TriageView): TemplateResult {
  const { topic, libras } = ctx.answers;
  const topics: [Topic, string, string][] = [
    ['case-info', msg('Informação sobre um processo'), msg('Andamento, prazos, audiências, documentos do processo.')],
    ['pje', msg('Problema técnico no sistema PJe'), msg('Erro para entrar, assinar ou enviar arquivos no PJe.')],
    ['petition', msg('Enviar uma petição ou documento'), msg('Protocolar um pedido, uma defesa ou um documento no processo.')],
    ['other', msg('Outro assunto'), msg('Dúvidas sobre a unidade e seus serviços.')],
  ];
  const submit = (event: Event): void => {
    event.preventDefault();
    ctx.dispatch({ type: 'submit-triage' });
  };
  return html`<form novalidate @submit=${submit}>
    <fieldset aria-describedby=${view.unanswered ? 'topic-error' : nothing}>
      <legend>${heading(msg('Sobre o que é o atendimento?'))}</legend>
      ${view.unanswered ? html`<p id="topic-error" class="error" part="field-error">${msg('Escolha uma das opções.')}</p>` : nothing}
      <div class=${classMap({ choices: true, invalid: view.unanswered })}>
        ${topics.map(
          ([value, label, hint]) => html`<div class="choice">
            <input
              type="radio"
              id=${`topic-${value}`}
              name="topic"
              .checked=${topic === value}
              aria-describedby=${`topic-${value}-hint`}
              @change=${() => ctx.dispatch({ type: 'topic', topic: value })}
            />
            <div>
              <label for=${`topic-${value}`}>${label}</label>
              <span class="hint" id=${`topic-${value}-hint`}>${hint}</span>
            </div>
          </div>`,
        )}
      </div>
    </fieldset>
    <div class="choice">
      <input
        type="checkbox"
        id="libras"
        .checked=${libras}
        @change=${(e: Event) => ctx.dispatch({ type: 'libras', on: (e.target as HTMLInputElement).checked })}
      />
      <label for="libras">${msg('Preciso de intérprete de Libras')}</label>
    </div>
    ${unstaffed(ctx, ctx.clerksServing, false)}
    ${actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => ctx.dispatch({ type: 'exit' }))}
    <p><button type="button" class="link" id="prefer-write" @click=${() => ctx.dispatch({ type: 'write' })}>${msg('Prefiro escrever uma mensagem')}</button></p>
  </form>`;
}

/** The two yes/no questions: is the case sealed; is the person a lawyer. */
export function questionScreen(ctx: FlowContext, view: QuestionView): TemplateResult {
  const question = view.screen;
  const value = ctx.answers[question];
  const describedBy = [question === 'sealed' ? 'question-hint' : '', view.unanswered ? 'question-error' : ''].filter(Boolean).join(' ');
  const set = (answer: boolean): void => ctx.dispatch({ type: 'yes-no', answer });
  const submit = (event: Event): void => {
    event.preventDefault();
    ctx.dispatch({ type: 'submit-question' });
  };
  return html`<form novalidate @submit=${submit}>
    <fieldset aria-describedby=${describedBy || nothing}>
      <legend>${heading(question === 'sealed' ? msg('O processo tramita em segredo de justiça?') : msg('Você é advogado(a)?'))}</legend>
      ${question === 'sealed'
        ? html`<p class="hint" id="question-hint">
            ${msg('Nesses processos, a unidade só informa as partes e seus advogados, e por isso confere quem pede. Se não souber, responda "Não": se for preciso, a pessoa que atender pede sua identificação.')}
          </p>`
        : nothing}
      ${view.unanswered ? html`<p id="question-error" class="error" part="field-error">${msg('Responda sim ou não.')}</p>` : nothing}
      <div class=${classMap({ choices: true, invalid: view.unanswered })}>
        <div class="choice">
          <input type="radio" id="answer-yes" name="answer" .checked=${value === true} @change=${() => set(true)} />
          <label for="answer-yes">${msg('Sim')}</label>
        </div>
        <div class="choice">
          <input type="radio" id="answer-no" name="answer" .checked=${value === false} @change=${() => set(false)} />
          <label for="answer-no">${msg('Não')}</label>
        </div>
      </div>
    </fieldset>
    ${actions(html`<button type="submit" part="button">${msg('Continuar')}</button>`, () => ctx.dispatch({ type: 'back' }))}
  </form>`;
}

export function pjeScreen(ctx: FlowContext): TemplateResult {
  const pje = ctx.unit?.pjeSupport;
  return html`${heading(msg('Problemas no sistema PJe'))}
    <p>${msg('O Balcão Virtual não resolve problemas técnicos do PJe, como erro para entrar, assinar ou enviar arquivos. Quem ajuda é o suporte do PJe do tribunal.')}</p>
    ${pje
      ? html`<ul class="contacts" part="contacts">
          ${pje.url ? html`<li><a href=${pje.url}>${msg('Página do suporte do PJe')}</a></li>` : nothing}${contactItems(pje.phone, pje.email)}
        </ul>`
      : html`<p>${msg('Procure o suporte do PJe no site do tribunal. Se precisar, fale com a unidade:')}</p>
          ${contacts(ctx)}`}
    ${actions(nothing, () => ctx.dispatch({ type: 'back' }))}`;
}

export function petitionScreen(ctx: FlowContext): TemplateResult {
  const url = ctx.unit?.petitionsUrl;
  return html`${heading(msg('O Balcão Virtual não recebe petições'))}
    <p>${msg('Petições e documentos são enviados pelo peticionamento eletrônico, no sistema do processo. O Balcão Virtual só dá informações.')}</p>
    ${url
      ? html`<p><a href=${url}>${msg('Ir para o peticionamento eletrônico')}</a></p>`
      : html`<p>${msg('Procure o peticionamento eletrônico no site do tribunal.')}</p>`}
    ${ctx.phone || ctx.email ? html`<p>${msg('Se tiver dúvidas, fale com a unidade:')}</p>${contacts(ctx)}` : nothing}
    ${actions(nothing, () => ctx.dispatch({ type: 'back' }))}`;
}

/** The endings of a ticket: missed, done, expired, lost. */
export function endingScreen(ctx: FlowContext, screen: 'missed' | 'done' | 'expired' | 'lost'): TemplateResult {
  switch (screen) {
    case 'missed':
      return ending(
        ctx,
        msg('Você não entrou a tempo'),
        msg('Chamaram você, mas o tempo para entrar acabou. Por isso, sua senha saiu da fila.'),
        true,
      );
    case 'done':
      return ending(ctx, msg('Atendimento encerrado'), msg('Obrigado por usar o Balcão Virtual.'), false, false);
    case 'expired':
      return ending(
        ctx,
        msg('A fila de hoje foi encerrada'),
        msg('O horário de atendimento da unidade terminou antes da sua vez. Volte no próximo dia de atendimento ou fale com a unidade.'),
        false,
      );
    case 'lost':
      return ending(
        ctx,
        msg('Sua senha não está mais na fila'),
        msg('Isso acontece quando a conexão fica muito tempo fora. Entre na fila de novo se ainda precisar de atendimento.'),
        true,
      );
  }
}

function ending(ctx: FlowContext, headline: string, text: string, again: boolean, withContacts = true): TemplateResult {
  return html`${heading(headline)}
    <p>${text}</p>
    ${actions(
      again ? html`<button type="button" part="button" @click=${() => ctx.dispatch({ type: 'join-again' })}>${msg('Entrar na fila de novo')}</button>` : nothing,
      () => ctx.dispatch({ type: 'exit' }),
      msg('Voltar ao início'),
    )}
    ${withContacts && (ctx.phone || ctx.email) ? html`<p>${msg('Se preferir, fale com a unidade:')}</p>${contacts(ctx)}` : nothing}
    ${withContacts ? writeButton(ctx) : nothing}`;
}
