// The call view's state line ("Conectando a chamada…", "Chamada encerrada" and why), the two
// videos (the other side's large, this side's small, or a placeholder that says why there
// is no picture) and the connection's quality: template modules of <balcao-virtual-chamada>,
// with their styles. They render what the view holds; the view owns every state and action.

import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CallState, EndReason, MediaState, QualityLevel } from '../call/types.js';
import { endWords, qualityWords, remoteNoVideoWords, selfNoVideoWords, stateWords } from './words.js';

/** What the state line, the videos and the connection show: the call view's state. */
export interface StageView {
  readonly callState: CallState;
  readonly endReason: EndReason | undefined;
  readonly remoteStream: MediaStream | undefined;
  readonly localStream: MediaStream | undefined;
  readonly localMedia: MediaState;
  /** The other side's switches, once it has said them. */
  readonly remoteMedia: MediaState | undefined;
  readonly quality: QualityLevel | undefined;
  readonly signaling: 'open' | 'reconnecting';
  /** The browser refused to play the other side's video with sound until the person acts. */
  readonly playBlocked: boolean;
  /** The other side's name as the host gave it, or "Outra pessoa". */
  readonly otherSide: string;
  /** Plays the other side's video after a tap (`this` is the view). */
  readonly resumePlayback: () => void;
}

export function stateTemplate(view: StageView): TemplateResult {
  const ended = view.callState === 'ended';
  return html`<div class="state-line ${view.callState}" part="call-state">
    <p id="call-state" class="state" tabindex="-1">
      <span class="dot" aria-hidden="true"></span><strong>${stateWords(view.callState)}</strong>
    </p>
    ${ended ? html`<p class="reason" id="call-end-reason">${endWords(view.endReason)}</p>` : nothing}
  </div>`;
}

export function stageTemplate(view: StageView): TemplateResult {
  const remoteOff = remoteNoVideoWords(view.remoteMedia);
  const showPicture = Boolean(view.remoteStream) && remoteOff === undefined && view.callState !== 'ended';
  const micOff = view.remoteMedia?.microphone === false && view.callState !== 'ended';
  const selfOff = selfNoVideoWords(view.localMedia);
  return html`<div class="stage">
    <div class="remote" part="call-remote">
      <video
        class="remote-video"
        autoplay
        playsinline
        aria-label=${msg(str`Vídeo de ${view.otherSide}`)}
        ?hidden=${!showPicture}
        .srcObject=${view.remoteStream ?? null}
      ></video>
      ${showPicture
        ? html`<p class="caption">${view.otherSide}${micOff ? html`<span class="mic-off">${msg('Microfone desligado')}</span>` : nothing}</p>`
        : html`<div class="placeholder">
            <p class="who">${view.otherSide}</p>
            ${remoteOff && view.callState !== 'ended' ? html`<p class="why">${remoteOff}</p>` : nothing}
            ${micOff ? html`<p class="why">${msg('Microfone desligado')}</p>` : nothing}
          </div>`}
      ${view.playBlocked && view.callState !== 'ended'
        ? html`<button type="button" id="play" class="play" part="call-button" @click=${view.resumePlayback}>${msg('Ativar som e imagem')}</button>`
        : nothing}
    </div>
    <div class="self" part="call-self">
      <video
        class="self-video"
        autoplay
        playsinline
        muted
        aria-label=${msg('Sua imagem')}
        ?hidden=${selfOff !== undefined}
        .muted=${true}
        .srcObject=${view.localStream ?? null}
      ></video>
      ${selfOff !== undefined ? html`<p class="self-off">${selfOff}</p>` : nothing}
    </div>
  </div>`;
}

export function connectionTemplate(view: StageView): TemplateResult | typeof nothing {
  const level = view.callState === 'connected' ? view.quality : undefined;
  const signalingNote = view.signaling === 'reconnecting' && view.callState !== 'ended';
  if (!level && !signalingNote) return nothing;
  return html`<div class="connection" part="call-connection">
    ${level
      ? html`<p class="quality ${level}" id="call-quality">
          <span class="bars" aria-hidden="true"><span></span><span></span><span></span></span>${qualityWords(level)}
        </p>`
      : nothing}
    ${level === 'poor' && !view.localMedia.audioOnly
      ? html`<p class="hint" id="quality-hint">${msg('Se a imagem travar ou o som cortar, use o botão “Só áudio”.')}</p>`
      : nothing}
    ${signalingNote ? html`<p class="note" id="signaling-note">${msg('A chamada continua. Reconectando ao Balcão Virtual…')}</p>` : nothing}
  </div>`;
}

