"use client";
// QStash's dead letters for this sale: the deliveries it gave up on, with the last answer our
// endpoint gave. Retry sends a message again now (if it fails again it comes back under a new id);
// Delete drops it for good, after a confirmation. Both are audited on the server.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "~/app/admin/_components/confirm-dialog";
import { formatDateTime } from "~/lib/date-format";
import { useTRPC, type RouterOutputs } from "~/trpc/react";
import styles from "./monitor.module.css";

type DeadLetter = RouterOutputs["admin"]["monitor"]["deadLetters"][number];

export const DEAD_LETTERS_POLL_MS = 3_000;

const DESTINATION_LABELS: Record<string, string> = {
  orders: "Order",
  failures: "Failure report",
  reconcile: "Reconcile",
  holds: "Hold expiry",
  draw: "Fair draw",
  reminders: "Reminder",
};

function destinationOf(letter: DeadLetter): string {
  return letter.destination ? (DESTINATION_LABELS[letter.destination] ?? letter.destination) : letter.url;
}

export function DeadLetterTable({ saleId }: { saleId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [deleting, setDeleting] = useState<DeadLetter | null>(null);
  const listKey = trpc.admin.monitor.deadLetters.queryKey({ saleId });
  const list = useQuery({
    ...trpc.admin.monitor.deadLetters.queryOptions({ saleId }),
    refetchInterval: DEAD_LETTERS_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });

  const retry = useMutation(
    trpc.admin.monitor.retryDeadLetter.mutationOptions({
      onSuccess: (sent) =>
        setNotice({
          ok: true,
          text: `Sent again as message ${sent.messageId}. If it fails again it returns here under a new id.`,
        }),
      onError: (error) => setNotice({ ok: false, text: error.message }),
      onSettled: refresh,
    }),
  );
  const remove = useMutation(
    trpc.admin.monitor.deleteDeadLetter.mutationOptions({
      onSuccess: (removed) => setNotice({ ok: true, text: `Dead letter ${removed.dlqId} deleted.` }),
      onError: (error) => setNotice({ ok: false, text: error.message }),
      onSettled: refresh,
    }),
  );
  const busy = retry.isPending || remove.isPending;
  const letters = list.data ?? [];

  return (
    <section className={styles.section} aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title" className={styles.sectionTitle}>
        Dead letters
      </h2>
      <p className={styles.muted}>
        Deliveries QStash gave up on for this sale. Retry sends one again now; Delete drops it for good.
      </p>
      <p className={notice?.ok === false ? styles.error : styles.done} role="status" data-testid="dead-letter-notice">
        {notice?.text ?? ""}
      </p>
      {list.isError && (
        <p className={styles.error} role="alert">
          QStash&apos;s dead letters could not be read: {list.error.message}
        </p>
      )}
      {list.isPending ? (
        <p className={styles.muted}>Reading QStash&apos;s dead letters…</p>
      ) : letters.length === 0 ? (
        <p className={styles.empty} data-testid="dead-letters-empty">
          No dead letters: every delivery for this sale got through.
        </p>
      ) : (
        <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Dead letters, scrollable">
          <table className={styles.table} data-testid="dead-letters">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Delivery</th>
                <th scope="col">Shopper</th>
                <th scope="col">Last answer</th>
                <th scope="col">
                  <span className={styles.visuallyHidden}>Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={letter.dlqId} data-dlq-id={letter.dlqId} data-testid="dead-letter-row">
                  <td className={styles.nowrap}>
                    <time dateTime={new Date(letter.deadAt).toISOString()}>
                      {formatDateTime(letter.deadAt, { seconds: true })}
                    </time>
                  </td>
                  <td>
                    {destinationOf(letter)}
                    {letter.retried !== null && (
                      <span className={styles.muted}>
                        {" "}
                        · {letter.retried} {letter.retried === 1 ? "retry" : "retries"}
                      </span>
                    )}
                  </td>
                  <td className={styles.code}>{letter.userId ?? "—"}</td>
                  <td>
                    <strong>{letter.responseStatus ?? "No answer"}</strong>
                    {letter.lastAnswer && <span className={styles.answer}> {letter.lastAnswer}</span>}
                  </td>
                  <td className={styles.rowActions}>
                    <button
                      type="button"
                      className={styles.smallButton}
                      disabled={busy}
                      onClick={() => {
                        setNotice(null);
                        retry.mutate({ dlqId: letter.dlqId });
                      }}
                      aria-label={`Retry the delivery sent ${formatDateTime(letter.deadAt, { seconds: true })}`}
                    >
                      Retry
                    </button>
                    <button
                      type="button"
                      className={styles.smallDanger}
                      disabled={busy}
                      onClick={() => setDeleting(letter)}
                      aria-label={`Delete the delivery sent ${formatDateTime(letter.deadAt, { seconds: true })}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this dead letter?"
        body="QStash forgets the message for good: it will not be delivered again."
        confirmLabel="Delete dead letter"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) {
            setNotice(null);
            remove.mutate({ dlqId: deleting.dlqId });
          }
          setDeleting(null);
        }}
      />
    </section>
  );
}
