// The clerk's call, loaded with PeerJS when a citizen answers (src/clerk/video-call.ts):
// opens the camera and microphone (audio only when there is no camera), calls the citizen
// through the court's signaling server with the court's ICE servers only, passes the
// sealed-case identification from the data channel to the element's panel, and draws
// <balcao-virtual-chamada> into the element's container.

import { msg, str } from '@lit/localize';
import { startClerkCall } from '../call/index.js';
import type { ClerkCallStart } from '../call/clerk-seam.js';
import { withoutMicrophone } from '../ui/media-choice.js';
import { prepareCall } from './prepare.js';

/** Starts the clerk's side of the call described by `call`; everything ends with `call.signal`. */
export async function runClerkCall(call: ClerkCallStart): Promise<void> {
  const { signal } = call;
  const prepared = await prepareCall(call.container, { remoteLabel: msg(str`Senha ${call.code}`), locale: call.locale, choice: { audioOnly: false }, signal });
  if (!prepared) return;
  const { view, media } = prepared;
  if (media.problem) {
    prepared.say(
      withoutMicrophone(media.problem)
        ? msg('O microfone não está disponível neste computador: o cidadão não vai ouvir você. Use o chat da chamada ou encerre como "Encaminhado por e-mail".')
        : msg('A câmera não está disponível neste computador: a chamada segue só com áudio.'),
    );
  }
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
    if (!signal.aborted && !prepared.pageGoing()) call.onEnded(reason);
  });
}
