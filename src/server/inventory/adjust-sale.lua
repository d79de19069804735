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
-- ARGV[9] mode "draw"|"first"  ARGV[10] lobby length ms (lobbyAt = startsAt - it)  ARGV[11] seed
-- ARGV[12] commit  ARGV[13] pow "1"|"0"  ARGV[14] minAgeMs — each "" to keep. Once the draw ran,
-- mode, seed and commit stay as they were drawn with. A fair draw always keeps its waitlist.
--
-- Returns {"OK", stockLeft, taken} or {"BELOW_RESERVED", taken} or {"UNKNOWN_SALE"}, where taken
-- counts units held or paid. Stock is recomputed as total - taken inside the same step as any
-- concurrent reservation would run, so raising or lowering it can neither oversell nor drop a
-- unit. New windows apply to holds taken from now on. Units added while people wait go to the
-- waitlist at the next reservation or expiry sweep. A change of total is counted as
-- "stock.adjusted" (units added, negative when removed).

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
  count("stock.adjusted", total - tonumber(redis.call("HGET", KEYS[1], "total") or total))
  redis.call("HSET", KEYS[1], "total", total, "stock", total - taken)
end
local before = redis.call("HMGET", KEYS[1], "startsAt", "lobbyAt", "drawnAt")
local fields = { "state", "startsAt", "endsAt", "holdMs", "offerMs", "waitlist", "free" }
for i, field in ipairs(fields) do
  if ARGV[i + 1] ~= "" then
    redis.call("HSET", KEYS[1], field, ARGV[i + 1])
  end
end
local opening = { mode = 9, seed = 11, commit = 12, pow = 13, minAgeMs = 14 }
for field, index in pairs(opening) do
  local fixedByDraw = before[3] and (field == "mode" or field == "seed" or field == "commit")
  if ARGV[index] ~= "" and not fixedByDraw then
    redis.call("HSET", KEYS[1], field, ARGV[index])
  end
end
-- The lobby opens a fixed time before the start: moving the start moves it too.
local lobbyMs = tonumber(ARGV[10] or "")
if not lobbyMs and before[2] and before[1] then
  lobbyMs = tonumber(before[1]) - tonumber(before[2])
end
if lobbyMs and (ARGV[10] ~= "" or ARGV[3] ~= "") then
  redis.call("HSET", KEYS[1], "lobbyAt", tonumber(redis.call("HGET", KEYS[1], "startsAt")) - lobbyMs)
end
local draw = redis.call("HGET", KEYS[1], "mode") == "draw"
if draw then
  redis.call("HSET", KEYS[1], "waitlist", "1")
elseif ARGV[7] == "0" then
  redis.call("DEL", KEYS[5])
end
-- Stock, a pause or a waitlist switched off all change what the monitor shows: gauges, always.
write_gauges()
return { "OK", tonumber(redis.call("HGET", KEYS[1], "stock")), taken }
