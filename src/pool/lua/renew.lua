-- Extend a lease, only for the worker holding it with this token
-- (compare-and-extend: a plain PEXPIRE would extend a lease that expired
-- and was claimed by another worker meanwhile).
--
-- KEYS[1]  <prefix>{<account>}:lease
-- ARGV[1]  the token the worker was given by claim.lua
-- ARGV[2]  the worker's id
-- ARGV[3]  the lease time in milliseconds, counted again from now
--
-- Reply: 1 extended; 0 the lease is gone or belongs to another claim (the
-- worker has lost the account and must stop its client at once).
local lease_ms = tonumber(ARGV[3])
if not lease_ms or lease_ms <= 0 or lease_ms % 1 ~= 0 then
  return redis.error_reply('ERR pool renew: lease time must be a positive integer of milliseconds')
end
if redis.call('GET', KEYS[1]) == ARGV[1] .. ' ' .. ARGV[2] then
  redis.call('PEXPIRE', KEYS[1], lease_ms)
  return 1
end
return 0
