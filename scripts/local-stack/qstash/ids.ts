// Identifiers in the shapes QStash uses (msg_…, scd_…), random enough to stay unique across runs.
import { randomBytes } from "node:crypto";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let token = "";
  for (const byte of bytes) token += ALPHABET[byte % ALPHABET.length];
  return token;
}

export const newMessageId = () => `msg_${randomToken(26)}`;
export const newDlqId = () => `${Date.now()}-${randomToken(12)}`;
export const newScheduleId = () => `scd_${randomToken(26)}`;
export const newJwtId = () => `jwt_${randomToken(24)}`;
