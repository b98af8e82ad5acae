#!/usr/bin/env bash
# `suivi migrate-db` (src/store/migrate_db.c): a national SQLite database with every kind of
# record (recommendations, accounts, follow-up with an evidence file, notes, cooperation, the
# knowledge hub) moved into a PostgreSQL schema. Lossless: the exchange bundle of everything
# (`export --bundle --all --with-files`), the statistics and the audit trail read the same from
# both; new records continue the ids; a target with data is refused without --replace; a
# failed copy leaves the target as it was. Then pg_dump backups: `suivi backup` of the schema
# while it is in use, `suivi restore` (the replaced schema kept, a bad file refused with the
# schema unchanged), `suivi check`.
# Runs in the PostgreSQL pass of tests/run only. Prints PASS/FAIL lines; tests/run counts them.
set -u
[ -n "${SUIVI_TEST_PG:-}" ] || exit 0
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export USER=tester SUIVI_PASSWORD="correct horse battery staple" SOURCE_DATE_EPOCH=1780000000
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded: $(head -c 200 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
same() { if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(diff "$2" "$3" | head -c 600)"; fi; }

lite=$tmp/national.db
pg=$(SUIVI_TEST_PG=$SUIVI_TEST_PG tests/cli/dburl "$tmp/hub.db")
s() { "$SUIVI" --db "$lite" "$@"; }
A=SVN-UPR34-121.1 B=SVN-UPR34-121.2

# --- a national database with a bit of everything (SQLite)
check "source: demo data and the hub library" bash -c "'$SUIVI' --db '$lite' init && '$SUIVI' --db '$lite' import thematic-list data/demo/*.md && '$SUIVI' --db '$lite' hub import data/hub/library.hub && '$SUIVI' --db '$lite' hub import data/hub/demo.hub"
check "source: institutions and users" bash -c "'$SUIVI' --db '$lite' institution add MOJ 'Ministry of Justice' && '$SUIVI' --db '$lite' user add fp --role focal_point --institution MOJ && '$SUIVI' --db '$lite' user add coord --role coordinator"
check "source: follow-up" bash -c "'$SUIVI' --db '$lite' assign $A MOJ --lead --deadline 2027-06-30 --as coord && '$SUIVI' --db '$lite' action add $A --institution MOJ --description 'Draft the bill' --due 2027-01-01 --budget 5000.25 --currency EUR --as fp && '$SUIVI' --db '$lite' indicator add $A --institution MOJ --name Ratifications --unit count --baseline 0 --target 1 --as fp && '$SUIVI' --db '$lite' indicator value 1 2024-01-01 0.5 --note 'half' --as fp"
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/bill.pdf"
check "source: progress with evidence, validated" bash -c "'$SUIVI' --db '$lite' progress draft $A --institution MOJ --status in_progress --narrative 'Drafted, «vraiment».' --as fp && '$SUIVI' --db '$lite' evidence add 1 '$tmp/bill.pdf' --as fp && '$SUIVI' --db '$lite' progress submit 1 --as fp && '$SUIVI' --db '$lite' progress validate 1 --comment Thanks --as coord"
check "source: notes and cooperation" bash -c "'$SUIVI' --db '$lite' note add $A 'Tab	and
newline \\\\ backslash' && '$SUIVI' --db '$lite' org add SVN-GOV --name 'Government of Slovenia' --kind state --country SVN && '$SUIVI' --db '$lite' org link coord SVN-GOV && '$SUIVI' --db '$lite' need add --recs $A,$B --title 'Help drafting' --description 'Legal drafting.' --kinds legal_drafting --languages en --visibility public --org SVN-GOV"

# --- the move
check "migrate-db: copies every table" "$SUIVI" migrate-db --from "$lite" --to "$pg"
grep -q "tables, .* rows copied" "$tmp/out" && pass "migrate-db: says how much it copied ($(tail -1 "$tmp/out" | grep -o '[0-9]* tables, [0-9]* rows'))" ||
  fail "migrate-db: summary" "$(tail -2 "$tmp/out")"
check "check: the target is sound" "$SUIVI" --db "$pg" check

# --- lossless: the same from both
"$SUIVI" --db "$lite" export --bundle "$tmp/l.json" --all --with-files >/dev/null 2>&1
"$SUIVI" --db "$pg" export --bundle "$tmp/p.json" --all --with-files >/dev/null 2>&1
same "lossless: the bundle of everything (records, accounts' work, files) is the same" "$tmp/l.json" "$tmp/p.json"
for what in "stats" "audit" "need list" "user list" "institution list"; do
  "$SUIVI" --db "$lite" $what >"$tmp/l.out" 2>&1
  "$SUIVI" --db "$pg" $what >"$tmp/p.out" 2>&1
  same "lossless: \`$what\` reads the same from SQLite and PostgreSQL" "$tmp/l.out" "$tmp/p.out"
done
grep -q "bill.pdf" "$tmp/p.json" && pass "lossless: the evidence file is in the PostgreSQL bundle" || fail "lossless: the evidence file"

# --- the copy goes on as a database of its own
"$SUIVI" --db "$lite" note add $B "after" >/dev/null 2>&1
"$SUIVI" --db "$pg" note add $B "after" >/dev/null 2>&1
eq "ids: a new note takes the next id in both" "$(tests/cli/dbsql "$pg" "SELECT max(id) FROM note")" "$(tests/cli/dbsql "$lite" "SELECT max(id) FROM note")"
refuse "migrate-db: a target with data is refused" "--replace" "$SUIVI" migrate-db --from "$lite" --to "$pg"
check "migrate-db: --replace replaces it" "$SUIVI" migrate-db --from "$lite" --to "$pg" --replace --quiet
printf 'not a database' >"$tmp/bad.db"
before=$(tests/cli/dbsql "$pg" "SELECT count(*) FROM note")
refuse "migrate-db: a file that is not a database is refused" "$tmp/bad.db" "$SUIVI" migrate-db --from "$tmp/bad.db" --to "$pg" --replace
eq "migrate-db: and the target is as it was" "$(tests/cli/dbsql "$pg" "SELECT count(*) FROM note")" "$before"
refuse "migrate-db: the target must be PostgreSQL" "postgresql://" "$SUIVI" migrate-db --from "$lite" --to "$tmp/other.db"
check "migrate-db --help" "$SUIVI" migrate-db --help

# --- pg_dump backups of the schema, while a server uses it
"$SUIVI" --db "$pg" serve --listen 127.0.0.1:0 >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q serving "$tmp/serve.out" && break; sleep 0.1; done
check "backup: pg_dump of the schema while the server runs" "$SUIVI" --db "$pg" backup --to "$tmp/hub.dump"
eq "backup: readable by its owner only" "$(stat -c %a "$tmp/hub.dump")" 600
# a password in the URL goes to pg_dump's environment, never its command line or the output
check "backup: with a password in the URL" "$SUIVI" --db "$pg&password=pw-secret-1" backup --to "$tmp/pw.dump"
grep -q "pw-secret-1" "$tmp/out" && fail "backup: the password is not printed" "$(cat "$tmp/out")" ||
  pass "backup: the password is not printed"
refuse "backup: an existing file is refused" "--force" "$SUIVI" --db "$pg" backup --to "$tmp/hub.dump"
refuse "restore: refused while the server has the schema open" "open in process" "$SUIVI" --db "$pg" restore --from "$tmp/hub.dump"
kill "$pid"; wait "$pid" 2>/dev/null; pid=
"$SUIVI" --db "$pg" note add $B "written after the backup" >/dev/null 2>&1
refuse "restore: a file that is not a backup is refused" "not a suivi PostgreSQL backup" "$SUIVI" --db "$pg" restore --from "$tmp/bad.db"
eq "restore: and the schema is unchanged" "$(tests/cli/dbsql "$pg" "SELECT count(*) FROM note WHERE body = 'written after the backup'")" 1
check "restore: puts the backup back" "$SUIVI" --db "$pg" restore --from "$tmp/hub.dump"
grep -q "kept as schema" "$tmp/out" && pass "restore: the replaced schema is kept" || fail "restore: the replaced schema is kept" "$(cat "$tmp/out")"
eq "restore: the note written after the backup is gone" "$(tests/cli/dbsql "$pg" "SELECT count(*) FROM note WHERE body = 'written after the backup'")" 0
check "restore: the restored schema passes check" "$SUIVI" --db "$pg" check
"$SUIVI" --db "$pg" export --bundle "$tmp/r.json" --all --with-files >/dev/null 2>&1
"$SUIVI" --db "$lite" export --bundle "$tmp/l2.json" --all --with-files >/dev/null 2>&1
same "restore: the restored schema holds what was backed up" "$tmp/r.json" "$tmp/l2.json"
