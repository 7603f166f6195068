-- Give a lease back before it expires (clean shutdown, hand-over), only
-- for the worker holding it with this token: a worker whose lease expired
-- while it was paused must not delete the lease of the worker that claimed
-- the account after it.
--
-- KEYS[1]  <prefix>{<account>}:lease
-- ARGV[1]  the token the worker was given by claim.lua
-- ARGV[2]  the worker's id
--
-- Reply: 1 released; 0 it was not ours (any more): nothing changed.
-- The fencing counter (the :token key) is left alone: the next claim
-- still gets a higher token.
if redis.call('GET', KEYS[1]) == ARGV[1] .. ' ' .. ARGV[2] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
