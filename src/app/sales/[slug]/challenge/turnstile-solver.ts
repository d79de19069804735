// Cloudflare Turnstile, when the deployment uses it instead of ALTCHA: Cloudflare's script is loaded
// on first use only (never for a sale that does not ask for it), renders its widget in `host` —
// usually nothing to click, sometimes a checkbox the shopper must see — and hands back a token.
const SCRIPT_URL = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

interface TurnstileOptions {
  sitekey: string;
  action: string;
  cData: string;
  appearance: "interaction-only";
  callback: (token: string) => void;
  "error-callback": (code: string) => void;
  "expired-callback": () => void;
  "timeout-callback": () => void;
}

interface TurnstileApi {
  render(container: HTMLElement, options: TurnstileOptions): string | undefined;
  remove(widgetId: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

let loading: Promise<TurnstileApi> | null = null;

function loadTurnstile(): Promise<TurnstileApi> {
  loading ??= new Promise<TurnstileApi>((resolve, reject) => {
    if (window.turnstile) return resolve(window.turnstile);
    const script = document.createElement("script");
    script.src = SCRIPT_URL;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error("Turnstile did not load.")));
    script.onerror = () => {
      script.remove();
      reject(new Error("Turnstile could not be loaded."));
    };
    document.head.append(script);
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export async function solveTurnstile(
  offer: { siteKey: string; action: string; cData: string },
  host: HTMLElement,
): Promise<string> {
  const api = await loadTurnstile();
  const box = document.createElement("div");
  host.append(box);
  let widgetId: string | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      widgetId = api.render(box, {
        sitekey: offer.siteKey,
        action: offer.action,
        cData: offer.cData,
        appearance: "interaction-only",
        callback: resolve,
        "error-callback": (code) => reject(new Error(`Turnstile failed (${code}).`)),
        "expired-callback": () => reject(new Error("Turnstile's token expired.")),
        "timeout-callback": () => reject(new Error("Turnstile timed out.")),
      });
    });
  } finally {
    if (widgetId) api.remove(widgetId);
    box.remove();
  }
}
