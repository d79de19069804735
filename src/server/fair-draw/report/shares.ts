// Who got the units: the share of holds given to each address block and each device, beside the
// share its entrants would get if every entrant were equal. Pure.
import type { ShareRow, ShareTable } from "./types";

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * `entrants` and `winners` each carry the key (block or device) they belong to, null when unknown.
 * Rows are ordered by units, then accounts, then key; the first `top` are kept, the rest summed.
 */
export function shareTable(
  entrants: ReadonlyArray<{ key: string | null }>,
  winners: ReadonlyArray<{ key: string | null }>,
  top: number,
): ShareTable {
  const groups = new Map<string, { accounts: number; units: number }>();
  const unknown = { accounts: 0, units: 0 };
  const groupOf = (key: string) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { accounts: 0, units: 0 }));
    return group;
  };
  for (const { key } of entrants) {
    if (key === null) unknown.accounts++;
    else groupOf(key).accounts++;
  }
  for (const { key } of winners) {
    if (key === null) unknown.units++;
    else groupOf(key).units++;
  }
  const totalUnits = winners.length;
  const totalAccounts = entrants.length;
  const rows: ShareRow[] = [...groups.entries()]
    .map(([key, group]) => ({
      key,
      accounts: group.accounts,
      units: group.units,
      share: ratio(group.units, totalUnits),
      expectedShare: ratio(group.accounts, totalAccounts),
    }))
    .sort((a, b) => b.units - a.units || b.accounts - a.accounts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rest = rows.slice(top);
  const restUnits = rest.reduce((sum, row) => sum + row.units, 0);
  return {
    rows: rows.slice(0, top),
    rest: {
      keys: rest.length,
      accounts: rest.reduce((sum, row) => sum + row.accounts, 0),
      units: restUnits,
      share: ratio(restUnits, totalUnits),
    },
    unknown: { ...unknown, share: ratio(unknown.units, totalUnits) },
    totalUnits,
    totalAccounts,
  };
}
