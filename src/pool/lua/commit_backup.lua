-- Make a finished backup the one restored, only for the worker holding the
-- lease with this token (docs/pool.md, "Crash during a backup"). The backup
-- itself was written before, to a store entry of its own (a new name per
-- backup), so a crash while writing it leaves the committed one untouched;
-- this script is the single atomic step that switches to the new one.
--
-- KEYS[1]  <prefix>{<account>}:lease
-- KEYS[2]  <prefix>{<account>}:backup   "<token> <entry>" of the committed backup
-- ARGV[1]  the writer's token
-- ARGV[2]  the writer's worker id
-- ARGV[3]  the store entry just written (no whitespace: checked by the caller)
--
-- Reply: {1, previous_entry or false}  committed; the caller deletes the previous entry
--        {0, 'lease'}                  the writer does not hold the lease with this token
--        {0, 'older'}                  a backup with a higher token is committed already
--                                      (only possible if Redis lost the counter)
if redis.call('GET', KEYS[1]) ~= ARGV[1] .. ' ' .. ARGV[2] then
  return {0, 'lease'}
end
local token = tonumber(ARGV[1])
local current = redis.call('GET', KEYS[2])
local previous = false
if current then
  local space = string.find(current, ' ', 1, true)
  local current_token = tonumber(string.sub(current, 1, space - 1))
  if current_token > token then
    return {0, 'older'}
  end
  previous = string.sub(current, space + 1)
end
redis.call('SET', KEYS[2], ARGV[1] .. ' ' .. ARGV[3])
return {1, previous}
