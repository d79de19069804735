// The passwordless development sign-in: an email address is enough, and an unknown address gets a
// new account. Whether it exists at all is decided by dev-login-policy.ts.
import { CredentialsSignin } from "@auth/core/errors";
import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import type { UserStore } from "./roles";
import type { Role } from "./session";

export const DEV_LOGIN_PROVIDER_ID = "dev-login";

export const devLoginInputSchema = z.object({ email: emailAddressSchema });

export type DevLoginInput = z.infer<typeof devLoginInputSchema>;

/** `code` reaches the sign-in page as `?code=`, so it can say what went wrong. */
export class DevLoginDisabledError extends CredentialsSignin {
  code = "dev_login_disabled";
}
export class InvalidDevLoginEmailError extends CredentialsSignin {
  code = "invalid_email";
}

export interface DevLoginUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
}

/**
 * The credentials provider's `authorize`. Checks the policy again (the provider list already did)
 * so a stale or hand-built request cannot sign in where the policy says no.
 */
export async function authorizeDevLogin(
  db: UserStore,
  credentials: unknown,
  options: { allowed: boolean },
): Promise<DevLoginUser> {
  if (!options.allowed) throw new DevLoginDisabledError();
  const parsed = devLoginInputSchema.safeParse(credentials);
  if (!parsed.success) throw new InvalidDevLoginEmailError();
  const { email } = parsed.data;
  return db.user.upsert({
    where: { email },
    create: { email },
    update: {},
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}
