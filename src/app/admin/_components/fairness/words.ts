// How the fairness report's figures read: durations, shares, refusal reasons and cluster signals.
import type { ClusterSignal, DenialRow } from "~/server/fair-draw/report/types";

export const count = (value: number) => value.toLocaleString("en-US");

/** A share as a percentage with one decimal ("12.5%"), "0%" for none. */
export function percent(share: number): string {
  if (share === 0) return "0%";
  return `${(share * 100).toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`;
}

/** "0.042 s", "3.2 s", "4 min 05 s" — short enough for a table cell. */
export function duration(ms: number): string {
  const sign = ms < 0 ? "−" : "";
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${sign}${(abs / 1_000).toFixed(3)} s`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1_000);
  return `${sign}${minutes} min ${String(seconds).padStart(2, "0")} s`;
}

const REASONS: Record<string, string> = {
  CHALLENGE_REQUIRED: "No challenge solved",
  CHALLENGE_INVALID: "Challenge did not verify",
  CHALLENGE_REPLAYED: "Challenge solution reused",
  CHALLENGE_UNAVAILABLE: "Challenge verifier unreachable",
  BLOCK_LIMIT: "Address block over its allowance",
  DEVICE_LIMIT: "Device over its allowance",
  ACCOUNT_TOO_NEW: "Account too new",
  ACCOUNT_AGE_UNKNOWN: "Account age could not be read",
  RATE_LIMITED: "Too many attempts",
  LIMITER_UNAVAILABLE: "Rate limiter unavailable",
};

export const STAGE_LABELS: Record<DenialRow["stage"], string> = { lobby: "Entering the lobby", buy: "Buying" };
/** The same, short enough for a chart's bar label. */
export const STAGE_SHORT: Record<DenialRow["stage"], string> = { lobby: "Lobby", buy: "Buy" };

export function reasonLabel(reason: string): string {
  return REASONS[reason] ?? reason.replaceAll("_", " ").toLowerCase();
}

export function signalWords(signal: ClusterSignal): string {
  switch (signal.kind) {
    case "OVER_ALLOWANCE":
      return `${count(signal.attempts)} entries tried where ${signal.allowance} are allowed`;
    case "BURST":
      return `${signal.entries} accounts entered within ${signal.windowMs} ms`;
    case "AT_ALLOWANCE":
      return `used all ${signal.allowance} entries of its allowance`;
  }
}
