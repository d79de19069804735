"use client";
// The buying side of a sale page: countdown on server time, live stock, and the box that walks a
// shopper from "Buy" (or a fair draw's lobby) through their hold (or their place in line) to where
// their turn ended — with live regions that speak only the changes that matter.
import { useCallback, useEffect, useMemo, useRef } from "react";
import { formatDuration } from "~/app/_components/format-duration";
import { LocalTime } from "~/app/_components/local-time";
import { UnitsLeftBar } from "~/app/_components/units-left-bar";
import shared from "~/app/_components/storefront.module.css";
import { useLiveSale } from "~/app/_components/use-live-sale";
import { isUrgentChange, statusAnnouncement, stockAnnouncement } from "~/lib/buy-flow/announcements";
import {
  canJoinWaitlist,
  type BuyPhase,
  type BuyState,
  type BuyStatus,
  type PaymentReturn,
} from "~/lib/buy-flow/buy-flow";
import type { OpeningMode } from "~/lib/fair-draw";
import { buyPhase, type LiveSale, type SaleWindow } from "~/lib/buy-flow/live-sale";
import { isHolding } from "~/lib/buy-flow/resting";
import type { ShopperSaleStatus } from "~/lib/checkout";
import { formatPrice } from "~/lib/money";
import { useServerClock, useServerNow } from "~/lib/server-clock/use-server-clock";
import { AdmissionRefused } from "./admission-refused";
import { BuyAction, type ActionStatus } from "./buy-action";
import { CheckoutPanel, type Announce } from "./checkout-panel";
import { LobbyPanel, type LobbyStatus } from "./lobby-panel";
import { OrderOutcome, type OutcomeStatus } from "./order-outcome";
import { RemindMe } from "./remind-me";
import { EndedCard, SoldOutCard, type NextDrop } from "./result-cards";
import styles from "./sale.module.css";
import { useBuyFlow } from "./use-buy-flow";
import { WaitlistPanel } from "./waitlist-panel";

export interface PanelSale {
  id: string;
  slug: string;
  priceMinor: number;
  currency: string;
  totalStock: number;
  state: SaleWindow["state"];
  startsAt: Date;
  endsAt: Date;
  /** When an admin ended it early; null for a sale that ran (or runs) to `endsAt`. */
  endedAt: Date | null;
  openingMode: OpeningMode;
  /** A fair draw's lobby opening; null for a first-come sale. */
  lobbyOpensAt: Date | null;
  challengeRequired: boolean;
  minAccountAgeDays: number;
}

export interface SalePanelProps {
  sale: PanelSale;
  renderedAt: number;
  signedIn: boolean;
  initialOrder: ShopperSaleStatus | null;
  initialLive: LiveSale | null;
  returnedFromPayment: PaymentReturn | null;
  /** The next sale to open, where a shopper who missed this one is pointed. */
  nextDrop: NextDrop | null;
}

