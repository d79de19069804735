import { describe, expect, it } from "vitest";
import type { ShopperSaleStatus } from "~/lib/checkout";
import { buyFlowReducer, canBuy, canJoinWaitlist, initialBuyState, type BuyEvent, type BuyState } from "./buy-flow";
import { LOBBY_COUNT_POLL_MS, orderPollInterval, STATUS_POLL_MS } from "./checkout-flow";
import { canEnterLobby } from "./lobby-flow";
import {
  allNames,
  answer,
  DRAW_AT,
  drawOf,
  holdOf,
  lobbyOf,
  NOW,
  observed,
  stateIn,
  statusEvent,
  stockOf,
} from "./test-fixtures";

const run = (state: BuyState, ...events: BuyEvent[]) => events.reduce(buyFlowReducer, state);
const lobbyOpen = (overrides: Partial<BuyState> = {}) => stateIn("lobbyOpen", overrides);
const guarded = (overrides: Partial<BuyState> = {}) => lobbyOpen({ challengeRequired: true, ...overrides });
const entered = lobbyOf({ entered: true, entrants: 313, entryToken: "5eed".repeat(10) });
/** The entry's answer, arriving at server time `at`. */
const enteredAt = (at = NOW): BuyEvent => ({ type: "LOBBY_ENTERED", lobby: entered, at });
const replayed: BuyEvent = {
  type: "LOBBY_REFUSED",
  refusal: { reason: "CHALLENGE", problem: "CHALLENGE_REPLAYED", message: "Used once already." },
  at: NOW,
};
const blockLimit: BuyEvent = {
  type: "LOBBY_REFUSED",
  refusal: { reason: "LIMIT", limit: "BLOCK_LIMIT", message: "Too many from your network." },
  at: NOW,
};

describe("the lobby at rest", () => {
  it("offers the draw to a signed-in shopper once the lobby opens, and sign-in to everyone else", () => {
    expect(initialBuyState({ phase: "lobby", signedIn: true, stock: stockOf(100), order: null }).status).toEqual({
      name: "lobbyOpen",
    });
    expect(initialBuyState({ phase: "lobby", signedIn: false, stock: stockOf(100), order: null }).status).toEqual({
      name: "signedOut",
    });
  });

  it("opens on the tick that reaches the lobby's opening, and gives way to buying at the start", () => {
    const waiting = stateIn("notStarted");
    const open = run(waiting, observed("lobby"));
    expect(open.status.name).toBe("lobbyOpen");
    expect(run(open, observed("live", stockOf(100), DRAW_AT)).status.name).toBe("ready");
  });

  it("lands in the lobby after a refresh, with the lobby's figures", () => {
    const state = initialBuyState({ phase: "lobby", signedIn: true, stock: stockOf(100), order: answer("IN_LOBBY") });
    expect(state.status).toEqual({ name: "inLobby" });
    expect(state.lobby).toMatchObject({ entered: true, entrants: 312, units: 100 });
  });

  it("keeps the lobby's latest count from every status read, and the same object for a repeat", () => {
    const first = run(lobbyOpen(), statusEvent(answer("NONE", { lobby: lobbyOf({ entrants: 10 }) })));
    expect(first.lobby?.entrants).toBe(10);
    const later = run(first, statusEvent(answer("NONE", { serverNow: NOW + 5_000, lobby: lobbyOf({ entrants: 11 }) })));
    expect(later.lobby?.entrants).toBe(11);
    const repeat = buyFlowReducer(
      later,
      statusEvent(answer("NONE", { serverNow: NOW + 5_000, lobby: lobbyOf({ entrants: 11 }) })),
    );
    expect(repeat).toBe(later);
  });

  it("is no place to buy or queue: units go by the draw", () => {
    expect(canBuy(lobbyOpen())).toBe(false);
    expect(canJoinWaitlist(lobbyOpen({ canJoinWaitlist: true }))).toBe(false);
  });
});

