"use client";
// "Remind me" for a sale that has not opened: a calendar file anyone can take (no account needed),
// and — where the site sends email — an email at the opening for a signed-in shopper.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { LocalTime } from "~/app/_components/local-time";
import { useTRPC } from "~/trpc/react";
import { Busy } from "./busy";
import styles from "./sale.module.css";

interface RemindMeProps {
  saleId: string;
  slug: string;
  signedIn: boolean;
  /** Where the shopper is when they ask: sign-in brings them back here. */
  returnTo: string;
  /** "Remind me" on the sale itself; "Notify me" for the next drop after one the shopper missed. */
  label?: string;
}

export function RemindMe({ saleId, slug, signedIn, returnTo, label = "Remind me" }: RemindMeProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.reminder.status.queryOptions({ saleId }), staleTime: 60_000 });
  const set = useMutation(
    trpc.reminder.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reminder.status.queryKey({ saleId }) }),
    }),
  );
  const [downloaded, setDownloaded] = useState(false);
  const emailEnabled = status.data?.emailEnabled ?? false;
  const emailed = status.data?.reminder?.email ?? false;
  const headingId = `remind-${saleId}`;

  return (
    <section className={styles.remind} aria-labelledby={headingId} data-testid="remind-me">
      <h3 id={headingId} className={styles.remindTitle}>
        {label}
      </h3>
      <div className={styles.remindActions}>
        <a
          href={`/sales/${encodeURIComponent(slug)}/calendar.ics`}
          download
          className={styles.linkButton}
          data-testid="remind-calendar"
          onClick={() => setDownloaded(true)}
        >
          Add to calendar
        </a>
        {emailEnabled && signedIn && !emailed && (
          <button
            type="button"
            className={styles.linkButton}
            data-testid="remind-email"
            aria-disabled={set.isPending}
            onClick={set.isPending ? undefined : () => set.mutate({ saleId })}
          >
            {set.isPending ? <Busy>Setting it…</Busy> : "Email me at the start"}
          </button>
        )}
        {emailEnabled && !signedIn && (
          <Link
            href={`/signin?${new URLSearchParams({ callbackUrl: returnTo })}`}
            className={styles.linkButton}
            data-testid="remind-sign-in"
          >
            Sign in for an email
          </Link>
        )}
      </div>
      <p className={styles.remindStatus} role="status" data-testid="remind-status">
        {emailed ? (
          <>We&apos;ll email you at the start.</>
        ) : set.error ? (
          set.error.message
        ) : downloaded ? (
          "Open the downloaded file to add the sale to your calendar; it reminds you 5 minutes before."
        ) : set.data ? (
          <>
            We&apos;ll email you at the start (<LocalTime value={set.data.opensAt} />
            ).
          </>
        ) : null}
      </p>
    </section>
  );
}
