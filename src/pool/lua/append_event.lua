-- Append one client event of an account to its stream, only for the worker
-- holding the account's lease with this token: a worker that lost the
-- account (even one that paused and resumed) cannot add to its history.
--
-- KEYS[1]  <prefix>{<account>}:lease
-- KEYS[2]  <prefix>{<account>}:events   stream, capped near ARGV[5] entries
-- ARGV[1]  the writer's token, ARGV[2] the writer's worker id
-- ARGV[3]  the event's name, ARGV[4] its arguments as JSON text
-- ARGV[5]  the stream's approximate cap (a positive integer)
--
-- Reply: the entry's id, or 0 when the writer does not hold the lease.
if redis.call('GET', KEYS[1]) ~= ARGV[1] .. ' ' .. ARGV[2] then
  return 0
end
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'token', ARGV[1], 'worker', ARGV[2], 'event', ARGV[3], 'args', ARGV[4])
