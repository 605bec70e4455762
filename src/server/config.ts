// The server's configuration: read once from flags and environment, then readonly.

import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEmail } from '../core/email.js';
import type { IceSettings } from './ice.js';
import type { MailConfig, SmtpSettings } from './mail/transport.js';

export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Interface to listen on. */
  readonly host: string;
  /** Units file (JSON). */
  readonly unitsFile: string;
  /** Origins of court pages allowed to embed the widget and call the API ('*' allows any). */
  readonly allowedOrigins: readonly string[];
  /** Directory with the built widget (balcao-virtual.js and chunks/). */
  readonly publicDir: string;
  /** Directory with the demo pages, served at '/', or undefined to serve none. */
  readonly demoDir: string | undefined;
  /** Where the database and the clerk-token secret live (never committed). */
  readonly dataDir: string;
  /** Joins allowed per client address per 10 minutes. */
  readonly joinsPerAddress: number;
  /** How long a citizen or clerk whose connection dropped keeps the place (ms); 3 minutes by default. */
  readonly graceMs?: number;
  /** How long a call waits for a clerk whose page closed before the citizen goes back to the head of the line (ms); 20 s by default. */
  readonly clerkCallGraceMs?: number;
  /** Most people waiting at one unit; 200 by default. */
  readonly maxWaitingPerUnit?: number;
  /** The court's STUN/TURN servers for calls; none by default. */
  readonly ice?: IceSettings;
  /** Where the written channel's e-mails go; .eml files under `<dataDir>/mail` when absent (readConfig always sets it). */
  readonly mail?: MailConfig;
  /** Messages accepted per client address per hour; 10 by default. */
  readonly messagesPerAddress?: number;
  /** Messages accepted per unit per hour; 300 by default. */
  readonly messagesPerUnit?: number;
  /** Express's `trust proxy`: set when a reverse proxy forwards the client address. */
  readonly trustProxy: boolean | number | string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The package's root directory (two levels above dist/node/server or src/server). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/node/') ? ['..'] : []));

const USAGE = `Uso: balcao-virtual [--demo] [--port N] [--host ENDEREÇO] [--units ARQUIVO] [--allowed-origins ORIGENS]
  --port             porta TCP (env PORT; padrão 8080)
  --host             interface (env HOST; padrão 0.0.0.0)
  --units            arquivo JSON das unidades (env UNITS_FILE; padrão demo/units.json)
  --allowed-origins  origens das páginas do tribunal, separadas por vírgula (env ALLOWED_ORIGINS)
  --data             diretório do banco e do segredo dos acessos de servidor (env DATA_DIR; padrão ./data)
  --trust-proxy      confiar no proxy reverso para o endereço do cliente (env TRUST_PROXY: sim/não, número de proxies ou lista)
  --grace-minutes    minutos que a vaga na fila é guardada quando a conexão cai (env GRACE_MINUTES; padrão 3)
  --clerk-call-grace-seconds
                     segundos que uma chamada espera o(a) servidor(a) cuja página fechou antes de a pessoa
                     voltar ao início da fila (env CLERK_CALL_GRACE_SECONDS; padrão 20)
  --max-waiting      máximo de pessoas na fila de uma unidade (env MAX_WAITING; padrão 200)
  --joins-per-address entradas na fila por endereço a cada 10 minutos (env JOINS_PER_ADDRESS; padrão 20)
  --messages-per-address
                     mensagens escritas por endereço por hora (env MESSAGES_PER_ADDRESS; padrão 10)
  --messages-per-unit
                     mensagens escritas por unidade por hora (env MESSAGES_PER_UNIT; padrão 300)
  --demo             modo de demonstração (env DEMO=1; npm start o liga): serve as páginas de
                     demonstração em / e imprime um acesso de servidor(a) de 12 horas; sem ele,
                     nada disso, qualquer que seja o arquivo de unidades (--no-demo ou DEMO=0 desliga)
Valores sim/não (DEMO, --demo=…, TRUST_PROXY, SMTP_SECURE, SMTP_ALLOW_PLAIN): 1, true ou yes; 0, false ou no.
Servidores ICE das chamadas (só por variável de ambiente):
  STUN_URLS          URLs stun: do tribunal, separadas por vírgula
  TURN_URLS          URLs turn:/turns: do coturn do tribunal, separadas por vírgula
  TURN_SECRET        o static-auth-secret do coturn (credenciais temporárias por chamada)
E-mail das mensagens escritas (só por variável de ambiente; obrigatório fora da demonstração):
  SMTP_URL           smtp://usuário:senha@host:587 (STARTTLS obrigatório) ou smtps://host:465
  SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_SECURE (sim/não)
                     o mesmo, em partes (no lugar de SMTP_URL)
  SMTP_ALLOW_PLAIN   sim/não: aceitar SMTP sem TLS na porta 587 ou com usuário e senha (padrão não)
  MAIL_TRANSPORT     files: cada e-mail vira um arquivo .eml em <dados>/mail/ e nada é enviado
                     (o padrão da demonstração, que não pede SMTP); smtp: o padrão fora dela
  MAIL_FROM          o remetente, um endereço só (obrigatório com SMTP), ex.: balcao@tjrn.jus.br
  MAIL_FROM_NAME     o nome do remetente (padrão "Balcão Virtual")`;

