"use client";
// Wires the buy-flow reducer to the world: clock ticks and live-sale reads go in as OBSERVED
// (through `observe`), `order.status` answers as ORDER_STATUS, and the shopper's five actions —
// enter a fair draw's lobby, reserve, join the waitlist, pay, let the hold go — as their mutations'
// answers. Entering, reserving and joining first solve the sale's challenge when it asks for one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { challengeMessage, type AdmissionContext } from "~/lib/buy-flow/admission-error";
import {
  buyFlowReducer,
  canBuy,
  canJoinWaitlist,
  initialBuyState,
  type BuyPhase,
  type BuyState,
  type GuardedAction,
  type PaymentReturn,
} from "~/lib/buy-flow/buy-flow";
import { canLetGo, canPay, orderPollInterval } from "~/lib/buy-flow/checkout-flow";
import { checkoutErrorMessage, classifyWaitlistError } from "~/lib/buy-flow/checkout-error";
import { canEnterLobby, firstStep } from "~/lib/buy-flow/lobby-flow";
import { classifyReserveError, type ReserveErrorInfo } from "~/lib/buy-flow/reserve-error";
import type { ShopperSaleStatus } from "~/lib/checkout";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { solveChallenge } from "./challenge/solve-challenge";

// Where the shopper stands is read by polling `order.status`, not pushed over a per-shopper event
// stream: a poll works on serverless functions without holding a connection open per shopper,
// passes through every proxy, and costs one small read; every 2 s tells a waitlisted shopper about
// an offer well within its 5-minute window, and a lobby's entrant about the draw within seconds of
// the start. It runs only while something is expected to change (a hold, a place in line, a draw,
// a payment being confirmed), pauses while the tab is hidden, and reads again as soon as the page
// is visible (see orderPollInterval).

/** What a failed tRPC call says, in the shape the error classifiers read. */
function errorInfo(error: unknown): ReserveErrorInfo {
  if (!(error instanceof TRPCClientError)) return { message: error instanceof Error ? error.message : String(error) };
  const data = error.data as { code?: string; retryAfterSeconds?: number; reason?: string } | undefined;
  return { code: data?.code, message: error.message, retryAfterSeconds: data?.retryAfterSeconds, reason: data?.reason };
}

export interface BuyFlowInput {
  saleId: string;
  signedIn: boolean;
  /** The sale asks for a solved challenge on entering, buying and queueing. */
  challengeRequired: boolean;
  /** What refusals may mention about the sale (its minimum account age). */
  admission: AdmissionContext;
  /** Where a challenge that needs the shopper (Turnstile) renders; ALTCHA works hidden inside it. */
  challengeHost: React.RefObject<HTMLElement | null>;
  initialOrder: ShopperSaleStatus | null;
  initialPhase: BuyPhase;
  initialStock: { left: number; readAt: number } | null;
  /** How the payment provider sent the shopper back to this page, if it did. */
  returnedFromPayment: PaymentReturn | null;
  /** A precise server time for stamping answers. */
  serverNow: () => number;
}

