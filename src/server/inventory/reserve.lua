-- Reserve one unit of a sale for one shopper, atomically.
--
-- KEYS[1] sale hash        {state, stock, total, startsAt, endsAt}  (times in epoch ms)
-- KEYS[2] buyers hash      userId -> "reservationId|reservedAtMs"
-- KEYS[3] pending zset     the journal: "userId|reservationId" scored by reservedAtMs, until persisted
-- ARGV[1] userId
-- ARGV[2] reservationId to use when a new unit is taken
--
-- Returns one of:
--   {"RESERVED", reservationId, reservedAtMs, stockLeft}
--   {"ALREADY_RESERVED", reservationId, reservedAtMs}
--   {"UNKNOWN_SALE"} | {"NOT_PUBLISHED"} | {"PAUSED"} | {"ENDED"}
--   {"NOT_STARTED", startsAtMs} | {"SOLD_OUT"}
--
-- The duplicate-buyer check runs before any decrement and before the window checks, so a client
-- retry, or the same EVAL run twice after a lost response, answers with the one reservation the
-- shopper holds and never takes a second unit.

local sale = redis.call("HMGET", KEYS[1], "state", "stock", "startsAt", "endsAt")
local state = sale[1]
if not state then
  return { "UNKNOWN_SALE" }
end

local held = redis.call("HGET", KEYS[2], ARGV[1])
if held then
  local sep = string.find(held, "|", 1, true)
  return { "ALREADY_RESERVED", string.sub(held, 1, sep - 1), string.sub(held, sep + 1) }
end

if state == "PAUSED" then
  return { "PAUSED" }
end
if state == "ENDED" then
  return { "ENDED" }
end
if state ~= "PUBLISHED" then
  return { "NOT_PUBLISHED" }
end

-- Redis's clock is the one clock every app instance shares.
local time = redis.call("TIME")
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if now < tonumber(sale[3]) then
  return { "NOT_STARTED", sale[3] }
end
if now >= tonumber(sale[4]) then
  return { "ENDED" }
end

if tonumber(sale[2]) <= 0 then
  return { "SOLD_OUT" }
end

local left = redis.call("HINCRBY", KEYS[1], "stock", -1)
local stamp = tostring(now)
redis.call("HSET", KEYS[2], ARGV[1], ARGV[2] .. "|" .. stamp)
redis.call("ZADD", KEYS[3], now, ARGV[1] .. "|" .. ARGV[2])
return { "RESERVED", ARGV[2], stamp, left }