const YES = ['1', 'true', 'yes'];
const NO = ['0', 'false', 'no'];

/**
 * A yes/no setting, read the same for every flag and variable: `1/true/yes` or `0/false/no`,
 * in any case; anything else is refused, naming the setting and the values it takes.
 */
export function readBoolean(text: string, name: string, meaning = ''): boolean {
  const value = text.trim().toLowerCase();
  if (YES.includes(value)) return true;
  if (NO.includes(value)) return false;
  throw new ConfigError(`Valor inválido para ${name}: "${text}". Use 1, true ou yes para ligar; 0, false ou no para desligar.${meaning && ` ${meaning}`}`);
}

/** A yes/no variable; unset or empty is `fallback`. */
function envBoolean(env: Readonly<Record<string, string | undefined>>, name: string, fallback: boolean): boolean {
  const text = env[name];
  return text === undefined || text.trim() === '' ? fallback : readBoolean(text, name);
}

/** What a caller of readConfig needs read: the server all of it; the token tool no mail settings. */
export interface ReadConfigOptions {
  /** Read and check the mail settings (SMTP required outside the demo); true by default. */
  readonly mail?: boolean;
}

/** Reads flags (`--port 8080` or `--port=8080`) over environment variables over defaults. */
export function readConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, options: ReadConfigOptions = {}): ServerConfig {
  const flags = new Map<string, string>();
  /** The last of --demo, --demo=VALUE and --no-demo; undefined when none was given. */
  let demoFlag: boolean | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') throw new ConfigError(USAGE);
    const demoArg = /^--(no-)?demo(?:=(.*))?$/.exec(arg);
    if (demoArg) {
      if (demoArg[1] && demoArg[2] !== undefined) throw new ConfigError(`Opção desconhecida: ${arg}. Use --no-demo, ou --demo=0.\n${USAGE}`);
      demoFlag = demoArg[1] ? false : demoArg[2] === undefined ? true : readBoolean(demoArg[2], '--demo');
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (!m || !name || !['port', 'host', 'units', 'allowed-origins', 'data', 'trust-proxy', 'grace-minutes', 'clerk-call-grace-seconds', 'max-waiting', 'joins-per-address', 'messages-per-address', 'messages-per-unit'].includes(name)) {
      throw new ConfigError(`Opção desconhecida: ${arg}\n${USAGE}`);
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`A opção --${name} precisa de um valor.\n${USAGE}`);
    flags.set(name, value);
  }

  const portText = flags.get('port') ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ConfigError(`Porta inválida: "${portText}". Use um número de 0 a 65535 (--port ou PORT).`);
  }
  const origins = (flags.get('allowed-origins') ?? env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`Origem inválida em ALLOWED_ORIGINS: "${origin}". Use esquema, host e porta, sem barra final (ex.: https://www.tjrn.jus.br).`);
    }
  }
  // Off unless asked for: the demo pages and the printed clerk access are never a default.
  const demoEnv = env.DEMO === undefined || env.DEMO.trim() === '' ? undefined : envBoolean(env, 'DEMO', false);
  // `DEMO=0 npm start` (npm start passes --demo): an explicit no is never overridden into the demo.
  if (demoFlag === true && demoEnv === false) {
    throw new ConfigError('DEMO diz que não e --demo diz que sim: a demonstração fica desligada só se nada a pedir. Tire DEMO=0 ou rode sem --demo (node dist/node/server/main.js).');
  }
  const demo = demoFlag ?? demoEnv ?? false;
  const trustProxy = readTrustProxy(flags.get('trust-proxy') ?? env.TRUST_PROXY);
  /** A whole number ≥ 1 from a flag or the environment. */
  const positive = (flag: string, envName: string, fallback: string): number => {
    const text = flags.get(flag) ?? env[envName] ?? fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000_000) {
      throw new ConfigError(`Valor inválido para --${flag} (${envName}): "${text}". Use um número inteiro positivo.`);
    }
    return Number(text);
  };
  const urls = (name: string, scheme: RegExp): string[] => {
    const list = (env[name] ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    for (const u of list) {
      if (!scheme.test(u) || /\s/.test(u)) throw new ConfigError(`URL inválida em ${name}: "${u}". Exemplo: ${name === 'STUN_URLS' ? 'stun:stun.tjrn.jus.br:3478' : 'turns:turn.tjrn.jus.br:5349'}.`);
    }
    return list;
  };
  const graceMs = positive('grace-minutes', 'GRACE_MINUTES', '3') * 60_000;
  const clerkCallGraceMs = positive('clerk-call-grace-seconds', 'CLERK_CALL_GRACE_SECONDS', '20') * 1000;
  if (clerkCallGraceMs >= graceMs) {
    throw new ConfigError(
      `--clerk-call-grace-seconds (CLERK_CALL_GRACE_SECONDS) precisa ser menor que --grace-minutes (GRACE_MINUTES): ${clerkCallGraceMs / 1000} s não é menos que ${graceMs / 60_000} min.`,
    );
  }
  const stunUrls = urls('STUN_URLS', /^stun:[^/]/);
  const turnUrls = urls('TURN_URLS', /^turns?:[^/]/);
  const turnSecret = env.TURN_SECRET?.trim() || undefined;
  if (turnUrls.length > 0 && !turnSecret) {
    throw new ConfigError('TURN_URLS precisa de TURN_SECRET: o mesmo valor de static-auth-secret do coturn (use-auth-secret).');
  }
  const dataDir = path.resolve(flags.get('data') ?? env.DATA_DIR ?? 'data');
  return {
    port,
    host: flags.get('host') ?? env.HOST ?? '0.0.0.0',
    unitsFile: path.resolve(flags.get('units') ?? env.UNITS_FILE ?? path.join(packageRoot, 'demo', 'units.json')),
    allowedOrigins: origins,
    publicDir: path.join(packageRoot, 'dist'),
    demoDir: demo ? path.join(packageRoot, 'demo') : undefined,
    dataDir,
    ...(options.mail === false ? {} : { mail: readMailConfig(env, dataDir, demo) }),
    messagesPerAddress: positive('messages-per-address', 'MESSAGES_PER_ADDRESS', '10'),
    messagesPerUnit: positive('messages-per-unit', 'MESSAGES_PER_UNIT', '300'),
    joinsPerAddress: positive('joins-per-address', 'JOINS_PER_ADDRESS', '20'),
    graceMs,
    clerkCallGraceMs,
    maxWaitingPerUnit: positive('max-waiting', 'MAX_WAITING', '200'),
    ice: { stunUrls, turnUrls, turnTtlSeconds: 4 * 3600, ...(turnSecret ? { turnSecret } : {}) },
    trustProxy,
  };
}

