// What an element says to screen readers: one live region per element, the same markup in
// every element. `LiveRegion` holds the words and renders nothing (as Shoelace's
// src/internal controllers; it has no lifecycle of its own, so it is not registered with the
// host, only asks it to update); `liveRegion(region)` draws the visually hidden region, put
// once in the element's template. An element inside another (the flow in the widget) speaks
// through the outer one's region with its `say`, so that a page has one region to hear.

import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';

/** 'polite' waits until the screen reader is done; 'assertive' interrupts it (an alert). */
export type Politeness = 'polite' | 'assertive';

export class LiveRegion {
  /** The words the region holds now ('' before anything was said). */
  text = '';
  /** How many things were said: each one is a new node, so the same words twice are read twice. */
  count = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly politeness: Politeness = 'polite',
  ) {}

  /** Says `text` in the region (bound: it may be handed to an inner element). */
  readonly say = (text: string): void => {
    this.text = text;
    this.count++;
    this.host.requestUpdate();
  };
}

/** The region itself, visually hidden: `role="status"` when polite, `role="alert"` when assertive. */
export function liveRegion(region: LiveRegion): TemplateResult {
  const { politeness } = region;
  return html`<div class="visually-hidden" role=${politeness === 'polite' ? 'status' : 'alert'} aria-live=${politeness} aria-atomic="true">${keyed(region.count, html`<span>${region.text}</span>`)}</div>`;
}
