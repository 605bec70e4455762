// The clerk's element speaks the page's language: pt-BR (the source), English and Spanish,
// for the line, the attendance and the outcomes. The language is page-wide, so the page goes
// back to Portuguese after each test.
import { expect } from '@open-wc/testing';
import { sourceLocale } from '../../src/generated/locale-codes.js';
import { useLocale } from '../../src/ui/locale.js';
import { useFakeSockets } from './flow-helpers.js';
import {
  attendanceHeading,
  callingEvent,
  clerkText,
  entry,
  expectClerkAccessible,
  lineEvent,
  removeClerks,
  signedIn,
  untilClerk,
} from './clerk-helpers.js';

const WORDS = {
  'pt-BR': {
    connected: 'Conectado · atendendo',
    pause: 'Pausar atendimento',
    callNext: 'Chamar próximo',
    headers: ['Senha', 'Esperando há', 'Assunto', 'Situação'],
    flags: ['Segredo de justiça', 'Advogado(a)', 'Intérprete de Libras', 'Ausente'],
    inCall: 'Em atendimento: A-001',
    outcomes: ['Atendido', 'Não compareceu', 'Encaminhado por e-mail', 'Encaminhado ao suporte PJe', 'A chamada caiu (devolver à fila)'],
  },
  en: {
    connected: 'Connected · serving',
    pause: 'Pause attendance',
    callNext: 'Call next',
    headers: ['Ticket', 'Waiting for', 'Subject', 'Status'],
    flags: ['Sealed case', 'Lawyer', 'Libras interpreter', 'Away'],
    inCall: 'In attendance: A-001',
    outcomes: ['Attended', 'Did not show up', 'Referred by e-mail', 'Referred to PJe support', 'The call dropped (back to the line)'],
  },
  es: {
    connected: 'Conectado · atendiendo',
    pause: 'Pausar la atención',
    callNext: 'Llamar al siguiente',
    headers: ['Turno', 'Esperando desde hace', 'Asunto', 'Situación'],
    flags: ['Proceso reservado', 'Abogado(a)', 'Intérprete de Libras', 'Ausente'],
    inCall: 'En atención: A-001',
    outcomes: ['Atendido', 'No se presentó', 'Derivado por correo electrónico', 'Derivado al soporte del PJe', 'Se cortó la llamada (devolver a la fila)'],
  },
} as const;

describe('<balcao-virtual-atendente> in each language', () => {
  beforeEach(useFakeSockets);
  afterEach(async () => {
    removeClerks();
    await useLocale(sourceLocale);
  });

  for (const [lang, words] of Object.entries(WORDS)) {
    it(`shows the line and an attendance in ${lang}`, async () => {
      const { el, socket } = await signedIn([entry('A-001', 2, { sealed: true }), entry('A-002', 1, { lawyer: true, libras: true }, true)], { lang });
      await untilClerk(el, () => clerkText(el).includes(words.connected), `the ${lang} text`);
      expect(clerkText(el)).to.contain(words.pause);
      expect(clerkText(el)).to.contain(words.callNext);
      const headers = [...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
      expect(headers).to.deep.equal(words.headers);
      for (const flag of words.flags) expect(clerkText(el)).to.contain(flag);
      expect(el.shadowRoot!.querySelector('.card')!.getAttribute('lang')).to.equal(lang);
      await expectClerkAccessible(el);

      socket.push(callingEvent('A-001', { sealed: true }));
      socket.push({ type: 'answered', code: 'A-001' });
      socket.push(lineEvent([]));
      await untilClerk(el, () => attendanceHeading(el) === words.inCall, `"${words.inCall}"`);
      const buttons = [...el.shadowRoot!.querySelectorAll('.end button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
      expect(buttons).to.deep.equal(words.outcomes);
      await expectClerkAccessible(el);
    });
  }
});
