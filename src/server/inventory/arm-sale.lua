-- @include holds-lib
-- Write a sale's hot state and merge the records Postgres knows about, atomically. Used when a
-- sale is published and to rebuild state after Redis lost data (rearm). Keys: see holds-lib.lua.
--
-- ARGV[1] state   ARGV[2] total stock   ARGV[3] startsAt ms   ARGV[4] endsAt ms
-- ARGV[5] holdMs  ARGV[6] offerMs  ARGV[7] waitlist "1"|"0"  ARGV[8] free "1"|"0"
-- ARGV[9] mode "draw"|"first"  ARGV[10] lobbyAt ms  ARGV[11] seed  ARGV[12] commit (both "" for
-- first come)  ARGV[13] pow "1"|"0"  ARGV[14] minAgeMs  ARGV[15] drawnAt ms ("" not drawn)
-- ARGV[16] drawEntrants
-- ARGV[17..] pairs: userId, record ("reservationId|reservedAtMs|S|expiresAtMs|kind|") per order
--
-- A record Redis already has is kept unless Postgres's is further along for the same reservation
-- (Redis may hold changes not yet persisted; arming a live sale never drops one). The counters,
-- the holds index and stock are then derived from the records: stock = total - held - paid, never
-- below zero. The waitlist, the lobby and the admission counts are kept as they are. A draw Redis
-- already recorded stays recorded; one only Postgres knows of (Redis lost its state) is written
-- back, so a re-arm never runs a sale's draw a second time, with its winners counted from the
-- records: a draw's hold carries the reservation id draw_lobby derives for its winner. A winner
-- whose order Postgres had not received yet is lost with Redis's state and not counted. A fair
-- draw always has its waitlist.
-- Returns {stockLeft, unitsTaken, overflow}; overflow > 0 means more units taken than total stock.

local RANK = { H = 1, X = 2, C = 2, P = 3 }

for i = 17, #ARGV, 2 do
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
  "held", counts.H, "paid", counts.P, "expired", counts.X, "cancelled", counts.C,
  "mode", ARGV[9], "lobbyAt", ARGV[10], "pow", ARGV[13], "minAgeMs", ARGV[14])
if redis.call("HEXISTS", KEYS[1], "drawnAt") == 0 then
  -- The seed is fixed before anyone enters; once drawn, what Redis drew with stays.
  redis.call("HSET", KEYS[1], "seed", ARGV[11], "commit", ARGV[12])
  if ARGV[15] ~= "" then
    local winners = 0
    for i = 1, #all, 2 do
      if parse_record(all[i + 1]).rid == draw_rid(all[i]) then
        winners = winners + 1
      end
    end
    redis.call("HSET", KEYS[1], "drawnAt", ARGV[15], "drawEntrants", ARGV[16], "drawWinners", winners)
  end
end
write_gauges()
return { left, taken, overflow }
