"use client";
// The editor's "Opening" group: how the sale opens (first come, or a lobby and a fair draw), how
// long before the start the lobby opens, the proof of work asked of every entrant and buyer, and
// the minimum account age. The design is in docs/fair-opening.md.
import { OPENING_MODE_LABELS, type OpeningMode } from "~/lib/fair-draw";
import type { SaleFormState } from "~/lib/sale-form/form-state";
import { SALE_LIMITS } from "~/lib/sale-form/schema";
import { utcToZonedLocalInput } from "~/lib/sale-form/zoned-time";
import { EditorChoice, EditorField, type FieldFor, type TextFor } from "./editor-field";
import styles from "./sale-editor.module.css";
import { instantOf, type FieldErrors } from "./use-sale-form";

const MODE_OPTIONS: ReadonlyArray<{ value: OpeningMode; label: string; description: string }> = [
  {
    value: "FIRST_COME",
    label: OPENING_MODE_LABELS.FIRST_COME,
    description: "From the start, units go to shoppers in the order their requests arrive.",
  },
  {
    value: "FAIR_DRAW",
    label: OPENING_MODE_LABELS.FAIR_DRAW,
    description:
      "A lobby opens before the start and everyone who enters it is equal. At the start one shuffled draw gives holds to the first entrants drawn; the others queue in drawn order, and latecomers behind them.",
  },
];

const count = (value: number) => value.toLocaleString("en-US");

/** "2031-03-01 09:50 Europe/Paris" — when the lobby would open, in the zone the editor shows. */
function lobbyOpening(form: SaleFormState): string | null {
  const start = instantOf(form.startsAt, form.timezone);
  const minutes = Number(form.lobbyMinutes);
  if (!start || !Number.isInteger(minutes) || minutes < 1) return null;
  const opens = new Date(start.getTime() - minutes * 60_000);
  return `${utcToZonedLocalInput(opens, form.timezone).replace("T", " ")} ${form.timezone}`;
}

/** The average work a cost asks for, said plainly, then the range allowed. */
function challengeWork(text: string): string {
  const cost = Number(text.replaceAll(",", ""));
  const range = `0 asks for none; otherwise ${count(SALE_LIMITS.challengeCostMin)} to ${count(SALE_LIMITS.challengeCostMax)}.`;
  if (!Number.isInteger(cost) || cost < 0) return range;
  if (cost === 0) return `No challenge: entering and buying ask for no proof of work. ${range}`;
  return `About ${count(Math.round(cost / 2))} hashes per solve on average, for every entry and every buy. ${range}`;
}

export function OpeningFields(props: {
  form: SaleFormState;
  locked: Partial<Record<string, string>>;
  errors: FieldErrors;
  field: FieldFor;
  text: TextFor;
  onModeChange: (mode: OpeningMode) => void;
}) {
  const { form, locked, errors, field, text } = props;
  const fairDraw = form.openingMode === "FAIR_DRAW";
  const opensAt = lobbyOpening(form);
  return (
    <fieldset className={styles.group} aria-describedby="sale-opening-hint">
      <legend className={styles.legend}>Opening</legend>
      <p id="sale-opening-hint" className={styles.hint}>
        How the first units are shared out, and what every shopper must bring to enter or buy.
      </p>
      <EditorChoice
        name="openingMode"
        legend="Opening mode"
        options={MODE_OPTIONS}
        value={form.openingMode}
        errors={errors.openingMode}
        hint={
          locked.openingMode ??
          (fairDraw
            ? "The draw's secret seed is fixed when you save, and its commitment (a SHA-256 fingerprint) is shown in the lobby: nobody, us included, can pick the seed after seeing who entered. It is published once the sale has ended. A fair draw always keeps a waitlist."
            : undefined)
        }
        disabled={Boolean(locked.openingMode)}
        onChange={props.onModeChange}
      />
      {/* Hidden for a first-come sale, unless it holds an error the admin must see to fix. */}
      {(fairDraw || errors.lobbyMinutes) && (
        <EditorField
          {...field(
            "lobbyMinutes",
            "Lobby opens (minutes before the start)",
            opensAt
              ? `Shoppers can enter from ${opensAt}. ${SALE_LIMITS.lobbyMinutesMin} to ${count(SALE_LIMITS.lobbyMinutesMax)} minutes.`
              : `${SALE_LIMITS.lobbyMinutesMin} to ${count(SALE_LIMITS.lobbyMinutesMax)} minutes (a day).`,
          )}
        >
          {(control) => <input {...control} {...text("lobbyMinutes")} inputMode="numeric" autoComplete="off" />}
        </EditorField>
      )}
      <div className={styles.row}>
        <EditorField
          {...field(
            "challengeCost",
            "Challenge cost",
            <>
              The proof of work asked on entering the lobby and on buying (ALTCHA&apos;s <code>maxnumber</code>): the
              browser tries numbers until it finds a secret one below this, so a solve takes half of it on average.
              Twice the cost is twice the work, for shoppers and bots alike. {challengeWork(form.challengeCost)}
            </>,
          )}
        >
          {(control) => (
            <input {...control} {...text("challengeCost")} inputMode="numeric" autoComplete="off" placeholder="0" />
          )}
        </EditorField>
        <EditorField
          {...field(
            "minAccountAgeDays",
            "Minimum account age (days)",
            `Accounts younger than this cannot enter or buy. 0 admits every account; at most ${count(SALE_LIMITS.accountAgeDaysMax)} days.`,
          )}
        >
          {(control) => (
            <input {...control} {...text("minAccountAgeDays")} inputMode="numeric" autoComplete="off" placeholder="0" />
          )}
        </EditorField>
      </div>
    </fieldset>
  );
}
