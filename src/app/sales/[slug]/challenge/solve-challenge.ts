// Turns the server's challenge offer into the solution the guarded request carries: ALTCHA's proof
// of work, a Turnstile token, or nothing when the sale asks for none. Browser only; each kind's code
// is loaded on first use.
import type { ChallengeOffer } from "~/server/admission/types";

export interface Proof {
  /** What goes out as `challenge`; undefined when the offer asked for nothing. */
  solution: string | undefined;
  /** Time the browser spent solving (not fetching the challenge), in ms. */
  solveMs: number;
}

/**
 * Solves the offer, working in `host`; the last solve's time is also left on the host
 * (`data-solve-ms`), where it can be read without a debugger.
 */
export async function solveChallenge(offer: ChallengeOffer, host: HTMLElement): Promise<Proof> {
  const proof = await solve(offer, host);
  if (proof.solution !== undefined) host.dataset.solveMs = String(Math.round(proof.solveMs));
  return proof;
}

async function solve(offer: ChallengeOffer, host: HTMLElement): Promise<Proof> {
  switch (offer.kind) {
    case "none":
      return { solution: undefined, solveMs: 0 };
    case "altcha": {
      const { solveAltcha } = await import("./altcha-solver");
      const { payload, solveMs } = await solveAltcha(offer.challenge, host);
      return { solution: payload, solveMs };
    }
    case "turnstile": {
      const { solveTurnstile } = await import("./turnstile-solver");
      const started = performance.now();
      const token = await solveTurnstile(offer, host);
      return { solution: token, solveMs: performance.now() - started };
    }
  }
}
