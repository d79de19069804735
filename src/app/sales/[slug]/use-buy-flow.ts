"use client";
// Wires the buy-flow reducer to the world: clock ticks and live-sale reads go in as OBSERVED
// (through `observe`), `order.status` answers as ORDER_STATUS (polled every second while
// confirming, and refetched when the tab regains focus so a purchase made in another tab shows
// up), and the reserve mutation's answer as RESERVED / REFUSED.
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useReducer, useRef } from "react";
import {
  buyFlowReducer,
  canBuy,
  initialBuyState,
  type BuyPhase,
  type BuyState,
  type OrderObservation,
} from "~/lib/buy-flow/buy-flow";
import { classifyReserveError, type ReserveErrorInfo } from "~/lib/buy-flow/reserve-error";
import { useTRPC, type RouterOutputs } from "~/trpc/react";

export type OrderStatusView = RouterOutputs["order"]["status"];

const CONFIRM_POLL_MS = 1_000;

export function toObservation(view: OrderStatusView): OrderObservation {
  switch (view.status) {
    case "NONE":
      return { status: "NONE" };
    case "PENDING":
      return { status: "PENDING", reservationId: view.reservationId };
    case "CONFIRMED":
      return { status: "CONFIRMED", orderId: view.orderId };
    case "REFUSED":
      return { status: "REFUSED", orderId: view.orderId };
  }
}

function reserveErrorInfo(error: unknown): ReserveErrorInfo {
  if (!(error instanceof TRPCClientError)) return { message: error instanceof Error ? error.message : String(error) };
  const data = error.data as { code?: string; retryAfterSeconds?: number; reason?: string } | undefined;
  return { code: data?.code, message: error.message, retryAfterSeconds: data?.retryAfterSeconds, reason: data?.reason };
}

export interface BuyFlowInput {
  saleId: string;
  signedIn: boolean;
  initialOrder: OrderStatusView | null;
  initialPhase: BuyPhase;
  initialStock: { left: number; readAt: number } | null;
  /** A precise server time for stamping answers. */
  serverNow: () => number;
}

export function useBuyFlow({ saleId, signedIn, initialOrder, initialPhase, initialStock, serverNow }: BuyFlowInput) {
  const trpc = useTRPC();
  const [state, dispatch] = useReducer(buyFlowReducer, null, () =>
    initialBuyState({
      phase: initialPhase,
      signedIn,
      stock: initialStock,
      order: initialOrder ? toObservation(initialOrder) : null,
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

  const confirming = state.status.name === "confirming";
  const order = useQuery({
    ...trpc.order.status.queryOptions({ saleId }),
    enabled: state.signedIn,
    initialData: initialOrder ?? undefined,
    staleTime: 5_000,
    refetchInterval: confirming ? CONFIRM_POLL_MS : false,
  });
  const orderData = order.data;
  useEffect(() => {
    if (orderData) dispatch({ type: "ORDER_STATUS", order: toObservation(orderData) });
  }, [orderData]);

  const reserve = useMutation(trpc.purchase.reserve.mutationOptions());
  const inFlight = useRef(false);
  const refetchOrder = order.refetch;

  const buy = useCallback(async () => {
    // Double clicks and keyboard repeats stop here, before any request: one reservation at a time.
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
      const refusal = classifyReserveError(reserveErrorInfo(error));
      signedOut = refusal.reason === "SIGNED_OUT";
      dispatch({ type: "REFUSED", refusal, at: serverNow() });
    } finally {
      inFlight.current = false;
    }
    // Whatever the answer, the order's own status is the ground truth (e.g. a unit held from an
    // earlier attempt behind a "sold out" answer).
    if (!signedOut) void refetchOrder();
  }, [reserve, saleId, serverNow, refetchOrder]);

  return { state, observe, buy };
}
