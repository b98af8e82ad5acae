#!/usr/bin/env bash
# The exchange bundle end to end (docs/bundle.md): a database with the demo recommendations and
# a follow-up made here (institutions, clusters, assignments, actions, indicators, progress with
# evidence, notes, reviewed tag suggestions) is exported with `export --bundle --all
# --with-files`, imported into an empty database and exported again: the two files must be
# byte-identical (SOURCE_DATE_EPOCH fixes created_at). Exports validate against
# docs/bundle.schema.json (python3-jsonschema). Importing again changes nothing; bad bundles
# are refused with the JSON path and leave the database as it was (compared with sqlite3
# .dump). With ../shared/data, the same round trip on the 33.9k UPR Info recommendations, timed.
# Prints "PASS name" / "FAIL name" lines.
set -u
SUIVI=${SUIVI:-build/suivi}
export SUIVI_DATA=${SUIVI_DATA:-$PWD/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export USER=tester SUIVI_PASSWORD="correct horse battery staple" SOURCE_DATE_EPOCH=1780000000
db=$(tests/cli/dburl "$tmp/a.db")
s() { "$SUIVI" --db "$db" "$@"; }

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded: $(head -c 200 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
has() { local name=$1 want=$2; shift 2
  if ! "$@" >"$tmp/out" 2>&1; then fail "$name" "$(head -c 300 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/out"; then pass "$name"; else fail "$name" "output: $(head -c 300 "$tmp/out")"; fi; }
same() { if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(diff "$2" "$3" | head -c 600)"; fi; }
# Everything a database holds but the audit trail's times, in a stable text form.
dump() {
  case $1 in
    postgresql://*) # the schema's rows (pg_dump of the data), sequences' positions left out
      local schema url
      schema=$(sed -n 's/.*[?&]schema=\([a-z0-9_]*\).*/\1/p' <<<"$1")
      url=$(sed -e 's/[?&]schema=[a-z0-9_]*//' -e 's/^\([^?]*\)&/\1?/' <<<"$1")
      pg_dump -d "$url" --data-only --inserts --schema="$schema" --exclude-table="$schema.audit" \
        --exclude-table="$schema.session" | grep -v -e 'setval' -e '^--' -e '^SET ' -e '^SELECT pg_catalog' -e '^.restrict' -e '^.unrestrict' ;;
    *) sqlite3 "$1" .dump | grep -v -e '^INSERT INTO audit' -e 'INSERT INTO session' -e 'sqlite_stat' ;;
  esac
}
validate() { # validate NAME FILE: against docs/bundle.schema.json
  if ! python3 -c 'import jsonschema' 2>/dev/null; then echo "SKIP $1 (python3-jsonschema missing)"; return; fi
  check "$1" python3 -c '
import json, sys, jsonschema
schema = json.load(open("docs/bundle.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[1])))' "$2"; }

A=SVN-UPR34-121.1 B=SVN-UPR34-121.2

# --- a database with a follow-up
check "init" s init
check "import the demo" s import thematic-list data/demo/slovenia-upr-cycle2-thematic-list.md data/demo/slovenia-upr-cycle3-thematic-list.md
check "institutions" bash -c "'$SUIVI' --db '$db' institution add MOJ 'Ministry of Justice' --kind ministry && '$SUIVI' --db '$db' institution add MLSA 'Ministry of Labour'"
check "users" bash -c "'$SUIVI' --db '$db' user add fp --role focal_point --institution MOJ && '$SUIVI' --db '$db' user add coord --role coordinator && '$SUIVI' --db '$db' user add nhri --role contributor"
check "clusters" bash -c "'$SUIVI' --db '$db' clusters create 'Violence against women' --theme 'Violence against women' --country SVN && '$SUIVI' --db '$db' clusters create Ratifications --manual && '$SUIVI' --db '$db' clusters add Ratifications $B SVN-UPR34-121.3"
check "assignments" bash -c "'$SUIVI' --db '$db' assign $A MOJ --lead --deadline 2027-06-30 --as coord && '$SUIVI' --db '$db' assign --cluster Ratifications MLSA"
check "actions" bash -c "'$SUIVI' --db '$db' action add $A --institution MOJ --description 'Draft the bill' --due 2027-01-01 --budget 5000.25 --currency EUR --as fp && '$SUIVI' --db '$db' action add --cluster Ratifications --institution MLSA --description 'Consult civil society'"
check "indicator" bash -c "'$SUIVI' --db '$db' indicator add $A --institution MOJ --name Ratifications --unit count --baseline 0 --target 1 --sdg 16.3.1 --as fp && '$SUIVI' --db '$db' indicator value 1 2024-01-01 0.1 --note 'law passed' --as fp"
printf '%%PDF-1.4\n%%%%EOF\n' > "$tmp/bill.pdf"
check "progress validated with evidence" bash -c "'$SUIVI' --db '$db' progress draft $A --institution MOJ --status in_progress --narrative 'Drafted.' --as fp && '$SUIVI' --db '$db' evidence add 1 '$tmp/bill.pdf' --as fp && '$SUIVI' --db '$db' progress submit 1 --as fp && '$SUIVI' --db '$db' progress validate 1 --comment Thanks --as coord"
check "a draft" s progress draft $A --institution MOJ --status implemented --narrative "Done, «vraiment»." --as fp
check "notes" bash -c "'$SUIVI' --db '$db' note add $A 'Not yet.' --assessment --status not_started --organisation Ombudsman --as nhri && '$SUIVI' --db '$db' note add $A 'We will follow up.' --as fp"
check "a State's organisation" s org add SVN-GOV --name "Government of Slovenia" --kind state --country SVN
check "a public need" s need add --recs $A,$B --title "Help drafting the bill" --description "Legal drafting support." --kinds legal_drafting,training --languages en,sl --visibility public --org SVN-GOV
check "a private need, then registered" bash -c "'$SUIVI' --db '$db' need add --recs $B --title 'Training' --description 'For judges.' --kinds training --org SVN-GOV && '$SUIVI' --db '$db' need visibility 2 registered"
check "suggestions" s tag --field sdgs
sugg=$(s tag list --field sdgs --min-score 0 2>/dev/null | awk 'NR<=2 {print $1, $3}')
while read -r rec code; do [ -n "$rec" ] && s tag accept "$rec" sdgs "$code" >/dev/null 2>&1 && break; done <<< "$sugg"
has "a suggestion was accepted: a machine tag" "machine" tests/cli/dbsql "$db" "SELECT origin FROM rec_tag WHERE origin = 'machine'"

# --- round trip of everything
has "export --bundle counts" "2 progress reports, 2 notes, 1 evidence, 1 files, 2 needs (all records)" s export --bundle "$tmp/all1.json" --all --with-files --deployment "Test NMIRF"
validate "the full bundle validates against the schema" "$tmp/all1.json"
python3 -c 'import json, sys; b = json.load(open(sys.argv[1])); b["progress"][0]["workflow"] = "approved"; json.dump(b, open(sys.argv[2], "w"))' "$tmp/all1.json" "$tmp/off.json"
if python3 -c 'import jsonschema' 2>/dev/null; then
  if validate "x" "$tmp/off.json" | grep -q "^PASS"; then fail "the schema refuses a bad workflow"; else pass "the schema refuses a bad workflow"; fi
fi
db2=$(tests/cli/dburl "$tmp/b.db")
check "init an empty database" "$SUIVI" --db "$db2" init
has "import bundle" "rows: " "$SUIVI" --db "$db2" import bundle "$tmp/all1.json"
check "export it again" "$SUIVI" --db "$db2" export --bundle "$tmp/all2.json" --all --with-files --deployment "Test NMIRF"
same "round trip: byte-identical" "$tmp/all1.json" "$tmp/all2.json"
[ -s "$tmp/all1.json" ] && [ "$(dump "$db2" | wc -l)" -gt 100 ] && pass "the database dump used below is not empty" || fail "the database dump used below is not empty"
dump "$db2" > "$tmp/before.sql"
has "import again: nothing new" " 0 new, 0 updated" "$SUIVI" --db "$db2" import bundle "$tmp/all1.json"
dump "$db2" > "$tmp/after.sql"
same "import again changes nothing in the database" "$tmp/before.sql" "$tmp/after.sql"
dump "$db" > "$tmp/before.sql"
has "into the database it came from: nothing new" " 0 new, 0 updated" s import bundle "$tmp/all1.json"
dump "$db" > "$tmp/after.sql"
same "into the database it came from: the database unchanged" "$tmp/before.sql" "$tmp/after.sql"
has "the evidence file came along" "bill.pdf (15 bytes" "$SUIVI" --db "$db2" evidence get 1 --output "$tmp/got.pdf"
same "with the same bytes" "$tmp/bill.pdf" "$tmp/got.pdf"
has "the import is audited" "bundle" "$SUIVI" --db "$db2" audit --entity bundle

has "the needs came along" "Help drafting the bill" "$SUIVI" --db "$db2" need list

# --- published only (the default) and one State
has "export --bundle (published only)" "1 progress reports, 1 notes, 1 evidence, 0 files, 1 needs (published records only)" s export --bundle "$tmp/pub.json"
validate "the published bundle validates" "$tmp/pub.json"
if grep -q '"workflow": *"draft"\|We will follow up\|"suggestions": \[$' "$tmp/pub.json" && ! grep -q '"suggestions": \[\]' "$tmp/pub.json"; then
  fail "published: no drafts, comments or suggestions"; else pass "published: no drafts, comments or suggestions"; fi
db3=$(tests/cli/dburl "$tmp/c.db")
check "init a hub" "$SUIVI" --db "$db3" init
has "a hub imports the published bundle (evidence without its file is skipped)" "1 evidence entries skipped" "$SUIVI" --db "$db3" import bundle "$tmp/pub.json"
has "export --state SVN" "recommendations" s export --bundle "$tmp/svn.json" --state SVN --all
has "--state writes the State" '"state": "SVN"' head -c 400 "$tmp/svn.json"
refuse "--state of an unknown country" "no such country" s export --bundle "$tmp/x.json" --state Atlantis
refuse "--with-files needs --all" "--with-files needs --all" s export --bundle "$tmp/x.json" --with-files
refuse "--state without --bundle" "go with --bundle" s export --format csv --state SVN

# --- bad bundles: refused with the JSON path, the database unchanged
dump "$db2" > "$tmp/before.sql"
bad() { # bad NAME WANT PYTHON-EDIT: edits the full bundle, expects refusal naming WANT
  python3 - "$tmp/all1.json" "$tmp/bad.json" "$3" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(b, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
  refuse "$1" "$2" "$SUIVI" --db "$db2" import bundle "$tmp/bad.json"; }
bad "bad: a text that is not a string" 'bad.json: $.recommendations[12].texts.en: expected a string, not an integer' 'b["recommendations"][12]["texts"]["en"] = 5'
bad "bad: a missing id" '$.recommendations[3].id: missing, expected a string' 'del b["recommendations"][3]["id"]'
bad "bad: an unknown response" '$.recommendations[0].response: "maybe" is not one of supported, noted, partially_supported' 'b["recommendations"][0]["response"] = "maybe"'
bad "bad: an unknown version" '$.version: this bundle is in format version 2; this suivi reads version 1 only' 'b["version"] = 2'
bad "bad: another format" '$.format: "other": expected "suivi-bundle"' 'b["format"] = "other"'
bad "bad: a duplicate id" '$.recommendations[5]: the same recommendation as $.recommendations[4]' 'b["recommendations"][5]["id"] = b["recommendations"][4]["id"]'
bad "bad: an unknown institution" '$.assignments[0]: no institution with code "NOPE"' 'b["assignments"][0]["institution"] = "NOPE"'
bad "bad: a time" '$.progress[0].created_at: "yesterday" is not a UTC time' 'b["progress"][0]["created_at"] = "yesterday"'
bad "bad: a file whose hash does not match" '$.files[0].sha256: does not match the content' 'b["files"][0]["sha256"] = "0" * 64'
bad "bad: an unknown country" '$.recommendations[0].country: "ZZZ" is not the ISO3 code' 'b["recommendations"][0]["country"] = "ZZZ"'
bad "bad: a recommendation of another State in a State's bundle" '$.recommendations[0].country: expected FRA' 'b["state"] = "FRA"'
bad "bad: a section that is not an array" '$.actions: expected an array, not an object' 'b["actions"] = {}'
head -c 5000 "$tmp/all1.json" > "$tmp/truncated.json"
refuse "bad: a truncated file" "truncated.json: line" "$SUIVI" --db "$db2" import bundle "$tmp/truncated.json"
refuse "bad: no such file" "nothing.json" "$SUIVI" --db "$db2" import bundle "$tmp/nothing.json"
dump "$db2" > "$tmp/after.sql"
same "bad bundles left the database unchanged" "$tmp/before.sql" "$tmp/after.sql"

# --- the real data: 33.9k UPR Info recommendations with a follow-up on some
shared=../shared/data/upr-info
if [ -d "$shared" ] && [ -z "${BUNDLE_SKIP_REAL:-}" ]; then
  big=$(tests/cli/dburl "$tmp/big.db")
  files=$shared/upr_info_sessions_1-17_utf8.csv
  check "real: init and import UPR Info" bash -c "'$SUIVI' --db '$big' init && '$SUIVI' --db '$big' import upr-info $files"
  check "real: follow-up on real recommendations" bash -c "
    set -e; s() { '$SUIVI' --db '$big' \"\$@\"; }
    ids=\$(s export --format csv --country SVN | cut -d, -f1 | sed -n '2,4p')
    s institution add MFA 'Ministry of Foreign Affairs' >/dev/null
    for id in \$ids; do s assign \$id MFA --lead >/dev/null; s action add \$id --institution MFA --description 'Report to the treaty body' >/dev/null; done
    s clusters create 'SDG 16' --sdg 16 --country SVN >/dev/null"
  t0=$(date +%s.%N)
  check "real: export --bundle --all" "$SUIVI" --db "$big" export --bundle "$tmp/real1.json" --all
  t1=$(date +%s.%N)
  big2=$(tests/cli/dburl "$tmp/big2.db")
  check "real: init" "$SUIVI" --db "$big2" init
  t2=$(date +%s.%N)
  check "real: import bundle" "$SUIVI" --db "$big2" import bundle "$tmp/real1.json"
  t3=$(date +%s.%N)
  check "real: export again" "$SUIVI" --db "$big2" export --bundle "$tmp/real2.json" --all
  same "real: round trip byte-identical" "$tmp/real1.json" "$tmp/real2.json"
  t4=$(date +%s.%N)
  has "real: import again changes nothing" " 0 new, 0 updated" "$SUIVI" --db "$big2" import bundle "$tmp/real1.json"
  t5=$(date +%s.%N)
  validate "real: the bundle validates against the schema" "$tmp/real1.json"
  echo "TIME real bundle: $(grep -c '"id":' "$tmp/real1.json") recommendations, $(du -m "$tmp/real1.json" | cut -f1) MB; export $(echo "$t1 - $t0" | bc) s, import into an empty database $(echo "$t3 - $t2" | bc) s, import again $(echo "$t5 - $t4" | bc) s"
else
  echo "SKIP real data (../shared/data/upr-info not found, or BUNDLE_SKIP_REAL set)"
fi