/** TRUST_PROXY: a yes/no, the number of proxies in front, or Express's list of trusted addresses and subnets. */
function readTrustProxy(text: string | undefined): boolean | number | string {
  const value = text?.trim() ?? '';
  if (value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if ([...YES, ...NO].includes(value.toLowerCase())) return readBoolean(value, 'TRUST_PROXY');
  for (const item of value.split(',').map((v) => v.trim())) {
    const [address = '', prefix] = item.split('/');
    const known = ['loopback', 'linklocal', 'uniquelocal'].includes(item);
    if (!known && !(isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix)))) {
      throw new ConfigError(
        `Valor inválido para --trust-proxy (TRUST_PROXY): "${item}". Use o número de proxies à frente (ex.: 1), 1/true/yes ou 0/false/no, ou endereços e sub-redes separados por vírgula (ex.: 10.0.0.0/8, loopback).`,
      );
    }
  }
  return value;
}

/** The sender used when no SMTP is configured (the .eml files of the demo). */
export const DEMO_MAIL_FROM = 'balcao-virtual@demo.invalid';

const SMTP_PARTS = ['SMTP_PORT', 'SMTP_USER', 'SMTP_PASS', 'SMTP_SECURE', 'SMTP_ALLOW_PLAIN'];

/**
 * SMTP from SMTP_URL or SMTP_HOST…, with MAIL_FROM. Without SMTP, .eml files under the data
 * directory — in the demo, or when MAIL_TRANSPORT=files says so; otherwise the start stops:
 * files nobody reads would tell citizens their message went where it never arrives.
 */
