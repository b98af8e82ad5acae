#!/usr/bin/env bash
# postgresql: not run (SQLite files: online backup API, restore; PostgreSQL: test_pg_backup.sh)
# suivi backup, restore and check as an operator uses them (src/cli/backup.c,
# src/store/sqlite_backup.c): a backup taken while the server serves pages and logins and another
# process keeps writing opens, passes the checks and holds every write acknowledged before it
# began; --force and the refusals that protect an existing file; restore refused while the server
# runs, then a round trip that keeps the replaced database and is audited; damaged backups
# (truncated, page headers overwritten, not a database, newer schema) refused with the database
# left byte for byte as it was. Prints PASS/FAIL lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
SHARED=${SUIVI_SHARED_DATA:-../shared/data}
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
db=$tmp/live.db
PW=correct-horse-battery-staple

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
institutions() { "$SUIVI" --db "$1" institution list 2>/dev/null | awk '{print $1}' | sort; }
scratch_files() { find "$tmp" -name '*.tmp-*' -o -name '*.restore-*' | wc -l; }

"$SUIVI" --db "$db" init >/dev/null
"$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1
# A larger database when the shared data is there: the copy then takes long enough for the
# writers below to commit while it runs.
[ -r "$SHARED/upr-info/1-5.csv" ] && "$SUIVI" --db "$db" import upr-info "$SHARED/upr-info/1-5.csv" >/dev/null 2>&1
SUIVI_PASSWORD=$PW "$SUIVI" --db "$db" user add api.user --role viewer >/dev/null

# --- the server, a reader of its pages and API logins, and a writer in another process
SUIVI_ADMIN_PASSWORD=$PW "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!; pids+=("$server")
for _ in $(seq 300); do grep -q serving "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
B=$(grep -o 'http://[0-9.:]*' "$tmp/serve.out")
check "server started" test -n "$B"

: >"$tmp/acked"
( i=0; while :; do i=$((i + 1))
    "$SUIVI" --db "$db" institution add "W$i" "Writer $i" >/dev/null 2>&1 && echo "W$i" >>"$tmp/acked"
  done ) &
pids+=($!)
: >"$tmp/http"; : >"$tmp/http-login"
( while :; do
    curl -s -o /dev/null -w '%{http_code}\n' "$B/search?q=women" >>"$tmp/http"
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "$B/api/v1/session" \
      -d "{\"login\":\"api.user\",\"password\":\"$PW\"}" >>"$tmp/http-login"
  done ) &
pids+=($!)
for _ in $(seq 300); do [ "$(wc -l <"$tmp/acked")" -ge 5 ] && break; sleep 0.1; done

# --- backup while all of that runs
cp "$tmp/acked" "$tmp/acked.before"
http_before=$(wc -l <"$tmp/http")
check "backup while serving and writing" "$SUIVI" backup --db "$db" --to "$tmp/b1.db"
before=$(wc -l <"$tmp/acked.before")
eq "backup is one file (no -wal beside it)" "$(ls "$tmp" | grep -c '^b1.db-')" 0
for _ in $(seq 300); do [ "$(wc -l <"$tmp/acked")" -gt "$before" ] && break; sleep 0.1; done
after=$(wc -l <"$tmp/acked")
check "writes acknowledged before the backup: some" test "$before" -ge 5
check "the writer went on during and after the backup" test "$after" -gt "$before"
check "backup passes suivi check" "$SUIVI" check --db "$tmp/b1.db"
institutions "$tmp/b1.db" >"$tmp/in-backup"
missing=$(sort "$tmp/acked.before" | comm -23 - "$tmp/in-backup" | wc -l)
eq "backup holds every write acknowledged before it began ($before)" "$missing" 0
check "backup holds the imported recommendations" bash -c "'$SUIVI' --db '$tmp/b1.db' show SVN-UPR34-121.1 | grep -q 'Enforced Disappearance'"
eq "backup is readable by its owner only" "$(stat -c %a "$tmp/b1.db")" 600
for _ in $(seq 300); do [ "$(wc -l <"$tmp/http")" -gt "$http_before" ] && break; sleep 0.1; done
check "server answered pages before the backup" grep -q '^200$' "$tmp/http"
check "server went on answering after the backup" test "$(wc -l <"$tmp/http")" -gt "$http_before"
check "API logins (writes through the server) went on" grep -qE '^20[01]$' "$tmp/http-login"
eq "no request failed with a server error" "$(cat "$tmp/http" "$tmp/http-login" | grep -c '^5')" 0

# --- refusals and --force
sum() { md5sum "$1" | cut -d' ' -f1; }
b1=$(sum "$tmp/b1.db")
refuse "backup refuses an existing file" "exists: give --force" "$SUIVI" backup --db "$db" --to "$tmp/b1.db"
eq "refused backup leaves the existing file as it was" "$(sum "$tmp/b1.db")" "$b1"
refuse "backup refuses the database itself" "is the database itself" "$SUIVI" backup --db "$db" --to "$db" --force
refuse "backup into a missing directory" "cannot create" "$SUIVI" backup --db "$db" --to "$tmp/nodir/b.db"
refuse "backup of a missing database" "No such file" "$SUIVI" backup --db "$tmp/none.db" --to "$tmp/none-b.db"
check "backup --force replaces the file" "$SUIVI" backup --db "$db" --to "$tmp/b1.db" --force
check "--force copy is newer (more institutions)" test "$(institutions "$tmp/b1.db" | wc -l)" -gt "$before"
check "backup --progress reports on stderr" bash -c "'$SUIVI' backup --db '$db' --to '$tmp/b2.db' --progress 2>&1 >/dev/null | grep -q 'backup 100%'"
check "backup --quiet prints nothing" bash -c "test -z \"\$('$SUIVI' backup --db '$db' --to '$tmp/b3.db' --quiet 2>&1)\""
eq "no scratch files left beside the backups" "$(scratch_files)" 0

