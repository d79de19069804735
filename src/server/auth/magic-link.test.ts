import { describe, expect, it } from "vitest";
import { magicLinkMessage, magicLinkProvider, MAGIC_LINK_PROVIDER_ID } from "./magic-link";

describe("magic link email", () => {
  it("names the site and carries the link in both parts, escaped in HTML", () => {
    const url = 'https://stampede.example.com/api/auth/callback/nodemailer?token=a"b&email=x%40y.test';
    const message = magicLinkMessage(url);
    expect(message.subject).toBe("Sign in to Stampede (stampede.example.com)");
    expect(message.text).toContain(url);
    expect(message.html).toContain(
      'href="https://stampede.example.com/api/auth/callback/nodemailer?token=a&quot;b&amp;email=x%40y.test"',
    );
    expect(message.html).not.toContain('a"b');
  });

  it("is an Auth.js email provider sending from EMAIL_FROM", () => {
    const provider = magicLinkProvider({
      server: "smtp://mail.example.com:587",
      from: "Stampede <no-reply@example.com>",
    });
    expect(provider).toMatchObject({
      id: MAGIC_LINK_PROVIDER_ID,
      type: "email",
      from: "Stampede <no-reply@example.com>",
    });
  });
});
