"use client";
// A fair draw's lobby, for a signed-in shopper: how many have entered against the units (the only
// honest odds before the draw), the button that enters them — after the browser's security check
// when the sale asks for one — and, once in, what happens at the start. The draw's result replaces
// this panel by itself (the page keeps reading where the shopper stands).
import { LocalTime } from "~/app/_components/local-time";
import { ENTRY_LOST, lobbyCountLine, proofTime } from "~/lib/buy-flow/announcements";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import type { LobbyView } from "~/lib/fair-draw";
import { unitsLabel } from "~/lib/sale";
import { Busy } from "./busy";
import { ChallengeProgress } from "./challenge-progress";
import styles from "./sale.module.css";

export type LobbyStatus = Extract<
  BuyStatus,
  { name: "lobbyOpen" | "entryLost" | "proving" | "entering" | "inLobby" | "challengeFailed" | "failed" }
>;

interface LobbyPanelProps {
  status: LobbyStatus;
  lobby: LobbyView | null;
  /** The sale's units, until the lobby's own figures are known. */
  totalStock: number;
  /** Server time now, and the start (when the draw runs). */
  now: number;
  drawAt: number;
  /** The sale is paused: a shopper in the lobby waits for it to resume, when the draw runs. */
  paused: boolean;
  /** How long this browser's security check took, once it ran. */
  proofMs: number | null;
  onEnter: () => void;
}

/** Where a shopper in the lobby is: waiting for the start, the draw running, or the sale paused. */
type Wait = "beforeStart" | "drawing" | "paused";

function heading(status: LobbyStatus, wait: Wait): string {
  if (status.name !== "inLobby") return "The lobby is open";
  return wait === "drawing" ? "Drawing now…" : "You're in the draw";
}

function EnterButton({ status, onEnter }: { status: Exclude<LobbyStatus, { name: "inLobby" }>; onEnter: () => void }) {
  const actionable =
    status.name === "lobbyOpen" ||
    status.name === "entryLost" ||
    status.name === "challengeFailed" ||
    status.name === "failed";
  const busy = status.name === "proving" || status.name === "entering";
  return (
    <button
      type="button"
      className={styles.action}
      data-variant={actionable ? "primary" : "idle"}
      data-testid="enter-draw"
      aria-disabled={!actionable}
      aria-busy={busy || undefined}
      aria-describedby="lobby-explanation"
      onClick={actionable ? onEnter : undefined}
    >
      {status.name === "proving" ? (
        <ChallengeProgress label="Security check…" />
      ) : status.name === "entering" ? (
        <Busy>Entering the draw…</Busy>
      ) : status.name === "lobbyOpen" || status.name === "entryLost" ? (
        "Enter the draw"
      ) : (
        "Try again"
      )}
    </button>
  );
}

function explanation(status: LobbyStatus, wait: Wait): string {
  switch (status.name) {
    case "lobbyOpen":
      return "Everyone who enters before the start has the same chance, whenever they arrive. Entering is free and nothing is charged.";
    case "entryLost":
      return ENTRY_LOST;
    case "proving":
      return "Your browser is solving a small puzzle so bots cannot flood the draw. It usually takes a second or two.";
    case "entering":
      return "Putting your name in the draw…";
    case "challengeFailed":
    case "failed":
      return status.message;
    case "inLobby":
      switch (wait) {
        case "drawing":
          return "The draw is running. Your result appears here in a few seconds — no need to reload.";
        case "paused":
          return "The sale is paused, and the draw waits for it. Your entry stands: keep this page open and your result appears here once the sale resumes.";
        case "beforeStart":
          return "Keep this page open: at the start your result appears here within seconds. Arriving early or late in the lobby makes no difference.";
      }
  }
}

export function LobbyPanel({ status, lobby, totalStock, now, drawAt, paused, proofMs, onEnter }: LobbyPanelProps) {
  const entered = status.name === "inLobby";
  const wait: Wait = paused ? "paused" : now >= drawAt ? "drawing" : "beforeStart";
  const drawing = entered && wait === "drawing";
  const error = status.name === "challengeFailed" || status.name === "failed" || status.name === "entryLost";
  const count = lobby ? lobbyCountLine(lobby.entrants, lobby.units) : `${unitsLabel(totalStock)} in the draw`;
  return (
    <div className={styles.lobby} data-testid="lobby" data-entered={entered}>
      <p className={styles.checkoutEyebrow}>Fair draw</p>
      <h2 className={styles.checkoutTitle} tabIndex={-1} data-focus-target>
        {drawing && <span className={styles.spinner} aria-hidden="true" />}
        {heading(status, wait)}
      </h2>
      <p className={styles.lobbyCount} data-testid="lobby-count">
        {count}
      </p>
      {!entered && <EnterButton status={status} onEnter={onEnter} />}
      <p
        id="lobby-explanation"
        className={styles.explanation}
        data-tone={error ? "error" : undefined}
        data-testid="lobby-explanation"
      >
        {explanation(status, wait)}
      </p>
      {entered && (
        <dl className={styles.facts}>
          <div>
            <dt>Draw at</dt>
            <dd>
              <LocalTime value={drawAt} format="time" seconds />
            </dd>
          </div>
          {proofMs !== null && (
            <div>
              <dt>Security check</dt>
              <dd data-testid="challenge-time" data-ms={proofMs}>
                passed in {proofTime(proofMs)}
              </dd>
            </div>
          )}
        </dl>
      )}
      {lobby && <HowTheDrawWorks lobby={lobby} />}
    </div>
  );
}

function HowTheDrawWorks({ lobby }: { lobby: LobbyView }) {
  return (
    <details className={styles.drawDetails}>
      <summary>How the draw works</summary>
      <p>
        At the start, one shuffled draw puts everyone in the lobby in order. The first {lobby.units} get a unit held for
        them to pay; everyone else joins the waitlist in drawn order, ahead of anyone who arrives after the start.
      </p>
      <p>
        The draw&apos;s secret was fixed before the lobby opened. Its fingerprint is{" "}
        <code className={styles.hash}>{lobby.commitment}</code>; the secret itself is published when the sale ends, so
        anyone can check the order.
      </p>
      {lobby.entryToken && (
        <p>
          Your entry token: <code className={styles.hash}>{lobby.entryToken}</code>
        </p>
      )}
    </details>
  );
}
