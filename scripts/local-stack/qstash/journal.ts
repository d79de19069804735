// The append-only journal that makes the local QStash durable across a restart, as hosted QStash is.
// Each state change is one JSON line appended synchronously before the change is acknowledged, so a
// killed process loses nothing it answered for. No fsync: the threat here is a killed process, not
// a power cut, and the kernel keeps what was written. On open the journal is read, folded into what
// is still outstanding, and rewritten with only that (compaction), so it grows only while running.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  appendFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { compactedRecords, foldJournal, type JournalRecord, type RecoveredState } from "./journal-records";

export interface JournalWriter {
  append(record: JournalRecord): void;
}

/** For a server without a data directory: every change stays in memory only. */
export const memoryOnlyJournal: JournalWriter = { append: () => undefined };

const JOURNAL_FILE = "journal.jsonl";

/** Splits on newlines without turning the whole file into one string (V8 caps string length). */
function* linesOf(bytes: Buffer): Generator<string> {
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(10, start);
    const stop = end === -1 ? bytes.length : end;
    yield bytes.toString("utf8", start, stop);
    start = stop + 1;
  }
}

function writeCompacted(file: string, state: RecoveredState): void {
  // Written aside and renamed over: a kill during compaction leaves the old journal intact.
  const temporary = `${file}.compacting`;
  const fd = openSync(temporary, "w");
  try {
    for (const record of compactedRecords(state)) writeSync(fd, `${JSON.stringify(record)}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

export class FileJournal implements JournalWriter {
  private fd: number | undefined;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** Reads and compacts the journal in `dataDir`, then opens it for appending. */
  static open(dataDir: string): { journal: FileJournal; recovered: RecoveredState } {
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, JOURNAL_FILE);
    const recovered = foldJournal(existsSync(file) ? linesOf(readFileSync(file)) : []);
    writeCompacted(file, recovered);
    return { journal: new FileJournal(openSync(file, "a")), recovered };
  }

  /** Throws when the write fails, so a publish that could not be recorded is not acknowledged. */
  append(record: JournalRecord): void {
    if (this.fd === undefined) return; // closed or killed: nothing more reaches the file
    appendFileSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
