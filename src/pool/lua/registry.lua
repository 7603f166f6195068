-- Read the registry for placement (docs/pool.md, "Placement"): the live
-- workers with their capacity, load and draining flag, and the accounts of
-- the pool. Which accounts have no lease is asked apart (one EXISTS per
-- account lease), as those keys are in other cluster slots.
--
-- KEYS[1]  <prefix>{registry}:workers   sorted set: worker id -> heartbeat deadline
-- KEYS[2]  <prefix>{registry}:loads     hash: worker id -> "<capacity> <load> <draining>"
-- KEYS[3]  <prefix>{registry}:accounts  set of account ids
--
-- Reply: {{id, "<capacity> <load> <draining>", ...}, {account, ...}}
-- (read only: expired workers are left out here and removed by heartbeats).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
local workers = {}
for _, id in ipairs(live) do
  local load = redis.call('HGET', KEYS[2], id)
  if load then
    workers[#workers + 1] = id
    workers[#workers + 1] = load
  end
end
return {workers, redis.call('SMEMBERS', KEYS[3])}
