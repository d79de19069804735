import { describe, expect, it } from "vitest";
import {
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  DEVICE_COOKIE_NAME,
  deriveDeviceCookieKey,
  deviceCookieValueFrom,
  deviceOfRequest,
  newDeviceId,
  signDeviceId,
  verifyDeviceCookieValue,
} from "./device-cookie";

const key = deriveDeviceCookieKey("a-session-secret-of-at-least-32-characters");
const otherKey = deriveDeviceCookieKey("another-session-secret-of-32-characters!");

describe("device cookie values", () => {
  it("round-trips a fresh id through signing and verification", () => {
    const id = newDeviceId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newDeviceId()).not.toBe(id);
    expect(verifyDeviceCookieValue(signDeviceId(id, key), key)).toBe(id);
  });

  it("refuses a value signed with another key, a changed id or MAC, and malformed values", () => {
    const id = newDeviceId();
    const signed = signDeviceId(id, key);
    const [, mac = ""] = signed.split(".");
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    for (const value of [
      signDeviceId(id, otherKey),
      `${flip(id, 3)}.${mac}`,
      `${id}.${flip(mac, 10)}`,
      `${id}.${mac.slice(0, -1)}`,
      id,
      "",
      ".",
      `${id}.${mac}.extra`,
      `short.${mac}`,
    ]) {
      expect(verifyDeviceCookieValue(value, key)).toBeNull();
    }
  });

  it("finds the cookie among others in a Cookie header", () => {
    expect(deviceCookieValueFrom(`theme=dark; ${DEVICE_COOKIE_NAME}=abc.def; lang=en`)).toBe("abc.def");
    expect(deviceCookieValueFrom("theme=dark")).toBeNull();
    expect(deviceCookieValueFrom(`x${DEVICE_COOKIE_NAME}=abc.def`)).toBeNull();
    expect(deviceCookieValueFrom(null)).toBeNull();
  });
});

describe("deviceOfRequest", () => {
  it("keeps a valid cookie's id and sets nothing", () => {
    const id = newDeviceId();
    const headers = new Headers({ cookie: `${DEVICE_COOKIE_NAME}=${signDeviceId(id, key)}` });
    expect(deviceOfRequest(headers, key, { production: true })).toEqual({ deviceId: id, setCookie: null });
  });

  it("issues a fresh id with its cookie when the request has none or a forged one", () => {
    const forged = `${DEVICE_COOKIE_NAME}=${signDeviceId(newDeviceId(), otherKey)}`;
    for (const headers of [new Headers(), new Headers({ cookie: forged })]) {
      const device = deviceOfRequest(headers, key, { production: false });
      expect(device.setCookie).not.toBeNull();
      const value = deviceCookieValueFrom(device.setCookie!.split(";")[0] ?? "");
      expect(value && verifyDeviceCookieValue(value, key)).toBe(device.deviceId);
      expect(device.setCookie).toContain("HttpOnly");
      expect(device.setCookie).toContain("SameSite=Lax");
      expect(device.setCookie).toContain("Path=/");
      expect(device.setCookie).toContain(`Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`);
    }
  });

  it("marks the cookie Secure over https, not over http, and by the environment when the protocol is unknown", () => {
    const secure = (headers: Record<string, string>, production: boolean) =>
      deviceOfRequest(new Headers(headers), key, { production }).setCookie?.includes("; Secure");
    expect(secure({ "x-forwarded-proto": "https" }, false)).toBe(true);
    expect(secure({ "x-forwarded-proto": "http" }, true)).toBe(false);
    expect(secure({}, true)).toBe(true);
    expect(secure({}, false)).toBe(false);
  });
});
