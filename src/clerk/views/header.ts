// The desk's header: the unit, how the citizen sees the clerk, connected or paused, "Pausar
// atendimento", and the offer to turn the alert's sound on.

import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg } from '@lit/localize';
import type { DeskView } from './context.js';

export function headerView({ desk, online, soundAllowed, actions }: DeskView): TemplateResult {
  const { session, line } = desk;
  const paused = line?.paused;
  const stateWords = !online ? msg('Sem conexão. Tentando reconectar…') : paused ? msg('Conectado · em pausa') : msg('Conectado · atendendo');
  const busy = desk.pending === 'pause' || desk.pending === 'resume';
  return html`<header class="top">
      <div>
        <h2 class="heading" part="heading">${session.unitName}</h2>
        <p class="who">${msg('Você aparece para o cidadão como')} <strong>${session.name}</strong>.</p>
        <p class=${classMap({ state: true, online: online && !paused, offline: !online, paused: online && paused === true })}>
          <span class="dot" aria-hidden="true"></span><strong>${stateWords}</strong>
        </p>
      </div>
      <div class="actions">
        <button
          type="button"
          id="pause"
          class="secondary"
          part="button"
          aria-disabled=${paused === undefined || busy || !online ? 'true' : 'false'}
          @click=${actions.togglePause}
        >
          ${paused ? msg('Retomar atendimento') : msg('Pausar atendimento')}
        </button>
      </div>
    </header>
    ${soundAllowed
      ? nothing
      : html`<div class="notice" part="note">
          <p>${msg('Para ouvir um aviso quando alguém entrar na fila vazia, ative o som (o navegador só toca sons depois de um clique na página).')}</p>
          <div class="actions">
            <button type="button" class="secondary" part="button" @click=${actions.trySound}>${msg('Ativar aviso sonoro')}</button>
          </div>
        </div>`}`;
}
