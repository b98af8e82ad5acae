#!/usr/bin/env bash
# The JSON API over real HTTP: a server started here on a free loopback port, with the demo
# data and one account per role. Checks the role x route authorisation matrix (allowed and
# refused, from the literal table below), every operation of the OpenAPI document, errors as
# JSON, pagination, ETags, CSRF for cookie sessions, the body size limit, hostile parameters,
# and a graceful stop on SIGTERM. Prints PASS/FAIL lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
db=$(tests/cli/dburl "$tmp/api.db")
PW=correct-horse-battery-staple

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }

"$SUIVI" --db "$db" init >/dev/null
"$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1
export SUIVI_PASSWORD=$PW
"$SUIVI" --db "$db" institution add MOJ "Ministry of Justice" >/dev/null
for role in viewer contributor coordinator admin; do
  "$SUIVI" --db "$db" user add "u_$role" --role "$role" >/dev/null
done
"$SUIVI" --db "$db" user add u_focal_point --role focal_point --institution MOJ >/dev/null
unset SUIVI_PASSWORD

SUIVI_ADMIN_PASSWORD=$PW "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 \
  --access-log "$tmp/access.log" --max-body 1048576 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/serve.out" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.out" | sed 's/.*://')
[ -n "$port" ] || { fail "server starts" "$(cat "$tmp/serve.err")"; exit 0; }
pass "server starts on a free port ($port)"
B=http://127.0.0.1:$port

