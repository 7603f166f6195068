-- A worker says it is alive, how much it may run and how much it runs
-- (docs/pool.md, "Keys"); workers whose heartbeat ran out leave the registry
-- in the same step, so a dead worker drops out without anyone's help.
--
-- KEYS[1]  <prefix>{registry}:workers  sorted set: worker id -> heartbeat deadline (ms, Redis's clock)
-- KEYS[2]  <prefix>{registry}:loads    hash: worker id -> "<capacity> <load> <draining 0|1>"
-- ARGV[1]  the worker's id (no whitespace: checked by the caller)
-- ARGV[2]  capacity, ARGV[3] load, ARGV[4] draining (0 or 1): non-negative integers
-- ARGV[5]  how long this heartbeat counts, in milliseconds
--
-- Reply: the number of workers that timed out and were removed.
--
-- Redis's own clock (TIME) decides, so workers' clocks need not agree.
-- Scripts are replicated by their effects (the default since Redis 5), so
-- calling TIME before a write is allowed.
for i = 2, 5 do
  local n = tonumber(ARGV[i])
  if not n or n < 0 or n % 1 ~= 0 then
    return redis.error_reply('ERR pool heartbeat: argument ' .. i .. ' must be a non-negative integer')
  end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, id in ipairs(gone) do
  redis.call('HDEL', KEYS[2], id)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[4])
return #gone
