// The browser side of peerjs-pages.ts: loaded (after peerjs.min.js) by the test page that
// peerjs-pages.ts serves on 127.0.0.1. Exposes `window.callTest`, driven from Node through
// page.evaluate; every PeerJS and RTCPeerConnection event it sees goes to an event log
// with Date.now() timestamps (both pages share the machine's clock).
/* global window, document, navigator */

(() => {
  'use strict';

  /** @type {{ at: number, type: string, detail?: string }[]} */
  const events = [];
  const log = (type, detail) => events.push(detail === undefined ? { at: Date.now(), type } : { at: Date.now(), type, detail: String(detail) });

  const state = {
    peer: null,
    local: null,
    media: null,
    data: null,
    remote: null,
    chat: [],
    streamEvents: 0,
    callStartedAt: null,
    firstFrameAt: null,
    frames: 0,
    lastMediaTime: 0,
    width: 0,
    height: 0,
  };

  const remoteVideo = () => document.querySelector('#remote');

  /** Counts frames painted in the remote <video> (requestVideoFrameCallback). */
  function watchFrames(video) {
    const onFrame = (_now, meta) => {
      if (state.firstFrameAt === null) {
        state.firstFrameAt = Date.now();
        log('first-frame', `${meta.width}x${meta.height}`);
      }
      state.frames++;
      state.lastMediaTime = meta.mediaTime;
      state.width = meta.width;
      state.height = meta.height;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  function watchPeerConnection(pc, label) {
    if (!pc || pc.__watched) return;
    pc.__watched = true;
    pc.addEventListener('connectionstatechange', () => log(`${label}-connection`, pc.connectionState));
    pc.addEventListener('iceconnectionstatechange', () => log(`${label}-ice`, pc.iceConnectionState));
  }

  function attachMedia(call) {
    state.media = call;
    call.on('stream', (stream) => {
      state.streamEvents++;
      log('stream', stream.getTracks().map((t) => t.kind).sort().join(','));
      if (state.remote === stream) return;
      state.remote = stream;
      const video = remoteVideo();
      video.srcObject = stream;
      video.play().catch((e) => log('play-error', e));
      watchFrames(video);
    });
    call.on('close', () => log('media-close'));
    call.on('error', (e) => log('media-error', `${e.type}: ${e.message}`));
    watchPeerConnection(call.peerConnection, 'media');
  }

  function attachData(conn) {
    state.data = conn;
    conn.on('open', () => {
      log('data-open');
      watchPeerConnection(conn.peerConnection, 'data');
    });
    conn.on('data', (message) => {
      state.chat.push(message);
      log('data', typeof message);
    });
    conn.on('close', () => log('data-close'));
    conn.on('error', (e) => log('data-error', `${e.type}: ${e.message}`));
    watchPeerConnection(conn.peerConnection, 'data');
  }

  /** Gets the camera and/or microphone (fake devices), connects to the signaling server and resolves on 'open'. */
  async function start(options) {
    state.local = await navigator.mediaDevices.getUserMedia({
      audio: options.audio,
      video: options.video ? { width: 640, height: 480 } : false,
    });
    document.querySelector('#local').srcObject = state.local;
    log('local-media', state.local.getTracks().map((t) => t.kind).sort().join(','));
    const peer = new window.Peer(options.id, {
      host: options.host,
      port: options.port,
      secure: false,
      path: '/peerjs',
      key: 'balcao',
      token: options.token,
      config: options.ice,
      debug: 0,
    });
    state.peer = peer;
    peer.on('call', (call) => {
      log('call-received', call.peer === options.expectFrom ? 'from-expected' : 'from-other');
      attachMedia(call);
      if (options.autoAnswer) {
        call.answer(state.local);
        log('answered');
        watchPeerConnection(call.peerConnection, 'media');
      }
    });
    peer.on('connection', (conn) => {
      log('connection-received');
      attachData(conn);
    });
    peer.on('disconnected', () => log('peer-disconnected'));
    peer.on('close', () => log('peer-close'));
    peer.on('error', (e) => log('peer-error', `${e.type}: ${e.message}`));
    await new Promise((resolve, reject) => {
      peer.once('open', resolve);
      peer.once('error', (e) => reject(new Error(`PeerJS: ${e.type}: ${e.message}`)));
    });
    log('peer-open');
  }

  /** Calls `dst` with the local stream (media) and opens a data connection to it. */
  function call(dst, options) {
    state.callStartedAt = Date.now();
    log('call', dst);
    const media = state.peer.call(dst, state.local, options.constraints ? { constraints: options.constraints } : {});
    attachMedia(media);
    if (options.data) attachData(state.peer.connect(dst, { reliable: true }));
  }

  /** The selected candidate pair, the candidates, the configuration and the inbound RTP of one connection. */
  async function stats(which) {
    const connection = which === 'data' ? state.data : state.media;
    const pc = connection && connection.peerConnection;
    if (!pc) return null;
    const report = await pc.getStats();
    const all = [...report.values()];
    const byId = new Map(all.map((s) => [s.id, s]));
    const candidate = (c) => c && { type: c.candidateType, address: c.address ?? c.ip, port: c.port, protocol: c.protocol, relayProtocol: c.relayProtocol, url: c.url };
    const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = transport ? byId.get(transport.selectedCandidatePairId) : all.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
    const config = pc.getConfiguration();
    return {
      configuration: {
        iceTransportPolicy: config.iceTransportPolicy,
        iceServers: (config.iceServers ?? []).map((s) => ({ urls: [].concat(s.urls), username: s.username })),
      },
      selected: pair ? { local: candidate(byId.get(pair.localCandidateId)), remote: candidate(byId.get(pair.remoteCandidateId)), state: pair.state } : null,
      localCandidates: all.filter((s) => s.type === 'local-candidate').map(candidate),
      remoteCandidates: all.filter((s) => s.type === 'remote-candidate').map(candidate),
      inbound: all
        .filter((s) => s.type === 'inbound-rtp')
        .map((s) => ({ kind: s.kind, packets: s.packetsReceived ?? 0, bytes: s.bytesReceived ?? 0, framesDecoded: s.framesDecoded ?? 0, samples: s.totalSamplesReceived ?? 0, energy: s.totalAudioEnergy ?? 0 })),
      connectionState: pc.connectionState,
      iceConnectionState: pc.iceConnectionState,
    };
  }

  function video() {
    const v = remoteVideo();
    const tracks = state.remote ? state.remote.getTracks().map((t) => `${t.kind}:${t.readyState}`).sort() : [];
    return {
      videoWidth: v.videoWidth,
      videoHeight: v.videoHeight,
      currentTime: v.currentTime,
      paused: v.paused,
      frames: state.frames,
      mediaTime: state.lastMediaTime,
      firstFrameAt: state.firstFrameAt,
      callStartedAt: state.callStartedAt,
      streamEvents: state.streamEvents,
      remoteTracks: tracks,
    };
  }

  window.callTest = {
    start,
    call,
    stats,
    video,
    send: (text) => state.data.send(text),
    chat: () => state.chat.slice(),
    events: () => events.slice(),
    dataOpen: () => Boolean(state.data && state.data.open),
    hangUp: () => {
      log('hang-up');
      if (state.media) state.media.close();
      if (state.data) state.data.close();
    },
    destroy: () => {
      log('destroy');
      if (state.peer) state.peer.destroy();
    },
  };
})();
