// Solves an ALTCHA challenge in the browser with the `altcha` widget (a web component), driven
// programmatically: no checkbox for the shopper to tick, the page shows its own progress. The
// widget is imported on first use only (it touches `window` and `customElements`, so it must never
// load during server rendering), in its "external" build, whose workers we register from this
// origin, so nothing comes from elsewhere and the Content-Security-Policy needs no blob: exception.
import type { Challenge } from "altcha/types";
import type { AltchaWidgetElement } from "altcha/types/generic";

let loading: Promise<void> | null = null;

function registerWorkers(): void {
  const algorithms = globalThis.$altcha.algorithms;
  const sha = () => new Worker(new URL("./altcha-sha.worker.ts", import.meta.url));
  const pbkdf2 = () => new Worker(new URL("./altcha-pbkdf2.worker.ts", import.meta.url));
  for (const name of ["SHA-256", "SHA-384", "SHA-512"]) algorithms.set(name, sha);
  for (const name of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) algorithms.set(name, pbkdf2);
}

function loadAltcha(): Promise<void> {
  loading ??= import("altcha/external").then(registerWorkers, (error: unknown) => {
    // A failed download (offline for a moment) must not poison every later attempt.
    loading = null;
    throw error;
  });
  return loading;
}

/** The element's methods exist once Svelte has mounted it, which it announces with "load". */
function mounted(widget: AltchaWidgetElement): Promise<void> {
  return new Promise((resolve) => widget.addEventListener("load", () => resolve(), { once: true }));
}

export interface AltchaSolution {
  /** The base64 payload the server verifies (`challenge` in lobby.enter and purchase.reserve). */
  payload: string;
  /** Time spent solving in this browser, in ms. */
  solveMs: number;
}

/**
 * Solves `challenge` (the JSON the server issued) and resolves with its payload. The widget lives in
 * a hidden box inside `host` while it works and is removed afterwards, solved or not.
 */
export async function solveAltcha(challenge: Record<string, unknown>, host: HTMLElement): Promise<AltchaSolution> {
  await loadAltcha();
  const box = document.createElement("div");
  box.hidden = true;
  const widget = document.createElement("altcha-widget");
  const ready = mounted(widget);
  box.append(widget);
  host.append(box);
  try {
    await ready;
    await widget.configure({
      // The server's JSON as issued; the widget checks its shape itself and fails verify() if wrong.
      challenge: challenge as unknown as Challenge,
      auto: "off",
      display: "invisible",
      // The page shows its own progress; an artificial minimum would only make shoppers wait.
      minDuration: 0,
      hideLogo: true,
      hideFooter: true,
      humanInteractionSignature: false,
    });
    const started = performance.now();
    const result = await widget.verify();
    const solveMs = performance.now() - started;
    if (!result?.payload) throw new Error(`The security check did not finish (${widget.getState()}).`);
    return { payload: result.payload, solveMs };
  } finally {
    box.remove();
  }
}
