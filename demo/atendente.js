// The demo's clerk page: shows <balcao-virtual-atendente> for the unit in the address's query
// (`atendente.html?unidade=vara-civel-natal#token=…`, as `npm start` prints it). A file of its
// own because the demo is served with `script-src 'self'` (no inline scripts). The token is
// never touched here: the element reads it from the fragment and takes it out of the address.
/* global document, location, URLSearchParams */

const unit = new URLSearchParams(location.search).get('unidade') ?? '';
const clerk = document.createElement('balcao-virtual-atendente');
// Only what a unit id can be (lowercase letters, digits, hyphens); anything else is left out
// and the element says the page does not name a unit.
if (/^[a-z0-9-]{1,64}$/.test(unit)) clerk.setAttribute('unidade', unit);
document.getElementById('atendimento')?.append(clerk);
