-- POST a fixed form body with HTTP Basic client authentication (token, introspection).
-- Env: BENCH_BODY, BENCH_AUTH (base64 id:secret), BENCH_EXPECT (substring every 2xx body must contain).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_AUTH")

function init(args)
  non2xx, bad = 0, 0
  expect = os.getenv("BENCH_EXPECT")
end

function response(status, headers, body)
  count(status, body, expect)
end
