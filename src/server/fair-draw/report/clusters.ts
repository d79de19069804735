// Clusters that look automated: address blocks and devices whose entrants behave as people on one
// network or one browser rarely do. Pure: it reads entrants, the attempts the limits turned away
// per block and device, and the allowances, and says which groups stand out and why.
//
// The signals, precisely:
//
// - OVER_ALLOWANCE — accounts admitted from the group plus attempts from it that the block or
//   device limit turned away exceed the allowance (admissionPolicy: 5 per /24 or /64 block, 2 per
//   device). The allowances were set at what honest households, offices and shared laptops need,
//   so more accounts than that trying one sale from one place is the signature of an account farm.
//   When the limits were not enforced (no caps configured) the admitted accounts alone show it.
// - BURST — at least BURST_MIN_PER_BLOCK (3) accounts from one block, or BURST_MIN_PER_DEVICE (2)
//   from one device, entered within BURST_WINDOW_MS (100 ms) of each other (the window starts at
//   an entry and includes entries less than 100 ms after it). People reacting to the same moment
//   are spread over seconds by reaction time and their own networks; three separate people behind
//   one block landing in one tenth of a second is what a script firing accounts together looks
//   like, and it is most of a block's allowance moving as one. Two accounts from one browser within
//   100 ms is never a person: switching accounts takes a sign-out and a sign-in. In a fair draw's
//   lobby arrival time wins nothing, so an honest entrant has no reason to race.
// - AT_ALLOWANCE — the group used every entry its allowance grants. Offices and mobile carriers'
//   shared addresses do this honestly, so on its own it is only worth watching.
//
// A group with OVER_ALLOWANCE or BURST is AUTOMATED; with AT_ALLOWANCE only, WATCH. Entries with
// no known block or device are never grouped: "unknown" is not one place.
import type { Cluster, ClusterKind, ClusterSignal } from "./types";

export const BURST_WINDOW_MS = 100;
export const BURST_MIN_PER_BLOCK = 3;
export const BURST_MIN_PER_DEVICE = 2;

/** One block's or device's entrants and refusals. */
export interface GroupActivity {
  key: string;
  /** When each admitted account entered (epoch ms), one per account. */
  enteredAt: number[];
  /** Attempts from this group turned away by the block or device limit. */
  refused: number;
  /** Holds given to its accounts. */
  units: number;
  /** The other kind of key its accounts had: blocks for a device, devices for a block. */
  related?: readonly string[];
}

/** The largest number of entries within one window, and when that window starts. */
export function largestBurst(times: readonly number[], windowMs: number): { entries: number; at: number } | null {
  if (times.length === 0) return null;
  const sorted = [...times].sort((a, b) => a - b);
  let best = { entries: 0, at: sorted[0]! };
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    const entries = last - first + 1;
    if (entries > best.entries) best = { entries, at: sorted[first]! };
  }
  return best;
}

export function signalsOf(
  group: GroupActivity,
  rules: { allowance: number; burstMin: number; windowMs: number },
): ClusterSignal[] {
  const signals: ClusterSignal[] = [];
  const accounts = group.enteredAt.length;
  const attempts = accounts + group.refused;
  if (attempts > rules.allowance) {
    signals.push({ kind: "OVER_ALLOWANCE", attempts, allowance: rules.allowance });
  } else if (accounts === rules.allowance && accounts > 0) {
    signals.push({ kind: "AT_ALLOWANCE", accounts, allowance: rules.allowance });
  }
  const burst = largestBurst(group.enteredAt, rules.windowMs);
  if (burst && burst.entries >= rules.burstMin) {
    signals.push({ kind: "BURST", entries: burst.entries, windowMs: rules.windowMs, at: new Date(burst.at) });
  }
  return signals;
}

const AUTOMATED_SIGNALS: ReadonlySet<ClusterSignal["kind"]> = new Set(["OVER_ALLOWANCE", "BURST"]);

function clustersOf(
  kind: ClusterKind,
  groups: readonly GroupActivity[],
  rules: { allowance: number; burstMin: number; windowMs: number },
): Cluster[] {
  return groups.flatMap((group) => {
    const signals = signalsOf(group, rules);
    if (signals.length === 0) return [];
    const automated = signals.some((signal) => AUTOMATED_SIGNALS.has(signal.kind));
    return [
      {
        kind,
        key: group.key,
        accounts: group.enteredAt.length,
        refused: group.refused,
        units: group.units,
        related: [...new Set(group.related ?? [])].sort(),
        signals,
        verdict: automated ? "AUTOMATED" : "WATCH",
      } satisfies Cluster,
    ];
  });
}

/** Flagged blocks and devices: automated-looking first, then by attempts, then by key. */
export function detectClusters(input: {
  blocks: readonly GroupActivity[];
  devices: readonly GroupActivity[];
  entriesPerBlock: number;
  entriesPerDevice: number;
}): Cluster[] {
  const found = [
    ...clustersOf("BLOCK", input.blocks, {
      allowance: input.entriesPerBlock,
      burstMin: BURST_MIN_PER_BLOCK,
      windowMs: BURST_WINDOW_MS,
    }),
    ...clustersOf("DEVICE", input.devices, {
      allowance: input.entriesPerDevice,
      burstMin: BURST_MIN_PER_DEVICE,
      windowMs: BURST_WINDOW_MS,
    }),
  ];
  const rank = (cluster: Cluster) => (cluster.verdict === "AUTOMATED" ? 0 : 1);
  return found.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.accounts + b.refused - (a.accounts + a.refused) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
