#!/usr/bin/env bash
# End-to-end tests of the knowledge hub: `suivi hub` (profiles, practices, documents, import of
# data/hub, search, --json, --help, --as), then `suivi serve` with curl: the pages in English,
# French and Spanish (language fallback with its note, Markdown rendered with raw HTML and
# javascript: links removed), the JSON API, and permissions (the public never sees an
# unpublished entry — page, listing, search, file or API — and cannot write; a contributor's
# proposal stays unpublished; only coordinators publish; CSRF on every form).
# Prints "PASS name" / "FAIL name" lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
export SUIVI_DATA=${SUIVI_DATA:-$PWD/data} # wherever the binary was built
tmp=$(mktemp -d)
db=$(tests/cli/dburl "$tmp/t.db")
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=; fi; }
trap 'stop; rm -rf "$tmp"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
contains() { if [[ "$2" == *"$3"* ]]; then pass "$1"; else fail "$1" "no '$3' in '$(head -c 300 <<<"$2")'"; fi; }
lacking() { if [[ "$2" == *"$3"* ]]; then fail "$1" "found '$3'"; else pass "$1"; fi; }
s() { "$SUIVI" --db "$db" "$@"; }
PW=a-long-password-1
SCRIPT='<script>alert(1)</script>'

# --- command line ---------------------------------------------------------------------------
s init >/dev/null 2>&1 || fail "init"
for u in "coord coordinator" "nhri contributor" "cso contributor" "view viewer"; do
  set -- $u
  SUIVI_PASSWORD=$PW s user add "$1" --role "$2" >/dev/null || fail "setup: user $1"
done
out=$(s hub --help); contains "hub --help" "$out" "suivi --db FILE hub import FILE"
s hub >/dev/null 2>&1; eq "hub without subcommand: usage error (2)" "$?" 2

out=$(s hub import data/hub/library.hub 2>&1)
contains "import library: five resolutions" "$out" "5 documents written"
out=$(s hub import data/hub/demo.hub 2>&1)
contains "import demo: profiles and practices" "$out" "2 profiles, 4 good practices"
out=$(s hub import data/hub/demo.hub 2>&1)
contains "import again: nothing rewritten" "$out" "0 profiles, 0 good practices, 0 documents written, 6 unchanged"
out=$(s hub import data/hub/demo.hub --as nhri 2>&1); rc=$?
eq "import as a contributor: refused" "$rc" 1
printf '%%%% profile\ncountry: ITA\nname: X\nstanding: sometimes\n' >"$tmp/bad.hub"
out=$(s hub import "$tmp/bad.hub" 2>&1)
contains "import: a bad record names file and line" "$out" "bad.hub:1: standing"

out=$(s hub doc list)
contains "doc list: 60/27 is there" "$out" "A/HRC/RES/60/27"
out=$(s hub doc list --json | head -1)
contains "doc list --json" "$out" '"symbol":"A/HRC/RES/60/27"'

printf 'Texte du document.\n' >"$tmp/doc.md"
out=$(s hub doc add "$tmp/doc.md" --symbol A/HRC/TEST/1 --title "Un document" --lang fr --date 2026-01-02 --as coord)
contains "doc add" "$out" "added"
out=$(s hub doc add "$tmp/doc.md" --symbol A/HRC/TEST/1 --title "Un document" --lang fr --date 2026-01-02 --as coord)
contains "doc add again: unchanged" "$out" "unchanged"
s hub doc add "$tmp/doc.md" --symbol A/HRC/TEST/2 --title "X" --lang fr --as nhri >/dev/null 2>&1
eq "doc add as a contributor: refused" "$?" 1
out=$(s hub profile list)
contains "profile list" "$out" "SVN"
out=$(s hub profile show Slovenia)
contains "profile show by name" "$out" "illustrative profile"
contains "profile show: participation" "$out" "NHRI"
out=$(s hub profile show BEN --json)
contains "profile show --json" "$out" '"standing":"ad_hoc"'
s hub profile add --country FRA --name X --standing standing --as nhri >/dev/null 2>&1
eq "profile add as a contributor: refused" "$?" 1
out=$(s hub profile add --country FRA --name "Délégation interministérielle" --standing standing --lang fr --nhri yes --nhri-how "observatrice" --as coord)
contains "profile add as coordinator" "$out" "created NMIRF profile of FRA"

