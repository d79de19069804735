-- Adds one instance's buffered app-side metric events of one sale (see
-- ~/server/metrics/recorder.ts), atomically: the sale's totals and the per-second fields of the
-- minute buckets they fall in. Its own keys, not holds-lib's:
--
-- KEYS[1] the sale's metrics totals hash (event -> count; holds-lib.lua's KEYS[11])
-- KEYS[2..] minute buckets ("<epochSec>:<event>" -> count; holds-lib.lua's KEYS[12])
-- ARGV triples: bucket index (2 = KEYS[2]), "<epochSec>:<event>", count
--
-- The seconds are the instance's clock (the moment each event happened there), the same clock
-- that picked each bucket's minute. Each bucket expires 2 h after its last write, like the
-- scripts'. Returns the number of fields written.

local totals = {}
local touched = {}
for i = 1, #ARGV, 3 do
  local key, field, n = tonumber(ARGV[i]), ARGV[i + 1], tonumber(ARGV[i + 2])
  redis.call("HINCRBY", KEYS[key], field, n)
  touched[key] = true
  local event = string.sub(field, string.find(field, ":", 1, true) + 1)
  totals[event] = (totals[event] or 0) + n
end
for event, n in pairs(totals) do
  redis.call("HINCRBY", KEYS[1], event, n)
end
for key in pairs(touched) do
  redis.call("EXPIRE", KEYS[key], 7200)
end
return #ARGV / 3
