// The text guards of the wire parsers (see guards.ts for why they are apart). Pure.

/** Non-empty text of at most `max` UTF-16 code units. */
export function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

/** An ISO instant ("2026-11-23T12:01:00.000Z"): short text that `Date.parse` reads. */
export function isInstant(v: unknown): v is string {
  return isText(v, 40) && !Number.isNaN(Date.parse(v));
}

/** One of a closed list of words (`SUBJECTS`, `OUTCOMES`…). */
export function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}