export function SalePanel({
  sale,
  renderedAt,
  signedIn,
  initialOrder,
  initialLive,
  returnedFromPayment,
  nextDrop,
}: SalePanelProps) {
  const readServerTime = useServerClock(renderedAt);
  const fallbackWindow: SaleWindow = {
    state: sale.state,
    startsAt: sale.startsAt.getTime(),
    endsAt: sale.endsAt.getTime(),
  };
  const configuredLobbyOpensAt = sale.lobbyOpensAt?.getTime() ?? null;
  const initialPhase = buyPhase(initialLive ?? fallbackWindow, renderedAt, configuredLobbyOpensAt);
  const { data: live = null } = useLiveSale(sale.id, { initial: initialLive, poll: initialPhase !== "ended" });
  const saleWindow = live ?? fallbackWindow;
  const stock = live ? { left: live.stockLeft, readAt: live.readAt } : null;
  const challengeHost = useRef<HTMLDivElement>(null);
  const admission = useMemo(() => ({ minAccountAgeDays: sale.minAccountAgeDays }), [sale.minAccountAgeDays]);

  const flow = useBuyFlow({
    saleId: sale.id,
    signedIn,
    challengeRequired: sale.challengeRequired,
    admission,
    challengeHost,
    initialOrder,
    initialPhase,
    initialStock: stock,
    returnedFromPayment,
    serverNow: readServerTime,
  });
  const { state, observe } = flow;
  // The lobby's own word when the server gave it (an admin may have moved the start since the
  // page was rendered); otherwise the sale's.
  const lobbyOpensAt = state.lobby?.opensAt ?? configuredLobbyOpensAt;

  // Tick on the second of whatever the shopper is waiting for, so it opens on the moment.
  const alignTo =
    state.status.name === "rateLimited"
      ? state.status.retryAt
      : state.phase === "upcoming"
        ? (lobbyOpensAt ?? saleWindow.startsAt)
        : state.phase === "lobby"
          ? saleWindow.startsAt
          : saleWindow.endsAt;
  const now = useServerNow(renderedAt, alignTo);
  const phase = buyPhase(saleWindow, now, lobbyOpensAt);

  useEffect(() => observe(now, phase, stock), [observe, now, phase, stock?.left, stock?.readAt]); // eslint-disable-line react-hooks/exhaustive-deps -- stock is compared by value

  const { polite, urgent, announce } = useAnnouncer(state.status, live);
  const box = boxOf(state.status, phase);
  const boxRef = useFocusFollowsBox(box.kind);
  // While a unit is held, its own countdown is the clock that matters: the sale's would compete.
  // In the lobby after the start, the draw is the only news: the sale's end is not theirs yet.
  const holding = box.kind === "checkout" || (box.kind === "lobby" && phase !== "lobby");
  const beforeDraw = phase === "upcoming" || phase === "lobby";
  // A sale with nothing left has nothing to count down to: the sold-out card takes the clock's place.
  const soldOut = phase === "live" && stock?.left === 0;
  const card = resultCard(box, state, phase);
  const returnTo = `/sales/${sale.slug}`;

  return (
    <section className={styles.panel} aria-label="Buy this item" data-testid="sale-panel" data-phase={phase}>
      {!holding && !soldOut && card !== "ended" && (
        <Timing
          phase={phase}
          now={now}
          startsAt={saleWindow.startsAt}
          endsAt={saleWindow.endsAt}
          endedAt={sale.endedAt?.getTime() ?? null}
          lobbyOpensAt={lobbyOpensAt}
        />
      )}
      {!holding && box.kind !== "lobby" && <PanelStock phase={phase} live={live} totalStock={sale.totalStock} />}
      <div
        ref={boxRef}
        data-testid="buy"
        data-status={state.status.name}
        // On phones the buy button stays in reach at the bottom of the screen (see sale.module.css).
        data-sticky={box.kind === "action" && card === null ? "" : undefined}
      >
        {card === "ended" ? (
          <EndedCard
            endedAt={sale.endedAt}
            endsAt={saleWindow.endsAt}
            early={now < saleWindow.endsAt}
            nextDrop={nextDrop}
            signedIn={signedIn}
          />
        ) : card === "soldOut" ? (
          <SoldOutCard nextDrop={nextDrop} signedIn={signedIn} />
        ) : card === "waitlist" && box.kind === "action" ? (
          <SoldOutCard nextDrop={nextDrop} signedIn={signedIn}>
            <BuyAction
              status={box.status}
              now={now}
              startsAt={saleWindow.startsAt}
              priceLabel={formatPrice(sale.priceMinor, sale.currency)}
              signInHref={`/signin?${new URLSearchParams({ callbackUrl: returnTo })}`}
              canJoin={canJoinWaitlist(state)}
              lobbyOpensAt={null}
              onBuy={() => void flow.buy()}
              onJoinWaitlist={() => void flow.joinWaitlist()}
            />
          </SoldOutCard>
        ) : box.kind === "checkout" ? (
          <CheckoutPanel
            status={box.status}
            serverNow={flow.statusServerNow ?? renderedAt}
            onPay={() => void flow.payNow()}
            onLetGo={() => void flow.letGo()}
            announce={announce}
            draw={state.draw}
          />
        ) : box.kind === "waitlist" ? (
          <WaitlistPanel status={box.status} draw={state.draw} />
        ) : box.kind === "outcome" ? (
          <OrderOutcome status={box.status} />
        ) : box.kind === "refused" ? (
          <AdmissionRefused status={box.status} />
        ) : box.kind === "lobby" ? (
          <LobbyPanel
            status={box.status}
            lobby={state.lobby}
            totalStock={sale.totalStock}
            now={now}
            drawAt={saleWindow.startsAt}
            paused={phase === "paused"}
            proofMs={state.proofMs}
            onEnter={() => void flow.enterLobby()}
          />
        ) : (
          <BuyAction
            status={box.status}
            now={now}
            startsAt={saleWindow.startsAt}
            priceLabel={formatPrice(sale.priceMinor, sale.currency)}
            signInHref={`/signin?${new URLSearchParams({ callbackUrl: returnTo })}`}
            canJoin={canJoinWaitlist(state)}
            lobbyOpensAt={beforeDraw ? lobbyOpensAt : null}
            onBuy={() => void flow.buy()}
            onJoinWaitlist={() => void flow.joinWaitlist()}
          />
        )}
      </div>
      {phase === "upcoming" && <RemindMe saleId={sale.id} slug={sale.slug} signedIn={signedIn} returnTo={returnTo} />}
      {/* Where a security check that needs the shopper (Turnstile) shows itself; empty otherwise. */}
      <div ref={challengeHost} className={styles.challengeHost} data-testid="challenge-host" />
      <p
        ref={polite}
        className={shared.srOnly}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      />
      <p ref={urgent} className={shared.srOnly} role="alert" aria-atomic="true" data-testid="urgent-announcer" />
    </section>
  );
}

