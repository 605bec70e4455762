// The call view's controls: microphone, camera, "Só áudio" and "Encerrar chamada" (with its
// confirmation): a template module of <balcao-virtual-chamada>, with its styles. It renders
// what the view holds and calls the view's actions.

import { css, html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { MediaState } from '../call/types.js';

/** What the controls show and do: the call view's state and actions (called with `this` the view). */
export interface ControlsView {
  readonly localMedia: MediaState;
  /** The call is over (or there is none): every control is disabled. */
  readonly ended: boolean;
  readonly confirmingHangUp: boolean;
  readonly toggleMicrophone: () => void;
  readonly toggleCamera: () => void;
  readonly audioOnly: () => void;
  readonly askHangUp: () => void;
  readonly cancelHangUp: () => void;
  readonly hangUp: () => void;
}

export function controlsTemplate(view: ControlsView): TemplateResult {
  const ended = view.ended;
  const { microphone, camera, audioOnly } = view.localMedia;
  // When the call is over every control is `disabled` (the focus went to the state line);
  // "Só áudio" only marks the camera and itself `aria-disabled`: they keep the focus and say why.
  return html`<div class="controls" part="call-controls" role="group" aria-label=${msg('Controles da chamada')}>
      <button
        type="button"
        id="microphone"
        class="toggle"
        part="call-button"
        aria-pressed=${microphone ? 'true' : 'false'}
        ?disabled=${ended}
        @click=${view.toggleMicrophone}
      >
        ${icon('microphone', microphone)}<span class="label">${msg('Microfone')}</span>
        <span class="onoff" aria-hidden="true">${microphone ? msg('ligado') : msg('desligado')}</span>
      </button>
      <button
        type="button"
        id="camera"
        class="toggle"
        part="call-button"
        aria-pressed=${camera && !audioOnly ? 'true' : 'false'}
        aria-disabled=${audioOnly ? 'true' : 'false'}
        aria-describedby=${audioOnly && !ended ? 'camera-why' : nothing}
        ?disabled=${ended}
        @click=${view.toggleCamera}
      >
        ${icon('camera', camera && !audioOnly)}<span class="label">${msg('Câmera')}</span>
        <span class="onoff" aria-hidden="true">${camera && !audioOnly ? msg('ligada') : msg('desligada')}</span>
      </button>
      <button
        type="button"
        id="audio-only"
        part="call-button"
        class="secondary"
        aria-disabled=${audioOnly ? 'true' : 'false'}
        ?disabled=${ended}
        @click=${view.audioOnly}
      >
        ${icon('audio', true)}<span class="label">${msg('Só áudio')}</span>
        <span class="onoff">${audioOnly ? msg('ativado') : msg('sem câmera até o fim')}</span>
      </button>
      ${view.confirmingHangUp
        ? confirmTemplate(view)
        : html`<button type="button" id="hang-up" class="danger" part="call-button" ?disabled=${ended} @click=${view.askHangUp}>
            ${icon('hang-up', true)}<span class="label">${msg('Encerrar chamada')}</span>
          </button>`}
    </div>
    ${audioOnly && !ended
      ? html`<p class="note" id="camera-why">${msg('A câmera fica desligada até o fim da chamada, porque a chamada está só em áudio.')}</p>`
      : nothing}`;
}

function confirmTemplate(view: ControlsView): TemplateResult {
  return html`<div class="confirm" role="group" aria-labelledby="hang-up-question">
    <p id="hang-up-question" class="question">${msg('Encerrar a chamada?')}</p>
    <div class="confirm-actions">
      <button type="button" id="hang-up-confirm" class="danger" part="call-button" @click=${view.hangUp}>${msg('Sim, encerrar')}</button>
      <button type="button" id="hang-up-cancel" class="secondary" part="call-button" @click=${view.cancelHangUp}>
        ${msg('Continuar na chamada')}
      </button>
    </div>
  </div>`;
}

type IconName = 'microphone' | 'camera' | 'audio' | 'hang-up';

/** A small line drawing next to a control's words (never alone), struck through when off. */
function icon(name: IconName, on: boolean): TemplateResult {
  const shapes: Record<IconName, SVGTemplateResult> = {
    microphone: svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`,
    camera: svg`<rect x="3" y="6" width="12" height="12" rx="2"/><path d="M15 10l6-3v10l-6-3z"/>`,
    audio: svg`<path d="M4 14v-2a8 8 0 0 1 16 0v2"/><rect x="3" y="14" width="4" height="6" rx="1"/><rect x="17" y="14" width="4" height="6" rx="1"/>`,
    'hang-up': svg`<path d="M3 14c5-5 13-5 18 0l-2 3-4-1v-3a9 9 0 0 0-6 0v3l-4 1z"/>`,
  };
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    ${shapes[name]}${on ? nothing : svg`<path d="M4 4l16 16"/>`}
  </svg>`;
}

// Switched off is said in words and shown reversed (dashed in forced colours), never by
// colour alone. The rules for disabled buttons hold for every button of the call.
export const controlsStyles = css`
  .controls {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.5rem;
  }
  .controls > button {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.125rem;
    min-inline-size: 0;
    padding: 0.375rem 0.5rem;
    line-height: 1.2;
    overflow-wrap: anywhere;
  }
  .toggle {
    background: transparent;
    color: var(--_accent);
  }
  .toggle[aria-pressed='false'] {
    background: var(--_text);
    border-color: var(--_text);
    color: var(--_surface);
  }
  .onoff {
    font-weight: 400;
    font-size: 0.8125em;
  }
  .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  button.danger {
    border-color: var(--_closed);
    background: var(--_closed);
    color: var(--_on-accent);
  }
  button[aria-disabled='true'],
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button[aria-disabled='true']:hover,
  button:disabled:hover {
    text-decoration: none;
  }
  .confirm {
    grid-column: 1 / -1;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--_closed);
    border-radius: var(--_radius);
  }
  .confirm .question {
    margin-block-end: 0.5rem;
    font-weight: 700;
  }
  .confirm-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .confirm-actions button {
    flex: 1 1 auto;
    padding-inline: 0.75rem;
  }

  @container (min-width: 30rem) {
    .controls {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
  }

  @media (forced-colors: active) {
    .confirm {
      border: 1px solid CanvasText;
    }
    .toggle[aria-pressed='false'] {
      border-style: dashed;
      background: ButtonFace;
      color: ButtonText;
    }
    button.danger {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
    }
    button:disabled,
    button[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;
