// The screens before the desk: no unit, no token or a refused one, a token of another unit,
// signing in, and the session taken over by another tab.

import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';

/** The command courts' admins run to give a clerk access (README, "Clerks"). */
const TOKEN_COMMAND = 'npm run clerk-token -- --unit';

export function noUnitView(): TemplateResult {
  return html`<h2 class="heading" part="heading">${msg('Balcão Virtual: atendimento')}</h2>
    <div class="problem" part="problem">
      <p>${msg('Esta página não indica qual é a unidade.')}</p>
    </div>
    <p>${msg('Para a administração do Balcão Virtual: o elemento precisa do atributo unidade, por exemplo:')}</p>
    <p><code>&lt;balcao-virtual-atendente unidade="vara-civel-natal"&gt;</code></p>`;
}

/** No token, or a refused one: what the clerk and the court's admin do next. */
export function needsAccessView(refused: boolean, unitId: string): TemplateResult {
  const headline = refused ? msg('Acesso inválido ou vencido') : msg('Entre com seu acesso de servidor(a)');
  const why = refused
    ? msg('O Balcão Virtual não aceitou este acesso de servidor(a). O acesso vale por 12 horas; depois disso, ou se o endereço foi copiado pela metade, é preciso um novo.')
    : msg('Esta página precisa do acesso de servidor(a) para atender a fila.');
  const unit = unitId || 'ID-DA-UNIDADE';
  return html`<h2 class="heading" part="heading" id="access-heading" tabindex="-1">${headline}</h2>
    <div class="problem" part="problem"><p>${why}</p></div>
    <p>${msg('Peça um novo acesso à administração do Balcão Virtual do tribunal e abra o endereço que ela enviar. Ele já traz o acesso e vale por 12 horas.')}</p>
    <h3>${msg('Para a administração do Balcão Virtual')}</h3>
    <p>${msg('Gere o acesso no servidor do Balcão Virtual com o comando abaixo, trocando o nome pelo nome completo da pessoa. Envie o endereço desta página com o acesso no final, depois de #token=.')}</p>
    <p><code>${TOKEN_COMMAND} ${unit} --name "Nome Sobrenome"</code></p>`;
}

export function wrongUnitView(theirs: string): TemplateResult {
  return html`<h2 class="heading" part="heading">${msg('Este acesso é de outra unidade')}</h2>
    <div class="problem" part="problem">
      <p>${msg(str`O acesso aberto aqui é para atender ${theirs}, mas esta página é de outra unidade.`)}</p>
    </div>
    <p>${msg('Abra o endereço de atendimento da sua unidade, ou peça à administração do Balcão Virtual um acesso para esta.')}</p>`;
}

export function signingInView(retrying: boolean): TemplateResult {
  return html`<h2 class="heading" part="heading">${msg('Balcão Virtual: atendimento')}</h2>
    ${retrying
      ? html`<p class="problem" part="problem">${msg('Sem conexão com o Balcão Virtual. Tentando de novo…')}</p>`
      : html`<p class="note">${msg('Conectando ao Balcão Virtual…')}</p>`}`;
}

export function replacedView(useThisTab: () => void): TemplateResult {
  return html`<h2 class="heading" part="heading">${msg('Atendimento aberto em outra aba')}</h2>
    <div class="notice" part="note">
      <p>${msg('Seu atendimento foi aberto em outra aba ou janela. Continue por lá, ou use esta aba (a outra para de atender).')}</p>
    </div>
    <div class="actions">
      <button type="button" part="button" @click=${useThisTab}>${msg('Usar esta aba')}</button>
    </div>`;
}