describe("entering the lobby", () => {
  it("enters straight away when the sale asks for no challenge", () => {
    const entering = run(lobbyOpen(), { type: "ENTER_LOBBY" });
    expect(entering.status).toEqual({ name: "entering" });
    expect(buyFlowReducer(entering, { type: "ENTER_LOBBY" })).toBe(entering);
    const inside = run(entering, enteredAt());
    expect(inside.status).toEqual({ name: "inLobby" });
    expect(inside.lobby).toBe(entered);
  });

  it("solves the challenge first when the sale asks for one, and remembers how long it took", () => {
    const proving = run(guarded(), { type: "ENTER_LOBBY" });
    expect(proving.status).toEqual({ name: "proving", action: "enter" });
    expect(buyFlowReducer(proving, { type: "ENTER_LOBBY" })).toBe(proving);
    const sending = run(proving, { type: "PROVED", tookMs: 812.4 });
    expect(sending.status).toEqual({ name: "entering" });
    expect(sending.proofMs).toBe(812);
  });

  it.each(allNames.filter((name) => !["lobbyOpen", "entryLost", "challengeFailed", "failed"].includes(name)))(
    "is ignored while %s",
    (name) => {
      const state = stateIn(name);
      expect(buyFlowReducer(state, { type: "ENTER_LOBBY" })).toBe(state);
      expect(canEnterLobby(state)).toBe(false);
    },
  );

  it("is not offered signed out, before the lobby opens or after the start", () => {
    expect(canEnterLobby(lobbyOpen({ signedIn: false }))).toBe(false);
    expect(canEnterLobby(lobbyOpen({ phase: "upcoming" }))).toBe(false);
    expect(canEnterLobby(lobbyOpen({ phase: "live" }))).toBe(false);
  });

  it("retries an entry that failed on the network, in the lobby only", () => {
    expect(canEnterLobby(stateIn("failed", { phase: "lobby" }))).toBe(true);
    expect(canEnterLobby(stateIn("failed"))).toBe(false);
  });

  it("lets the entry's own answer decide while it is in flight", () => {
    for (const state of [run(lobbyOpen(), { type: "ENTER_LOBBY" }), run(guarded(), { type: "ENTER_LOBBY" })]) {
      expect(buyFlowReducer(state, statusEvent(answer("NONE", { lobby: lobbyOf() })))).toBe(state);
      expect(buyFlowReducer(state, statusEvent(answer("IN_LOBBY")))).toBe(state);
    }
  });

  it("ignores PROVED, PROOF_FAILED and the entry's answers when nothing of theirs is in flight", () => {
    for (const name of allNames.filter((name) => name !== "proving" && name !== "entering")) {
      const state = stateIn(name);
      expect(buyFlowReducer(state, { type: "PROVED", tookMs: 5 })).toBe(state);
      expect(buyFlowReducer(state, { type: "PROOF_FAILED", problem: "CHALLENGE_UNSOLVED", message: "No luck" })).toBe(
        state,
      );
      expect(buyFlowReducer(state, enteredAt())).toBe(state);
      expect(buyFlowReducer(state, replayed)).toBe(state);
    }
  });

  it("keeps the lobby state when a poll sent before the entry answers NONE after it", () => {
    const inside = run(lobbyOpen(), { type: "ENTER_LOBBY" }, enteredAt(NOW + 1_000));
    expect(inside.statusAt).toBe(NOW + 1_000);
    expect(run(inside, statusEvent(answer("NONE", { serverNow: NOW + 999, lobby: lobbyOf() }))).status.name).toBe(
      "inLobby",
    );
  });

  it("never lets a tick, a stock read or a pause move a shopper out of the lobby, even past the start", () => {
    const inside = stateIn("inLobby");
    for (const event of [
      observed("live", stockOf(0, NOW + 1), DRAW_AT + 1),
      observed("upcoming"),
      observed("paused"),
    ]) {
      expect(buyFlowReducer(inside, event).status).toEqual({ name: "inLobby" });
    }
  });
});

