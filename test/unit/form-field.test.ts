// The shared form-field engine (src/ui/form-field.ts), in Node with a host double: when a
// field is checked (as it is corrected, on the blur, after a click, on sending), what takes
// the focus, and that nothing typed is ever cleared by checking.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FormFields, PRESS_AT_MOST_MS, type FormRules } from '../../src/ui/form-field.js';
import { emptyDraft, IDENTIFICATION_RULES } from '../../src/widget/flow/identification.js';
import { emptyMessageDraft } from '../../src/widget/flow/outbox.js';
import { messageRules } from '../../src/widget/flow/write-rules.js';

interface Draft {
  name: string;
  code: string;
  kind: 'a' | 'b' | '';
  agreed: boolean;
}
type Field = keyof Draft;

const EMPTY: Draft = { name: '', code: '', kind: '', agreed: false };

/** Plain rules: a name with a space, a code of 3 digits, a kind chosen, the box ticked. */
const RULES: FormRules<Field, Draft> = {
  fields: ['name', 'code', 'kind', 'agreed'],
  choices: ['kind', 'agreed'],
  selector: (f) => (f === 'kind' ? 'input[name="kind"]' : `#${f}`),
  error: (field, d) => {
    switch (field) {
      case 'name':
        return d.name.trim() === '' ? 'empty name' : d.name.includes(' ') ? undefined : 'full name';
      case 'code':
        return d.code.trim() === '' ? 'empty code' : /^[0-9]{3}$/.test(d.code) ? undefined : `bad code ${d.code}`;
      case 'kind':
        return d.kind === '' ? 'choose' : undefined;
      case 'agreed':
        return d.agreed ? undefined : 'tick';
    }
  },
};

class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
}

