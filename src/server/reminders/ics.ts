// A sale as a calendar event (RFC 5545): what "Remind me" downloads, so a shopper's own calendar
// reminds them without an account or an email. Times in UTC ("Z"), text escaped, lines folded at
// 75 octets and ended with CRLF, one stable UID per sale so importing twice updates one event.

export interface CalendarSale {
  id: string;
  title: string;
  /** When to be there: the start, or a fair draw's lobby opening. */
  startsAt: Date;
  endsAt: Date;
  url: string;
  /** Where the UID is minted: the site's host name. */
  host: string;
  /** A fair draw opens its lobby before the start; the event says so. */
  fairDraw: boolean;
}

/** 20261202T174500Z */
export function icsDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT value escaping: backslash, semicolon, comma, and line breaks as \n. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line to 75 octets per line (continuations start with one space), never splitting a character. */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function saleCalendar(sale: CalendarSale, now: Date = new Date()): string {
  const summary = sale.fairDraw ? `${sale.title}: fair-draw lobby opens` : `${sale.title}: sale opens`;
  const description = sale.fairDraw
    ? `The lobby for ${sale.title} opens now. Enter before the start for an equal chance in the draw.\n${sale.url}`
    : `${sale.title} goes on sale now. One per person, while stock lasts.\n${sale.url}`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Stampede//Sale reminders//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:sale-${sale.id}@${sale.host}`,
    `DTSTAMP:${icsDateTime(now)}`,
    `DTSTART:${icsDateTime(sale.startsAt)}`,
    `DTEND:${icsDateTime(sale.endsAt)}`,
    `SUMMARY:${escapeIcsText(summary)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `URL:${sale.url}`,
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "TRIGGER:-PT5M",
    `DESCRIPTION:${escapeIcsText(summary)}`,
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join("\r\n") + "\r\n";
}
