// The language of an element, kept up to date: its own `lang`, else the nearest ancestor's,
// else the document's (locale.ts), re-read when the element's or the document's `lang`
// changes. Used by <balcao-virtual-atendente>; the host also needs
// `updateWhenLocaleChanges(this)` to re-render when the translations arrive.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf, supportedLocale, useLocale } from './locale.js';

export class LanguageController implements ReactiveController {
  private observer: MutationObserver | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.apply());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.apply();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private apply(): void {
    useLocale(supportedLocale(langOf(this.host))).catch(() => {
      // A translation that fails to load leaves the Portuguese text, which is complete.
    });
  }
}
