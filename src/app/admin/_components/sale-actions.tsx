"use client";
// The lifecycle buttons the rules allow right now. Ending, deleting and archiving ask first.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC, type RouterOutputs } from "~/trpc/react";
import { ConfirmDialog } from "./confirm-dialog";
import styles from "./sale-editor.module.css";

type Allowed = RouterOutputs["admin"]["sale"]["byId"]["actions"];
type Action = keyof Allowed;

const CONFIRM: Partial<Record<Action, { title: string; body: string; label: string }>> = {
  end: {
    title: "End this sale now?",
    body: "Shoppers can no longer reserve, immediately and for good. Units already reserved stay sold.",
    label: "End sale now",
  },
  delete: {
    title: "Delete this sale?",
    body: "It disappears everywhere and cannot be brought back.",
    label: "Delete sale",
  },
  archive: {
    title: "Archive this sale?",
    body: "It leaves the storefront and the admin list. Its orders stay, and the CSV export keeps working.",
    label: "Archive sale",
  },
};

const LABELS: Record<Action, string> = {
  publish: "Publish",
  pause: "Pause",
  resume: "Resume",
  end: "End now",
  delete: "Delete",
  archive: "Archive",
};

export function SaleActions({ saleId, allowed }: { saleId: string; allowed: Allowed }) {
  const router = useRouter();
  const trpc = useTRPC();
  const [asking, setAsking] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const options = (action: Action) => ({
    onError: (failure: { message: string }) => setError(failure.message),
    onSuccess: () => {
      setError(null);
      if (action === "delete" || action === "archive") return router.push("/admin");
      setDone(`${LABELS[action]}: done.`);
      router.refresh();
    },
  });
  const mutations = {
    publish: useMutation(trpc.admin.sale.publish.mutationOptions(options("publish"))),
    pause: useMutation(trpc.admin.sale.pause.mutationOptions(options("pause"))),
    resume: useMutation(trpc.admin.sale.resume.mutationOptions(options("resume"))),
    end: useMutation(trpc.admin.sale.end.mutationOptions(options("end"))),
    delete: useMutation(trpc.admin.sale.delete.mutationOptions(options("delete"))),
    archive: useMutation(trpc.admin.sale.archive.mutationOptions(options("archive"))),
  };
  const pending = Object.values(mutations).some((mutation) => mutation.isPending);
  const run = (action: Action) => {
    setAsking(null);
    setDone(null);
    mutations[action].mutate({ id: saleId });
  };
  const available = (Object.keys(LABELS) as Action[]).filter((action) => allowed[action]);
  const confirm = asking ? CONFIRM[asking] : undefined;

  return (
    <section className={styles.actions} aria-labelledby="sale-actions-title">
      <h2 id="sale-actions-title" className={styles.actionsTitle}>
        Actions
      </h2>
      {available.length === 0 ? (
        <p className="muted">Nothing to do: this sale is closed and has orders to keep.</p>
      ) : (
        <div className={styles.actionButtons}>
          {available.map((action) => (
            <button
              key={action}
              type="button"
              disabled={pending}
              className={
                action === "publish"
                  ? styles.primaryButton
                  : CONFIRM[action]
                    ? styles.dangerButton
                    : styles.secondaryButton
              }
              onClick={() => (CONFIRM[action] ? setAsking(action) : run(action))}
            >
              {LABELS[action]}
            </button>
          ))}
        </div>
      )}
      {!allowed.delete && !allowed.archive && (
        <p className={styles.hint}>This sale has orders, so it cannot be deleted. End it, then archive it.</p>
      )}
      {error && (
        <p className={styles.formError} role="alert">
          {error}
        </p>
      )}
      <p role="status" className={styles.saved}>
        {done}
      </p>
      <ConfirmDialog
        open={confirm !== undefined}
        title={confirm?.title ?? ""}
        body={confirm?.body ?? ""}
        confirmLabel={confirm?.label ?? ""}
        onConfirm={() => asking && run(asking)}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}