describe("challenges that fail", () => {
  it("offers a retry with a fresh challenge when the browser could not solve it", () => {
    const failed = run(
      guarded(),
      { type: "ENTER_LOBBY" },
      {
        type: "PROOF_FAILED",
        problem: "CHALLENGE_UNSOLVED",
        message: "Your browser could not finish the check.",
      },
    );
    expect(failed.status).toEqual({
      name: "challengeFailed",
      action: "enter",
      problem: "CHALLENGE_UNSOLVED",
      message: "Your browser could not finish the check.",
    });
    expect(canEnterLobby(failed)).toBe(true);
    expect(run(failed, { type: "ENTER_LOBBY" }).status).toEqual({ name: "proving", action: "enter" });
  });

  it.each(["CHALLENGE_REPLAYED", "CHALLENGE_INVALID", "CHALLENGE_UNAVAILABLE"] as const)(
    "turns a %s entry into a retry",
    (problem) => {
      const state = run(
        guarded(),
        { type: "ENTER_LOBBY" },
        { type: "PROVED", tookMs: 300 },
        { type: "LOBBY_REFUSED", refusal: { reason: "CHALLENGE", problem, message: "Try again." }, at: NOW },
      );
      expect(state.status).toMatchObject({ name: "challengeFailed", action: "enter", problem });
      expect(run(state, { type: "ENTER_LOBBY" }).status).toEqual({ name: "proving", action: "enter" });
    },
  );

  it("learns that the sale asks for a challenge when one was missing, so the retry brings one", () => {
    const state = run(
      lobbyOpen(),
      { type: "ENTER_LOBBY" },
      {
        type: "LOBBY_REFUSED",
        refusal: { reason: "CHALLENGE", problem: "CHALLENGE_REQUIRED", message: "Try again." },
        at: NOW,
      },
    );
    expect(state.challengeRequired).toBe(true);
    expect(run(state, { type: "ENTER_LOBBY" }).status).toEqual({ name: "proving", action: "enter" });
  });

  it("keeps the failure on screen while the lobby stays open, and lets go at the start", () => {
    const failed = run(guarded(), { type: "ENTER_LOBBY" }, { type: "PROVED", tookMs: 1 }, replayed);
    expect(run(failed, observed("lobby", stockOf(100, NOW + 1))).status.name).toBe("challengeFailed");
    expect(run(failed, observed("live", stockOf(100, NOW + 1), DRAW_AT)).status.name).toBe("ready");
  });

  it("retries a reservation and a waitlist join the same way, each from where it was started", () => {
    const buy = run(stateIn("ready", { challengeRequired: true }), { type: "BUY" });
    expect(buy.status).toEqual({ name: "proving", action: "buy" });
    const reserving = run(buy, { type: "PROVED", tookMs: 400 });
    expect(reserving.status).toEqual({ name: "reserving" });
    const refused = run(reserving, {
      type: "REFUSED",
      refusal: { reason: "CHALLENGE", problem: "CHALLENGE_INVALID", message: "Expired." },
      at: NOW,
    });
    expect(refused.status).toMatchObject({ name: "challengeFailed", action: "buy" });
    expect(canBuy(refused)).toBe(true);
    expect(run(refused, observed("live", stockOf(4, NOW + 1))).status.name).toBe("challengeFailed");
    expect(run(refused, { type: "BUY" }).status).toEqual({ name: "proving", action: "buy" });

    const soldOut = stateIn("soldOut", {
      challengeRequired: true,
      canJoinWaitlist: true,
      status: { name: "soldOut", canJoinWaitlist: true },
    });
    const joinFailed = run(
      soldOut,
      { type: "JOIN_WAITLIST" },
      { type: "PROVED", tookMs: 1 },
      {
        type: "WAITLIST_REFUSED",
        refusal: { reason: "CHALLENGE", problem: "CHALLENGE_REPLAYED", message: "Used." },
      },
    );
    expect(joinFailed.status).toMatchObject({ name: "challengeFailed", action: "join" });
    expect(canJoinWaitlist(joinFailed)).toBe(true);
    expect(canBuy(joinFailed)).toBe(false);
    expect(run(joinFailed, { type: "JOIN_WAITLIST" }).status).toEqual({ name: "proving", action: "join" });
  });
});

describe("refused by a limit", () => {
  it.each([
    ["entering", blockLimit],
    [
      "reserving",
      {
        type: "REFUSED",
        refusal: { reason: "LIMIT", limit: "DEVICE_LIMIT", message: "This device." },
        at: NOW,
      } satisfies BuyEvent,
    ],
    [
      "joining",
      {
        type: "WAITLIST_REFUSED",
        refusal: { reason: "LIMIT", limit: "ACCOUNT_TOO_NEW", message: "Too new." },
      } satisfies BuyEvent,
    ],
  ] as const)("explains it while %s, with nothing to retry", (name, event) => {
    const state = run(stateIn(name, { canJoinWaitlist: true }), event);
    expect(state.status.name).toBe("admissionRefused");
    expect(canEnterLobby(state)).toBe(false);
    expect(canBuy(state)).toBe(false);
    expect(canJoinWaitlist(state)).toBe(false);
    expect(run(state, { type: "ENTER_LOBBY" }, { type: "BUY" }, { type: "JOIN_WAITLIST" })).toBe(state);
  });

  it("stays through ticks and stock reads", () => {
    const state = run(stateIn("entering"), blockLimit);
    expect(run(state, observed("live", stockOf(3, NOW + 1), DRAW_AT)).status.name).toBe("admissionRefused");
  });
});

