import { css } from 'lit';
import { themeTokens } from '../ui/styles.js';

// The call's screen, on top of the widget's base rules (buttons, focus, visually-hidden,
// forced colours). Its own :host maps the page's --balcao-* properties to the private --_*
// ones, with the widget's fallbacks, so it looks the same inside the citizen's flow, the
// clerk's element or alone. Mobile first and laid out by its own width (container queries):
// one column on a phone, the chat beside the videos from 48rem. Video areas are dark in
// every scheme (a picture sits there); states are said in words, and bars and borders
// (not colour alone) keep them visible in forced colours.
export const callStyles = css`
  :host {
    ${themeTokens}

    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    font-family: var(--balcao-font-family, inherit);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  [hidden] {
    display: none !important;
  }
  p {
    margin: 0;
  }
  .call {
    display: flex;
    flex-direction: column;
    gap: 1rem;
    min-inline-size: 0;
  }
  .main {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    min-inline-size: 0;
  }

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
  .quality.fraca .bars span:nth-child(2),
  .quality.boa .bars span:nth-child(2),
  .quality.boa .bars span:nth-child(3) {
    background: currentColor;
  }
  .quality.boa {
    color: var(--_open);
  }
  .quality.ruim {
    color: var(--_closed);
  }
  .hint,
  .note {
    color: var(--_muted);
    font-size: 0.9375em;
  }

  /* Controls */
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

  /* Chat */
  .chat {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-inline-size: 0;
  }
  .chat-title {
    font-weight: 700;
  }
  .log {
    min-block-size: 6rem;
    max-block-size: 14rem;
    overflow-y: auto;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .log:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .empty {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .messages {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .message {
    margin-block-end: 0.5rem;
    padding-inline-start: 0.5rem;
    border-inline-start: 0.25rem solid var(--_border);
  }
  .message.mine {
    border-inline-start-color: var(--_accent);
  }
  .meta {
    font-size: 0.875em;
  }
  .meta time {
    margin-inline-start: 0.4em;
    color: var(--_muted);
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .send label {
    display: block;
    font-weight: 700;
  }
  .send-row {
    display: flex;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
  }
  .send input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 44px;
    padding: 0.375rem 0.5rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_text);
    border-radius: 0.25rem;
  }
  .send input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .send input:disabled {
    opacity: 0.6;
  }
  .send button {
    flex: none;
  }
  .error {
    margin-block-start: 0.25rem;
    padding-inline-start: 0.625rem;
    border-inline-start: 0.25rem solid var(--_closed);
    color: var(--_closed);
    font-weight: 700;
  }

  @container (min-width: 30rem) {
    .controls {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
  }
  @container (min-width: 48rem) {
    .call {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 22rem);
      align-items: start;
    }
    .log {
      max-block-size: 24rem;
    }
  }

  @media (forced-colors: active) {
    .remote,
    .self,
    .log,
    .confirm,
    .caption {
      border: 1px solid CanvasText;
    }
    .state .dot,
    .quality .bars span:nth-child(1) {
      background: CanvasText;
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
    .send input {
      border-color: CanvasText;
    }
    .log:focus-visible {
      outline-color: Highlight;
    }
  }
`;
