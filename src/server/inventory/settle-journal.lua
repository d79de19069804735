-- @include holds-lib
-- Remove journal entries Postgres now has, atomically, and only those: an entry stays when its
-- record moved on (say, HELD was persisted while the shopper paid) so the newer state is
-- persisted too. Keys: see holds-lib.lua.
--
-- ARGV triples: userId, reservationId, the state letter persisted (H P X C), or "" when the entry
-- was answered without a state of ours (a refusal, recorded as such): removed.
-- Returns the number of entries removed.

local removed = 0
for i = 1, #ARGV, 3 do
  local user, rid, persisted = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local raw = redis.call("HGET", KEYS[2], user)
  local current = raw and parse_record(raw)
  if not current or current.rid ~= rid or persisted == "" or current.st == persisted then
    removed = removed + redis.call("ZREM", KEYS[3], user .. "|" .. rid)
  end
end
return removed
