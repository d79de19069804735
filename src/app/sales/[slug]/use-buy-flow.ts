"use client";
// Wires the buy-flow reducer to the world: clock ticks and live-sale reads go in as OBSERVED
// (through `observe`), `order.status` answers as ORDER_STATUS, and the shopper's four actions —
// reserve, join the waitlist, pay, let the hold go — as their mutations' answers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useReducer, useRef } from "react";
import {
  buyFlowReducer,
  canBuy,
  canJoinWaitlist,
  initialBuyState,
  type BuyPhase,
  type BuyState,
  type PaymentReturn,
} from "~/lib/buy-flow/buy-flow";
import { canLetGo, canPay, needsOrderPolling } from "~/lib/buy-flow/checkout-flow";
import { checkoutErrorMessage, classifyWaitlistError } from "~/lib/buy-flow/checkout-error";
import { classifyReserveError, type ReserveErrorInfo } from "~/lib/buy-flow/reserve-error";
import type { ShopperSaleStatus } from "~/lib/checkout";
import { useTRPC } from "~/trpc/react";

// Where the shopper stands is read by polling `order.status`, not pushed over a per-shopper event
// stream: a poll works on serverless functions without holding a connection open per shopper,
// passes through every proxy, and costs one small read; every 2 s tells a waitlisted shopper about
// an offer well within its 5-minute window. It runs only while something is expected to change
// (a hold, a place in line, a payment being confirmed), pauses while the tab is hidden, and reads
// again as soon as the page is visible.
const STATUS_POLL_MS = 2_000;

/** What a failed tRPC call says, in the shape the error classifiers read. */
function errorInfo(error: unknown): ReserveErrorInfo {
  if (!(error instanceof TRPCClientError)) return { message: error instanceof Error ? error.message : String(error) };
  const data = error.data as { code?: string; retryAfterSeconds?: number; reason?: string } | undefined;
  return { code: data?.code, message: error.message, retryAfterSeconds: data?.retryAfterSeconds, reason: data?.reason };
}

export interface BuyFlowInput {
  saleId: string;
  signedIn: boolean;
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(buyFlowReducer, null, () =>
    initialBuyState({
      phase: initialPhase,
      signedIn,
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
    refetchInterval: needsOrderPolling(state) ? STATUS_POLL_MS : false,
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

  const reserve = useMutation(trpc.purchase.reserve.mutationOptions());
  const join = useMutation(trpc.purchase.joinWaitlist.mutationOptions());
  const pay = useMutation(trpc.checkout.pay.mutationOptions());
  const cancel = useMutation(trpc.checkout.cancel.mutationOptions());
  // Double clicks and keyboard repeats stop here, before any request: one action at a time.
  const inFlight = useRef(false);

  const buy = useCallback(async () => {
    if (inFlight.current || !canBuy(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "BUY" });
    let signedOut = false;
    try {
      const result = await reserve.mutateAsync({ saleId });
      dispatch({
        type: "RESERVED",
        reservationId: result.reservationId,
        alreadyHeld: result.status === "ALREADY_RESERVED",
      });
    } catch (error) {
      const refusal = classifyReserveError(errorInfo(error));
      signedOut = refusal.reason === "SIGNED_OUT";
      dispatch({ type: "REFUSED", refusal, at: serverNow() });
    } finally {
      inFlight.current = false;
    }
    // Whatever the answer, where the shopper stands is the ground truth (the hold and its timer,
    // a unit held from an earlier attempt behind a "sold out" answer, whether the waitlist is open).
    if (!signedOut) void refetchOrder();
  }, [reserve, saleId, serverNow, refetchOrder]);

  const joinWaitlist = useCallback(async () => {
    if (inFlight.current || !canJoinWaitlist(latest.current)) return;
    inFlight.current = true;
    dispatch({ type: "JOIN_WAITLIST" });
    try {
      const result = await join.mutateAsync({ saleId });
      // A unit free at that very moment comes as a hold straight away: order.status brings it.
      const { position, waiting } = result;
      const waitlist = typeof position === "number" && typeof waiting === "number" ? { position, waiting } : null;
      dispatch({ type: "WAITLIST_JOINED", waitlist });
    } catch (error) {
      dispatch({ type: "WAITLIST_REFUSED", refusal: classifyWaitlistError(errorInfo(error)) });
    } finally {
      inFlight.current = false;
    }
    void refetchOrder();
  }, [join, saleId, refetchOrder]);

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

  return { state, statusServerNow: orderData?.serverNow ?? null, observe, buy, joinWaitlist, payNow, letGo };
}
