-- Give back the unit of a reservation that can never become an order (its shopper does not exist
-- in Postgres), atomically, and only if the shopper still holds exactly that reservation.
--
-- KEYS[1] sale hash, KEYS[2] buyers hash, KEYS[3] pending zset
-- ARGV[1] userId   ARGV[2] reservationId
--
-- Returns {"RELEASED", stockLeft} or {"NOT_HELD"} (already released, or another reservation).
-- Run twice for the same reservation, the second run finds nothing to release: a unit comes back once.

redis.call("ZREM", KEYS[3], ARGV[1] .. "|" .. ARGV[2])
if redis.call("EXISTS", KEYS[1]) == 0 then
  return { "NOT_HELD" }
end
local held = redis.call("HGET", KEYS[2], ARGV[1])
if not held or string.sub(held, 1, string.len(ARGV[2]) + 1) ~= ARGV[2] .. "|" then
  return { "NOT_HELD" }
end
redis.call("HDEL", KEYS[2], ARGV[1])
return { "RELEASED", redis.call("HINCRBY", KEYS[1], "stock", 1) }