# --- restore is refused while the server has the database open
refuse "restore refused while the server runs" "is open in process $server" "$SUIVI" restore --from "$tmp/b1.db" --db "$db"

# --- stop everyone
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
wait "$server"; eq "server stopped cleanly on SIGTERM" "$?" 0
wait 2>/dev/null; pids=()

# --- round trip
"$SUIVI" --db "$db" institution add AFTER "Added after the backup" >/dev/null
institutions "$db" >"$tmp/live-before-restore"
check "restore" "$SUIVI" restore --from "$tmp/b1.db" --db "$db"
kept=$(ls "$tmp" | grep '^live.db.before-restore-' | head -1)
check "the replaced database is kept" test -n "$kept"
eq "the kept database is the one replaced" "$(institutions "$tmp/$kept" | grep -c '^AFTER$')" 1
eq "restored database is the backup" "$(institutions "$db" | grep -c '^AFTER$')" 0
eq "restored database has the backup's institutions" "$(institutions "$db" | md5sum)" "$(institutions "$tmp/b1.db" | md5sum)"
check "restored database passes suivi check" "$SUIVI" check --db "$db"
check "restore is in the audit trail" bash -c "'$SUIVI' --db '$db' audit | grep -q 'restore .*database.*restored from $tmp/b1.db'"
check "restore into a new file" "$SUIVI" restore --from "$tmp/b1.db" --db "$tmp/new.db"
check "the new file passes suivi check" "$SUIVI" check --db "$tmp/new.db"

# --- damaged backups are refused and the database is left as it was
live=$(sum "$db")
nkept=$(ls "$tmp" | grep -c 'before-restore')
head -c 100000 "$tmp/b1.db" >"$tmp/truncated.db"
refuse "truncated backup refused" "not restored" "$SUIVI" restore --from "$tmp/truncated.db" --db "$db"
cp "$tmp/b1.db" "$tmp/flipped.db"
page=$(od -An -tu1 -j16 -N2 "$tmp/flipped.db" | awk '{print $1 * 256 + $2}')
pages=$(( $(stat -c %s "$tmp/flipped.db") / page ))
for k in $(seq 2 7 "$pages"); do printf '\377\377\377\377' | dd of="$tmp/flipped.db" bs=1 seek=$(( (k - 1) * page )) conv=notrunc 2>/dev/null; done
refuse "suivi check finds the overwritten page headers" "flipped.db: " "$SUIVI" check --db "$tmp/flipped.db"
refuse "backup with overwritten page headers refused" "not restored" "$SUIVI" restore --from "$tmp/flipped.db" --db "$db"
echo "not a database at all, just some text that is long enough to look like a header" >"$tmp/text.db"
refuse "a file that is not a database refused" "not a database" "$SUIVI" restore --from "$tmp/text.db" --db "$db"
cp "$tmp/b1.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 999' 2>/dev/null
refuse "backup made by a newer suivi refused" "newer than this suivi" "$SUIVI" restore --from "$tmp/newer.db" --db "$db"
refuse "restore from a missing file" "No such file" "$SUIVI" restore --from "$tmp/missing.db" --db "$db"
eq "database unchanged after the refused restores" "$(sum "$db")" "$live"
eq "no database kept by refused restores" "$(ls "$tmp" | grep -c 'before-restore')" "$nkept"
eq "no scratch files left by refused restores" "$(scratch_files)" 0
# --- restore over a database a crash left with its write-ahead log, and over a damaged one
sqlite3 "$db" ".dbconfig no_ckpt_on_close on" "CREATE TABLE zz_crash(x); INSERT INTO zz_crash VALUES (42);" >/dev/null
check "a crash left a write-ahead log" test -s "$db-wal"
rm -f "$tmp"/live.db.before-restore-*
check "restore over a database with a write-ahead log" "$SUIVI" restore --from "$tmp/b1.db" --db "$db"
kept=$(ls "$tmp" | grep '^live.db.before-restore-[0-9TZ]*$' | head -1)
eq "the kept database holds what was in the log" "$(sqlite3 "$tmp/$kept" 'SELECT x FROM zz_crash' 2>&1)" 42
eq "the restored database does not" "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name = 'zz_crash'")" 0
cp "$tmp/flipped.db" "$db"; rm -f "$db-wal" "$db-shm"
check "restore over a damaged database" "$SUIVI" restore --from "$tmp/b1.db" --db "$db"
check "the database is sound again" "$SUIVI" check --db "$db"

refuse "restore needs --from" "usage: suivi restore" "$SUIVI" restore --db "$db"
check "help: backup --help" bash -c "'$SUIVI' backup --help | grep -q usage"
check "help: restore --help" bash -c "'$SUIVI' restore --help | grep -q usage"
check "help: check --help" bash -c "'$SUIVI' check --help | grep -q usage"
