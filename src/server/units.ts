import { readFile } from 'node:fs/promises';
import { parseUnits, UnitConfigError, type Unit } from '../core/index.js';

/** The units a server serves, by id. */
export type UnitDirectory = ReadonlyMap<string, Unit>;

export class UnitsFileError extends Error {
  override readonly name = 'UnitsFileError';
}

/** Reads and validates the units file; any problem stops start-up with a message saying where. */
export async function loadUnitsFile(file: string): Promise<UnitDirectory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'erro';
    throw new UnitsFileError(`Não foi possível ler o arquivo de unidades ${file} (${code}). Indique outro com --units ou UNITS_FILE.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UnitsFileError(`O arquivo de unidades ${file} não é JSON válido: ${(error as Error).message}`);
  }
  try {
    return new Map(parseUnits(json).map((u) => [u.id, u]));
  } catch (error) {
    if (error instanceof UnitConfigError) throw new UnitsFileError(`${file}: ${error.message}`);
    throw error;
  }
}
