#!/usr/bin/env bash
# Security tests over real HTTP, against a server with the demo data, two institutions and one
# account of every role (docs/security.md says what each part covers and why):
#   injection  SQL, full-text (FTS5) and script payloads in every parameter of every route: the
#              routes and their methods from src/web/router.c and the OpenAPI document the server
#              serves, query parameters (OpenAPI, the handlers' sources, the pages' GET forms),
#              path segments, every field of every form the pages offer (crawled as each role),
#              JSON bodies, cookies and headers: no 5xx, no SQL error text, HTML never carries a
#              payload raw, and the data is intact (payloads are stored as text, verbatim);
#   XSS        stored (every page, as every role, after the payloads were written everywhere)
#              and reflected (query, path, error pages, lang);
#   CSRF       every state-changing route without a token and with another session's token:
#              403 and no write; the login form without its double-submit cookie;
#   sessions   fixation (a cookie planted before login is ended and replaced), logout ends the
#              session on the server, cookie attributes;
#   logins     5 failures per login and 20 per address in 15 minutes, also for the right
#              password afterwards, and also when the attempts arrive all at once;
#   bodies     413 over --max-body (length given or chunked), evidence uploads: size, a zip bomb
#              (nothing unpacks uploads: the bomb is stored as bytes, fast, in bounded memory),
#              hostile file names (paths, NUL, control characters, very long);
#   isolation  a focal point against another institution's progress, actions, indicators and
#              evidence (GET and POST: 403/404, no data), viewers and contributors trying every
#              write, the public trying every route that needs a login.
# Prints PASS/FAIL lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
db=$(tests/cli/dburl "$tmp/sec.db")
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=; fi; }
trap 'stop; rm -rf "$tmp"' EXIT
PW=security-test-password-1
A=SVN-UPR34-121.1 B=SVN-UPR34-121.2 C=SVN-UPR34-121.3

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
s() { "$SUIVI" --db "$db" "$@"; }
q() { tests/cli/dbsql "$db" "$1" 2>&1; }
pg=; case $db in postgresql://*) pg=1 ;; esac
urlenc() { perl -e '$_ = shift; s/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord $1)/ge; print' -- "$1"; }
jsonstr() { jq -Rn --arg v "$1" '$v'; }
FORM='Content-Type: application/x-www-form-urlencoded'
JSON='Content-Type: application/json'
command -v sqlite3 >/dev/null && command -v psql >/dev/null && command -v jq >/dev/null && command -v perl >/dev/null ||
  { fail "sqlite3, jq and perl are installed (scripts/install-deps)"; exit 0; }

# --- the database: demo data; MOJ and MLSA each with an assigned recommendation, MLSA's actions,
#     indicator (public once planned), draft report and its evidence marked SECRET-MLSA (what fp
#     of MOJ must never see)
export SUIVI_PASSWORD=$PW
if s init >/dev/null && s import thematic-list data/demo/*.md >/dev/null 2>&1 &&
   s institution add MOJ "Ministry of Justice" >/dev/null && s institution add MLSA "Ministry of Labour" >/dev/null &&
   for u in "adm admin" "coord coordinator" "fp focal_point MOJ" "fp2 focal_point MLSA" \
            "nhri contributor" "view viewer" "victim viewer" "bf1 viewer" "bf2 viewer" "bf3 viewer"; do
     set -- $u; s user add "$1" --role "$2" ${3:+--institution $3} >/dev/null || exit 1
   done &&
   s assign $A MOJ --lead >/dev/null && s assign $B MLSA --lead >/dev/null && s clusters create C1 --manual >/dev/null &&
   s action add $B --institution MLSA --description "MLSA-ACTION" --due 2030-01-01 --as fp2 >/dev/null &&
   s indicator add $B --institution MLSA --name "MLSA-INDICATOR" --unit persons --baseline 0 --target 5 --as fp2 >/dev/null &&
   s progress draft $B --institution MLSA --status in_progress --narrative "SECRET-MLSA narrative" --as fp2 >/dev/null &&
   printf '%%PDF-1.4 SECRET-MLSA\n' >"$tmp/mlsa.pdf" && s evidence add 1 "$tmp/mlsa.pdf" --as fp2 >/dev/null &&
   s progress draft $A --institution MOJ --status in_progress --narrative "MOJ submitted" --as fp >/dev/null &&
   s progress submit 2 --as fp >/dev/null &&
   s progress draft $A --institution MOJ --status in_progress --narrative "MOJ draft" --as fp >/dev/null &&
   printf '%%PDF-1.4 MOJ\n' >"$tmp/moj.pdf" && s evidence add 3 "$tmp/moj.pdf" --as fp >/dev/null; then
  pass "setup: demo data, two institutions, every role, MLSA's follow-up"
else
  fail "setup: demo data, two institutions, every role, MLSA's follow-up"
fi
unset SUIVI_PASSWORD
victim=$(q "SELECT id FROM account WHERE login = 'victim'")

start_server() { # extra serve options...
  "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --max-body 8388608 --access-log /dev/null "$@" \
    >"$tmp/serve.out" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" && break; sleep 0.1; done
  port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
  base=http://127.0.0.1:$port
  [ -n "$port" ]
}
# 16 threads, so that logins arriving together really run together (the race test below)
start_server --threads 16 || { fail "serve: starts" "$(head -c 300 "$tmp/serve.out")"; exit 0; }
pass "serve: listening on port $port"

# fetch URL [curl options...]: status in $code, body in $tmp/body, headers in $tmp/head
fetch() { local url=$1; shift; code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$base$url"); }
has() { if grep -qF -- "$2" "$tmp/body"; then pass "$1"; else fail "$1" "no '$2' in $(head -c 200 "$tmp/body" | tr '\n' ' ')"; fi; }
lacks() { if grep -qF -- "$2" "$tmp/body"; then fail "$1" "found '$2'"; else pass "$1"; fi; }
set_cookie() { tr -d '\r' <"$tmp/head" | sed -n "s/^[Ss]et-[Cc]ookie: $1=\([^;]*\).*/\1/p" | tail -1; }
csrf_of_page() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/body" | head -1; }

# login WHO: cookie jar $tmp/WHO.jar, its CSRF token in tok[WHO], an API token in bearer[WHO]
# (adm, fp and view only)
declare -A tok bearer
login() {
  local jar=$tmp/$1.jar t
  rm -f "$jar"
  t=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "login=$1&password=$PW&csrf=$t" "$base/login"
  fetch /followup -b "$jar"
  tok[$1]=$(csrf_of_page)
  bearer[$1]=x
  case $1 in adm | fp | view) # API tokens only where used: each login costs an argon2id check
    bearer[$1]=$(curl -s -X POST "$base/api/v1/session" -d "{\"login\":\"$1\",\"password\":\"$PW\"}" | jq -r .token) ;;
  esac
  [ "$code" == 200 ] && [ -n "${tok[$1]}" ] && [ "${bearer[$1]}" != null ]
}
for u in adm coord fp fp2 nhri view victim; do
  if login $u; then pass "login: $u"; else fail "login: $u" "status $code"; fi
