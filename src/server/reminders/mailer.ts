// How the app sends email, behind one small interface: SMTP through nodemailer (EMAIL_SERVER,
// EMAIL_FROM — the same transport the sign-in link uses) in the app, a recording transport in
// tests. Null where email is not configured: features that email then offer what needs none.
import nodemailer from "nodemailer";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message for every recipient; throws otherwise. */
  send(message: EmailMessage): Promise<void>;
}

export function createSmtpMailer({ server, from }: { server: string; from: string }): Mailer {
  // One transport per process: nodemailer pools nothing by default, so this only keeps the config.
  const transport = nodemailer.createTransport(server);
  return {
    async send(message) {
      const result = await transport.sendMail({ from, ...message });
      const failed = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
      if (failed.length > 0) throw new Error(`The email to ${failed.length} recipient(s) could not be sent`);
    },
  };
}

/** The mailer for a configuration, or null when email is not configured. */
export function mailerFromConfig(config: { server?: string; from?: string }): Mailer | null {
  return config.server && config.from ? createSmtpMailer({ server: config.server, from: config.from }) : null;
}