type Box =
  | { kind: "checkout"; status: Extract<BuyStatus, { name: "held" }> }
  | { kind: "waitlist"; status: Extract<BuyStatus, { name: "waitlisted" }> }
  | { kind: "outcome"; status: OutcomeStatus }
  | { kind: "refused"; status: Extract<BuyStatus, { name: "admissionRefused" }> }
  | { kind: "lobby"; status: LobbyStatus }
  | { kind: "action"; status: ActionStatus };

function boxOf(status: BuyStatus, phase: BuyPhase): Box {
  switch (status.name) {
    case "held":
      return { kind: "checkout", status };
    case "waitlisted":
      return { kind: "waitlist", status };
    case "admissionRefused":
      return { kind: "refused", status };
    case "lobbyOpen":
    case "entryLost":
    case "entering":
    case "inLobby":
      return { kind: "lobby", status };
    case "proving":
    case "challengeFailed":
      return status.action === "enter" ? { kind: "lobby", status } : { kind: "action", status };
    case "failed":
      // An entry that failed is retried from the lobby; anything else from the buy button.
      return phase === "lobby" ? { kind: "lobby", status } : { kind: "action", status };
    case "paid":
    case "confirmed":
    case "expired":
    case "cancelled":
    case "refunded":
    case "refused":
      return { kind: "outcome", status };
    default:
      return { kind: "action", status };
  }
}

/**
 * The result card that replaces the buy button once buying is over for this shopper: the sale ended,
 * or sold out (with the waitlist's button inside when this shopper may still queue). Null while
 * the button has something to do.
 */
function resultCard(box: Box, state: BuyState, phase: BuyPhase): "ended" | "soldOut" | "waitlist" | null {
  if (box.kind !== "action") return null;
  const status = box.status.name;
  if (phase === "ended" || status === "ended") return "ended";
  const joiningLine =
    status === "joining" ||
    status === "waitlistFailed" ||
    (box.status.name === "challengeFailed" && box.status.action === "join") ||
    (box.status.name === "proving" && box.status.action === "join");
  if (joiningLine || (status === "soldOut" && canJoinWaitlist(state))) return "waitlist";
  if (status === "soldOut") return "soldOut";
  return null;
}

/**
 * When the box swaps one panel for another (the buy button for the checkout, the checkout for its
 * outcome) while the shopper was working in it, the focused button disappears with it; focus then
 * goes to the new panel's heading rather than falling back to the top of the page. A change the
 * shopper did not start while elsewhere on the page (an offer arriving) leaves their focus alone:
 * the live region tells them.
 */
function useFocusFollowsBox(kind: Box["kind"]) {
  const ref = useRef<HTMLDivElement>(null);
  const previous = useRef(kind);
  // Focus leaving for another element of the page clears this; a focused button removed with its
  // panel (or the window losing focus) does not.
  const workingInBox = useRef(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const onFocusIn = () => {
      workingInBox.current = true;
    };
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !box.contains(event.relatedTarget)) workingInBox.current = false;
    };
    box.addEventListener("focusin", onFocusIn);
    box.addEventListener("focusout", onFocusOut);
    return () => {
      box.removeEventListener("focusin", onFocusIn);
      box.removeEventListener("focusout", onFocusOut);
    };
  }, []);
  useEffect(() => {
    if (previous.current === kind) return;
    previous.current = kind;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (workingInBox.current && lost) ref.current?.querySelector<HTMLElement>("[data-focus-target]")?.focus();
  }, [kind]);
  return ref;
}

