// The pages of the counter test, driven through the real elements: the court's page with
// <balcao-virtual> (the citizen) and the clerk's page with <balcao-virtual-atendente>, each
// in its own Chromium. Every page records what it sent and received
// (../harness/recorded-page.ts) and, through page-scripts.ts's init script, what it handed
// to WebRTC.
//
// The call view (<balcao-virtual-chamada>) is the same on both sides: `CallView` reads it.
// Locators pierce the open shadow roots (Playwright's CSS engine does), so
// `balcao-virtual-chamada video.remote-video` finds the video three shadow roots down.

import type { Locator } from 'playwright-core';
import type { CallBrowser } from '../harness/chromium.js';
import { RecordedPage, newTab } from '../harness/recorded-page.js';
import { connectionsSeen, readRtc, readVideo, visibleText, type ConnectionSeen, type RtcRecord, type VideoSeen } from './page-scripts.js';

/** A locator's text, spaces folded; '' while it is not on the page. */
async function textOf(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return '';
  return ((await locator.first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
}

/** A page with the product's elements (the court's, the clerk's), recorded, and readable as a person sees it. */
export class ProductPage extends RecordedPage {
  /** What `rtc()` said just before the page closed (a closed page can't be asked). */
  private rtcAtClose: RtcRecord | undefined;

  static async open(browser: CallBrowser, label: string, url: string, initScripts: readonly (() => void)[] = []): Promise<ProductPage> {
    const page = await newTab(browser, initScripts);
    const side = new ProductPage(label, page);
    await page.goto(url, { waitUntil: 'load' });
    return side;
  }

  /** What the page shows (shadow roots included), or why it can't be read. */
  async text(): Promise<string> {
    if (this.page.isClosed()) return '(page closed)';
    return this.page.evaluate(visibleText).catch((e: unknown) => `(unreadable: ${String(e)})`);
  }

  rtc(): Promise<RtcRecord> {
    return this.page.evaluate(readRtc);
  }

  connections(): Promise<ConnectionSeen[]> {
    return this.page.evaluate(connectionsSeen);
  }

  /** The video's state, or undefined while it is not on the page. */
  async video(video: Locator): Promise<VideoSeen | undefined> {
    if ((await video.count()) === 0) return undefined;
    return video.evaluate(readVideo, undefined, { timeout: 2_000 }).catch(() => undefined);
  }

  /** The RTC record, read now, or as it was when the page closed. */
  async rtcRecord(): Promise<RtcRecord> {
    return this.page.isClosed() ? (this.rtcAtClose ?? { connections: [] }) : this.rtc();
  }

  /** Closes the tab (page.close(): the page gets 'pagehide', as when a person closes it), keeping its RTC record. */
  override async close(): Promise<void> {
    if (this.page.isClosed()) return;
    this.rtcAtClose = await this.rtc().catch(() => undefined);
    await this.page.close();
  }
}

/** <balcao-virtual-chamada>, as either side sees it. */
export class CallView {
  readonly root: Locator;

  constructor(
    readonly side: ProductPage,
    host: Locator,
  ) {
    this.root = host.locator('balcao-virtual-chamada');
  }

  get remoteVideo(): Locator {
    return this.root.locator('video.remote-video');
  }

  /** The state line: "Chamada conectada", "Conexão instável. Tentando reconectar…", "Chamada encerrada", and why. */
  state(): Promise<string> {
    return textOf(this.root.locator('[part="call-state"]'));
  }

  /** The words where the other side's picture would be (its name, "Só áudio", "Câmera desligada"). */
  remotePlaceholder(): Promise<string> {
    return textOf(this.root.locator('[part="call-remote"] .placeholder'));
  }

  /** What this side's own small view says when it shows no picture ("Só áudio: sua câmera está desligada"). */
  selfNote(): Promise<string> {
    return textOf(this.root.locator('[part="call-self"] .self-off'));
  }

  /** The note shown while the signaling server is away ("A chamada continua. Reconectando ao Balcão Virtual…"). */
  signalingNote(): Promise<string> {
    return textOf(this.root.locator('#signaling-note'));
  }

  video(): Promise<VideoSeen | undefined> {
    return this.side.video(this.remoteVideo);
  }

  /** Writes a message in the call's chat and sends it. */
  async say(text: string): Promise<void> {
    await this.root.getByLabel('Escreva uma mensagem').fill(text);
    await this.root.getByRole('button', { name: 'Enviar', exact: true }).click();
  }

  /** The messages of the other side shown in the chat. */
  async heard(): Promise<string[]> {
    return (await this.root.locator('li.theirs .text').allTextContents()).map((t) => t.trim());
  }

  /** "Encerrar chamada", then "Sim, encerrar". */
  async hangUp(): Promise<void> {
    await this.root.getByRole('button', { name: 'Encerrar chamada' }).click();
    await this.root.getByRole('button', { name: 'Sim, encerrar' }).click();
  }
}

/** A person's sealed-case identification, as typed in the form. */
export interface Identity {
  readonly name: string;
  readonly cpf: string;
  readonly role: 'Parte no processo' | 'Outra pessoa';
  readonly caseNumber: string;
}

/** The court's page with <balcao-virtual>. */
export class CitizenPage {
  readonly widget: Locator;
  readonly call: CallView;

  constructor(readonly side: ProductPage) {
    this.widget = side.page.locator('balcao-virtual');
    this.call = new CallView(side, this.widget);
  }

  heading(name: string): Locator {
    return this.widget.getByRole('heading', { name, exact: true });
  }

  button(name: string): Locator {
    return this.widget.getByRole('button', { name, exact: true });
  }

  /** The flow's note next to the call ("A unidade encerrou a chamada…", "A câmera está bloqueada…"). */
  flowNotes(): Promise<string[]> {
    return this.widget.locator('balcao-virtual-fluxo').locator('p.notice').allTextContents();
  }

  /** "Entrar no Balcão Virtual", the triage, the sealed-case questions (and the identification), up to the screen before the line. */
  async answerQuestions(identity: Identity | undefined): Promise<void> {
    await this.button('Entrar no Balcão Virtual').click();
    await this.widget.getByRole('radio', { name: identity ? 'Informação sobre um processo' : 'Outro assunto' }).check();
    await this.button('Continuar').click();
    if (identity) {
      await this.heading('O processo tramita em segredo de justiça?').waitFor();
      await this.widget.getByRole('radio', { name: 'Sim', exact: true }).check();
      await this.button('Continuar').click();
      await this.heading('Sua identificação').waitFor();
      await this.widget.locator('#name').fill(identity.name);
      await this.widget.locator('#cpf').fill(identity.cpf);
      await this.widget.getByRole('radio', { name: identity.role }).check();
      await this.widget.locator('#caseNumber').fill(identity.caseNumber);
    } else {
      await this.heading('Você é advogado(a)?').waitFor();
      await this.widget.getByRole('radio', { name: 'Não', exact: true }).check();
    }
    await this.button('Continuar').click();
    await this.heading('Antes de entrar na fila').waitFor();
  }

  /** "Testar câmera e microfone" (its verdict: `deviceStatus()`). */
  async testDevices(): Promise<void> {
    await this.button('Testar câmera e microfone').click();
  }

  /** The device check's verdict ("Câmera e microfone ligados…", "O navegador bloqueou a câmera."). */
  deviceStatus(): Promise<string> {
    return textOf(this.widget.locator('#device-status'));
  }

  /** The number the person got ("A-001"). */
  ticketCode(): Promise<string> {
    return textOf(this.widget.locator('[part="ticket"]'));
  }

  /** "Você é a próxima pessoa a ser chamada.", "Há 2 pessoas na sua frente." */
  position(): Promise<string> {
    return textOf(this.widget.locator('p.position'));
  }
}

/** The clerk's page with <balcao-virtual-atendente>. */
export class ClerkPage {
  readonly element: Locator;
  readonly call: CallView;

  constructor(readonly side: ProductPage) {
    this.element = side.page.locator('balcao-virtual-atendente');
    this.call = new CallView(side, this.element);
  }

  button(name: string): Locator {
    return this.element.getByRole('button', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.element.getByRole('heading', { name, exact: true });
  }

  /** The header's state: "Conectado · atendendo", "Sem conexão. Tentando reconectar…". */
  connectionState(): Promise<string> {
    return textOf(this.element.locator('header p.state'));
  }

  /** Whether "Chamar próximo" can be pressed now (someone present in the line, no attendance in progress). */
  async canCallNext(): Promise<boolean> {
    const button = this.button('Chamar próximo');
    return (await button.count()) === 1 && (await button.getAttribute('aria-disabled')) === 'false';
  }

  /** The sealed-case identification panel's text ('' when absent). */
  identification(): Promise<string> {
    return textOf(this.element.locator('[part="identification"]'));
  }

  /** The notice of the last attendance ("Atendimento A-001 encerrado: Atendido."). */
  lastNotice(): Promise<string> {
    return textOf(this.element.locator('#last'));
  }
}
