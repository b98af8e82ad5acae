#!/usr/bin/env bash
# End-to-end tests of the technical-cooperation pages and API through `suivi serve` and curl,
# one cookie jar (and one bearer token) per person: a State coordinator (SVN), a provider (UNDP),
# another State's coordinator (FRA), a viewer, an administrator and the public. Checks, for
# every role, that a private need never shows (pages, API, matches, rankings, the box on a
# recommendation's page, the annual report) to anyone but its State and administrators, except
# the provider the State itself proposed a match to; registered needs only to people signed in;
# the forms (record a need from ticked recommendations, an offer, propose, accept, start,
# complete, visibility, withdrawal with its confirmation), refusals with core's message, CSRF,
# JSON errors, ETags, the OpenAPI document, translations and hostile text escaped.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them.
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
s() { "$SUIVI" --db "$db" "$@"; }

PW=a-long-password-1
PUB=SVN-UPR34-121.1 PRIV=SVN-UPR34-121.3 REG=SVN-UPR34-121.4
SECRET="Secret prison reform"
SCRIPT='<script>alert(1)</script>'
SCRIPT_ESC='&lt;script&gt;alert(1)&lt;/script&gt;'

# --- a database: demo recommendations, organisations, accounts, three needs and an offer
if s init >/dev/null && s import thematic-list data/demo/*.md >/dev/null 2>&1 &&
   s org add SVN --name "Republic of Slovenia" --kind state --country SVN >/dev/null &&
   s org add UNDP --name "United Nations Development Programme" --kind un_entity >/dev/null &&
   s org add FRA --name "France" --kind state --country FRA >/dev/null &&
   s org add NGO1 --name "Justice Partners" --kind ngo >/dev/null; then
  pass "setup: demo data and organisations"
else
  fail "setup: demo data and organisations"
fi
for u in "adm admin" "coord coordinator SVN" "prov contributor UNDP" "ngo contributor NGO1" \
         "fra coordinator FRA" "view viewer"; do
  set -- $u
  SUIVI_PASSWORD=$PW s user add "$1" --role "$2" >/dev/null || fail "setup: user $1"
  [ -n "${3:-}" ] && { s org link "$1" "$3" >/dev/null || fail "setup: link $1"; }
done
s need add --recs $PUB,SVN-UPR34-121.2 --title "Law on domestic violence" \
  --description "Help drafting the law on domestic violence and training judges." \
  --kinds legal_drafting,training --languages en,fr --visibility public --as coord >/dev/null &&
s need add --recs $PRIV --title "$SECRET" --description "Nobody else may read this." \
  --kinds training --as coord >/dev/null &&
s need add --recs $REG --title "Registered data need" --description "Statistics on violence." \
  --kinds data_collection --visibility registered --as coord >/dev/null &&
s offer add --title "Legal drafting support" --description "We help draft laws on domestic violence and train judges." \
  --kinds legal_drafting,training --sdgs 5 --languages en --as prov >/dev/null &&
s offer add --title "NGO training offer" --description "Training of judges and police on violence." \
  --kinds training --sdgs 16 --as ngo >/dev/null
eq "setup: needs 1-3 (public, private, registered) and offers 1-2" "$?" 0

# --- the server on a free port
"$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --access-log "$tmp/access.log" >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
if [ -z "$port" ]; then
  fail "serve: prints the address" "$(head -c 300 "$tmp/serve.out")"
  exit 0
fi
base=http://127.0.0.1:$port

fetch() { local url=$1; shift
  code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$base$url"); }
status() { local name=$1 want=$2 url=$3; shift 3; fetch "$url" "$@"; eq "$name" "$code" "$want"; }
has() { if grep -qF -- "$2" "$tmp/body"; then pass "$1"; else fail "$1" "no '$2' in $(head -c 300 "$tmp/body" | tr '\n' ' ')"; fi; }
lacks() { if grep -qF -- "$2" "$tmp/body"; then fail "$1" "found '$2'"; else pass "$1"; fi; }
location() { grep -i '^Location:' "$tmp/head" | tr -d '\r' | sed 's/^[Ll]ocation: //'; }
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$tmp/body" | head -1; }

declare -A tok bearer
login() {
  local jar=$tmp/$1.jar t
  t=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "login=$1&password=$PW&csrf=$t" "$base/login"
  fetch /followup -b "$jar"
  tok[$1]=$(field csrf)
  bearer[$1]=$(curl -s -X POST "$base/api/v1/session" -d "{\"login\":\"$1\",\"password\":\"$PW\"}" |
               sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ "$code" == 200 ] && [ -n "${tok[$1]}" ] && [ -n "${bearer[$1]}" ]
}
for u in adm coord prov ngo fra view; do
  if login $u; then pass "login: $u"; else fail "login: $u" "status $code"; fi
done
as() { echo -b "$tmp/$1.jar"; }
post() { local who=$1 url=$2; shift 2; fetch "$url" -b "$tmp/$who.jar" --data-urlencode "csrf=${tok[$who]}" "$@"; }
api() { local who=$1 method=$2 url=$3; shift 3
  if [ "$who" == anon ]; then fetch "$url" -X "$method" "$@"
  else fetch "$url" -X "$method" -H "Authorization: Bearer ${bearer[$who]}" "$@"; fi; }

# --- who sees what: pages, for every role (anon view prov ngo fra coord adm)
roles=(anon view prov ngo fra coord adm)
check_page() { local url=$1; shift; local i=0
  for want in "$@"; do
    local who=${roles[$i]} opts=()
    [ "$who" != anon ] && opts=(-b "$tmp/$who.jar")
    fetch "$url" "${opts[@]}"
    eq "access: $who GET $url answers $want" "$code" "$want"
    i=$((i + 1))
  done
}
check_page /coop 200 200 200 200 200 200 200
check_page /coop/needs/1 200 200 200 200 200 200 200
check_page /coop/needs/2 404 404 404 404 404 200 200
check_page /coop/needs/3 404 200 200 200 200 200 200
check_page /coop/offers/1 200 200 200 200 200 200 200
check_page /coop/needs/new 401 403 403 403 200 200 200
check_page /coop/offers/new 401 403 200 200 200 200 200
check_page /coop/report 200 200 200 200 200 200 200
status "unknown need: 404" 404 /coop/needs/99 $(as coord)
status "malformed need id: 404" 404 /coop/needs/abc $(as coord)

for who in anon view prov ngo fra; do
  opts=(); [ "$who" != anon ] && opts=(-b "$tmp/$who.jar")
  fetch /coop "${opts[@]}"
  lacks "privacy: $who's /coop lacks the private need" "$SECRET"
  fetch "/coop?q=prison" "${opts[@]}"
  lacks "privacy: $who's /coop search lacks the private need" "$SECRET"
  fetch /recommendations/$PRIV "${opts[@]}"
  lacks "privacy: $who's recommendation page lacks the private need" "$SECRET"
  api $who GET /api/v1/needs
  lacks "privacy: $who's GET /api/v1/needs lacks the private need" "$SECRET"
  api $who GET "/api/v1/needs?q=prison"
  has "privacy: $who's API search finds nothing" '"total":0'
  api $who GET /api/v1/needs/2
  eq "privacy: $who's GET /api/v1/needs/2 is 404" "$code" 404
  fetch "/coop/report/file?year=$(date -u +%Y)&format=csv" "${opts[@]}"
  lacks "privacy: $who's annual report lacks the private need" "$SECRET"
done
fetch /coop; lacks "public: /coop lacks the registered need" "Registered data need"
has "public: /coop lists the public need" "Law on domestic violence"
has "public: /coop lists the offers" "Legal drafting support"
fetch /coop -b "$tmp/view.jar"; has "viewer: /coop lists the registered need" "Registered data need"
fetch /coop -b "$tmp/coord.jar"
has "State: /coop lists its private need under its own" "$SECRET"
has "State: its own needs section" "Your State&#39;s needs"
fetch /recommendations/$PUB
has "recommendation page: the public need is linked" 'href="/coop/needs/1"'
lacks "recommendation page: no request link for the public" "/coop/needs/new"
fetch /recommendations/$PUB -b "$tmp/coord.jar"
has "recommendation page: the State may ask for cooperation" "/coop/needs/new?rec=$PUB"
fetch /recommendations/$PUB -b "$tmp/fra.jar"
lacks "recommendation page: another State may not ask on it" "/coop/needs/new?rec="
fetch /recommendations/$PRIV -b "$tmp/coord.jar"
has "recommendation page: the State sees its private need" "$SECRET"

# rankings: the provider never gets the private need
fetch /coop/offers/1 -b "$tmp/prov.jar"
has "provider: its offer page ranks needs" "Needs this offer fits"
has "provider: the public need is ranked" "Law on domestic violence"
lacks "provider: the private need is not ranked" "$SECRET"
has "provider: the score is explained by its parts" "Themes in common"
has "provider: a meter per part" '<meter min="0" max="1"'
api prov GET /api/v1/offers/1/needs
has "API ranking for the offer: public need" '"title":"Law on domestic violence"'
lacks "API ranking for the offer: no private need" "$SECRET"
has "API ranking: parts with weights" '"part":"theme","weight":'
api prov GET /api/v1/needs/2/offers
eq "API ranking for the private need: 404 for the provider" "$code" 404
api prov GET /api/v1/needs/1/offers
eq "API ranking for a need: the provider may ask" "$code" 200
post prov /coop/matches --data-urlencode form=propose-2 -d need=2 -d offer=1 -d side=offer
eq "provider cannot propose on the private need (404)" "$code" 404
api prov POST /api/v1/matches -d '{"need_id":2,"offer_id":1,"side":"offer"}'
eq "provider cannot propose on the private need by API (404)" "$code" 404
has "API error as JSON" '{"error":{"code":"not_found"'

# --- the State records a need through the form, from ticked recommendations
fetch "/coop/needs/new?rec=SVN-UPR34-121.5" -b "$tmp/coord.jar"
has "need form: the recommendation of the link is ticked" 'value="SVN-UPR34-121.5" checked'
fetch "/coop/needs/new?q=torture" -b "$tmp/coord.jar"
has "need form: the search lists the State's recommendations" 'name="rec" value="SVN-UPR'
post coord /coop/needs -d form=need -d rec=SVN-UPR34-121.5 -d rec=SVN-UPR34-121.6 \
  --data-urlencode "title=$SCRIPT" -d description=Escaped -d visibility=private -d lang=en
eq "need form: no kind of help is refused (400)" "$code" 400
has "need form: core's message is shown" "The change was refused."
has "need form: the title typed is kept, escaped" "$SCRIPT_ESC"
lacks "need form: no raw script" "$SCRIPT"
post coord /coop/needs -d form=need -d rec=SVN-UPR34-121.5 -d recs="SVN-UPR34-121.6" \
  --data-urlencode "title=$SCRIPT" -d "description=Data on hate speech" -d kind=data_collection \
  -d kind=monitoring -d provider=un_entity -d languages="en, fr" -d visibility=registered -d lang=en
eq "need form: recorded (303)" "$code" 303
eq "need form: to the new need" "$(location)" "/coop/needs/4?done=need"
fetch "$(location)" -b "$tmp/coord.jar"
has "need page: notice" "Need recorded."
has "need page: title escaped" "$SCRIPT_ESC"
lacks "need page: no raw script" "$SCRIPT"
has "need page: both recommendations" 'href="/recommendations/SVN-UPR34-121.6"'
has "need page: kinds sought" "Monitoring"
has "need page: the State's consent form" 'name="visibility"'
has "need page: ranked offers for the State" "Offers that fit this need"
post fra /coop/needs -d form=need -d rec=$PUB -d title=Theft -d description=x -d kind=training
eq "another State cannot record a need on SVN's recommendation (400)" "$code" 400
post prov /coop/needs -d form=need -d rec=$PUB -d title=x -d description=x -d kind=training
eq "a provider cannot record a need (403)" "$code" 403
fetch /coop/needs -b "$tmp/coord.jar" -d form=need -d title=x
eq "CSRF: a form without its token is refused (403)" "$code" 403

# --- the provider records an offer through the form
post prov /coop/offers -d form=offer -d title="Statistics help" -d "description=Surveys on hate speech" \
  -d kind=data_collection -d kind=monitoring -d sdg=16 -d modality=remote -d languages=en,fr \
  -d lang=en -d regions=WEOG -d capacity=2 --data-urlencode "past=Survey in 2024: 3 reports"
eq "offer form: recorded (303)" "$code" 303
eq "offer form: to the new offer" "$(location)" "/coop/offers/3?done=offer"
fetch /coop/offers/3
has "offer page: public" "Statistics help"
has "offer page: past activities" "Survey in 2024: 3 reports"
post prov /coop/offers -d form=offer -d title=x -d description=x -d kind=training
eq "offer form: neither theme nor SDG is refused (400)" "$code" 400
post view /coop/offers -d form=offer -d title=x -d description=x -d kind=training -d sdg=5
eq "offer form: a viewer may not (403)" "$code" 403

# --- propose, answer, follow: provider proposes on the public need, the State accepts
post prov /coop/matches -d form=propose-1 -d need=1 -d offer=1 -d side=offer -d "comment=We can start in March."
eq "propose: 303" "$code" 303
eq "propose: to the match" "$(location)" "/coop/matches/1?done=proposed"
fetch /coop/matches/1 -b "$tmp/prov.jar"
has "match page: proposed" "Proposed"
has "match page: the message" "We can start in March."
has "match page: score at the proposal" "Score when proposed"
lacks "match page: the proposer cannot accept its own proposal" 'value="accepted"'
post prov /coop/matches/1 -d form=move-accepted -d to=accepted
eq "the proposer's accept is refused (400)" "$code" 400
has "the refusal says why" "The change was refused."
fetch /coop/needs/1 -b "$tmp/coord.jar"
has "need page: the State sees the proposal" 'href="/coop/matches/1"'
fetch /coop/matches/1 -b "$tmp/coord.jar"
has "match page: the State may accept" 'value="accepted"'
post coord /coop/matches/1 -d form=move-accepted -d to=accepted -d "comment=Welcome"
eq "the State accepts (303)" "$code" 303
eq "accepted: notice link" "$(location)" "/coop/matches/1?done=accepted"
post prov /coop/matches/1 -d form=move-in_progress -d to=in_progress -d "comment=Mission 1 done"
eq "the provider starts (303)" "$code" 303
post view /coop/matches/1 -d form=move-completed -d to=completed
eq "a viewer cannot move a match (403)" "$code" 403
post fra /coop/matches/1 -d form=move-completed -d to=completed
eq "another State cannot move the match" "$code" 403
post coord /coop/matches/1 -d form=move-completed -d to=completed -d "comment=Law adopted"
eq "the State completes (303)" "$code" 303
fetch /coop/matches/1
has "match page (public): completed" "Completed"
has "match page: history with notes" "Law adopted"
has "match page: history of every move" "Mission 1 done"
fetch /coop/needs/1
has "need page: met" ">Met<"
has "need page: the history of its exchanges" "Law adopted"
has "need page: every move in it" "Mission 1 done"
post adm /coop/needs -d form=need -d org=1 -d rec=SVN-UPR34-121.8 -d title="Recorded by the hub" \
  -d description=x -d kind=other -d visibility=public
eq "an administrator records a need for a State it names (303)" "$code" 303
post adm /coop/needs -d form=need -d org=2 -d rec=SVN-UPR34-121.8 -d title=x -d description=x -d kind=other
eq "an administrator cannot record a need for a UN entity (400)" "$code" 400

# --- the consent exception: the State proposes its private need to the provider
post coord /coop/matches -d form=propose-1 -d need=2 -d offer=1 -d side=need -d "comment=Would you?"
eq "the State proposes its private need (303)" "$code" 303
status "the provider now sees that need" 200 /coop/needs/2 $(as prov)
status "another provider still does not" 404 /coop/needs/2 $(as ngo)
status "the public still does not" 404 /coop/needs/2
api prov GET /api/v1/needs/2; eq "the provider sees it by API too" "$code" 200
lacks "API: the provider does not see who recorded it" '"created_by"'
api coord GET /api/v1/needs/2; has "API: the State sees who recorded it" '"created_by":"coord"'
post coord /coop/matches/2 -d form=move-withdrawn -d to=withdrawn
eq "the State withdraws the proposal (303)" "$code" 303
status "the provider no longer sees the private need" 404 /coop/needs/2 $(as prov)
# one match by id (core_match_get): gone with its need's consent, for pages and API alike
status "the provider no longer sees the match on the private need" 404 /coop/matches/2 $(as prov)
api prov GET /api/v1/matches/2; eq "API: nor by id (404, not 403)" "$code" 404
lacks "API: the 404 does not disclose the need" "$SECRET"
status "the State still sees that match" 200 /coop/matches/2 $(as coord)
api coord GET /api/v1/matches/2; eq "API: the State gets the match by id" "$code" 200
has "API: the match by id with its history" '"history":[{'
status "an unknown match is 404" 404 /coop/matches/999 $(as adm)

# --- visibility and withdrawal
post coord /coop/needs/3 -d form=visibility -d do=visibility -d visibility=private
eq "visibility lowered (303)" "$code" 303
status "the viewer no longer sees need 3" 404 /coop/needs/3 $(as view)
post fra /coop/needs/1 -d form=visibility -d do=visibility -d visibility=private
eq "another State cannot change SVN's visibility" "$code" 403
fetch "/coop/needs/4?confirm=withdraw" -b "$tmp/coord.jar"
has "withdrawal asks for confirmation" "Yes, withdraw it"
post coord /coop/needs/4 -d form=withdraw -d do=withdraw
eq "withdrawal without confirmation is refused (400)" "$code" 400
post coord /coop/needs/4 -d form=withdraw -d do=withdraw -d confirm=yes
eq "withdrawal confirmed (303)" "$code" 303
status "a withdrawn need is gone for the viewer" 404 /coop/needs/4 $(as view)
fetch /coop/needs/4 -b "$tmp/coord.jar"; has "the State still sees its withdrawn need" "Withdrawn"

# --- a need's own history: its State and administrators only
fetch /coop/needs/3 -b "$tmp/coord.jar"
has "need history: the State sees it on the page" "History of this need"
has "need history: the visibility change" "Visibility changed"
has "need history: who changed it" "<td>coord</td>"
fetch /coop/needs/4 -b "$tmp/coord.jar"; has "need history: the withdrawal" "Need withdrawn"
fetch /coop/needs/1 -b "$tmp/adm.jar"
has "need history: an administrator sees it" "History of this need"
has "need history: met by the completed match" "Met by a completed match"
for who in anon view prov ngo fra; do
  opts=(); [ "$who" != anon ] && opts=(-b "$tmp/$who.jar")
  fetch /coop/needs/1 "${opts[@]}"
  lacks "need history: not on $who's page of the public need" "History of this need"
  api $who GET /api/v1/needs/1
  eq "need history: $who still gets the public need by API" "$code" 200
  lacks "need history: not in $who's API answer" '"history"'
done
api coord GET /api/v1/needs/3
has "need history: in the State's API answer" '"history":[{'
has "need history: before and after" '"action":"visibility","visibility_before":"registered","visibility_after":"private"'
api adm GET /api/v1/needs/4
has "need history: withdrawal by API, for an administrator" '"action":"withdraw"'

# --- the API: record, propose, decide with bearer tokens; conventions
api coord POST /api/v1/needs -d "{\"recs\":\"SVN-UPR34-121.7\",\"title\":\"API need\",\"description\":\"By API\",\"kinds\":\"policy_advice\",\"visibility\":\"public\"}"
eq "API: a need recorded (201)" "$code" 201
need=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
api coord POST /api/v1/needs -d '{"recs":"SVN-UPR34-121.7","title":"x","description":"x","kinds":"nonsense"}'
eq "API: an unknown kind is 400" "$code" 400
has "API: the message names the value" "nonsense"
api prov POST /api/v1/offers -d '{"title":"API offer","description":"Policy advice on ratification","kinds":"policy_advice","sdgs":"16","modality":"mixed","capacity":1}'
eq "API: an offer recorded (201)" "$code" 201
offer=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
api coord POST /api/v1/matches -d "{\"need_id\":$need,\"offer_id\":$offer,\"side\":\"need\",\"comment\":\"Please\"}"
eq "API: the State proposes (201)" "$code" 201
match=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
api prov POST /api/v1/matches/$match/decisions -d '{"state":"declined","comment":"Not now"}'
eq "API: the provider declines (200)" "$code" 200
has "API: declined" '"state":"declined"'
api prov POST /api/v1/matches/$match/decisions -d '{"state":"accepted"}'
eq "API: a declined match cannot be accepted (400)" "$code" 400
api anon GET /api/v1/matches/$match
has "API: one match with its history" '"history":[{'
has "API: its score parts" '"parts":[{"part":"theme"'
api coord PATCH /api/v1/needs/$need -d '{"visibility":"registered"}'
eq "API: visibility changed" "$code" 200
has "API: registered" '"visibility":"registered"'
api anon GET /api/v1/needs/$need; eq "API: the public no longer sees it" "$code" 404
api prov PATCH /api/v1/needs/$need -d '{"status":"withdrawn"}'
eq "API: a provider cannot withdraw a State's need" "$code" 403
fetch /api/v1/needs -X POST -b "$tmp/coord.jar" -d '{"title":"x"}'
eq "API: a cookie session without its CSRF token is refused" "$code" 403
api anon GET "/api/v1/needs?per_page=1"
has "API: paginated" '"page":1,"per_page":1,"total":'
api anon GET "/api/v1/needs?per_page=500"; eq "API: per_page over 100 is 400" "$code" 400
api anon GET /api/v1/offers
etag=$(grep -i '^ETag:' "$tmp/head" | tr -d '\r' | sed 's/^[Ee][Tt][Aa][Gg]: //')
api anon GET /api/v1/offers -H "If-None-Match: $etag"
eq "API: ETag gives 304" "$code" 304
fetch /api/v1/openapi.json
for path in /needs /needs/{id}/offers /offers /offers/{id}/needs /matches '/matches/{id}/decisions'; do
  has "OpenAPI: $path" "\"$path\""
done
lacks "OpenAPI: no private need in the document" "$SECRET"

# --- languages and the navigation
fetch "/coop?lang=fr"; has "French page" "Coopération technique"
fetch "/coop?lang=es"; has "Spanish page" "Cooperación técnica"
fetch /; has "navigation links the cooperation" 'href="/coop"'

# --- the annual report from the web (formats are checked in test_coop_report.sh)
fetch "/coop/report/file?year=$(date -u +%Y)&format=csv" -b "$tmp/adm.jar"
eq "annual report: CSV for the administrator" "$code" 200
fetch "/coop/report/file?year=$(date -u +%Y)&format=exe"
eq "annual report: an unknown format is 400" "$code" 400
fetch "/coop/report/file?year=$(date -u +%Y)&format=pdf"
eq "annual report: PDF" "$(head -c 5 "$tmp/body")" "%PDF-"

stop
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/serve.out"; then
  fail "serve: no sanitizer report" "$(grep -m1 -A5 'ERROR\|runtime error' "$tmp/serve.out")"
fi
exit 0
