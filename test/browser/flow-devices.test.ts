// The device check before joining: nothing asked on load; "Testar câmera e microfone" shows
// a mirrored, muted preview that plays, a microphone meter with words, the devices to choose
// and "Usar só áudio"; every refusal in plain words with a next step; a browser that can't
// call is told so (no way into the line, the unit's contacts); an app's built-in browser and
// a weak connection are said before anything is tried. The camera's tracks end when joining,
// leaving the screen or removing the element. Chromium runs with fake devices
// (--use-fake-device-for-media-stream): one camera, a default microphone and two others.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ANDROID_WEBVIEW, inAppBrowser, weakConnection } from '../../src/widget/flow/device-check.js';
import {
  mediaChoiceKey,
  openCallMedia,
  setMediaEnvironment,
  type CallMedia,
  type GetUserMedia,
  type MediaChoice,
  type MediaEnvironment,
} from '../../src/ui/media-choice.js';
import {
  choose,
  deepActiveElement,
  flowOf,
  focusDescription,
  focusOnHeading,
  hasInFlow,
  inFlow,
  lastSocket,
  next,
  openFlow,
  toBeforeLine,
  untilHeading,
  useFakeSockets,
} from './flow-helpers.js';
import {
  announcementOf,
  clickButton,
  expectAccessible,
  hasButton,
  mountUnit,
  network,
  removeContainers,
  server,
  stubFetch,
  textOf,
  until,
  type BalcaoVirtual,
} from './helpers.js';

const UNIT = 'plantao-contatos';
const MEDIA_KEY = mediaChoiceKey(new URL(server), UNIT);
const CONTACT_LINKS = ['tel:+551132221000', 'mailto:plantao.teste@tjsp.jus.br'];

const realGetUserMedia: GetUserMedia = (constraints) => navigator.mediaDevices.getUserMedia(constraints);

interface MediaLog {
  /** Every request, as asked. */
  readonly asked: MediaStreamConstraints[];
  /** Every track handed out. */
  readonly tracks: MediaStreamTrack[];
}

/** Errors by what is asked: a DOMException name to refuse with, or undefined to let the real (fake) devices answer. */
type Refusal = (constraints: MediaStreamConstraints) => string | undefined;

let log: MediaLog = { asked: [], tracks: [] };

/**
 * From now on getUserMedia goes through the test: logged, refused as `refuse` says, else the
 * browser's fake devices; the rest of the environment as `env` says (the browser's otherwise).
 */
function useMedia(refuse: Refusal = () => undefined, env: Partial<MediaEnvironment> = {}): MediaLog {
  const current: MediaLog = { asked: [], tracks: [] };
  log = current;
  setMediaEnvironment({
    ...env,
    getUserMedia: async (constraints) => {
      current.asked.push(constraints);
      const name = refuse(constraints);
      if (name) throw new DOMException('refused by the test', name);
      const stream = await realGetUserMedia(constraints);
      current.tracks.push(...stream.getTracks());
      return stream;
    },
  });
  return current;
}

/** getUserMedia that answers (with the fake devices) only when the test says: a permission prompt left open. */
function useSlowMedia(): MediaLog & { answer(): void } {
  const waiting: (() => void)[] = [];
  const current: MediaLog = { asked: [], tracks: [] };
  log = current;
  setMediaEnvironment({
    getUserMedia: (constraints) => {
      current.asked.push(constraints);
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          realGetUserMedia(constraints).then((stream) => {
            current.tracks.push(...stream.getTracks());
            resolve(stream);
          }, reject);
        });
      });
    },
  });
  return { ...current, answer: () => waiting.splice(0).forEach((answer) => answer()) };
}

const refuseCamera =
  (name: string): Refusal =>
  (c) => (c.video ? name : undefined);
const refuseMicrophone =
  (name: string): Refusal =>
  (c) => (c.audio ? name : undefined);

function live(tracks: readonly MediaStreamTrack[], kind?: 'audio' | 'video'): MediaStreamTrack[] {
  return tracks.filter((t) => t.readyState === 'live' && (kind === undefined || t.kind === kind));
}

function describeTracks(tracks: readonly MediaStreamTrack[]): string {
  return tracks.map((t) => `${t.kind}:${t.readyState}`).join(', ') || '(none)';
}

// After every test (and after the element is gone): no camera or microphone left on.
afterEach(() => {
  const left = live(log.tracks);
  const described = describeTracks(left);
  for (const track of left) track.stop();
  log = { asked: [], tracks: [] };
  setMediaEnvironment();
  sessionStorage.removeItem(MEDIA_KEY);
  expect(left.length, `tracks left running: ${described}`).to.equal(0);
});

/** "Testar câmera e microfone" (or "Testar o microfone"), then the result. */
async function testDevices(el: BalcaoVirtual, label = 'Testar câmera e microfone'): Promise<void> {
  clickButton(el, label);
  await until(el, () => hasInFlow(el, '#device-status') && inFlow(el, '#device-status').textContent!.trim() !== 'Ligando…', 'the result of the test');
}

function statusText(el: BalcaoVirtual): string {
  return inFlow(el, '#device-status').textContent!.replace(/\s+/g, ' ').trim();
}

