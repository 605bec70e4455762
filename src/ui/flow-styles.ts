import { css } from 'lit';

// The flow's screens, on top of the widget's base rules (buttons, links, contacts, focus).
// Colours are the element's private --_* properties, inherited through the shadow boundary.
// Radios and checkboxes get 44 px rows (the whole label is the target); errors carry a bar
// (a border, so it shows in forced colours) and words, never colour alone.
export const flowStyles = css`
  :host {
    display: block;
  }
  .heading {
    margin: 0 0 0.5rem;
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .choices {
    margin: 0.25rem 0 0.75rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
    min-block-size: 44px;
    padding-block: 0.375rem;
  }
  .choice input {
    flex: none;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .choice > label,
  .choice > div {
    flex: 1;
  }
  .choice label {
    display: block;
    cursor: pointer;
  }
  .choice .hint {
    display: block;
  }
  .field {
    margin: 0 0 1rem;
  }
  .field > label,
  .field legend {
    display: block;
    font-weight: 700;
  }
  /* Text fields, the device check's selects and the message box look alike. */
  input[type='text'],
  select,
  textarea {
    display: block;
    inline-size: 100%;
    max-inline-size: 28rem;
    min-block-size: 44px;
    margin-block-start: 0.25rem;
    padding: 0.375rem 0.5rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_text);
    border-radius: 0.25rem;
  }
  input[type='text'].short {
    max-inline-size: 16rem;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .invalid {
    padding-inline-start: 0.75rem;
    border-inline-start: 0.25rem solid var(--_closed);
  }
  .error {
    margin: 0.25rem 0;
    color: var(--_closed);
    font-weight: 700;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_closed);
  }
  .notice {
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 0.25rem solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
    font-size: 0.9375em;
  }
  .notice p:last-child {
    margin-block-end: 0;
  }
  .unstaffed {
    padding-inline-start: 0.625rem;
    border-inline-start: 0.25rem solid var(--_closed);
  }
  .problem {
    padding-inline-start: 0.625rem;
    border-inline-start: 0.25rem solid var(--_closed);
    font-weight: 700;
  }
  .ticket {
    margin: 0.25rem 0 0.5rem;
  }
  .ticket .code {
    display: block;
    font-size: 2.5em;
    font-weight: 700;
    line-height: 1.1;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
  }
  /* A message's protocol (BV-2026-000123) is longer than a ticket's code: one line, smaller. */
  .ticket #protocol {
    font-size: 1.5em;
    white-space: nowrap;
    letter-spacing: 0.02em;
  }
  .position {
    font-size: 1.125em;
    font-weight: 700;
  }
  .estimate::first-letter {
    text-transform: uppercase;
  }
  .alert {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_open);
    border-radius: var(--_radius);
  }
  .alert .heading {
    font-size: 1.5em;
    color: var(--_open);
  }
  .countdown {
    font-size: 1.125em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .confirm {
    margin: 0.5rem 0;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    .alert,
    .confirm {
      border-color: CanvasText;
    }
    .choice input {
      accent-color: auto;
    }
  }
`;