describe("other answers to an entry", () => {
  const entering = () => run(lobbyOpen(), { type: "ENTER_LOBBY" });
  const refusedWith = (refusal: Extract<BuyEvent, { type: "LOBBY_REFUSED" }>["refusal"]) =>
    run(entering(), { type: "LOBBY_REFUSED", refusal, at: NOW });

  it("waits for the lobby when our clock ran early", () => {
    const early = refusedWith({ reason: "LOBBY_NOT_OPEN" });
    expect(early.status.name).toBe("notStarted");
    expect(run(early, observed("lobby")).status.name).toBe("lobbyOpen");
  });

  it("says so when the draw has already run, and lets the shopper buy from there", () => {
    const late = refusedWith({ reason: "DRAWN", message: "The draw has already run." });
    expect(late.status).toEqual({ name: "failed", message: "The draw has already run." });
    expect(canBuy(run(late, observed("live", stockOf(2, NOW + 1), DRAW_AT)))).toBe(true);
  });

  it("shares the reservation's verdicts: rate limit, pause, end, session", () => {
    expect(refusedWith({ reason: "RATE_LIMITED", retryAfterSeconds: 4 }).status).toEqual({
      name: "rateLimited",
      retryAt: NOW + 4_000,
    });
    expect(refusedWith({ reason: "PAUSED" }).status.name).toBe("paused");
    expect(refusedWith({ reason: "ENDED" }).status.name).toBe("ended");
    expect(refusedWith({ reason: "SIGNED_OUT" }).signedIn).toBe(false);
  });

  it("comes back to the lobby once a rate limit's timer runs out", () => {
    const limited = refusedWith({ reason: "RATE_LIMITED", retryAfterSeconds: 2 });
    expect(run(limited, observed("lobby", stockOf(100), NOW + 1_999)).status.name).toBe("rateLimited");
    expect(run(limited, observed("lobby", stockOf(100), NOW + 2_000)).status.name).toBe("lobbyOpen");
  });

  it("sends a shopper whose clock ran late back to the lobby when a reservation finds it open", () => {
    const state = run(stateIn("reserving"), { type: "REFUSED", refusal: { reason: "LOBBY_OPEN" }, at: NOW });
    expect(state.status).toEqual({ name: "lobbyOpen" });
  });
});

describe("the draw's result, live", () => {
  const inLobby = () => stateIn("inLobby", { statusAt: NOW });
  const drawnAnswer = (state: ShopperSaleStatus["state"], overrides: Partial<ShopperSaleStatus> = {}) =>
    statusEvent(answer(state, { serverNow: DRAW_AT + 1_000, lobby: null, draw: drawOf(), ...overrides }));

  it("takes a winner to their hold, as news they watched arrive", () => {
    const won = run(inLobby(), drawnAnswer("HELD", { draw: drawOf({ position: 12 }) }));
    expect(won.status).toEqual({ name: "held", hold: holdOf(), step: { name: "idle" } });
    expect(won.draw?.position).toBe(12);
    expect(won.lobby).toBeNull();
  });

  it("takes everyone else to their place in line and its chance", () => {
    const waiting = run(
      inLobby(),
      drawnAnswer("WAITLISTED", { waitlist: { position: 37, waiting: 212, chance: "POSSIBLE" } }),
    );
    expect(waiting.status).toEqual({ name: "waitlisted", position: 37, waiting: 212, chance: "POSSIBLE" });
    expect(waiting.draw?.position).toBe(137);
  });

  it("follows the chance as holds are paid or lapse", () => {
    const waiting = run(
      inLobby(),
      drawnAnswer("WAITLISTED", { waitlist: { position: 37, waiting: 212, chance: "POSSIBLE" } }),
      drawnAnswer("WAITLISTED", {
        serverNow: DRAW_AT + 3_000,
        waitlist: { position: 30, waiting: 205, chance: "LIKELY" },
      }),
    );
    expect(waiting.status).toEqual({ name: "waitlisted", position: 30, waiting: 205, chance: "LIKELY" });
  });

  it("keeps waiting in the lobby while the draw has not reached this shopper's poll", () => {
    expect(run(inLobby(), statusEvent(answer("IN_LOBBY", { serverNow: DRAW_AT + 100 }))).status.name).toBe("inLobby");
  });
});

