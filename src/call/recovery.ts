// A call's recovery after the connection drops (`disconnected` > disconnectGraceMs, or
// `failed`): the clerk (the offerer) makes an ICE restart offer, waits for gathering, sends
// the whole description on the line's `rtc` relay, and applies the citizen's answer; again
// with backoff until `recoveryBudgetMs`, then the call fails. An offer without candidates (the
// TURN server still down) is sent all the same: it tells the citizen the clerk is alive. The
// citizen answers every offer (the newest wins) and gives up when no offer comes
// (`citizenSilenceMs`: the clerk's page is gone) or at the budget.
//
// Why a relay and not PeerJS: PeerJS sets no `onnegotiationneeded` handler, so an ICE restart
// we drive with createOffer({ iceRestart: true }) is never answered by it; it cannot
// renegotiate either (an OFFER for an existing connection id closes it and builds a new one).
// Nothing in the call triggers `negotiationneeded` (no track added or removed: audio-only uses
// replaceTrack(null)). Restart candidates travel inside the whole description, never over
// signaling (which may be down): `onicecandidate` is set to null first.
//
// Once back, each side pauses and resumes its video encoding (`freshKeyFrame`): the other
// side's key frame requests were lost in the outage and it asks again only ~3 s later
// (measured: the picture came back 3.4 s after the connection; with the fresh key frame, 0.4 s).

import type { MediaConnection } from 'peerjs';
import { parseRtcDescription, type RtcDescription } from '../core/protocol/rtc.js';
import { fitSdp } from './sdp.js';
import type { Timers } from './timers.js';
import type { CallRole, CallTiming, DescriptionRelay, EndReason } from './types.js';

/** What the recovery needs of its call (its functions are called unbound). */
export interface RecoveryHost {
  readonly role: CallRole;
  readonly timing: CallTiming;
  readonly timers: Timers;
  readonly relay: DescriptionRelay;
  /** The current media connection (the clerk calling again replaces it). */
  readonly media: () => MediaConnection | undefined;
  /** The call has ended. */
  readonly over: () => boolean;
  /** The call is connected now. */
  readonly connected: () => boolean;
  /** Ends the call (here always as failed). */
  readonly end: (reason: EndReason) => void;
}

export interface Recovery {
  /** ICE restarts attempted so far (diagnostics). */
  readonly restarts: number;
  /** The connection went `disconnected` (recovery after a grace) or `failed` (at once). */
  troubled(failed: boolean): void;
  /** The connection is up (again): candidates from now on belong to ICE restarts. */
  back(pc: RTCPeerConnection): void;
  /** The call ended: no more attempts; a restart waiting for an answer gives up. */
  stop(): void;
  /** A description from the other side on the relay. */
  onDescription(input: RtcDescription): void;
}

