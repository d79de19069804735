-- @include holds-lib
-- Give back the unit of a reservation that can never become an order (its shopper does not exist
-- in Postgres), atomically, and only if the shopper still holds exactly that reservation.
-- Keys: see holds-lib.lua.
--
-- ARGV[1] userId   ARGV[2] reservationId
--
-- Returns {"RELEASED", stockLeft, offers} or {"NOT_HELD"} (already released, or another reservation).
-- Run twice for the same reservation, the second run finds nothing to release: a unit comes back once.

redis.call("ZREM", KEYS[3], ARGV[1] .. "|" .. ARGV[2])
local sale = load_sale()
if not sale then
  return { "NOT_HELD" }
end
local raw = redis.call("HGET", KEYS[2], ARGV[1])
if not raw then
  return { "NOT_HELD" }
end
local r = parse_record(raw)
if r.rid ~= ARGV[2] then
  return { "NOT_HELD" }
end
redis.call("HDEL", KEYS[2], ARGV[1])
local offers = {}
if r.st == "H" then
  redis.call("ZREM", KEYS[4], ARGV[1])
  redis.call("HINCRBY", KEYS[1], "held", -1)
elseif r.st == "P" then
  redis.call("HINCRBY", KEYS[1], "paid", -1)
else
  -- An expired or cancelled record holds no unit.
  return { "RELEASED", tonumber(redis.call("HGET", KEYS[1], "stock")), offers }
end
count("hold.released")
give_unit(sale, now_ms(), offers)
return answer("", { "RELEASED", tonumber(redis.call("HGET", KEYS[1], "stock")), offers })
