// The screen of each view of the flow (flow-state.ts): one template module per group of
// screens; the message form draws itself (write-form.ts).

import { nothing, type TemplateResult } from 'lit';
import type { DeviceCheckController } from '../device-check.js';
import type { View } from '../flow-state.js';
import type { WriteController } from '../write-form.js';
import { renderWriteForm } from '../write-form-view.js';
import { beforeScreen } from './before.js';
import { callScreen } from './call.js';
import { identificationScreen, type IdentificationForm } from './identification.js';
import { calledScreen, lineScreen, type LineActions } from './line.js';
import { heading, type FlowContext } from './parts.js';
import { endingScreen, petitionScreen, pjeScreen, questionScreen, triageScreen } from './questions.js';

/** What the screens need from the element beyond the state. */
export interface ScreenParts extends LineActions {
  readonly form: IdentificationForm;
  readonly devices: DeviceCheckController;
  readonly writer: WriteController;
  readonly join: () => void;
  /** Where the call module draws. */
  readonly callContainer: HTMLElement;
  /** Whole seconds left to answer the turn. */
  readonly secondsLeft: () => number;
  /** Moves the focus after the next update. */
  readonly focus: (selector: string) => void;
}

export function screen(ctx: FlowContext, v: View, parts: ScreenParts): TemplateResult | typeof nothing {
  switch (v.screen) {
    case 'triage':
      return triageScreen(ctx, v);
    case 'pje':
      return pjeScreen(ctx);
    case 'petition':
      return petitionScreen(ctx);
    case 'sealed':
    case 'lawyer':
      return questionScreen(ctx, v);
    case 'identification':
      return identificationScreen(ctx, parts.form, parts.focus);
    case 'before':
      return beforeScreen(ctx, v, parts.devices, parts.join);
    case 'line':
      return lineScreen(ctx, v, parts);
    case 'called':
      return calledScreen(ctx, v, parts.secondsLeft(), parts);
    case 'call':
      return callScreen(ctx, v, parts.callContainer, parts);
    case 'missed':
    case 'done':
    case 'expired':
    case 'lost':
      return endingScreen(ctx, v.screen);
    case 'write':
      return renderWriteForm(parts.writer, heading);
    case 'exited':
      return nothing;
  }
}
