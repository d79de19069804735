// Reads the caller's session from request headers. Until sign-in lands every caller is anonymous.
import type { AppSession } from "./session";

export async function readSession(_headers: Headers): Promise<AppSession | null> {
  return null;
}
