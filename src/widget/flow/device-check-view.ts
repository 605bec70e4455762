// The device check's part of the screen before the line, drawn from its controller's state
// (device-check.ts): the button, or the preview, the meter, the choices and the problems in
// plain words; the "Usar só áudio" switch; and what to use when this browser can't make calls.

import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ANDROID_WEBVIEW, type DeviceCheckController, type DeviceOption } from './device-check.js';
import { problemWords, type ProblemWords } from './device-words.js';
import type { MediaChoice } from '../../ui/media-choice.js';

/** This browser can't make calls: what to use instead, and the unit's contacts (`contacts`: nothing when none). */
export function renderCannotCall(check: Readonly<DeviceCheckController>, contacts: TemplateResult | typeof nothing): TemplateResult {
  const { insecure, app } = check.browser;
  return html`<div class="problem" part="problem" id="cannot-call">
      <p>${msg('Este navegador não consegue fazer chamadas de vídeo.')}</p>
    </div>
    ${app ? renderInApp(app) : nothing}
    <p>
      ${insecure
        ? msg('Esta página não usa um endereço seguro (https), e sem ele nenhum navegador liga a câmera e o microfone. Avise a unidade.')
        : msg('Para ser atendido(a) por vídeo, abra esta página na versão mais recente do Chrome, Firefox, Edge ou Safari.')}
    </p>
    ${contacts === nothing
      ? html`<p>${msg('Se preferir, procure o telefone ou o e-mail da unidade no site do tribunal.')}</p>`
      : html`<p>${msg('Se preferir, fale com a unidade:')}</p>
          ${contacts}`}`;
}

/** The check: its button, or the preview, meter, choices and problems; and the "só áudio" switch. */
export function renderDeviceCheck(check: Readonly<DeviceCheckController>, contacts: TemplateResult | typeof nothing): TemplateResult {
  const choice = check.options.choice();
  const app = check.browser.app;
  return html`<section class="devices" aria-labelledby="devices-heading">
    <h3 class="subheading" id="devices-heading">${msg('Câmera e microfone')}</h3>
    ${app ? renderInApp(app) : nothing}
    ${check.phase === 'tested' ? renderTested(check, choice, contacts) : renderButton(check, choice)}
    ${renderAudioOnly(check, choice)}
  </section>`;
}

function renderInApp(app: string): TemplateResult {
  return html`<div class="notice" part="note" id="in-app">
    <p>
      <strong>
        ${app === ANDROID_WEBVIEW ? msg('Esta página está aberta dentro de um aplicativo.') : msg(str`Esta página está aberta dentro do ${app}.`)}
      </strong>
      ${msg('Nele, a câmera e o microfone podem não funcionar.')}
    </p>
    <p>${msg('Para evitar problemas, abra a página no Chrome ou no Safari: toque em ⋮ ou ··· e escolha "Abrir no navegador".')}</p>
  </div>`;
}

function renderButton(check: Readonly<DeviceCheckController>, choice: MediaChoice): TemplateResult {
  const asking = check.phase === 'asking';
  const label = choice.audioOnly ? msg('Testar o microfone') : msg('Testar câmera e microfone');
  return html`<p>${msg('Ao entrar, o navegador vai pedir para usar a câmera e o microfone.')}</p>
    <p class="hint">${msg('Recomendado: teste antes de entrar na fila. Se o navegador perguntar, escolha "Permitir".')}</p>
    <div class="actions">
      <button type="button" id="device-test" class="secondary" part="button" aria-disabled=${asking ? 'true' : 'false'} @click=${() => void check.test()}>
        ${asking ? msg('Ligando…') : label}
      </button>
    </div>`;
}

function renderTested(check: Readonly<DeviceCheckController>, choice: MediaChoice, contacts: TemplateResult | typeof nothing): TemplateResult {
  const stream = check.stream;
  const videoTrack = stream?.getVideoTracks().find((t) => t.readyState === 'live');
  const audioTrack = stream?.getAudioTracks().find((t) => t.readyState === 'live');
  const words = check.problem && !check.reopening ? problemWords(check.problem) : undefined;
  const summary = check.reopening
    ? msg('Ligando…')
    : (words?.headline ??
      (videoTrack ? msg('Câmera e microfone ligados. Confira sua imagem e fale algo.') : msg('Microfone ligado. Fale algo para conferir.')));
  return html`<p id="device-status" class=${words ? 'problem' : nothing} tabindex="-1">${summary}</p>
    ${words ? renderProblem(check, words, contacts) : nothing}
    ${videoTrack
      ? html`<figure class="preview">
          <video .srcObject=${stream ?? null} .muted=${true} muted autoplay playsinline aria-describedby="preview-caption"></video>
          <figcaption id="preview-caption" class="hint">
            ${msg('Sua imagem, como num espelho: só você vê. A câmera desliga enquanto você espera na fila; ela liga de novo quando você entrar na chamada.')}
          </figcaption>
        </figure>`
      : nothing}
    ${audioTrack
      ? html`<div class="level">
          <label for="mic-level">${msg('Volume do microfone')}</label>
          <meter id="mic-level" min="0" max="1" .value=${check.level} aria-describedby="mic-hint"></meter>
          <p class="hint" id="mic-hint">${check.heard ? msg('Ouvimos você: o microfone está funcionando.') : msg('Fale algo: a barra deve se mexer.')}</p>
        </div>`
      : nothing}
    ${choice.audioOnly ? nothing : renderSelect(check, 'camera', msg('Câmera'), check.cameras, choice.cameraId, videoTrack)}
    ${renderSelect(check, 'microphone', msg('Microfone'), check.microphones, choice.microphoneId, audioTrack)}
    <div class="actions">
      ${words?.retry
        ? html`<button type="button" id="device-retry" class="secondary" part="button" @click=${() => void check.test()}>${msg('Testar de novo')}</button>`
        : nothing}
      <button type="button" id="device-stop" class="secondary" part="button" @click=${() => check.end()}>${msg('Encerrar o teste')}</button>
    </div>`;
}

