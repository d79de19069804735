// Email magic links over SMTP (EMAIL_SERVER, EMAIL_FROM), sent with nodemailer.
import type { EmailConfig } from "@auth/core/providers/email";
import nodemailer from "nodemailer";

export const MAGIC_LINK_PROVIDER_ID = "nodemailer";
const LINK_LIFETIME_SECONDS = 24 * 60 * 60;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

export function magicLinkMessage(url: string) {
  const { host } = new URL(url);
  return {
    subject: `Sign in to Stampede (${host})`,
    text: `Sign in to Stampede:\n${url}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.\n`,
    html: `<p>Sign in to <strong>Stampede</strong>:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</p>`,
  };
}

export function magicLinkProvider({ server, from }: { server: string; from: string }): EmailConfig {
  return {
    id: MAGIC_LINK_PROVIDER_ID,
    type: "email",
    name: "Email",
    from,
    maxAge: LINK_LIFETIME_SECONDS,
    async sendVerificationRequest({ identifier, url }) {
      const result = await nodemailer
        .createTransport(server)
        .sendMail({ to: identifier, from, ...magicLinkMessage(url) });
      const failed = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
      if (failed.length > 0) throw new Error(`The sign-in email to ${failed.length} recipient(s) could not be sent`);
    },
  };
}
