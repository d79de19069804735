// The session shape the app relies on. Sessions are JWTs carrying id, role and the account's
// creation time, so no procedure needs a database read to know who is calling or how old the
// account is (a fair sale may admit only accounts older than N days).
import { z } from "zod";

export const roleSchema = z.enum(["SHOPPER", "ADMIN"]);
export type Role = z.infer<typeof roleSchema>;

export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
  role: Role;
  /** Epoch ms the account was created, from the token; absent in tokens issued before it was carried. */
  createdAt?: number | null;
}

export interface AppSession {
  user: SessionUser;
  expires: string;
}