# a contributor's proposal, with hostile Markdown
printf '## Our practice\n\nText with <script>alert(1)</script> and [a link](javascript:alert(1)) and <b onclick="x()">bold</b>.\n' >"$tmp/body.md"
pid_nhri=$(s hub practice add --title-en "Shadow tracker of the NHRI" --body-en "@$tmp/body.md" --country SVN --tags "sdg:16.6, free:shadow" --publish --as nhri)
[[ $pid_nhri =~ ^[0-9]+$ ]] && pass "practice add as contributor: id $pid_nhri" || fail "practice add as contributor" "$pid_nhri"
out=$(s hub practice show "$pid_nhri" --as nhri)
contains "the author sees the proposal, unpublished (--publish ignored)" "$out" "unpublished"
s hub practice show "$pid_nhri" --as cso >/dev/null 2>&1
eq "another contributor does not see it" "$?" 1
out=$(s hub practice list --as cso)
lacking "another contributor's listing leaves it out" "$out" "Shadow tracker"
out=$(s hub practice list --as view)
contains "a viewer's listing has it" "$out" "Shadow tracker"
out=$(s hub search "shadow tracker" --as cso)
contains "search as another contributor: no match" "$out" "0 matches"
out=$(s hub practice edit "$pid_nhri" --title-fr "Suivi parallèle de l'INDH" --body-fr "Texte en français." --as nhri)
contains "the author edits the unpublished proposal" "$out" "saved"
out=$(s hub practice show "$pid_nhri" --lang fr --as nhri)
contains "edit: French version added" "$out" "Suivi parallèle"
out=$(s hub practice show "$pid_nhri" --lang en --json --as nhri)
contains "edit: the English version and the tags kept" "$out" '"code":"16.6"'
contains "edit: English body kept" "$out" "Our practice"
s hub practice edit "$pid_nhri" --title-en "Taken over" --as cso >/dev/null 2>&1
eq "another contributor may not edit it" "$?" 1
s hub practice publish "$pid_nhri" --as nhri >/dev/null 2>&1
eq "the author may not publish" "$?" 1
out=$(s hub practice attach "$pid_nhri" "$tmp/body.md" --as nhri 2>&1)
contains "attach: a .md file is not an accepted type" "$out" "not accepted"
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/terms.pdf"
fid=$(s hub practice attach "$pid_nhri" "$tmp/terms.pdf" --as nhri)
[[ $fid =~ ^[0-9]+$ ]] && pass "attach a PDF: file $fid" || fail "attach a PDF" "$fid"
cp "$tmp/body.md" "$tmp/fake.pdf"
out=$(s hub practice attach "$pid_nhri" "$tmp/fake.pdf" --as nhri 2>&1)
contains "attach: text named .pdf is refused" "$out" "declared a PDF document (application/pdf) but its content is plain text"

out=$(s hub practice show 1 --lang es)
contains "show in Spanish" "$out" "Una sola matriz"
out=$(s hub practice show 2 --lang en)
contains "show: French only, a note for an English reader" "$out" "not available in en; shown in fr"
out=$(s hub practice list --tag sdg:17.18 --json)
contains "list --tag --json" "$out" '"code":"17.18"'
out=$(s hub search "mécanisme national" --lang fr)
contains "search FR: 'mécanisme national' finds the French entry" "$out" "practice 2 [fr]"
contains "search FR: and the resolutions" "$out" "doc "
contains "search FR: snippets marked" "$out" "[mécanisme]"
out=$(s hub search "national mechanisms" --lang en --kind practice)
contains "search EN: 'national mechanisms'" "$out" "practice 1 [en]"
lacking "search EN --kind practice: no documents" "$out" "doc "
out=$(s hub search "national mechanisms" --json --kind practice)
contains "search --json" "$out" '"kind":"practice"'
out=$(s search "mécanisme national" 2>&1)
lacking "recommendation search does not return hub entries" "$out" "practice"
out=$(s hub search "(unbalanced" 2>&1); rc=$?
eq "search: a malformed query fails" "$rc" 1

