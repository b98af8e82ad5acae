#!/usr/bin/env bash
# End-to-end tests of the HTML pages, through `suivi serve` and curl as a browser would use them:
# every page and who may see it, the language (?lang=, cookie, Accept-Language), search (marks,
# facets, pagination, errors), a recommendation's page, browsing, the dashboard, logging in
# (CSRF, wrong password, rate limit, cookie attributes, a fresh session id), logging out, the
# users page, the audit trail, and hostile text in the data and in the URL never reaching a page
# unescaped. Prints "PASS name" / "FAIL name" lines; tests/run counts them.
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

# --- a database with the demo data and one hostile recommendation
SCRIPT='<script>alert(1)</script>'
IMG='"><img src=x onerror=alert(1)>'
SCRIPT_ESC='&lt;script&gt;alert(1)&lt;/script&gt;'
IMG_ESC='&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
"$SUIVI" --db "$db" init >/dev/null
"$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1
cat > "$tmp/xss.map" <<'MAP'
id = id
country = country
text = text
states = states
themes = themes
issues = issues
response = response
list_separator = ;
MAP
cat > "$tmp/xss.csv" <<'CSV'
id,country,text,states,themes,issues,response
XSS-1,"<script>alert(1)</script>","Protect girls <script>alert(1)</script> and ""><img src=x onerror=alert(1)> and javascript:alert(1) zanzibarite","""><img src=x onerror=alert(1)>;France","<script>alert(1)</script>;javascript:alert(1)","""><img src=x onerror=alert(1)>",Supported
CSV
if "$SUIVI" --db "$db" import csv --map "$tmp/xss.map" "$tmp/xss.csv" >"$tmp/out" 2>&1; then
  pass "setup: hostile recommendation imported"
else
  fail "setup: hostile recommendation imported" "$(head -c 300 "$tmp/out")"
fi

# --- the server, on a free port
admin_pw=correct-horse-battery-staple
SUIVI_ADMIN_PASSWORD=$admin_pw "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 \
  --access-log "$tmp/access.log" >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
if [ -z "$port" ]; then
  fail "serve: prints the address" "$(head -c 300 "$tmp/serve.out")"
  exit 0
fi
pass "serve: listening on port $port"
base=http://127.0.0.1:$port
jar=$tmp/jar

