#!/usr/bin/env node
// `npm run clerk-token -- --unit ID --name "Maria Souza" [--hours 12]`: mints a clerk's
// sign-in token, signed with the local secret under the data directory.

import { LocalClerkAuth, loadOrCreateSecret } from './clerk-auth.js';
import { ConfigError, readConfig } from './config.js';
import { isEntryPoint } from './entry.js';
import { loadUnitsFile, UnitsFileError } from './units.js';

const USAGE = 'Uso: npm run clerk-token -- --unit ID --name "Nome Sobrenome" [--hours 12] [--units ARQUIVO] [--data DIR]';

export async function clerkToken(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): Promise<{ code: number; out: string }> {
  const own = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--(unit|name|hours)(?:=(.*))?$/.exec(arg);
    if (m?.[1]) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) return { code: 2, out: `A opção --${m[1]} precisa de um valor.\n${USAGE}\n` };
      own.set(m[1], value);
    } else rest.push(arg);
  }
  const unitId = own.get('unit');
  const name = own.get('name')?.trim().replace(/\s+/g, ' ');
  const hours = Number(own.get('hours') ?? '12');
  if (!unitId || !name) return { code: 2, out: `Informe a unidade e o nome do servidor.\n${USAGE}\n` };
  if (name.split(' ').length < 2 || name.length > 120) {
    return { code: 2, out: `Informe nome e sobrenome (o cidadão vê o primeiro nome e um sobrenome), até 120 caracteres.\n${USAGE}\n` };
  }
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 31) {
    return { code: 2, out: `--hours deve ser um número de horas entre 0 e 744.\n${USAGE}\n` };
  }
  try {
    // The token tool sends no mail: it neither needs nor checks the mail settings.
    const config = readConfig(rest, env, { mail: false });
    const units = await loadUnitsFile(config.unitsFile);
    if (!units.has(unitId)) {
      return { code: 2, out: `Unidade "${unitId}" não existe em ${config.unitsFile}. Unidades: ${[...units.keys()].join(', ')}\n` };
    }
    const auth = new LocalClerkAuth(await loadOrCreateSecret(config.dataDir));
    return { code: 0, out: `${auth.mint({ unit: unitId, name }, now, hours)}\n` };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UnitsFileError) return { code: 2, out: `${error.message}\n` };
    throw error;
  }
}

if (isEntryPoint(import.meta.url)) {
  const { code, out } = await clerkToken(process.argv.slice(2), process.env, Date.now());
  (code === 0 ? process.stdout : process.stderr).write(out);
  process.exit(code);
}