export function useBuyFlow(input: BuyFlowInput) {
  const { saleId, signedIn, initialOrder, initialPhase, initialStock, returnedFromPayment, serverNow } = input;
  const { challengeRequired, admission, challengeHost } = input;
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(buyFlowReducer, null, () =>
    initialBuyState({
      phase: initialPhase,
      signedIn,
      challengeRequired,
      stock: initialStock,
      order: initialOrder,
      returnedFromPayment,
    }),
  );
  const latest = useRef<BuyState>(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);

  /** Feed every clock tick and live-sale read; unchanged observations cost nothing. */
  const observe = useCallback(
    (now: number, phase: BuyPhase, stock: { left: number; readAt: number } | null) =>
      dispatch({ type: "OBSERVED", now, phase, stock }),
    [],
  );

  const order = useQuery({
    ...trpc.order.status.queryOptions({ saleId }),
    enabled: state.signedIn,
    initialData: initialOrder ?? undefined,
    staleTime: 1_000,
    refetchInterval: orderPollInterval(state),
    refetchOnWindowFocus: "always",
  });
  const orderData = order.data;
  useEffect(() => {
    if (orderData) dispatch({ type: "ORDER_STATUS", status: orderData });
  }, [orderData]);
  const refetchOrder = order.refetch;

  // Whether this shopper may queue is the server's call, so ask once the sale sells out under them.
  const soldOut = state.status.name === "soldOut";
  const wasSoldOut = useRef(soldOut);
  useEffect(() => {
    if (soldOut && !wasSoldOut.current && state.signedIn) void refetchOrder();
    wasSoldOut.current = soldOut;
  }, [soldOut, state.signedIn, refetchOrder]);

  // The provider's return marker has done its job once read: a later refresh or a shared link must
  // not claim a payment is on its way.
  useEffect(() => {
    if (!returnedFromPayment) return;
    const url = new URL(window.location.href);
    url.searchParams.delete("checkout");
    window.history.replaceState(null, "", url);
  }, [returnedFromPayment]);

  // Back from the payment page by the back button: the browser may restore this page as it left it.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      dispatch({ type: "PAYMENT_RETURNED", how: "back" });
      void refetchOrder();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [refetchOrder]);

  const enter = useMutation(trpc.lobby.enter.mutationOptions());
  const reserve = useMutation(trpc.purchase.reserve.mutationOptions());
  const join = useMutation(trpc.purchase.joinWaitlist.mutationOptions());
  const pay = useMutation(trpc.checkout.pay.mutationOptions());
  const cancel = useMutation(trpc.checkout.cancel.mutationOptions());
  // Double clicks and keyboard repeats stop here, before any request: one action at a time.
  const inFlight = useRef(false);

  /**
   * The challenge before a guarded action, when the box went to "proving" for it: a fresh one from
   * the server each time (a solution counts once), solved here. Null when it failed (the box then
   * says why and offers a retry); otherwise the solution to send, if any.
   */
  const prove = useCallback(
    async (action: GuardedAction): Promise<{ solution: string | undefined } | null> => {
      if (firstStep(latest.current, action).name !== "proving") return { solution: undefined };
      const started = performance.now();
      const host = challengeHost.current;
      let offered = false;
      try {
        if (!host) throw new Error("The page is not ready for the security check.");
        // Straight from the server, past the query cache: the step spends a solution whatever it
        // answers (not started, rate limited, lobby open…), so no attempt may reuse an earlier
        // challenge, and no two attempts may share one in-flight request either.
        const offer = await trpcClient.admission.challenge.query({ saleId });
        offered = true;
        const { solution } = await solveChallenge(offer, host);
        dispatch({ type: "PROVED", tookMs: performance.now() - started });
        return { solution };
      } catch (error) {
        // No challenge could be had (the server or the network): "unavailable"; one that could not
        // be solved here: "unsolved". Either way a retry starts over with a fresh one. The cause
        // stays in the console for whoever helps the shopper.
        console.warn("security check failed", error);
        const problem = offered ? "CHALLENGE_UNSOLVED" : "CHALLENGE_UNAVAILABLE";
        dispatch({ type: "PROOF_FAILED", problem, message: challengeMessage(problem) });
        return null;
      }
    },
    [challengeHost, trpcClient, saleId],
  );

  const enterLobby = useCallback(async () => {
    if (inFlight.current || !canEnterLobby(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "ENTER_LOBBY" });
    let signedOut = false;
    try {
      const proof = await prove("enter");
      if (!proof) return;
      try {
        const result = await enter.mutateAsync({ saleId, challenge: proof.solution });
        dispatch({ type: "LOBBY_ENTERED", lobby: result.lobby, at: serverNow() });
      } catch (error) {
        const refusal = classifyReserveError(errorInfo(error), admission);
        signedOut = refusal.reason === "SIGNED_OUT";
        dispatch({ type: "LOBBY_REFUSED", refusal, at: serverNow() });
      }
    } finally {
      inFlight.current = false;
    }
    if (!signedOut) void refetchOrder();
  }, [prove, enter, saleId, admission, serverNow, refetchOrder]);

  const buy = useCallback(async () => {
    if (inFlight.current || !canBuy(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "BUY" });
    let signedOut = false;
    try {
      const proof = await prove("buy");
      if (!proof) return;
      const result = await reserve.mutateAsync({ saleId, challenge: proof.solution });
      dispatch({
        type: "RESERVED",
        reservationId: result.reservationId,
        alreadyHeld: result.status === "ALREADY_RESERVED",
      });
    } catch (error) {
      const refusal = classifyReserveError(errorInfo(error), admission);
      signedOut = refusal.reason === "SIGNED_OUT";
      dispatch({ type: "REFUSED", refusal, at: serverNow() });
    } finally {
      inFlight.current = false;
    }
    // Whatever the answer, where the shopper stands is the ground truth (the hold and its timer,
    // a unit held from an earlier attempt behind a "sold out" answer, whether the waitlist is open).
    if (!signedOut) void refetchOrder();
  }, [prove, reserve, saleId, admission, serverNow, refetchOrder]);

  const joinWaitlist = useCallback(async () => {
    if (inFlight.current || !canJoinWaitlist(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "JOIN_WAITLIST" });
    try {
      const proof = await prove("join");
      if (!proof) return;
      const result = await join.mutateAsync({ saleId, challenge: proof.solution });
      // A unit free at that very moment comes as a hold straight away: order.status brings it.
      const { position, waiting } = result;
      const waitlist = typeof position === "number" && typeof waiting === "number" ? { position, waiting } : null;
      dispatch({ type: "WAITLIST_JOINED", waitlist });
    } catch (error) {
      dispatch({ type: "WAITLIST_REFUSED", refusal: classifyWaitlistError(errorInfo(error), admission) });
    } finally {
      inFlight.current = false;
    }
    void refetchOrder();
  }, [prove, join, saleId, admission, refetchOrder]);

  const payNow = useCallback(async () => {
    if (inFlight.current || !canPay(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "PAY" });
    try {
      const { url } = await pay.mutateAsync({ saleId });
      // The box stays on "opening" while the browser leaves for the provider's page.
      window.location.assign(url);
    } catch (error) {
      dispatch({ type: "PAY_FAILED", message: checkoutErrorMessage(errorInfo(error)) });
      void refetchOrder();
    } finally {
      inFlight.current = false;
    }
  }, [pay, saleId, refetchOrder]);

  const letGo = useCallback(async () => {
    if (inFlight.current || !canLetGo(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "CANCEL" });
    try {
      const status = await cancel.mutateAsync({ saleId });
      // The answer is where the shopper now stands: it goes where every status read goes.
      queryClient.setQueryData(trpc.order.status.queryKey({ saleId }), status);
    } catch (error) {
      dispatch({ type: "CANCEL_FAILED", message: checkoutErrorMessage(errorInfo(error)) });
      void refetchOrder();
    } finally {
      inFlight.current = false;
    }
  }, [cancel, saleId, queryClient, trpc, refetchOrder]);

  return {
    state,
    statusServerNow: orderData?.serverNow ?? null,
    observe,
    enterLobby,
    buy,
    joinWaitlist,
    payNow,
    letGo,
  };
}
