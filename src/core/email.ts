// A plain e-mail address (one addr-spec), for unit contacts and the citizen's reply address.
// Pure, no DOM, no Node. Re-exported by validators.ts, where the other identifiers live.

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
/** RFC 5322 dot-atom: atext runs separated by single dots. No quotes, spaces, commas, <>. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_LABEL = /^[A-Za-z]{2,63}$/;

/**
 * One bare addr-spec, 'local@domain', trimmed; returns it with the domain lowercased, or
 * null. Deliberately narrower than RFC 5322, because the result ends up in a Reply-To
 * header: no display name, no angle brackets, no quoted local part, no comments, no
 * lists, no whitespace or control characters anywhere, ASCII only. Local part: dot-atom,
 * ≤ 64 chars. Domain: ≥ 2 dot-separated labels of letters, digits and inner hyphens
 * (1–63 chars each), the last one letters only (≥ 2). Whole address ≤ 254 chars.
 */
export function parseEmail(input: string): string | null {
  if (input.length > MAX_EMAIL_LENGTH * 4) return null;
  const address = input.trim();
  if (address.length === 0 || address.length > MAX_EMAIL_LENGTH) return null;
  const at = address.indexOf('@');
  if (at < 0 || at !== address.lastIndexOf('@')) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length === 0 || local.length > MAX_LOCAL_LENGTH || !DOT_ATOM.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  if (!TOP_LEVEL_LABEL.test(labels[labels.length - 1] ?? '')) return null;
  return `${local}@${domain.toLowerCase()}`;
}
