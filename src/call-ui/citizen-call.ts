// The citizen's call, loaded with PeerJS only when "Entrar" is pressed (video-call.ts): opens
// the camera and microphone chosen before joining (falling back to audio only, or to none,
// with a word about it), answers the clerk's call through the court's signaling server with
// the court's ICE servers only, hands the sealed-case identification to the call's data
// channel, and draws <balcao-virtual-chamada> into the flow's container.

import { msg } from '@lit/localize';
import { answerCitizenCall } from '../call/index.js';
import type { CallStart } from '../call/citizen-seam.js';
import { withoutMicrophone, type MediaProblem } from '../ui/media-choice.js';
import { prepareCall } from './prepare.js';

/** Starts the citizen's side of the call described by `call`; everything ends with `call.signal`. */
export async function runCitizenCall(call: CallStart): Promise<void> {
  const { signal } = call;
  const remoteLabel = call.clerk ? `${call.clerk.name} — ${call.clerk.unit}` : msg('A unidade');
  const prepared = await prepareCall(call.container, { remoteLabel, locale: call.locale, choice: call.media, signal });
  if (!prepared) return;
  const { view, media } = prepared;
  prepared.say(mediaProblemWords(media.problem));
  const session = answerCitizenCall({
    server: call.server,
    peerId: call.ticket.peerId,
    peerToken: call.ticket.peerToken,
    remotePeerId: call.clerkPeerId,
    ice: call.ice,
    localStream: media.stream,
    relay: call.relay,
    ...(call.identification ? { identification: call.identification } : {}),
    signal,
  });
  if (media.audioOnly) session.switchToAudioOnly();
  view.session = session;
  const offState = session.on('state', (state) => {
    if (state !== 'connected') return;
    offState();
    if (!signal.aborted) call.onConnected();
  });
  session.on('ended', (reason) => {
    // A reload ends the call here (the clerk hears a goodbye) but not the attendance: the reloaded page resumes it.
    if (!signal.aborted && !prepared.pageGoing()) call.onEnded(reason);
  });
}

function mediaProblemWords(problem: MediaProblem | undefined): string | undefined {
  if (problem === undefined) return undefined;
  if (withoutMicrophone(problem)) {
    return msg('O microfone não está disponível: a unidade não vai ouvir você. Use o chat da chamada para escrever.');
  }
  switch (problem) {
    case 'camera-denied':
      return msg('A câmera está bloqueada neste navegador: a chamada segue só com áudio. Você continua vendo e ouvindo a unidade.');
    case 'no-camera':
      return msg('Nenhuma câmera encontrada: a chamada segue só com áudio. Você continua vendo e ouvindo a unidade.');
    case 'busy':
      return msg('A câmera está em uso por outro aplicativo: a chamada segue só com áudio.');
    default:
      return msg('Não foi possível abrir a câmera: a chamada segue só com áudio. Você continua vendo e ouvindo a unidade.');
  }
}
