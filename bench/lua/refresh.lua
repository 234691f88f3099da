-- refresh_token grant with real rotation: every response's new refresh token is sent by the next request.
-- Env: BENCH_AUTH (base64 id:secret), BENCH_TOKENS: thread i reads file BENCH_TOKENS.i, one refresh token per
-- line and one per connection of the thread. A connection sends its next request only after its
-- response, so a stack of the thread's current tokens hands each connection the token it has just received.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_AUTH")

-- wrk calls the first thread's request() once before connecting (script_verify_request) and never sends that
-- request, so that call must not take a token
local probed

function init(args)
  non2xx, bad = 0, 0
  probed = id ~= 1
  tokens = {}
  for token in io.lines(os.getenv("BENCH_TOKENS") .. "." .. id) do
    table.insert(tokens, token)
  end
end


function request()
  if not probed then
    probed = true
    return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=probe-never-sent")
  end
  local token = table.remove(tokens)
  if token == nil then
    token = "none-left"  -- a lost chain (non-2xx before) fails loudly instead of stalling the connection
  end
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  if count(status, body, '"access_token"') then
    local next = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
    if next then table.insert(tokens, next) else bad = bad + 1 end
  end
end