done
audit_count() { q 'SELECT count(*) FROM audit'; }
# what no attack may change: the recommendations, the accounts of the test, the schema
fingerprint() {
  q "SELECT (SELECT count(*) FROM recommendation), (SELECT count(*) FROM rec_text),
            (SELECT group_concat(login || ':' || role || ':' || active || ':' || ifnull(institution_id, ''), ' ')
               FROM (SELECT * FROM account WHERE login IN ('adm','coord','fp','fp2','nhri','view') ORDER BY id)),
            (SELECT group_concat(type || name, ' ') FROM (SELECT * FROM sqlite_master ORDER BY name)),
            (SELECT min(id) FROM audit)"
}

# ==== sessions: fixation and logout ============================================================
echo "# ${SECONDS}s: sessions"
# An attacker's own live session planted in the victim's browser before they log in
fetch /login -b "suivi_session=${bearer[view]}"
t=$(csrf_of_page)
fetch /login -b "suivi_session=${bearer[view]}" -d "login=coord&password=$PW&csrf=$t"
eq "fixation: the login succeeds (303)" "$code" 303
new=$(set_cookie suivi_session)
[ -n "$new" ] && [ "$new" != "${bearer[view]}" ] && pass "fixation: a new session cookie, not the planted one" ||
  fail "fixation: a new session cookie, not the planted one" "'$new'"
eq "fixation: the planted session is ended" "$(curl -s -b "suivi_session=${bearer[view]}" "$base/api/v1/me" | jq -r .role)" public
eq "fixation: the new cookie is coord's" "$(curl -s -b "suivi_session=$new" "$base/api/v1/me" | jq -r .login)" coord
grep -i '^set-cookie: suivi_session=' "$tmp/head" | grep -qi 'HttpOnly' && grep -i '^set-cookie: suivi_session=' "$tmp/head" | grep -qi 'SameSite=Strict' &&
  pass "session cookie: HttpOnly, SameSite=Strict" || fail "session cookie: HttpOnly, SameSite=Strict" "$(grep -i set-cookie "$tmp/head")"
# a made-up token planted: never becomes a session
made=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
fetch /login -b "suivi_session=$made"
t=$(csrf_of_page) c=$(set_cookie suivi_csrf)
fetch /login -b "suivi_session=$made; suivi_csrf=$c" -d "login=coord&password=$PW&csrf=$t"
new2=$(set_cookie suivi_session)
[ -n "$new2" ] && [ "$new2" != "$made" ] && pass "fixation: a made-up cookie is replaced" || fail "fixation: a made-up cookie is replaced" "'$new2'"
eq "fixation: the made-up cookie is nobody" "$(curl -s -b "suivi_session=$made" "$base/api/v1/me" | jq -r .role)" public
# logout ends the session on the server: the old cookie replayed is nobody
t=$(curl -s -b "suivi_session=$new" "$base/followup" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
fetch /logout -b "suivi_session=$new" -d "csrf=$t"
eq "logout: 303" "$code" 303
eq "logout: the cookie is cleared" "$(set_cookie suivi_session)" ""
eq "logout: the old cookie replayed is public" "$(curl -s -b "suivi_session=$new" "$base/api/v1/me" | jq -r .role)" public
fetch /followup -b "suivi_session=$new"
eq "logout: the old cookie replayed gets 401" "$code" 401
fetch /institutions -b "suivi_session=$new" -d "csrf=$t&form=institution&code=LOGOUT&name=x"
[ "$code" == 403 ] || [ "$code" == 401 ] && pass "logout: a write with the old cookie and token is refused ($code)" || fail "logout: a write with the old cookie is refused" "$code"
eq "logout: and wrote nothing" "$(q "SELECT count(*) FROM institution WHERE code = 'LOGOUT'")" 0
tb=$(curl -s -X POST "$base/api/v1/session" -d "{\"login\":\"coord\",\"password\":\"$PW\"}" | jq -r .token)
curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $tb" "$base/api/v1/session"
eq "logout (API): the token replayed is public" "$(curl -s -H "Authorization: Bearer $tb" "$base/api/v1/me" | jq -r .role)" public

# ==== logins: rate limits ======================================================================
echo "# ${SECONDS}s: logins"
# page_login TRY_LOGIN PASSWORD: the login form with its double-submit token; status in $code
page_login() {
  local t
  t=$(curl -s -c "$tmp/bf.jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  fetch /login -b "$tmp/bf.jar" --data-urlencode "login=$1" --data-urlencode "password=$2" -d "csrf=$t"
}
for i in 1 2 3 4 5; do page_login bf1 "wrong-password-$i"; done
eq "brute force: the 5th wrong password is still 401" "$code" 401
page_login bf1 "$PW"
eq "brute force: the 6th try, with the right password, is refused (429)" "$code" 429
eq "brute force: and opens no session" "$(set_cookie suivi_session)" ""
grep -qi '^Retry-After: [1-9]' "$tmp/head" && pass "brute force: Retry-After given" || fail "brute force: Retry-After given"
eq "brute force: the API refuses the right password too (429)" \
  "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/session" -d "{\"login\":\"BF1\",\"password\":\"$PW\"}")" 429
# 12 wrong passwords at the same time for one login: no more than 5 may be tried
racers=()
for i in $(seq 1 12); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "$base/api/v1/session" -d "{\"login\":\"bf3\",\"password\":\"wrong-at-once-$i\"}" >>"$tmp/race" &
  racers+=($!)
done
wait "${racers[@]}"
eq "brute force: 12 tries at once, only 5 get to the password" "$(grep -c 401 "$tmp/race")" 5
eq "brute force: the other 7 are refused (429)" "$(grep -c 429 "$tmp/race")" 7
# per address: 10 failures so far from 127.0.0.1; 10 more with unknown logins reach 20
for i in $(seq 1 10); do page_login "nobody$i" "wrong-password"; done
eq "brute force: the 20th failure from one address is still 401" "$code" 401
page_login bf2 "$PW"
eq "brute force: then a right password of another account is refused (429)" "$code" 429
eq "brute force: by the API too" \
  "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/session" -d "{\"login\":\"bf2\",\"password\":\"$PW\"}")" 429
eq "brute force: failures are audited" "$(q "SELECT CASE WHEN count(*) >= 20 THEN 1 ELSE 0 END FROM audit WHERE action = 'login_failed'")" 1
# From here on, no login from 127.0.0.1 can succeed for 15 minutes: the sessions above serve.

