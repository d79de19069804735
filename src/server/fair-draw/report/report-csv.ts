// The fairness report as CSV: one row per entrant (and one per winner who is not among the recorded
// entrants), with their draw position, where they came from, what they won and how fast, and
// whether their block or device was flagged. The JSON download carries the whole report.
import { csvRow } from "~/server/sales/admin/csv";
import type { FairnessReport, WinnerRecord } from "./types";

export const FAIRNESS_CSV_HEADER = [
  "entry_token",
  "user_id",
  "via",
  "entered_at_utc",
  "draw_position",
  "address_block",
  "device_id",
  "order_number",
  "order_status",
  "hold_kind",
  "reserved_at_utc",
  "time_to_hold_ms",
  "block_verdict",
  "device_verdict",
];

export function fairnessCsvLines(report: FairnessReport): string[] {
  const verdicts = new Map(report.clusters.map((cluster) => [`${cluster.kind}:${cluster.key}`, cluster.verdict]));
  const verdictOf = (kind: "BLOCK" | "DEVICE", key: string | null) =>
    key ? (verdicts.get(`${kind}:${key}`) ?? "") : "";
  const winners = new Map(report.winners.map((winner) => [winner.userId, winner]));
  const won = (winner: WinnerRecord | undefined) => [
    winner?.orderNumber,
    winner?.status,
    winner?.holdKind,
    winner?.reservedAt,
    winner?.timeToHoldMs,
  ];
  const lines = [csvRow(FAIRNESS_CSV_HEADER)];
  for (const entrant of report.entrantList) {
    lines.push(
      csvRow([
        entrant.entryToken,
        entrant.userId,
        entrant.via,
        entrant.enteredAt,
        entrant.drawPosition,
        entrant.addressBlock,
        entrant.deviceId,
        ...won(winners.get(entrant.userId)),
        verdictOf("BLOCK", entrant.addressBlock),
        verdictOf("DEVICE", entrant.deviceId),
      ]),
    );
  }
  const entered = new Set(report.entrantList.map((entrant) => entrant.userId));
  for (const winner of report.winners) {
    if (entered.has(winner.userId)) continue;
    lines.push(csvRow([null, winner.userId, null, null, null, null, null, ...won(winner), "", ""]));
  }
  return lines;
}
