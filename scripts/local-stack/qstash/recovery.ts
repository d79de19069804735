// Start-up after a restart: puts what the journal says was outstanding back into the stores —
// messages resume with their id, body, due time and remaining attempts; schedules re-arm; the DLQ
// and unexpired deduplication ids come back. Nothing here is journaled again: compaction has
// already rewritten the journal with exactly this state.
import type { QStashContext } from "./context";
import { parseCron } from "./cron";
import { messageFromFields, type RecoveredState } from "./journal-records";

export function restoreRecovered(context: QStashContext, recovered: RecoveredState, dataDir: string): void {
  for (const entry of recovered.dedup) context.dedup.restore(entry);
  for (const entry of recovered.dlq) context.dlq.restore(entry);
  for (const fields of recovered.schedules) {
    const spec = parseCron(fields.cron);
    if (typeof spec === "string") context.log(`schedule ${fields.id} not resumed: ${spec}`);
    else context.schedules.restore(fields, spec);
  }
  for (const fields of recovered.messages) context.dispatcher.restore(messageFromFields(fields));

  const { messages, schedules, dlq, skippedLines } = recovered;
  if (skippedLines > 0) context.log(`journal: skipped ${skippedLines} unreadable line(s), a write cut short by a kill`);
  context.log(
    `journal ${dataDir}: resumed ${messages.length} message(s), ${schedules.length} schedule(s), ${dlq.length} dead letter(s)`,
  );
}
