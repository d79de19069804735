-- Shared by every script that touches holds; inlined ahead of the script's own code when it is
-- loaded (see lua.ts, "-- @include holds-lib"). One sale's keys, always in this order:
--
-- KEYS[1] sale hash     state stock total startsAt endsAt | holdMs offerMs waitlist free |
--                       held paid expired cancelled (counters) | wlseq offerseq (sequences)
-- KEYS[2] buyers hash   userId -> "reservationId|reservedAtMs|S|expiresAtMs|kind|paymentRef"
--                       S: H held, P paid (or confirmed without payment), X expired, C cancelled
--                       kind: r reservation, o offer from the waitlist
-- KEYS[3] pending zset  the journal: "userId|reservationId" of every record Postgres has not seen
--                       in its latest state, scored by when it last changed (see journal_score)
-- KEYS[4] holds zset    userId -> expiresAtMs, the holds still waiting for payment
-- KEYS[5] waitlist zset userId -> ticket number (first come, first served)
--
-- The books after every script: stock + held + paid = total.

-- Epoch ms as an integer string; tostring() of a large Lua number may use an exponent.
local function ms(n)
  return string.format("%.0f", n)
end

-- Redis's clock is the one clock every app instance shares.
local function now_ms()
  local time = redis.call("TIME")
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- A record written before checkout existed is "reservationId|reservedAtMs": a unit for good.
local function parse_record(raw)
  local f = {}
  for part in string.gmatch(raw .. "|", "([^|]*)|") do
    f[#f + 1] = part
  end
  return { rid = f[1], at = f[2], st = f[3] or "P", exp = tonumber(f[4] or "0") or 0, kind = f[5] or "r", pay = f[6] or "" }
end

-- The journal's order is the order of changes: epoch ms x 1000, strictly increasing per sale. So
-- every prefix of the journal a persister reads holds each release that came before a take, and
-- Postgres's capacity guard never sees a unit taken before the one that freed it was given back.
local function journal_score()
  local t = redis.call("TIME")
  local score = (tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) * 1000
  local last = tonumber(redis.call("HGET", KEYS[1], "jlast") or "0")
  if score <= last then
    score = last + 1
  end
  redis.call("HSET", KEYS[1], "jlast", ms(score))
  return score
end

-- Writes a shopper's record and journals it for Postgres.
local function write_record(user, r)
  redis.call("HSET", KEYS[2], user, r.rid .. "|" .. r.at .. "|" .. r.st .. "|" .. ms(r.exp) .. "|" .. r.kind .. "|" .. r.pay)
  redis.call("ZADD", KEYS[3], journal_score(), user .. "|" .. r.rid)
end

local function load_sale()
  local f = redis.call("HMGET", KEYS[1], "state", "stock", "startsAt", "endsAt", "holdMs", "offerMs", "waitlist", "free", "held", "paid")
  if not f[1] then
    return nil
  end
  local sale = {
    state = f[1], stock = tonumber(f[2]), startsAt = tonumber(f[3]), endsAt = tonumber(f[4]),
    holdMs = tonumber(f[5] or "600000"), offerMs = tonumber(f[6] or "300000"),
    waitlist = f[7] == "1", free = f[8] == "1",
  }
  if not f[9] or not f[10] then
    -- Armed before checkout existed: every buyer holds a unit for good. Count them once.
    redis.call("HSET", KEYS[1], "held", 0, "paid", redis.call("HLEN", KEYS[2]))
  end
  return sale
end

-- Whether released units go to the queue now: the switch is on and the sale is taking buyers
-- (not paused, not ended). Otherwise they wait in stock, and the queue gets them when it resumes.
local function queue_open(sale, now)
  return sale.waitlist and sale.state == "PUBLISHED" and now < sale.endsAt
end

-- A unit comes free: while the queue is open, it goes straight to its head as an offer (a hold
-- for the offer window; a unit for good when the sale is free); otherwise back to stock.
-- The offer's reservation id is derived here, unique per sale through offerseq.
local function give_unit(sale, now, offers)
  if queue_open(sale, now) then
    while true do
      local head = redis.call("ZPOPMIN", KEYS[5])
      if #head == 0 then
        break
      end
      local user = head[1]
      if redis.call("HEXISTS", KEYS[2], user) == 0 then
        local seq = redis.call("HINCRBY", KEYS[1], "offerseq", 1)
        local rid = "rsv_" .. string.sub(redis.sha1hex(KEYS[1] .. "|" .. user .. "|" .. seq), 1, 32)
        local exp = 0
        if sale.free then
          write_record(user, { rid = rid, at = ms(now), st = "P", exp = 0, kind = "o", pay = "" })
          redis.call("HINCRBY", KEYS[1], "paid", 1)
        else
          exp = now + sale.offerMs
          write_record(user, { rid = rid, at = ms(now), st = "H", exp = exp, kind = "o", pay = "" })
          redis.call("ZADD", KEYS[4], exp, user)
          redis.call("HINCRBY", KEYS[1], "held", 1)
        end
        offers[#offers + 1] = user
        offers[#offers + 1] = rid
        offers[#offers + 1] = ms(exp)
        return
      end
    end
  end
  redis.call("HINCRBY", KEYS[1], "stock", 1)
end

-- Ends a hold unpaid (X expired, C cancelled) and hands its unit on, in the same step.
local function release(sale, user, r, state, now, offers)
  r.st = state
  write_record(user, r)
  redis.call("ZREM", KEYS[4], user)
  redis.call("HINCRBY", KEYS[1], "held", -1)
  redis.call("HINCRBY", KEYS[1], state == "X" and "expired" or "cancelled", 1)
  give_unit(sale, now, offers)
end

-- Expires up to `limit` overdue holds; answers how many.
local function sweep(sale, now, limit, offers)
  local due = redis.call("ZRANGE", KEYS[4], "-inf", ms(now), "BYSCORE", "LIMIT", 0, limit)
  for _, user in ipairs(due) do
    local raw = redis.call("HGET", KEYS[2], user)
    local r = raw and parse_record(raw)
    if r and r.st == "H" then
      release(sale, user, r, "X", now, offers)
    else
      redis.call("ZREM", KEYS[4], user)
    end
  end
  return #due
end

-- Free stock while people wait (an admin added units): each unit goes to the queue's head.
local function serve_waitlist(sale, now, offers)
  if not queue_open(sale, now) then
    return
  end
  while tonumber(redis.call("HGET", KEYS[1], "stock")) > 0 and redis.call("ZCARD", KEYS[5]) > 0 do
    redis.call("HINCRBY", KEYS[1], "stock", -1)
    give_unit(sale, now, offers)
  end
end
