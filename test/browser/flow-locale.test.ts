// The flow speaks the element's language too: the triage, the identification's reasons and
// the line, in pt-BR (the source), English and Spanish. The language is page-wide, so the
// page goes back to Portuguese after each test.
import { expect } from '@open-wc/testing';
import { sourceLocale } from '../../src/generated/locale-codes.js';
import { CALL_VIEW_TAG, defineCallView } from '../../src/call-ui/call-view.js';
import { useLocale } from '../../src/ui/locale.js';
import { FakeCallSession, stopTestStreams } from './fake-call-session.js';
import { choose, fill, flowOf, headingOf, next, untilHeading, useFakeSockets } from './flow-helpers.js';
import { clickButton, expectAccessible, hasButton, mountUnit, removeContainers, textOf, until } from './helpers.js';

const TRIAGE = {
  'pt-BR': {
    enter: 'Entrar no Balcão Virtual',
    heading: 'Sobre o que é o atendimento?',
    options: ['Informação sobre um processo', 'Problema técnico no sistema PJe', 'Enviar uma petição ou documento', 'Outro assunto'],
    libras: 'Preciso de intérprete de Libras',
    next: 'Continuar',
  },
  en: {
    enter: 'Enter the Virtual Counter',
    heading: 'What do you need help with?',
    options: ['Information about a case', 'A technical problem with the PJe system', 'Filing a petition or document', 'Something else'],
    libras: 'I need a Libras (Brazilian Sign Language) interpreter',
    next: 'Continue',
  },
  es: {
    enter: 'Entrar al Mostrador Virtual',
    heading: '¿Sobre qué es la atención?',
    options: ['Información sobre un proceso', 'Un problema técnico con el sistema PJe', 'Presentar un escrito o documento', 'Otro asunto'],
    libras: 'Necesito intérprete de Libras (lengua de señas brasileña)',
    next: 'Continuar',
  },
} as const;

describe('<balcao-virtual> flow in each language', () => {
  beforeEach(useFakeSockets);
  afterEach(async () => {
    removeContainers();
    await useLocale(sourceLocale);
  });

  for (const [lang, words] of Object.entries(TRIAGE)) {
    it(`renders the triage in ${lang}`, async () => {
      const { el } = await mountUnit('plantao-contatos', { lang });
      await until(el, () => hasButton(el, words.enter), `"${words.enter}"`);
      clickButton(el, words.enter);
      await untilHeading(el, words.heading);
      for (const option of words.options) expect(textOf(el)).to.contain(option);
      expect(textOf(el)).to.contain(words.libras);
      expect(hasButton(el, words.next)).to.equal(true);
      await expectAccessible(el);
    });
  }

  it('explains a wrong CPF in English', async () => {
    const { el } = await mountUnit('plantao-contatos', { lang: 'en' });
    await until(el, () => hasButton(el, 'Enter the Virtual Counter'), 'the English status');
    clickButton(el, 'Enter the Virtual Counter');
    await untilHeading(el, 'What do you need help with?');
    choose(el, 'Information about a case');
    await next(el, 'Continue');
    await untilHeading(el, 'Is the case sealed?');
    choose(el, 'Yes');
    await next(el, 'Continue');
    await untilHeading(el, 'Your identification');
    fill(el, 'cpf', '529.982.247-26');
    await flowOf(el).updateComplete;
    expect(textOf(el)).to.contain("The CPF's check digits are wrong. Please check the number.");
    await expectAccessible(el);
  });

  it('shows the line in Spanish', async () => {
    const { el } = await mountUnit('plantao-contatos', { lang: 'es' });
    await until(el, () => hasButton(el, 'Entrar al Mostrador Virtual'), 'the Spanish status');
    clickButton(el, 'Entrar al Mostrador Virtual');
    await untilHeading(el, '¿Sobre qué es la atención?');
    choose(el, 'Otro asunto');
    await next(el);
    await untilHeading(el, '¿Es usted abogado(a)?');
    choose(el, 'No');
    await next(el);
    await untilHeading(el, 'Antes de entrar en la fila');
    clickButton(el, 'Entrar en la fila');
    await until(el, () => headingOf(el) === 'Está en la fila', 'the line');
    expect(textOf(el)).to.contain('Hay 2 personas delante de usted.');
    expect(textOf(el)).to.contain('espera estimada de 10 minutos');
    expect(hasButton(el, 'Salir de la fila')).to.equal(true);
    await expectAccessible(el);
  });

  it('checks the camera and microphone in English', async () => {
    const { el } = await mountUnit('plantao-contatos', { lang: 'en' });
    await until(el, () => hasButton(el, 'Enter the Virtual Counter'), 'the English status');
    clickButton(el, 'Enter the Virtual Counter');
    await untilHeading(el, 'What do you need help with?');
    choose(el, 'Something else');
    await next(el, 'Continue');
    await untilHeading(el, 'Are you a lawyer?');
    choose(el, 'No');
    await next(el, 'Continue');
    await untilHeading(el, 'Before you join the line');
    clickButton(el, 'Test camera and microphone');
    await until(el, () => textOf(el).includes('Camera and microphone on. Check your video and say something.'), 'the English preview');
    expect(hasButton(el, 'Join the line')).to.equal(true);
    await expectAccessible(el);
    clickButton(el, 'Back');
  });

  for (const [lang, words] of Object.entries({
    en: { state: 'Connecting the call…', end: 'End call', write: 'Write a message', send: 'Send' },
    es: { state: 'Conectando la llamada…', end: 'Terminar llamada', write: 'Escriba un mensaje', send: 'Enviar' },
  })) {
    it(`shows the call in ${lang}`, async () => {
      await useLocale(lang as 'en' | 'es');
      defineCallView();
      const session = new FakeCallSession();
      const view = document.createElement(CALL_VIEW_TAG);
      view.session = session;
      view.remoteLabel = 'Maria Souza';
      view.locale = lang;
      const wrapper = document.createElement('div');
      wrapper.style.width = '360px';
      wrapper.append(view);
      document.body.append(wrapper);
      try {
        await view.updateComplete;
        const text = (view.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
        expect(text).to.contain(words.state);
        expect(text).to.contain(words.end);
        expect(text).to.contain(words.write);
        const buttons = [...(view.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim());
        expect(buttons).to.include(words.send);
        expect(text, 'nothing left in Portuguese').not.to.match(/Conectando a chamada|Encerrar chamada|Escreva uma mensagem/);
      } finally {
        wrapper.remove();
        stopTestStreams();
      }
    });
  }
});
