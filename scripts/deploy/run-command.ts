// Runs a child process for the build: its output streams through live (the Vercel build log shows
// it as it happens) and the tail is kept, so a caller can tell why it failed.
import { spawn } from "node:child_process";

export interface CommandResult {
  code: number;
  /** The last part of stdout and stderr, interleaved as they arrived. */
  output: string;
}

export interface CommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Echo the output while it runs. Default true. */
  stream?: boolean;
}

const KEEP_OUTPUT_CHARS = 64_000;

export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      if (options.stream ?? true) target.write(chunk);
      output = (output + chunk.toString("utf8")).slice(-KEEP_OUTPUT_CHARS);
    };
    child.stdout.on("data", collect(process.stdout));
    child.stderr.on("data", collect(process.stderr));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}
