// The call's screen (<balcao-virtual-chamada>), shared by the citizen and the clerk, driven by
// a fake session: what each state says, the controls and what they ask of the session, the
// confirmation before hanging up, the chat (sent, received, refused), connection quality,
// the other side's camera, a browser that blocks autoplay, the keyboard alone, axe, a
// 360 px phone, and nothing left listening once the view is gone.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BalcaoVirtualChamada, CALL_VIEW_TAG, defineCallView } from '../../src/call-ui/call-view.js';
import { MAX_CHAT_LENGTH } from '../../src/core/protocol/index.js';
import type { EndReason } from '../../src/call/types.js';
import { FakeCallSession, stopTestStreams, type FakeSessionOptions } from './fake-call-session.js';
import { installClock, uninstallClock } from './fake-clock.js';
import { describeNode, nextTask } from './helpers.js';

const CLERK = 'Maria Souza — 1ª Vara Cível de Natal';

const wrappers: HTMLElement[] = [];
const sessions: FakeCallSession[] = [];
const realPlay = HTMLMediaElement.prototype.play;

interface Mounted {
  readonly el: BalcaoVirtualChamada;
  readonly session: FakeCallSession;
  /** A button placed just before the view (where keyboard tests start). */
  readonly before: HTMLButtonElement;
}

function newSession(options: FakeSessionOptions = {}): FakeCallSession {
  const session = new FakeCallSession(options);
  sessions.push(session);
  return session;
}

async function mountView(options: FakeSessionOptions & { width?: string; label?: string } = {}): Promise<Mounted> {
  defineCallView();
  const wrapper = document.createElement('div');
  wrapper.style.width = options.width ?? '360px';
  document.body.append(wrapper);
  wrappers.push(wrapper);
  const before = document.createElement('button');
  before.textContent = 'Antes da chamada';
  wrapper.append(before);
  const session = newSession(options);
  const el = document.createElement(CALL_VIEW_TAG);
  el.session = session;
  el.remoteLabel = options.label ?? CLERK;
  wrapper.append(el);
  await el.updateComplete;
  return { el, session, before };
}

/** Waits (a few browser tasks at most) until `condition` holds after a render. */
async function until(el: BalcaoVirtualChamada, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await el.updateComplete;
    if (condition()) return;
    await nextTask();
  }
  throw new Error(`timed out waiting for ${what}; the view shows: ${textOf(el)}`);
}

/** Renders what the session just said. */
async function settle(el: BalcaoVirtualChamada): Promise<void> {
  await el.updateComplete;
  await el.updateComplete;
}

const fold = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

function find<E extends Element = HTMLElement>(el: BalcaoVirtualChamada, selector: string): E | null {
  return el.shadowRoot?.querySelector<E>(selector) ?? null;
}

function has(el: BalcaoVirtualChamada, selector: string): boolean {
  return find(el, selector) !== null;
}

function get<E extends Element = HTMLElement>(el: BalcaoVirtualChamada, selector: string): E {
  const found = find<E>(el, selector);
  if (!found) throw new Error(`no "${selector}" in: ${textOf(el)}`);
  return found;
}

/** Visible text of the view (the hidden live region and `hidden` elements left out). */
function textOf(el: BalcaoVirtualChamada): string {
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element)) return '';
    if (node.localName === 'style' || node.hasAttribute('hidden') || node.getAttribute('role') === 'status') return '';
    return [...node.childNodes].map(walk).join('');
  };
  return fold(el.shadowRoot ? [...el.shadowRoot.childNodes].map(walk).join('') : '');
}

function stateOf(el: BalcaoVirtualChamada): string {
  return fold(find(el, '[part="call-state"]')?.textContent);
}

function announcementOf(el: BalcaoVirtualChamada): string {
  const region = get(el, '[role="status"][aria-live="polite"]');
  return fold(region.textContent);
}

function pressed(el: BalcaoVirtualChamada, id: string): string | null {
  return get(el, `#${id}`).getAttribute('aria-pressed');
}

function focused(el: BalcaoVirtualChamada): Element | null {
  return el.shadowRoot?.activeElement ?? null;
}

