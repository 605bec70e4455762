import { css } from 'lit';

// Public --balcao-* properties map to private --_* ones; nothing leaks in or out but
// inherited text properties. Colours follow the page's `color-scheme` via light-dark()
// (with a light fallback first for older browsers) and yield to forced colours.
// Notes on rules stay here, out of the css`` text, which ships to every page as written:
// `.unstaffed` says "nobody is serving by video" in words; its bar is a border so that it
// stays visible in forced colours. `.actions` margins are tight enough that the line's
// state (one or two lines) fits the height reserved at 360 px.
// `hostStyles` is the element's own box and its colours; `baseStyles` (text, buttons, links,
// contacts, focus, forced colours) is shared with the flow's inner element, which inherits
// the --_* colours through the shadow boundary.
/** The private --_* colours and sizes, from the page's --balcao-* ones: declarations for a :host rule (also the call view's). */
export const themeTokens = css`
    --_accent: var(--balcao-accent, #0b5394);
    --_accent: var(--balcao-accent, light-dark(#0b5394, #8ab4f8));
    --_on-accent: var(--balcao-on-accent, #ffffff);
    --_on-accent: var(--balcao-on-accent, light-dark(#ffffff, #0b1a2e));
    --_surface: var(--balcao-surface, #ffffff);
    --_surface: var(--balcao-surface, light-dark(#ffffff, #1e2329));
    --_text: var(--balcao-text, #1b1f24);
    --_text: var(--balcao-text, light-dark(#1b1f24, #e8eaed));
    --_muted: var(--balcao-muted, #4a525c);
    --_muted: var(--balcao-muted, light-dark(#4a525c, #b5bcc5));
    --_border: var(--balcao-border, #c3c9d0);
    --_border: var(--balcao-border, light-dark(#c3c9d0, #4a525c));
    --_open: var(--balcao-open-color, #146c2e);
    --_open: var(--balcao-open-color, light-dark(#146c2e, #7ee2a0));
    --_closed: var(--balcao-closed-color, #a1260d);
    --_closed: var(--balcao-closed-color, light-dark(#a1260d, #ffb4a4));
    --_radius: var(--balcao-radius, 0.5rem);
    --_focus: var(--balcao-focus-color, #ffbf47);
`;

export const hostStyles = css`
  :host {
    ${themeTokens}

    display: block;
    box-sizing: border-box;
    /* Reserves the card's usual height so the page does not jump when the status arrives. */
    min-height: var(--balcao-min-height, 20rem);
    contain: layout;
    font-family: var(--balcao-font-family, inherit);
    font-size: var(--balcao-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
`;

export const baseStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .card {
    min-height: inherit;
    padding: 1rem 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  p {
    margin: 0 0 0.5rem;
  }
  .name {
    font-weight: 700;
    font-size: 1.0625em;
  }
  .status .dot {
    margin-inline-end: 0.35em;
  }
  .status .headline {
    font-weight: 700;
  }
  .status.open .headline {
    color: var(--_open);
  }
  .status.closed .headline,
  .problem .headline {
    color: var(--_closed);
  }
  .status .dot {
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    border-radius: 50%;
    background: currentColor;
    vertical-align: 0.05em;
  }
  .status.open .dot {
    color: var(--_open);
  }
  .status.closed .dot {
    color: var(--_closed);
  }
  .note,
  .notice {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .loading {
    color: var(--_muted);
  }
  .line {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .unstaffed {
    padding-inline-start: 0.625rem;
    border-inline-start: 0.25rem solid var(--_closed);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  button {
    font: inherit;
    font-weight: 700;
    min-block-size: 44px;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button:hover {
    text-decoration: underline;
  }
  button:focus-visible,
  a:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--_text);
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  a {
    color: var(--_accent);
  }
  .contacts {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }
  .contacts li {
    margin: 0.25rem 0;
  }
  .contacts a {
    display: inline-block;
    min-block-size: 24px;
  }
  .panel-title {
    font-weight: 700;
    font-size: 1.0625em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    .card {
      border-color: CanvasText;
    }
    button {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
    }
    .status .dot {
      background: CanvasText;
    }
    button:focus-visible,
    a:focus-visible,
    [tabindex='-1']:focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s;
    }
  }
`;

export const widgetStyles = [hostStyles, baseStyles];
