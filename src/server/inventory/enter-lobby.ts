// Entering a fair draw's lobby in one atomic Redis step (see enter-lobby.lua): the admission
// checks that only the sale can make (a spent challenge, the allowances) and the entry itself.
import type { Redis } from "@upstash/redis";
import type { Admission } from "~/server/admission/types";
import { admissionArgs, isScriptAdmissionRefusal, type ScriptAdmissionRefusal } from "./admission-args";
import { parseDrawnFacts, type DrawnFacts } from "./draw";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

/** The lobby as the entering shopper finds it. */
export interface LobbyFacts {
  /** Epoch ms this shopper entered. */
  enteredAt: number;
  /** Everyone in the lobby, this shopper included. */
  entrants: number;
  /** Units the draw will hand out. */
  units: number;
  opensAt: number;
  drawAt: number;
  commitment: string;
}

export type EnterLobbyStepOutcome = (
  | { ok: true; status: "ENTERED" | "ALREADY_ENTERED"; lobby: LobbyFacts }
  | { ok: false; reason: "LOBBY_NOT_OPEN"; opensAt: Date }
  | { ok: false; reason: "DRAWN" | "NOT_FAIR_DRAW" | "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED" }
  | { ok: false; reason: ScriptAdmissionRefusal }
) & {
  /** This step ran the sale's draw: it must be followed up (see ~/server/fair-draw). */
  draw?: DrawnFacts;
};

type ScriptReply = [string, unknown[], unknown];

export async function enterLobby(
  redis: Redis,
  input: { namespace: string; saleId: string; userId: string; admission?: Admission },
): Promise<EnterLobbyStepOutcome> {
  const reply = await scriptFor(redis, "enter-lobby").exec(saleKeyList(saleKeys(input.namespace, input.saleId)), [
    input.userId,
    ...admissionArgs(input.admission),
  ]);
  return parseEnterLobbyReply(reply as ScriptReply);
}

export function parseEnterLobbyReply(reply: ScriptReply): EnterLobbyStepOutcome {
  const [status, fields = [], drawList] = reply;
  const draw = parseDrawnFacts(drawList);
  const extra = draw ? { draw } : {};
  switch (status) {
    case "ENTERED":
    case "ALREADY_ENTERED": {
      const [enteredAt, entrants, units, opensAt, drawAt, commitment] = fields;
      return {
        ok: true,
        status,
        lobby: {
          enteredAt: Number(enteredAt),
          entrants: Number(entrants),
          units: Math.max(0, Number(units)),
          opensAt: Number(opensAt),
          drawAt: Number(drawAt),
          commitment: String(commitment),
        },
        ...extra,
      };
    }
    case "LOBBY_NOT_OPEN":
      return { ok: false, reason: status, opensAt: new Date(Number(fields[0])), ...extra };
    case "DRAWN":
    case "NOT_FAIR_DRAW":
    case "UNKNOWN_SALE":
    case "NOT_PUBLISHED":
    case "PAUSED":
    case "ENDED":
      return { ok: false, reason: status, ...extra };
    default:
      if (isScriptAdmissionRefusal(status)) return { ok: false, reason: status, ...extra };
      throw new Error(`enter-lobby script answered an unknown status: ${String(status)}`);
  }
}
