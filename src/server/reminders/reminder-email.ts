// The reminder email's words: the sale's name, that it is opening now, and the link.
import type { EmailMessage } from "./mailer";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

export function reminderEmail(input: { to: string; title: string; url: string; fairDraw: boolean }): EmailMessage {
  const { to, title, url, fairDraw } = input;
  const lead = fairDraw
    ? `The lobby for ${title} is open. Enter before the start: everyone in the lobby has the same chance in the draw.`
    : `${title} is on sale now. One per person, while stock lasts.`;
  const why = "You asked us to remind you when this sale opens. This is the only email we send about it.";
  return {
    to,
    subject: fairDraw ? `${title}: the lobby is open` : `${title} is on sale now`,
    text: `${lead}\n\n${url}\n\n${why}\n`,
    html: `<p>${escapeHtml(lead)}</p><p><a href="${escapeHtml(url)}">Go to the sale</a></p><p>${escapeHtml(why)}</p>`,
  };
}
