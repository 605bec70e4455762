// What both sides do before their call starts: draw the call view (with a note above it for
// a camera or microphone problem) into the host's container, open the devices, and tell a
// page going away (a reload, a closed tab) from a call that ended.

import { openCallMedia, type CallMedia, type MediaChoice } from '../ui/media-choice.js';
import { CALL_PARTS, CALL_VIEW_TAG, defineCallView, type BalcaoVirtualChamada } from './call-view.js';

export interface PreparedCall {
  readonly view: BalcaoVirtualChamada;
  readonly media: CallMedia;
  /** Shows a plain word above the call (a device problem). */
  say(words: string | undefined): void;
  /** Whether the page is going away: a reload or a closed tab ends the call, not the attendance. */
  pageGoing(): boolean;
}

/**
 * Draws the view into `container` and opens the devices of `choice`; undefined (the
 * tracks stopped) when `signal` aborted meanwhile. The `pagehide` listener is added here,
 * before the call session adds its own, so it is heard first.
 */
export async function prepareCall(
  container: HTMLElement,
  options: { readonly remoteLabel: string; readonly locale: string; readonly choice: MediaChoice; readonly signal: AbortSignal },
): Promise<PreparedCall | undefined> {
  const { signal } = options;
  defineCallView();
  const note = document.createElement('p');
  note.className = 'notice';
  note.setAttribute('part', 'note');
  note.hidden = true;
  const view = document.createElement(CALL_VIEW_TAG);
  view.locale = options.locale;
  view.remoteLabel = options.remoteLabel;
  view.setAttribute('exportparts', CALL_PARTS);
  container.replaceChildren(note, view);

  const media = await openCallMedia(options.choice);
  if (signal.aborted) {
    for (const track of media.stream.getTracks()) track.stop();
    return undefined;
  }
  let going = false;
  addEventListener('pagehide', () => (going = true), { signal });
  return {
    view,
    media,
    say: (words) => {
      note.textContent = words ?? '';
      note.hidden = !words;
    },
    pageGoing: () => going,
  };
}
