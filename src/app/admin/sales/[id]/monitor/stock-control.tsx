"use client";
// "+10 / −10 units": changes the sale's total stock through the same safe live-edit path as the
// editor's save (admin.monitor.adjustStock), then refreshes the figures. The answer, or the reason
// it was refused, is announced.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { LiveCounts } from "~/app/admin/_components/live-counts";
import { useTRPC } from "~/trpc/react";
import styles from "./monitor.module.css";

const STEP = 10;
const count = (n: number) => n.toLocaleString("en-US");

export function StockControl({
  saleId,
  live,
  disabledReason,
}: {
  saleId: string;
  live: LiveCounts;
  disabledReason: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const adjust = useMutation(
    trpc.admin.monitor.adjustStock.mutationOptions({
      onSuccess: (changed) => {
        const left = changed.stockLeft === null ? "" : ` ${count(changed.stockLeft)} left to sell.`;
        setResult({
          ok: true,
          text: `Stock is now ${count(changed.after)} units (was ${count(changed.before)}).${left}`,
        });
      },
      onError: (error) => setResult({ ok: false, text: error.message }),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.monitor.snapshot.queryKey({ saleId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.monitor.liveCounts.queryKey() }),
        ]),
    }),
  );
  const press = (delta: number) => {
    setResult(null);
    adjust.mutate({ saleId, delta });
  };
  const disabled = adjust.isPending || disabledReason !== null;

  return (
    <section className={styles.stockControl} aria-labelledby="stock-control-title">
      <div>
        <h2 id="stock-control-title" className={styles.sectionTitle}>
          Stock
        </h2>
        <p className={styles.muted}>
          <span data-testid="monitor-total-stock" data-value={live.totalStock}>
            {count(live.totalStock)} units in total
          </span>
          {live.stockLeft !== null && <> · {count(live.stockLeft)} left</>}. Changes apply at once, and never take a
          unit a shopper holds.
        </p>
      </div>
      <div className={styles.stockButtons}>
        <button
          type="button"
          className={styles.button}
          onClick={() => press(-STEP)}
          disabled={disabled}
          aria-describedby={disabledReason ? "stock-disabled" : undefined}
        >
          −{STEP} units
        </button>
        <button
          type="button"
          className={styles.button}
          onClick={() => press(STEP)}
          disabled={disabled}
          aria-describedby={disabledReason ? "stock-disabled" : undefined}
        >
          +{STEP} units
        </button>
      </div>
      {disabledReason && (
        <p id="stock-disabled" className={styles.muted}>
          {disabledReason}
        </p>
      )}
      <p className={result?.ok === false ? styles.error : styles.done} role="status" data-testid="stock-result">
        {adjust.isPending ? "Changing the stock…" : (result?.text ?? "")}
      </p>
    </section>
  );
}
