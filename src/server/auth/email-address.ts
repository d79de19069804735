// One rule for email addresses wherever someone types one: trimmed, lower-cased, validated.
// Lower-casing matters because ADMIN_EMAILS and the unique User.email compare exactly.
import { z } from "zod";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailAddressSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like shopper@example.com." }))
  .transform(normalizeEmail);
