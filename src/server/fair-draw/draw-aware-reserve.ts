// The reserve step runs a fair draw that is due before it serves anyone (reserve.lua). When a
// shopper's reserve is what ran it, the draw is followed up like any other: the reserve step is
// wrapped here, in the one composition point, so the purchase service needs to know nothing of draws.
import type { DrawnFacts } from "~/server/inventory/draw";
import type { ReserveStep } from "~/server/purchase/reserve-purchase";

export function followingDraws(step: ReserveStep, afterDraw: (saleId: string, drawn: DrawnFacts) => Promise<void>) {
  const wrapped: ReserveStep = async (input) => {
    const outcome = await step(input);
    if (outcome.draw) await afterDraw(input.saleId, outcome.draw);
    return outcome;
  };
  return wrapped;
}
