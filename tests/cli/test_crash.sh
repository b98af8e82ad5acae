#!/usr/bin/env bash
# Crash safety: `suivi serve` killed with SIGKILL while people write through it, and
# `suivi import upr-info` killed with SIGKILL in the middle of a file. A write the server
# acknowledged (its 2xx/3xx answer reached the client) must be in the database after the
# crash, with its audit event (same transaction); the database must pass `PRAGMA
# integrity_check` (the sqlite3 tool) and suivi's own check (store_check, through `suivi check`
# when the program has that command); a killed import leaves nothing or everything of its file,
# and running it again completes (in the PostgreSQL pass: `suivi check` instead of the PRAGMA). Process kill only: what a power loss can lose with
# synchronous=NORMAL in WAL mode is explained in docs/security.md (it cannot be tested here).
# Prints PASS/FAIL lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
ROUNDS=${CRASH_ROUNDS:-4}
tmp=$(mktemp -d)
db=$(tests/cli/dburl "$tmp/crash.db")
pg=; case $db in postgresql://*) pg=1 ;; esac
pid=
wpids=()
stop_writers() { for w in "${wpids[@]+"${wpids[@]}"}"; do kill "$w" 2>/dev/null; wait "$w" 2>/dev/null; done; wpids=(); }
cleanup() { stop_writers; [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
PW=crash-test-password-1
A=SVN-UPR34-121.1

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
s() { "$SUIVI" --db "$db" "$@"; }
q() { tests/cli/dbsql "$db" "$1" 2>&1; }
rnd() { awk -v lo="$1" -v hi="$2" -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.2f", lo + rand() * (hi - lo) }'; }

command -v sqlite3 >/dev/null || { fail "the sqlite3 tool is installed (scripts/install-deps)"; exit 0; }
has_check=0
"$SUIVI" --help 2>&1 | grep -qE '^ +check( |$)' && has_check=1

# integrity WHAT: PRAGMA integrity_check with the sqlite3 tool (it also replays the WAL left by
# the killed process), then suivi's own check when it has one.
integrity() {
  [ -z "$pg" ] && eq "$1: PRAGMA integrity_check" "$(q 'PRAGMA integrity_check')" ok
  if [ $has_check = 1 ]; then
    if out=$(s check 2>&1); then pass "$1: suivi check"; else fail "$1: suivi check" "$out"; fi
  fi
}

# --- a database with the demo data, an institution and the people who write
s init >/dev/null && s import thematic-list data/demo/*.md >/dev/null 2>&1 &&
  s institution add MOJ "Ministry of Justice" >/dev/null && s assign $A MOJ --lead >/dev/null
eq "setup: demo data" "$(q 'SELECT count(*) FROM recommendation')" 378
for u in "nhri contributor" "fp focal_point MOJ" "adm admin"; do
  set -- $u
  SUIVI_PASSWORD=$PW s user add "$1" --role "$2" ${3:+--institution $3} >/dev/null ||
    fail "setup: user $1"
done
adm_id=$(q "SELECT id FROM account WHERE login = 'adm'")

start_server() {
  : >"$tmp/serve.out"
  "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --access-log /dev/null >"$tmp/serve.out" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" && break; sleep 0.1; done
  port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
  base=http://127.0.0.1:$port
  [ -n "$port" ]
}

# Sessions live in the database: the cookies and the token of the first server stay good after
# every restart, as a browser's would.
declare -A csrf
start_server || { fail "serve: starts" "$(head -c 300 "$tmp/serve.out")"; exit 0; }
for u in nhri fp; do
  jar=$tmp/$u.jar
  t=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "login=$u&password=$PW&csrf=$t" "$base/login"
  csrf[$u]=$(curl -s -b "$jar" "$base/followup" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  [ -n "${csrf[$u]}" ] && pass "login: $u (cookie and CSRF token)" || fail "login: $u"
done
bearer=$(curl -s -X POST "$base/api/v1/session" -d "{\"login\":\"adm\",\"password\":\"$PW\"}" | jq -r .token)
[ -n "$bearer" ] && [ "$bearer" != null ] && pass "login: adm (API token)" || fail "login: adm (API token)"

# writer KIND ROUND: writes until the server is gone; each acknowledged write's tag is appended
# to $tmp/acked.KIND, the tag of the write in flight to $tmp/sent.KIND.
writer() {
  local kind=$1 round=$2 n=0 code tag
  while :; do
    n=$((n + 1))
    tag="crash-r$round-$kind-$n"
    echo "$tag" >>"$tmp/sent.$kind"
    case $kind in
      note) code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -b "$tmp/nhri.jar" \
              --data-urlencode "csrf=${csrf[nhri]}" -d "form=comment&kind=comment" \
              --data-urlencode "body=$tag" "$base/recommendations/$A/notes") ;;
      action) code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -b "$tmp/fp.jar" \
                --data-urlencode "csrf=${csrf[fp]}" -d "form=action&institution=MOJ&status=planned" \
                --data-urlencode "description=$tag" "$base/recommendations/$A/actions") ;;
      name) code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -X PATCH \
              -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json' \
              -d "{\"name\":\"$tag\"}" "$base/api/v1/users/$adm_id") ;;
    esac
    case $code in
      303 | 200) echo "$tag" >>"$tmp/acked.$kind" ;;
      000) return 0 ;; # the server is gone
      *) echo "$tag answered $code" >>"$tmp/refused" ;;
    esac
  done
}

# missing KIND SQL: the acknowledged tags of KIND that SQL (one column) does not list
missing() {
  [ -s "$tmp/acked.$1" ] || return 0
  q "$2" | sort >"$tmp/have.$1"
  sort "$tmp/acked.$1" | comm -23 - "$tmp/have.$1"
}

# --- the server killed at a random moment during the writes, ROUNDS times
total=0
for round in $(seq 1 "$ROUNDS"); do
  if [ "$round" -gt 1 ]; then
    start_server || { fail "round $round: the server starts again after SIGKILL" "$(head -c 300 "$tmp/serve.out")"; break; }
    pass "round $round: the server starts again after SIGKILL"
  fi
  rm -f "$tmp"/acked.* "$tmp"/sent.* "$tmp/refused"
  for kind in note action name; do writer $kind "$round" & wpids+=($!); done
  sleep "$(rnd 0.6 1.8)"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  pid=
  for w in "${wpids[@]}"; do wait "$w"; done
  wpids=()
  acked=$(cat "$tmp"/acked.* 2>/dev/null | wc -l)
  total=$((total + acked))
  if [ "$acked" -gt 0 ]; then pass "round $round: $acked writes acknowledged before SIGKILL"; else fail "round $round: writes acknowledged before SIGKILL" "none"; fi
  [ -s "$tmp/refused" ] && fail "round $round: no write refused" "$(head -3 "$tmp/refused")"
  integrity "round $round"
  eq "round $round: every acknowledged comment is there" \
    "$(missing note "SELECT body FROM note WHERE body LIKE 'crash-r$round-%'" | head -3)" ""
  eq "round $round: every acknowledged action is there" \
    "$(missing action "SELECT description FROM plan_action WHERE description LIKE 'crash-r$round-%'" | head -3)" ""
  # the name writer waits for each answer: the name is the last acknowledged one, or the one in
  # flight when the server died (written but not acknowledged)
  name=$(q "SELECT name FROM account WHERE id = $adm_id")
  last_acked=$(tail -1 "$tmp/acked.name" 2>/dev/null)
  in_flight=$(tail -1 "$tmp/sent.name" 2>/dev/null)
  if [ "$name" == "$last_acked" ] || [ "$name" == "$in_flight" ]; then
    pass "round $round: the account has its last acknowledged name ($name)"
  else
    fail "round $round: the account has its last acknowledged name" "got '$name', acked '$last_acked', in flight '$in_flight'"
  fi
  eq "round $round: each comment has its audit event (one transaction)" \
    "$(q "SELECT count(*) FROM note n WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'note' AND a.entity_id = CAST(n.id AS TEXT))")" 0
  eq "round $round: each action has its audit event (one transaction)" \
    "$(q "SELECT count(*) FROM plan_action p WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'action' AND a.entity_id = CAST(p.id AS TEXT))")" 0
done

# --- after the last crash: the server serves what was acknowledged
if start_server; then
  last=$(q "SELECT body FROM note ORDER BY id DESC LIMIT 1")
  page=$(curl -s "$base/recommendations/$A")
  grep -qF -- "$last" <<<"$page" && pass "after $ROUNDS crashes: the last comment is on the page" ||
    fail "after $ROUNDS crashes: the last comment is on the page" "$last"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/nhri.jar" --data-urlencode "csrf=${csrf[nhri]}" \
    -d "form=comment&kind=comment&body=after-the-crashes" "$base/recommendations/$A/notes")
  eq "after $ROUNDS crashes: writes work (303)" "$code" 303
  kill -TERM "$pid"; wait "$pid" 2>/dev/null; pid=
  grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/serve.out" &&
    fail "serve: no sanitizer report" "$(grep -m1 -A5 'ERROR\|runtime error' "$tmp/serve.out")"
else
  fail "after $ROUNDS crashes: the server starts" "$(head -c 300 "$tmp/serve.out")"
fi
integrity "after the crashes"

# --- `suivi import upr-info` killed in the middle: nothing or all of the file
CSV=${SUIVI_SHARED_DATA:-../shared/data}/upr-info/upr_info_sessions_1-17_utf8.csv
NGEN=20000
[ -n "$pg" ] && NGEN=4000 # PostgreSQL imports row by row over the socket: a smaller file
if [ ! -f "$CSV" ] || [ -n "$pg" ]; then # a large generated file: 20,000 rows, 4 MB
  CSV=$tmp/big.csv
  {
    echo 'id,state_under_review,sur_regional_group,sur_organizations,recommendation,recommending_state,rs_regional_group,rs_organizations,response,action_category,issues,session,source_file'
    awk 'BEGIN { split("Slovenia Chile France Kenya Peru Nepal Ghana Fiji", st, " ")
      for (i = 1; i <= '"$NGEN"'; i++)
        printf "%d,%s,WEOG,,\"Recommendation %d: strengthen the protection of women and children against violence, torture and discrimination, and report on measures taken in session %d.\",%s,GRULAC,,Accepted,4,Women'"'"'s rights,%d,gen.csv\n",
          i, st[i % 8 + 1], i, i % 17 + 1, st[(i + 3) % 8 + 1], i % 17 + 1 }'
  } >"$CSV"
fi
before=$(q 'SELECT count(*) FROM recommendation')
if [ -n "$pg" ]; then # the reference: the same recommendations (the setup's), then the file
  ref=$(tests/cli/dburl "$tmp/ref.db")
  "$SUIVI" --db "$ref" init >/dev/null && "$SUIVI" --db "$ref" import thematic-list data/demo/*.md >/dev/null 2>&1
else
  ref=$tmp/ref.db
  sqlite3 "$db" ".backup $ref"
fi
t0=$(date +%s%N)
"$SUIVI" --db "$ref" import upr-info "$CSV" >/dev/null 2>&1
t1=$(date +%s%N)
full=$(tests/cli/dbsql "$ref" 'SELECT count(*) FROM recommendation')
ms=$(((t1 - t0) / 1000000))
[ "$full" -gt "$before" ] && pass "import: the whole file once, for reference ($((full - before)) rows in $ms ms)" ||
  fail "import: the whole file once, for reference" "$full rows"
rm -f "$tmp"/ref.db*
kills=0
for round in 1 2 3; do
  "$SUIVI" --db "$db" import upr-info "$CSV" >/dev/null 2>&1 &
  ipid=$!
  sleep "$(awk -v ms="$ms" -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.3f", ms * (0.1 + 0.8 * rand()) / 1000 }')"
  if kill -9 "$ipid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$ipid" 2>/dev/null
  n=$(q 'SELECT count(*) FROM recommendation')
  if [ "$n" == "$before" ] || [ "$n" == "$full" ]; then
    pass "import round $round: killed, the database holds nothing or all of the file ($n)"
  else
    fail "import round $round: nothing or all of the file" "$n recommendations, expected $before or $full"
  fi
  integrity "import round $round"
  [ "$n" == "$full" ] && break # committed before the kill: nothing left to interrupt
done
[ "$kills" -gt 0 ] && pass "import: killed $kills times while running" || fail "import: killed while running" "it always finished first"
if out=$("$SUIVI" --db "$db" import upr-info "$CSV" 2>&1); then pass "import: a re-run completes"; else fail "import: a re-run completes" "$out"; fi
eq "import: all of the file after the re-run" "$(q 'SELECT count(*) FROM recommendation')" "$full"
eq "import: the writes of the web are still there" "$(q "SELECT count(*) FROM note WHERE body = 'after-the-crashes'")" 1
integrity "import re-run"
echo "# $total acknowledged writes checked over $ROUNDS crashes"