# ==== the routes and the forms ================================================================
echo "# ${SECONDS}s: the routes and the forms"
curl -s "$base/api/v1/openapi.json" >"$tmp/openapi.json"
eq "openapi: served" "$(jq -r .openapi "$tmp/openapi.json")" 3.0.3
# the route table: METHOD PATTERN HANDLER ACTION
sed -n 's/^ *{"\([A-Z]*\)", "\([^"]*\)", \([a-z_0-9]*\), \([A-Z_]*\).*/\1 \2 \3 \4/p' src/web/router.c >"$tmp/routes"
n_api=$(grep -c ' /api/v1/' "$tmp/routes")
n_doc=$(jq '[.paths[] | keys[]] | length' "$tmp/openapi.json")
eq "routes: the OpenAPI document lists every API route of router.c" "$n_doc" "$n_api"
[ "$(wc -l <"$tmp/routes")" -gt 40 ] && pass "routes: $(wc -l <"$tmp/routes") routes read from src/web/router.c" ||
  fail "routes: read from src/web/router.c" "$(wc -l <"$tmp/routes")"
# sample PATTERN [PARAM_INDEX ENCODED]: a URL for PATTERN, :params filled with real ids, or the
# PARAM_INDEX-th with ENCODED
sample() {
  local pattern=$1 which=${2:-0} payload=${3:-} out= i=0 seg prev=
  IFS=/ read -r -a segs <<<"${pattern#/}"
  for seg in "${segs[@]}"; do
    if [ "${seg:0:1}" == : ]; then
      i=$((i + 1))
      if [ "$i" == "$which" ]; then seg=$payload; else
        case "$prev:$seg" in
          recommendations:*) seg=$A ;;
          clusters:*) seg=1 ;;
          progress:*) seg=3 ;;
          evidence:*) seg=2 ;;
          users:*) seg=$victim ;;
          taxonomies:*) seg=sdg ;;
          browse:*) seg=country ;;
          country:*) seg=SVN ;;
          history:*) seg=user ;;
          user:*) seg=1 ;;
          *) seg=1 ;;
        esac
      fi
    fi
    out=$out/$seg
    prev=${seg}
  done
  echo "$out"
}
declare -A URL
while read -r method pattern handler action; do URL[$pattern]=$(sample "$pattern"); done <"$tmp/routes"
# Forms: every form of every page, as each role that gets it, each field given each payload
# (other fields a plausible value). Forms that end sessions or accounts are left out.
cat >"$tmp/forms.pl" <<'PERL'
use strict; use warnings;
sub enc { my $s = shift; $s =~ s/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord $1)/ge; $s }
sub unent { my $s = shift; $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&quot;/"/g; $s =~ s/&#39;/'/g; $s =~ s/&amp;/&/g; $s }
sub attr { my ($tag, $n) = @_; $tag =~ /\s\Q$n\E="([^"]*)"/ ? unent($1) : undef }
my %plausible = (date => '2030-01-01', start => '2030-01-01', due => '2030-01-01', deadline => '2030-01-01',
  baseline_date => '2030-01-01', target_date => '2030-01-01', due_date => '2030-01-01', budget => '1',
  baseline => '1', target => '1', value => '1', days => '7', currency => 'EUR', sdg => '5',
  rec => 'SVN-UPR34-121.3', country => 'SVN', q => 'women', institution => 'MOJ', code => 'FZ',
  login => 'fuzz', password => 'fuzz-password-123', password2 => 'fuzz-password-123');
local $/;
for my $file (@ARGV) {
  open my $fh, '<', $file or next; my $html = <$fh>; close $fh;
  while ($html =~ /(<form\b[^>]*>)(.*?)<\/form>/gs) {
    my ($ftag, $inner) = ($1, $2);
    my $method = uc(attr($ftag, 'method') // 'GET');
    my $action = attr($ftag, 'action') // ''; $action =~ s/#.*//;
    my $multipart = ($ftag =~ /multipart/) ? 1 : 0;
    my (@fields, @buttons);
    while ($inner =~ /(<(input|select|textarea|button)\b[^>]*>)(?:(.*?)<\/\2>)?/gs) {
      my ($tag, $kind, $content) = ($1, $2, $3 // '');
      my $name = attr($tag, 'name'); next unless defined $name;
      if ($kind eq 'button') { push @buttons, [$name, attr($tag, 'value') // '']; next; }
      my $v;
      if ($kind eq 'select') {
        $v = $1 if $content =~ /<option[^>]*value="([^"]*)"[^>]*selected/s;
        $v //= $1 if $content =~ /<option[^>]*value="([^"]+)"/s;
      } elsif ($kind eq 'textarea') { $v = unent($content); }
      else {
        my $type = lc(attr($tag, 'type') // 'text');
        next if ($type eq 'radio' || $type eq 'checkbox') && $tag !~ /\schecked\b/;
        next if $type eq 'submit' || $type eq 'file';
        $v = attr($tag, 'value');
      }
      $v = $plausible{$name} // 'text' if !defined $v || $v eq '';
      push @fields, [$name, $v];
    }
    @buttons = ([]) unless @buttons;
    for my $b (@buttons) {
      my @f = (@fields, @$b ? ($b) : ());
      print join("\t", $method, $action, $multipart, map { enc($_->[0]) . '=' . enc($_->[1]) } @f), "\n";
    }
  }
}
PERL
PAGES="/ /followup /institutions /clusters /clusters/1 /deadlines /outbox /validation /my /users /users?edit=$victim
       /review /recommendations/$A /recommendations/$B /recommendations/$C /reports /search?q=women /audit /dashboard"
for who in adm coord fp nhri; do
  mkdir -p "$tmp/pages/$who"
  i=0
  for p in $PAGES; do i=$((i + 1)); curl -s -b "$tmp/$who.jar" "$base$p" >"$tmp/pages/$who/$i.html"; done
  perl "$tmp/forms.pl" "$tmp/pages/$who"/*.html | sort -u |
    grep -vE '	/logout	|	/login	|do=remove|action=deactivate|action=activate|^[A-Z]+	[^	]*	1	' |
    grep -vE 'password=' | sed "s/^/$who	/" >>"$tmp/forms"
  perl "$tmp/forms.pl" "$tmp/pages/$who"/*.html | sort -u | grep -E '	/users	' | grep 'login=' | sed "s/^/$who	/" >>"$tmp/forms"
done
# the forms that move a report on (submit, validate) last, so that the others still apply; a
# form several roles get (same action and fields) once, as the first of adm coord fp nhri
{ grep -vE 'do=(submit|validate|return)' "$tmp/forms"; grep -E 'do=(submit|validate|return)' "$tmp/forms"; } |
  awk -F'\t' '{ k = $2 " " $3; for (i = 5; i <= NF; i++) { n = $i; if ($i !~ /^(form|do|action)=/) sub(/=.*/, "", n); k = k " " n } } !seen[k]++' >"$tmp/forms.sorted"
