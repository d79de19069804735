// Prefixed, coloured log lines so the services' output stays readable when interleaved.
const colours = {
  postgres: 34,
  redis: 31,
  upstash: 35,
  qstash: 33,
  next: 36,
  stack: 32,
  migrate: 32,
  seed: 32,
} as const;
export type LogSource = keyof typeof colours;

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

export function prefixedLogger(source: LogSource) {
  const label = `[${source}]`.padEnd(10);
  const prefix = useColour ? `\x1b[${colours[source]}m${label}\x1b[0m` : label;
  return (line: string) => {
    for (const part of line.split("\n")) if (part.trim()) process.stdout.write(`${prefix} ${part}\n`);
  };
}
