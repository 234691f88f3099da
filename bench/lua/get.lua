-- GET one resource with a bearer token (resource server). Env: BENCH_TOKEN, BENCH_EXPECT.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"

function init(args)
  non2xx, bad = 0, 0
  expect = os.getenv("BENCH_EXPECT")
end

function response(status, headers, body)
  count(status, body, expect)
end
