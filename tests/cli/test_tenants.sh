#!/usr/bin/env bash
# Several States in one PostgreSQL database (docs/operations.md "Several States on one
# PostgreSQL"): two tenants made with `suivi tenant create`, each with its own schema and role,
# its own data and a server of its own. Checks that the database refuses each role the other's
# schema, and, on every route of src/web/router.c (GET and POST, with the other State's bearer
# token and cookie and as each State's own admin), that no answer of one State's server carries
# the other's data and that nothing is written across. What one State publishes reaches another
# only through an exchange bundle it exports (its private records stay home).
# Runs in the PostgreSQL pass of tests/run only (SQLite: one file per State, nothing shared).
# Prints PASS/FAIL lines; tests/run counts them.
set -u
[ -n "${SUIVI_TEST_PG:-}" ] || exit 0
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
PW=tenant-test-password-1
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
case $SUIVI_TEST_PG in *\?*) sep='&' ;; *) sep='?' ;; esac
admin=$SUIVI_TEST_PG
n=$$_$RANDOM
ta=ta_$n tb=tb_$n
ua="${admin}${sep}user=suivi_$ta&password=pw-a-$n&schema=$ta" ub="${admin}${sep}user=suivi_$tb&password=pw-b-$n&schema=$tb"

# --- the tenants and their data
SUIVI_PASSWORD=pw-a-$n "$SUIVI" --db "$admin" tenant create "$ta" >"$tmp/ca" 2>&1 &&
  SUIVI_PASSWORD=pw-b-$n "$SUIVI" --db "$admin" tenant create "$tb" >"$tmp/cb" 2>&1 &&
  pass "tenant create: two States" || { fail "tenant create" "$(cat "$tmp/ca" "$tmp/cb")"; exit 0; }
"$SUIVI" --db "$admin" tenant list >"$tmp/list" 2>&1
grep -q "^$ta	suivi_$ta	schema" "$tmp/list" && grep -q "^$tb	suivi_$tb	schema" "$tmp/list" &&
  pass "tenant list: both, each with its role" || fail "tenant list" "$(cat "$tmp/list")"
if SUIVI_PASSWORD=x "$SUIVI" --db "$admin" tenant create "$ta" >/dev/null 2>"$tmp/err"; then
  fail "tenant create: an existing tenant is refused"
else grep -q "exists already" "$tmp/err" && pass "tenant create: an existing tenant is refused" ||
  fail "tenant create: an existing tenant is refused" "$(cat "$tmp/err")"; fi
"$SUIVI" --db "$admin" tenant create "Bad-Name" >/dev/null 2>&1 &&
  fail "tenant create: a bad name is refused" || pass "tenant create: a bad name is refused"

setup() { # URL MARK
  local db=$1 m=$2
  "$SUIVI" --db "$db" init >/dev/null 2>&1 &&
    "$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1 &&
    "$SUIVI" --db "$db" institution add "INST$m" "SECRET-$m institution" >/dev/null &&
    SUIVI_PASSWORD=$PW "$SUIVI" --db "$db" user add "boss" --role admin >/dev/null &&
    SUIVI_PASSWORD=$PW "$SUIVI" --db "$db" user add "user$m" --role coordinator >/dev/null &&
    "$SUIVI" --db "$db" assign SVN-UPR34-121.1 "INST$m" --lead >/dev/null &&
    "$SUIVI" --db "$db" note add SVN-UPR34-121.1 "SECRET-$m note" >/dev/null &&
    "$SUIVI" --db "$db" action add SVN-UPR34-121.1 --institution "INST$m" \
      --description "SECRET-$m action" --due 2030-01-01 --as boss >/dev/null
}
setup "$ua" A && pass "State A: data written as its own role" || { fail "State A: setup"; exit 0; }
setup "$ub" B && pass "State B: data written as its own role" || { fail "State B: setup"; exit 0; }

# --- the database keeps them apart, whatever suivi does
if psql "${admin}${sep}user=suivi_$ta" -X -q -At -c "SELECT count(*) FROM $tb.recommendation" >"$tmp/x" 2>&1; then
  fail "database: role A cannot read B's schema" "$(cat "$tmp/x")"
else grep -q "permission denied" "$tmp/x" && pass "database: role A cannot read B's schema" ||
  fail "database: role A cannot read B's schema" "$(cat "$tmp/x")"; fi
if psql "${admin}${sep}user=suivi_$tb" -X -q -At -c "INSERT INTO $ta.note(rec_id) VALUES ('x')" >"$tmp/x" 2>&1; then
  fail "database: role B cannot write A's schema"
else pass "database: role B cannot write A's schema"; fi
"$SUIVI" --db "${admin}${sep}user=suivi_$ta&schema=$tb" stats >"$tmp/x" 2>&1 &&
  fail "suivi: role A refused on B's schema" "$(cat "$tmp/x")" || pass "suivi: role A refused on B's schema"

# --- one server per State
start() { # URL NAME -> port in $tmp/NAME.port
  "$SUIVI" --db "$1" serve --listen 127.0.0.1:0 >"$tmp/$2.out" 2>"$tmp/$2.err" &
  pids+=($!)
  for _ in $(seq 100); do grep -q serving "$tmp/$2.out" && break; sleep 0.1; done
  grep -o 'http://127.0.0.1:[0-9]*' "$tmp/$2.out" | sed 's/.*://' >"$tmp/$2.port"
}
start "$ua" a; start "$ub" b
PA=$(cat "$tmp/a.port") PB=$(cat "$tmp/b.port")
[ -n "$PA" ] && [ -n "$PB" ] && pass "servers: one per State ($PA, $PB)" ||
  { fail "servers start" "$(cat "$tmp/a.err" "$tmp/b.err")"; exit 0; }