# req METHOD PATH [TOKEN] [BODY] -> prints the status; the body is in $tmp/body
req() {
  local args=(-s -o "$tmp/body" -w '%{http_code}' -X "$1" "$B$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  curl "${args[@]}"
}

declare -A token
for role in viewer contributor focal_point coordinator admin; do
  code=$(req POST /api/v1/session "" "{\"login\":\"u_$role\",\"password\":\"$PW\"}")
  token[$role]=$(jq -r .token "$tmp/body" 2>/dev/null)
  eq "login as $role" "$code" 200
done
token[public]=

# --- the authorisation matrix: route, then the expected status for
#     public viewer contributor focal_point coordinator admin
ROLES=(public viewer contributor focal_point coordinator admin)
while read -r method path expect; do
  [ -z "$method" ] || [ "${method:0:1}" == "#" ] && continue
  read -r -a want <<<"$expect"
  body=
  [ "$method" == POST ] && body="{\"login\":\"new_$RANDOM$RANDOM\",\"role\":\"viewer\",\"password\":\"$PW\"}"
  [ "$method" == PATCH ] && body='{"name":"Vera"}'
  for i in "${!ROLES[@]}"; do
    got=$(req "$method" "$path" "${token[${ROLES[$i]}]}" "$body")
    eq "matrix: ${ROLES[$i]} $method $path" "$got" "${want[$i]}"
  done
done <<'MATRIX'
GET    /api/v1/hello                             200 200 200 200 200 200
GET    /api/v1/openapi.json                      200 200 200 200 200 200
GET    /api/v1/recommendations                   200 200 200 200 200 200
GET    /api/v1/recommendations/SVN-UPR34-121.1   200 200 200 200 200 200
GET    /api/v1/search?q=women                    200 200 200 200 200 200
GET    /api/v1/taxonomies                        200 200 200 200 200 200
GET    /api/v1/taxonomies/sdg                    200 200 200 200 200 200
GET    /api/v1/countries                         200 200 200 200 200 200
GET    /api/v1/bodies                            200 200 200 200 200 200
GET    /api/v1/stats                             200 200 200 200 200 200
GET    /api/v1/me                                200 200 200 200 200 200
GET    /api/v1/users                             401 403 403 403 403 200
POST   /api/v1/users                             401 403 403 403 403 201
GET    /api/v1/users/2                           401 403 403 403 403 200
PATCH  /api/v1/users/2                           401 403 403 403 403 200
GET    /api/v1/audit                             401 403 403 403 403 200
MATRIX

# --- every operation of the OpenAPI document answers as documented (as admin)
code=$(req GET /api/v1/openapi.json)
eq "openapi: served" "$code" 200
cp "$tmp/body" "$tmp/openapi.json"
eq "openapi: version 3" "$(jq -r .openapi "$tmp/openapi.json")" "3.0.3"
while read -r path method; do
  url=/api/v1${path//\{id\}/SVN-UPR34-121.1}
  url=${url//\{vocabulary\}/sdg}
  [[ $path == /users/* ]] && url=/api/v1/users/2
  body=
  case $method in
    post) [[ $path == /session ]] && body="{\"login\":\"u_viewer\",\"password\":\"$PW\"}" \
            || body="{\"login\":\"doc_$RANDOM$RANDOM\",\"role\":\"viewer\",\"password\":\"$PW\"}" ;;
    patch) body='{"name":"Documented"}' ;;
  esac
  [[ $path == /search ]] && url="$url?q=torture"
  [[ $method == delete ]] && tok=$(curl -s -X POST "$B/api/v1/session" -d "{\"login\":\"u_viewer\",\"password\":\"$PW\"}" | jq -r .token) || tok=${token[admin]}
  got=$(req "${method^^}" "$url" "$tok" "$body")
  documented=$(jq -r --arg p "$path" --arg m "$method" '.paths[$p][$m].responses | keys | join(" ")' "$tmp/openapi.json")
  if [[ " $documented 201 " == *" $got "* ]] && jq -e . "$tmp/body" >/dev/null 2>&1; then
    pass "openapi: ${method^^} $path answers $got with JSON"
  else
    fail "openapi: ${method^^} $path" "status $got (documented: $documented), body $(head -c 200 "$tmp/body")"
  fi
done < <(jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | "\($p) \(.)"' "$tmp/openapi.json")
# and each documented query parameter is accepted with a sensible value
for param in country=SVN body=UPR theme=Children sdg=5 sdg=5.2 response=supported kind=recommendation lang=en facets=1 page=1 per_page=5; do
  eq "openapi: search accepts $param" "$(req GET "/api/v1/search?q=women&$param")" 200
  eq "openapi: listing accepts $param" "$(req GET "/api/v1/recommendations?$param")" 200
done

# --- errors, pagination, filters
eq "unknown route is 404" "$(req GET /api/v1/nope)" 404
eq "404 is JSON with code" "$(jq -r .error.code "$tmp/body")" "not_found"
eq "wrong method is 405" "$(req PUT /api/v1/recommendations)" 405
eq "unknown recommendation is 404" "$(req GET /api/v1/recommendations/NOPE)" 404
eq "bad per_page is 400" "$(req GET '/api/v1/recommendations?per_page=0')" 400
eq "400 message names the parameter" "$(jq -r .error.message "$tmp/body" | grep -c per_page)" 1
eq "bad page is 400" "$(req GET '/api/v1/recommendations?page=x')" 400
eq "bad sdg is 400" "$(req GET '/api/v1/search?q=women&sdg=x.y.z.w')" 400
eq "unbalanced query is 400" "$(req GET '/api/v1/search?q=(women')" 400
eq "missing q is 400" "$(req GET /api/v1/search)" 400
req GET '/api/v1/recommendations?per_page=7&page=2' >/dev/null
eq "pagination: per_page honoured" "$(jq '.items | length' "$tmp/body")" 7
eq "pagination: total is all of them" "$(jq .total "$tmp/body")" 378
req GET '/api/v1/recommendations?country=SVN&sdg=5&per_page=100' >/dev/null
n5=$(jq .total "$tmp/body")
check_all_sdg5=$(jq '[.items[] | select([.tags[] | select(.vocab=="sdg" and (.code=="5" or (.code|startswith("5."))))] | length > 0)] | length' "$tmp/body")
eq "filter: every item has SDG 5" "$check_all_sdg5" "$n5"
req GET '/api/v1/search?q=women&facets=1&per_page=1' >/dev/null
eq "search: facets by body" "$(jq -r '.facets.body[0].value' "$tmp/body")" "UPR"
eq "search: snippet_html marks" "$(jq -r '.items[0].snippet_html' "$tmp/body" | grep -c '<mark>')" 1
req GET '/api/v1/taxonomies/sdg' >/dev/null
eq "taxonomy: SDG 5 label in French" "$(jq -r '.items[] | select(.code=="5") | .label.fr' "$tmp/body")" "Égalité entre les sexes"
eq "taxonomy: unknown vocabulary 404" "$(req GET /api/v1/taxonomies/nope)" 404

# --- ETag and 304
etag=$(curl -s -D - -o /dev/null "$B/api/v1/recommendations/SVN-UPR34-121.1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')
[ -n "$etag" ] && pass "etag: present" || fail "etag: present"
eq "etag: If-None-Match gives 304" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$B/api/v1/recommendations/SVN-UPR34-121.1")" 304
eq "etag: other tag gives 200" "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "x"' "$B/api/v1/recommendations/SVN-UPR34-121.1")" 200

# --- login: wrong password, rate limit, logout
eq "login: wrong password is 401" "$(req POST /api/v1/session "" '{"login":"u_viewer","password":"wrong-password-1"}')" 401
eq "login: bad JSON is 400" "$(req POST /api/v1/session "" '{"login":')" 400
for _ in 1 2 3 4 5; do req POST /api/v1/session "" '{"login":"u_contributor","password":"nope-nope-nope"}' >/dev/null; done
eq "login: sixth attempt refused (429)" "$(req POST /api/v1/session "" "{\"login\":\"u_contributor\",\"password\":\"$PW\"}")" 429
t=$(curl -s -X POST "$B/api/v1/session" -d "{\"login\":\"u_viewer\",\"password\":\"$PW\"}" | jq -r .token)
eq "logout" "$(req DELETE /api/v1/session "$t")" 200
eq "token dead after logout" "$(req GET /api/v1/me "$t" && jq -r .role "$tmp/body")" "200public"

# --- CSRF: a cookie session must send its token back
login=$(curl -s -X POST "$B/api/v1/session" -d "{\"login\":\"u_admin\",\"password\":\"$PW\"}")
ct=$(jq -r .token <<<"$login"); csrf=$(jq -r .csrf <<<"$login")
newuser() { echo "{\"login\":\"csrf_$RANDOM$RANDOM\",\"role\":\"viewer\",\"password\":\"$PW\"}"; }
eq "csrf: cookie session without token is 403" \
  "$(curl -s -o /dev/null -w '%{http_code}' -X POST -b "suivi_session=$ct" -d "$(newuser)" "$B/api/v1/users")" 403
eq "csrf: wrong token is 403" \
  "$(curl -s -o /dev/null -w '%{http_code}' -X POST -b "suivi_session=$ct" -H 'X-CSRF-Token: forged' -d "$(newuser)" "$B/api/v1/users")" 403
eq "csrf: right token is 201" \
  "$(curl -s -o /dev/null -w '%{http_code}' -X POST -b "suivi_session=$ct" -H "X-CSRF-Token: $csrf" -d "$(newuser)" "$B/api/v1/users")" 201

# --- hostile parameters: no server error, nothing changed
before=$(req GET /api/v1/stats >/dev/null; jq .recommendations "$tmp/body")
for p in "q=women'%3B%20DROP%20TABLE%20recommendation%3B--" "q=%22%29%20OR%201%3D1--" "country=SVN'%20OR%20'1'%3D'1" \
         "body=UPR%22%3B--" "theme=%27%20OR%201%3D1" "sdg=5'--" "q=NEAR(a%20b)" "q=%00" "q=%FF%FE" "per_page=1e9"; do
  code=$(req GET "/api/v1/search?$p")
  [[ $code == 200 || $code == 400 ]] && pass "hostile: $p answers $code" || fail "hostile: $p" "status $code"
done
eq "hostile: database intact" "$(req GET /api/v1/stats >/dev/null; jq .recommendations "$tmp/body")" "$before"

# --- limits, logs, stop
head -c 1100000 /dev/zero | tr '\0' 'a' > "$tmp/big"
eq "body over 1 MiB is 413" "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @"$tmp/big" "$B/api/v1/session")" 413
grep -q ' GET 200 .* /api/v1/hello$' "$tmp/access.log" && pass "access log has a line per request" || fail "access log" "$(tail -2 "$tmp/access.log")"
kill -TERM "$pid"
wait "$pid"; rc=$?
pid=
eq "SIGTERM stops the server cleanly" "$rc" 0
grep -q 'SIGTERM received' "$tmp/serve.err" && pass "stop is announced" || fail "stop is announced"
