// Countdown text: a compact clock for the eye ("1d 02:03:04", "02:03:04", "03:04") and words for
// screen readers ("1 day 2 hours 3 minutes 4 seconds"). Rounds up, so "00:01" shows until the moment.
export interface DurationText {
  clock: string;
  spoken: string;
}

const pad = (value: number) => String(value).padStart(2, "0");
const unit = (value: number, name: string) => (value === 0 ? null : `${value} ${name}${value === 1 ? "" : "s"}`);

export function formatDuration(ms: number): DurationText {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;

  const hms = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  const clock = days > 0 ? `${days}d ${hms}` : hours > 0 ? hms : `${pad(minutes)}:${pad(seconds)}`;
  const words = [unit(days, "day"), unit(hours, "hour"), unit(minutes, "minute"), unit(seconds, "second")].filter(
    Boolean,
  );
  return { clock, spoken: words.length > 0 ? words.join(" ") : "0 seconds" };
}
