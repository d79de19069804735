// Two ways into a shopper's session: through the development sign-in form, as a person would,
// and by planting the session cookie Auth.js would have set (quick, for tests about other things).
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { loadProjectEnv } from "../../scripts/local-stack/env-file";
import { mintSessionToken } from "~/server/auth/session-token";

/** Signs in on /signin with the development sign-in and waits to land on `callbackPath`. */
export async function signInThroughUi(page: Page, email: string, callbackPath = "/"): Promise<void> {
  await page.goto(`/signin?${new URLSearchParams({ callbackUrl: callbackPath })}`);
  await page.locator("#dev-login-email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL((url) => url.pathname === callbackPath, { timeout: 15_000 });
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(email);
}

function authSecret(): string {
  // The same files the server loaded (scripts/serve-production.ts), so the cookie decrypts there.
  loadProjectEnv(process.cwd(), "production");
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set in .env: run `npm run dev` once to create it.");
  return secret;
}

/** Puts an existing user's session cookie into the browser context. */
export async function signInWithCookie(
  context: BrowserContext,
  baseURL: string,
  user: { id: string; email: string; role: "SHOPPER" | "ADMIN"; createdAt?: Date },
): Promise<void> {
  const token = await mintSessionToken(user, authSecret());
  await context.addCookies([
    { name: token.cookieName, value: token.value, url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
}
