// Steps of an attendance through the real elements, shared by the counter test
// (counter.test.ts) and its measurements (measure.ts).

import type { VideoSeen } from './page-scripts.js';
import type { CallView, CitizenPage, ClerkPage, Identity } from './pages.js';
import type { Counter } from './world.js';

/** Waits until `view`'s remote video plays: a size, `minFrames` more frames painted, its clock moving. */
export async function playing(counter: Counter, view: CallView, what: string, minFrames = 10, timeoutMs = 20_000): Promise<VideoSeen> {
  let first: VideoSeen | undefined;
  let last: VideoSeen | undefined;
  await counter.until(`${what}: a remote <video> in the call view`, async () => (first = await view.video()) !== undefined, timeoutMs);
  await counter.until(
    () => `${what}: the remote video playing (${minFrames} more frames painted, currentTime advancing); first ${JSON.stringify(first)}, last ${JSON.stringify(last)}`,
    async () => {
      last = await view.video();
      return Boolean(last && first && last.width > 0 && !last.paused && !last.hidden && last.frames >= first.frames + minFrames && last.currentTime > first.currentTime);
    },
    timeoutMs,
  );
  return last as VideoSeen;
}

export async function stateIs(counter: Counter, view: CallView, what: string, words: string, timeoutMs = 15_000): Promise<void> {
  let seen = '';
  await counter.until(() => `${what}: the call view says "${words}" (it says "${seen}")`, async () => (seen = await view.state()).includes(words), timeoutMs);
}

/**
 * The person goes through the questions, tests the devices (`deviceStatus`: the check's
 * verdict; `checked`: what else to look at on that screen) and joins the line.
 */
export async function joinLine(counter: Counter, citizen: CitizenPage, deviceStatus: string, identity?: Identity, checked?: () => Promise<void>): Promise<string> {
  await citizen.answerQuestions(identity);
  await citizen.testDevices();
  let status = '';
  await counter.until(() => `the device check says "${deviceStatus}" (it says "${status}")`, async () => (status = await citizen.deviceStatus()) === deviceStatus);
  await checked?.();
  await citizen.button('Entrar na fila').click();
  await counter.until('the citizen is in the line, next to be called', async () => (await citizen.heading('Você está na fila').isVisible()) && (await citizen.position()) === 'Você é a próxima pessoa a ser chamada.');
  return citizen.ticketCode();
}

/** The clerk calls the next person ("Chamar próximo") and the citizen is told ("Sua vez!"). */
export async function callNext(counter: Counter, clerk: ClerkPage, citizen: CitizenPage, code: string): Promise<void> {
  await counter.until('the clerk sees someone to call ("Chamar próximo" enabled)', () => clerk.canCallNext());
  await clerk.button('Chamar próximo').click();
  await counter.until(`the clerk is calling ${code}`, () => clerk.heading(`Chamando ${code}`).isVisible());
  await counter.until('the citizen sees "Sua vez!" with the button "Entrar"', async () => (await citizen.heading('Sua vez!').isVisible()) && (await citizen.button('Entrar').isVisible()));
}

/** "Entrar": the call connects and each side plays the other's video. */
export async function enterCall(counter: Counter, clerk: ClerkPage, citizen: CitizenPage, code: string, clerkSeesVideo = true): Promise<void> {
  await citizen.button('Entrar').click();
  await counter.until(`the clerk's attendance is in the call ("Em atendimento: ${code}")`, () => clerk.heading(`Em atendimento: ${code}`).isVisible());
  await Promise.all([stateIs(counter, citizen.call, 'citizen', 'Chamada conectada', 30_000), stateIs(counter, clerk.call, 'clerk', 'Chamada conectada', 30_000)]);
  await Promise.all([playing(counter, citizen.call, "the citizen sees the clerk's video"), clerkSeesVideo ? playing(counter, clerk.call, "the clerk sees the citizen's video") : undefined]);
}

/** The clerk hangs up in the call view ("Encerrar chamada", "Sim, encerrar") and marks "Atendido"; the citizen sees the end. */
export async function clerkEnds(counter: Counter, clerk: ClerkPage, citizen: CitizenPage, code: string): Promise<void> {
  await clerk.call.hangUp();
  await stateIs(counter, clerk.call, 'clerk', 'Chamada encerrada Você encerrou a chamada.');
  await stateIs(counter, citizen.call, 'citizen', 'Chamada encerrada A outra pessoa saiu da chamada.', 5_000);
  await counter.until("the citizen's flow says to wait for the unit", async () => (await citizen.flowNotes()).includes('A unidade encerrou a chamada. Aguarde um instante nesta página.'));
  await clerk.button('Atendido').click();
  await counter.until('the citizen sees "Atendimento encerrado"', async () => (await citizen.heading('Atendimento encerrado').isVisible()) && (await citizen.side.text()).includes('Obrigado por usar o Balcão Virtual.'));
  await counter.until(`the clerk sees "Atendimento ${code} encerrado: Atendido."`, async () => (await clerk.lastNotice()) === `Atendimento ${code} encerrado: Atendido.`);
}
