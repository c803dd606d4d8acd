-- orders.lua - wrk script for bench/run.sh: every request is another order
-- (order id, first name, expected date, product), so no cache on the way
-- can answer it; prints one machine-readable result line at the end.
--
-- usage: wrk -t2 -c32 -d10s --latency -s orders.lua http://127.0.0.1:PORT \
--            -- PATH [BEARER_KEY]
--   PATH        e.g. /fixed, /php, /v1/brands/demo/touchpoints/voorpret.html
--   BEARER_KEY  sent as "Authorization: Bearer KEY" when given
--
-- Last line printed: "BENCH requests=N req_s=R p50_ms=X p99_ms=Y non2xx=N
-- sockerr=N" (non2xx: wrk's count of responses with a status >= 400).

local nthreads = 0

-- main state: give each thread an id, so ids never collide across threads
function setup(thread)
	nthreads = nthreads + 1
	thread:set("tid", nthreads)
end

-- per-thread state from here on (each thread has its own Lua state)
local path = "/"
local headers = {}
local counter = 0
local dates = {}

local names = {
	"Anne", "Bram", "%C3%89mile", "Fatima", "Jo%C3%ABl", "Sanne", "Daan",
	"Lotte", "Noah", "Sophie", "Mila", "Lucas", "Zo%C3%AB", "Sem",
	"Anna%20%26%20Piet", "%3Cb%3EMallory%3C%2Fb%3E",
}
local products = {
	{ "RUN-42", "Runner%2042", "running-shoes" },
	{ "TRL-7", "Trail%207%20GTX", "trail-shoes" },
	{ "SCK-3", "Sokken%203-pack", "socks" },
	{ "JKT-1", "Regenjas%20%22Storm%22", "jackets" },
}

-- postcodes of the demo's centroids (plugins/club/demo), and one unknown
local postcodes = { "1011%20AB", "1013%20CD", "3511%20AB", "5611%20AA", "9999%20ZZ" }

function init(args)
	path = args[1] or "/"
	if args[2] and args[2] ~= "" then
		headers["Authorization"] = "Bearer " .. args[2]
	end
	local tid = tonumber(wrk.thread:get("tid")) or 1
	math.randomseed(os.time() + tid * 7919)
	counter = tid * 10000000
	-- expected delivery: 1..14 days from now, precomputed (os.date is slow)
	for d = 1, 14 do
		dates[d] = os.date("!%Y-%m-%d", os.time() + d * 86400)
	end
end

function request()
	counter = counter + 1
	local p = products[math.random(#products)]
	local q = string.format(
	    "?order=%d&lang=%s&expected=%s&first_name=%s&sku=%s&item_name=%s" ..
	    "&category=%s&image=https%%3A%%2F%%2Fcdn.shop.example%%2F%s.jpg" ..
	    "&url=https%%3A%%2F%%2Fshop.example%%2Fp%%2F%s&postcode=%s",
	    counter, (counter % 3 == 0) and "en" or "nl",
	    dates[math.random(#dates)], names[math.random(#names)],
	    p[1], p[2], p[3], p[1], p[1], postcodes[math.random(#postcodes)])
	return wrk.format("GET", path .. q, headers)
end

function done(summary, latency, requests)
	local secs = summary.duration / 1e6
	local e = summary.errors
	io.write(string.format(
	    "BENCH requests=%d req_s=%.1f p50_ms=%.3f p99_ms=%.3f " ..
	    "non2xx=%d sockerr=%d\n",
	    summary.requests, summary.requests / secs,
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    e.status, e.connect + e.read + e.write + e.timeout))
end
