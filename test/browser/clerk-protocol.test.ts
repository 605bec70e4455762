// The clerk's pure pieces: checking and formatting the identification that arrives over the
// call, and taking the token out of the address's fragment. (Reading the clerk socket's
// messages is core's: test/unit/clerk-protocol.test.ts.)
import { expect } from '@open-wc/testing';
import { takeTokenFromFragment } from '../../src/clerk/clerk-token.js';
import { readIdentification } from '../../src/core/identification.js';
import './clerk-helpers.js';

const PAGE = location.pathname + location.search;

describe('readIdentification', () => {
  it('formats valid values and marks wrong ones', () => {
    expect(readIdentification({ name: 'Joana  Silva', cpf: '529.982.247-25', role: 'lawyer', oab: 'oab/rn 12.345', caseNumber: '0000001-42.2026.8.20.0001' })).to.deep.equal({
      name: 'Joana Silva',
      cpf: { text: '529.982.247-25', valid: true },
      role: 'lawyer',
      oab: { text: 'RN 12345', valid: true },
      caseNumber: { text: '0000001-42.2026.8.20.0001', valid: true },
    });
    const wrong = readIdentification({ name: 'Joana Silva', cpf: 12, role: 'judge', oab: 'XX 1', caseNumber: '1' });
    expect(wrong).to.deep.equal({
      name: 'Joana Silva',
      cpf: { text: '', valid: false },
      role: undefined,
      oab: { text: 'XX 1', valid: false },
      caseNumber: { text: '1', valid: false },
    });
    for (const bad of [null, 'Joana', [], {}, { name: '  ' }]) expect(readIdentification(bad)).to.equal(undefined);
  });
});

describe('takeTokenFromFragment', () => {
  afterEach(() => history.replaceState(null, '', PAGE));

  it('takes only the token, decoded, and leaves the rest of the fragment', () => {
    history.replaceState(null, '', `${PAGE}#a=1&token=bvc1.x%2Ey.z&b=2`);
    expect(takeTokenFromFragment()).to.equal('bvc1.x.y.z');
    expect(location.hash).to.equal('#a=1&b=2');
  });

  it('no token: nothing taken, the address untouched', () => {
    history.replaceState(null, '', `${PAGE}#section`);
    expect(takeTokenFromFragment()).to.equal(undefined);
    expect(location.hash).to.equal('#section');
  });

  it('an empty or oversized token is removed from the address but not used', () => {
    history.replaceState(null, '', `${PAGE}#token=`);
    expect(takeTokenFromFragment()).to.equal(undefined);
    expect(location.hash).to.equal('');
    history.replaceState(null, '', `${PAGE}#token=${'x'.repeat(3000)}`);
    expect(takeTokenFromFragment()).to.equal(undefined);
    expect(location.href).not.to.contain('xxxx');
  });
});
