-- @include holds-lib
-- Record a payment for a shopper's hold, atomically. Keys: see holds-lib.lua.
--
-- ARGV[1] userId   ARGV[2] reservationId the payment is for   ARGV[3] the provider's payment ref
--
-- Returns {status, offers}; status is one of:
--   "PAID"          the hold was theirs (on time, or overdue but not yet expired): now paid
--   "PAID_LATE"     the hold had ended, but a unit was free in stock: taken for them and paid
--   "ALREADY_PAID"  this same payment was recorded before (a replay)
--   "PAID_TWICE"    the order is already theirs through another payment (or needed none): refund
--   "HOLD_GONE"     the hold ended and no unit is free: refund
--   "NOT_HELD"      no such reservation for this shopper (unknown, or Redis lost it): refund
--   "UNKNOWN_SALE"
-- Overdue holds of other shoppers are released on the way, after this shopper's own is settled.

local sale = load_sale()
if not sale then
  return { "UNKNOWN_SALE", {} }
end
local user = ARGV[1]
local now = now_ms()
local offers = {}

local raw = redis.call("HGET", KEYS[2], user)
if not raw then
  return answer("", { "NOT_HELD", offers })
end
local r = parse_record(raw)
if r.rid ~= ARGV[2] then
  return answer("", { "NOT_HELD", offers })
end

local status
if r.st == "P" then
  status = (r.pay == ARGV[3]) and "ALREADY_PAID" or "PAID_TWICE"
elseif r.st == "H" then
  r.st = "P"
  r.pay = ARGV[3]
  write_record(user, r)
  redis.call("ZREM", KEYS[4], user)
  redis.call("HINCRBY", KEYS[1], "held", -1)
  redis.call("HINCRBY", KEYS[1], "paid", 1)
  count("hold.paid")
  status = "PAID"
else
  -- Expired or cancelled. With the waitlist on, a released unit went to the queue, so stock is
  -- free only when nobody was waiting for it (units an admin added go to the queue first, too).
  sweep(sale, now, 10, offers)
  serve_waitlist(sale, now, offers)
  if tonumber(redis.call("HGET", KEYS[1], "stock")) > 0 then
    redis.call("HINCRBY", KEYS[1], "stock", -1)
    redis.call("HINCRBY", KEYS[1], "paid", 1)
    count("hold.paid")
    r.st = "P"
    r.pay = ARGV[3]
    write_record(user, r)
    status = "PAID_LATE"
  else
    status = "HOLD_GONE"
  end
  return answer("", { status, offers })
end
sweep(sale, now, 10, offers)
return answer("", { status, offers })
