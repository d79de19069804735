-- Write a sale's hot state and merge the buyers Postgres knows about, atomically.
-- Used when a sale is published and to rebuild state after Redis lost data (rearm).
--
-- KEYS[1] sale hash, KEYS[2] buyers hash, KEYS[3] pending zset
-- ARGV[1] state   ARGV[2] total stock   ARGV[3] startsAt ms   ARGV[4] endsAt ms
-- ARGV[5..] triples: userId, reservationId, reservedAtMs — one per persisted order
--
-- Buyers already in Redis are kept (they may hold reservations not yet persisted), so arming a
-- live sale never drops a reservation. Stock is derived: total - buyers, and never below zero.
-- Returns {stockLeft, buyers, overflow} where overflow > 0 means more buyers than total stock.

for i = 5, #ARGV, 3 do
  local userId = ARGV[i]
  redis.call("HSETNX", KEYS[2], userId, ARGV[i + 1] .. "|" .. ARGV[i + 2])
  -- Persisted, so no longer pending.
  redis.call("ZREM", KEYS[3], userId .. "|" .. ARGV[i + 1])
end

local buyers = redis.call("HLEN", KEYS[2])
local total = tonumber(ARGV[2])
local left = total - buyers
local overflow = 0
if left < 0 then
  overflow = -left
  left = 0
end

redis.call("HSET", KEYS[1], "state", ARGV[1], "total", total, "stock", left, "startsAt", ARGV[3], "endsAt", ARGV[4])
return { left, buyers, overflow }
