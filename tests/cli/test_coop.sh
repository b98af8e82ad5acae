#!/usr/bin/env bash
# End-to-end tests of the technical-cooperation repository on the suivi command line: help of
# every command, organisations and account links, a State's needs at each visibility and what
# each kind of account sees of them (list, filter, show, rankings), offers, ranking with
# explained scores, a match proposed, answered, started and completed with its history, the
# recommendation's follow-up note, withdrawal, errors naming the bad argument, and the audit
# trail. Acts as users with --as LOGIN. Prints "PASS name" / "FAIL name" lines.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/t.db")
s() { "$SUIVI" --db "$db" "$@"; }
export USER=tester SUIVI_PASSWORD="correct horse battery staple"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded: $(head -c 200 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
has() { local name=$1 want=$2; shift 2
  if ! "$@" >"$tmp/out" 2>&1; then fail "$name" "$(head -c 300 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/out"; then pass "$name"; else fail "$name" "output: $(head -c 300 "$tmp/out")"; fi; }
lacks() { local name=$1 want=$2; shift 2
  if ! "$@" >"$tmp/out" 2>&1; then fail "$name" "$(head -c 300 "$tmp/out")"; return; fi
  if grep -qF -- "$want" "$tmp/out"; then fail "$name" "found '$want'"; else pass "$name"; fi; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }

VAW=SVN-UPR34-121.32 VAW2=SVN-UPR34-121.31 RAT=SVN-UPR34-121.1

# --- help on every command
for c in org need offer match; do
  has "help: $c --help" "usage: suivi --db FILE $c" "$SUIVI" $c --help
done
has "help: suivi --help lists cooperation" "match for-need|propose" "$SUIVI" --help
refuse "usage: need without subcommand" "give a subcommand" s need
refuse "usage: unknown subcommand" "unknown subcommand \"frobnicate\"" s match frobnicate

# --- setup: the demo, organisations, accounts
check "init" s init
check "import the demo" s import thematic-list data/demo/slovenia-upr-cycle3-thematic-list.md
check "org SVN" s org add SVN --name Slovenia --kind state --country SVN
check "org FRA" s org add FRA --name France --kind state --country France
check "org UNDP" s org add UNDP --name "UN Development Programme" --kind un_entity
refuse "org: bad kind named" "organisation kind \"club\"" s org add X --name X --kind club
refuse "org: a State needs its country" "country" s org add Y --name Y --kind state
refuse "org: code taken" "already taken" s org add SVN --name Again --kind state --country SVN
has "org list --json" '"code":"UNDP"' s org list --json
check "user svn.coord" s user add svn.coord --role coordinator
check "user fra.coord" s user add fra.coord --role coordinator
check "user undp" s user add undp --role contributor
check "user lone" s user add lone --role viewer
check "user free" s user add free --role contributor
check "link svn.coord" s org link svn.coord SVN
check "link fra.coord" s org link fra.coord FRA
check "link undp" s org link undp UNDP
refuse "link: unknown organisation named" "CODE NOPE" s org link undp NOPE
refuse "org add: coordinators may not" "administrator" s org add Z --name Z --kind ngo --as svn.coord

# --- needs
has "need add private" "need 1 (private)" s need add --as svn.coord --recs $RAT \
  --title "Ratify the enforced disappearance convention" --description "Advice on ratification and implementing law" --kinds legal_drafting
has "need add registered" "need 2 (registered)" s need add --as svn.coord --recs $VAW,$VAW2 \
  --title "Police training on violence against women" --description "Train police and prosecutors on domestic violence; collect case data" \
  --kinds training,data_collection --languages en,sl --visibility registered --from 2027-01-01 --to 2027-12-31
has "need add public" "need 3 (public)" s need add --as svn.coord --recs $VAW \
  --title "Awareness campaign on violence against women" --description "A national awareness campaign" --kinds awareness --visibility public
refuse "need: a provider may not" "coordinator" s need add --as undp --recs $VAW --title t --description d --kinds training
refuse "need: another State's recommendations" "concerns SVN" s need add --as fra.coord --recs $VAW --title t --description d --kinds training
refuse "need: unknown recommendation named" "SVN-NOPE" s need add --as svn.coord --recs SVN-NOPE --title t --description d --kinds training
refuse "need: unknown kind named" "kind of help \"teaching\"" s need add --as svn.coord --recs $VAW --title t --description d --kinds teaching
refuse "need: bad date named" "to \"2027-13-01\"" s need add --as svn.coord --recs $VAW --title t --description d --kinds training --to 2027-13-01
refuse "need: bad visibility named" "visibility \"secret\"" s need add --as svn.coord --recs $VAW --title t --description d --kinds training --visibility secret

# who sees what
eq "the State sees its 3 needs" "$(s need list --as svn.coord | wc -l)" 3
eq "another State sees 2" "$(s need list --as fra.coord | wc -l)" 2
eq "a provider sees 2" "$(s need list --as undp | wc -l)" 2
eq "a viewer without organisation sees 2" "$(s need list --as lone | wc -l)" 2
lacks "the provider never lists the private need" "Ratify" s need list --as undp
lacks "nor finds it by filter" "Ratify" s need list --as undp --text ratification --theme "Enforced disappearances"
refuse "nor opens it" "no need with id 1" s need show 1 --as undp
refuse "nor ranks offers for it" "no need with id 1" s match for-need 1 --as undp
has "filter by SDG" "Police training" s need list --as undp --sdg 5 --kinds training
has "need show --json" '"visibility":"registered"' s need show 2 --json --as undp
has "themes come from the recommendations" "Violence against women" s need show 2

# --- offers
has "offer by the provider" "offer 1" s offer add --as undp --title "Police training on gender-based violence" \
  --description "Training for police and justice officials on violence against women, with case data tools" \
  --themes "Violence against women|Sexual & gender-based violence" --sdgs 5,16.3 --kinds training,data_collection \
  --languages en,fr --regions EEG,WEOG --capacity 3 --past "2022 Moldova: 300 officers trained"
has "offer by an administrator for France" "offer 2" s offer add --org FRA --title "Ratification advice" \
  --description "Legal advice on ratifying the enforced disappearance convention" --themes "Enforced disappearances" \
  --kinds legal_drafting,policy_advice --languages fr,en --modality remote
refuse "offer: unknown theme named" "theme \"Gardening\"" s offer add --as undp --title t --description d --themes Gardening --kinds training
refuse "offer: unknown region named" "region \"Atlantis\"" s offer add --as undp --title t --description d --themes "Violence against women" --kinds training --regions Atlantis
refuse "offer: a viewer may not" "you are viewer" s offer add --as lone --title t --description d --themes "Violence against women" --kinds training
refuse "offer: an account without organisation" "acts for no organisation" s offer add --as free --title t --description d --themes "Violence against women" --kinds training
has "offer list --provider" "UNDP" s offer list --provider un_entity --json
has "offer show" "past activities" s offer show 1

# --- matching
has "rank offers for a need, explained" "theme=" s match for-need 2 --as svn.coord
has "the best offer for the police need is UNDP's" "1. 1 " s match for-need 2
has "ranking --json has the parts" '"parts":{"theme"' s match for-need 2 --json
has "rank needs for an offer" "Police training" s match for-offer 1 --as undp
lacks "the provider's ranking leaves the private need out" "Ratify" s match for-offer 2 --as undp

# --- the exchange
has "the provider proposes" "match 1: proposed" s match propose 2 1 --side offer --as undp --comment "We can help"
refuse "it may not accept its own proposal" "the other side answers" s match accept 1 --as undp
refuse "a third State may not answer" "may" s match accept 1 --as fra.coord
refuse "propose again: already live" "already" s match propose 2 1 --side need --as svn.coord
check "the State accepts" s match accept 1 --as svn.coord
check "start" s match start 1 --as undp
refuse "declining once started is not possible" "not possible" s match decline 1 --as svn.coord
check "complete" s match complete 1 --as svn.coord --comment "200 officers trained"
has "history" "in_progress -> completed" s match history 1 --as undp
has "the need is met" '"status":"met"' s need show 2 --json
has "match list --json" '"state":"completed"' s match list --json --as undp
# the State proposes its private need to France: consent towards France only
has "the State proposes its private need to France" "match 2: proposed" s match propose 1 2 --side need --as svn.coord
has "France now sees it" "Ratify" s need list --as fra.coord
lacks "UNDP still does not" "Ratify" s need list --as undp
# lowering visibility and withdrawing
check "lower visibility to private" s need visibility 2 private --as svn.coord
refuse "the provider no longer sees the need made private" "no need with id 2" s need show 2 --as undp
check "withdraw need 1" s need withdraw 1 --as svn.coord
has "its match is withdrawn" "withdrawn" s match list --need 1
lacks "France no longer sees it" "Ratify" s need list --as fra.coord
refuse "a provider may not change a need" "no need with id 1" s need visibility 1 public --as undp
refuse "match: bad id named" "MATCH_ID \"x\"" s match accept x

# completing on a public need leaves a comment on its recommendation (not so for need 2 above)
eq "no follow-up note for a registered need" "$(s audit --entity note | wc -l)" 0
check "France and Slovenia on the public need" s match propose 3 2 --side need --as svn.coord
check "France accepts" s match accept 3 --as fra.coord
check "France starts" s match start 3 --as fra.coord
check "Slovenia completes" s match complete 3 --as svn.coord
has "the note is in the audit trail" "note" s audit --entity note

# --- closing an offer
refuse "a provider may not close another's offer" "its organisation" s offer close 2 --as undp
check "the provider closes its offer" s offer close 1 --as undp
has "a closed offer is listed as closed" "closed" s offer list --status closed
lacks "and no longer ranked" "UNDP" s match for-need 3

# --- audit
has "audit: visibility change" "visibility" s audit --entity need
has "audit: proposal" "propose" s audit --entity match
