-- Shared by every script that touches holds; inlined ahead of the script's own code when it is
-- loaded (see lua.ts, "-- @include holds-lib"). One sale's keys, always in this order:
--
-- KEYS[1] sale hash     state stock total startsAt endsAt | holdMs offerMs waitlist free |
--                       held paid expired cancelled (counters) | wlseq offerseq (sequences) |
--                       a fair opening: mode ("draw" for a fair draw; absent or "first": first
--                       come) lobbyAt (ms the lobby opens) seed commit (sha256(seed), hex)
--                       drawnAt drawEntrants drawWinners (absent until the draw ran) |
--                       admission: pow ("1": a challenge is asked) minAgeMs (0: no age rule)
-- KEYS[2] buyers hash   userId -> "reservationId|reservedAtMs|S|expiresAtMs|kind|paymentRef"
--                       S: H held, P paid (or confirmed without payment), X expired, C cancelled
--                       kind: r reservation, o offer from the waitlist
-- KEYS[3] pending zset  the journal: "userId|reservationId" of every record Postgres has not seen
--                       in its latest state, scored by when it last changed (see journal_score)
-- KEYS[4] holds zset    userId -> expiresAtMs, the holds still waiting for payment
-- KEYS[5] waitlist zset userId -> ticket number (first come, first served; after a fair draw the
--                       lobby's losers hold the first tickets, in drawn order)
-- KEYS[6] lobby zset    a fair draw's lobby. Before the draw: userId -> entered at (ms). The draw
--                       rescores it: userId -> drawn position (1 first), kept for the record.
-- KEYS[7] entrants hash userId -> "via|atMs|addressBlock|deviceId" (via L lobby, B buy or queue;
--                       "" for an unknown block or device), written once per shopper and sale
-- KEYS[8] quota hash    "b:<addressBlock>" / "d:<deviceId>" -> entrants admitted from it;
--                       "xb:<addressBlock>" / "xd:<deviceId>" -> attempts its allowance turned away
-- KEYS[9] challenges zset  spent challenge solution ids -> when they may be forgotten (ms)
-- KEYS[10] denials hash "<lobby|buy>:<REASON>" -> entries and attempts refused
-- KEYS[11] metrics hash  event -> count since the sale was armed (the Prometheus counters); the
--                       events are listed in ~/server/metrics/events.ts
-- KEYS[12] metrics bucket  one minute of per-second metrics, the minute picked by the caller's
--                       clock: "<epochSec>:<event>" -> count, and gauges "<epochSec>:g.stock",
--                       "<epochSec>:g.held", "<epochSec>:g.waitlist" -> value after that second's
--                       last change; the second is Redis's (TIME). Expires 2 h after its last write.
--
-- The books after every script: stock + held + paid = total.

-- Epoch ms as an integer string; tostring() of a large Lua number may use an exponent.
local function ms(n)
  return string.format("%.0f", n)
end

-- The second metrics are counted under (Redis's clock); read once per script run.
local metric_second = nil

-- Redis's clock is the one clock every app instance shares.
local function now_ms()
  local time = redis.call("TIME")
  metric_second = metric_second or time[1]
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- Metrics: counted in the same atomic step as what they count, so every instance reads the same
-- exact figures. An event costs two HINCRBY (the totals and this second's field); a script run
-- that counts anything adds one EXPIRE, and one that changed stock, holds or the waitlist adds the
-- gauges (HMGET, ZCARD, one HSET) when it answers (see answer()).
local metrics_expiring = false
local gauges_due = false

local function count(event, n)
  n = n or 1
  if n == 0 then
    return
  end
  if not metric_second then
    metric_second = redis.call("TIME")[1]
  end
  redis.call("HINCRBY", KEYS[11], event, n)
  redis.call("HINCRBY", KEYS[12], metric_second .. ":" .. event, n)
  if not metrics_expiring then
    metrics_expiring = true
    redis.call("EXPIRE", KEYS[12], 7200)
  end
  -- Answers (reserve.*, lobby.*) change nothing by themselves; every other event moves a gauge.
  if string.sub(event, 1, 8) ~= "reserve." and string.sub(event, 1, 6) ~= "lobby." then
    gauges_due = true
  end
end

-- Writes this second's gauges: units free, holds waiting for payment, shoppers queueing.
local function write_gauges()
  if not metric_second then
    metric_second = redis.call("TIME")[1]
  end
  local f = redis.call("HMGET", KEYS[1], "stock", "held")
  local s = metric_second .. ":g."
  redis.call("HSET", KEYS[12], s .. "stock", f[1] or 0, s .. "held", f[2] or 0, s .. "waitlist", redis.call("ZCARD", KEYS[5]))
  if not metrics_expiring then
    metrics_expiring = true
    redis.call("EXPIRE", KEYS[12], 7200)
  end
  gauges_due = false
end

-- A script's answer, counted: "<prefix><status>" (prefix "" counts nothing), and the gauges when
-- this run changed what they show. Every answer but UNKNOWN_SALE goes through here.
local function answer(prefix, reply)
  if prefix ~= "" then
    count(prefix .. reply[1])
  end
  if gauges_due then
    write_gauges()
  end
  return reply
end

-- A record written before checkout existed is "reservationId|reservedAtMs": a unit for good.
local function parse_record(raw)
  local f = {}
  for part in string.gmatch(raw .. "|", "([^|]*)|") do
    f[#f + 1] = part
  end
  return { rid = f[1], at = f[2], st = f[3] or "P", exp = tonumber(f[4] or "0") or 0, kind = f[5] or "r", pay = f[6] or "" }
end

-- The journal's order is the order of changes: epoch ms x 1000, strictly increasing per sale. So
-- every prefix of the journal a persister reads holds each release that came before a take, and
-- Postgres's capacity guard never sees a unit taken before the one that freed it was given back.
local function journal_score()
  local t = redis.call("TIME")
  local score = (tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) * 1000
  local last = tonumber(redis.call("HGET", KEYS[1], "jlast") or "0")
  if score <= last then
    score = last + 1
  end
  redis.call("HSET", KEYS[1], "jlast", ms(score))
  return score
end

-- Writes a shopper's record and journals it for Postgres.
local function write_record(user, r)
  redis.call("HSET", KEYS[2], user, r.rid .. "|" .. r.at .. "|" .. r.st .. "|" .. ms(r.exp) .. "|" .. r.kind .. "|" .. r.pay)
  redis.call("ZADD", KEYS[3], journal_score(), user .. "|" .. r.rid)
end

local function load_sale()
  local f = redis.call("HMGET", KEYS[1], "state", "stock", "startsAt", "endsAt", "holdMs", "offerMs", "waitlist", "free",
    "held", "paid", "mode", "lobbyAt", "seed", "commit", "drawnAt", "pow", "minAgeMs")
  if not f[1] then
    return nil
  end
  local sale = {
    state = f[1], stock = tonumber(f[2]), startsAt = tonumber(f[3]), endsAt = tonumber(f[4]),
    holdMs = tonumber(f[5] or "600000"), offerMs = tonumber(f[6] or "300000"),
    waitlist = f[7] == "1", free = f[8] == "1",
    draw = f[11] == "draw", lobbyAt = tonumber(f[12] or "0") or 0, seed = f[13] or "", commit = f[14] or "",
    drawnAt = tonumber(f[15] or ""), pow = f[16] == "1", minAgeMs = tonumber(f[17] or "0") or 0,
  }
  if not f[9] or not f[10] then
    -- Armed before checkout existed: every buyer holds a unit for good. Count them once.
    redis.call("HSET", KEYS[1], "held", 0, "paid", redis.call("HLEN", KEYS[2]))
  end
  return sale
end

-- Whether released units go to the queue now: the switch is on and the sale is taking buyers
-- (not paused, not ended). Otherwise they wait in stock, and the queue gets them when it resumes.
local function queue_open(sale, now)
  return sale.waitlist and sale.state == "PUBLISHED" and now < sale.endsAt
end

-- A unit comes free: while the queue is open, it goes straight to its head as an offer (a hold
-- for the offer window; a unit for good when the sale is free); otherwise back to stock.
-- The offer's reservation id is derived here, unique per sale through offerseq.
local function give_unit(sale, now, offers)
  if queue_open(sale, now) then
    while true do
      local head = redis.call("ZPOPMIN", KEYS[5])
      if #head == 0 then
        break
      end
      local user = head[1]
      if redis.call("HEXISTS", KEYS[2], user) == 0 then
        local seq = redis.call("HINCRBY", KEYS[1], "offerseq", 1)
        local rid = "rsv_" .. string.sub(redis.sha1hex(KEYS[1] .. "|" .. user .. "|" .. seq), 1, 32)
        local exp = 0
        if sale.free then
          write_record(user, { rid = rid, at = ms(now), st = "P", exp = 0, kind = "o", pay = "" })
          redis.call("HINCRBY", KEYS[1], "paid", 1)
          count("hold.paid")
        else
          exp = now + sale.offerMs
          write_record(user, { rid = rid, at = ms(now), st = "H", exp = exp, kind = "o", pay = "" })
          redis.call("ZADD", KEYS[4], exp, user)
          redis.call("HINCRBY", KEYS[1], "held", 1)
        end
        count("waitlist.offered")
        count("hold.taken")
        offers[#offers + 1] = user
        offers[#offers + 1] = rid
        offers[#offers + 1] = ms(exp)
        return
      end
    end
  end
  redis.call("HINCRBY", KEYS[1], "stock", 1)
end

-- Ends a hold unpaid (X expired, C cancelled) and hands its unit on, in the same step.
local function release(sale, user, r, state, now, offers)
  r.st = state
  write_record(user, r)
  redis.call("ZREM", KEYS[4], user)
  redis.call("HINCRBY", KEYS[1], "held", -1)
  redis.call("HINCRBY", KEYS[1], state == "X" and "expired" or "cancelled", 1)
  count(state == "X" and "hold.expired" or "hold.cancelled")
  give_unit(sale, now, offers)
end

-- Expires up to `limit` overdue holds; answers how many.
local function sweep(sale, now, limit, offers)
  local due = redis.call("ZRANGE", KEYS[4], "-inf", ms(now), "BYSCORE", "LIMIT", 0, limit)
  for _, user in ipairs(due) do
    local raw = redis.call("HGET", KEYS[2], user)
    local r = raw and parse_record(raw)
    if r and r.st == "H" then
      release(sale, user, r, "X", now, offers)
    else
      redis.call("ZREM", KEYS[4], user)
    end
  end
  return #due
end

-- Free stock while people wait (an admin added units): each unit goes to the queue's head.
local function serve_waitlist(sale, now, offers)
  if not queue_open(sale, now) then
    return
  end
  while tonumber(redis.call("HGET", KEYS[1], "stock")) > 0 and redis.call("ZCARD", KEYS[5]) > 0 do
    redis.call("HINCRBY", KEYS[1], "stock", -1)
    give_unit(sale, now, offers)
  end
end

-- Admission: what a shopper must bring beyond being signed in (docs/fair-opening.md). The app
-- verified the challenge's signature and binding; what only the sale's own atomic step can decide
-- is decided here: whether a solution was already spent, and the allowances per address block and
-- device, counted once per shopper per sale. Each script takes the same seven ARGV from index i:
-- challengeId ("" none), challengeExpiresAtMs, addressBlock ("" unknown), deviceId ("" unknown),
-- accountCreatedAtMs ("" unknown), entries per block, entries per device (0: no cap).
local function read_admission(i)
  return {
    challenge = ARGV[i] or "", challengeExp = tonumber(ARGV[i + 1] or "0") or 0,
    block = ARGV[i + 2] or "", device = ARGV[i + 3] or "", created = tonumber(ARGV[i + 4] or ""),
    perBlock = tonumber(ARGV[i + 5] or "0") or 0, perDevice = tonumber(ARGV[i + 6] or "0") or 0,
  }
end

-- Counts a refusal for the fairness report and answers its name.
local function deny(stage, reason)
  redis.call("HINCRBY", KEYS[10], stage .. ":" .. reason, 1)
  return reason
end

-- A presented solution is spent by the first request that brings it, whatever that request is
-- answered: one solution, one attempt, so every attempt costs the work again. Spent ids are kept
-- a minute past their own expiry (the app's clock may trail Redis's) and then trimmed.
-- Answers nil, or "CHALLENGE_REPLAYED".
local function spend_challenge(stage, a, now)
  if a.challenge == "" then
    return nil
  end
  if redis.call("ZSCORE", KEYS[9], a.challenge) then
    return deny(stage, "CHALLENGE_REPLAYED")
  end
  redis.call("ZREMRANGEBYSCORE", KEYS[9], "-inf", ms(now))
  redis.call("ZADD", KEYS[9], ms(math.max(a.challengeExp, now) + 60000), a.challenge)
  return nil
end

-- The rest of admission, asked only when the step is about to give the shopper something new (a
-- unit, a place in the queue or in the lobby): a challenge when the sale asks for one, the
-- account's age, and the allowances. A shopper already counted in this sale (an entrant record)
-- is not counted again, so entering the lobby and then buying uses one entry. Admitted, the
-- shopper's entrant record is written. Answers nil, or the refusal's name.
local function admit(sale, user, stage, via, a, now)
  if sale.pow and a.challenge == "" then
    return deny(stage, "CHALLENGE_REQUIRED")
  end
  if sale.minAgeMs > 0 then
    -- An age the app could not read (Postgres slow) is a "try again", never a final "too new".
    if not a.created then
      return deny(stage, "ACCOUNT_AGE_UNKNOWN")
    end
    if now - a.created < sale.minAgeMs then
      return deny(stage, "ACCOUNT_TOO_NEW")
    end
  end
  if redis.call("HEXISTS", KEYS[7], user) == 1 then
    return nil
  end
  if a.block ~= "" and a.perBlock > 0 and tonumber(redis.call("HGET", KEYS[8], "b:" .. a.block) or "0") >= a.perBlock then
    redis.call("HINCRBY", KEYS[8], "xb:" .. a.block, 1)
    return deny(stage, "BLOCK_LIMIT")
  end
  if a.device ~= "" and a.perDevice > 0 and tonumber(redis.call("HGET", KEYS[8], "d:" .. a.device) or "0") >= a.perDevice then
    redis.call("HINCRBY", KEYS[8], "xd:" .. a.device, 1)
    return deny(stage, "DEVICE_LIMIT")
  end
  redis.call("HSETNX", KEYS[7], user, via .. "|" .. ms(now) .. "|" .. a.block .. "|" .. a.device)
  if a.block ~= "" then
    redis.call("HINCRBY", KEYS[8], "b:" .. a.block, 1)
  end
  if a.device ~= "" then
    redis.call("HINCRBY", KEYS[8], "d:" .. a.device, 1)
  end
  return nil
end

-- Whether a fair draw must run now: once, at the first script that runs after the start while the
-- sale takes buyers. (A sale paused at its start draws when it resumes.) Never without a seed: an
-- order anyone could compute in advance would not be a draw.
local function draw_due(sale, now)
  return sale.draw and not sale.drawnAt and sale.seed ~= "" and sale.state == "PUBLISHED" and now >= sale.startsAt
    and now < sale.endsAt
end

-- The draw's order is the byte order of each entrant's draw key, sha1(seed|sha1(commit|userId)) in
-- lowercase hex: the order ~/server/fair-draw/draw-order.ts re-derives. Lua compares strings with
-- the server's collation locale, which for lowercase hex of one length is byte order in every
-- locale we know of; the sort uses it (fast, native) and then checks every neighbouring pair in
-- byte order, as numbers, and sorts again by numbers should any pair disagree. The draw is never
-- at the mercy of a locale.
local function draw_key(sale, user)
  return redis.sha1hex(sale.seed .. "|" .. redis.sha1hex(sale.commit .. "|" .. user))
end

local function hex_before(a, b)
  for i = 1, 40, 10 do
    local x, y = tonumber(string.sub(a, i, i + 9), 16), tonumber(string.sub(b, i, i + 9), 16)
    if x ~= y then
      return x < y
    end
  end
  return false
end

-- Sorts "drawKey|userId" strings (keys of one length, so the key alone decides) in byte order.
local function sort_drawn(entries)
  table.sort(entries)
  for i = 2, #entries do
    if hex_before(entries[i], entries[i - 1]) then
      table.sort(entries, hex_before)
      return
    end
  end
end

-- The reservation id of a draw winner's hold: one per shopper and sale, so a re-arm can tell the
-- draw's holds from the rest (arm-sale.lua counts them).
local function draw_rid(user)
  return "rsv_" .. string.sub(redis.sha1hex(KEYS[1] .. "|" .. user .. "|draw"), 1, 32)
end

-- ZADD many (score, member) pairs, a bounded number per call (Lua's unpack has a stack limit).
local function zadd_all(key, flat)
  for i = 1, #flat, 1000 do
    redis.call("ZADD", key, unpack(flat, i, math.min(i + 999, #flat)))
  end
end

-- The fair draw (docs/fair-opening.md): shuffles the lobby by each entrant's draw key, gives the
-- first `stock` entrants a hold each (a unit for good when the sale is free) and queues the rest on
-- the waitlist in drawn order, ahead of anyone who comes after the start. Winners' reservation ids
-- are derived here, one per shopper and sale; their (userId, reservationId, expiresAtMs) triples
-- are appended to `offers` so their expiries and orders follow. The lobby is rescored with the
-- drawn positions and kept: the draw's record, persisted with the entrants. Answers the number of
-- entrants and of winners.
local function draw_lobby(sale, now, offers)
  local members = redis.call("ZRANGE", KEYS[6], 0, -1)
  local drawn = {}
  for i, user in ipairs(members) do
    drawn[i] = draw_key(sale, user) .. "|" .. user
  end
  sort_drawn(drawn)
  -- Nobody can hold a unit before a fair draw's start; should a record exist (a re-arm from
  -- Postgres), its owner keeps it and takes no second unit.
  local anyRecord = redis.call("HLEN", KEYS[2]) > 0
  local stock = tonumber(redis.call("HGET", KEYS[1], "stock"))
  local winners, queue, positions = 0, {}, {}
  for position, entry in ipairs(drawn) do
    local user = string.sub(entry, 42)
    positions[#positions + 1] = position
    positions[#positions + 1] = user
    if not anyRecord or redis.call("HEXISTS", KEYS[2], user) == 0 then
      if stock > 0 then
        stock = stock - 1
        winners = winners + 1
        local rid = draw_rid(user)
        local exp = 0
        if sale.free then
          write_record(user, { rid = rid, at = ms(now), st = "P", exp = 0, kind = "r", pay = "" })
        else
          exp = now + sale.holdMs
          write_record(user, { rid = rid, at = ms(now), st = "H", exp = exp, kind = "r", pay = "" })
          redis.call("ZADD", KEYS[4], exp, user)
        end
        offers[#offers + 1] = user
        offers[#offers + 1] = rid
        offers[#offers + 1] = ms(exp)
      else
        queue[#queue + 1] = user
      end
    end
  end
  redis.call("HSET", KEYS[1], "stock", stock)
  redis.call("HINCRBY", KEYS[1], sale.free and "paid" or "held", winners)
  count("draw.winners", winners)
  count("hold.taken", winners)
  if sale.free then
    count("hold.paid", winners)
  end
  count("draw.queued", #queue)
  -- Drawn, the lobby empties into holds and the queue: the gauges show it even with no winner.
  gauges_due = true
  if #queue > 0 then
    local last = redis.call("HINCRBY", KEYS[1], "wlseq", #queue)
    local tickets = {}
    for i, user in ipairs(queue) do
      tickets[#tickets + 1] = last - #queue + i
      tickets[#tickets + 1] = user
    end
    zadd_all(KEYS[5], tickets)
  end
  redis.call("DEL", KEYS[6])
  zadd_all(KEYS[6], positions)
  redis.call("HSET", KEYS[1], "drawnAt", ms(now), "drawEntrants", #drawn, "drawWinners", winners)
  sale.drawnAt = now
  sale.stock = stock
  return #drawn, winners
end

-- Runs the draw when it is due and answers what a script returns about it: {} when it did not run,
-- else {entrants, winners, drawnAtMs, tookUs, then (userId, reservationId, expiresAtMs) per
-- winner}; tookUs is the draw's own time inside Redis, for the log.
local function draw_if_due(sale, now)
  if not draw_due(sale, now) then
    return {}
  end
  local started = redis.call("TIME")
  local winners = {}
  local entrants, count = draw_lobby(sale, now, winners)
  local ended = redis.call("TIME")
  local took = (tonumber(ended[1]) - tonumber(started[1])) * 1000000 + tonumber(ended[2]) - tonumber(started[2])
  local facts = { entrants, count, ms(now), took }
  for _, value in ipairs(winners) do
    facts[#facts + 1] = value
  end
  return facts
end
