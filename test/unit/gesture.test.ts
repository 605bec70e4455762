// Whether the person has interacted (src/ui/gesture.ts): a gesture noted in the element, or
// one the browser remembers for the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gesture } from '../../src/ui/gesture.js';

function browserSaw(hasBeenActive: boolean | undefined): void {
  vi.stubGlobal('navigator', hasBeenActive === undefined ? {} : { userActivation: { hasBeenActive } });
}

describe('Gesture', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is not active before any gesture (a browser without userActivation)', () => {
    browserSaw(undefined);
    expect(new Gesture().active).toBe(false);
  });

  it('is active after a gesture noted in the element, and says so once', () => {
    browserSaw(false);
    const changed = vi.fn();
    const gesture = new Gesture(changed);
    gesture.note();
    gesture.note();
    expect(gesture.active).toBe(true);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('is active when the browser saw a gesture anywhere in the page', () => {
    browserSaw(true);
    expect(new Gesture().active).toBe(true);
  });

  it('notes the clicks in its target until the signal aborts', () => {
    browserSaw(false);
    const target = new EventTarget();
    const listening = new AbortController();
    const gesture = new Gesture();
    gesture.listen(target, listening.signal);
    target.dispatchEvent(new Event('keydown'));
    expect(gesture.active, 'not a key').toBe(false);
    listening.abort();
    target.dispatchEvent(new Event('click'));
    expect(gesture.active, 'not after the abort').toBe(false);

    const again = new AbortController();
    gesture.listen(target, again.signal);
    target.dispatchEvent(new Event('click'));
    expect(gesture.active).toBe(true);
  });
});