export function readMailConfig(env: Readonly<Record<string, string | undefined>>, dataDir: string, demo: boolean): MailConfig {
  const text = (name: string): string | undefined => env[name]?.trim() || undefined;
  const choice = text('MAIL_TRANSPORT')?.toLowerCase();
  if (choice !== undefined && choice !== 'smtp' && choice !== 'files') {
    throw new ConfigError(`MAIL_TRANSPORT inválido: "${choice}". Use smtp (o padrão fora da demonstração) ou files (cada e-mail vira um arquivo .eml, nada é enviado).`);
  }
  const url = text('SMTP_URL');
  const host = text('SMTP_HOST');
  const fromText = text('MAIL_FROM');
  const fromName = text('MAIL_FROM_NAME');
  // eslint-disable-next-line no-control-regex
  if (fromName !== undefined && /[\u0000-\u001f\u007f]/.test(fromName)) throw new ConfigError('MAIL_FROM_NAME não pode ter quebras de linha nem caracteres de controle.');
  const from = fromText === undefined ? undefined : parseEmail(fromText);
  if (fromText !== undefined && !from) {
    throw new ConfigError(`MAIL_FROM inválido: "${fromText}". Use um endereço só, sem nome nem <>, ex.: balcao@tjrn.jus.br (o nome vai em MAIL_FROM_NAME).`);
  }
  const named = fromName === undefined ? {} : { fromName };
  if (choice === 'files') {
    const smtp = ['SMTP_URL', 'SMTP_HOST', ...SMTP_PARTS].find((name) => text(name) !== undefined);
    if (smtp) throw new ConfigError(`MAIL_TRANSPORT=files com ${smtp} definido: escolha um dos dois (files só grava arquivos .eml, nada vai por SMTP).`);
  }
  if (url === undefined && host === undefined) {
    for (const name of SMTP_PARTS) {
      if (text(name) !== undefined) throw new ConfigError(`${name} sem SMTP_HOST: defina SMTP_HOST (ou SMTP_URL) para enviar por SMTP.`);
    }
    if (choice === 'smtp' || (choice === undefined && !demo)) {
      throw new ConfigError(
        'Sem SMTP configurado, as mensagens escritas não chegariam às unidades. Defina SMTP_URL (ex.: smtp://usuario:senha@smtp.tjrn.jus.br:587) ' +
          'e MAIL_FROM; ou, para só gravar cada e-mail como arquivo .eml em <dados>/mail/ (nada é enviado), MAIL_TRANSPORT=files. ' +
          'A demonstração (npm start, --demo) grava os arquivos sem pedir.',
      );
    }
    return { transport: { kind: 'files', dir: path.join(dataDir, 'mail') }, from: from ?? DEMO_MAIL_FROM, ...named };
  }
  if (url !== undefined && host !== undefined) throw new ConfigError('Defina SMTP_URL ou SMTP_HOST (com SMTP_PORT, SMTP_USER…), não os dois.');
  let transport: SmtpSettings;
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || !parsed.hostname || (parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search) {
      throw new ConfigError('SMTP_URL inválido. Exemplos: smtp://usuario:senha@smtp.tjrn.jus.br:587 ou smtps://smtp.tjrn.jus.br:465.');
    }
    const secure = parsed.protocol === 'smtps:';
    /** A user or password as written in the URL (`%40` for @); a stray `%` is a setting to fix, not a crash. */
    const decoded = (part: string, what: string): string => {
      try {
        return decodeURIComponent(part);
      } catch {
        throw new ConfigError(`SMTP_URL inválido: ${what} com "%" solto. Escreva cada caractere especial codificado (ex.: @ como %40, % como %25).`);
      }
    };
    const user = parsed.username === '' ? undefined : decoded(parsed.username, 'o usuário');
    transport = {
      kind: 'smtp',
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port === '' ? (secure ? 465 : 587) : Number(parsed.port),
      secure,
      ...(user === undefined ? {} : { user, pass: decoded(parsed.password, 'a senha') }),
    };
  } else {
    const secureText = text('SMTP_SECURE');
    const portText = text('SMTP_PORT');
    // true: TLS from the first byte (465); false: STARTTLS (587).
    const secure = secureText === undefined ? portText === '465' : readBoolean(secureText, 'SMTP_SECURE', 'Ligado: TLS direto (porta 465); desligado: STARTTLS (porta 587).');
    const port = portText === undefined ? (secure ? 465 : 587) : Number(portText);
    if (portText !== undefined && (!/^\d+$/.test(portText) || port < 1 || port > 65535)) throw new ConfigError(`SMTP_PORT inválida: "${portText}". Use um número de 1 a 65535.`);
    const user = text('SMTP_USER');
    const pass = env.SMTP_PASS;
    if ((user === undefined) !== (pass === undefined || pass === '')) throw new ConfigError('SMTP_USER e SMTP_PASS vão juntos: defina os dois, ou nenhum.');
    transport = { kind: 'smtp', host: host ?? '', port, secure, ...(user === undefined ? {} : { user, pass: pass ?? '' }) };
  }
  // The submission port, or a password: STARTTLS or nothing (nodemailer's requireTLS), never
  // a silent fall back to plain text, unless the operator says so (a relay on a trusted network).
  const requireTls = !transport.secure && (transport.port === 587 || transport.user !== undefined) && !envBoolean(env, 'SMTP_ALLOW_PLAIN', false);
  transport = { ...transport, requireTls };
  if (!from) throw new ConfigError('Com SMTP configurado, MAIL_FROM é obrigatório: o endereço remetente das mensagens, ex.: balcao@tjrn.jus.br.');
  return { transport, from, ...named };
}