function expectFocus(el: BalcaoVirtualChamada, selector: string): void {
  const target = get(el, selector);
  expect(focused(el) === target, `focus on ${selector}, not on ${describeNode(focused(el))}`).to.equal(true);
}

function controlsDisabled(el: BalcaoVirtualChamada): boolean[] {
  return ['#microphone', '#camera', '#audio-only', '#hang-up', '#chat-input', '#chat-send'].map(
    (selector) => get<HTMLButtonElement | HTMLInputElement>(el, selector).disabled,
  );
}

function click(el: BalcaoVirtualChamada, selector: string): void {
  get(el, selector).click();
}

/** Types into the chat field as a script would (an input event). */
function typeChat(el: BalcaoVirtualChamada, text: string): void {
  const input = get<HTMLInputElement>(el, '#chat-input');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function logEntries(el: BalcaoVirtualChamada): string[] {
  return [...(el.shadowRoot?.querySelectorAll('.log li') ?? [])].map((li) => fold(li.textContent));
}

async function connected(options: FakeSessionOptions & { width?: string; label?: string } = {}): Promise<Mounted> {
  const mounted = await mountView({ remote: true, ...options });
  mounted.session.emit('state', 'connected');
  await settle(mounted.el);
  return mounted;
}

/** `play()` answers as told from now on (restored after each test). */
function stubPlay(answer: () => Promise<void>): { calls: number } {
  const record = { calls: 0 };
  HTMLMediaElement.prototype.play = function play(): Promise<void> {
    record.calls++;
    return answer();
  };
  return record;
}

afterEach(() => {
  HTMLMediaElement.prototype.play = realPlay;
  for (const wrapper of wrappers.splice(0)) wrapper.remove();
  for (const session of sessions.splice(0)) session.stop();
  stopTestStreams();
  uninstallClock();
});

describe('<balcao-virtual-chamada> states', () => {
  it('says it is connecting, then connected, unstable, back, each in the live region too', async () => {
    const { el, session } = await mountView();
    expect(stateOf(el)).to.equal('Conectando a chamada…');
    expect(controlsDisabled(el), 'controls usable while connecting').to.deep.equal([false, false, false, false, false, false]);

    session.emit('state', 'connected');
    await settle(el);
    expect(stateOf(el)).to.equal('Chamada conectada');
    expect(announcementOf(el)).to.equal('Chamada conectada.');

    session.emit('state', 'reconnecting');
    await settle(el);
    expect(stateOf(el)).to.equal('Conexão instável. Tentando reconectar…');
    expect(announcementOf(el)).to.equal('Conexão instável. Tentando reconectar…');

    session.emit('state', 'connected');
    await settle(el);
    expect(stateOf(el)).to.equal('Chamada conectada');
    expect(announcementOf(el)).to.equal('Conexão restabelecida. A chamada continua.');
  });

  const reasons: [EndReason, string][] = [
    ['hung-up-local', 'Você encerrou a chamada.'],
    ['hung-up-remote', 'A outra pessoa saiu da chamada.'],
    ['failed', 'A conexão caiu e não foi possível retomar a chamada.'],
    ['line-ended', 'O atendimento foi encerrado.'],
    ['replaced', 'A chamada foi aberta em outra aba ou janela. Continue por lá.'],
  ];
  for (const [reason, words] of reasons) {
    it(`says why it ended (${reason}) and disables every control`, async () => {
      const { el, session } = await connected();
      session.end(reason);
      await settle(el);
      expect(stateOf(el)).to.equal(`Chamada encerrada ${words}`);
      expect(announcementOf(el)).to.equal(`Chamada encerrada. ${words}`);
      expect(controlsDisabled(el)).to.deep.equal([true, true, true, true, true, true]);
      expect(has(el, '#play'), 'no play button after the end').to.equal(false);
    });
  }

  it('shows a session given already connected (or ended) as it is, without announcing it', async () => {
    const { el } = await mountView({ state: 'connected', remote: true });
    expect(stateOf(el)).to.equal('Chamada conectada');
    expect(announcementOf(el)).to.equal('');

    const ended = newSession({ state: 'ended' });
    ended.endReason = 'failed';
    el.session = ended;
    await settle(el);
    expect(stateOf(el)).to.equal('Chamada encerrada A conexão caiu e não foi possível retomar a chamada.');
    expect(controlsDisabled(el)).to.deep.equal([true, true, true, true, true, true]);
  });

  it('moves the focus to the state line when the call ends under it', async () => {
    const { el, session } = await connected();
    get(el, '#microphone').focus();
    session.end('hung-up-remote');
    await settle(el);
    expectFocus(el, '#call-state');
  });

  it('keeps calm while only the signaling server is away: a small note, no alarm', async () => {
    const { el, session } = await connected();
    session.emit('signaling', 'reconnecting');
    await settle(el);
    expect(stateOf(el)).to.equal('Chamada conectada');
    expect(fold(get(el, '#signaling-note').textContent)).to.equal('A chamada continua. Reconectando ao Balcão Virtual…');
    expect(announcementOf(el), 'nothing new announced').to.equal('Chamada conectada.');

    session.emit('signaling', 'open');
    await settle(el);
    expect(has(el, '#signaling-note')).to.equal(false);
  });
});

describe('<balcao-virtual-chamada> controls', () => {
  it('switches the microphone off and on, saying so with aria-pressed and words', async () => {
    const { el, session } = await connected();
    expect(pressed(el, 'microphone')).to.equal('true');
    expect(fold(get(el, '#microphone').textContent)).to.equal('Microfone ligado');

    click(el, '#microphone');
    await settle(el);
    expect(session.calls).to.deep.equal(['setMicrophoneEnabled(false)']);
    expect(pressed(el, 'microphone')).to.equal('false');
    expect(fold(get(el, '#microphone').textContent)).to.equal('Microfone desligado');

    click(el, '#microphone');
    await settle(el);
    expect(session.calls).to.deep.equal(['setMicrophoneEnabled(false)', 'setMicrophoneEnabled(true)']);
    expect(pressed(el, 'microphone')).to.equal('true');
  });

  it('switches the camera off and on; the self view says when it is off', async () => {
    const { el, session } = await connected();
    expect(pressed(el, 'camera')).to.equal('true');
    expect(get(el, '.self-video').hidden).to.equal(false);

    click(el, '#camera');
    await settle(el);
    expect(session.calls).to.deep.equal(['setCameraEnabled(false)']);
    expect(pressed(el, 'camera')).to.equal('false');
    expect(fold(get(el, '#camera').textContent)).to.equal('Câmera desligada');
    expect(get(el, '.self-video').hidden).to.equal(true);
    expect(fold(get(el, '[part="call-self"]').textContent)).to.equal('Sua câmera está desligada');

    click(el, '#camera');
    await settle(el);
    expect(session.calls).to.deep.equal(['setCameraEnabled(false)', 'setCameraEnabled(true)']);
    expect(pressed(el, 'camera')).to.equal('true');
  });

  it('shows this side mirrored and muted', async () => {
    const { el, session } = await connected();
    const self = get<HTMLVideoElement>(el, '.self-video');
    expect(self.srcObject === session.localStream, 'the local stream').to.equal(true);
    expect(self.muted).to.equal(true);
    expect(getComputedStyle(self).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('goes audio-only for good: the camera toggle is disabled and says why', async () => {
    const { el, session } = await connected();
    click(el, '#audio-only');
    await settle(el);
    expect(session.calls).to.deep.equal(['switchToAudioOnly()']);
    expect(session.localStream.getVideoTracks().length, 'the camera track removed').to.equal(0);

    const camera = get(el, '#camera');
    expect(camera.getAttribute('aria-disabled')).to.equal('true');
    expect(pressed(el, 'camera')).to.equal('false');
    expect(camera.getAttribute('aria-describedby')).to.equal('camera-why');
    expect(fold(get(el, '#camera-why').textContent)).to.equal('A câmera fica desligada até o fim da chamada, porque a chamada está só em áudio.');
    expect(get(el, '#audio-only').getAttribute('aria-disabled')).to.equal('true');
    expect(fold(get(el, '[part="call-self"]').textContent)).to.equal('Só áudio: sua câmera está desligada');
    expect(announcementOf(el)).to.equal('Só áudio: sua câmera ficará desligada até o fim da chamada.');

    click(el, '#camera');
    click(el, '#audio-only');
    await settle(el);
    expect(session.calls, 'nothing more asked of the session').to.deep.equal(['switchToAudioOnly()']);
  });

  it('starts audio-only when the call has no camera', async () => {
    const { el } = await connected({ audioOnly: true });
    expect(get(el, '#camera').getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(el)).to.contain('A câmera fica desligada até o fim da chamada');
  });

  it('asks before hanging up; "Continuar na chamada" and Escape keep the call', async () => {
    const { el, session } = await connected();
    click(el, '#hang-up');
    await settle(el);
    expect(session.calls, 'not yet').to.deep.equal([]);
    expect(fold(get(el, '.confirm').textContent)).to.equal('Encerrar a chamada? Sim, encerrar Continuar na chamada');
    expect(get(el, '.confirm').getAttribute('role')).to.equal('group');
    expectFocus(el, '#hang-up-cancel');

    click(el, '#hang-up-cancel');
    await settle(el);
    expect(has(el, '.confirm')).to.equal(false);
    expectFocus(el, '#hang-up');

    click(el, '#hang-up');
    await settle(el);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(has(el, '.confirm'), 'Escape cancels').to.equal(false);
    expectFocus(el, '#hang-up');
    expect(session.calls).to.deep.equal([]);
    expect(stateOf(el)).to.equal('Chamada conectada');

    click(el, '#hang-up');
    await settle(el);
    click(el, '#hang-up-confirm');
    await settle(el);
    expect(session.calls).to.deep.equal(['hangUp()']);
    expect(stateOf(el)).to.equal('Chamada encerrada Você encerrou a chamada.');
    expectFocus(el, '#call-state');
    expect(controlsDisabled(el)).to.deep.equal([true, true, true, true, true, true]);
  });

  it('drops the confirmation when the other side ends the call meanwhile', async () => {
    const { el, session } = await connected();
    click(el, '#hang-up');
    await settle(el);
    session.end('hung-up-remote');
    await settle(el);
    expect(has(el, '.confirm')).to.equal(false);
    expect(stateOf(el)).to.equal('Chamada encerrada A outra pessoa saiu da chamada.');
    expectFocus(el, '#call-state');
  });
});

describe('<balcao-virtual-chamada> chat', () => {
  it('sends with Enter: the message shows as "Você" with the time, the field empties', async () => {
    installClock('2026-11-23T14:05:00-03:00');
    const { el, session } = await connected();
    get(el, '#chat-input').focus();
    await sendKeys({ type: 'Meu nome é Joana' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(session.calls).to.deep.equal(['sendChat("Meu nome é Joana")']);
    const time = new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit' }).format(Date.now());
    expect(logEntries(el)).to.deep.equal([`Você ${time} Meu nome é Joana`]);
    expect(get<HTMLInputElement>(el, '#chat-input').value).to.equal('');
    expect(get(el, '.log time').getAttribute('datetime')).to.equal(new Date(Date.now()).toISOString());
  });

  it('sends with the button', async () => {
    const { el, session } = await connected();
    typeChat(el, '0000001-42.2026.8.20.0001');
    await settle(el);
    click(el, '#chat-send');
    await settle(el);
    expect(session.calls).to.deep.equal(['sendChat("0000001-42.2026.8.20.0001")']);
    expect(logEntries(el)[0]).to.match(/^Você \d\d:\d\d 0000001-42\.2026\.8\.20\.0001$/);
  });

  it('sends nothing empty, and caps the field at the channel limit', async () => {
    const { el, session } = await connected();
    typeChat(el, '   ');
    click(el, '#chat-send');
    await settle(el);
    expect(session.calls).to.deep.equal([]);
    expect(get<HTMLInputElement>(el, '#chat-input').maxLength).to.equal(MAX_CHAT_LENGTH);
    expect(fold(get(el, 'label[for="chat-input"]').textContent)).to.equal('Escreva uma mensagem');
  });

  it('shows what the other side writes, under its label, and announces it', async () => {
    const { el, session } = await connected({ role: 'clerk', label: 'Senha A-014' });
    session.emit('chat', { from: 'remote', text: 'Pode repetir o número?', at: Date.now() });
    await settle(el);
    expect(logEntries(el)[0]).to.match(/^Senha A-014 \d\d:\d\d Pode repetir o número\?$/);
    expect(get(el, '[role="log"]').contains(get(el, '.log li'))).to.equal(true);
    expect(announcementOf(el)).to.equal('Mensagem de Senha A-014: Pode repetir o número?');

    // The same words again are announced again (a new node in the live region).
    const first = get(el, '[role="status"] span');
    session.emit('chat', { from: 'remote', text: 'Pode repetir o número?', at: Date.now() });
    await settle(el);
    expect(get(el, '[role="status"] span') !== first, 'a new announcement').to.equal(true);
    expect(logEntries(el)).to.have.length(2);
  });

  it('announces a long message shortened', async () => {
    const { el, session } = await connected();
    session.emit('chat', { from: 'remote', text: 'a'.repeat(300), at: Date.now() });
    await settle(el);
    expect(announcementOf(el)).to.equal(`Mensagem de ${CLERK}: ${'a'.repeat(120)}…`);
    expect(logEntries(el)[0]).to.contain('a'.repeat(300));
  });

  it('keeps the text and says so when the message could not be sent; sends it on retry', async () => {
    const { el, session } = await connected();
    session.chatWorks = false;
    typeChat(el, 'Processo 0000001');
    await settle(el);
    click(el, '#chat-send');
    await settle(el);
    expect(fold(get(el, '#chat-error').textContent)).to.equal('Mensagem não enviada: a conexão caiu. Tente de novo em instantes.');
    expect(get<HTMLInputElement>(el, '#chat-input').value).to.equal('Processo 0000001');
    expect(get(el, '#chat-input').getAttribute('aria-describedby')).to.equal('chat-error');
    expect(logEntries(el)).to.deep.equal([]);

    session.chatWorks = true;
    click(el, '#chat-send');
    await settle(el);
    expect(session.calls).to.deep.equal(['sendChat("Processo 0000001")', 'sendChat("Processo 0000001")']);
    expect(has(el, '#chat-error')).to.equal(false);
    expect(get<HTMLInputElement>(el, '#chat-input').value).to.equal('');
    expect(logEntries(el)).to.have.length(1);
  });

  it('never writes chat text to the console nor dispatches an event', async () => {
    const secret = 'CPF 529.982.247-25';
    const printed: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((m) => console[m]);
    for (const m of methods) console[m] = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    try {
      const { el, session } = await connected();
      const dispatched: string[] = [];
      const dispatch = el.dispatchEvent.bind(el);
      el.dispatchEvent = (event: Event) => {
        dispatched.push(event.type);
        return dispatch(event);
      };
      typeChat(el, secret);
      click(el, '#chat-send');
      session.chatWorks = false;
      typeChat(el, secret);
      click(el, '#chat-send');
      session.emit('chat', { from: 'remote', text: secret, at: Date.now() });
      click(el, '#microphone');
      click(el, '#hang-up');
      await settle(el);
      click(el, '#hang-up-confirm');
      await settle(el);
      expect(logEntries(el).join(' ')).to.contain(secret);
      expect(dispatched).to.deep.equal([]);
    } finally {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    }
    expect(printed.filter((line) => line.includes('529.982'))).to.deep.equal([]);
  });
});

describe('<balcao-virtual-chamada> connection and video', () => {
  it('says the connection quality in words, and suggests "Só áudio" when it is bad', async () => {
    const { el, session } = await connected();
    expect(has(el, '#call-quality')).to.equal(false);
    const sample = { rttMs: 80, packetLoss: 0, outgoingKbps: 600, availableOutgoingKbps: 1200 };

    session.emit('quality', { ...sample, level: 'good' });
    await settle(el);
    expect(fold(get(el, '#call-quality').textContent)).to.equal('Conexão boa');
    expect(has(el, '#quality-hint')).to.equal(false);

    session.emit('quality', { ...sample, level: 'weak' });
    await settle(el);
    expect(fold(get(el, '#call-quality').textContent)).to.equal('Conexão fraca');

    session.emit('quality', { ...sample, level: 'poor' });
    await settle(el);
    expect(fold(get(el, '#call-quality').textContent)).to.equal('Conexão ruim');
    expect(fold(get(el, '#quality-hint').textContent)).to.equal('Se a imagem travar ou o som cortar, use o botão “Só áudio”.');

    click(el, '#audio-only');
    await settle(el);
    expect(has(el, '#quality-hint'), 'no hint once audio-only').to.equal(false);

    session.emit('state', 'reconnecting');
    await settle(el);
    expect(has(el, '#call-quality'), 'no stale quality while reconnecting').to.equal(false);
  });

  it('fills one, two or three bars by the quality, not by colour alone', async () => {
    const { el, session } = await connected();
    const sample = { rttMs: 80, packetLoss: 0, outgoingKbps: 600, availableOutgoingKbps: 1200 };
    const filled = (): number =>
      [...get(el, '#call-quality').querySelectorAll('.bars span')].filter((bar) => getComputedStyle(bar).backgroundColor !== 'rgba(0, 0, 0, 0)').length;
    const levels = { poor: 1, weak: 2, good: 3 } as const;
    for (const [level, bars] of Object.entries(levels)) {
      session.emit('quality', { ...sample, level: level as keyof typeof levels });
      await settle(el);
      expect(filled(), level).to.equal(bars);
    }
  });

  it('plays the other side in the large video when its stream arrives', async () => {
    const { el, session } = await mountView();
    const video = get<HTMLVideoElement>(el, '.remote-video');
    expect(video.srcObject === null, 'no stream yet').to.equal(true);
    expect(fold(get(el, '.placeholder').textContent)).to.equal(CLERK);

    const played = stubPlay(() => Promise.resolve());
    const stream = session.newRemoteStream();
    session.emit('remote-stream', stream);
    session.emit('state', 'connected');
    await settle(el);
    expect(video.srcObject === stream, 'the remote stream').to.equal(true);
    expect(video.hidden).to.equal(false);
    expect(video.autoplay && video.playsInline).to.equal(true);
    expect(played.calls, 'play() asked for').to.be.greaterThan(0);
    expect(fold(get(el, '.caption').textContent)).to.equal(CLERK);
  });

  it('shows a placeholder when the other side turns its camera off or goes audio-only, sound still playing', async () => {
    const { el, session } = await connected();
    const video = get<HTMLVideoElement>(el, '.remote-video');
    const stream = session.remoteStream;

    session.emit('remote-media', { microphone: true, camera: false, audioOnly: false });
    await settle(el);
    expect(fold(get(el, '.placeholder').textContent)).to.equal(`${CLERK} Câmera desligada`);
    expect(get(el, '.remote-video') === video, 'the same video element').to.equal(true);
    expect(video.srcObject === stream, 'its stream kept: the sound goes on').to.equal(true);
    expect(video.muted).to.equal(false);

    session.emit('remote-media', { microphone: false, camera: false, audioOnly: true });
    await settle(el);
    expect(fold(get(el, '.placeholder').textContent)).to.equal(`${CLERK} Só áudio Microfone desligado`);

    session.emit('remote-media', { microphone: true, camera: true, audioOnly: false });
    await settle(el);
    expect(has(el, '.placeholder')).to.equal(false);
    expect(video.hidden).to.equal(false);
  });

  it('offers "Ativar som e imagem" when the browser blocks autoplay, and plays on click', async () => {
    const refusal = stubPlay(() => Promise.reject(new DOMException('play() needs a gesture', 'NotAllowedError')));
    const { el, session } = await mountView();
    session.emit('remote-stream', session.newRemoteStream());
    session.emit('state', 'connected');
    await until(el, () => has(el, '#play'), 'the play button');
    expect(refusal.calls).to.equal(1);
    expect(fold(get(el, '#play').textContent)).to.equal('Ativar som e imagem');

    const played = stubPlay(() => Promise.resolve());
    click(el, '#play');
    await until(el, () => !has(el, '#play'), 'the play button to go');
    expect(played.calls).to.equal(1);
  });

  it('does not offer the button when play() is only interrupted', async () => {
    stubPlay(() => Promise.reject(new DOMException('interrupted', 'AbortError')));
    const { el, session } = await mountView();
    session.emit('remote-stream', session.newRemoteStream());
    await settle(el);
    await nextTask();
    await el.updateComplete;
    expect(has(el, '#play')).to.equal(false);
  });
});

describe('<balcao-virtual-chamada> keyboard and accessibility', () => {
  it('works with the keyboard alone: every control in order, Space and Enter', async () => {
    const { el, session, before } = await connected();
    before.focus();
    const stops: string[] = [];
    for (let i = 0; i < 7; i++) {
      await sendKeys({ press: 'Tab' });
      stops.push(focused(el)?.id || describeNode(document.activeElement));
    }
    expect(stops).to.deep.equal(['microphone', 'camera', 'audio-only', 'hang-up', 'chat-log', 'chat-input', 'chat-send']);

    get(el, '#microphone').focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(pressed(el, 'microphone')).to.equal('false');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(pressed(el, 'camera')).to.equal('false');

    get(el, '#hang-up').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expectFocus(el, '#hang-up-cancel');
    // A second Enter lands on the safe answer.
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expectFocus(el, '#hang-up');
    expect(session.calls).to.deep.equal(['setMicrophoneEnabled(false)', 'setCameraEnabled(false)']);

    await sendKeys({ press: 'Space' });
    await settle(el);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expectFocus(el, '#hang-up-confirm');
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(session.calls.at(-1)).to.equal('hangUp()');
    expectFocus(el, '#call-state');
  });

  it('reaches the play button first when autoplay is blocked', async () => {
    stubPlay(() => Promise.reject(new DOMException('gesture', 'NotAllowedError')));
    const { el, before } = await connected();
    await until(el, () => has(el, '#play'), 'the play button');
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('play');
    const played = stubPlay(() => Promise.resolve());
    await sendKeys({ press: 'Enter' });
    await until(el, () => !has(el, '#play'), 'the play button to go');
    expect(played.calls).to.equal(1);
    expectFocus(el, '#call-state');
  });

  it('passes axe while connecting, connected, reconnecting, confirming and ended', async () => {
    const { el, session } = await mountView();
    await expect(el).to.be.accessible();

    session.emit('remote-stream', session.newRemoteStream());
    session.emit('state', 'connected');
    session.emit('quality', { level: 'poor', rttMs: 400, packetLoss: 0.2, outgoingKbps: 100, availableOutgoingKbps: 150 });
    session.emit('chat', { from: 'remote', text: 'Bom dia', at: Date.now() });
    session.emit('chat', { from: 'local', text: 'Bom dia!', at: Date.now() });
    await settle(el);
    await expect(el).to.be.accessible();

    session.chatWorks = false;
    typeChat(el, 'Olá');
    click(el, '#chat-send');
    click(el, '#audio-only');
    session.emit('signaling', 'reconnecting');
    session.emit('state', 'reconnecting');
    await settle(el);
    await expect(el).to.be.accessible();

    session.emit('state', 'connected');
    click(el, '#hang-up');
    await settle(el);
    await expect(el).to.be.accessible();

    click(el, '#hang-up-confirm');
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('fits a 360 px phone with 44 px targets, even with a long unbroken message and the confirmation', async () => {
    const { el, session } = await connected({ width: '360px' });
    session.emit('chat', { from: 'remote', text: 'x'.repeat(400), at: Date.now() });
    session.emit('quality', { level: 'poor', rttMs: 400, packetLoss: 0.2, outgoingKbps: 100, availableOutgoingKbps: 150 });
    session.emit('signaling', 'reconnecting');
    click(el, '#audio-only');
    click(el, '#hang-up');
    await settle(el);
    const box = el.getBoundingClientRect();
    expect(box.width).to.equal(360);
    expect(el.scrollWidth, 'no horizontal scroll').to.be.at.most(el.clientWidth + 1);
    // Everything shown (the live region's words are clipped to 1 px: not shown).
    const all = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('*') ?? [])].filter(
      (node) => node.getClientRects().length > 0 && !node.closest('.visually-hidden'),
    );
    const outside = all.filter((node) => node.getBoundingClientRect().right > box.right + 0.5).map((node) => describeNode(node));
    expect(outside).to.deep.equal([]);
    const small = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('button, input') ?? [])]
      .filter((node) => node.getClientRects().length > 0)
      .filter((node) => {
        const r = node.getBoundingClientRect();
        return r.width < 44 || r.height < 44;
      })
      .map((node) => describeNode(node));
    expect(small).to.deep.equal([]);
  });

  it('lays the chat beside the videos on a wide screen', async () => {
    const { el } = await connected({ width: '1000px' });
    const stage = get(el, '.main').getBoundingClientRect();
    const chat = get(el, '[part="call-chat"]').getBoundingClientRect();
    expect(chat.left, 'chat on the right').to.be.at.least(stage.right);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
  });

  it('shows the focus on every stop', async () => {
    const { el, before } = await connected();
    before.focus();
    const unmarked: string[] = [];
    for (let i = 0; i < 7; i++) {
      await sendKeys({ press: 'Tab' });
      const node = focused(el);
      const style = node ? getComputedStyle(node) : undefined;
      if (!style || style.outlineStyle !== 'solid' || parseFloat(style.outlineWidth) < 2) unmarked.push(describeNode(node));
    }
    expect(unmarked).to.deep.equal([]);
  });
});

describe('<balcao-virtual-chamada> lifecycle', () => {
  it('defines itself once, safely twice', () => {
    defineCallView();
    defineCallView();
    expect(customElements.get(CALL_VIEW_TAG) === BalcaoVirtualChamada, 'the call view class').to.equal(true);
  });

  it('lets go of the session when removed, and follows it again when put back', async () => {
    const { el, session } = await connected();
    expect(session.listenerCount()).to.equal(7);
    const wrapper = el.parentElement!;

    el.remove();
    expect(session.listenerCount(), 'no listener left').to.equal(0);
    session.emit('state', 'reconnecting');
    expect(el.isUpdatePending, 'no update asked for').to.equal(false);

    wrapper.append(el);
    await settle(el);
    expect(session.listenerCount()).to.equal(7);
    expect(stateOf(el), 'caught up with the session').to.equal('Conexão instável. Tentando reconectar…');
  });

  it('moves to a new session: the old one forgotten, a clean screen', async () => {
    const { el, session } = await connected();
    session.emit('chat', { from: 'remote', text: 'Olá', at: Date.now() });
    session.emit('remote-media', { microphone: true, camera: false, audioOnly: false });
    await settle(el);

    const next = newSession({ state: 'connecting' });
    el.session = next;
    await settle(el);
    expect(session.listenerCount()).to.equal(0);
    expect(next.listenerCount()).to.equal(7);
    expect(logEntries(el)).to.deep.equal([]);
    expect(stateOf(el)).to.equal('Conectando a chamada…');
    expect(get<HTMLVideoElement>(el, '.self-video').srcObject === next.localStream).to.equal(true);

    el.session = undefined;
    await settle(el);
    expect(next.listenerCount()).to.equal(0);
    expect(controlsDisabled(el)).to.deep.equal([true, true, true, true, true, true]);
  });

  it('leaves no timer behind', async () => {
    const clock = installClock('2026-11-23T17:00:00Z');
    const { el, session } = await connected();
    session.emit('chat', { from: 'remote', text: 'Olá', at: Date.now() });
    session.emit('quality', { level: 'good', rttMs: 40, packetLoss: 0, outgoingKbps: 900, availableOutgoingKbps: 1500 });
    click(el, '#hang-up');
    await settle(el);
    el.remove();
    expect(clock.countTimers()).to.equal(0);
    expect(session.listenerCount()).to.equal(0);
  });
});
