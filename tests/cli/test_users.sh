#!/usr/bin/env bash
# End-to-end tests of accounts on the suivi command line: institution add/list, user
# add/list/passwd/deactivate/activate, the password rules and where passwords may come from,
# the audit trail listing every change (and no secret), import runs in the audit trail, --help.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/t.db")
s() { "$SUIVI" --db "$db" "$@"; }
export USER=tester

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
# check NAME COMMAND...: passes when the command succeeds
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
# refuse NAME EXPECTED COMMAND...: passes when the command fails and says EXPECTED on stderr
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
# has NAME TEXT COMMAND...: passes when the command succeeds and prints TEXT
has() { local name=$1 want=$2; shift 2
  if ! "$@" >"$tmp/out" 2>&1; then fail "$name" "$(head -c 300 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/out"; then pass "$name"; else fail "$name" "output: $(head -c 300 "$tmp/out")"; fi; }
# lacks NAME TEXT COMMAND...: passes when the command succeeds and does not print TEXT
lacks() { local name=$1 want=$2; shift 2
  if ! "$@" >"$tmp/out" 2>&1; then fail "$name" "$(head -c 300 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/out"; then fail "$name" "found '$want'"; else pass "$name"; fi; }

# --- help
for c in "user" "user add" "user list" "user passwd" "user deactivate" "institution" \
         "institution add" "audit"; do
  has "help: $c --help" "usage" "$SUIVI" $c --help
done
has "help: suivi --help lists user, institution, audit" "audit [OPTIONS]" "$SUIVI" --help
refuse "usage: user without subcommand" "give a subcommand" s user
refuse "usage: user unknown subcommand" "unknown subcommand \"frob\"" s user frob

check "init" s init

# --- institutions
has "institution add" "institution MOJ added" s institution add MOJ "Ministry of Justice" --kind ministry
refuse "institution code taken" "institution code \"MOJ\" is already taken" s institution add MOJ "Another"
refuse "institution code checked" "expected 1 to 32 letters" s institution add "M O J" "Spaces"
has "institution list" "Ministry of Justice" s institution list
has "institution list --json" '"code":"MOJ","name":"Ministry of Justice","kind":"ministry"' s institution list --json

# --- users
pw="correct horse battery staple"
has "user add --password-stdin" "user alice added" bash -c "echo '$pw' | '$SUIVI' --db '$db' user add alice --role focal_point --institution MOJ --name 'Alice A.' --password-stdin"
has "user add from SUIVI_PASSWORD" "user bob added" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user add bob --role viewer
refuse "user add without a password refused" "--password-stdin, or in SUIVI_PASSWORD" env -u SUIVI_PASSWORD "$SUIVI" --db "$db" user add carol --role viewer
refuse "short password refused with the rule" "password: 5 characters, expected at least 12" env SUIVI_PASSWORD=short "$SUIVI" --db "$db" user add carol --role viewer
refuse "focal point needs an institution" "expected one for role focal_point" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user add carol --role focal_point
refuse "unknown institution named" "--institution NOPE: no such institution" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user add carol --role focal_point --institution NOPE
refuse "unknown role refused" "expected admin, coordinator, focal_point, contributor or viewer" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user add carol --role boss
refuse "login taken, whatever the case" "login \"ALICE\" is already taken" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user add ALICE --role viewer
refuse "user add needs --role" "give --role" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user add carol
has "user list shows alice with her institution" "focal_point  MOJ" s user list
has "user list --json" '"login":"bob","name":null,"role":"viewer","institution":null,"active":true' s user list --json
has "user passwd" "bob: password changed" bash -c "echo 'a brand new password' | '$SUIVI' --db '$db' user passwd bob --password-stdin"
refuse "user passwd unknown login" "no user with login \"nobody\"" env SUIVI_PASSWORD="$pw" "$SUIVI" --db "$db" user passwd nobody
has "user deactivate" "bob: deactivated" s user deactivate bob
has "user list shows bob inactive" "inactive" s user list
has "user activate" "bob: activated" s user activate bob

# --- the audit trail
has "audit lists the institution" "create        institution 1" s audit
has "audit lists user creation by the command line" "cli:tester       create        user 2" s audit
has "audit shows before and after" 'before={"id":2,"login":"bob","name":null,"role":"viewer","institution_id":null,"active":true}  after={"id":2,"login":"bob","name":null,"role":"viewer","institution_id":null,"active":false}' s audit
has "audit lists the password change" "password      user 2" s audit
has "audit --entity --id" "activate      user 2" s audit --entity user --id 2
lacks "audit --id filters" "user 1 " s audit --entity user --id 2
has "audit --actor" "cli:tester" s audit --actor cli:tester
has "audit --limit pages" "(1 of 6 events shown" s audit --limit 1
has "audit --json" '"actor_login":"cli:tester","action":"activate","entity":"user","entity_id":"2"' s audit --json --limit 1
has "audit --json total" '"total":6}' s audit --json --limit 1
lacks "audit holds no password" "$pw" s audit --json --limit 0
lacks "audit holds no password hash" 'argon2' s audit --json --limit 0
refuse "audit --limit checked" "--limit x: expected a number" s audit --limit x

# --- an import run is one audit event with its counts
check "import thematic list" s import thematic-list data/demo/slovenia-upr-cycle2-thematic-list.md
has "audit lists the import with its counts" '"inserted":' s audit --entity import
has "one event per import run" '"total":1}' s audit --entity import --json