/** The recovery of one call (timers `grace`, `budget`, `silence`, `answer`). */
export function recovery({ role, timing, timers, relay, media, over, connected, end }: RecoveryHost): Recovery {
  const fail = (): void => end('failed');
  let restarts = 0;
  let recovering = false;
  let answerWaiter: ((description: RtcDescription | undefined) => void) | undefined;
  let offerSeq = 0;
  let answering: Promise<void> = Promise.resolve();

  /**
   * The end of the gathering that the next setLocalDescription starts: call before it. The
   * state is not looked at now (it may still say 'complete' from the gathering before).
   */
  const gathered = (pc: RTCPeerConnection): Promise<boolean> =>
    timers.until(pc, 'icegatheringstatechange', () => pc.iceGatheringState === 'complete', timing.gatherTimeoutMs, false);

  /** One ICE restart from the clerk's side: true when the connection is back. */
  const restartIce = async (): Promise<boolean> => {
    const current = media();
    const pc = current?.peerConnection;
    if (!pc) return false;
    const stale = (): boolean => current !== media() || over();
    pc.onicecandidate = null;
    if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    if (pc.signalingState !== 'stable') return false;
    const done = gathered(pc);
    await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
    await done;
    const sdp = fitSdp(pc.localDescription?.sdp ?? '');
    if (!sdp || stale()) return false;
    const answer = new Promise<RtcDescription | undefined>((resolve) => {
      answerWaiter = resolve;
      timers.set('answer', timing.answerTimeoutMs, () => resolve(undefined));
    });
    relay.send({ type: 'offer', sdp });
    const description = await answer;
    answerWaiter = undefined;
    timers.clear('answer');
    if (stale()) return false;
    // (Read again: the awaits above let the state change; TypeScript still narrows it to 'stable'.)
    const offering = (pc.signalingState as RTCSignalingState) === 'have-local-offer';
    if (!description) {
      // No answer: back to the description that works (the old pair may have come back by itself).
      if (offering) await pc.setLocalDescription({ type: 'rollback' });
      return false;
    }
    if (!offering) return false;
    await pc.setRemoteDescription(description);
    return timers.until(pc, 'connectionstatechange', () => pc.connectionState === 'connected', timing.restartConnectTimeoutMs);
  };

  const restartLoop = async (): Promise<void> => {
    const delays = timing.restartDelaysMs;
    for (let attempt = 0; recovering && !over(); attempt++) {
      restarts += 1;
      const back = await restartIce().catch(() => false);
      if (back || !recovering || over()) return;
      await timers.wait(delays[Math.min(attempt, delays.length - 1)] ?? 1_000);
    }
  };

  /** The citizen's side of an ICE restart: answer the newest offer, gathered, on the relay. */
  const answerOffer = async (offer: RtcDescription, seq: number): Promise<void> => {
    const current = media();
    const pc = current?.peerConnection;
    if (!pc || seq !== offerSeq || over()) return;
    pc.onicecandidate = null;
    if (pc.signalingState !== 'stable') await pc.setLocalDescription({ type: 'rollback' });
    await pc.setRemoteDescription(offer);
    const done = gathered(pc);
    await pc.setLocalDescription();
    await done;
    // A newer offer came meanwhile: it gets the answer.
    if (seq !== offerSeq || current !== media() || over()) return;
    const sdp = fitSdp(pc.localDescription?.sdp ?? '');
    if (sdp) relay.send({ type: 'answer', sdp });
  };

  const start = (): void => {
    timers.clear('grace');
    if (recovering || over()) return;
    recovering = true;
    timers.set('budget', timing.recoveryBudgetMs + (role === 'citizen' ? 5_000 : 0), fail);
    if (role === 'clerk') void restartLoop();
  };

  return {
    get restarts() {
      return restarts;
    },
    troubled(failed) {
      if (role === 'citizen' && !timers.has('silence')) timers.set('silence', timing.citizenSilenceMs, fail);
      if (failed) start();
      else if (!recovering && !timers.has('grace')) timers.set('grace', timing.disconnectGraceMs, start);
    },
    back(pc) {
      pc.onicecandidate = null;
      recovering = false;
    },
    stop() {
      recovering = false;
      answerWaiter?.(undefined);
    },
    onDescription(input) {
      const description = parseRtcDescription(input);
      if (!description || over()) return;
      if (role === 'clerk') {
        if (description.type === 'answer') answerWaiter?.(description);
        return;
      }
      if (description.type !== 'offer') return;
      if (!connected()) timers.set('silence', timing.citizenOfferGapMs, fail);
      const seq = ++offerSeq;
      answering = answering.then(() => answerOffer(description, seq)).catch(() => undefined);
    },
  };
}

/**
 * After an outage the other side's decoder waits for a key frame: its requests (PLI) sent
 * during the outage were lost, and it asks again only ~3 s later, so the picture stayed
 * frozen that long. Pausing and resuming the video encoding makes the encoder start over
 * with a key frame at once. No renegotiation (setParameters only).
 */
export async function freshKeyFrame(pc: RTCPeerConnection): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video') continue;
    const toggle = async (active: boolean): Promise<void> => {
      const parameters = sender.getParameters();
      for (const encoding of parameters.encodings) encoding.active = active;
      await sender.setParameters(parameters);
    };
    await toggle(false).then(() => toggle(true)).catch(() => undefined);
  }
}
