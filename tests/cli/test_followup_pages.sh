#!/usr/bin/env bash
# End-to-end tests of the follow-up pages through `suivi serve` and curl, one cookie jar per
# person: every follow-up page for every role (allowed or refused), the navigation, the
# coordinator's forms (institutions, clusters, assignments, deadlines, validation, reminders),
# the focal point's (actions, indicators, progress reports, evidence uploads: a good file, one
# too large, a PNG declared as a PDF, a path in the name, an empty and an unaccepted file), the
# contributors' comments and independent assessments (beside the State's progress, never
# replacing it), what the public sees, evidence downloads (type, attachment, nosniff, encoded
# name), the reports (XLSX, CSV, DOCX, PDF, HTML) and hostile text escaped everywhere.
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

A=SVN-UPR34-121.1 B=SVN-UPR34-121.2 C=SVN-UPR34-121.3
SCRIPT='<script>alert(1)</script>'
SCRIPT_ESC='&lt;script&gt;alert(1)&lt;/script&gt;'
IMG='"><img src=x onerror=alert(1)>'
IMG_ESC='&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
PW=a-long-password-1
NB=$'\xc2\xa0' # the no-break space between a number and its unit

# --- a database with the demo data, institutions and one account per role
if s init >/dev/null && s import thematic-list data/demo/*.md >/dev/null 2>&1 &&
   s institution add MOJ "Ministry of Justice" --kind ministry >/dev/null &&
   s institution add MLSA "Ministry of Labour" --kind ministry >/dev/null &&
   s clusters create "Ratifications" --manual >/dev/null &&
   s clusters add Ratifications $B >/dev/null; then
  pass "setup: demo data, institutions, a cluster"
else
  fail "setup: demo data, institutions, a cluster"
fi
for u in "adm admin" "coord coordinator" "coord2 coordinator" "fp focal_point MOJ" \
         "fp2 focal_point MLSA" "nhri contributor" "view viewer"; do
  set -- $u
  SUIVI_PASSWORD=$PW s user add "$1" --role "$2" ${3:+--institution $3} >/dev/null ||
    fail "setup: user $1"
done

# --- the server, on a free port; bodies up to 23 MB, so that core's 20 MiB limit is what refuses
"$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --max-body 23000000 \
  --access-log "$tmp/access.log" >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'serving .* on http://' "$tmp/serve.out" && break; sleep 0.1; done
port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
if [ -z "$port" ]; then
  fail "serve: prints the address" "$(head -c 300 "$tmp/serve.out")"
  exit 0
fi
pass "serve: listening on port $port"
base=http://127.0.0.1:$port

# fetch URL [curl options...]: status in $code, body in $tmp/body, headers in $tmp/head
fetch() { local url=$1; shift
  code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$base$url"); }
status() { local name=$1 want=$2 url=$3; shift 3; fetch "$url" "$@"; eq "$name" "$code" "$want"; }
has() { if grep -qF -- "$2" "$tmp/body"; then pass "$1"; else fail "$1" "no '$2' in $(head -c 300 "$tmp/body" | tr '\n' ' ')"; fi; }
lacks() { if grep -qF -- "$2" "$tmp/body"; then fail "$1" "found '$2'"; else pass "$1"; fi; }
header() { if grep -qiF -- "$2" "$tmp/head"; then pass "$1"; else fail "$1" "no '$2' in $(tr '\r\n' '  ' < "$tmp/head")"; fi; }
location() { grep -i '^Location:' "$tmp/head" | tr -d '\r' | sed 's/^[Ll]ocation: //'; }
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$tmp/body" | head -1; }

# login LOGIN: a cookie jar $tmp/LOGIN.jar and the session's CSRF token in tok[LOGIN]
declare -A tok
login() {
  local jar=$tmp/$1.jar t
  t=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "login=$1&password=$PW&csrf=$t" "$base/login"
  fetch /followup -b "$jar"
  tok[$1]=$(field csrf)
  [ "$code" == 200 ] && [ -n "${tok[$1]}" ]
}
for u in adm coord coord2 fp fp2 nhri view; do
  if login $u; then pass "login: $u"; else fail "login: $u" "status $code"; fi
done
as() { local who=$1; shift; echo -b "$tmp/$who.jar"; }
# post WHO URL [curl data options...]: a form of WHO with its CSRF token
post() { local who=$1 url=$2; shift 2; fetch "$url" -b "$tmp/$who.jar" --data-urlencode "csrf=${tok[$who]}" "$@"; }
# upload WHO PROGRESS_ID FILE_SPEC: a multipart evidence upload
upload() { fetch "/progress/$2/evidence" -b "$tmp/$1.jar" -F "csrf=${tok[$1]}" -F "form=evidence-$2" -F "file=$3"; }

# --- every page for every role
roles=(anon view nhri fp coord adm)
check_page() { # URL then one expected status per role
  local url=$1; shift
  local i=0
  for want in "$@"; do
    local who=${roles[$i]} opts=()
    [ "$who" != anon ] && opts=(-b "$tmp/$who.jar")
    fetch "$url" "${opts[@]}"
    eq "access: $who GET $url answers $want" "$code" "$want"
    i=$((i + 1))
  done
}
check_page /followup 401 200 200 200 200 200
check_page /institutions 401 403 403 403 200 200
check_page /clusters 200 200 200 200 200 200
check_page /clusters/1 200 200 200 200 200 200
check_page /deadlines 200 200 200 200 200 200
check_page /outbox 401 403 200 200 200 200
check_page /validation 401 403 403 403 200 200
check_page /my 401 403 200 200 200 200
check_page /reports 401 200 403 403 200 200
check_page "/reports/matrix?format=csv" 401 200 403 403 200 200
check_page /recommendations/$A 200 200 200 200 200 200
status "unknown cluster: 404" 404 /clusters/999
status "unknown evidence: 404" 404 /evidence/999
status "a GET on a form's address: 405" 405 /recommendations/$A/actions $(as fp)

# --- navigation: the follow-up door for people signed in, with what their role may use
fetch /
lacks "nav: the public has no Follow-up link" 'href="/followup"'
fetch / $(as fp)
has "nav: a focal point has the Follow-up link" 'href="/followup">Follow-up</a>'
fetch /followup $(as fp)
has "followup: a focal point is offered its work" 'href="/my"'
lacks "followup: not the validation queue" 'href="/validation"'
lacks "followup: nor the institutions" 'href="/institutions"'
fetch /followup $(as coord)
has "followup: a coordinator is offered validation" 'href="/validation"'
has "followup: and the reports" 'href="/reports"'
fetch /followup $(as view)
has "followup: a viewer is offered the reports" 'href="/reports"'
lacks "followup: a viewer has no work of their own" 'href="/my"'
fetch "/followup?lang=fr" $(as fp)
has "followup in French" "<h1>Suivi</h1>"
fetch "/my?lang=es" $(as fp)
has "my work in Spanish" "El trabajo de mi institución"

# --- refusals of forms: CSRF, role, institution
status "POST without CSRF token: 403" 403 /institutions $(as coord) -d "form=institution&code=X&name=X"
post fp /institutions -d "form=institution&code=X&name=X"
eq "a focal point may not add institutions" "$code" 403
post fp /recommendations/$A/assign -d "form=assign&institution=MOJ&role=lead"
eq "a focal point may not assign" "$code" 403
post view /recommendations/$A/notes -d "form=comment&kind=comment&body=hello"
eq "a viewer may not comment" "$code" 403
status "the public may not post a comment" 403 /recommendations/$A/notes -d "form=comment&kind=comment&body=x"

# --- institutions
post coord /institutions -d "form=institution&code=STAT&kind=statistics&branch=executive" --data-urlencode "name=Statistics office $SCRIPT"
eq "institutions: create redirects (303)" "$code" 303
eq "institutions: to the list with a message" "$(location)" "/institutions?done=institution"
fetch "/institutions?done=institution" $(as coord)
has "institutions: created message" "Institution created."
has "institutions: listed with its code" '<th scope="row">STAT</th>'
has "institutions: the name escaped" "Statistics office $SCRIPT_ESC"
has "institutions: kind and branch translated" "<td>Statistics office</td><td>Executive</td>"
post coord /institutions -d "form=institution&code=bad code&name=Bad"
eq "institutions: a bad code is refused (400)" "$code" 400
has "institutions: with core's message" "expected 1 to 32 letters"
has "institutions: the form keeps what was typed" 'value="bad code"'
post coord /institutions -d "form=institution&code=MOJ&name=Again"
eq "institutions: a code taken is refused (400)" "$code" 400

# --- clusters
post coord /clusters -d "form=cluster&kind=theme&country=SVN" --data-urlencode "name=Violence $IMG" --data-urlencode "criterion=Violence against women"
eq "clusters: create by theme redirects (303)" "$code" 303
vaw=$(location | sed -n 's|/clusters/\([0-9]*\)?done=cluster|\1|p')
fetch "/clusters/$vaw?done=cluster" $(as coord)
has "clusters: created message" "Cluster created."
has "clusters: its name escaped" "Violence $IMG_ESC"
has "clusters: for one State" "<dd>Slovenia</dd>"
has "clusters: its members listed" 'href="/recommendations/SVN-'
has "clusters: the assign form" "Assign this cluster"
fetch /clusters
has "clusters: the public sees the list" "Violence $IMG_ESC"
lacks "clusters: but no form" "Create a cluster"
post coord /clusters -d "form=cluster&name=Nothing&kind=sdg&criterion="
eq "clusters: a criterion is needed (400)" "$code" 400
post coord /clusters/1 -d "form=assign&do=assign&institution=MOJ&role=supporting&deadline=2030-01-01"
eq "clusters: assign a cluster (303)" "$code" 303
post coord /clusters/1 -d "form=add&do=add&rec=$C"
eq "clusters: add a member (303)" "$code" 303
fetch "/clusters/1?done=member_added" $(as coord)
has "clusters: the added member" "href=\"/recommendations/$C\""
has "clusters: the assignment is listed" "<th scope=\"row\">Ministry of Justice</th><td>Supporting institution</td><td>2030-01-01</td>"
post coord /clusters/1 -d "form=remove&do=remove&rec=$C"
eq "clusters: remove a member (303)" "$code" 303
post coord /clusters/1 -d "form=add&do=add&rec=NOPE-1"
eq "clusters: an unknown recommendation is refused" "$code" 400

# --- assignment on the recommendation's page
fetch /recommendations/$A $(as coord)
has "assign: the form on the page" 'action="/recommendations/SVN-UPR34-121.1/assign#followup"'
post coord /recommendations/$A/assign -d "form=assign&institution=MOJ&role=lead&deadline=2030-06-30"
eq "assign: redirects (303)" "$code" 303
eq "assign: back to the follow-up" "$(location)" "/recommendations/$A?done=assigned#followup"
fetch "/recommendations/$A?done=assigned" $(as coord)
has "assign: saved message" "Assignment saved."
has "assign: the lead institution" "<th scope=\"row\">Ministry of Justice</th><td>Lead institution</td><td>directly</td><td>2030-06-30</td>"
post coord /recommendations/$A/assign -d "form=assign&institution=MOJ&role=lead&deadline=2030-02-30"
eq "assign: a bad date is refused (400)" "$code" 400
has "assign: with core's message" "expected a date YYYY-MM-DD"
fetch /recommendations/$B $(as fp)
has "assign: through a cluster" "with its cluster"

# --- deadlines
post coord /deadlines -d "form=deadline&body=UPR&due_date=2030-03-01" --data-urlencode "title=UPR mid-term report $SCRIPT"
eq "deadlines: add redirects (303)" "$code" 303
fetch /deadlines
has "deadlines: public, listed" "<td>2030-03-01</td><td>UPR mid-term report $SCRIPT_ESC</td><td>UPR</td>"
lacks "deadlines: no form for the public" 'name="due_date"'
post coord /deadlines -d "form=deadline&title=X&due_date=soon"
eq "deadlines: a bad date is refused (400)" "$code" 400
post fp /deadlines -d "form=deadline&title=X&due_date=2030-01-01"
eq "deadlines: a focal point may not add one" "$code" 403

# --- actions and indicators (the focal point)
fetch /recommendations/$A $(as fp)
has "plan: the focal point gets the action form" "Plan an action"
has "plan: and the indicator form" "Define an indicator"
fetch /recommendations/$A $(as fp2)
lacks "plan: not another institution's focal point" "Plan an action"
post fp /recommendations/$A/actions -d "form=action&institution=MOJ&unit=Legal department&start=2025-01-01&due=2025-02-01&budget=5000,50&currency=EUR&status=ongoing" --data-urlencode "description=Draft the bill $SCRIPT"
eq "plan: an action (303)" "$code" 303
fetch "/recommendations/$A?done=action" $(as fp)
has "plan: saved message" "Action saved."
has "plan: the action, escaped" "Draft the bill $SCRIPT_ESC"
has "plan: its budget" "5000.5${NB}EUR"
fetch "/recommendations/$A?lang=fr"
has "plan: the budget in French" "5000,5${NB}EUR"
has "plan: the public sees the action" "Draft the bill $SCRIPT_ESC"
post fp /recommendations/$A/actions -d "form=action&institution=MOJ&description=x&budget=100&currency=euros"
eq "plan: a bad currency is refused (400)" "$code" 400
has "plan: with core's message" "expected an ISO 4217 code"
has "plan: the form is open with what was typed" '<details class="form-box" open><summary>Plan an action'
post fp2 /recommendations/$A/actions -d "form=action&institution=MOJ&description=x"
eq "plan: another institution's focal point is refused (403)" "$code" 403
has "plan: with core's message" "own institution only"
post fp /recommendations/$A/actions -d "form=action-1&action=1&status=completed"
eq "plan: change an action's state (303)" "$code" 303
fetch /recommendations/$A $(as fp)
has "plan: the new state" '<option value="completed" selected>Completed</option>'
post fp /recommendations/$A/actions -d "form=action&institution=MOJ&due=2025-03-01" --data-urlencode "description=Consult civil society $IMG"
eq "plan: a second action (303)" "$code" 303
post fp /recommendations/$A/indicators -d "form=indicator&institution=MOJ&name=Ratifications&unit=count&source=Statistics office&baseline=0&baseline_date=2020-01-01&target=1&sdg=16.3.1"
eq "indicator: define (303)" "$code" 303
post fp /recommendations/$A/indicators -d "form=value-1&indicator=1&date=2024-06-30&value=1&note=law passed"
eq "indicator: record a value (303)" "$code" 303
post fp /recommendations/$A/indicators -d "form=value-1&indicator=1&date=2024-06-30&value=many"
eq "indicator: a value must be a number (400)" "$code" 400
fetch /recommendations/$A
has "indicator: the public sees it" "<h4>Ratifications</h4>"
has "indicator: its source" "<dd>Statistics office</dd>"
has "indicator: its value" "<tr><td>2024-06-30</td><td class=\"num\">1${NB}count</td><td>law passed</td></tr>"

# --- a progress report: draft, evidence, submit, return, again, validate
post fp /recommendations/$A/progress -d "form=draft&institution=MOJ&status=in_progress" --data-urlencode "narrative=The bill is drafted. $SCRIPT $IMG"
eq "progress: a draft (303)" "$code" 303
fetch "/recommendations/$A?done=draft" $(as fp)
has "progress: draft message" "Progress report saved as a draft."
has "progress: the narrative, escaped" "The bill is drafted. $SCRIPT_ESC $IMG_ESC"
has "progress: the upload form (multipart)" 'action="/progress/1/evidence#followup" enctype="multipart/form-data"'
has "progress: a file input" '<input type="file" id="evidence-file-1" name="file"'
fetch /recommendations/$A
lacks "progress: the public does not see a draft" "The bill is drafted."
fetch /recommendations/$A $(as view)
has "progress: a viewer reads drafts" "The bill is drafted."
post fp /recommendations/$A/progress -d "form=draft&institution=MOJ&status=in_progress&narrative="
eq "progress: a narrative is needed (400)" "$code" 400
post fp2 /recommendations/$A/progress -d "form=draft&institution=MOJ&status=in_progress&narrative=x"
eq "progress: not for another institution (403)" "$code" 403

printf '%%PDF-1.4\n%%%%EOF\n' > "$tmp/bill.pdf"
printf '\x89PNG\r\n\x1a\n0000IHDR' > "$tmp/photo.png"
printf 'MZ\x90\x00' > "$tmp/tool.exe"
: > "$tmp/empty.pdf"
{ printf '%%PDF-1.4\n'; head -c $((20 * 1024 * 1024)) /dev/zero; } > "$tmp/big.pdf"
head -c 24000000 /dev/zero > "$tmp/huge.pdf"
upload fp 1 "@$tmp/bill.pdf;type=application/pdf"
eq "evidence: a PDF is attached (303)" "$code" 303
fetch "/recommendations/$A?done=evidence" $(as fp)
has "evidence: attached message" "File attached."
has "evidence: listed with a download link" '<a href="/evidence/1" download>bill.pdf</a>'
upload fp 1 "@$tmp/photo.png;type=application/pdf"
eq "evidence: a PNG declared as a PDF is refused (400)" "$code" 400
has "evidence: the type error, translated" "The file&#39;s content is not what its type says."
has "evidence: with core's detail" "declared a PDF document (application/pdf) but its content is a PNG image"
fetch "/progress/1/evidence?lang=fr" -b "$tmp/fp.jar" -F "csrf=${tok[fp]}" -F "form=evidence-1" -F "file=@$tmp/photo.png;type=application/pdf"
has "evidence: the type error in French" "Le contenu du fichier ne correspond pas à son type."
upload fp 1 "@$tmp/bill.pdf;filename=../../etc/passwd.pdf"
eq "evidence: a path in the name is refused (400)" "$code" 400
has "evidence: the name error, translated" "The file name must be a plain name, without folders."
has "evidence: core's detail on the name" "expected a name without directories"
upload fp 1 "@$tmp/bill.pdf;filename=..\\..\\boot.ini.pdf"
eq "evidence: a Windows path in the name is refused (400)" "$code" 400
upload fp 1 "@$tmp/big.pdf;type=application/pdf"
eq "evidence: a file over 20 MiB is refused (400)" "$code" 400
has "evidence: the size error, translated" "The file is too large: at most 20 MiB."
has "evidence: core's detail on the size" "expected at most 20971520 (20 MiB)"
upload fp 1 "@$tmp/huge.pdf;type=application/pdf"
eq "evidence: a body over the server's limit gets 413" "$code" 413
upload fp 1 "@$tmp/empty.pdf;type=application/pdf"
eq "evidence: an empty file is refused (400)" "$code" 400
has "evidence: the empty error" "The file is empty."
upload fp 1 "@$tmp/tool.exe;type=application/octet-stream"
eq "evidence: an unaccepted type is refused (400)" "$code" 400
has "evidence: the type error" "This type of file is not accepted."
upload fp2 1 "@$tmp/bill.pdf;type=application/pdf"
eq "evidence: another institution does not even see the draft (404)" "$code" 404
fetch "/progress/1/evidence" -b "$tmp/fp.jar" -F "csrf=${tok[fp]}" -F "form=evidence-1"
eq "evidence: no file chosen (400)" "$code" 400
has "evidence: says to choose one" "Choose a file to attach."
cp "$tmp/bill.pdf" "$tmp/rapport d'état é.pdf"
upload fp 1 "@$tmp/rapport d'état é.pdf;type=application/pdf"
eq "evidence: a name with spaces, a quote and accents (303)" "$code" 303
status "evidence: a draft's file is hidden from the public" 404 /evidence/1
status "evidence: but not from its institution" 200 /evidence/1 $(as fp)

post fp /progress/1 -d "form=submit-1&do=submit"
eq "progress: submit (303)" "$code" 303
eq "progress: back with a message" "$(location)" "/recommendations/$A?done=submitted#followup"
upload fp 1 "@$tmp/bill.pdf;type=application/pdf"
eq "evidence: not on a submitted report (400)" "$code" 400
has "evidence: says why" "Files are attached to drafts and returned reports only."
fetch /validation $(as coord)
has "validation: the report waits" '<a href="/recommendations/SVN-UPR34-121.1#report-1">'
has "validation: its narrative, escaped" "The bill is drafted. $SCRIPT_ESC"
has "validation: its evidence" 'href="/evidence/1"'
has "validation: the forms" 'value="validate">Validate and publish</button>'
post fp /progress/1/review -d "form=review-1&from=validation&do=validate"
eq "validation: a focal point may not validate (403)" "$code" 403
post coord /progress/1/review -d "form=review-1&from=validation&do=return&comment="
eq "validation: returning needs a comment (400)" "$code" 400
has "validation: with core's message" "comment: empty"
post coord /progress/1/review -d "form=review-1&from=validation&do=return" --data-urlencode "comment=Add the bill itself. $SCRIPT"
eq "validation: return (303)" "$code" 303
eq "validation: back to the queue" "$(location)" "/validation?done=returned"
fetch "/validation?done=returned" $(as coord)
has "validation: returned message" "Progress report returned to the institution with your comment."
has "validation: listed as returned" "Returned, waiting for the institution"
fetch /recommendations/$A $(as fp)
has "returned: the focal point sees the comment" "Returned with this comment:"
has "returned: escaped" "Add the bill itself. $SCRIPT_ESC"
fetch /my $(as fp)
has "my: the returned report" "Returned for changes"
has "my: with the comment" "Add the bill itself. $SCRIPT_ESC"
has "my: the open action" "Consult civil society $IMG_ESC"
has "my: overdue" "<strong>Overdue</strong>"
lacks "my: not the completed one" "Draft the bill"
has "my: the recommendations assigned" "Recommendations assigned"
has "my: the cluster's recommendation too" "href=\"/recommendations/$B#followup\""
fetch "/my?institution=MLSA" $(as coord)
has "my: a coordinator looks at another institution" "Ministry of Labour (MLSA)"
post fp /progress/1 -d "form=report-1&do=edit&status=partially_implemented" --data-urlencode "narrative=The bill is before parliament. $SCRIPT"
eq "progress: edit a returned report (303)" "$code" 303
post fp /progress/1 -d "form=submit-1&do=submit"
eq "progress: submit again (303)" "$code" 303
post coord2 /progress/1/review -d "form=review-1&from=validation&do=validate&comment=Thank you."
eq "validation: another coordinator validates (303)" "$code" 303
fetch "/validation?done=validated" $(as coord2)
has "validation: validated message" "Progress report validated: it is now published."
has "validation: the queue is empty" "No progress report is waiting for validation."
post coord /progress/1/review -d "form=review-1&do=return&comment=again"
eq "validation: a validated report is final (400)" "$code" 400

# --- what the public sees
fetch /recommendations/$A
has "public: the validated status" '<span class="status status-partially_implemented">Partially implemented</span>'
has "public: the narrative, escaped" "The bill is before parliament. $SCRIPT_ESC"
has "public: the evidence link" '<a href="/evidence/1" download>bill.pdf</a>'
lacks "public: not the reviewer's comment" "Thank you."
lacks "public: no login of officials" "(fp)"
lacks "public: no forms" 'name="csrf"'
status "public: the evidence downloads" 200 /evidence/1
header "evidence: the stored type" "Content-Type: application/pdf"
header "evidence: as an attachment" "Content-Disposition: attachment; filename*=UTF-8''bill.pdf"
header "evidence: never sniffed" "X-Content-Type-Options: nosniff"
if cmp -s "$tmp/body" "$tmp/bill.pdf"; then pass "evidence: the bytes as uploaded"; else fail "evidence: the bytes as uploaded"; fi
status "evidence: the accented name" 200 /evidence/2
header "evidence: its name percent-encoded" "filename*=UTF-8''rapport%20d%27%C3%A9tat%20%C3%A9.pdf"

# --- comments and independent assessments
post nhri /recommendations/$A/notes -d "form=comment&kind=comment" --data-urlencode "body=We will follow this. $SCRIPT"
eq "comment: added (303)" "$code" 303
post nhri /recommendations/$A/notes -d "form=assessment&kind=assessment&organisation=Ombudsman&status=not_started" --data-urlencode "body=Not ratified yet. $IMG"
eq "assessment: added (303)" "$code" 303
post coord /recommendations/$A/notes -d "form=assessment&kind=assessment&status=implemented&body=x"
eq "assessment: contributors only (403)" "$code" 403
has "assessment: with core's message" "an NHRI or civil-society contributor"
post nhri /recommendations/$A/notes -d "form=comment&kind=comment&body="
eq "comment: empty is refused (400)" "$code" 400
fetch /recommendations/$A
has "comment: shown, escaped" "We will follow this. $SCRIPT_ESC"
has "assessment: in its own box beside the State's" '<aside class="independent" aria-labelledby="independent-title">'
has "assessment: labelled" '<p class="assessment-label">Independent assessment</p>'
has "assessment: by its organisation" "Ombudsman"
has "assessment: its view of the status" '<span class="status status-not_started">Not started</span>'
has "assessment: escaped" "Not ratified yet. $IMG_ESC"
has "assessment: the State's status is still the State's" '<span class="status status-partially_implemented">Partially implemented</span>'
fetch /recommendations/$A $(as nhri)
has "assessment: the contributor has the form" "Add an independent assessment"
fetch /recommendations/$A $(as fp)
lacks "assessment: a focal point has not" "Add an independent assessment"

# --- reminders
post coord /outbox -d "form=remind&do=remind&days=366"
eq "outbox: queue the reminders (303)" "$code" 303
n=$(location | sed -n 's/.*n=\([0-9]*\)$/\1/p')
if [ -n "$n" ] && [ "$n" -gt 0 ]; then pass "outbox: some reminders queued ($n)"; else fail "outbox: some reminders queued" "$(location)"; fi
fetch "/outbox?done=reminded&n=$n" $(as coord)
has "outbox: the count" "$n reminder"
has "outbox: a reminder to the focal point" "<td>fp"
fetch /outbox $(as fp)
has "outbox: a focal point sees its own" "<td>fp"
lacks "outbox: and not the coordinators'" "<td>coord"
lacks "outbox: nor the run form" "Queue the reminders"
post coord /outbox -d "form=remind&do=remind&days=lots"
eq "outbox: a bad number of days (400)" "$code" 400
post fp /outbox -d "form=remind&do=remind&days=3"
eq "outbox: a focal point may not run them (403)" "$code" 403
post coord /outbox -d "form=sent-1&do=sent&id=1"
eq "outbox: mark one sent (303)" "$code" 303

# --- reports
fetch /reports $(as coord)
has "reports: the matrix form" 'action="/reports/matrix"'
has "reports: the draft form" 'action="/reports/draft"'
has "reports: the dashboard form" 'action="/reports/dashboard"'
fetch "/reports/matrix?format=xlsx" $(as coord)
eq "reports: matrix XLSX (200)" "$code" 200
eq "reports: the XLSX is a zip" "$(head -c 2 "$tmp/body")" "PK"
header "reports: XLSX type" "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
header "reports: XLSX downloads" "Content-Disposition: attachment; filename*=UTF-8''implementation-matrix-en.xlsx"
fetch "/reports/matrix?format=csv&country=SVN&institution=MOJ&lang=fr" $(as view)
eq "reports: matrix CSV for a viewer (200)" "$code" 200
header "reports: CSV type" "Content-Type: text/csv; charset=utf-8"
header "reports: named for the State and language" "implementation-matrix-SVN-fr.csv"
has "reports: the CSV in French" "Identifiant,Organe"
has "reports: the CSV has the validated narrative" "The bill is before parliament."
fetch "/reports/draft?kind=upr-midterm&format=docx&country=SVN" $(as coord)
eq "reports: draft DOCX (200)" "$code" 200
eq "reports: the DOCX is a zip" "$(head -c 2 "$tmp/body")" "PK"
fetch "/reports/draft?kind=treaty&body=CEDAW&format=pdf" $(as coord)
eq "reports: treaty-body draft PDF (200)" "$code" 200
eq "reports: a PDF" "$(head -c 5 "$tmp/body")" "%PDF-"
fetch "/reports/draft?kind=treaty&format=pdf" $(as coord)
eq "reports: a treaty-body draft needs the body (400)" "$code" 400
has "reports: says so" "treaty body: give its code"
fetch "/reports/matrix?format=ods" $(as coord)
eq "reports: an unknown format (400)" "$code" 400
fetch "/reports/dashboard?format=html&lang=es" $(as coord)
eq "reports: dashboard page (200)" "$code" 200
header "reports: shown inline" "Content-Disposition: inline;"
header "reports: its own style allowed by hash only" "style-src 'unsafe-hashes' 'sha256-"
if grep -qi "^Content-Security-Policy:.*script-src" "$tmp/head"; then fail "reports: no script allowed"; else pass "reports: no script allowed (default-src 'none')"; fi
has "reports: the dashboard in Spanish" 'lang="es"'
fetch "/reports/dashboard?format=pdf" $(as view)
eq "reports: dashboard PDF" "$(head -c 5 "$tmp/body")" "%PDF-"

# --- hostile text nowhere raw
for u in /institutions /clusters "/clusters/$vaw" /deadlines /validation /my /outbox \
         /recommendations/$A "/recommendations/$A?lang=fr"; do
  fetch "$u" $(as coord)
  lacks "XSS: no raw <script> in $u" "$SCRIPT"
  lacks "XSS: no raw <img onerror> in $u" "<img src=x"
done
fetch "/my?institution=%3Cscript%3E" $(as coord)
eq "XSS: an unknown institution in the URL is a 404" "$code" 404
lacks "XSS: and not echoed raw" "$SCRIPT"

# --- the audit trail has the web's writes
if s audit --entity progress --id 1 | grep -q validate; then pass "audit: the validation made on the web"; else fail "audit: the validation made on the web"; fi

stop
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/serve.out"; then
  fail "serve: no sanitizer report" "$(grep -m1 -A5 'ERROR\|runtime error' "$tmp/serve.out")"
else
  pass "serve: stopped cleanly, no sanitizer report"
fi
