// CSV as spreadsheets read it (RFC 4180: comma-separated, CRLF, quotes doubled), with cells that
// a spreadsheet would run as a formula (= + - @, or a leading tab/CR) defused by a leading quote.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: Array<string | number | Date | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * An instant as ISO 8601 in UTC to the whole second ("2030-01-01T12:00:05Z"): what spreadsheets and
 * scripts parse without a locale, sort as text, and never read as a formula. Exports an operator
 * reads row by row (orders) use it; the fairness export keeps milliseconds, which its timings need.
 */
export function isoToTheSecond(date: Date | null | undefined): string | null {
  return date ? `${date.toISOString().slice(0, 19)}Z` : null;
}
