// `npm run bench [-- options]`: the storm benchmark on the production build (see ./bench/run.ts).
// Options: see USAGE in ./bench/options.ts. Exits 1 when an invariant breaks, 2 on bad options.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchOptions, USAGE, type BenchOptions } from "./bench/options";
import { runBench } from "./bench/run";

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
runBench(options, { root, log: (line) => console.log(`[bench] ${line}`) }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
