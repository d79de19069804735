// The session shape the app relies on. Sessions are JWTs carrying id and role, so no procedure
// needs a database read to know who is calling.
import { z } from "zod";

export const roleSchema = z.enum(["SHOPPER", "ADMIN"]);
export type Role = z.infer<typeof roleSchema>;

export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
  role: Role;
}

export interface AppSession {
  user: SessionUser;
  expires: string;
}
