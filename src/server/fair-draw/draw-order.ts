// The draw's order, re-derivable by anyone once the seed is published (docs/fair-opening.md):
// entrants sorted by sha1(seed|entryToken), where entryToken = sha1(commitment|userId). The Lua
// draw (draw_lobby in ~/server/inventory/holds-lib.lua) computes the same keys with redis.sha1hex.
import { createHash, randomBytes } from "node:crypto";

const sha1 = (text: string) => createHash("sha1").update(text, "utf8").digest("hex");

/** A fresh secret seed and its public commitment, sha256(seed), both lowercase hex. */
export function newDrawSeed(): { seed: string; commitment: string } {
  const seed = randomBytes(32).toString("hex");
  return { seed, commitment: commitmentOf(seed) };
}

export function commitmentOf(seed: string): string {
  return createHash("sha256").update(seed, "utf8").digest("hex");
}

/** A shopper's public name in one sale's draw: it does not reveal the account. */
export function entryTokenOf(commitment: string, userId: string): string {
  return sha1(`${commitment}|${userId}`);
}

/** The key entrants are sorted by, ascending. */
export function drawKeyOf(seed: string, entryToken: string): string {
  return sha1(`${seed}|${entryToken}`);
}

/** Entry tokens in drawn order: position 1 first. */
export function drawOrder(seed: string, entryTokens: readonly string[]): string[] {
  return entryTokens
    .map((token) => ({ token, key: drawKeyOf(seed, token) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.token);
}
