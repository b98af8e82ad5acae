#!/usr/bin/env bash
# End-to-end tests of /review (tag suggestions awaiting a person) and of the "Also recommended
# by / repeated" section of a recommendation's page, through `suivi serve` and curl: who may see
# and use the review page, accepting, rejecting and accepting in bulk, the vocabulary filter,
# near-copies with "repeats cycle N", and hostile text escaped. Prints "PASS name" / "FAIL name".
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
db=$(tests/cli/dburl "$tmp/t.db")
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=; fi; }
trap 'stop; rm -rf "$tmp"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }

# --- the demo data, tagged by the SDG model, and a hostile recommendation
"$SUIVI" --db "$db" init >/dev/null
"$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1
cat > "$tmp/xss.map" <<'MAP'
id = id
country = country
text = text
states = states
list_separator = ;
MAP
cat > "$tmp/xss.csv" <<'CSV'
id,country,text,states
XSS-1,SVN,"Ratify the International Convention for the Protection of All Persons from Enforced Disappearance <script>alert(1)</script>","<script>alert(1)</script>"
XSS-2,SVN,"Ratify the International Convention for the Protection of All Persons from Enforced Disappearance <script>alert(1)</script>","""><img src=x onerror=alert(1)>"
CSV
if "$SUIVI" --db "$db" import csv --map "$tmp/xss.map" "$tmp/xss.csv" >"$tmp/out" 2>&1; then
  pass "setup: hostile recommendations imported"
else
  fail "setup: hostile recommendations imported" "$(head -c 300 "$tmp/out")"
fi
if "$SUIVI" --db "$db" tag --field sdgs >"$tmp/out" 2>&1; then
  pass "setup: tag --field sdgs"
else
  fail "setup: tag --field sdgs" "$(head -c 300 "$tmp/out")"
fi
PW=review-password-123
for a in "admin admin" "view viewer"; do
  set -- $a
  SUIVI_PASSWORD=$PW "$SUIVI" --db "$db" user add "$1" --role "$2" >/dev/null 2>&1 ||
    fail "setup: account $1"
done

# --- the server, on a free port
"$SUIVI" --db "$db" serve --listen 127.0.0.1:0 \
  --access-log "$tmp/access.log" >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
if [ -z "$port" ]; then
  fail "serve: prints the address" "$(head -c 300 "$tmp/serve.out")"
  exit 0
fi
pass "serve: listening on port $port"
base=http://127.0.0.1:$port

fetch() { local url=$1; shift
  code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$base$url"); }
status() { local name=$1 want=$2 url=$3; shift 3; fetch "$url" "$@"; eq "$name" "$code" "$want"; }
has() { if grep -qF -- "$2" "$tmp/body"; then pass "$1"; else fail "$1" "no '$2' in $(head -c 200 "$tmp/body" | tr '\n' ' ')"; fi; }
lacks() { if grep -qF -- "$2" "$tmp/body"; then fail "$1" "found '$2'"; else pass "$1"; fi; }
header() { if grep -qiF -- "$2" "$tmp/head"; then pass "$1"; else fail "$1" "no '$2' in $(tr '\r\n' '  ' < "$tmp/head")"; fi; }
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$tmp/body" | head -1; }
pending() { sed -n 's/.*id="review-count">\([0-9][0-9]*\) .*/\1/p' "$tmp/body" | head -1; }
login() { # login WHO: a cookie jar in $tmp/WHO.jar, the session's token in tok_WHO
  local t
  t=$(curl -s -c "$tmp/$1.jar" -b "$tmp/$1.jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$tmp/$1.jar" -b "$tmp/$1.jar" -d "login=$1&password=$PW&csrf=$t" "$base/login"
}

# --- who may see it
status "anonymous: GET /review needs a login (401)" 401 /review
status "anonymous: POST /review is refused (403, no CSRF token)" 403 /review -d "action=bulk&threshold=0.5"
login view
status "viewer: GET /review is forbidden (403)" 403 /review -b "$tmp/view.jar"
login admin
status "admin: GET /review (200)" 200 /review -b "$tmp/admin.jar"
has "review: lists suggestions" '<a href="/recommendations/SVN-UPR'
has "review: offers Accept" '>Accept<span'
has "review: offers Reject" '>Reject<span'
has "review: the bulk form" 'name="threshold"'
has "review: the vocabulary filter" '<select id="review-vocab" name="vocab">'
before=$(pending)
if [ -n "$before" ] && [ "$before" -gt 2 ]; then pass "review: counts pending suggestions ($before)"; else fail "review: counts pending suggestions" "'$before'"; fi
tok=$(field csrf)
rec=$(field id)
code1=$(field code)
voc=$(field field)

status "review: POST without CSRF token is refused (403)" 403 /review -b "$tmp/admin.jar" \
  -d "action=accept&id=$rec&field=$voc&code=$code1"
fetch /review -b "$tmp/admin.jar" --data-urlencode "csrf=$tok" -d "action=accept&field=$voc" \
  --data-urlencode "id=$rec" --data-urlencode "code=$code1"
eq "review: accept redirects (303)" "$code" 303
header "review: back to the review page" "Location: /review?done=accepted"
status "review: after accept (200)" 200 "/review?done=accepted" -b "$tmp/admin.jar"
has "review: says it was accepted" "Suggestion accepted."
after=$(pending)
eq "review: one suggestion fewer after accept" "$after" "$((before - 1))"
fetch "/api/v1/recommendations/$rec"
if grep -q "\"$code1\"" "$tmp/body" && grep -q '"machine"' "$tmp/body"; then
  pass "review: the accepted tag is on the recommendation"
else fail "review: the accepted tag is on the recommendation" "$(head -c 300 "$tmp/body")"; fi
fetch /review -b "$tmp/admin.jar" --data-urlencode "csrf=$tok" -d "action=accept&field=$voc" \
  --data-urlencode "id=$rec" --data-urlencode "code=$code1"
eq "review: accepting twice is refused (400)" "$code" 400

fetch /review -b "$tmp/admin.jar"
rec2=$(field id); code2=$(field code); voc2=$(field field)
fetch /review -b "$tmp/admin.jar" --data-urlencode "csrf=$tok" -d "action=reject&field=$voc2" \
  --data-urlencode "id=$rec2" --data-urlencode "code=$code2"
eq "review: reject redirects (303)" "$code" 303
header "review: reject says so" "Location: /review?done=rejected"
fetch "/review?done=rejected" -b "$tmp/admin.jar"
has "review: says it was rejected" "Suggestion rejected."
eq "review: one suggestion fewer after reject" "$(pending)" "$((before - 2))"

status "review: a bad threshold is refused (400)" 400 /review -b "$tmp/admin.jar" \
  --data-urlencode "csrf=$tok" -d "action=bulk&threshold=2"
status "review: an unknown action is refused (400)" 400 /review -b "$tmp/admin.jar" \
  --data-urlencode "csrf=$tok" -d "action=nope"
status "review: an unknown vocabulary filter is refused (400)" 400 "/review?vocab=nope" -b "$tmp/admin.jar"
status "review: filter by vocabulary (200)" 200 "/review?vocab=sdg" -b "$tmp/admin.jar"
has "review: the filter is kept" '<option value="sdg" selected>'
status "review: another vocabulary has none" 200 "/review?vocab=uhri_theme" -b "$tmp/admin.jar"
has "review: says none is pending" '0 pending suggestions'

fetch /review -b "$tmp/admin.jar" --data-urlencode "csrf=$tok" -d "action=bulk&threshold=0.5&vocab=sdg"
eq "review: bulk accept redirects (303)" "$code" 303
loc=$(sed -n 's/^Location: \(.*\)\r$/\1/p' "$tmp/head")
case "$loc" in /review\?vocab=sdg\&done=bulk\&n=[0-9]*) pass "review: bulk says how many ($loc)" ;;
  *) fail "review: bulk says how many" "'$loc'" ;; esac
n=${loc##*n=}
fetch "$loc" -b "$tmp/admin.jar"
has "review: bulk message" "suggestion"
left=$(pending)
if [ -n "$n" ] && [ "$n" -gt 0 ] && [ "$left" -eq "$((before - 2 - n))" ]; then
  pass "review: bulk accepted $n, $left left"
else fail "review: bulk accept count" "n=$n left=$left before=$before"; fi
fetch "/review?per_page=5&page=2" -b "$tmp/admin.jar"
eq "review: second page (200)" "$code" 200
if [ "$left" -gt 5 ]; then has "review: pagination" 'class="pager"'; fi
status "review: bad page is refused (400)" 400 "/review?page=abc" -b "$tmp/admin.jar"
fetch "/review?lang=fr" -b "$tmp/admin.jar"
has "review: in French" "Accepter"

# --- the audit trail records the decisions
fetch "/api/v1/audit?entity=recommendation&id=$rec" -b "$tmp/admin.jar"
if grep -qi "tag" "$tmp/body"; then pass "review: audited"; else fail "review: audited" "$(head -c 300 "$tmp/body")"; fi

# --- near-copies on a recommendation's page
status "similar: recommendation page (200)" 200 /recommendations/SVN-UPR34-121.1
has "similar: the section" 'id="similar"'
has "similar: its title" "Also recommended by / repeated"
has "similar: links the near-copy of cycle 2" 'href="/recommendations/SVN-UPR20-115.14"'
has "similar: repeats cycle" "repeats cycle 2"
has "similar: names the recommending State" "Iraq"
fetch "/recommendations/SVN-UPR34-121.1?lang=fr"
has "similar: in French" "cycle 2"
fetch "/recommendations/SVN-UPR34-121.1?lang=es"
has "similar: in Spanish" "ciclo 2"
status "similar: hostile recommendation page (200)" 200 /recommendations/XSS-1
has "similar: the hostile near-copy is listed" 'href="/recommendations/XSS-2"'
lacks "similar: no raw script" '<script>alert(1)</script>'
lacks "similar: no raw img" '<img src=x'
has "similar: states escaped" '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
status "similar: unknown recommendation is 404" 404 /recommendations/NOPE-1
