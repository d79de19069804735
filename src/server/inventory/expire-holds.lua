-- @include holds-lib
-- Release a sale's overdue holds (at most ARGV[1] of them) and hand any free stock to the
-- waitlist. Run by the hold-expiry callback and the reconciler. Keys: see holds-lib.lua.
--
-- Returns {"OK", {expired, nextExpiryMs or ""}, offers} or {"UNKNOWN_SALE", {}, {}}.

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {}, {} }
end
local now = now_ms()
local offers = {}
serve_waitlist(sale, now, offers)
local expired = sweep(sale, now, tonumber(ARGV[1]), offers)
local next = redis.call("ZRANGE", KEYS[4], 0, 0, "WITHSCORES")
return answer("", { "OK", { expired, next[2] or "" }, offers })
