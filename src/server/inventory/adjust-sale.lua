-- Apply an admin change to a sale's hot state without losing a reservation.
--
-- KEYS[1] sale hash, KEYS[2] buyers hash
-- ARGV[1] new total stock, or "" to keep
-- ARGV[2] new state (PUBLISHED | PAUSED | ENDED | DRAFT), or "" to keep
-- ARGV[3] new startsAt ms, or "" to keep
-- ARGV[4] new endsAt ms, or "" to keep
--
-- Returns {"OK", stockLeft, reserved} or {"BELOW_RESERVED", reserved} or {"UNKNOWN_SALE"}.
-- Stock is recomputed as total - reserved inside the same step as any concurrent reservation
-- would run, so raising or lowering it can neither oversell nor drop a unit already taken.

if redis.call("EXISTS", KEYS[1]) == 0 then
  return { "UNKNOWN_SALE" }
end

local reserved = redis.call("HLEN", KEYS[2])
if ARGV[1] ~= "" then
  local total = tonumber(ARGV[1])
  if total < reserved then
    return { "BELOW_RESERVED", reserved }
  end
  redis.call("HSET", KEYS[1], "total", total, "stock", total - reserved)
end
if ARGV[2] ~= "" then
  redis.call("HSET", KEYS[1], "state", ARGV[2])
end
if ARGV[3] ~= "" then
  redis.call("HSET", KEYS[1], "startsAt", ARGV[3])
end
if ARGV[4] ~= "" then
  redis.call("HSET", KEYS[1], "endsAt", ARGV[4])
end
return { "OK", tonumber(redis.call("HGET", KEYS[1], "stock")), reserved }
