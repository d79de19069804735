"use client";
// Re-renders the page from the server when a listed moment passes on server time (a sale on the
// home page starts or ends), so cards move between sections without a reload.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useServerNow } from "~/lib/server-clock/use-server-clock";

export function RefreshOnBoundary({ moments, renderedAt }: { moments: number[]; renderedAt: number }) {
  const next = moments.filter((moment) => moment > renderedAt).sort((a, b) => a - b)[0];
  const now = useServerNow(renderedAt, next);
  const router = useRouter();
  const refreshedFor = useRef<number | null>(null);

  useEffect(() => {
    if (next === undefined || now < next || refreshedFor.current === next) return;
    refreshedFor.current = next;
    router.refresh();
  }, [next, now, router]);

  return null;
}
