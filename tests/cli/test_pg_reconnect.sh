#!/usr/bin/env bash
# A server on PostgreSQL keeps serving when PostgreSQL restarts (an operator's restart, a
# failover behind the same address): each connection is made again before its next statement
# (src/store/postgres.c, reconnect_if_lost). Before that, every request failed with 500 until
# suivi itself was restarted. Runs in the PostgreSQL pass of tests/run, whose throwaway server
# (tests/pg-server) it restarts. Prints PASS/FAIL lines; tests/run counts them.
set -u
[ -n "${SUIVI_TEST_PG:-}" ] || exit 0
pgdir=$(sed -n 's/.*[?&]host=\([^&]*\).*/\1/p' <<<"$SUIVI_TEST_PG")
[ -d "$pgdir/data" ] || exit 0 # not a tests/pg-server server: not ours to restart
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
db=$(tests/cli/dburl "$tmp/reconnect.db")
"$SUIVI" --db "$db" init >/dev/null && "$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1 ||
  { fail "setup"; exit 0; }
"$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --threads 2 --access-log /dev/null >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q serving "$tmp/serve.out" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.out" | sed 's/.*://')
[ -n "$port" ] || { fail "server starts" "$(cat "$tmp/serve.out")"; exit 0; }
get() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1"; }
codes=; for i in 1 2 3; do codes="$codes$(get "/api/v1/search?q=torture$i") "; done
[ "$codes" == "200 200 200 " ] && pass "before the restart: 200s" || fail "before the restart" "$codes"
tests/pg-server restart "$pgdir" && pass "PostgreSQL restarted" || fail "PostgreSQL restarted"
codes=; for i in $(seq 12); do codes="$codes$(get "/api/v1/search?q=women$i") "; done
# the statement that finds the connection gone may fail (its work is not replayed): at most one
# request per thread; every request after those is answered
last=$(awk '{ for (i = 5; i <= NF; i++) printf "%s ", $i }' <<<"$codes")
[ "$last" == "200 200 200 200 200 200 200 200 " ] && pass "after the restart: the server answers again ($codes)" ||
  fail "after the restart: the server answers again" "$codes"
code=$(get "/recommendations/SVN-UPR34-121.1")
[ "$code" == 200 ] && pass "after the restart: pages too" || fail "after the restart: pages too" "$code"
kill "$pid"; wait "$pid" 2>/dev/null; pid=
