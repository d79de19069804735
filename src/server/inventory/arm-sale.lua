-- @include holds-lib
-- Write a sale's hot state and merge the records Postgres knows about, atomically. Used when a
-- sale is published and to rebuild state after Redis lost data (rearm). Keys: see holds-lib.lua.
--
-- ARGV[1] state   ARGV[2] total stock   ARGV[3] startsAt ms   ARGV[4] endsAt ms
-- ARGV[5] holdMs  ARGV[6] offerMs  ARGV[7] waitlist "1"|"0"  ARGV[8] free "1"|"0"
-- ARGV[9..] pairs: userId, record ("reservationId|reservedAtMs|S|expiresAtMs|kind|") per order
--
-- A record Redis already has is kept unless Postgres's is further along for the same reservation
-- (Redis may hold changes not yet persisted; arming a live sale never drops one). The counters,
-- the holds index and stock are then derived from the records: stock = total - held - paid, never
-- below zero. The waitlist is kept as it is.
-- Returns {stockLeft, unitsTaken, overflow}; overflow > 0 means more units taken than total stock.

local RANK = { H = 1, X = 2, C = 2, P = 3 }

for i = 9, #ARGV, 2 do
  local user = ARGV[i]
  local persisted = parse_record(ARGV[i + 1])
  local raw = redis.call("HGET", KEYS[2], user)
  local current = raw and parse_record(raw)
  if not current or (current.rid == persisted.rid and RANK[persisted.st] > RANK[current.st]) then
    redis.call("HSET", KEYS[2], user, ARGV[i + 1])
    current = persisted
  end
  if current.rid == persisted.rid and current.st == persisted.st then
    -- Postgres has this record as it is: nothing pending for it.
    redis.call("ZREM", KEYS[3], user .. "|" .. persisted.rid)
  end
end

local counts = { H = 0, P = 0, X = 0, C = 0 }
redis.call("DEL", KEYS[4])
local all = redis.call("HGETALL", KEYS[2])
for i = 1, #all, 2 do
  local r = parse_record(all[i + 1])
  counts[r.st] = (counts[r.st] or 0) + 1
  if r.st == "H" then
    redis.call("ZADD", KEYS[4], r.exp, all[i])
  end
end

local total = tonumber(ARGV[2])
local taken = counts.H + counts.P
local left = total - taken
local overflow = 0
if left < 0 then
  overflow = -left
  left = 0
end

redis.call("HSET", KEYS[1], "state", ARGV[1], "total", total, "stock", left, "startsAt", ARGV[3], "endsAt", ARGV[4],
  "holdMs", ARGV[5], "offerMs", ARGV[6], "waitlist", ARGV[7], "free", ARGV[8],
  "held", counts.H, "paid", counts.P, "expired", counts.X, "cancelled", counts.C)
return { left, taken, overflow }
