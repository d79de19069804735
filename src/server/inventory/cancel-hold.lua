-- @include holds-lib
-- A shopper lets their hold go; its unit goes to the waitlist's head or back to stock in the same
-- step. Keys: see holds-lib.lua.
--
-- ARGV[1] userId
--
-- Returns {status, offers}: "CANCELLED" | "ALREADY_PAID" | "NOT_HELD" | "UNKNOWN_SALE".

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {} }
end
local offers = {}
local raw = redis.call("HGET", KEYS[2], ARGV[1])
if not raw then
  return answer("", { "NOT_HELD", offers })
end
local r = parse_record(raw)
if r.st == "P" then
  return answer("", { "ALREADY_PAID", offers })
end
if r.st ~= "H" then
  return answer("", { "NOT_HELD", offers })
end
release(sale, ARGV[1], r, "C", now_ms(), offers)
return answer("", { "CANCELLED", offers })
