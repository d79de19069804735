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
