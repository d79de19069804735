// Reads the caller's session from request headers: the Auth.js session cookie, decrypted with
// AUTH_SECRET in-process. No database read and no trip through the Auth.js handler, because the
// tRPC context calls this on every request, the purchase path included.
import { env } from "~/env";
import type { AppSession } from "./session";
import { createSessionReader } from "./session-token";

const readSessionFromCookies = createSessionReader(env.AUTH_SECRET);

export async function readSession(headers: Headers): Promise<AppSession | null> {
  return readSessionFromCookies(headers);
}
