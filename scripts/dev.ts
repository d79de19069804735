// `npm run dev`: the local stack (for services the env points at localhost), migrations, a seed on
// first run, then `next dev` (see ./local-stack/dev-server.ts). One Ctrl-C stops everything.
import { runDevServer } from "./local-stack/dev-server";

runDevServer(process.cwd()).catch((error: unknown) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
