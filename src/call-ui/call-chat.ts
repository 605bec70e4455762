// The call view's chat: the messages, and the field to write one: a template module of
// <balcao-virtual-chamada>, with its styles. Chat text is personal data: shown here, never
// logged or put in an event.

import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';
import { MAX_CHAT_LENGTH } from '../core/protocol/data-channel.js';
import type { ChatMessage } from '../call/types.js';

/** What the chat shows and does: the call view's state and actions (called with `this` the view). */
export interface ChatView {
  readonly messages: readonly ChatMessage[];
  /** The text in the field (kept when sending failed). */
  readonly draft: string;
  readonly sendFailed: boolean;
  /** The call is over (or there is none): the field and the button are disabled. */
  readonly ended: boolean;
  /** The other side's name as the host gave it, or "Outra pessoa". */
  readonly otherSide: string;
  /** The page's locale, for the messages' times. */
  readonly locale: string;
  readonly onInput: (event: Event) => void;
  readonly send: (event: SubmitEvent) => void;
}

export function chatTemplate(view: ChatView): TemplateResult {
  const ended = view.ended;
  const time = new Intl.DateTimeFormat(view.locale, { hour: '2-digit', minute: '2-digit' });
  return html`<section class="chat" part="call-chat" aria-labelledby="chat-title">
    <p id="chat-title" class="chat-title">${msg('Mensagens')}</p>
    <div class="log" id="chat-log" role="log" aria-live="off" aria-labelledby="chat-title" tabindex="0">
      ${view.messages.length === 0
        ? html`<p class="empty">${msg('Use as mensagens para soletrar um nome ou o número de um processo.')}</p>`
        : html`<ol class="messages">
            ${view.messages.map(
              (message) => html`<li class="message ${message.from === 'local' ? 'mine' : 'theirs'}">
                <p class="meta">
                  <strong class="from">${message.from === 'local' ? msg('Você') : view.otherSide}</strong>
                  <time datetime=${new Date(message.at).toISOString()}>${time.format(message.at)}</time>
                </p>
                <p class="text">${message.text}</p>
              </li>`,
            )}
          </ol>`}
    </div>
    <form class="send" novalidate @submit=${view.send}>
      <label for="chat-input">${msg('Escreva uma mensagem')}</label>
      <div class="send-row">
        <input
          id="chat-input"
          type="text"
          autocomplete="off"
          enterkeyhint="send"
          maxlength=${MAX_CHAT_LENGTH}
          aria-describedby=${view.sendFailed ? 'chat-error' : nothing}
          ?disabled=${ended}
          .value=${live(view.draft)}
          @input=${view.onInput}
        />
        <button type="submit" id="chat-send" part="call-button" ?disabled=${ended}>${msg('Enviar')}</button>
      </div>
      ${view.sendFailed && !ended
        ? html`<p class="error" id="chat-error">${msg('Mensagem não enviada: a conexão caiu. Tente de novo em instantes.')}</p>`
        : nothing}
    </form>
  </section>`;
}

// Beside the videos from 48rem of the view's width (a taller log there), below them before.
export const chatStyles = css`
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

  @container (min-width: 48rem) {
    .log {
      max-block-size: 24rem;
    }
  }

  @media (forced-colors: active) {
    .log {
      border: 1px solid CanvasText;
    }
    .send input {
      border-color: CanvasText;
    }
    .log:focus-visible {
      outline-color: Highlight;
    }
  }
`;
