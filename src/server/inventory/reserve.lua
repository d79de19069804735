-- @include holds-lib
-- Take one unit of a sale for one shopper, atomically: a hold for the sale's hold window (a unit
-- for good when the sale is free). Keys: see holds-lib.lua.
--
-- ARGV[1] userId
-- ARGV[2] reservationId to use when a new unit is taken
-- ARGV[3] "1" to join the waitlist when no unit is free (and the sale has one), else "0"
-- ARGV[4..10] admission (see read_admission in holds-lib.lua)
--
-- Returns {status, fields, offers, draw} where offers is a flat list of (userId, reservationId,
-- expiresAtMs) for units this step handed to the waitlist, draw is what a fair draw this step ran
-- did (see draw_if_due; {} when none ran), and status/fields are one of:
--   "RESERVED"         {reservationId, reservedAtMs, S, expiresAtMs, kind, stockLeft}
--   "ALREADY_RESERVED" {reservationId, reservedAtMs, S, expiresAtMs, kind}
--   "WAITLISTED"       {position, waiting}
--   "SOLD_OUT"         {waitlistOpen 1|0}
--   "NOT_STARTED"      {startsAtMs}
--   "LOBBY_OPEN"       {drawAtMs}       a fair draw before its start: enter the lobby instead
--   "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED"   {}
--   "CHALLENGE_REQUIRED" | "CHALLENGE_REPLAYED" | "ACCOUNT_TOO_NEW" | "ACCOUNT_AGE_UNKNOWN" | "BLOCK_LIMIT" | "DEVICE_LIMIT"   {}
--
-- A fair draw that is due runs first, so no request after the start takes a unit ahead of the
-- lobby. The shopper's own record is looked at next, before any decrement, before admission and
-- before the window checks, so a client retry, or the same EVAL run twice after a lost response,
-- answers with what the shopper already has and never takes a second unit. A hold of theirs that
-- is overdue expires here. Admission (challenge, account age, allowances) is asked only when the
-- step would give something new; a presented solution is spent either way.
--
-- Every answer but UNKNOWN_SALE is counted as "reserve.<status>" (see answer() in holds-lib.lua).

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {}, {}, {} }
end

local user = ARGV[1]
local now = now_ms()
local offers = {}
local admission = read_admission(4)
local draw = draw_if_due(sale, now)

local raw = redis.call("HGET", KEYS[2], user)
if raw then
  local r = parse_record(raw)
  if r.st == "H" and r.exp <= now then
    release(sale, user, r, "X", now, offers)
  end
  return answer("reserve.", { "ALREADY_RESERVED", { r.rid, r.at, r.st, ms(r.exp), r.kind }, offers, draw })
end

local replayed = spend_challenge("buy", admission, now)
if replayed then
  return answer("reserve.", { replayed, {}, offers, draw })
end

if sale.state == "PAUSED" then
  return answer("reserve.", { "PAUSED", {}, offers, draw })
end
if sale.state == "ENDED" then
  return answer("reserve.", { "ENDED", {}, offers, draw })
end
if sale.state ~= "PUBLISHED" then
  return answer("reserve.", { "NOT_PUBLISHED", {}, offers, draw })
end
if now < sale.startsAt then
  if sale.draw then
    return answer("reserve.", { "LOBBY_OPEN", { ms(sale.startsAt) }, offers, draw })
  end
  return answer("reserve.", { "NOT_STARTED", { ms(sale.startsAt) }, offers, draw })
end
if now >= sale.endsAt then
  return answer("reserve.", { "ENDED", {}, offers, draw })
end

-- Units an admin added while people queue belong to the queue, not to whoever asks next; overdue
-- holds this step passes are released before anyone is told "sold out". Either may have handed a
-- unit to this very shopper (they were queued): then that offer is their answer.
if sale.stock > 0 and sale.waitlist then
  serve_waitlist(sale, now, offers)
end
if tonumber(redis.call("HGET", KEYS[1], "stock")) <= 0 then
  sweep(sale, now, 10, offers)
end
sale.stock = tonumber(redis.call("HGET", KEYS[1], "stock"))
local offered = redis.call("HGET", KEYS[2], user)
if offered then
  local r = parse_record(offered)
  return answer("reserve.", { "ALREADY_RESERVED", { r.rid, r.at, r.st, ms(r.exp), r.kind }, offers, draw })
end
if sale.stock <= 0 then
  if sale.waitlist then
    local rank = redis.call("ZRANK", KEYS[5], user)
    if not rank and ARGV[3] == "1" then
      local refused = admit(sale, user, "buy", "B", admission, now)
      if refused then
        return answer("reserve.", { refused, {}, offers, draw })
      end
      redis.call("ZADD", KEYS[5], redis.call("HINCRBY", KEYS[1], "wlseq", 1), user)
      count("waitlist.joined")
      rank = redis.call("ZRANK", KEYS[5], user)
    end
    if rank then
      return answer("reserve.", { "WAITLISTED", { rank + 1, redis.call("ZCARD", KEYS[5]) }, offers, draw })
    end
  end
  return answer("reserve.", { "SOLD_OUT", { sale.waitlist and 1 or 0 }, offers, draw })
end

local refused = admit(sale, user, "buy", "B", admission, now)
if refused then
  return answer("reserve.", { refused, {}, offers, draw })
end
local left = redis.call("HINCRBY", KEYS[1], "stock", -1)
local r = { rid = ARGV[2], at = ms(now), st = "H", exp = now + sale.holdMs, kind = "r", pay = "" }
if sale.free then
  r.st = "P"
  r.exp = 0
  redis.call("HINCRBY", KEYS[1], "paid", 1)
  count("hold.paid")
else
  redis.call("ZADD", KEYS[4], r.exp, user)
  redis.call("HINCRBY", KEYS[1], "held", 1)
end
write_record(user, r)
count("hold.taken")
return answer("reserve.", { "RESERVED", { r.rid, r.at, r.st, ms(r.exp), r.kind, left }, offers, draw })
