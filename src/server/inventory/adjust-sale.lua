-- @include holds-lib
-- Apply an admin change to a sale's hot state without losing a hold or a paid unit.
-- Keys: see holds-lib.lua.
--
-- ARGV[1] new total stock, or "" to keep
-- ARGV[2] new state (PUBLISHED | PAUSED | ENDED | DRAFT), or "" to keep
-- ARGV[3] new startsAt ms, or "" to keep
-- ARGV[4] new endsAt ms, or "" to keep
-- ARGV[5] new holdMs, ARGV[6] new offerMs, ARGV[7] waitlist "1"|"0", ARGV[8] free "1"|"0" (the
-- price became or stopped being 0) — each "" to keep. Switching the waitlist off empties it: the
-- shoppers in it see the sale as sold out, not a queue that no longer moves.
--
-- Returns {"OK", stockLeft, taken} or {"BELOW_RESERVED", taken} or {"UNKNOWN_SALE"}, where taken
-- counts units held or paid. Stock is recomputed as total - taken inside the same step as any
-- concurrent reservation would run, so raising or lowering it can neither oversell nor drop a
-- unit. New windows apply to holds taken from now on. Units added while people wait go to the
-- waitlist at the next reservation or expiry sweep.

if not load_sale() then
  return { "UNKNOWN_SALE" }
end
local counters = redis.call("HMGET", KEYS[1], "held", "paid")
local taken = tonumber(counters[1]) + tonumber(counters[2])
if ARGV[1] ~= "" then
  local total = tonumber(ARGV[1])
  if total < taken then
    return { "BELOW_RESERVED", taken }
  end
  redis.call("HSET", KEYS[1], "total", total, "stock", total - taken)
end
local fields = { "state", "startsAt", "endsAt", "holdMs", "offerMs", "waitlist", "free" }
for i, field in ipairs(fields) do
  if ARGV[i + 1] ~= "" then
    redis.call("HSET", KEYS[1], field, ARGV[i + 1])
  end
end
if ARGV[7] == "0" then
  redis.call("DEL", KEYS[5])
end
return { "OK", tonumber(redis.call("HGET", KEYS[1], "stock")), taken }
