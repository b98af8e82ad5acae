-- wrk script of bench/soak: a mix of what people do, cycling through a fixed plan of 20 slots:
--   8 API searches (the 200 queries of bench/queries.txt)      2 search pages
--   3 recommendation pages                                   2 API listings (filters, pages)
--   1 API recommendation                                     1 dashboard
--   2 comments posted through the page form (cookie session + CSRF token; 303 on success)
--   1 PATCH of an account through the API (bearer token)
-- So 15% of the requests write. The ids, tokens and the account come from the environment
-- (bench/soak sets SOAK_IDS, SOAK_COOKIE, SOAK_CSRF, SOAK_BEARER, SOAK_USER).
local function urlencode(s)
  return (s:gsub("([^%w%-%.%_%~ ])", function(c)
    return string.format("%%%02X", string.byte(c))
  end):gsub(" ", "+"))
end

local queries, ids = {}, {}
for line in io.lines("bench/queries.txt") do queries[#queries + 1] = urlencode(line) end
for line in io.lines(os.getenv("SOAK_IDS")) do ids[#ids + 1] = line end
local cookie = "suivi_session=" .. os.getenv("SOAK_COOKIE")
local csrf = os.getenv("SOAK_CSRF")
local bearer = "Bearer " .. os.getenv("SOAK_BEARER")
local user = os.getenv("SOAK_USER")
local countries = {"SVN", "FRA", "CHL", "KEN", "NPL", "PER", "USA", "CHN"}

local plan = {"search", "search", "rec_page", "search", "list", "search_page", "search",
              "note", "rec", "search", "rec_page", "search", "patch", "list", "search",
              "search_page", "note", "rec_page", "search", "dashboard"}
local n, thread_id = 0, 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function init(args)
  n = thread_id * 7919 -- each thread starts elsewhere in the cycles
end

request = function()
  n = n + 1
  local kind = plan[n % #plan + 1]
  local q = queries[n % #queries + 1]
  local id = ids[n % #ids + 1]
  if kind == "search" then
    return wrk.format("GET", "/api/v1/search?q=" .. q)
  elseif kind == "search_page" then
    return wrk.format("GET", "/search?q=" .. q)
  elseif kind == "rec_page" then
    return wrk.format("GET", "/recommendations/" .. id)
  elseif kind == "rec" then
    return wrk.format("GET", "/api/v1/recommendations/" .. id)
  elseif kind == "list" then
    return wrk.format("GET", "/api/v1/recommendations?country=" .. countries[n % #countries + 1] ..
                      "&page=" .. (n % 5 + 1) .. "&per_page=20")
  elseif kind == "dashboard" then
    return wrk.format("GET", "/dashboard")
  elseif kind == "note" then
    return wrk.format("POST", "/recommendations/" .. id .. "/notes",
                      {["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded"},
                      "csrf=" .. csrf .. "&form=comment&kind=comment&body=soak+comment+" .. n)
  else -- patch
    return wrk.format("PATCH", "/api/v1/users/" .. user,
                      {["Authorization"] = bearer, ["Content-Type"] = "application/json"},
                      '{"name":"Soak ' .. n .. '"}')
  end
end
