// The device cookie: a random id the server signs, so the per-device allowance counts browsers,
// not whatever id a client writes. `stampede_device=<id>.<mac>`; the MAC is HMAC-SHA256 with a key
// derived from AUTH_SECRET. A request without a valid cookie gets a fresh id, counted at once,
// and the cookie on its response. A client that throws its cookies away gets a new device each
// time and so escapes this allowance; the address-block allowance is what holds it then.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE_NAME = "stampede_device";

/** Browsers cap a cookie's life at 400 days; the id lives as long as they allow. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

// 16 random bytes in base64url.
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
const MAC_LENGTH = 43;

/** A key of its own for device ids, one-way from AUTH_SECRET (which also encrypts sessions). */
export function deriveDeviceCookieKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "", "stampede device cookie", 32));
}

export function newDeviceId(): string {
  return randomBytes(16).toString("base64url");
}

function macOf(id: string, key: Buffer): string {
  return createHmac("sha256", key).update(id).digest("base64url");
}

export function signDeviceId(id: string, key: Buffer): string {
  return `${id}.${macOf(id, key)}`;
}

/** The id a signed value carries, or null when it is malformed or its MAC does not match. */
export function verifyDeviceCookieValue(value: string, key: Buffer): string | null {
  const dot = value.indexOf(".");
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  const mac = value.slice(dot + 1);
  if (!DEVICE_ID.test(id) || mac.length !== MAC_LENGTH) return null;
  const expected = Buffer.from(macOf(id, key));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The device cookie's raw value from a Cookie header (the first one, as browsers send the most specific first). */
export function deviceCookieValueFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader?.includes(DEVICE_COOKIE_NAME)) return null;
  for (const pair of cookieHeader.split(";")) {
    const separator = pair.indexOf("=");
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === DEVICE_COOKIE_NAME) return pair.slice(separator + 1).trim();
  }
  return null;
}

/** The Set-Cookie header value that stores a signed id: HttpOnly, SameSite=Lax, Secure over https. */
export function deviceSetCookie(signedValue: string, options: { secure: boolean }): string {
  return [
    `${DEVICE_COOKIE_NAME}=${signedValue}`,
    "Path=/",
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export interface DeviceOfRequest {
  deviceId: string;
  /** A Set-Cookie value to send when the request brought no valid cookie; null when it did. */
  setCookie: string | null;
}

/**
 * This request's device: the signed cookie's id, or a fresh one with the cookie that stores it.
 * `secure`: the response goes out over https (or, when the protocol is unknown, in production).
 */
export function deviceOfRequest(headers: Headers, key: Buffer, options: { production: boolean }): DeviceOfRequest {
  const value = deviceCookieValueFrom(headers.get("cookie"));
  const known = value ? verifyDeviceCookieValue(value, key) : null;
  if (known) return { deviceId: known, setCookie: null };
  const deviceId = newDeviceId();
  const protocol = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const secure = protocol === "https" || (protocol !== "http" && options.production);
  return { deviceId, setCookie: deviceSetCookie(signDeviceId(deviceId, key), { secure }) };
}
