// Order ids in the shape of the cuids Prisma generates elsewhere ("c" + 24 base-36 characters),
// made here because orders are written with one raw statement.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export function newOrderId(): string {
  let id = "c";
  while (id.length < 25) {
    // Bytes of 252 and above are skipped so every character is equally likely.
    for (const byte of randomBytes(32)) if (byte < 252 && id.length < 25) id += ALPHABET[byte % 36];
  }
  return id;
}