// Video areas are dark in every scheme (a picture sits there); states are said in words, and
// bars and borders (not colour alone) keep them visible in forced colours.
export const stageStyles = css`
  /* State */
  .state .dot {
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    margin-inline-end: 0.4em;
    border-radius: 50%;
    background: var(--_muted);
    vertical-align: 0.05em;
  }
  .connected .dot {
    background: var(--_open);
  }
  .reconnecting .dot,
  .ended .dot {
    background: var(--_closed);
  }
  .reconnecting {
    padding-inline-start: 0.625rem;
    border-inline-start: 0.25rem solid var(--_closed);
  }
  .reason {
    color: var(--_muted);
  }

  /* Videos */
  .stage {
    position: relative;
  }
  .remote {
    position: relative;
    aspect-ratio: 4 / 3;
    max-block-size: 70vh;
    inline-size: 100%;
    overflow: hidden;
    border-radius: var(--_radius);
    background: #101317;
    color: #ffffff;
  }
  video {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: contain;
    background: #101317;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.25rem;
    padding: 1rem;
    text-align: center;
    overflow-wrap: anywhere;
  }
  .placeholder .who {
    font-weight: 700;
    font-size: 1.125em;
  }
  .caption {
    position: absolute;
    inset-block-end: 0.5rem;
    inset-inline-start: 0.5rem;
    max-inline-size: calc(65% - 1rem);
    padding: 0.125rem 0.5rem;
    border-radius: 0.25rem;
    background: rgb(0 0 0 / 0.7);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .caption .mic-off {
    display: block;
    font-weight: 700;
  }
  .play {
    position: absolute;
    inset-block-start: 50%;
    inset-inline-start: 50%;
    translate: -50% -50%;
    max-inline-size: calc(100% - 2rem);
  }
  .self {
    position: absolute;
    inset-block-start: 0.5rem;
    inset-inline-end: 0.5rem;
    inline-size: 30%;
    min-inline-size: 5.5rem;
    max-inline-size: 11rem;
    aspect-ratio: 4 / 3;
    overflow: hidden;
    border: 2px solid #ffffff;
    border-radius: 0.375rem;
    background: #2a2f36;
    color: #ffffff;
  }
  .self video {
    object-fit: cover;
    /* A mirror, as people expect to see themselves. */
    transform: scaleX(-1);
  }
  .self-off {
    display: flex;
    align-items: center;
    justify-content: center;
    block-size: 100%;
    padding: 0.25rem;
    font-size: 0.75em;
    line-height: 1.2;
    text-align: center;
    overflow-wrap: anywhere;
  }

  /* Connection */
  .connection {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .quality {
    font-weight: 700;
  }
  .quality .bars {
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    block-size: 0.9em;
    margin-inline-end: 0.4em;
  }
  .quality .bars span {
    inline-size: 0.25em;
    border: 1px solid currentColor;
  }
  .quality .bars span:nth-child(1) {
    block-size: 40%;
    background: currentColor;
  }
  .quality .bars span:nth-child(2) {
    block-size: 70%;
  }
  .quality .bars span:nth-child(3) {
    block-size: 100%;
  }
  .quality.weak .bars span:nth-child(2),
  .quality.good .bars span:nth-child(2),
  .quality.good .bars span:nth-child(3) {
    background: currentColor;
  }
  .quality.good {
    color: var(--_open);
  }
  .quality.poor {
    color: var(--_closed);
  }
  .hint,
  .note {
    color: var(--_muted);
    font-size: 0.9375em;
  }

  @media (forced-colors: active) {
    .remote,
    .self,
    .caption {
      border: 1px solid CanvasText;
    }
    .state .dot,
    .quality .bars span:nth-child(1) {
      background: CanvasText;
    }
  }
`;