nforms=$(wc -l <"$tmp/forms.sorted")
[ "$nforms" -ge 20 ] && pass "forms: $nforms forms found on the pages" || fail "forms: found on the pages" "$nforms"
# ==== isolation: a focal point of MOJ against MLSA's follow-up ================================
echo "# ${SECONDS}s: isolation"
mlsa_action=$(q "SELECT id FROM plan_action WHERE description = 'MLSA-ACTION'")
mlsa_ind=$(q "SELECT id FROM indicator WHERE name = 'MLSA-INDICATOR'")
fb=$(fingerprint); before=$(audit_count)
iso() { # NAME EXPECTED_STATUSES URL [curl options]
  local name=$1 want=$2 url=$3; shift 3
  fetch "$url" -b "$tmp/fp.jar" "$@"
  [[ " $want " == *" $code "* ]] && pass "isolation: $name ($code)" || fail "isolation: $name" "status $code, expected $want"
  lacks "isolation: $name shows nothing of MLSA" SECRET-MLSA
}
iso "GET MLSA's draft evidence" "403 404" /evidence/1
iso "edit MLSA's draft report" "403 404" /progress/1 -d "csrf=${tok[fp]}&form=report-1&do=edit&status=implemented&narrative=hijacked"
iso "submit MLSA's draft report" "403 404" /progress/1 -d "csrf=${tok[fp]}&form=submit-1&do=submit"
iso "attach to MLSA's report" "403 404" /progress/1/evidence -F "csrf=${tok[fp]}" -F "form=evidence-1" -F "file=@$tmp/moj.pdf;type=application/pdf"
iso "review MLSA's report" "403 404" /progress/1/review -d "csrf=${tok[fp]}&form=review-1&do=validate"
iso "change MLSA's action" "403 404" "/recommendations/$B/actions" -d "csrf=${tok[fp]}&form=action-$mlsa_action&action=$mlsa_action&status=cancelled"
iso "change MLSA's action through MOJ's recommendation" "400 403 404" "/recommendations/$A/actions" -d "csrf=${tok[fp]}&form=action-$mlsa_action&action=$mlsa_action&status=cancelled"
iso "plan an action for MLSA" "403 404" "/recommendations/$B/actions" -d "csrf=${tok[fp]}&form=action&institution=MLSA&description=hijack&status=planned"
iso "record a value of MLSA's indicator" "403 404" "/recommendations/$B/indicators" -d "csrf=${tok[fp]}&form=value-$mlsa_ind&indicator=$mlsa_ind&date=2030-01-01&value=99"
iso "record a value of MLSA's indicator through MOJ's recommendation" "400 403 404" "/recommendations/$A/indicators" -d "csrf=${tok[fp]}&form=value-$mlsa_ind&indicator=$mlsa_ind&date=2030-01-01&value=99"
iso "define an indicator for MLSA" "403 404" "/recommendations/$B/indicators" -d "csrf=${tok[fp]}&form=indicator&institution=MLSA&name=hijack"
iso "draft a report for MLSA" "403 404" "/recommendations/$B/progress" -d "csrf=${tok[fp]}&form=draft&institution=MLSA&status=implemented&narrative=hijack"
iso "look at MLSA's work (its own is shown, or a refusal)" "200 403 404" "/my?institution=MLSA"
lacks "isolation: /my?institution=MLSA is not MLSA's" "Ministry of Labour"
iso "the reports" "403" "/reports/matrix?format=csv&institution=MLSA"
fetch "/recommendations/$B" -b "$tmp/fp.jar"
eq "isolation: MLSA's recommendation page opens" "$code" 200
lacks "isolation: without MLSA's draft narrative" "SECRET-MLSA narrative"
lacks "isolation: without MLSA's draft evidence" 'href="/evidence/1"'
fetch "/recommendations/$B"
lacks "isolation: the public sees no draft either" "SECRET-MLSA narrative"
eq "isolation: nothing written" "$(audit_count)" "$before"
eq "isolation: MLSA's report untouched" "$(q "SELECT workflow || ' ' || narrative FROM progress WHERE id = 1")" "draft SECRET-MLSA narrative"
eq "isolation: MLSA's action untouched" "$(q "SELECT status FROM plan_action WHERE id = $mlsa_action")" planned
eq "isolation: MLSA's indicator has no value" "$(q "SELECT count(*) FROM indicator_value WHERE indicator_id = $mlsa_ind")" 0
# every API route that takes an id, with another's ids, as fp: refused or only what fp may read
while read -r method pattern handler action; do
  [[ $pattern == /api/v1/*:* ]] || continue
  url=${URL[$pattern]}
  got=$(curl -s -o "$tmp/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${bearer[fp]}" -H "$JSON" -d '{}' "$base$url")
  case $action in ROUTE_ANYONE|CORE_READ_PUBLISHED|CORE_SEARCH|CORE_READ_TAXONOMY) want="200 404" ;; *) want="403 404" ;; esac
  [ "$method" == GET ] || want="400 403 404 405" # refused, whatever the reason; nothing written (below)
  [[ " $want " == *" $got "* ]] && pass "isolation: fp $method $pattern ($got)" || fail "isolation: fp $method $pattern" "status $got"
  lacks "isolation: fp $method $pattern shows nothing of MLSA" SECRET-MLSA
done <"$tmp/routes"
eq "isolation: the API wrote nothing" "$(audit_count)" "$before"

# ==== roles: viewers and contributors trying every write, the public every signed-in route ====
echo "# ${SECONDS}s: roles"
before=$(audit_count)
while IFS=$'\t' read -r who method action multipart fields; do
  [ "$method" == POST ] || continue
  data=$(tr '\t' '&' <<<"$fields" | sed 's/csrf=[^&]*//')
  for role in view nhri; do
    [ "$role" == nhri ] && [[ $action == */notes ]] && continue # contributors comment
    fetch "$action" -b "$tmp/$role.jar" -d "csrf=${tok[$role]}&$data"
    [[ $code == 403 || $code == 404 ]] && pass "roles: $role may not POST $action ($(cut -c1-40 <<<"$data")): $code" ||
      fail "roles: $role may not POST $action ($(cut -c1-60 <<<"$data"))" "status $code"
  done
done <"$tmp/forms.sorted"
eq "roles: viewers and contributors wrote nothing" "$(audit_count)" "$before"
# the public: each route that needs a login, GET -> 401; POST (with a valid double-submit token) -> 401 or 403
while read -r method pattern handler action; do
  case $action in ROUTE_ANYONE|CORE_READ_PUBLISHED|CORE_SEARCH|CORE_READ_TAXONOMY) continue ;; esac
  url=${URL[$pattern]}
  if [ "$method" == GET ]; then
    got=$(curl -s -o /dev/null -w '%{http_code}' "$base$url")
    eq "public: GET $pattern needs a login" "$got" 401
  else
    got=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -b "suivi_csrf=pubtoken" -H 'X-CSRF-Token: pubtoken' -d 'csrf=pubtoken&form=x' "$base$url")
    [[ $got == 401 || $got == 403 ]] && pass "public: $method $pattern refused ($got)" || fail "public: $method $pattern refused" "status $got"
  fi
