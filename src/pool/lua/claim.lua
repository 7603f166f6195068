-- Claim one account's lease for one worker (docs/pool.md, "Keys").
--
-- KEYS[1]  <prefix>{<account>}:lease  string "<token> <worker>", expires after the lease time
-- KEYS[2]  <prefix>{<account>}:token  the account's fencing counter; never expires, never goes back
-- ARGV[1]  the claiming worker's id (no whitespace: checked by the caller)
-- ARGV[2]  the lease time in milliseconds (a positive integer)
--
-- Reply: {1, token}           the lease is ours, with a token above every earlier one
--        {0, holder, pttl_ms} someone holds it ("<token> <worker>") for pttl_ms more
--
-- The check and the INCR run in one script so a token is only spent on a
-- claim that succeeds: tokens then count hand-overs, and a worker that sees
-- a token go back knows Redis lost data (docs/pool.md, "Redis itself").
local holder = redis.call('GET', KEYS[1])
if holder then
  return {0, holder, redis.call('PTTL', KEYS[1])}
end
local lease_ms = tonumber(ARGV[2])
if not lease_ms or lease_ms <= 0 or lease_ms % 1 ~= 0 then
  return redis.error_reply('ERR pool claim: lease time must be a positive integer of milliseconds')
end
local token = redis.call('INCR', KEYS[2])
-- NX as well as the GET above: the script is atomic, so NX never fails here,
-- but it keeps the key's meaning ("created only when absent") in one place.
redis.call('SET', KEYS[1], token .. ' ' .. ARGV[1], 'NX', 'PX', lease_ms)
return {1, token}
