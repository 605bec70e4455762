import { css } from 'lit';
import { themeTokens } from '../ui/styles.js';

// The call's screen as a whole, on top of the widget's base rules (buttons, focus,
// visually-hidden, forced colours); each part's rules are beside its template (call-stage.ts,
// call-controls.ts, call-chat.ts). Its own :host maps the page's --balcao-* properties to the
// private --_* ones, with the widget's fallbacks, so it looks the same inside the citizen's
// flow, the clerk's element or alone. Mobile first and laid out by its own width (container
// queries): one column on a phone, the chat beside the videos from 48rem.
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

  @container (min-width: 48rem) {
    .call {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 22rem);
      align-items: start;
    }
  }
`;