function preview(el: BalcaoVirtual): HTMLVideoElement {
  return inFlow<HTMLVideoElement>(el, '.preview video');
}

async function untilPlaying(el: BalcaoVirtual): Promise<void> {
  await until(el, () => hasInFlow(el, '.preview video') && preview(el).videoWidth > 0 && !preview(el).paused, 'the preview playing');
}

function switchOf(el: BalcaoVirtual): HTMLInputElement {
  return inFlow<HTMLInputElement>(el, '#audio-only');
}

function selectOf(el: BalcaoVirtual, kind: 'camera' | 'microphone'): HTMLSelectElement {
  return inFlow<HTMLSelectElement>(el, `#${kind}-select`);
}

function optionsOf(select: HTMLSelectElement): string[] {
  return [...select.options].map((o) => o.textContent!.trim());
}

function links(el: BalcaoVirtual): string[] {
  return [...flowOf(el).shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
}

function focusedId(): string {
  return deepActiveElement()?.id ?? '';
}

/** The polite live region's texts from now on. */
function recordAnnouncements(el: BalcaoVirtual): string[] {
  const said: string[] = [];
  const region = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
  new MutationObserver(() => {
    const text = announcementOf(el);
    if (text && text !== said.at(-1)) said.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

async function toBefore(attrs: { width?: string } = {}): Promise<BalcaoVirtual> {
  const { el } = await mountUnit(UNIT, attrs);
  await toBeforeLine(el);
  return el;
}

describe('<balcao-virtual> device check before joining', () => {
  beforeEach(useFakeSockets);

  it('asks for nothing on load; the test shows a mirrored, muted preview that plays, a meter that moves, and the devices', async () => {
    const media = useMedia();
    const el = await toBefore();
    expect(media.asked, 'no permission asked before the click').to.deep.equal([]);
    expect(textOf(el)).to.contain('Ao entrar, o navegador vai pedir para usar a câmera e o microfone.');
    expect(textOf(el)).to.contain('Recomendado: teste antes de entrar na fila.');
    expect(hasButton(el, 'Entrar na fila'), 'joining does not wait for the test').to.equal(true);
    await expectAccessible(el);

    await testDevices(el);
    expect(statusText(el)).to.equal('Câmera e microfone ligados. Confira sua imagem e fale algo.');
    expect(focusedId(), `focus on the result, not ${focusDescription()}`).to.equal('device-status');
    expect(media.asked).to.have.length(1);
    expect(Boolean(media.asked[0]!.audio) && Boolean(media.asked[0]!.video), 'camera and microphone asked together').to.equal(true);

    await untilPlaying(el);
    const video = preview(el);
    expect(video.muted, 'the preview is muted (no echo)').to.equal(true);
    expect(getComputedStyle(video).transform, 'mirrored').to.match(/^matrix\(-1, 0, 0, 1, 0, 0\)$/);
    expect((video.srcObject as MediaStream).getVideoTracks()[0]?.readyState).to.equal('live');
    expect(textOf(el)).to.contain('A câmera desliga enquanto você espera na fila; ela liga de novo quando você entrar na chamada.');

    // The meter: named, with words next to it, and it moves (the fake microphone beeps).
    const meter = inFlow<HTMLMeterElement>(el, '#mic-level');
    expect(meter.labels[0]?.textContent?.trim()).to.equal('Volume do microfone');
    expect(textOf(el)).to.match(/Fale algo: a barra deve se mexer\.|Ouvimos você: o microfone está funcionando\./);
    await until(el, () => meter.value > 0, 'the meter moving');

    // The devices, by their names (permission given), with real labels.
    const cameras = selectOf(el, 'camera');
    const microphones = selectOf(el, 'microphone');
    expect(cameras.labels[0]?.textContent?.trim()).to.equal('Câmera');
    expect(microphones.labels[0]?.textContent?.trim()).to.equal('Microfone');
    expect(optionsOf(cameras)).to.deep.equal(['fake_device_0']);
    expect(optionsOf(microphones)).to.deep.equal(['Fake Default Audio Input', 'Fake Audio Input 1', 'Fake Audio Input 2']);
    expect(microphones.selectedOptions[0]?.textContent?.trim(), 'the one in use').to.equal('Fake Default Audio Input');
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
    await expectAccessible(el);
  });

  it('says in words when the microphone hears something, in the live region too', async () => {
    useMedia();
    const el = await toBefore();
    const said = recordAnnouncements(el);
    await testDevices(el);
    await until(el, () => textOf(el).includes('Ouvimos você: o microfone está funcionando.'), 'the words under the meter');
    expect(said).to.include('Ouvimos você: o microfone está funcionando.');
  });

  it('"Usar só áudio" turns the camera off at once and keeps the microphone; unchecked, the camera comes back', async () => {
    const media = useMedia();
    const el = await toBefore();
    const said = recordAnnouncements(el);
    await testDevices(el);
    await untilPlaying(el);
    const [video] = live(media.tracks, 'video');
    const [audio] = live(media.tracks, 'audio');

    switchOf(el).click();
    await flowOf(el).updateComplete;
    expect(video?.readyState, 'the camera track ended').to.equal('ended');
    expect(audio?.readyState, 'the microphone goes on').to.equal('live');
    expect(hasInFlow(el, '.preview video'), 'no preview').to.equal(false);
    expect(hasInFlow(el, '#camera-select'), 'no camera to choose').to.equal(false);
    expect(hasInFlow(el, '#mic-level')).to.equal(true);
    expect(statusText(el)).to.equal('Microfone ligado. Fale algo para conferir.');
    expect(flowOf(el).media).to.deep.equal({ audioOnly: true });
    await until(el, () => said.includes('A câmera foi desligada. Você vai entrar só com áudio.'), 'the camera said off');
    expect(media.asked, 'nothing asked again').to.have.length(1);

    switchOf(el).click();
    await untilPlaying(el);
    expect(live(media.tracks, 'video').length).to.equal(1);
    expect(live(media.tracks, 'audio').length, 'one microphone on, not two').to.equal(1);
    expect(flowOf(el).media).to.deep.equal({ audioOnly: false });
    await until(el, () => said.includes('A câmera foi ligada.'), 'the camera said back on');
  });

  it('the camera and microphone go off on "Entrar na fila", and nothing runs during the wait', async () => {
    let release: () => void = () => undefined;
    stubFetch((url, init) =>
      new URL(url).pathname.endsWith('/queue') ? new Promise((resolve) => (release = () => resolve(network(url, init)))) : network(url, init),
    );
    const media = useMedia();
    const el = await toBefore();
    await testDevices(el);
    await untilPlaying(el);
    expect(live(media.tracks).length).to.equal(2);
    clickButton(el, 'Entrar na fila');
    await until(el, () => hasButton(el, 'Entrando na fila…'), 'the join on its way');
    expect(describeTracks(media.tracks), 'off at the click, not when the answer comes').to.equal('audio:ended, video:ended');
    expect(hasInFlow(el, 'video')).to.equal(false);
    release();
    await untilHeading(el, 'Você está na fila');
    lastSocket().accept();
    expect(describeTracks(media.tracks)).to.equal('audio:ended, video:ended');
    expect(media.asked.length, 'nothing opened during the wait').to.equal(1);
    expect(flowOf(el).media, 'the choice stays for the call').to.deep.equal({ audioOnly: false });
  });

  it('the camera and microphone go off on "Voltar", and when the element is removed', async () => {
    const media = useMedia();
    const el = await toBefore();
    await testDevices(el);
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Você é advogado(a)?');
    expect(describeTracks(media.tracks)).to.equal('audio:ended, video:ended');

    // Back again: the check starts over, off.
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');
    expect(hasButton(el, 'Testar câmera e microfone')).to.equal(true);
    await testDevices(el);
    expect(live(media.tracks).length).to.equal(2);
    removeContainers();
    expect(describeTracks(media.tracks)).to.equal('audio:ended, video:ended, audio:ended, video:ended');
  });

  it('a permission answered after leaving the screen is turned off at once', async () => {
    const media = useSlowMedia();
    const el = await toBefore();
    clickButton(el, 'Testar câmera e microfone');
    await until(el, () => hasButton(el, 'Ligando…'), 'the test waiting for permission');
    expect(inFlow(el, '#device-test').getAttribute('aria-disabled')).to.equal('true');
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Você é advogado(a)?');
    media.answer();
    await until(el, () => media.tracks.length === 2, 'the late answer');
    await until(el, () => live(media.tracks).length === 0, 'the late tracks stopped');
  });

  it('"Usar só áudio" while the permission is pending: the camera asked for goes off as soon as it comes', async () => {
    const media = useSlowMedia();
    const el = await toBefore();
    clickButton(el, 'Testar câmera e microfone');
    await until(el, () => hasButton(el, 'Ligando…'), 'the test waiting for permission');
    switchOf(el).click();
    await until(el, () => media.asked.length === 2, 'the microphone asked again, alone');
    expect(media.asked.map((c) => Boolean(c.video))).to.deep.equal([true, false]);
    media.answer();
    await until(el, () => hasInFlow(el, '#device-status') && statusText(el) === 'Microfone ligado. Fale algo para conferir.', 'the microphone alone');
    await until(el, () => media.tracks.length === 3, 'both answers');
    expect(live(media.tracks).map((t) => t.kind)).to.deep.equal(['audio']);
    expect(hasInFlow(el, 'video')).to.equal(false);
  });

  it('"Encerrar o teste" turns everything off and gives the focus back to the button', async () => {
    const media = useMedia();
    const el = await toBefore();
    const said = recordAnnouncements(el);
    await testDevices(el);
    clickButton(el, 'Encerrar o teste');
    await flowOf(el).updateComplete;
    expect(describeTracks(media.tracks)).to.equal('audio:ended, video:ended');
    expect(focusedId(), `focus on the button, not ${focusDescription()}`).to.equal('device-test');
    await until(el, () => said.includes('Teste encerrado: a câmera e o microfone foram desligados.'), 'the end of the test said');
  });

  it('another microphone is used at once, and the choice (ids only) survives a reload', async () => {
    const media = useMedia();
    let el = await toBefore();
    await testDevices(el);
    const select = selectOf(el, 'microphone');
    const chosen = [...select.options].find((o) => o.textContent!.trim() === 'Fake Audio Input 1')!.value;
    select.value = chosen;
    select.dispatchEvent(new Event('change'));
    await until(el, () => live(media.tracks, 'audio')[0]?.getSettings().deviceId === chosen, 'the chosen microphone on');
    await untilPlaying(el);
    expect(live(media.tracks).length, 'the old ones off').to.equal(2);
    expect(focusedId() === 'device-status' || focusedId() === 'microphone-select', `focus kept, not moved to ${focusDescription()}`).to.equal(true);
    expect(selectOf(el, 'microphone').value).to.equal(chosen);
    expect(flowOf(el).media).to.deep.equal({ audioOnly: false, microphoneId: chosen });
    const stored = sessionStorage.getItem(MEDIA_KEY)!;
    expect(JSON.parse(stored)).to.deep.equal({ audioOnly: false, microphoneId: chosen });
    expect(stored, 'no device names kept').not.to.match(/Fake|fake_device/);

    // A reload: a new element, the same tab.
    removeContainers();
    el = (await mountUnit(UNIT)).el;
    await openFlow(el);
    expect(flowOf(el).media, 'known before the check is shown').to.deep.equal({ audioOnly: false, microphoneId: chosen });
    choose(el, 'Outro assunto');
    await next(el);
    await untilHeading(el, 'Você é advogado(a)?');
    choose(el, 'Não');
    await next(el);
    await untilHeading(el, 'Antes de entrar na fila');
    await testDevices(el);
    expect(selectOf(el, 'microphone').value).to.equal(chosen);
    expect(live(media.tracks, 'audio')[0]?.getSettings().deviceId).to.equal(chosen);
  });

  it('a chosen device that is gone gives way to the default one', async () => {
    sessionStorage.setItem(MEDIA_KEY, JSON.stringify({ audioOnly: false, cameraId: 'unplugged-camera', microphoneId: 'unplugged-microphone' }));
    const media = useMedia();
    const el = await toBefore();
    await testDevices(el);
    expect(statusText(el)).to.equal('Câmera e microfone ligados. Confira sua imagem e fale algo.');
    expect(media.asked).to.have.length(2);
    await untilPlaying(el);
    expect(selectOf(el, 'camera').selectedOptions[0]?.textContent?.trim()).to.equal('fake_device_0');
  });
});

describe('<balcao-virtual> device check problems', () => {
  beforeEach(useFakeSockets);

  it('camera blocked: how to allow it, the microphone still works, joining still possible', async () => {
    const media = useMedia(refuseCamera('NotAllowedError'));
    const el = await toBefore();
    await testDevices(el);
    expect(statusText(el)).to.equal('O navegador bloqueou a câmera.');
    expect(focusedId(), `focus on the problem, not ${focusDescription()}`).to.equal('device-status');
    const steps = [...inFlow(el, '#allow-steps').querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(steps).to.deep.equal([
      'Toque ou clique no cadeado ao lado do endereço da página.',
      'Abra "Permissões" (ou "Configurações do site").',
      'Em "Câmera" e "Microfone", escolha "Permitir".',
      'Volte aqui e toque em "Testar de novo".',
    ]);
    expect(textOf(el)).to.contain('Se preferir, entre na fila só com o microfone');
    expect(hasInFlow(el, '.preview video')).to.equal(false);
    expect(hasInFlow(el, '#mic-level'), 'the microphone works').to.equal(true);
    expect(live(media.tracks, 'audio').length).to.equal(1);
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
    await expectAccessible(el);

    // Allowed in the browser's settings: "Testar de novo" shows the camera.
    const allowed = useMedia();
    clickButton(el, 'Testar de novo');
    await until(el, () => hasInFlow(el, '#device-status') && statusText(el).startsWith('Câmera e microfone ligados'), 'the camera allowed');
    await untilPlaying(el);
    expect(focusedId()).to.equal('device-status');
    expect(live(media.tracks).length, "the first test's microphone off").to.equal(0);
    expect(live(allowed.tracks).length).to.equal(2);
    for (const track of media.tracks) track.stop();
  });

  it('camera and microphone blocked: how to allow them, what joining still gives, and the contacts', async () => {
    useMedia(() => 'NotAllowedError');
    const el = await toBefore();
    await testDevices(el);
    expect(statusText(el)).to.equal('O navegador bloqueou a câmera e o microfone.');
    expect(hasInFlow(el, '#allow-steps')).to.equal(true);
    expect(textOf(el)).to.contain('Você ainda pode entrar na fila: vai ver e ouvir a pessoa que atender e pode escrever para ela pelo chat da chamada, mas ela não vai ver nem ouvir você.');
    expect(links(el)).to.deep.equal(CONTACT_LINKS);
    expect(hasInFlow(el, '#mic-level') || hasInFlow(el, 'video')).to.equal(false);
    expect(hasButton(el, 'Testar de novo')).to.equal(true);
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
    await expectAccessible(el);
  });

  it('no camera: audio only, said plainly, nothing to switch', async () => {
    const media = useMedia(refuseCamera('NotFoundError'));
    const el = await toBefore();
    await testDevices(el);
    expect(statusText(el)).to.equal('Não encontramos uma câmera neste aparelho. Você vai entrar só com áudio: a pessoa que atender vai ouvir você, mas não vai ver.');
    expect(hasInFlow(el, '#audio-only'), 'no "só áudio" switch without a camera').to.equal(false);
    expect(hasButton(el, 'Testar de novo')).to.equal(false);
    expect(live(media.tracks, 'audio').length).to.equal(1);
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
    await expectAccessible(el);
  });

  it('camera busy: close the other program or use audio only; "Usar só áudio" settles it', async () => {
    useMedia(refuseCamera('NotReadableError'));
    const el = await toBefore();
    await testDevices(el);
    expect(statusText(el)).to.equal('A câmera está sendo usada por outro programa (outra chamada de vídeo, por exemplo).');
    expect(textOf(el)).to.contain('Feche esse programa e toque em "Testar de novo", ou marque "Usar só áudio".');
    await expectAccessible(el);
    switchOf(el).click();
    await flowOf(el).updateComplete;
    expect(statusText(el)).to.equal('Microfone ligado. Fale algo para conferir.');
    expect(flowOf(el).media).to.deep.equal({ audioOnly: true });
  });

  it('no microphone: the clerk will not hear, with the chat and the contacts', async () => {
    const media = useMedia(refuseMicrophone('NotFoundError'));
    const el = await toBefore();
    await testDevices(el);
    expect(statusText(el)).to.equal('Não encontramos um microfone neste aparelho. Sem ele, a pessoa que atender não vai ouvir você.');
    expect(textOf(el)).to.contain('Conecte um fone com microfone e toque em "Testar de novo".');
    expect(textOf(el)).to.contain('pelo chat da chamada');
    expect(links(el)).to.deep.equal(CONTACT_LINKS);
    await untilPlaying(el);
    expect(live(media.tracks).map((t) => t.kind), 'the camera alone').to.deep.equal(['video']);
    expect(hasInFlow(el, '#mic-level')).to.equal(false);
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
    await expectAccessible(el);
  });

  it('a browser that cannot make calls: no way into the line, what to use instead and the contacts', async () => {
    setMediaEnvironment({ peerConnection: false });
    const el = await toBefore();
    expect(textOf(el)).to.contain('Este navegador não consegue fazer chamadas de vídeo.');
    expect(textOf(el)).to.contain('abra esta página na versão mais recente do Chrome, Firefox, Edge ou Safari');
    expect(links(el)).to.deep.equal(CONTACT_LINKS);
    expect(hasButton(el, 'Entrar na fila'), 'no joining: the call would fail').to.equal(false);
    expect(hasButton(el, 'Testar câmera e microfone')).to.equal(false);
    expect(focusOnHeading(el)).to.equal(true);
    await expectAccessible(el);
    clickButton(el, 'Voltar');
    await untilHeading(el, 'Você é advogado(a)?');
  });

  it('a page without HTTPS (no getUserMedia): says so, with the contacts', async () => {
    setMediaEnvironment({ getUserMedia: undefined, secure: false });
    const el = await toBefore();
    expect(textOf(el)).to.contain('Este navegador não consegue fazer chamadas de vídeo.');
    expect(textOf(el)).to.contain('Esta página não usa um endereço seguro (https)');
    expect(links(el)).to.deep.equal(CONTACT_LINKS);
    expect(hasButton(el, 'Entrar na fila')).to.equal(false);
  });

  it("an app's built-in browser: a warning with the way out; joining still possible", async () => {
    useMedia(undefined, { userAgent: UA.instagramAndroid });
    const el = await toBefore();
    expect(textOf(el)).to.contain('Esta página está aberta dentro do Instagram. Nele, a câmera e o microfone podem não funcionar.');
    expect(textOf(el)).to.contain('toque em ⋮ ou ··· e escolha "Abrir no navegador".');
    expect(hasButton(el, 'Entrar na fila')).to.equal(true);
    expect(hasButton(el, 'Testar câmera e microfone')).to.equal(true);
    await expectAccessible(el);
  });

  it('an unnamed Android app: the same warning without a name', async () => {
    setMediaEnvironment({ userAgent: UA.webView });
    const el = await toBefore();
    expect(textOf(el)).to.contain('Esta página está aberta dentro de um aplicativo. Nele, a câmera e o microfone podem não funcionar.');
  });
});

describe('<balcao-virtual> device check on a weak connection', () => {
  beforeEach(useFakeSockets);

  it('2G: "Usar só áudio" comes checked, saying why; the test asks for the microphone only', async () => {
    const media = useMedia(undefined, { connection: { effectiveType: '2g' } });
    const el = await toBefore();
    expect(switchOf(el).checked).to.equal(true);
    expect(switchOf(el).getAttribute('aria-describedby')).to.equal('audio-only-hint audio-only-why');
    expect(textOf(el)).to.contain('Sua conexão parece lenta, por isso "Usar só áudio" já vem marcado');
    expect(flowOf(el).media).to.deep.equal({ audioOnly: true });
    await expectAccessible(el);

    await testDevices(el, 'Testar o microfone');
    expect(media.asked.map((c) => Boolean(c.video))).to.deep.equal([false]);
    expect(hasInFlow(el, 'video')).to.equal(false);
    expect(live(media.tracks).map((t) => t.kind)).to.deep.equal(['audio']);

    // The person's choice wins, and the reason goes.
    switchOf(el).click();
    await untilPlaying(el);
    expect(textOf(el)).not.to.contain('Sua conexão parece lenta');
    expect(flowOf(el).media).to.deep.equal({ audioOnly: false });
  });

  it('data saving on: the same, said differently; a fast connection: nothing checked', async () => {
    setMediaEnvironment({ connection: { effectiveType: '4g', saveData: true } });
    let el = await toBefore();
    expect(switchOf(el).checked).to.equal(true);
    expect(textOf(el)).to.contain('A economia de dados está ligada neste aparelho');
    removeContainers();
    sessionStorage.removeItem(MEDIA_KEY);

    setMediaEnvironment({ connection: { effectiveType: '4g', saveData: false } });
    el = await toBefore();
    expect(switchOf(el).checked).to.equal(false);
    expect(textOf(el)).not.to.match(/conexão parece lenta|economia de dados/);
  });

  it('a choice kept from before a reload is not overridden', async () => {
    sessionStorage.setItem(MEDIA_KEY, JSON.stringify({ audioOnly: false }));
    setMediaEnvironment({ connection: { effectiveType: 'slow-2g' } });
    const el = await toBefore();
    expect(switchOf(el).checked).to.equal(false);
    expect(textOf(el)).not.to.contain('Sua conexão parece lenta');
  });

  it('weakConnection() reads the hints', () => {
    expect(weakConnection(undefined)).to.equal(undefined);
    expect(weakConnection({ effectiveType: 'slow-2g' })).to.equal('slow');
    expect(weakConnection({ effectiveType: '2g', saveData: true })).to.equal('slow');
    expect(weakConnection({ effectiveType: '3g' })).to.equal(undefined);
    expect(weakConnection({ effectiveType: '4g', saveData: true })).to.equal('save-data');
  });
});

describe('<balcao-virtual> device check by keyboard and on a narrow screen', () => {
  beforeEach(useFakeSockets);

  it('works with the keyboard alone: test, choose, audio only, join', async () => {
    const media = useMedia();
    const el = await toBefore();
    expect(focusOnHeading(el)).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focusedId()).to.equal('device-test');
    await sendKeys({ press: 'Enter' });
    await until(el, () => focusedId() === 'device-status', 'the focus on the result');
    const stops: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      stops.push(focusedId());
    }
    expect(stops).to.deep.equal(['camera-select', 'microphone-select', 'device-stop', 'audio-only']);
    await sendKeys({ press: 'Space' });
    await flowOf(el).updateComplete;
    expect(switchOf(el).checked).to.equal(true);
    expect(live(media.tracks).map((t) => t.kind)).to.deep.equal(['audio']);
    await sendKeys({ press: 'Tab' });
    expect(focusedId()).to.equal('join');
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, 'Você está na fila');
    expect(describeTracks(media.tracks)).to.equal('audio:ended, video:ended');
    expect(flowOf(el).media).to.deep.equal({ audioOnly: true });
  });

  const cases: [string, Refusal | undefined][] = [
    ['working', undefined],
    ['blocked', () => 'NotAllowedError'],
  ];
  for (const [what, refuse] of cases) {
    it(`fits 360 px with 44 px targets, devices ${what}`, async () => {
      // An app's warning too: the longest the check gets.
      useMedia(refuse, { userAgent: UA.facebookIos });
      const el = await toBefore({ width: '360px' });
      await testDevices(el);
      if (!refuse) await untilPlaying(el);
      const card = el.shadowRoot!.querySelector<HTMLElement>('.card')!;
      expect(card.scrollWidth, 'the card does not overflow').to.be.at.most(card.clientWidth);
      const cardBox = card.getBoundingClientRect();
      for (const node of flowOf(el).shadowRoot!.querySelectorAll<HTMLElement>('p, li, button, select, video, meter, .choice, .notice')) {
        const box = node.getBoundingClientRect();
        expect(box.right, `${node.localName}#${node.id} inside the card`).to.be.at.most(cardBox.right + 0.5);
      }
      for (const target of flowOf(el).shadowRoot!.querySelectorAll<HTMLElement>('button, select, .choice')) {
        expect(target.getBoundingClientRect().height, `${target.localName}#${target.id} at least 44 px tall`).to.be.at.least(44);
      }
      await expectAccessible(el);
    });
  }
});

describe('openCallMedia', () => {
  /** A getUserMedia that answers each request as `answer` says, logging them. */
  function scripted(answer: (c: MediaStreamConstraints, i: number) => string | 'ok'): { gum: GetUserMedia; asked: MediaStreamConstraints[] } {
    const asked: MediaStreamConstraints[] = [];
    const gum: GetUserMedia = async (constraints) => {
      const i = asked.push(constraints) - 1;
      const result = answer(constraints, i);
      if (result !== 'ok') throw new DOMException('refused by the test', result);
      const stream = await realGetUserMedia(constraints);
      log.tracks.push(...stream.getTracks());
      return stream;
    };
    return { gum, asked };
  }

  const kinds = (stream: MediaStream): string[] => stream.getTracks().map((t) => t.kind).sort();
  const stopAll = (stream: MediaStream): void => stream.getTracks().forEach((t) => t.stop());
  /** What came out, as plain values (a failing assertion must not try to print a MediaStream). */
  const outcome = (media: CallMedia): { audioOnly: boolean; problem: string | undefined; tracks: string[] } => ({
    audioOnly: media.audioOnly,
    problem: media.problem,
    tracks: kinds(media.stream),
  });

  it('opens the chosen devices, by id', async () => {
    // Ids (and labels) are only given once permission was: asked once first.
    stopAll(await realGetUserMedia({ audio: true }));
    const microphone = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.label === 'Fake Audio Input 2')!;
    const media = await openCallMedia({ audioOnly: false, microphoneId: microphone.deviceId });
    log.tracks.push(...media.stream.getTracks());
    expect(outcome(media)).to.deep.equal({ audioOnly: false, problem: undefined, tracks: ['audio', 'video'] });
    expect(media.stream.getAudioTracks()[0]?.getSettings().deviceId).to.equal(microphone.deviceId);
    stopAll(media.stream);
  });

  it('a chosen device that is gone (OverconstrainedError, real): the default one', async () => {
    const media = await openCallMedia({ audioOnly: false, cameraId: 'gone-camera', microphoneId: 'gone-microphone' });
    log.tracks.push(...media.stream.getTracks());
    expect(outcome(media)).to.deep.equal({ audioOnly: false, problem: undefined, tracks: ['audio', 'video'] });
    stopAll(media.stream);
  });

  it('a chosen device that is gone (NotFoundError): asked again without ids', async () => {
    const { gum, asked } = scripted((_c, i) => (i === 0 ? 'NotFoundError' : 'ok'));
    const media = await openCallMedia({ audioOnly: false, cameraId: 'gone-camera' }, gum);
    expect(outcome(media)).to.deep.equal({ audioOnly: false, problem: undefined, tracks: ['audio', 'video'] });
    expect(JSON.stringify(asked[0]!.video)).to.contain('gone-camera');
    expect(JSON.stringify(asked[1]!.video)).not.to.contain('gone-camera');
    stopAll(media.stream);
  });

  it('without ids chosen, a missing device is not asked twice', async () => {
    const { gum, asked } = scripted((c) => (c.video ? 'NotFoundError' : 'ok'));
    const media = await openCallMedia({ audioOnly: false }, gum);
    expect(outcome(media)).to.deep.equal({ audioOnly: true, problem: 'no-camera', tracks: ['audio'] });
    expect(asked.map((c) => [Boolean(c.audio), Boolean(c.video)])).to.deep.equal([
      [true, true],
      [true, false],
    ]);
    stopAll(media.stream);
  });

  for (const [name, problem] of [
    ['NotAllowedError', 'camera-denied'],
    ['SecurityError', 'camera-denied'],
    ['NotFoundError', 'no-camera'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'busy'],
    ['TypeError', 'camera-failed'],
  ] as const) {
    it(`camera refused (${name}): audio only, "${problem}"`, async () => {
      const { gum } = scripted((c) => (c.video ? name : 'ok'));
      const media = await openCallMedia({ audioOnly: false }, gum);
      expect(outcome(media)).to.deep.equal({ audioOnly: true, problem, tracks: ['audio'] });
      stopAll(media.stream);
    });
  }

  for (const [name, problem] of [
    ['NotAllowedError', 'microphone-denied'],
    ['NotFoundError', 'no-microphone'],
    ['NotReadableError', 'microphone-busy'],
  ] as const) {
    it(`microphone refused (${name}): the camera alone, "${problem}"`, async () => {
      const { gum } = scripted((c) => (c.audio ? name : 'ok'));
      const media = await openCallMedia({ audioOnly: false }, gum);
      expect(outcome(media)).to.deep.equal({ audioOnly: false, problem, tracks: ['video'] });
      stopAll(media.stream);
    });
  }

  for (const [names, problem] of [
    [['NotAllowedError', 'NotAllowedError'], 'all-denied'],
    [['NotFoundError', 'NotFoundError'], 'no-devices'],
    [['NotReadableError', 'NotReadableError'], 'all-busy'],
    [['NotAllowedError', 'NotFoundError'], 'microphone-denied'],
  ] as const) {
    it(`nothing opens (microphone ${names[0]}, camera ${names[1]}): an empty stream, "${problem}"`, async () => {
      const { gum } = scripted((c) => (c.audio ? names[0] : names[1]));
      const media = await openCallMedia({ audioOnly: false }, gum);
      expect(outcome(media)).to.deep.equal({ audioOnly: true, problem, tracks: [] });
    });
  }

  it('audio only: the camera is not even asked; a refused microphone gives an empty stream', async () => {
    const ok = scripted(() => 'ok');
    const media = await openCallMedia({ audioOnly: true }, ok.gum);
    expect(ok.asked.map((c) => Boolean(c.video))).to.deep.equal([false]);
    expect(outcome(media)).to.deep.equal({ audioOnly: true, problem: undefined, tracks: ['audio'] });
    stopAll(media.stream);

    const refused = scripted(() => 'NotAllowedError');
    const none = await openCallMedia({ audioOnly: true }, refused.gum);
    expect(refused.asked).to.have.length(1);
    expect(outcome(none)).to.deep.equal({ audioOnly: true, problem: 'microphone-denied', tracks: [] });
  });

  it('no getUserMedia at all (an old browser, a page without HTTPS): an empty stream, "unsupported"', async () => {
    setMediaEnvironment({ getUserMedia: undefined });
    const media = await openCallMedia({ audioOnly: false });
    expect(outcome(media)).to.deep.equal({ audioOnly: true, problem: 'unsupported', tracks: [] });
  });

  it('the choice kept in the tab is read back field by field', async () => {
    const { pickMediaChoice } = await import('../../src/ui/media-choice.js');
    const choice: MediaChoice = { audioOnly: true, cameraId: 'c', microphoneId: 'm' };
    expect(pickMediaChoice({ ...choice, label: 'Câmera do João' })).to.deep.equal(choice);
    expect(pickMediaChoice({ audioOnly: 'yes' })).to.equal(undefined);
    expect(pickMediaChoice({ audioOnly: false, cameraId: 42 })).to.equal(undefined);
    expect(pickMediaChoice({ audioOnly: false, cameraId: 'x'.repeat(257) })).to.equal(undefined);
    expect(pickMediaChoice(null)).to.equal(undefined);
  });
});

// Real user agents (2023–2024).
const UA = {
  instagramIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone15,3; iOS 17_1; pt_BR; pt-BR; scale=3.00; 1290x2796; 531196012)',
  instagramAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-A515F Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android (33/13; 420dpi; 1080x2186; samsung; SM-A515F; a51; exynos9611; pt_BR; 541635890)',
  facebookIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone13,2;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBID/phone;FBLC/pt_BR;FBOP/5;FBRV/0]',
  facebookAndroid:
    'Mozilla/5.0 (Linux; Android 12; moto g(60) Build/S2RIS32.32-20-9-11; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/431.0.0.31.111;]',
  messengerIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 15_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/365.0.0.30.107;FBBV/371631620;FBDV/iPhone12,1;FBMD/iPhone;FBSN/iOS;FBSV/15.5;FBSS/2;FBCR/;FBID/phone;FBLC/pt_BR;FBOP/5]',
  messengerAndroid:
    'Mozilla/5.0 (Linux; Android 11; SM-G973F Build/RP1A.200720.012; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/103.0.5060.71 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/370.0.0.13.109;]',
  whatsappAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36 WhatsApp/2.23.25.76',
  tiktokAndroid:
    'Mozilla/5.0 (Linux; Android 12; SM-A525M Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/108.0.5359.128 Mobile Safari/537.36 trill_2022903040 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/29.3.4 ByteLocale/pt-BR ByteFullLocale/pt-BR Region/BR',
  tiktokIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_30.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/pt Region/BR RevealType/Dialog isDarkMode/0 WKWebView/1',
  tiktokWebview:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BytedanceWebview/d8a21c6',
  linkedinIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.1612',
  linkedinAndroid:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/117.0.5938.60 Mobile Safari/537.36 [LinkedInApp]/4.1.881',
  telegramAndroid:
    'Mozilla/5.0 (Linux; Android 13; M2101K6G Build/TKQ1.221013.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Telegram-Android/10.3.2 (Xiaomi M2101K6G; Android 13; SDK 33; AVERAGE)',
  lineIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.1.0',
  lineAndroid:
    'Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 Line/13.4.1/IAB',
  snapchatIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/12.13.0.35 (like Safari/8614.2.9.0.10, panda)',
  webView:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A.230803.041; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36',
  // Browsers.
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0',
  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  chromeIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  firefoxIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
} as const;