describe("leaving the lobby without a result", () => {
  /** In the lobby since the entry's answer at NOW, as the page keeps it. */
  const inside = (overrides: Partial<BuyState> = {}) =>
    stateIn("inLobby", { statusAt: NOW, lobby: entered, ...overrides });
  const lostBeforeStart = (serverNow = NOW + 5_000) =>
    statusEvent(answer("NONE", { serverNow, lobby: lobbyOf({ entrants: 0, entered: false }) }));
  const drawnWithout = (overrides: Partial<ShopperSaleStatus> = {}) =>
    statusEvent(
      answer("NONE", {
        serverNow: DRAW_AT + 1_000,
        lobby: null,
        draw: drawOf({ entrants: 0, position: null, entryToken: null }),
        ...overrides,
      }),
    );

  describe("the lobby lost before the draw (Redis lost the sale and it was armed again)", () => {
    it("shows the lobby open again, says the entry was lost, and offers to enter", () => {
      const lost = run(inside(), lostBeforeStart());
      expect(lost.status).toEqual({ name: "entryLost" });
      expect(lost.lobby).toMatchObject({ entered: false, entrants: 0 });
      expect(canEnterLobby(lost)).toBe(true);
      expect(orderPollInterval(lost)).toBe(LOBBY_COUNT_POLL_MS);
    });

    it("keeps saying so through ticks and count reads until the shopper enters again", () => {
      const lost = run(
        inside(),
        lostBeforeStart(),
        observed("lobby", stockOf(100, NOW + 6_000), NOW + 6_000),
        statusEvent(answer("NONE", { serverNow: NOW + 10_000, lobby: lobbyOf({ entrants: 3 }) })),
      );
      expect(lost.status).toEqual({ name: "entryLost" });
      expect(lost.lobby?.entrants).toBe(3);
      const back = run(lost, { type: "ENTER_LOBBY" }, enteredAt(NOW + 11_000));
      expect(back.status).toEqual({ name: "inLobby" });
      expect(back.lobby).toBe(entered);
    });

    it("runs the challenge again when the sale asks for one: the earlier solution was spent", () => {
      const lost = run(inside({ challengeRequired: true }), lostBeforeStart());
      expect(run(lost, { type: "ENTER_LOBBY" }).status).toEqual({ name: "proving", action: "enter" });
    });

    it("gives way to buying at the start, for a shopper who did not enter again", () => {
      const lost = run(inside(), lostBeforeStart());
      expect(run(lost, observed("live", stockOf(100, DRAW_AT), DRAW_AT)).status).toEqual({ name: "ready" });
      expect(run(lost, observed("ended", stockOf(100, DRAW_AT), DRAW_AT)).status).toEqual({ name: "ended" });
    });

    it("takes a shopper whose own entry answered IN_LOBBY elsewhere (another tab) back to the lobby", () => {
      const lost = run(inside(), lostBeforeStart());
      expect(run(lost, statusEvent(answer("IN_LOBBY", { serverNow: NOW + 7_000 }))).status).toEqual({
        name: "inLobby",
      });
    });
  });

  describe("the draw ran without them", () => {
    it("shows the plain sale after the start, to buy, and stops reading their status", () => {
      const past = run(inside(), observed("live", stockOf(100, DRAW_AT + 500), DRAW_AT + 500));
      expect(past.status).toEqual({ name: "inLobby" });
      const plain = run(past, drawnWithout());
      expect(plain.status).toEqual({ name: "ready" });
      expect(plain.draw?.position).toBeNull();
      expect(plain.lobby).toBeNull();
      expect(orderPollInterval(plain)).toBe(false);
    });

    it("shows sold out with the waitlist when the draw gave every unit away", () => {
      const past = run(inside(), observed("live", stockOf(0, DRAW_AT + 500), DRAW_AT + 500));
      const plain = run(past, drawnWithout({ canJoinWaitlist: true }));
      expect(plain.status).toEqual({ name: "soldOut", canJoinWaitlist: true });
      expect(canJoinWaitlist(plain)).toBe(true);
    });

    it("lets a clock a moment behind the start say the lobby, then the sale, without getting stuck", () => {
      const early = run(inside(), drawnWithout());
      expect(early.status).toEqual({ name: "entryLost" });
      expect(run(early, observed("live", stockOf(100, DRAW_AT + 1_500), DRAW_AT + 1_500)).status).toEqual({
        name: "ready",
      });
    });
  });

  describe("the sale ended during the lobby", () => {
    it("shows the end on the first tick that reads it, and stops reading their status", () => {
      const over = run(inside(), observed("ended", stockOf(100, NOW + 1_000), NOW + 1_000));
      expect(over.status).toEqual({ name: "ended" });
      expect(orderPollInterval(over)).toBe(false);
    });

    it("shows the end when the status answers NONE once the sale is over", () => {
      const over = run(
        inside(),
        observed("ended", stockOf(100, NOW + 1_000), NOW + 1_000),
        statusEvent(answer("NONE", { serverNow: NOW + 2_000 })),
      );
      expect(over.status).toEqual({ name: "ended" });
    });

    it("stays ended when a late status still reports the entry", () => {
      const over = run(inside(), observed("ended", stockOf(100, NOW + 1_000), NOW + 1_000));
      expect(run(over, statusEvent(answer("IN_LOBBY", { serverNow: NOW + 2_000 }))).status).toEqual({
        name: "ended",
      });
    });
  });
});

