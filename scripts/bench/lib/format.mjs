// @ts-check
// How figures are written: numbers, ratios, shares, and Markdown tables.

/** @param {number} n */
export const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
/** @param {number | undefined} n */
export const fmtMs = (n) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));
/**
 * @param {number} n
 * @param {number} [digits]
 */
export const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
/** @param {number} n */
export const fmtRatio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
/**
 * A share of one core (or of anything) as a whole percentage.
 * @param {number} x
 */
export const pct = (x) => `${fmt(x * 100, 0)} %`;

/**
 * A Markdown table; the first column left-aligned and the others right-aligned unless `align` says.
 * @param {readonly string[]} headers
 * @param {readonly (readonly string[])[]} rows
 * @param {readonly ('l' | 'r')[]} [align]
 */
export function table(headers, rows, align) {
  const a = align ?? headers.map((_, i) => (i === 0 ? 'l' : 'r'));
  /** @param {readonly string[]} cells */
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(a.map((x) => (x === 'l' ? ':--' : '--:'))), ...rows.map(line)].join('\n');
}

/**
 * Replaces the section whose heading starts with `## <letter>. ` (up to the next `## ` heading)
 * in a report with `section`; appends it when the report has none.
 * @param {string} report
 * @param {string} letter
 * @param {string} section ends with one newline
 */
export function replaceSection(report, letter, section) {
  const heading = `## ${letter}. `;
  const start = report.startsWith(heading) ? 0 : report.indexOf(`\n${heading}`) + 1;
  if (start === 0 && !report.startsWith(heading)) return `${report.trimEnd()}\n\n${section}`;
  const next = report.indexOf('\n## ', start);
  return `${report.slice(0, start)}${section}${next < 0 ? '' : report.slice(next)}`;
}
