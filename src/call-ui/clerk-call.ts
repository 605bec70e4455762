// The clerk's call, loaded with PeerJS when a citizen answers (src/clerk/video-call.ts):
// opens the camera and microphone (audio only when there is no camera), calls the citizen
// through the court's signaling server with the court's ICE servers only, passes the
// sealed-case identification from the data channel to the element's panel, and draws
// <balcao-virtual-chamada> into the element's container.

import { msg, str } from '@lit/localize';
import { startClerkCall } from '../call/index.js';
import type { ClerkCallStart } from '../clerk/call-seam.js';
import { openCallMedia, withoutMicrophone } from '../widget/flow/media-choice.js';
import { CALL_VIEW_TAG, defineCallView } from './call-view.js';

/** Starts the clerk's side of the call described by `call`; everything ends with `call.signal`. */
export async function runClerkCall(call: ClerkCallStart): Promise<void> {
  const { signal, container } = call;
  defineCallView();
  const note = document.createElement('p');
  note.className = 'notice';
  note.setAttribute('part', 'note');
  note.hidden = true;
  const view = document.createElement(CALL_VIEW_TAG);
  view.locale = call.locale;
  view.remoteLabel = msg(str`Senha ${call.code}`);
  container.replaceChildren(note, view);

  const media = await openCallMedia({ audioOnly: false });
  if (signal.aborted) {
    for (const track of media.stream.getTracks()) track.stop();
    return;
  }
  if (media.problem) {
    note.textContent =
      withoutMicrophone(media.problem)
        ? msg('O microfone não está disponível neste computador: o cidadão não vai ouvir você. Use o chat da chamada ou encerre como "Encaminhado por e-mail".')
        : msg('A câmera não está disponível neste computador: a chamada segue só com áudio.');
    note.hidden = false;
  }
  let pageGoing = false;
  addEventListener('pagehide', () => (pageGoing = true), { signal });
  const session = startClerkCall({
    server: call.server,
    peerId: call.peerId,
    peerToken: call.peerToken,
    remotePeerId: call.citizenPeerId,
    ice: call.ice,
    localStream: media.stream,
    relay: call.relay,
    signal,
  });
  if (media.audioOnly) session.switchToAudioOnly();
  view.session = session;
  session.on('identification', (payload) => {
    if (!signal.aborted) call.onIdentification(payload);
  });
  session.on('state', (state) => {
    if (!signal.aborted) call.onState(state);
  });
  session.on('ended', (reason) => {
    if (!signal.aborted && !pageGoing) call.onEnded(reason);
  });
}
