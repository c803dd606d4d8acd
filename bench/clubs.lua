-- clubs.lua - wrk script for bench/clubs.sh: the club touchpoint for
-- another order and another demo postcode on every request.
-- Arguments (after --): PATH KEY "PC4 PC4 ...".
local path, key
local postcodes = {}
local counter = 0

function init(args)
	path = args[1]
	key = args[2]
	for pc in string.gmatch(args[3], "%d+") do
		postcodes[#postcodes + 1] = pc
	end
	counter = math.random(1, 1000000) * 1000
end

function request()
	counter = counter + 1
	local pc = postcodes[math.random(#postcodes)]
	return wrk.format("GET", path .. "?order=b" .. counter ..
	    "&lang=nl&postcode=" .. pc .. "%20AB",
	    { ["Authorization"] = "Bearer " .. key })
end

function done(summary, latency, requests)
	io.write(string.format("BENCH req_s=%.0f p50_ms=%.2f p99_ms=%.2f " ..
	    "non2xx=%d sockerr=%d\n",
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    summary.errors.status,
	    summary.errors.connect + summary.errors.read +
	    summary.errors.write + summary.errors.timeout))
end
