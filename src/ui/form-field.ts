// One form-field engine for every form of the widget (the sealed-case identification, the
// written message): the draft as typed and the error shown next to each field, checked by
// the rules the form passes in (core's validators behind them). Never renders: the forms
// draw the fields (field-templates.ts) from `draft` and `errors`.
//
// When a field is checked:
// - a field shown as wrong is checked again as it is corrected; a right one waits for the
//   blur (choices — radios, a checkbox — have no blur to wait for: checked at each change);
// - an empty field is not scolded on the way through, only when the form is sent;
// - a field left with a click or a tap is checked once the click is over: its message would
//   push down what is being clicked between the press and the release;
// - on sending, every field, and the focus goes to the first wrong one.
// Nothing typed is ever cleared or rewritten here.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The longest a press holds a field's check back (its release may never reach the page). */
export const PRESS_AT_MOST_MS = 1000;

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormRules<F extends string, D extends Readonly<Record<F, unknown>>> {
  /** The fields in the order they are shown (and focused when wrong). */
  readonly fields: readonly F[];
  /** What is wrong with one field, in plain words; undefined when it is right. */
  readonly error: (field: F, draft: D) => string | undefined;
  /** Choices (radios, checkboxes): checked at each change, never on the blur. */
  readonly choices?: readonly F[];
  /** What takes the focus when `field` is the first wrong one; `#field` unless told. */
  readonly selector?: (field: F) => string;
}

export class FormFields<F extends string, D extends Readonly<Record<F, unknown>>> implements ReactiveController {
  // Read by the form's template; changed by the methods below only.
  /** What was typed, as typed. */
  draft: D;
  /** The errors shown, by field. */
  errors: FieldErrors<F> = {};
  /** While a pointer is pressed in the form: the fields left meanwhile, checked on release. */
  private pressing: AbortController | undefined;
  private readonly afterPress = new Set<F>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly rules: FormRules<F, D>,
    draft: D,
  ) {
    this.draft = draft;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.pressing?.abort();
    this.pressing = undefined;
  }

  /** Another draft (one read back from storage, or an empty one): the errors shown stay. */
  replace(draft: D): void {
    this.draft = draft;
    this.host.requestUpdate();
  }

  /** A fresh form: this draft, no error shown. */
  clear(draft: D): void {
    this.draft = draft;
    this.errors = {};
    this.host.requestUpdate();
  }

  /** The person changed a field. */
  edit<K extends F>(field: K, value: D[K]): void {
    this.draft = { ...this.draft, [field]: value };
    this.host.requestUpdate();
    // A field shown as wrong is checked again as it is corrected; a right one waits for the blur.
    if (this.errors[field] !== undefined || this.isChoice(field)) this.check(field);
  }

  /** The person left a field (keyboard, script or pointer). */
  left(field: F): void {
    if (this.isChoice(field)) return;
    const value = this.draft[field];
    // An empty field is not scolded on the way through; only when sent.
    if (typeof value === 'string' && value.trim() === '' && this.errors[field] === undefined) return;
    // Left with a click or a tap: the message would push down what is being clicked between
    // the press and the release. It is shown once the click is over.
    if (this.pressing) this.afterPress.add(field);
    else this.check(field);
  }

  /** For the form's `@focusout`: the field is the target's `data-field`. */
  readonly checkOnBlur = (event: Event): void => {
    const target = event.target as Partial<HTMLElement> | null;
    const field = target?.dataset?.field;
    if (field !== undefined && this.isField(field)) this.left(field);
  };

  /** For the form's `@pointerdown`: the fields left until the release are checked after it. */
  readonly pointerDown = (): void => {
    if (this.pressing) return;
    const pressing = new AbortController();
    this.pressing = pressing;
    const release = (): void => {
      if (pressing.signal.aborted) return;
      pressing.abort();
      clearTimeout(longest);
      if (this.pressing === pressing) this.pressing = undefined;
      // After the click that follows the release, in the same task.
      setTimeout(() => {
        for (const field of this.afterPress) this.check(field);
        this.afterPress.clear();
      });
    };
    const target = window;
    target.addEventListener('pointerup', release, { signal: pressing.signal });
    target.addEventListener('pointercancel', release, { signal: pressing.signal });
    // A release that never reaches the page (outside the window, a context menu): no press
    // holds the checks back for longer than a second.
    target.addEventListener('blur', release, { signal: pressing.signal });
    const longest = setTimeout(release, PRESS_AT_MOST_MS);
  };

  /**
   * Sending: every field checked. True when all are right; else false, and the first wrong
   * field is given to `focus` (its selector).
   */
  submit(focus: (selector: string) => void): boolean {
    const errors: FieldErrors<F> = {};
    for (const field of this.rules.fields) {
      const error = this.rules.error(field, this.draft);
      if (error !== undefined) errors[field] = error;
    }
    this.errors = errors;
    this.host.requestUpdate();
    const firstWrong = this.rules.fields.find((f) => errors[f] !== undefined);
    if (firstWrong === undefined) return true;
    focus(this.selector(firstWrong));
    return false;
  }

  /** An error found elsewhere (the server refused the field): shown next to it. */
  show(field: F, error: string): void {
    this.errors = { ...this.errors, [field]: error };
    this.host.requestUpdate();
  }

  selector(field: F): string {
    return this.rules.selector?.(field) ?? `#${field}`;
  }

  private check(field: F): void {
    const error = this.rules.error(field, this.draft);
    // Unchanged: no update (the focus moving after sending checks the field it leaves).
    if (error === this.errors[field]) return;
    const errors = { ...this.errors };
    if (error === undefined) delete errors[field];
    else errors[field] = error;
    this.errors = errors;
    this.host.requestUpdate();
  }

  private isChoice(field: F): boolean {
    return this.rules.choices?.includes(field) ?? false;
  }

  private isField(name: string): name is F {
    return (this.rules.fields as readonly string[]).includes(name);
  }
}
