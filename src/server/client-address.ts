// The caller's address, from a source this deployment can vouch for, or null. It keys the
// per-address rate limit, so a value the client writes itself (X-Forwarded-For as sent, X-Real-IP
// off Vercel) never decides it: trusting one would let a client escape the limit by inventing
// addresses, or use up someone else's by claiming theirs. Pure functions of the headers and the
// configured source, so every rule is unit-tested.
import { isIP } from "node:net";
import { ipAddress } from "@vercel/functions";

/**
 * Set by scripts/start.ts to the socket's remote address on every request, after deleting any
 * value the client sent. Trusted only when the app is told it runs behind that server.
 */
export const PEER_ADDRESS_HEADER = "x-stampede-peer-address";

export type AddressSource =
  /** Vercel's edge overwrites X-Real-IP with the connecting address; read via @vercel/functions. */
  | { kind: "vercel" }
  /** `hops` reverse proxies in front, each appending its peer: the entry `hops` from the right. */
  | { kind: "forwarded-for"; hops: number }
  /** Behind scripts/start.ts, which writes PEER_ADDRESS_HEADER from the socket. */
  | { kind: "peer-header" }
  /** Nothing trustworthy (plain `next start`): per-account limits still apply. */
  | { kind: "none" };

export interface AddressSourceEnv {
  VERCEL_ENV?: string;
  TRUSTED_PROXY_HOPS?: number;
  STAMPEDE_PEER_HEADER: boolean;
}

/** Decided once per process. A configured proxy chain wins over the peer header: its peer is the proxy. */
export function addressSourceFrom(env: AddressSourceEnv): AddressSource {
  if (env.VERCEL_ENV) return { kind: "vercel" };
  if (env.TRUSTED_PROXY_HOPS) return { kind: "forwarded-for", hops: env.TRUSTED_PROXY_HOPS };
  if (env.STAMPEDE_PEER_HEADER) return { kind: "peer-header" };
  return { kind: "none" };
}

export function clientAddressFrom(headers: Headers, source: AddressSource): string | null {
  switch (source.kind) {
    case "vercel":
      return rateLimitAddress(ipAddress(headers));
    case "forwarded-for":
      return rateLimitAddress(forwardedEntry(headers.get("x-forwarded-for"), source.hops));
    case "peer-header":
      return rateLimitAddress(headers.get(PEER_ADDRESS_HEADER));
    case "none":
      return null;
  }
}

/**
 * Each trusted proxy appends the address it saw, so the client is `hops` entries from the right;
 * everything further left was written by the client. Fewer entries than hops means the request
 * entered below the outermost proxy, and the leftmost entry is what the first proxy it met saw.
 */
function forwardedEntry(header: string | null, hops: number): string | null {
  const entries = (header ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - hops)] ?? null;
}

/**
 * The key the per-address limit counts: an IPv4 address, or an IPv6 /64 (one subscriber's
 * network, inside which a client can pick any of 2^64 addresses). Anything else is null.
 */
function rateLimitAddress(raw: string | null | undefined): string | null {
  const address = withoutPort((raw ?? "").trim());
  if (isIP(address) === 4) return address;
  if (isIP(address) !== 6) return null;
  const groups = ipv6Groups(address);
  const isMappedIpv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMappedIpv4) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** Some proxies write `1.2.3.4:5678` or `[2001:db8::1]:443`. */
function withoutPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1] ?? "";
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  return ipv4WithPort?.[1] ?? value;
}

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped, embedded IPv4 converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const embedded = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (embedded) {
    const [a = 0, b = 0, c = 0, d = 0] = embedded.slice(1).map(Number);
    text = `${text.slice(0, embedded.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The address block an entry counts against for a sale's allowances: an IPv4 address's /24 (one
 * household's or office's neighbours, a small hosting range), an IPv6 /64 as the address already
 * is. Takes what clientAddressFrom returns; null stays null (no trusted address, no block).
 */
export function addressBlockOf(clientIp: string | null): string | null {
  if (!clientIp) return null;
  if (clientIp.endsWith("::/64")) return clientIp;
  if (isIP(clientIp) !== 4) return null;
  const [a, b, c] = clientIp.split(".");
  return `${a}.${b}.${c}.0/24`;
}