grep -q "password=\*\*\*" "$tmp/a.out" && ! grep -q "pw-a-$n" "$tmp/a.out" "$tmp/a.err" &&
  pass "servers: the database password is masked where the server names its database" ||
  fail "servers: the database password is masked" "$(cat "$tmp/a.out")"
"$SUIVI" --db "$ua" init >"$tmp/x" 2>&1
grep -q "pw-a-$n" "$tmp/x" && fail "init: the database password is masked" "$(cat "$tmp/x")" ||
  pass "init: the database password is masked"
login() { curl -s -X POST "http://127.0.0.1:$1/api/v1/session" -d "{\"login\":\"boss\",\"password\":\"$PW\"}" | jq -r .token; }
TA=$(login "$PA") TB=$(login "$PB")
[ -n "$TA" ] && [ "$TA" != null ] && [ -n "$TB" ] && [ "$TB" != null ] &&
  pass "login: each State's admin on its own server" || { fail "login" "$TA $TB"; exit 0; }
eq "login: A's admin is unknown to B's server" \
  "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PB/api/v1/session" -d '{"login":"userA","password":"'$PW'"}')" 401
eq "session: A's token is not a session on B's server" \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TA" "http://127.0.0.1:$PB/api/v1/users")" 401
# a marker is seen where it belongs (so that not seeing it elsewhere means something)
curl -s -H "Authorization: Bearer $TA" "http://127.0.0.1:$PA/recommendations/SVN-UPR34-121.1" >"$tmp/own"
curl -s -H "Authorization: Bearer $TA" "http://127.0.0.1:$PA/institutions" >>"$tmp/own"
grep -q "SECRET-A" "$tmp/own" && pass "markers: A's admin sees A's data" || fail "markers: A's admin sees A's data" "$(head -c 300 "$tmp/own")"

# --- every route: A's credentials on B's server, and each admin on its own server
sed -n 's/^ *{"\([A-Z]*\)", "\([^"]*\)", \([a-z_0-9]*\), \([A-Z_]*\).*/\1 \2/p' src/web/router.c >"$tmp/routes"
[ "$(wc -l <"$tmp/routes")" -gt 40 ] && pass "routes: $(wc -l <"$tmp/routes") read from src/web/router.c" ||
  fail "routes: read from src/web/router.c"
url_of() { # pattern -> path with sample ids
  local out= seg prev=
  IFS=/ read -r -a segs <<<"${1#/}"
  for seg in "${segs[@]}"; do
    if [ "${seg:0:1}" == : ]; then
      case $prev in recommendations) seg=SVN-UPR34-121.1 ;; taxonomies) seg=sdg ;; browse) seg=country ;;
        country) seg=SVN ;; history) seg=recommendation ;; *) seg=1 ;; esac
    fi
    out=$out/$seg; prev=$seg
  done
  echo "${out:-/}"
}
audit_b() { tests/cli/dbsql "$ub" "SELECT count(*) FROM audit"; }
before=$(audit_b)
leaks=0 cross=0 writes=0 n=0
mkdir -p "$tmp/r"
while read -r method pattern; do
  path=$(url_of "$pattern"); n=$((n + 1))
  # A's bearer token and A's cookie on B's server: never more than the public gets
  for how in bearer cookie; do
    if [ $how == bearer ]; then cred=(-H "Authorization: Bearer $TA"); else cred=(-b "suivi_session=$TA"); fi
    code=$(curl -s -o "$tmp/r/$n" -w '%{http_code}' -X "$method" "${cred[@]}" -H 'Content-Type: application/json' \
      --data-binary '{}' "http://127.0.0.1:$PB$path")
    if [ "$method" != GET ] && [ "$code" -lt 400 ] && [ "$pattern" != /api/v1/session ] && [ "$pattern" != /login ] && [ "$pattern" != /logout ]; then
      cross=$((cross + 1)); fail "route $method $pattern on B with A's $how" "$code"
    fi
    grep -q "SECRET-A" "$tmp/r/$n" && { leaks=$((leaks + 1)); fail "route $method $pattern: A's data on B's server"; }
  done
  # each admin on its own server: never the other State's markers
  if [ "$method" == GET ]; then
    curl -s -o "$tmp/r/a$n" -H "Authorization: Bearer $TA" "http://127.0.0.1:$PA$path"
    curl -s -o "$tmp/r/b$n" -H "Authorization: Bearer $TB" "http://127.0.0.1:$PB$path"
    grep -q "SECRET-B" "$tmp/r/a$n" && { leaks=$((leaks + 1)); fail "route GET $pattern: B's data on A's server"; }
    grep -q "SECRET-A" "$tmp/r/b$n" && { leaks=$((leaks + 1)); fail "route GET $pattern: A's data on B's server"; }
  fi
done <"$tmp/routes"
eq "routes: $n routes x (A's token, A's cookie) on B's server: no write accepted" "$cross" 0
eq "routes: no answer of one State's server carries the other's data" "$leaks" 0
after=$(audit_b)
eq "routes: B's audit trail has no event from A's credentials" "$after" "$before"
eq "data: B's notes are B's only" "$(tests/cli/dbsql "$ub" "SELECT string_agg(body, ',') FROM note")" "SECRET-B note"

# --- sharing is explicit: a bundle of what A publishes
"$SUIVI" --db "$ua" export --bundle "$tmp/a.json" >/dev/null 2>&1 && pass "share: A exports its published records" ||
  fail "share: A exports its published records"
grep -q "SECRET-A note" "$tmp/a.json" && fail "share: A's unpublished note stays home" || pass "share: A's unpublished note stays home"