// The window (where a press's release is heard) is an EventTarget here; time is faked.
let pointer: EventTarget;
beforeEach(() => {
  pointer = new EventTarget();
  vi.stubGlobal('window', pointer);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function setup(draft: Draft = EMPTY) {
  const host = new Host();
  const form = new FormFields(host, RULES, draft);
  /** What runs after the click that follows a release. */
  const runLater = (): void => {
    vi.advanceTimersByTime(1);
  };
  return { host, form, pointer, runLater };
}

/** A focusout whose target is the field `name` (its `data-field`). */
function blurOf(name: string): Event {
  return { target: { dataset: { field: name } } } as unknown as Event;
}

describe('FormFields: checking as the person goes', () => {
  it('registers with its host and starts with the draft given and no error', () => {
    const { host, form } = setup({ ...EMPTY, name: 'Ana' });
    expect(host.controllers).toEqual([form]);
    expect(form.draft).toEqual({ ...EMPTY, name: 'Ana' });
    expect(form.errors).toEqual({});
  });

  it('a right field waits for the blur: typing a wrong value shows nothing until it is left', () => {
    const { host, form } = setup();
    form.edit('code', '12');
    expect(form.draft.code).toBe('12');
    expect(form.errors).toEqual({});
    expect(host.updates).toBe(1);
    form.left('code');
    expect(form.errors).toEqual({ code: 'bad code 12' });
  });

  it('a field shown as wrong is checked again as it is corrected, at each change', () => {
    const { form } = setup();
    form.edit('code', '12');
    form.left('code');
    form.edit('code', '12x');
    expect(form.errors.code).toBe('bad code 12x');
    form.edit('code', '123');
    expect(form.errors).toEqual({});
    // Right again: back to waiting for the blur.
    form.edit('code', '1234');
    expect(form.errors).toEqual({});
  });

  it('does not scold an empty field on the way through, but rechecks one already shown as wrong', () => {
    const { form } = setup();
    form.left('name');
    form.edit('name', '   ');
    form.left('name');
    expect(form.errors).toEqual({});
    form.submit(() => {});
    expect(form.errors.name).toBe('empty name');
    form.edit('name', 'Ana');
    expect(form.errors.name).toBe('full name');
    form.edit('name', '');
    form.left('name');
    expect(form.errors.name).toBe('empty name');
  });

  it('choices are checked at each change, never on the blur', () => {
    const { form } = setup();
    form.left('kind');
    form.left('agreed');
    expect(form.errors).toEqual({});
    form.edit('agreed', false);
    expect(form.errors).toEqual({ agreed: 'tick' });
    form.edit('agreed', true);
    form.edit('kind', 'b');
    expect(form.errors).toEqual({});
    expect(form.draft).toEqual({ ...EMPTY, agreed: true, kind: 'b' });
  });

  it('asks for no update when a check changes nothing', () => {
    const { host, form } = setup();
    form.edit('code', '12');
    form.left('code');
    const before = host.updates;
    form.left('code');
    expect(host.updates).toBe(before);
  });

  it('the blur handler reads the field from the target, and ignores what is not a field', () => {
    const { form } = setup({ ...EMPTY, code: 'x' });
    form.checkOnBlur(blurOf('code'));
    expect(form.errors).toEqual({ code: 'bad code x' });
    form.checkOnBlur(blurOf('toString'));
    form.checkOnBlur({ target: null } as unknown as Event);
    form.checkOnBlur({ target: { dataset: {} } } as unknown as Event);
    expect(form.errors).toEqual({ code: 'bad code x' });
  });
});

describe('FormFields: a field left with a click', () => {
  it('is checked once the press is released and the click is over, not before', () => {
    const { form, pointer, runLater } = setup({ ...EMPTY, code: '12' });
    form.pointerDown();
    form.checkOnBlur(blurOf('code'));
    expect(form.errors, 'nothing moves under the pointer').toEqual({});
    runLater();
    expect(form.errors, 'still pressed').toEqual({});
    pointer.dispatchEvent(new Event('pointerup'));
    expect(form.errors, 'the click has not run yet').toEqual({});
    runLater();
    expect(form.errors).toEqual({ code: 'bad code 12' });
  });

  it('a cancelled press counts as a release; a second press while pressed changes nothing', () => {
    const { form, pointer, runLater } = setup({ ...EMPTY, name: 'Ana', code: '12' });
    form.pointerDown();
    form.pointerDown();
    form.left('name');
    form.left('code');
    pointer.dispatchEvent(new Event('pointercancel'));
    runLater();
    expect(form.errors).toEqual({ name: 'full name', code: 'bad code 12' });
    // Released: the listeners are gone, and a blur is checked at once again.
    pointer.dispatchEvent(new Event('pointerup'));
    runLater();
    form.edit('code', '1');
    form.left('code');
    expect(form.errors.code).toBe('bad code 1');
  });

  it('a release that never reaches the page (the window lost the focus, or a second went by) holds nothing back', () => {
    const { form, pointer, runLater } = setup({ ...EMPTY, code: '12' });
    form.pointerDown();
    form.left('code');
    pointer.dispatchEvent(new Event('blur'));
    runLater();
    expect(form.errors, 'released by the blur of the window').toEqual({ code: 'bad code 12' });

    form.edit('code', '');
    form.edit('name', 'Ana');
    form.pointerDown();
    form.left('name');
    vi.advanceTimersByTime(PRESS_AT_MOST_MS - 2);
    expect(form.errors.name, 'still pressed').toBeUndefined();
    vi.advanceTimersByTime(2);
    runLater();
    expect(form.errors.name).toBe('full name');
  });

  it('a press ended by the host going away leaves no listener behind; the next blur is checked at once', () => {
    const { form, pointer, runLater } = setup({ ...EMPTY, code: '12' });
    form.pointerDown();
    form.hostDisconnected();
    pointer.dispatchEvent(new Event('pointerup'));
    runLater();
    expect(form.errors).toEqual({});
    form.left('code');
    expect(form.errors).toEqual({ code: 'bad code 12' });
  });
});

describe('FormFields: sending', () => {
  it('checks every field, shows every problem and focuses the first wrong one; nothing typed is lost', () => {
    const draft: Draft = { name: 'Ana', code: '', kind: '', agreed: true };
    const { host, form } = setup(draft);
    const focused: string[] = [];
    expect(form.submit((s) => focused.push(s))).toBe(false);
    expect(form.errors).toEqual({ name: 'full name', code: 'empty code', kind: 'choose' });
    expect(focused).toEqual(['#name']);
    expect(form.draft).toEqual(draft);
    expect(host.updates).toBeGreaterThan(0);

    form.edit('name', 'Ana Souza');
    form.edit('code', '123');
    expect(form.submit((s) => focused.push(s))).toBe(false);
    expect(focused, 'the selector the rules give').toEqual(['#name', 'input[name="kind"]']);
  });

  it('all right: true, no error shown and nothing focused', () => {
    const { form } = setup({ name: 'Ana Souza', code: '123', kind: 'a', agreed: true });
    form.show('code', 'refused');
    const focused: string[] = [];
    expect(form.submit((s) => focused.push(s))).toBe(true);
    expect(form.errors).toEqual({});
    expect(focused).toEqual([]);
  });

  it('the focus goes to `#field` when the rules give no selector', () => {
    const { host } = setup();
    const form = new FormFields<Field, Draft>(host, { fields: RULES.fields, error: RULES.error }, EMPTY);
    const focused: string[] = [];
    form.submit((s) => focused.push(s));
    expect(focused).toEqual(['#name']);
    expect(form.selector('kind')).toBe('#kind');
  });
});

describe('FormFields: errors from elsewhere, and other drafts', () => {
  it('shows an error found elsewhere next to its field; it goes once the field is corrected', () => {
    const { form } = setup({ ...EMPTY, code: '123' });
    form.show('code', 'refused by the server');
    expect(form.errors).toEqual({ code: 'refused by the server' });
    form.edit('code', '124');
    expect(form.errors).toEqual({});
  });

  it('replace keeps the errors shown; clear starts afresh', () => {
    const { form } = setup({ ...EMPTY, code: 'x' });
    form.left('code');
    form.replace({ ...EMPTY, name: 'Read back' });
    expect(form.draft.name).toBe('Read back');
    expect(form.errors).toEqual({ code: 'bad code x' });
    form.clear(EMPTY);
    expect(form.draft).toEqual(EMPTY);
    expect(form.errors).toEqual({});
  });
});

describe('FormFields: the two forms of the widget, with their own rules', () => {
  it('the sealed-case identification: core validators behind each field; the role a choice focused by name', () => {
    const { host } = setup();
    const form = new FormFields(host, IDENTIFICATION_RULES, emptyDraft());
    form.edit('cpf', '529.982.247-26');
    expect(form.errors, 'waits for the blur').toEqual({});
    form.left('cpf');
    expect(form.errors).toEqual({ cpf: 'CPF com dígitos verificadores errados. Confira o número.' });
    form.edit('cpf', '529.982.247-25');
    expect(form.errors, 'corrected as typed').toEqual({});
    form.left('role');
    expect(form.errors, 'a choice is not checked on the blur').toEqual({});

    const focused: string[] = [];
    form.edit('name', 'Joana Maria da Silva');
    expect(form.submit((s) => focused.push(s))).toBe(false);
    expect(focused).toEqual(['input[name="role"]']);
    expect(form.errors).toEqual({ role: 'Diga se você é parte, advogado(a) ou outra pessoa.', caseNumber: 'Informe o número do processo.' });
    form.edit('role', 'lawyer');
    expect(form.errors.role).toBeUndefined();
    form.edit('caseNumber', '0000001-42.2026.8.20.0001');
    expect(form.submit((s) => focused.push(s)), 'a lawyer gives the OAB').toBe(false);
    expect(focused.at(-1)).toBe('#oab');
    form.edit('oab', 'RN 12345');
    expect(form.submit((s) => focused.push(s))).toBe(true);
    expect(form.draft.cpf, 'as typed').toBe('529.982.247-25');
  });

  it('the written message: checkMessage behind each field; subject and consent choices; optional fields left empty', () => {
    const { host } = setup();
    const form = new FormFields(host, messageRules(() => 'pt-BR'), emptyMessageDraft());
    form.edit('email', 'joana@exemplo');
    form.left('email');
    form.left('name');
    expect(form.errors).toEqual({ email: 'Confira o e-mail. Ele deve ser como nome@exemplo.com.br, sem espaços.' });
    form.edit('email', 'joana@exemplo.com.br');
    expect(form.errors).toEqual({});
    form.edit('consent', false);
    expect(form.errors).toEqual({ consent: 'Para enviar, marque que você leu como seus dados são usados.' });
    form.edit('consent', true);

    const focused: string[] = [];
    expect(form.submit((s) => focused.push(s))).toBe(false);
    expect(focused).toEqual(['#name']);
    expect(Object.keys(form.errors)).toEqual(['name', 'subject', 'text']);
    form.edit('name', 'Joana');
    form.edit('text', 'Olá.');
    form.submit((s) => focused.push(s));
    expect(focused.at(-1)).toBe('input[name="subject"]');
    form.edit('subject', 'other');
    expect(form.submit((s) => focused.push(s))).toBe(true);
  });
});
