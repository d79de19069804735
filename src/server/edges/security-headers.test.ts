// The security headers next.config.mjs sends with every page, route handler and asset.
import { describe, expect, it } from "vitest";
import nextConfig, { securityHeaders } from "../../../next.config.mjs";

type Mode = Parameters<typeof securityHeaders>[0]["mode"];

function headerMap(mode: Mode): Map<string, string> {
  return new Map(securityHeaders({ mode }).map(({ key, value }) => [key.toLowerCase(), value]));
}

function cspOf(mode: Mode): Map<string, string[]> {
  const directives = (headerMap(mode).get("content-security-policy") ?? "").split(";").map((part) => part.trim());
  const parsed = directives.map((directive) => directive.split(/\s+/));
  // A directive given twice is ignored the second time by browsers: each must appear once.
  expect(new Set(parsed.map(([name]) => name)).size).toBe(parsed.length);
  return new Map(parsed.map(([name = "", ...sources]) => [name, sources]));
}

describe("securityHeaders", () => {
  it.each<Mode>(["production", "development", "test"])(
    "%s: no framing, no sniffing, a referrer policy, no powerful features",
    (mode) => {
      const headers = headerMap(mode);
      expect(headers.get("x-frame-options")).toBe("DENY");
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(headers.get("permissions-policy")).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\).*payment=\(\)/);
      const csp = cspOf(mode);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("base-uri")).toEqual(["'self'"]);
      expect(csp.get("form-action")?.[0]).toBe("'self'");
      // Next's inline scripts run without a nonce (see next.config.mjs), from this origin only.
      expect(csp.get("script-src")?.slice(0, 2)).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get("script-src")?.some((source) => /^https?:|^\*$/.test(source))).toBe(false);
    },
  );

  it("production: HSTS, and neither eval nor any WebSocket origin", () => {
    expect(headerMap("production").get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const csp = cspOf("production");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("development keeps React's dev build and hot reload working, without HSTS on localhost", () => {
    const csp = cspOf("development");
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("connect-src")).toEqual(expect.arrayContaining(["'self'", "ws:"]));
    expect(headerMap("development").has("strict-transport-security")).toBe(false);
  });

  it("allows Cloudflare Turnstile's script and frame only when Turnstile is the challenge", () => {
    const withTurnstile = new Map(
      securityHeaders({ mode: "production", turnstile: true }).map(({ key, value }) => [key.toLowerCase(), value]),
    );
    const csp = withTurnstile.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self' 'unsafe-inline' https://challenges.cloudflare.com");
    expect(csp).toContain("frame-src https://challenges.cloudflare.com");
    expect(cspOf("production").has("frame-src")).toBe(false);
    expect(cspOf("production").get("script-src")).not.toContain("https://challenges.cloudflare.com");
  });

  it("tests get the production policy without HSTS", () => {
    expect(cspOf("test").get("script-src")).not.toContain("'unsafe-eval'");
    expect(headerMap("test").has("strict-transport-security")).toBe(false);
  });

  it("the config sends them on every path, for the environment it was loaded in", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: "/:path*", headers: securityHeaders({ mode: "test" }) }]);
  });
});
