-- wrk script: each request searches the next query of bench/queries.txt (URL-encoded).
local queries = {}
for line in io.lines("bench/queries.txt") do
  queries[#queries + 1] = line:gsub("([^%w%-%.%_%~ ])", function(c)
    return string.format("%%%02X", string.byte(c))
  end):gsub(" ", "+")
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/v1/search?q=" .. queries[i])
end
