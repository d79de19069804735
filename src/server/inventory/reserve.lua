-- @include holds-lib
-- Take one unit of a sale for one shopper, atomically: a hold for the sale's hold window (a unit
-- for good when the sale is free). Keys: see holds-lib.lua.
--
-- ARGV[1] userId
-- ARGV[2] reservationId to use when a new unit is taken
-- ARGV[3] "1" to join the waitlist when no unit is free (and the sale has one), else "0"
--
-- Returns {status, fields, offers} where offers is a flat list of (userId, reservationId,
-- expiresAtMs) for units this step handed to the waitlist, and status/fields are one of:
--   "RESERVED"         {reservationId, reservedAtMs, S, expiresAtMs, kind, stockLeft}
--   "ALREADY_RESERVED" {reservationId, reservedAtMs, S, expiresAtMs, kind}
--   "WAITLISTED"       {position, waiting}
--   "SOLD_OUT"         {waitlistOpen 1|0}
--   "NOT_STARTED"      {startsAtMs}
--   "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED"   {}
--
-- The shopper's own record is looked at before any decrement and before the window checks, so a
-- client retry, or the same EVAL run twice after a lost response, answers with what the shopper
-- already has and never takes a second unit. A hold of theirs that is overdue expires here.

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {}, {} }
end

local user = ARGV[1]
local now = now_ms()
local offers = {}

local raw = redis.call("HGET", KEYS[2], user)
if raw then
  local r = parse_record(raw)
  if r.st == "H" and r.exp <= now then
    release(sale, user, r, "X", now, offers)
  end
  return { "ALREADY_RESERVED", { r.rid, r.at, r.st, ms(r.exp), r.kind }, offers }
end

if sale.state == "PAUSED" then
  return { "PAUSED", {}, offers }
end
if sale.state == "ENDED" then
  return { "ENDED", {}, offers }
end
if sale.state ~= "PUBLISHED" then
  return { "NOT_PUBLISHED", {}, offers }
end
if now < sale.startsAt then
  return { "NOT_STARTED", { ms(sale.startsAt) }, offers }
end
if now >= sale.endsAt then
  return { "ENDED", {}, offers }
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
  return { "ALREADY_RESERVED", { r.rid, r.at, r.st, ms(r.exp), r.kind }, offers }
end
if sale.stock <= 0 then
  if sale.waitlist then
    local rank = redis.call("ZRANK", KEYS[5], user)
    if not rank and ARGV[3] == "1" then
      redis.call("ZADD", KEYS[5], redis.call("HINCRBY", KEYS[1], "wlseq", 1), user)
      rank = redis.call("ZRANK", KEYS[5], user)
    end
    if rank then
      return { "WAITLISTED", { rank + 1, redis.call("ZCARD", KEYS[5]) }, offers }
    end
  end
  return { "SOLD_OUT", { sale.waitlist and 1 or 0 }, offers }
end

local left = redis.call("HINCRBY", KEYS[1], "stock", -1)
local r = { rid = ARGV[2], at = ms(now), st = "H", exp = now + sale.holdMs, kind = "r", pay = "" }
if sale.free then
  r.st = "P"
  r.exp = 0
  redis.call("HINCRBY", KEYS[1], "paid", 1)
else
  redis.call("ZADD", KEYS[4], r.exp, user)
  redis.call("HINCRBY", KEYS[1], "held", 1)
end
write_record(user, r)
return { "RESERVED", { r.rid, r.at, r.st, ms(r.exp), r.kind, left }, offers }
