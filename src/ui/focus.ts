// Where the focus goes after an update, the same way in every element: what changed the
// element asks `next(selector)`, and once the update has rendered, the focus moves to that
// selector in the element's shadow root (a button that replaced another, the heading of a
// new section, the words that say why something failed). The controller renders nothing.
//
// An element's own rule for when nothing else asked (the flow's heading on a new screen)
// sets `target ??= selector` before rendering. `InsideFocusController` is the variant for an
// element that shares its page with other work (the clerk's): it never takes the focus from
// the rest of the page.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The element whose shadow root holds the targets (a LitElement). */
export type FocusHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class FocusController implements ReactiveController {
  /** Where the focus goes once the coming update has rendered (a selector in the host's shadow root). */
  target: string | undefined;

  constructor(protected readonly host: FocusHost) {
    host.addController(this);
  }

  /** Moves the focus to `selector` once the next update has rendered (one is asked for). */
  next(selector: string): void {
    this.target = selector;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const target = this.target;
    this.target = undefined;
    if (target) this.host.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }
}

/**
 * A focus that stays where the person is working: it moves only while the focus is in the
 * element, or nowhere (on the page's body), never taken from the rest of the page (the
 * server calls the next person by itself, say, while the clerk types elsewhere). When an
 * update removes the focused element (a button that went with its section) and nothing
 * else was asked, it goes to `lost`.
 */
export class InsideFocusController extends FocusController {
  private before: Element | null = null;

  constructor(
    host: FocusHost,
    private readonly lost: string,
  ) {
    super(host);
  }

  hostUpdate(): void {
    this.before = this.active();
  }

  override hostUpdated(): void {
    const gone = this.before !== null && !this.before.isConnected;
    this.before = null;
    this.target ??= gone ? this.lost : undefined;
    const page = document.activeElement;
    if (this.active() !== null || page === null || page === document.body) super.hostUpdated();
    else this.target = undefined;
  }

  /** The focused element in the host's shadow root, if any. */
  private active(): Element | null {
    const root = this.host.renderRoot;
    return root instanceof ShadowRoot ? root.activeElement : null;
  }
}
