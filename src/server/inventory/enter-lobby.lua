-- @include holds-lib
-- Enter a fair draw's lobby, atomically: every shopper who enters before the start is equal in the
-- draw (docs/fair-opening.md). Keys: see holds-lib.lua.
--
-- ARGV[1] userId
-- ARGV[2..8] admission (see read_admission in holds-lib.lua)
--
-- Returns {status, fields, draw} where draw is what a fair draw this step ran did (see
-- draw_if_due; {} when none ran), and status/fields are one of:
--   "ENTERED" | "ALREADY_ENTERED"  {enteredAtMs, lobbySize, units, lobbyAtMs, drawAtMs, commit}
--   "LOBBY_NOT_OPEN"  {lobbyAtMs}
--   "DRAWN"           {}   the start has passed and the draw ran: buy or queue as usual
--   "NOT_FAIR_DRAW" | "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED"   {}
--   "CHALLENGE_REQUIRED" | "CHALLENGE_REPLAYED" | "ACCOUNT_TOO_NEW" | "ACCOUNT_AGE_UNKNOWN" | "BLOCK_LIMIT" | "DEVICE_LIMIT"   {}
--
-- Entering twice answers the first entry (arrival time plays no part in the draw, so there is
-- nothing to gain by entering again). A request that reaches the lobby after the start runs the
-- draw if it is due, and is answered DRAWN. Every answer but UNKNOWN_SALE is counted as
-- "lobby.<status>" (see answer() in holds-lib.lua).

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {}, {} }
end
if not sale.draw then
  return answer("lobby.", { "NOT_FAIR_DRAW", {}, {} })
end

local user = ARGV[1]
local now = now_ms()
local admission = read_admission(2)
local draw = draw_if_due(sale, now)

local function lobby_facts(status, enteredAt)
  return {
    status,
    { enteredAt, redis.call("ZCARD", KEYS[6]), tonumber(redis.call("HGET", KEYS[1], "stock")), ms(sale.lobbyAt),
      ms(sale.startsAt), sale.commit },
    draw,
  }
end

if not sale.drawnAt then
  local entered = redis.call("ZSCORE", KEYS[6], user)
  if entered then
    return answer("lobby.", lobby_facts("ALREADY_ENTERED", entered))
  end
end

local replayed = spend_challenge("lobby", admission, now)
if replayed then
  return answer("lobby.", { replayed, {}, draw })
end

if sale.state == "PAUSED" then
  return answer("lobby.", { "PAUSED", {}, draw })
end
if sale.state == "ENDED" or now >= sale.endsAt then
  return answer("lobby.", { "ENDED", {}, draw })
end
if sale.state ~= "PUBLISHED" then
  return answer("lobby.", { "NOT_PUBLISHED", {}, draw })
end
if sale.drawnAt or now >= sale.startsAt then
  return answer("lobby.", { "DRAWN", {}, draw })
end
if now < sale.lobbyAt then
  return answer("lobby.", { "LOBBY_NOT_OPEN", { ms(sale.lobbyAt) }, draw })
end

local refused = admit(sale, user, "lobby", "L", admission, now)
if refused then
  return answer("lobby.", { refused, {}, draw })
end
redis.call("ZADD", KEYS[6], now, user)
return answer("lobby.", lobby_facts("ENTERED", ms(now)))
