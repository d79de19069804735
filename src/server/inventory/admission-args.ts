// How a shopper's admission travels into a sale's atomic step: seven ARGV strings, in the order
// read_admission in holds-lib.lua reads them. Absent admission means no challenge, an unknown
// origin, no caps and an unknown account age (a sale with an age rule then answers "try again").
import type { Admission } from "~/server/admission/types";

export const ADMISSION_ARG_COUNT = 7;

/** Script refusals that come from admission (see admit and spend_challenge in holds-lib.lua). */
export const SCRIPT_ADMISSION_REFUSALS = [
  "CHALLENGE_REQUIRED",
  "CHALLENGE_REPLAYED",
  "ACCOUNT_TOO_NEW",
  "ACCOUNT_AGE_UNKNOWN",
  "BLOCK_LIMIT",
  "DEVICE_LIMIT",
] as const;
export type ScriptAdmissionRefusal = (typeof SCRIPT_ADMISSION_REFUSALS)[number];

export function isScriptAdmissionRefusal(status: unknown): status is ScriptAdmissionRefusal {
  return (SCRIPT_ADMISSION_REFUSALS as readonly unknown[]).includes(status);
}

// The entrant record is "via|atMs|addressBlock|deviceId": a separator inside a value would shift
// the fields, so it cannot appear in one (neither a CIDR block nor a signed cookie id has it).
const field = (value: string | null) => (value ?? "").replaceAll("|", "_");
const count = (value: number) => String(Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);

export function admissionArgs(admission: Admission | undefined): string[] {
  if (!admission) return ["", "0", "", "", "", "0", "0"];
  return [
    field(admission.challengeId),
    count(admission.challengeExpiresAt),
    field(admission.addressBlock),
    field(admission.deviceId),
    admission.accountCreatedAt == null ? "" : count(admission.accountCreatedAt),
    count(admission.perBlock),
    count(admission.perDevice),
  ];
}