# fetch URL [curl options...]: status in $code, body in $tmp/body, headers in $tmp/head
fetch() { local url=$1; shift
  code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$base$url"); }
# status NAME WANT URL [curl options...]
status() { local name=$1 want=$2 url=$3; shift 3; fetch "$url" "$@"; eq "$name" "$code" "$want"; }
has() { if grep -qF -- "$2" "$tmp/body"; then pass "$1"; else fail "$1" "no '$2' in $(head -c 200 "$tmp/body" | tr '\n' ' ')"; fi; }
lacks() { if grep -qF -- "$2" "$tmp/body"; then fail "$1" "found '$2'"; else pass "$1"; fi; }
header() { if grep -qiF -- "$2" "$tmp/head"; then pass "$1"; else fail "$1" "no '$2' in $(tr '\r\n' '  ' < "$tmp/head")"; fi; }
# the value of a hidden form field in the last body
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$tmp/body" | head -1; }

# --- every page, for someone not logged in
for u in / /search "/search?q=women" /recommendations/SVN-UPR34-121.1 /browse/countries \
         /browse/bodies /browse/themes /browse/sdgs /browse/countries/SVN /browse/bodies/UPR \
         /browse/sdgs/5 /dashboard /login; do
  status "anonymous: GET $u answers 200" 200 "$u"
done
for u in /users /audit /history/user/1; do
  status "anonymous: GET $u needs a login (401)" 401 "$u"
done
has "401 page offers to log in and come back" 'href="/login?next='
status "unknown browse dimension: 404" 404 /browse/planets
status "unknown recommendation: 404" 404 /recommendations/NOPE-1
status "unknown SDG goal: 404" 404 /browse/sdgs/99
status "unknown State: 404" 404 /browse/countries/XXX
fetch /dashboard
header "pages are HTML" "Content-Type: text/html; charset=utf-8"
header "pages carry the CSP" "Content-Security-Policy: default-src 'self'"
has "one h1 per page" "<h1>"
eq "exactly one h1 on the dashboard" "$(grep -c '<h1' "$tmp/body")" 1

# --- language
fetch "/?lang=fr" -c "$tmp/lang.jar"
has "?lang=fr: French words" "Rechercher"
has "?lang=fr: <html lang=fr>" '<html lang="fr">'
header "?lang=fr: remembered in a cookie" "Set-Cookie: lang=fr"
fetch /dashboard -b "$tmp/lang.jar"
has "the lang cookie keeps French" "Tableau de bord"
fetch /dashboard -H 'Accept-Language: es-419,es;q=0.9,en;q=0.5'
has "Accept-Language: es gives Spanish" "<h1>Panel</h1>"
fetch /browse/countries -H 'Accept-Language: es'
has "State names in the reader's language" "Eslovenia"

# --- search
fetch "/search?q=women"
has "search: snippets mark the matched words" "<mark>women</mark>"
has "search: the form keeps the words" 'value="women"'
has "search: count with plural" " results</h2>"
has "search: facets link to a narrower search" 'href="/search?q=women&amp;sdg=5"'
has "search: facets in the reader's language" "Gender equality"
has "search: pagination" 'aria-current="page">1</a>'
has "search: next page link" 'rel="next"'
has "search: results link to their page" 'href="/recommendations/SVN-'
fetch "/search?q=women&page=2"
has "search: page 2 of several" "Page 2 of"
has "search: previous page link" 'rel="prev"'
fetch "/search?q=women&sdg=5&lang=fr"
has "search: the filter select keeps its value" '<option value="5" selected>5. Égalité entre les sexes</option>'
has "search: French count" "résultats"
fetch "/search?q=xyzzyplugh"
has "search: no results says so" "No recommendation matches your search."
status "search: unparsable query is a 400" 400 "/search?q=%28women"
has "search: the parser's message is shown" "unbalanced parenthesis"
has "search: the form is shown again" 'value="(women"'
status "search: unknown State is a 400" 400 "/search?q=women&country=Atlantis"
fetch "/search?country=SVN&response=noted"
has "search: filters without words list recommendations" " results</h2>"
has "search: a listing has facets too" 'href="/search?country=SVN&amp;response=noted&amp;sdg='

# --- a recommendation
fetch /recommendations/SVN-UPR34-121.1
has "recommendation: title" "<h1>Recommendation SVN-UPR34-121.1</h1>"
has "recommendation: text" "International Convention for the Protection of All Persons"
has "recommendation: State under review links" 'href="/browse/countries/SVN">Slovenia</a>'
has "recommendation: recommending States" "France, Lithuania"
has "recommendation: document" "A/HRC/43/15"
has "recommendation: paragraph" "<dd>121.1</dd>"
has "recommendation: session" "<dd>34</dd>"
has "recommendation: response badge" '<span class="badge supported">Supported</span>'
has "recommendation: cluster theme" "Acceptance of international norms"
has "recommendation: tags grouped by vocabulary" "<h3>Sustainable Development Goals</h3>"
has "recommendation: tag origin" "(From the source)"
has "recommendation: where it was imported from" "slovenia-upr-cycle3-thematic-list.md, line 19"
has "recommendation: related recommendations" "Related recommendations"
lacks "recommendation: related ones are others" 'href="/recommendations/SVN-UPR34-121.1"'
lacks "recommendation: no history link for the public" "/history/recommendation/"
fetch "/recommendations/SVN-UPR34-121.1?lang=fr"
has "recommendation in French: labels" "Acceptée"
has "recommendation in French: State name" "Slovénie"
has "recommendation in French: English text marked as such" '<blockquote class="rec-text" lang="en">'

# --- browsing and the dashboard
fetch /browse/countries
has "browse countries: links to a State" 'href="/browse/countries/SVN">Slovenia</a>'
has "browse countries: counts in a table" '<td class="num">378</td>'
fetch /browse/sdgs
has "browse SDGs: every goal, numbered" "17. Partnerships for the goals"
fetch "/browse/sdgs/5?lang=fr"
has "SDG goal page: title in French" "Objectif 5"
has "SDG goal page: targets in French" "liminer de la vie publique et de la vie priv"
has "SDG goal page: targets link to the search" 'href="/search?sdg=5.2"'
has "SDG goal page: its recommendations" "recommandations</h2>"
fetch "/browse/countries/SVN?page=2"
has "browse a State: paginated" "Page 2 of"
fetch /browse/themes
has "browse themes: links to a theme" 'href="/browse/themes/Violence%20against%20women"'
fetch /dashboard
has "dashboard: bars are meters" '<meter min="0" max="'
has "dashboard: numbers in their own column" '<td class="num">54</td>'
has "dashboard: by response" '<a href="/search?response=supported">Supported</a>'

# --- logging in
status "login: POST without CSRF token is refused" 403 /login -d "login=admin&password=$admin_pw"
fetch /login -c "$jar" -b "$jar"
token=$(field csrf)
if [ -n "$token" ] && grep -q "suivi_csrf	$token" "$jar"; then
  pass "login form: the CSRF cookie and the form field agree"
else
  fail "login form: the CSRF cookie and the form field agree" "form '$token'"
fi
header "login form: CSRF cookie is HttpOnly and SameSite=Strict" "HttpOnly; SameSite=Strict"
status "login: wrong CSRF token is refused" 403 /login -b "$jar" -d "login=admin&password=$admin_pw&csrf=nope"
status "login: wrong password is a 401" 401 /login -b "$jar" -c "$jar" \
  -d "login=admin&password=wrong-password-123&csrf=$token"
has "login: wrong password says so" "Wrong login or password."
has "login: the login is kept in the form" 'value="admin"'
for i in 1 2 3 4 5; do fetch /login -b "$jar" -d "login=mallory&password=guess-$i-xxxxxxx&csrf=$token"; done
eq "login: five failures are refused with 401" "$code" 401
status "login: the sixth try is rate limited (429)" 429 /login -b "$jar" \
  -d "login=mallory&password=guess-6-xxxxxxx&csrf=$token"
has "login: rate limit says so" "Too many attempts."
header "login: rate limit says when to retry" "Retry-After:"
fetch /login -b "$jar" -c "$jar" -d "login=admin&password=$admin_pw&next=%2Fusers&csrf=$token"
eq "login: success redirects (303)" "$code" 303
header "login: to the page asked for" "Location: /users"
if grep -qE '^Set-Cookie: suivi_session=[A-Za-z0-9_-]{43}; Path=/; Max-Age=[0-9]+; HttpOnly; SameSite=Strict' "$tmp/head"; then
  pass "login: session cookie is HttpOnly, SameSite=Strict, for the whole site"
else
  fail "login: session cookie is HttpOnly, SameSite=Strict, for the whole site" "$(grep -i set-cookie "$tmp/head" | tr '\r\n' '  ')"
fi
header "login: the form's CSRF cookie is dropped" "Set-Cookie: suivi_csrf=; Path=/; Max-Age=0"
first=$(awk '$6 == "suivi_session" {print $7}' "$jar")
status "login: the session opens /users" 200 /users -b "$jar"
token=$(field csrf)
fetch /login -b "$jar" -c "$jar" -d "login=admin&password=$admin_pw&next=//evil.example/&csrf=$token"
if grep -q $'^Location: /\r$' "$tmp/head"; then pass "login: next must be a local path"
else fail "login: next must be a local path" "$(grep -i location "$tmp/head")"; fi
second=$(awk '$6 == "suivi_session" {print $7}' "$jar")
if [ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ]; then
  pass "login: a new login gets a new session id"
else
  fail "login: a new login gets a new session id" "'$first' then '$second'"
fi
status "login: the session sent with the login is ended" 401 /users -b "suivi_session=$first"

# --- users
fetch /users -b "$jar"
token=$(field csrf)
has "users: the accounts table" '<th scope="row">admin</th>'
has "users: role descriptions" "Manages users, institutions and settings."
status "users: POST without CSRF token is refused" 403 /users -b "$jar" \
  -d "action=create&login=eve&role=viewer&password=a-long-password-1&password2=a-long-password-1"
fetch /users -b "$jar" -d "action=create&csrf=$token&login=alice&name=Alice&role=viewer&institution=&password=a-long-password-1&password2=a-long-password-1"
eq "users: create redirects (303)" "$code" 303
header "users: to the result" "Location: /users?done=created"
fetch "/users?done=created" -b "$jar"
has "users: created message" "Account created."
has "users: the new account is listed" '<th scope="row">alice</th>'
alice=$(sed -n 's/.*href="\/users?edit=\([0-9]*\)#edit">Edit<span class="visually-hidden"> alice<.*/\1/p' "$tmp/body")
fetch /users -b "$jar" -d "action=create&csrf=$token&login=victor&role=viewer&password=a-long-password-2&password2=a-long-password-2"
eq "users: create a viewer" "$code" 303
status "users: a short password is refused (400)" 400 /users -b "$jar" \
  -d "action=create&csrf=$token&login=bob&role=viewer&password=short&password2=short"
has "users: with core's message" "expected at least 12"
has "users: the form keeps the login" 'value="bob"'
fetch /users -b "$jar" -d "action=deactivate&csrf=$token&id=$alice"
eq "users: deactivate redirects (303)" "$code" 303
fetch "/users?done=deactivated&edit=$alice" -b "$jar"
has "users: deactivated message" "Account deactivated."
has "users: alice is inactive" "<td>Inactive</td>"
has "users: her history is linked" "href=\"/history/user/$alice\""
fetch /users -b "$jar" -d "action=update&csrf=$token&id=$alice&name=Alice+A.&role=coordinator&institution="
eq "users: change a role redirects (303)" "$code" 303
fetch "/users?edit=$alice" -b "$jar"
has "users: the new role is shown" "<td>Coordinator</td>"
fetch /login -c "$tmp/victor.jar" -b "$tmp/victor.jar"
vtoken=$(field csrf)
fetch /login -c "$tmp/victor.jar" -b "$tmp/victor.jar" -d "login=victor&password=a-long-password-2&csrf=$vtoken"
eq "users: the viewer logs in" "$code" 303
status "users: a viewer may not see /users (403)" 403 /users -b "$tmp/victor.jar"
status "audit: a viewer may not see /audit (403)" 403 /audit -b "$tmp/victor.jar"
fetch / -b "$tmp/victor.jar"
has "a viewer sees who is signed in" "Signed in as victor"
lacks "a viewer's navigation has no Users link" 'href="/users"'

# --- the audit trail
fetch /audit -b "$jar"
eq "audit: 200 for the administrator" "$code" 200
has "audit: the account creation" "<td>Created</td>"
has "audit: the deactivation" "<td>Deactivated</td>"
has "audit: the failed logins" "Failed login"
has "audit: before/after as escaped JSON" '&quot;login&quot;:&quot;alice&quot;'
fetch "/audit?entity=user&action=deactivate" -b "$jar"
has "audit: filters" "1 event</p>"
fetch "/history/user/$alice" -b "$jar"
has "history: one account's events" "History of changes: Account $alice"
fetch /recommendations/SVN-UPR34-121.1 -b "$jar"
has "recommendation: history link for the administrator" 'href="/history/recommendation/SVN-UPR34-121.1"'

# --- logging out
fetch /logout -b "$jar" -c "$jar" -d "csrf=$token"
eq "logout: redirects (303)" "$code" 303
header "logout: the cookie is expired" "Max-Age=0"
status "logout: the session is over" 401 /users -b "suivi_session=$second"

# --- hostile text: from the data, and in the URL
for u in /recommendations/XSS-1 "/search?q=zanzibarite" \
         "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20girls" \
         "/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E" /browse/countries \
         /browse/themes "/search?theme=%3Cscript%3Ealert(1)%3C%2Fscript%3E" /dashboard \
         "/search?q=zanzibarite&country=%3Cscript%3Ealert(1)%3C%2Fscript%3E" \
         "/login?next=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E" \
         "/browse/countries/SVN?x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"; do
  fetch "$u"
  lacks "XSS: no raw <script> in $u" "$SCRIPT"
  lacks "XSS: no raw <img onerror> in $u" "<img src=x"
  if grep -qiE 'href="?javascript:' "$tmp/body"; then fail "XSS: no javascript: link in $u"
  else pass "XSS: no javascript: link in $u"; fi
done
fetch /recommendations/XSS-1
has "XSS: the text is shown escaped" "Protect girls $SCRIPT_ESC and $IMG_ESC"
has "XSS: the State label is shown escaped" "<dd>$SCRIPT_ESC</dd>"
has "XSS: the recommending State is shown escaped" "<dd>$IMG_ESC, France</dd>"
has "XSS: tags are shown escaped, their links encoded" 'href="/search?theme=%3Cscript%3Ealert%281%29%3C%2Fscript%3E">'
fetch "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20girls"
has "XSS: the hostile query finds the recommendation" 'href="/recommendations/XSS-1"'
has "XSS: the hostile query is kept escaped in the form" "value=\"$SCRIPT_ESC girls\""
fetch "/search?q=zanzibarite&country=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
has "XSS: an error message quoting the URL is escaped" "$SCRIPT_ESC"

stop
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/serve.out"; then
  fail "serve: no sanitizer report" "$(grep -m1 -A5 'ERROR\|runtime error' "$tmp/serve.out")"
else
  pass "serve: stopped cleanly, no sanitizer report"
fi