# --- the server ------------------------------------------------------------------------------
"$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --access-log "$tmp/access.log" \
  >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
if [ -z "$port" ]; then fail "serve" "$(head -c 300 "$tmp/serve.out")"; exit 0; fi
pass "serve: port $port"
base=http://127.0.0.1:$port

fetch() { local url=$1; shift
  code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$base$url"); }
has() { if grep -qF -- "$2" "$tmp/body"; then pass "$1"; else fail "$1" "no '$2' in $(head -c 300 "$tmp/body" | tr '\n' ' ')"; fi; }
lacks() { if grep -qiF -- "$2" "$tmp/body"; then fail "$1" "found '$2'"; else pass "$1"; fi; }
location() { grep -i '^Location:' "$tmp/head" | tr -d '\r' | sed 's/^[Ll]ocation: //'; }
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$tmp/body" | head -1; }
declare -A tok
login() {
  local jar=$tmp/$1.jar t
  t=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "login=$1&password=$PW&csrf=$t" "$base/login"
  fetch /hub -b "$jar"
  tok[$1]=$(field csrf)
  [ "$code" == 200 ] && [ -n "${tok[$1]}" ]
}
for u in coord nhri cso view; do
  if login $u; then pass "login: $u"; else fail "login: $u" "status $code"; fi
done
as() { echo -b "$tmp/$1.jar"; }
post() { local who=$1 url=$2; shift 2; fetch "$url" -b "$tmp/$who.jar" --data-urlencode "csrf=${tok[$who]}" "$@"; }

# pages, EN/FR/ES
fetch /
has "nav: a Knowledge hub link" '<a href="/hub">Knowledge hub</a>'
fetch /hub
eq "GET /hub: 200" "$code" 200
has "hub: the good practices" "One implementation matrix for all mechanisms"
has "hub: the profiles" 'href="/hub/profiles/SVN"'
has "hub: the library" "A/HRC/RES/60/27"
has "hub: demo marked" "Demo, illustrative"
lacks "hub: the public does not see the proposal" "Shadow tracker"
lacks "hub: nor the unpublished demo proposal" "Consulting youth organisations"
lacks "hub: the public gets no propose form" 'action="/hub/practices"'
fetch "/hub?lang=fr"
has "hub in French" "<h1>Pôle de connaissances</h1>"
has "hub FR: the French title" "Une seule matrice de mise en œuvre"
fetch "/hub?lang=es"
has "hub in Spanish" "<h1>Centro de conocimientos</h1>"
fetch /hub/practices/2
eq "French-only entry for an English reader: 200" "$code" 200
has "fallback note in English" "This entry is not available in English; it is shown in French."
has "content marked as French" '<div class="markdown" lang="fr">'
fetch "/hub/practices/2?lang=es"
has "fallback note in Spanish" "Esta entrada no está disponible en español"
fetch "/hub/practices/1?lang=fr"
has "entry in French" "Une seule matrice de mise en œuvre pour tous les mécanismes"
has "other versions linked" 'hreflang="en"'
has "Markdown rendered" "<strong>Données de démonstration"
has "tags with SDG labels, in French" "ODD 16.6"
has "tags link to the entries with the tag" 'href="/hub/practices?tag=sdg%3A16.6"'
fetch "/hub/practices?tag=sdg%3A17.18"
has "by tag: the two entries with SDG 17.18" "Indicators from the statistics office"
lacks "by tag: not the others" "independent assessment"
has "by tag: says so" "Filtered by:"
fetch "/hub/practices?tag=nonsense"
eq "a malformed tag: 400" "$code" 400
fetch "/hub/search?q=m%C3%A9canisme+national"
has "search page: results" "result"
has "search page: snippets highlighted" "<mark>"
fetch "/hub/search?q=mecanismes&text_lang=fr&lang=fr"
has "search page FR" "résultat"
fetch "/hub/search?q=%28oops"
eq "search page: malformed query 400" "$code" 400
fetch /hub/profiles/SVN
has "profile page" "Interministerial coordination body"
has "profile: participation" "Takes part"
has "profile: reporting record rendered" "<li>UPR mid-term report"
fetch "/hub/profiles/BEN?lang=fr"
has "profile in French" "Ad hoc"
fetch /hub/profiles/XXX
eq "unknown profile: 404" "$code" 404
fetch /hub/documents/5
has "library document" "60/27"
has "library: the French-only note" "This document is available in French only."
lacks "library: raw HTML of the text removed" "<sup>"
fetch "/hub/documents/5?lang=fr"
lacks "library in French: no note" "available in"

# the unpublished proposal: hidden from the public and other contributors, everywhere
for who in anon cso; do
  opts=(); [ $who != anon ] && opts=($(as $who))
  fetch /hub/practices/$pid_nhri "${opts[@]}"; eq "$who: unpublished page 404" "$code" 404
  fetch /hub/files/$fid "${opts[@]}"; eq "$who: its file 404" "$code" 404
  fetch "/hub/search?q=shadow" "${opts[@]}"; lacks "$who: not in search" "Shadow tracker"
  fetch "/api/v1/hub/practices/$pid_nhri" "${opts[@]}"; eq "$who: API 404" "$code" 404
  fetch "/api/v1/hub/search?q=shadow" "${opts[@]}"; has "$who: API search total 0" '"total":0'
  fetch "/api/v1/hub/practices?per_page=100" "${opts[@]}"; lacks "$who: API list leaves it out" "Shadow tracker"
done
fetch /hub/practices/$pid_nhri $(as nhri)
eq "the author sees it" "$code" 200
has "marked unpublished" "Unpublished"
lacks "stored XSS: no script" "<script"
lacks "stored XSS: no javascript: link" 'href="javascript'
lacks "stored XSS: no event handler" 'onclick="'
has "Markdown heading kept" "<h2>Our practice</h2>"
has "the author may attach files" 'action="/hub/practices/'"$pid_nhri"'/files"'
lacks "but has no publish button" 'value="publish"'
has "the author may edit it" "Edit this entry"
post nhri /hub/practices/$pid_nhri -d "do=edit&form=edit&country=SVN" --data-urlencode "title_en=Shadow tracker, revised" --data-urlencode "body_en=New **body**." --data-urlencode "tags=sdg:16.6, free:shadow"
eq "the author's edit: 303" "$code" 303
fetch "/hub/practices/$pid_nhri?done=saved" $(as nhri)
has "edit saved" "Shadow tracker, revised"
has "still unpublished" "Unpublished"
post nhri /hub/practices/$pid_nhri -d "do=edit&form=edit" --data-urlencode "title_en=Only a title"
eq "an edit without body: 400" "$code" 400
has "the edit form comes back open" '<details class="form-box" open>'
has "with what was typed" 'value="Only a title"'
post cso /hub/practices/$pid_nhri -d "do=edit&form=edit&title_en=x&body_en=y"
eq "another contributor's edit: 404" "$code" 404
fetch /hub/practices/$pid_nhri $(as view)
eq "a viewer reads it" "$code" 200
lacks "a viewer has no edit form" "Edit this entry"
fetch /hub/files/$fid $(as nhri)
eq "file download by the author" "$code" 200
if grep -qi '^Content-Type: application/pdf' "$tmp/head" && grep -qi "attachment; filename\*=UTF-8''terms.pdf" "$tmp/head"; then
  pass "file: type and attachment name"; else fail "file: type and attachment name" "$(tr '\r\n' '  ' <"$tmp/head")"; fi

# writes: CSRF, roles, publish
fetch /hub/practices -d "title_en=x&body_en=y"
eq "the public may not propose (403: no session, no CSRF token)" "$code" 403
fetch /hub/practices $(as cso) -d "title_en=x&body_en=y"
eq "a form without CSRF token: 403" "$code" 403
post cso /hub/practices -d "form=propose&country=SVN&tags=free:youth" --data-urlencode "title_en=Youth $SCRIPT" --data-urlencode "body_fr=" --data-urlencode "body_en=Body of the youth practice"
eq "a contributor proposes: 303" "$code" 303
new=$(location | sed -n 's|/hub/practices/\([0-9]*\)?done=created|\1|p')
[ -n "$new" ] && pass "redirected to the new entry ($new)" || fail "redirected to the new entry" "$(location)"
fetch "/hub/practices/$new?done=created" $(as cso)
has "saved notice" "The good practice was saved."
has "title escaped" "Youth &lt;script&gt;"
has "unpublished" "Unpublished"
post cso /hub/practices -d "form=propose&title_en=No body"
eq "a proposal without body: 400" "$code" 400
has "with core's message" "body_en"
has "the form keeps what was typed" 'value="No body"'
post cso /hub/practices/$new -d "do=publish"
eq "a contributor may not publish (403)" "$code" 403
post coord /hub/practices/$new -d "do=publish"
eq "a coordinator publishes: 303" "$code" 303
fetch /hub/practices/$new
eq "now public" "$code" 200
fetch /hub/practices/$new $(as coord)
has "the coordinator may withdraw" "Withdraw from publication"
curl -s -o /dev/null -b "$tmp/nhri.jar" -F "csrf=${tok[nhri]}" -F "form=attach" -F "file=@$tmp/fake.pdf;type=application/pdf" -w '%{http_code}' "$base/hub/practices/$pid_nhri/files" >"$tmp/code"
eq "upload of a fake PDF refused (400)" "$(cat "$tmp/code")" 400
curl -s -o /dev/null -D "$tmp/head" -b "$tmp/nhri.jar" -F "csrf=${tok[nhri]}" -F "form=attach" -F "file=@$tmp/terms.pdf;type=application/pdf" -w '%{http_code}' "$base/hub/practices/$pid_nhri/files" >"$tmp/code"
eq "upload of a PDF by the author: 303" "$(cat "$tmp/code")" 303
curl -s -o /dev/null -b "$tmp/cso.jar" -F "csrf=${tok[cso]}" -F "form=attach" -F "file=@$tmp/terms.pdf;type=application/pdf" -w '%{http_code}' "$base/hub/practices/$pid_nhri/files" >"$tmp/code"
eq "upload by another contributor: refused" "$(cat "$tmp/code")" 404

# profiles on the web: coordinators add and edit them
fetch /hub $(as coord)
has "a coordinator may add a profile" "Add an NMIRF profile"
fetch /hub $(as nhri)
lacks "a contributor may not" "Add an NMIRF profile"
post coord /hub/profiles -d "form=profile&country=ITA&lang=it&standing=standing" --data-urlencode "name=Comitato"
eq "a profile with a bad language: 400" "$code" 400
has "with core's message" "lang"
has "the profile form comes back open" '<details class="form-box" open>'
post coord /hub/profiles -d "form=profile&country=ITA&lang=en&standing=ad_hoc&nhri=yes&statistics=no" --data-urlencode "name=Inter-ministerial committee $SCRIPT" --data-urlencode "reporting_record=- 2025: UPR report" --data-urlencode "nhri_how=observer"
eq "a coordinator adds a profile: 303" "$code" 303
eq "to its page" "$(location)" "/hub/profiles/ITA?done=saved"
fetch "/hub/profiles/ITA?done=saved" $(as coord)
has "saved notice" "The profile was saved."
has "its name escaped" "Inter-ministerial committee &lt;script&gt;"
has "edit form, prefilled" 'value="observer"'
fetch /hub/profiles/ITA
has "the public reads it" "Ad hoc"
lacks "without the form" "Edit this profile"
post nhri /hub/profiles -d "form=profile&country=ITA&lang=en&standing=standing&name=Mine"
eq "a contributor may not write a profile: 403" "$code" 403

# the JSON API
api() { # METHOD URL TOKEN [BODY]
  local args=(-s -o "$tmp/body" -w '%{http_code}' -X "$1" "$base$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  curl "${args[@]}"
}
declare -A bearer
for u in coord nhri view; do
  api POST /api/v1/session "" "{\"login\":\"$u\",\"password\":\"$PW\"}" >/dev/null
  bearer[$u]=$(jq -r .token "$tmp/body")
done
eq "API: practices" "$(api GET /api/v1/hub/practices)" 200
eq "API: total of published entries for the public" "$(jq .total "$tmp/body")" 4
eq "API: one practice" "$(api GET /api/v1/hub/practices/1)" 200
eq "API: its three languages" "$(jq -r '.texts | keys | join(",")' "$tmp/body")" "en,es,fr"
eq "API: its tags" "$(jq -r '[.tags[].code] | join(",")' "$tmp/body")" "demo,whole of government,16.6,17.18,National Human Rights Action Plans (or specific areas) / implementation plans"
eq "API: filter by tag" "$(api GET '/api/v1/hub/practices?tag=sdg:17.18')" 200
eq "API: two with SDG 17.18" "$(jq .total "$tmp/body")" 2
eq "API: profiles" "$(api GET /api/v1/hub/profiles)" 200
eq "API: four profiles" "$(jq '.items | length' "$tmp/body")" 4
eq "API: profile by ISO2" "$(api GET /api/v1/hub/profiles/SI)" 200
eq "API: participation" "$(jq -r .participation.nhri.takes_part "$tmp/body")" true
eq "API: documents" "$(api GET /api/v1/hub/documents)" 200
eq "API: six documents" "$(jq '.items | length' "$tmp/body")" 6
eq "API: one document with its text" "$(api GET /api/v1/hub/documents/5)" 200
contains "API: the text of 60/27" "$(jq -r .text "$tmp/body")" "pôle de connaissances virtuel"
eq "API: search" "$(api GET '/api/v1/hub/search?q=p%C3%B4le+virtuel&lang=fr')" 200
contains "API: search finds 60/27" "$(jq -r '.items[0].title' "$tmp/body")" "60/27"
eq "API: search without q: 400" "$(api GET /api/v1/hub/search)" 400
eq "API: public may not propose" "$(api POST /api/v1/hub/practices "" '{"title_en":"T","body_en":"B"}')" 401
eq "API: a viewer may not propose" "$(api POST /api/v1/hub/practices "${bearer[view]}" '{"title_en":"T","body_en":"B"}')" 403
eq "API: a contributor proposes (201)" "$(api POST /api/v1/hub/practices "${bearer[nhri]}" '{"title_es":"Buena práctica","body_es":"Texto","country":"ESP","tags":"sdg:5","published":true}')" 201
apid=$(jq -r .id "$tmp/body")
eq "API: stored unpublished" "$(jq -r .published "$tmp/body")" false
eq "API: a contributor may not publish" "$(api PATCH /api/v1/hub/practices/$apid "${bearer[nhri]}" '{"published":true}')" 403
eq "API: a coordinator publishes" "$(api PATCH /api/v1/hub/practices/$apid "${bearer[coord]}" '{"published":true}')" 200
eq "API: now published" "$(jq -r .published "$tmp/body")" true
eq "API: bad input 400" "$(api POST /api/v1/hub/practices "${bearer[coord]}" '{"title_en":"only a title"}')" 400
eq "API: error as JSON" "$(jq -r .error.code "$tmp/body")" bad_request
eq "API: OpenAPI lists the hub" "$(api GET /api/v1/openapi.json)" 200
eq "API: OpenAPI hub paths" "$(jq '[.paths | keys[] | select(startswith("/hub"))] | length' "$tmp/body")" 7
fetch /api/v1/hub/practices/1
if grep -qi '^ETag:' "$tmp/head"; then pass "API: ETag"; else fail "API: ETag"; fi
etag=$(grep -i '^ETag:' "$tmp/head" | tr -d '\r' | sed 's/^[Ee][Tt][Aa][Gg]: //')
fetch /api/v1/hub/practices/1 -H "If-None-Match: $etag"
eq "API: 304 when unchanged" "$code" 304

# the audit trail has the hub's writes
out=$(s audit --entity hub_practice)
contains "audit: publishing recorded" "$out" "publish"
