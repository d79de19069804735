import { describe, expect, it } from "vitest";
import {
  addressBlockOf,
  addressSourceFrom,
  clientAddressFrom,
  PEER_ADDRESS_HEADER,
  type AddressSource,
} from "./client-address";

const vercel: AddressSource = { kind: "vercel" };
const oneProxy: AddressSource = { kind: "forwarded-for", hops: 1 };
const twoProxies: AddressSource = { kind: "forwarded-for", hops: 2 };
const peer: AddressSource = { kind: "peer-header" };
const none: AddressSource = { kind: "none" };

describe("addressSourceFrom", () => {
  it.each<[string, Parameters<typeof addressSourceFrom>[0], AddressSource]>([
    ["nothing configured (plain next start)", { STAMPEDE_PEER_HEADER: false }, none],
    ["behind scripts/start.ts", { STAMPEDE_PEER_HEADER: true }, peer],
    ["a proxy chain", { TRUSTED_PROXY_HOPS: 2, STAMPEDE_PEER_HEADER: false }, twoProxies],
    [
      "a proxy chain in front of scripts/start.ts: its peer is the proxy",
      { TRUSTED_PROXY_HOPS: 1, STAMPEDE_PEER_HEADER: true },
      oneProxy,
    ],
    [
      "Vercel, whatever else is set",
      { VERCEL_ENV: "preview", TRUSTED_PROXY_HOPS: 3, STAMPEDE_PEER_HEADER: true },
      vercel,
    ],
  ])("%s", (_label, env, expected) => {
    expect(addressSourceFrom(env)).toEqual(expected);
  });
});

describe("clientAddressFrom", () => {
  const spoofed = {
    "x-forwarded-for": "198.51.100.7",
    "x-real-ip": "198.51.100.8",
    [PEER_ADDRESS_HEADER]: "198.51.100.9",
  };

  it.each<[string, AddressSource, Record<string, string>, string | null]>([
    // Nothing trusted: whatever the client wrote is ignored.
    ["none ignores every header", none, spoofed, null],
    // Vercel overwrites x-real-ip at its edge; X-Forwarded-For and the peer header are not read.
    ["vercel reads x-real-ip", vercel, spoofed, "198.51.100.8"],
    ["vercel without x-real-ip", vercel, { "x-forwarded-for": "198.51.100.7" }, null],
    // One proxy: the entry it appended (rightmost); what the client put left of it is ignored.
    ["one proxy takes the rightmost entry", oneProxy, { "x-forwarded-for": "10.9.9.9, 203.0.113.5" }, "203.0.113.5"],
    [
      "one proxy ignores the client's own entries",
      oneProxy,
      { "x-forwarded-for": "1.1.1.1,2.2.2.2, 203.0.113.5" },
      "203.0.113.5",
    ],
    [
      "two proxies take the second from the right",
      twoProxies,
      { "x-forwarded-for": "6.6.6.6, 203.0.113.5, 192.0.2.10" },
      "203.0.113.5",
    ],
    [
      "fewer entries than hops: the first proxy's entry",
      twoProxies,
      { "x-forwarded-for": "203.0.113.5" },
      "203.0.113.5",
    ],
    ["a proxy chain without the header", oneProxy, {}, null],
    ["a proxy chain does not read the peer header", oneProxy, { [PEER_ADDRESS_HEADER]: "203.0.113.5" }, null],
    ["a port written by the proxy is dropped", oneProxy, { "x-forwarded-for": "203.0.113.5:51234" }, "203.0.113.5"],
    ["garbage in the trusted position is null", oneProxy, { "x-forwarded-for": "203.0.113.5, unknown" }, null],
    // Behind scripts/start.ts: the socket's address, never X-Forwarded-For.
    ["peer header", peer, { ...spoofed, [PEER_ADDRESS_HEADER]: "203.0.113.5" }, "203.0.113.5"],
    ["peer header absent", peer, { "x-forwarded-for": "203.0.113.5" }, null],
    [
      "an IPv4-mapped IPv6 socket address is the IPv4 address",
      peer,
      { [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1" },
      "127.0.0.1",
    ],
    ["IPv6 is keyed by its /64", peer, { [PEER_ADDRESS_HEADER]: "2001:db8:aa:bb:1:2:3:4" }, "2001:db8:aa:bb::/64"],
    [
      "IPv6 shorthand expands before taking the /64",
      peer,
      { [PEER_ADDRESS_HEADER]: "2001:db8::1" },
      "2001:db8:0:0::/64",
    ],
    ["IPv6 in brackets with a port", oneProxy, { "x-forwarded-for": "[2001:db8:1:2::9]:443" }, "2001:db8:1:2::/64"],
    ["IPv6 with a zone id", peer, { [PEER_ADDRESS_HEADER]: "fe80::1%eth0" }, "fe80:0:0:0::/64"],
    ["a hostname is not an address", peer, { [PEER_ADDRESS_HEADER]: "localhost" }, null],
  ])("%s", (_label, source, headers, expected) => {
    expect(clientAddressFrom(new Headers(headers), source)).toBe(expected);
  });

  it("two addresses in one /64 share a key; neighbouring /64s do not", () => {
    const at = (address: string) => clientAddressFrom(new Headers({ [PEER_ADDRESS_HEADER]: address }), peer);
    expect(at("2001:db8:1:2:aaaa::1")).toBe(at("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(at("2001:db8:1:2::1")).not.toBe(at("2001:db8:1:3::1"));
  });
});

describe("addressBlockOf", () => {
  it.each<[string | null, string | null]>([
    ["203.0.113.77", "203.0.113.0/24"],
    ["203.0.113.0", "203.0.113.0/24"],
    ["10.0.0.255", "10.0.0.0/24"],
    ["2001:db8:1:2::/64", "2001:db8:1:2::/64"],
    [null, null],
    ["", null],
    ["not an address", null],
    ["2001:db8::1", null],
  ])("%s → %s", (clientIp, block) => {
    expect(addressBlockOf(clientIp)).toBe(block);
  });

  it("puts neighbours in one /24 together and the next /24 apart, through the trusted address", () => {
    const blockFor = (address: string) =>
      addressBlockOf(clientAddressFrom(new Headers({ [PEER_ADDRESS_HEADER]: address }), { kind: "peer-header" }));
    expect(blockFor("198.51.100.1")).toBe(blockFor("198.51.100.254"));
    expect(blockFor("198.51.100.1")).not.toBe(blockFor("198.51.101.1"));
    // An IPv4-mapped IPv6 address is its IPv4 address, so it lands in the same block.
    expect(blockFor("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
    expect(blockFor("2001:db8:aa:bb:1::1")).toBe(blockFor("2001:db8:aa:bb:ffff::2"));
    expect(blockFor("2001:db8:aa:bb::1")).not.toBe(blockFor("2001:db8:aa:bc::1"));
  });
});
