// The element's programmatic names are English (`unit`, `server`, `phone`); the attributes a
// page author types stay Portuguese (`unidade`, `servidor`, `telefone`). The first release's
// Portuguese property names still work for one release, warning in the console.
import { expect } from '@open-wc/testing';
import { BalcaoVirtualAtendente } from './clerk-helpers.js';
import { BalcaoVirtual, place, server, settled, textOf } from './helpers.js';

function recordWarnings(): { readonly lines: unknown[][]; stop(): void } {
  const lines: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void lines.push(args);
  return { lines, stop: () => (console.warn = original) };
}

describe('<balcao-virtual> property names', () => {
  it('maps each Portuguese attribute to an English property, and back for unidade', async () => {
    const { el, wrapper } = place({ unidade: 'vara-teste', telefone: '+55 84 3333-0000' });
    expect(el.unit).to.equal('vara-teste');
    expect(el.server).to.equal(server);
    expect(el.phone).to.equal('+55 84 3333-0000');
    el.unit = 'plantao-teste';
    wrapper.append(el);
    await settled(el);
    expect(el.getAttribute('unidade'), 'reflected').to.equal('plantao-teste');
    expect(textOf(el)).to.contain('Plantão');
  });

  it('keeps the old property names working, each write warning once in the console', async () => {
    const { el, wrapper } = place({});
    const warnings = recordWarnings();
    try {
      el.unidade = 'vara-teste';
      el.servidor = server;
      el.telefone = '+55 84 3333-0000';
    } finally {
      warnings.stop();
    }
    expect(el.unit).to.equal('vara-teste');
    expect(el.server).to.equal(server);
    expect(el.phone).to.equal('+55 84 3333-0000');
    expect(el.unidade, 'read back through the new name').to.equal('vara-teste');
    expect(warnings.lines.map((args) => args[0])).to.deep.equal([
      'unidade is deprecated: use unit',
      'servidor is deprecated: use server',
      'telefone is deprecated: use phone',
    ]);
    expect(warnings.lines[0]?.[1], 'the element itself, to find it in the console').to.equal(el);
    wrapper.append(el);
    await settled(el);
    expect(el.getAttribute('unidade')).to.equal('vara-teste');
    expect(textOf(el)).to.contain('Vara');
  });

  it('reads the English names without any warning', () => {
    const { el } = place({ unidade: 'vara-teste' });
    const warnings = recordWarnings();
    try {
      expect(el.unit).to.equal('vara-teste');
      expect(el.unidade).to.equal('vara-teste');
    } finally {
      warnings.stop();
    }
    expect(warnings.lines).to.deep.equal([]);
    expect(el instanceof BalcaoVirtual).to.equal(true);
  });
});

describe('<balcao-virtual-atendente> property names', () => {
  it('maps unidade and servidor to unit and server, the old property names warning', () => {
    const el = document.createElement('balcao-virtual-atendente');
    expect(el instanceof BalcaoVirtualAtendente).to.equal(true);
    el.setAttribute('unidade', 'vara-teste');
    el.setAttribute('servidor', server);
    expect(el.unit).to.equal('vara-teste');
    expect(el.server).to.equal(server);
    const warnings = recordWarnings();
    try {
      el.unidade = 'plantao-teste';
      el.servidor = 'https://balcao.example.jus.br/';
    } finally {
      warnings.stop();
    }
    expect(el.unit).to.equal('plantao-teste');
    expect(el.server).to.equal('https://balcao.example.jus.br/');
    expect(el.servidor).to.equal('https://balcao.example.jus.br/');
    expect(warnings.lines.map((args) => args[0])).to.deep.equal(['unidade is deprecated: use unit', 'servidor is deprecated: use server']);
  });
});
