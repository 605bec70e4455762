import { css } from 'lit';

// The clerk's screens, on top of the citizen's shared rules (the --_* colours, buttons,
// links, focus, notices, errors, checkboxes). Laid out by the element's own width
// (container queries), not the window's: one column up to 56rem (a phone, a narrow side
// panel), the attendance and the line side by side above it. Badges and the alert carry
// words and a border, never colour alone, so they show in forced colours.
export const clerkStyles = css`
  :host {
    min-height: 0;
  }
  .card {
    container-type: inline-size;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding-block-end: 0.75rem;
    margin-block-end: 0.75rem;
    border-block-end: 1px solid var(--_border);
  }
  .top .heading {
    margin: 0;
  }
  .who,
  .state {
    margin: 0.125rem 0 0;
  }
  .state .dot {
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    margin-inline-end: 0.35em;
    border-radius: 50%;
    background: currentColor;
    vertical-align: 0.05em;
  }
  .state.online {
    color: var(--_open);
  }
  .state.offline {
    color: var(--_closed);
  }
  .state.paused {
    color: var(--_muted);
  }
  .state strong {
    color: var(--_text);
  }
  .top .actions {
    margin: 0;
  }
  .panels {
    display: grid;
    gap: 1rem;
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 56rem) {
    .panels {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      align-items: start;
    }
  }
  .panel {
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .panel > .heading {
    font-size: 1.25em;
    /* Lines of even length: "A-014" is less likely to be cut at its hyphen. */
    text-wrap: balance;
  }
  h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 1em;
  }
  .code {
    white-space: nowrap;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0.25rem 0;
    padding: 0;
    list-style: none;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.875em;
    font-weight: 700;
    line-height: 1.6;
  }
  .badge.sealed {
    color: var(--_closed);
  }
  .badge.away {
    color: var(--_muted);
    font-weight: 400;
  }
  .countdown {
    font-size: 1.125em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .call {
    margin: 0.5rem 0;
  }
  .call:empty {
    display: none;
  }
  .identification {
    margin: 0.75rem 0;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--_closed);
    border-radius: var(--_radius);
  }
  .identification h4 {
    margin-block-start: 0;
  }
  .identification dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    margin: 0.5rem 0;
  }
  .identification dt {
    color: var(--_muted);
  }
  .identification dd {
    margin: 0;
    overflow-wrap: break-word;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .identification .invalid-value {
    color: var(--_closed);
  }
  .end {
    margin-block-start: 0.75rem;
    padding-block-start: 0.5rem;
    border-block-start: 1px solid var(--_border);
  }
  .outcomes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  .line-panel.alerting {
    border: 3px solid var(--_open);
    background: color-mix(in srgb, var(--_open) 8%, transparent);
  }
  .arrived {
    color: var(--_open);
    font-weight: 700;
  }
  .reason {
    margin-block-start: 0;
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
    text-decoration: none;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    /* Words break between words only (the card's anywhere-wrapping cut them mid-word). */
    overflow-wrap: normal;
  }
  th,
  td {
    padding: 0.375rem 0.5rem 0.375rem 0;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    font-size: 0.875em;
    color: var(--_muted);
  }
  tbody th {
    white-space: nowrap;
  }
  tr.away th,
  tr.away td {
    color: var(--_muted);
  }
  .since {
    display: block;
    color: var(--_muted);
    font-size: 0.875em;
  }
  /* Narrow: one block per person, the code beside its waiting time, subject and badges. */
  @container (max-width: 34rem) {
    thead {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    tbody tr {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      column-gap: 0.75rem;
      padding-block: 0.375rem;
      border-block-end: 1px solid var(--_border);
    }
    tbody th,
    tbody td {
      display: block;
      padding: 0;
      border: 0;
    }
    tbody th {
      grid-row: 1 / span 3;
    }
    tbody td {
      grid-column: 2;
    }
    .since {
      display: inline;
    }
    .since::before {
      content: ' · ' / '';
    }
  }
  code {
    overflow-wrap: anywhere;
  }
  .undelivered {
    margin-block-start: 1rem;
  }
  .undelivered-list,
  .reasons {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .undelivered-item {
    padding-block: 0.5rem;
    border-block-start: 1px solid var(--_border);
  }
  .undelivered-item h4 {
    margin-block-start: 0;
  }
  .undelivered-item p,
  .reasons {
    margin: 0.25rem 0;
  }
  .undelivered summary {
    cursor: pointer;
    margin-block: 0.25rem;
  }
  .undelivered summary:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--_text);
  }
  .message-content {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    margin: 0.5rem 0;
  }
  .message-content dt {
    color: var(--_muted);
  }
  .message-content dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .message-text {
    white-space: pre-wrap;
  }
  .undelivered-note {
    margin-block-start: 0.75rem;
  }
  /* Narrow (after the rules it overrides: container queries add no specificity). */
  @container (max-width: 30rem) {
    .panel {
      padding: 0.5rem 0.625rem;
    }
    .panel > .heading {
      font-size: 1.125em;
    }
    .identification dl,
    .message-content {
      grid-template-columns: minmax(0, 1fr);
    }
    .identification dd + dt {
      margin-block-start: 0.25rem;
    }
  }
  @media (forced-colors: active) {
    .panel,
    .identification,
    .line-panel.alerting {
      border-color: CanvasText;
    }
    .state .dot {
      background: CanvasText;
    }
    .undelivered summary:focus-visible {
      outline-color: Highlight;
    }
    button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
  }
`;
