// The type guards every wire parser uses: one copy, shared by the widget, the clerk's element,
// the call and the server. Pure: no DOM, no Node. Only the two the citizen's first chunk
// needs (the unit's configuration, the line state) are here, written short: every guard here
// is in that chunk. The text guards are in text-guards.ts, which only later chunks carry.

/** A plain object (not null, not an array): a JSON object as parsed. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A whole number ≥ 0 that JSON and JavaScript agree on. */
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