function renderProblem(check: Readonly<DeviceCheckController>, words: ProblemWords, contacts: TemplateResult | typeof nothing): TemplateResult {
  return html`${words.allow
      ? html`<ol class="steps" id="allow-steps">
            <li>${msg('Toque ou clique no cadeado ao lado do endereço da página.')}</li>
            <li>${msg('Abra "Permissões" (ou "Configurações do site").')}</li>
            <li>${msg('Em "Câmera" e "Microfone", escolha "Permitir".')}</li>
            <li>${msg('Volte aqui e toque em "Testar de novo".')}</li>
          </ol>
          <p class="hint">${msg('No iPhone ou iPad: toque em "aA" ao lado do endereço, depois em "Ajustes do Site".')}</p>`
      : nothing}
    ${words.next ? html`<p>${words.next}</p>` : nothing}
    ${words.contacts && contacts !== nothing ? html`<p>${msg('Se preferir, fale com a unidade:')}</p>${contacts}` : nothing}
    ${(words.allow || words.contacts) && check.options.write
      ? html`<div class="actions">
          <button type="button" class="secondary" part="button" data-write @click=${check.options.write}>${msg('Escrever uma mensagem')}</button>
        </div>`
      : nothing}`;
}

function renderSelect(
  check: Readonly<DeviceCheckController>,
  kind: 'camera' | 'microphone',
  label: string,
  devices: readonly DeviceOption[],
  chosen: string | undefined,
  track: MediaStreamTrack | undefined,
): TemplateResult | typeof nothing {
  if (devices.length === 0) return nothing;
  // The device in use: the chosen one, or the one the browser picked.
  const inUse = chosen !== undefined && devices.some((d) => d.id === chosen) ? chosen : track?.getSettings().deviceId;
  return html`<div class="field">
    <label for=${`${kind}-select`}>${label}</label>
    <select id=${`${kind}-select`} @change=${(e: Event) => check.chooseDevice(kind, (e.target as HTMLSelectElement).value)}>
      ${devices.map((d) => html`<option value=${d.id} .selected=${d.id === inUse}>${d.label}</option>`)}
    </select>
  </div>`;
}

function renderAudioOnly(check: Readonly<DeviceCheckController>, choice: MediaChoice): TemplateResult | typeof nothing {
  // No camera at all: nothing to switch off.
  if (check.problem === 'no-camera' || check.problem === 'no-devices') return nothing;
  const suggested = check.suggested;
  return html`<div class="choice">
      <input
        type="checkbox"
        role="switch"
        id="audio-only"
        .checked=${choice.audioOnly}
        aria-describedby=${suggested ? 'audio-only-hint audio-only-why' : 'audio-only-hint'}
        @change=${(e: Event) => check.setAudioOnly((e.target as HTMLInputElement).checked)}
      />
      <div>
        <label for="audio-only">${msg('Usar só áudio')}</label>
        <span class="hint" id="audio-only-hint">${msg('A câmera fica desligada na chamada. Ajuda quando a internet está fraca.')}</span>
      </div>
    </div>
    ${suggested
      ? html`<p class="notice" part="note" id="audio-only-why">
          ${suggested === 'slow'
            ? msg('Sua conexão parece lenta, por isso "Usar só áudio" já vem marcado: sem vídeo, a chamada fica mais estável. Se quiser usar a câmera, desmarque.')
            : msg('A economia de dados está ligada neste aparelho, por isso "Usar só áudio" já vem marcado. Se quiser usar a câmera, desmarque.')}
        </p>`
      : nothing}`;
}

// The check's rules, on top of the flow's (flow-styles.ts): the preview is mirrored (people
// expect to see themselves as in a mirror) and never wider than the column; selects are 44 px.
export const deviceCheckStyles = css`
  .devices {
    margin: 0.75rem 0 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .subheading {
    margin: 0 0 0.5rem;
    font-size: 1em;
    font-weight: 700;
  }
  .devices .actions {
    margin-block: 0.5rem 0.75rem;
  }
  .steps {
    margin: 0.25rem 0 0.5rem;
    padding-inline-start: 1.5rem;
  }
  .steps li {
    margin-block: 0.25rem;
  }
  .preview {
    margin: 0.5rem 0 0.75rem;
  }
  .preview video {
    display: block;
    inline-size: 100%;
    max-inline-size: 20rem;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    background: #000;
    border-radius: var(--_radius);
    transform: scaleX(-1);
  }
  .preview figcaption {
    margin-block-start: 0.25rem;
  }
  .level {
    margin: 0 0 0.75rem;
  }
  .level label,
  .devices .field > label {
    display: block;
    font-weight: 700;
  }
  .level meter {
    display: block;
    inline-size: 100%;
    max-inline-size: 20rem;
    block-size: 1.5rem;
    margin-block: 0.25rem;
  }
`;