describe('inAppBrowser', () => {
  const apps: [keyof typeof UA, string | undefined][] = [
    ['instagramIos', 'Instagram'],
    ['instagramAndroid', 'Instagram'],
    ['facebookIos', 'Facebook'],
    ['facebookAndroid', 'Facebook'],
    ['messengerIos', 'Messenger'],
    ['messengerAndroid', 'Messenger'],
    ['whatsappAndroid', 'WhatsApp'],
    ['tiktokAndroid', 'TikTok'],
    ['tiktokIos', 'TikTok'],
    ['tiktokWebview', 'TikTok'],
    ['linkedinIos', 'LinkedIn'],
    ['linkedinAndroid', 'LinkedIn'],
    ['telegramAndroid', 'Telegram'],
    ['lineIos', 'LINE'],
    ['lineAndroid', 'LINE'],
    ['snapchatIos', 'Snapchat'],
    ['webView', ANDROID_WEBVIEW],
    ['chromeAndroid', undefined],
    ['samsungInternet', undefined],
    ['firefoxAndroid', undefined],
    ['safariIos', undefined],
    ['chromeIos', undefined],
    ['firefoxIos', undefined],
    ['edgeWindows', undefined],
    ['chromeLinux', undefined],
    ['firefoxWindows', undefined],
    ['safariMac', undefined],
  ];
  for (const [name, app] of apps) {
    it(`${name}: ${app ?? 'a browser'}`, () => {
      expect(inAppBrowser(UA[name])).to.equal(app);
    });
  }

  it('this test browser is a browser', () => {
    expect(inAppBrowser(navigator.userAgent)).to.equal(undefined);
  });
});