describe("orderPollInterval", () => {
  it("reads every 2 s in the lobby and in line, so the draw's result arrives within seconds", () => {
    expect(orderPollInterval(stateIn("inLobby"))).toBe(STATUS_POLL_MS);
    expect(orderPollInterval(stateIn("waitlisted"))).toBe(STATUS_POLL_MS);
    expect(orderPollInterval(stateIn("held"))).toBe(STATUS_POLL_MS);
  });

  it("reads the count more slowly for a shopper who has not entered yet", () => {
    expect(orderPollInterval(lobbyOpen())).toBe(LOBBY_COUNT_POLL_MS);
    expect(orderPollInterval(stateIn("challengeFailed"))).toBe(LOBBY_COUNT_POLL_MS);
    expect(orderPollInterval(lobbyOpen({ signedIn: false }))).toBe(false);
  });

  it.each(["ready", "proving", "entering", "admissionRefused", "notStarted", "paid"] as const)(
    "does not read while %s",
    (name) => {
      expect(orderPollInterval(stateIn(name))).toBe(false);
    },
  );
});

describe("a whole fair draw", () => {
  it("walks from the countdown through the lobby and its challenge to a won unit", () => {
    const trail: string[] = [];
    let state = initialBuyState({
      phase: "upcoming",
      signedIn: true,
      stock: stockOf(100),
      order: null,
      challengeRequired: true,
    });
    const step = (event: BuyEvent) => {
      state = buyFlowReducer(state, event);
      trail.push(state.status.name);
    };
    step({ type: "ENTER_LOBBY" });
    step(observed("lobby"));
    step({ type: "ENTER_LOBBY" });
    step(statusEvent(answer("NONE", { serverNow: NOW + 10, lobby: lobbyOf() })));
    step({ type: "PROVED", tookMs: 650 });
    step(enteredAt(NOW + 20));
    step(observed("live", stockOf(100, DRAW_AT), DRAW_AT));
    step(statusEvent(answer("IN_LOBBY", { serverNow: DRAW_AT })));
    step(observed("live", stockOf(0, DRAW_AT + 500), DRAW_AT + 500));
    step(statusEvent(answer("HELD", { serverNow: DRAW_AT + 1_500, lobby: null, draw: drawOf({ position: 4 }) })));
    expect(trail).toEqual([
      "notStarted",
      "lobbyOpen",
      "proving",
      "proving",
      "entering",
      "inLobby",
      "inLobby",
      "inLobby",
      "inLobby",
      "held",
    ]);
    expect(state.proofMs).toBe(650);
    expect(state.draw?.position).toBe(4);
  });
});
