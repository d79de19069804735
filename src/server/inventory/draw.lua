-- @include holds-lib
-- Run a fair draw if it is due, atomically (see draw_lobby in holds-lib.lua): the scheduled
-- message at the start, a status poll after it, or anyone else who finds it due. Keys: see
-- holds-lib.lua. No ARGV.
--
-- Returns {status, fields, draw}; status/fields are one of:
--   "DRAWN"         {}  this call ran it; draw = {entrants, winners, drawnAtMs, tookUs, then
--                       (userId, reservationId, expiresAtMs) per winner}
--   "ALREADY_DRAWN" {entrants, winners, drawnAtMs}
--   "NOT_DUE"       {startsAtMs, state}  before the start, paused, or over without a draw
--   "NOT_FAIR_DRAW" | "UNKNOWN_SALE"  {}
-- Running it twice, or from many callers at once, draws once: the sale hash's drawnAt says it ran.

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {}, {} }
end
if not sale.draw then
  return answer("", { "NOT_FAIR_DRAW", {}, {} })
end
if sale.drawnAt then
  local facts = redis.call("HMGET", KEYS[1], "drawEntrants", "drawWinners")
  return answer("", { "ALREADY_DRAWN", { tonumber(facts[1] or "") or 0, tonumber(facts[2] or "") or 0, ms(sale.drawnAt) }, {} })
end
local now = now_ms()
local draw = draw_if_due(sale, now)
if #draw == 0 then
  return answer("", { "NOT_DUE", { ms(sale.startsAt), sale.state }, {} })
end
return answer("", { "DRAWN", {}, draw })
