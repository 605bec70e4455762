#!/usr/bin/env node
// `npm start`: reads the configuration, starts the server, prints where to look.

import { LocalClerkAuth, loadOrCreateSecret } from './clerk-auth.js';
import { ConfigError, readConfig, type ServerConfig } from './config.js';
import { DataDirBusyError } from './data-lock.js';
import { isEntryPoint } from './entry.js';
import { jsonLogger } from './logger.js';
import { createServer } from './server.js';
import { loadUnitsFile, UnitsFileError } from './units.js';

export interface MainIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Starts the server; resolves with a stop function, or with an exit code on a bad start. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: MainIo,
): Promise<{ code: number; stop?: () => Promise<void> }> {
  let config;
  let units;
  try {
    config = readConfig(argv, env);
    units = await loadUnitsFile(config.unitsFile);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UnitsFileError) {
      io.err(`${error.message}\n`);
      return { code: 2 };
    }
    throw error;
  }
  const server = createServer(config, {
    units,
    logger: jsonLogger((line) => io.err(line)),
    // The demo's console, not the structured log: a newcomer sees the e-mail arrive.
    onMailFile: (file) => io.out(`  E-mail gravado: ${file}\n`),
  });
  let url: URL;
  try {
    url = await server.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      error instanceof DataDirBusyError
        ? `${error.message}\n`
        : code === 'EADDRINUSE'
          ? `A porta ${config.port} já está em uso. Escolha outra com PORT=8081 npm start (ou --port).\n`
          : `Não foi possível iniciar o servidor: ${(error as Error).message}\n`,
    );
    return { code: 1 };
  }
  const first = units.values().next().value;
  // The demo signs a clerk in at the 24-hour unit (open whenever someone tries it): the
  // token goes in the URL's fragment, which browsers never send to the server.
  const demoUnit = units.get('plantao-judiciario') ?? first;
  let clerkPage = '';
  if (config.demoDir && demoUnit) {
    const token = new LocalClerkAuth(await loadOrCreateSecret(config.dataDir)).mint({ unit: demoUnit.id, name: 'Servidora Demonstração' }, Date.now());
    clerkPage = `${new URL(`atendente.html?unidade=${demoUnit.id}`, url).href}#token=${token}`;
  }
  io.out(
    [
      '',
      `Balcão Virtual no ar: ${url.href}`,
      config.demoDir ? `  Página de demonstração (cidadão): ${url.href}` : '',
      clerkPage ? `  Página do servidor (atendente, já com acesso por 12 horas): ${clerkPage}` : '',
      `  Script para o site do tribunal:   ${new URL('balcao-virtual.js', url).href}`,
      first ? `  API de uma unidade:                ${new URL(`api/units/${first.id}`, url).href}` : '',
      `  ${units.size} unidade(s) de ${config.unitsFile}`,
      mailLine(config),
      config.allowedOrigins.length === 0
        ? '  Só páginas deste mesmo endereço podem usar o widget; para o site do tribunal, defina ALLOWED_ORIGINS.'
        : `  Origens autorizadas: ${config.allowedOrigins.join(', ')}`,
      '',
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1)
      .join('\n'),
  );
  return { code: 0, stop: () => server.stop() };
}

/** Where written messages go, said once at start; files outside the demo said loudly (nothing reaches the units). */
function mailLine(config: ServerConfig): string {
  const transport = config.mail?.transport;
  if (transport?.kind === 'smtp') {
    return `  Mensagens escritas: enviadas por SMTP (${transport.host}:${transport.port}${transport.requireTls ? ', STARTTLS obrigatório' : ''}) como ${config.mail?.from ?? ''}`;
  }
  const dir = transport?.dir ?? `${config.dataDir}/mail`;
  return config.demoDir
    ? `  Mensagens escritas: demonstração sem SMTP, cada e-mail vira um arquivo .eml em ${dir} (defina SMTP_URL e MAIL_FROM para enviar de verdade)`
    : `  ATENÇÃO: MAIL_TRANSPORT=files, cada e-mail vira um arquivo .eml em ${dir} e nada é enviado: as unidades só recebem o que alguém levar desses arquivos.`;
}

if (isEntryPoint(import.meta.url)) {
  const io: MainIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  const result = await main(process.argv.slice(2), process.env, io);
  if (result.code !== 0 || !result.stop) process.exit(result.code);
  const stop = result.stop;
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    io.err(`${signal}: encerrando…\n`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
