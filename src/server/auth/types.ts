// Teaches Auth.js's types what our callbacks add: the user's id and role on the session and in
// the JWT. The runtime shape is AppSession (session.ts); these only keep `auth()` honest.
import type { Role } from "./session";

declare module "@auth/core/types" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null; role: Role };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    /** Epoch ms the account was created (see callbacks.ts). */
    createdAt?: number;
  }
}

export {};