/** Writes announcements straight into the live regions: what changed, once, never every tick. */
function useAnnouncer(status: BuyStatus, live: LiveSale | null) {
  const polite = useRef<HTMLParagraphElement>(null);
  const urgent = useRef<HTMLParagraphElement>(null);
  const previousStatus = useRef<BuyStatus | null>(null);
  const previousLeft = useRef<number | null>(null);

  const announce: Announce = useCallback((sentence, isUrgent) => {
    const region = isUrgent ? urgent.current : polite.current;
    if (region) region.textContent = sentence;
  }, []);

  useEffect(() => {
    const sentence = statusAnnouncement(previousStatus.current, status);
    const isUrgent = isUrgentChange(previousStatus.current, status);
    previousStatus.current = status;
    if (sentence) announce(sentence, isUrgent);
  }, [status, announce]);

  // Once the shopper has a unit (or a place in line), stock is no longer their news, and would
  // talk over what is: their own unit taken is what made the count drop.
  const left = live?.stockLeft ?? null;
  const total = live?.total ?? 0;
  const ownTurn = isHolding(status);
  useEffect(() => {
    if (left === null) return;
    const sentence = stockAnnouncement(previousLeft.current, left, total);
    previousLeft.current = left;
    if (sentence && !ownTurn) announce(sentence, false);
  }, [left, total, ownTurn, announce]);

  return { polite, urgent, announce };
}

function PanelStock({ phase, live, totalStock }: { phase: BuyPhase; live: LiveSale | null; totalStock: number }) {
  if (phase === "upcoming" || phase === "lobby" || !live)
    return <UnitsLeftBar left={totalStock} total={totalStock} measure="offered" />;
  return <UnitsLeftBar left={live.stockLeft} total={live.total} measure={phase === "ended" ? "sold" : "left"} />;
}

interface TimingProps {
  phase: BuyPhase;
  now: number;
  startsAt: number;
  endsAt: number;
  /** When an admin ended it early; null otherwise. */
  endedAt: number | null;
  /** A fair draw's lobby opening (the start is its draw); null for a first-come sale. */
  lobbyOpensAt: number | null;
}

/** What the countdown counts to, and the words around it. */
function timingOf({ phase, startsAt, endsAt, endedAt, lobbyOpensAt }: TimingProps) {
  const fairDraw = lobbyOpensAt !== null;
  switch (phase) {
    case "upcoming":
      return fairDraw
        ? { heading: "Lobby opens in", target: lobbyOpensAt, note: "Draw at ", noteAt: startsAt }
        : { heading: "Starts in", target: startsAt, note: "Opens ", noteAt: startsAt };
    case "lobby":
      return { heading: "Draw in", target: startsAt, note: "Draw at ", noteAt: startsAt };
    case "live":
      return { heading: "Ends in", target: endsAt, note: "Closes ", noteAt: endsAt };
    case "paused":
      return { heading: "Paused", target: null, note: "Closes ", noteAt: endsAt };
    case "ended":
      return { heading: "Ended", target: null, note: "Ended ", noteAt: endedAt ?? endsAt };
  }
}

function Timing(props: TimingProps) {
  const { phase, now } = props;
  const { heading, target, note, noteAt } = timingOf(props);
  const { clock, spoken } = formatDuration((target ?? now) - now);
  return (
    <div className={styles.timing} data-phase={phase}>
      <span className={styles.timingLabel}>{heading}</span>
      {target !== null ? (
        <span className={styles.timingClock} role="timer" data-testid="countdown">
          <span aria-hidden="true">{clock}</span>
          <span className={shared.srOnly}>{spoken}</span>
        </span>
      ) : (
        <span className={styles.timingClock}>{phase === "paused" ? "Back soon" : "Closed"}</span>
      )}
      <span className={styles.timingNote}>
        {note}
        <LocalTime value={noteAt} />
      </span>
    </div>
  );
}
