// The Redis keyspace of a sale. Every key of one sale carries the same hash tag `{saleId}` so a
// clustered Redis keeps them in one slot and a single script can touch them all.
export interface SaleKeys {
  sale: string;
  buyers: string;
  /** The journal: reservations not yet in Postgres, scored by reservedAt; removed once persisted. */
  pending: string;
  /** Held by the one instance re-arming the sale after Redis lost its state (single flight). */
  rearmLock: string;
}

export function saleKeys(namespace: string, saleId: string): SaleKeys {
  const base = `${namespace}:sale:{${saleId}}`;
  return {
    sale: base,
    buyers: `${base}:buyers`,
    pending: `${base}:pending`,
    rearmLock: `${base}:rearm`,
  };
}

/** The order in which scripts receive the keys (see the KEYS header of each .lua file). */
export function saleKeyList(keys: SaleKeys): string[] {
  return [keys.sale, keys.buyers, keys.pending];
}

/** A pending entry names the shopper and the reservation: "userId|reservationId". */
export function pendingMember(userId: string, reservationId: string): string {
  return `${userId}|${reservationId}`;
}

export function parsePendingMember(member: string): { userId: string; reservationId: string } | null {
  const sep = member.indexOf("|");
  if (sep <= 0 || sep === member.length - 1) return null;
  return { userId: member.slice(0, sep), reservationId: member.slice(sep + 1) };
}