done <"$tmp/routes"
for u in "/followup" "/my" "/outbox"; do
  got=$(curl -s -o /dev/null -w '%{http_code}' "$base$u"); eq "public: GET $u needs a login" "$got" 401
done
eq "public: nothing written" "$(audit_count)" "$before"

# ==== CSRF: every state-changing route, without a token and with another session's token =====
echo "# ${SECONDS}s: CSRF"
before=$(audit_count); fb=$(fingerprint)
while read -r method pattern handler action; do
  [ "$method" == GET ] && continue
  url=${URL[$pattern]}
  if [[ $pattern == /api/* ]]; then
    body='{"login":"csrf1","role":"viewer","password":"csrf-password-123","name":"x"}'
    eq "CSRF: $method $pattern with the cookie, no token: 403" \
      "$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -b "$tmp/adm.jar" -H "$JSON" -d "$body" "$base$url")" 403
    eq "CSRF: $method $pattern with another session's token: 403" \
      "$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -b "$tmp/adm.jar" -H "X-CSRF-Token: ${tok[fp]}" -H "$JSON" -d "$body" "$base$url")" 403
  else
    data="form=x&do=add&code=CSRF&name=x&body=csrf&kind=comment&title=x&due_date=2030-01-01&description=x&institution=MOJ&narrative=x&status=in_progress&login=csrf2&role=viewer&password=csrf-password-123&password2=csrf-password-123"
    eq "CSRF: $method $pattern without a token: 403" \
      "$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -b "$tmp/adm.jar" -d "$data" "$base$url")" 403
    eq "CSRF: $method $pattern with another session's token: 403" \
      "$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -b "$tmp/adm.jar" -d "csrf=${tok[fp]}&$data" "$base$url")" 403
  fi
done <"$tmp/routes"
eq "CSRF: the login form without its cookie: 403" "$(curl -s -o /dev/null -w '%{http_code}' -d "login=adm&password=$PW&csrf=abc" "$base/login")" 403
eq "CSRF: nothing was written (audit trail)" "$(audit_count)" "$before"
eq "CSRF: nothing was changed" "$(fingerprint)" "$fb"
eq "CSRF: the admin's session survived (DELETE /api/v1/session refused)" "$(curl -s -b "$tmp/adm.jar" "$base/api/v1/me" | jq -r .login)" adm

# ==== injection and reflected XSS: every parameter of every route ==============================
echo "# ${SECONDS}s: injection and reflected"
# Three payloads, each SQL (quotes, comments, UNION, a second statement, FTS5 syntax) and
# script (a tag, an attribute break-out, a javascript: URL) at once, to keep the run short.
PAYLOADS=("' OR '1'='1' -- <script>alert(7)</script>"
          "\") UNION SELECT sql FROM sqlite_master; DROP TABLE recommendation; -- \"><img src=x onerror=alert(7)>"
          "javascript:alert(7)//\" NEAR( women* ) OR \" %00 %ff")
ENC=()
for p in "${PAYLOADS[@]}"; do ENC+=("$(urlenc "$p")"); done
# Query parameters: the OpenAPI document's, the names the handlers read, the pages' GET forms
{
  jq -r '.. | objects | select(.in? == "query") | .name' "$tmp/openapi.json"
  grep -oh 'req_query(r, "[a-z_0-9]*")' src/web/*.c | sed 's/.*"\(.*\)")/\1/'
  echo lang; echo next; echo text_lang; echo edit; echo done
} | sort -u >"$tmp/qparams"
# handler_params HANDLER: the query names the handler's source file mentions, in $HP
declare -A hparams
handler_params() {
  local f
  if [ -z "${hparams[$1]+x}" ]; then
    f=$(grep -l "^int $1(struct req" src/web/*.c | head -1)
    hparams[$1]=$([ -n "$f" ] && grep -o '"[a-z_0-9]*"' "$f" | tr -d '"' | sort -u | comm -12 - "$tmp/qparams")
  fi
  HP=${hparams[$1]}
}
# The batch: one curl process for every request (keep-alive); each answer in $tmp/r/N, and
# $tmp/meta/N says what was sent.
mkdir -p "$tmp/r"
: >"$tmp/batch.cfg"; : >"$tmp/meta"
nreq=0
# add WHAT METHOD URL [DATA] [HEADER...]: one request more in the batch (values quoted for
# curl's config syntax: \ and " escaped); printf only, no subshell: thousands of calls
exec 3>>"$tmp/batch.cfg" 4>>"$tmp/meta"
add() {
  local what=$1 method=$2 url=$3 u=$base$3 data=${4:-} h
  shift 3; [ $# -gt 0 ] && shift
  nreq=$((nreq + 1))
  u=${u//\\/\\\\}; u=${u//\"/\\\"}
  printf 'url = "%s"\nrequest = %s\n' "$u" "$method" >&3
  if [ -n "$data" ]; then data=${data//\\/\\\\}; data=${data//\"/\\\"}; printf 'data-binary = "%s"\n' "$data" >&3; fi
  for h in "$@"; do h=${h//\\/\\\\}; h=${h//\"/\\\"}; printf 'header = "%s"\n' "$h" >&3; done
  printf 'output = "%s"\nwrite-out = "%%{http_code}|%%{content_type}|%%{filename_effective}|%%{time_total}|%%{errormsg}\\n"\nnext\n' "$tmp/r/$nreq" >&3
  printf '%s\t%s\n' "$nreq" "$what $url" >&4
}
cookie() { echo "Cookie: $(tr -d '\r' <"$tmp/$1.jar" | awk '$6 == "suivi_session" { print "suivi_session=" $7 }')"; }
declare -A CK ALLQ
for k in "${!ENC[@]}"; do ALLQ[$k]=$(sed "s/\$/=${ENC[$k]}/" "$tmp/qparams" | paste -sd '&'); done
for who in adm coord fp nhri; do CK[$who]=$(cookie "$who"); done
while read -r method pattern handler action; do
  case $pattern in /static/*|/api/v1/hello) continue ;; esac
  colons=${pattern//[^:]/}
  np=${#colons}
  for k in "${!ENC[@]}"; do
    e=${ENC[$k]}
    if [ "$method" == GET ]; then
      all=${ALLQ[$k]}
      add "all query parameters = payload $k, public" GET "${URL[$pattern]}?$all"
      add "all query parameters = payload $k, admin" GET "${URL[$pattern]}?$all" "" "${CK[adm]}"
      handler_params "$handler"
      [ "$k" == 1 ] && HP= # one at a time: the quote-and-tag and the FTS payloads suffice
      for prm in $HP; do
        add "query $prm = payload $k, admin" GET "${URL[$pattern]}?$prm=$e" "" "${CK[adm]}"
      done
    fi
    for i in $(seq 1 "$np"); do
      if [ "$method" == GET ]; then
        add "path parameter $i = payload $k" GET "$(sample "$pattern" "$i" "$e")" "" "${CK[adm]}"
      elif [ "$method" == POST ] && [[ $pattern != /api/* ]]; then
        add "path parameter $i = payload $k" POST "$(sample "$pattern" "$i" "$e")" "csrf=${tok[adm]}&form=x" "${CK[adm]}" "$FORM"
      fi
    done
  done
done <"$tmp/routes"
# JSON bodies: every field the API handlers read, each given each payload
for k in "${!PAYLOADS[@]}"; do
  v=$(jsonstr "${PAYLOADS[$k]}")
  add "session login = payload $k" POST /api/v1/session "{\"login\":$v,\"password\":\"x\"}" "$JSON"
  add "session password = payload $k" POST /api/v1/session "{\"login\":\"adm\",\"password\":$v}" "$JSON"
  for f in $(grep -oh 'json_in_[a-z_]*(body, "[a-z_]*")' src/web/api_accounts.c | sed 's/.*"\(.*\)")/\1/' | sort -u); do
    body="\"login\":\"api$k$f\",\"role\":\"viewer\",\"password\":\"$PW\",\"name\":\"n\""
    case $f in
      login) body="\"login\":$v,\"role\":\"viewer\",\"password\":\"$PW\"" ;;
      role) body="\"login\":\"api$k$f\",\"role\":$v,\"password\":\"$PW\"" ;;
      password) body="\"login\":\"api$k$f\",\"role\":\"viewer\",\"password\":$v" ;;
      name) body="\"login\":\"api$k$f\",\"role\":\"viewer\",\"password\":\"$PW\",\"name\":$v" ;;
      *) body="$body,\"$f\":$v" ;;
    esac
    body="{$body}"
    add "POST users $f = payload $k" POST /api/v1/users "$body" "Authorization: Bearer ${bearer[adm]}" "$JSON"
    [ "$f" == password ] || [ "$f" == login ] && continue
    add "PATCH users $f = payload $k" PATCH "/api/v1/users/$victim" "{\"$f\":$v}" "Authorization: Bearer ${bearer[adm]}" "$JSON"
  done
  # every other API write: a body with every field any API handler reads set to the payload
  every=$(grep -oh 'json_in_[a-z_]*(body, "[a-z_]*")' src/web/api_*.c | sed 's/.*"\(.*\)")/\1/' | sort -u |
          jq -R . | jq -sc --arg v "${PAYLOADS[$k]}" 'map({(.): $v}) | add')
  while read -r method pattern handler action; do
    [[ $pattern == /api/* ]] && [ "$method" != GET ] && [ "$method" != DELETE ] || continue
    add "$method $pattern every JSON field = payload $k" "$method" "${URL[$pattern]}" "$every" "Authorization: Bearer ${bearer[adm]}" "$JSON"
  done <"$tmp/routes"
  # cookies and headers
  add "cookie suivi_session = payload $k" GET /followup "" "Cookie: suivi_session=${PAYLOADS[$k]}"
  add "cookie lang = payload $k" GET / "" "Cookie: lang=${PAYLOADS[$k]}"
  add "cookie suivi_csrf = payload $k" POST /login "csrf=${ENC[$k]}&login=adm&password=x" "Cookie: suivi_csrf=${PAYLOADS[$k]}" "$FORM"
  add "bearer = payload $k" GET /api/v1/me "" "Authorization: Bearer ${PAYLOADS[$k]}"
  add "Accept-Language = payload $k" GET / "" "Accept-Language: ${PAYLOADS[$k]}"
  add "If-None-Match = payload $k" GET /api/v1/stats "" "If-None-Match: ${PAYLOADS[$k]}"
  add "X-CSRF-Token = payload $k" POST /api/v1/users "{}" "${CK[adm]}" "X-CSRF-Token: ${PAYLOADS[$k]}" "$JSON"
done

nfields=0
while IFS=$'\t' read -r who method action multipart fields; do
  IFS=$'\t' read -r -a fs <<<"$fields"
  for j in "${!fs[@]}"; do
    name=${fs[$j]%%=*}
    [ "$name" == csrf ] || [ "$name" == form ] && continue
    nfields=$((nfields + 1))
    for k in "${!ENC[@]}"; do
      data=
      for m in "${!fs[@]}"; do
        f=${fs[$m]}
        if [ "$m" == "$j" ]; then f="$name=${ENC[$k]}"
        elif [[ $f == login=* ]]; then f="login=fz$nreq"
        elif [[ $f == code=* ]]; then f="code=FZ$nreq"
        fi
        data=${data:+$data&}$f
      done
      if [ "$method" == GET ]; then
        add "$who form $action: $name = payload $k" GET "$action?$data" "" "${CK[$who]}"
      else
        add "$who form $action: $name = payload $k" POST "$action" "$data" "${CK[$who]}" "$FORM"
      fi
    done
  done
done <"$tmp/forms.sorted"
[ "$nfields" -ge 60 ] && pass "forms: $nfields fields to fill" || fail "forms: fields to fill" "$nfields"

before=$(fingerprint)
echo "# ${SECONDS}s: $nreq requests prepared"
exec 3>&- 4>&-
curl -s -K "$tmp/batch.cfg" >"$tmp/results" 2>"$tmp/curl.err"
# the answers: status, type, file, seconds; what N says what request N was
what() { awk -F'\t' -v n="$1" '$1 == n { print $2; exit }' "$tmp/meta"; }
echo "# ${SECONDS}s: sent"
sort -t'|' -k4 -rn "$tmp/results" | head -3 | while IFS='|' read -r st ty f secs msg; do echo "# slowest: ${secs}s $(what "${f##*/}")"; done
eq "injection: every request answered ($nreq)" "$(wc -l <"$tmp/results")" "$nreq"
bad=0
while IFS='|' read -r status type file secs msg; do
  n=${file##*/}
  if [ "$status" -ge 500 ] || [ "$status" == 000 ]; then
    bad=$((bad + 1)); [ $bad -le 15 ] && fail "injection: no server error" "$status for $(what "$n"): $msg $(head -c 160 "$file" 2>/dev/null)"
  fi
done <"$tmp/results"
[ $bad == 0 ] && pass "injection: no 5xx among $nreq hostile requests"
sqlerr=$(grep -lE 'SQLITE_|sqlite3|[Ss][Qq][Ll] logic error|syntax error near|no such (table|column|function)|unrecognized token|fts5: |malformed MATCH|database is locked' "$tmp"/r/* 2>/dev/null)
if [ -z "$sqlerr" ]; then pass "injection: no SQL error text in any answer"; else
  for f in $(head -5 <<<"$sqlerr"); do fail "injection: no SQL error text" "$(what "${f##*/}"): $(grep -oE '.{0,60}(SQLITE_|sqlite3|logic error|syntax error near|no such|unrecognized token|fts5|MATCH|locked).{0,60}' "$f" | head -1)"; done
fi
# reflected XSS: an HTML answer never carries a payload raw
raw_xss() { grep -lE '<script>alert\(7\)|<img src=x onerror=alert\(7\)>|(href|src|action|formaction)="javascript:' "$@" 2>/dev/null; }
html=$(awk -F'|' '$2 ~ /text\/html/ { print $3 }' "$tmp/results")
n_html=$(wc -l <<<"$html")
refl=$([ -n "$html" ] && raw_xss $html)
if [ -z "$refl" ]; then pass "reflected XSS: no payload raw in $n_html HTML answers"; else
  for f in $(head -5 <<<"$refl"); do fail "reflected XSS: payload raw" "$(what "${f##*/}")"; done
fi
after=$(fingerprint)
eq "injection: recommendations, accounts, schema and audit trail intact" "$after" "$before"
for k in "${!PAYLOADS[@]}"; do
  eq "injection: payload $k stored verbatim as text (a comment)" \
    "$(q "SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM note WHERE body = '$(sed "s/'/''/g" <<<"${PAYLOADS[$k]}")'")" 1
done
if [ -n "$pg" ]; then
  eq "injection: the tables are all there" "$(q "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('recommendation','account','audit','note')")" 4
  "$SUIVI" --db "$db" check >/dev/null 2>&1 && pass "injection: suivi check" || fail "injection: suivi check"
else
  eq "injection: the tables are all there" "$(q "SELECT count(*) FROM sqlite_master WHERE name IN ('recommendation','account','audit','note')")" 4
  eq "injection: PRAGMA integrity_check" "$(q 'PRAGMA integrity_check')" ok
fi

# ==== stored XSS: every page, every role, after the payloads went into every field ============
echo "# ${SECONDS}s: stored"
stored=0 seen_escaped=0 pages=0
for who in anon fp adm; do
  opts=(); [ "$who" != anon ] && opts=(-b "$tmp/$who.jar")
  while read -r method pattern handler action; do
    [ "$method" == GET ] || continue
    case $pattern in /static/*|/api/*|/evidence/*|/reports/*) continue ;; esac
    for url in "${URL[$pattern]}" "${URL[$pattern]}?lang=fr"; do
      curl -s "${opts[@]}" -o "$tmp/page" "$base$url"
      pages=$((pages + 1))
      if raw_xss "$tmp/page" >/dev/null; then
        stored=$((stored + 1)); [ $stored -le 10 ] && fail "stored XSS: $who $url" "$(grep -oE '.{0,60}(<script>alert\(7\)|<img src=x onerror|="javascript:).{0,40}' "$tmp/page" | head -1)"
      fi
      grep -qF '&lt;script&gt;alert(7)&lt;/script&gt;' "$tmp/page" && seen_escaped=$((seen_escaped + 1))
    done
  done <"$tmp/routes"
done
[ $stored == 0 ] && pass "stored XSS: no payload raw on $pages pages (public, focal point, admin; EN and FR)"
[ $seen_escaped -ge 5 ] && pass "stored XSS: the payloads are shown, escaped, on $seen_escaped pages" ||
  fail "stored XSS: the payloads are shown escaped" "on $seen_escaped pages only"
for u in "/recommendations/%3Cscript%3Ealert(7)%3C%2Fscript%3E" "/nope/%3Cscript%3Ealert(7)%3C%2Fscript%3E" \
         "/browse/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(7)%3E" "/search?q=%3Cscript%3Ealert(7)%3C%2Fscript%3E&lang=%3Cscript%3Ealert(7)%3C%2Fscript%3E" \
         "/login?next=javascript:alert(7)" "/?lang=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(7)%3E"; do
  curl -s -o "$tmp/page" "$base$u"
  raw_xss "$tmp/page" >/dev/null && fail "reflected XSS: $u" || pass "reflected XSS: $u escaped"
done
fetch /login -d "login=x&password=y&csrf=z&next=//evil.example/" -b "suivi_csrf=z"
lacks "login: next=//host is not kept" "evil.example"

# ==== bodies and uploads =======================================================================
echo "# ${SECONDS}s: bodies and uploads"
head -c 9000000 /dev/zero | tr '\0' a >"$tmp/big"
eq "body: over --max-body is 413" "$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/adm.jar" -H "X-CSRF-Token: ${tok[adm]}" -H "$JSON" --data-binary @"$tmp/big" "$base/api/v1/users")" 413
eq "body: chunked, over --max-body is 413" "$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/adm.jar" -H 'Transfer-Encoding: chunked' -d "csrf=${tok[adm]}" --data-binary @"$tmp/big" "$base/institutions")" 413
eq "body: a form over --max-body is 413" "$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/fp.jar" -F "csrf=${tok[fp]}" -F "form=evidence-3" -F "file=@$tmp/big;filename=big.txt;type=text/plain" "$base/progress/3/evidence")" 413
{ printf 'X-Long: '; head -c 300000 /dev/zero | tr '\0' a; } >"$tmp/header"
eq "body: a 300 kB header line is refused (4xx)" "$(curl -s -o /dev/null -w '%{http_code}' -H @"$tmp/header" "$base/" | cut -c1)" 4
# upload FILE_SPEC: evidence for progress 3 (MOJ's draft) as fp; status in $code
upload() { fetch /progress/3/evidence -b "$tmp/fp.jar" -F "csrf=${tok[fp]}" -F "form=evidence-3" -F "file=$1"; }
# A zip bomb: a 4 MB DOCX whose 4 parts inflate to 1 GiB each (raw deflate of zeros in 1 MiB
# pieces, each ending on a full flush, so the pieces can be repeated)
perl -MCompress::Raw::Zlib -e '
  my ($out) = @ARGV; my $chunk = "\0" x (1 << 20); my ($x, $t);
  my ($d) = Compress::Raw::Zlib::Deflate->new(-Level => 9, -WindowBits => -MAX_WBITS(), -AppendOutput => 0);
  $d->deflate($chunk, $x); $d->flush($t, Z_FULL_FLUSH); $x .= $t;
  my $data = ($x x 1024) . "\x03\x00"; my $c1 = crc32($chunk); my $crc = $c1;
  $crc = Compress::Raw::Zlib::crc32_combine($crc, $c1, 1 << 20) for 2 .. 1024;
  my $ct = q{<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>};
  my @e = (["[Content_Types].xml", 0, $ct, crc32($ct), length $ct]);
  push @e, ["word/part$_.xml", 8, $data, $crc, 1 << 30] for 1 .. 4;
  my ($body, $cd) = ("", "");
  for (@e) { my ($n, $m, $b, $c, $u) = @$_; my $off = length $body;
    $body .= pack("VvvvvvVVVvv", 0x04034b50, 20, 0, $m, 0, 0, $c, length $b, $u, length $n, 0) . $n . $b;
    $cd .= pack("VvvvvvvVVVvvvvvVV", 0x02014b50, 20, 20, 0, $m, 0, 0, $c, length $b, $u, length $n, 0, 0, 0, 0, 0, $off) . $n; }
  open my $fh, ">:raw", $out or die; print $fh $body, $cd, pack("VvvvvVVv", 0x06054b50, 0, 0, scalar @e, scalar @e, length $cd, length $body, 0);
' "$tmp/bomb.docx"
declared=$(unzip -l "$tmp/bomb.docx" 2>/dev/null | tail -1 | awk '{print $1}')
[ "${declared:-0}" -ge 4000000000 ] && pass "zip bomb: $(stat -c %s "$tmp/bomb.docx") bytes that unpack to $declared" ||
  fail "zip bomb: built" "$declared"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
rss0=$(rss)
t0=$(date +%s%N)
upload "@$tmp/bomb.docx;type=application/vnd.openxmlformats-officedocument.wordprocessingml.document"
t1=$(date +%s%N)
eq "zip bomb: accepted as the DOCX it claims to be (303), as bytes" "$code" 303
ms=$(((t1 - t0) / 1000000))
[ $ms -lt 10000 ] && pass "zip bomb: answered in $ms ms (nothing unpacks it)" || fail "zip bomb: answered fast" "$ms ms"
grow=$(($(rss) - rss0))
[ $grow -lt 102400 ] && pass "zip bomb: the server grew by $grow KiB (< 100 MiB)" || fail "zip bomb: bounded memory" "$grow KiB"
eq "zip bomb: stored at its own size" "$(q "SELECT size FROM evidence ORDER BY id DESC LIMIT 1")" "$(stat -c %s "$tmp/bomb.docx")"
# hostile file names: refused, or stored as a plain name
marker=$tmp/marker; touch "$marker"; sleep 1
for name in "../../etc/passwd.pdf" "..\\..\\x.pdf" "/etc/passwd.pdf" "C:\\Windows\\x.pdf" "..%2F..%2Fx.pdf" \
            "$(head -c 300 /dev/zero | tr '\0' a).pdf" "a$(printf '\x01')b.pdf" "x.pdf$(printf '\x7f')" \
            "CON.pdf" "....//....//z.pdf"; do
  upload "@$tmp/moj.pdf;filename=$name;type=application/pdf"
  case $code in
    303) pass "upload name $(head -c 40 <<<"$name" | tr -c '[:print:]' '?'): stored (303)" ;;
    400) pass "upload name $(head -c 40 <<<"$name" | tr -c '[:print:]' '?'): refused (400)" ;;
    *) fail "upload name $(head -c 40 <<<"$name" | tr -c '[:print:]' '?')" "status $code" ;;
  esac
done
# NUL and CR/LF inside the name, in a multipart body written by hand
for raw in 'a.pdf\x00.exe' '..\x00/../../etc/passwd' 'x\r\nX-Injected: 1.pdf' 'x.pdf\"; filename=\"../y.pdf'; do
  { printf -- '--BOUNDARY\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "${tok[fp]}"
    printf -- '--BOUNDARY\r\nContent-Disposition: form-data; name="form"\r\n\r\nevidence-3\r\n'
    printf -- "--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"$raw\"\r\nContent-Type: application/pdf\r\n\r\n"
    cat "$tmp/moj.pdf"; printf -- '\r\n--BOUNDARY--\r\n'; } >"$tmp/multipart"
  fetch /progress/3/evidence -b "$tmp/fp.jar" -H 'Content-Type: multipart/form-data; boundary=BOUNDARY' --data-binary @"$tmp/multipart"
  [[ $code == 303 || $code == 400 ]] && pass "upload name with NUL/CR/LF ($raw): $code" || fail "upload name with NUL/CR/LF ($raw)" "status $code"
done
eq "upload names: every stored name is plain (no / \\ or control character)" \
  "$(if [ -n "$pg" ]; then q "SELECT count(*) FROM evidence WHERE file_name ~ '[/\\\\]' OR file_name ~ '[$(printf '\x01-\x1f\x7f')]' OR file_name IN ('.', '..') OR length(file_name) > 255"
     else q "SELECT count(*) FROM evidence WHERE file_name GLOB '*[/\\]*' OR file_name GLOB '*[$(printf '\x01-\x1f\x7f')]*' OR file_name IN ('.', '..') OR length(file_name) > 255"; fi)" 0
eq "upload names: nothing written outside the database" \
  "$(find "$tmp" -newer "$marker" -type f | grep -vE "^$tmp/(sec\.db|sec\.db-wal|sec\.db-shm|body|head|page|multipart)$";
     ls -d /etc/passwd.pdf "$PWD/../../etc/passwd.pdf" "$PWD/x.pdf" "$PWD/../x.pdf" "$PWD/../y.pdf" "$PWD/z.pdf" "$tmp/../y.pdf" 2>/dev/null)" ""
for id in $(q "SELECT id FROM evidence WHERE progress_id = 3 ORDER BY id DESC LIMIT 6"); do
  fetch "/evidence/$id" -b "$tmp/fp.jar"
  cd=$(tr -d '\r' <"$tmp/head" | grep -i '^Content-Disposition:')
  if [ "$code" == 200 ] && [[ $cd == *"filename*=UTF-8''"* ]] && ! grep -qiE '^X-Injected' "$tmp/head" && [[ ${cd#*UTF-8\'\'} != *[\ \"\;/\\]* ]]; then
    pass "download $id: the name percent-encoded, no header injected"
  else
    fail "download $id: the name percent-encoded" "$code $cd"
  fi
done

stop
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/serve.out"; then
  fail "serve: no sanitizer report" "$(grep -m1 -A8 'ERROR: AddressSanitizer\|runtime error:' "$tmp/serve.out")"
else
  pass "serve: stopped cleanly, no sanitizer report"
fi
echo "# $nreq hostile requests, $nforms forms, $nfields form fields, $pages pages checked for XSS"
