#!/usr/bin/env bash
# End-to-end tests of follow-up on the suivi command line, the whole path an NMIRF walks:
# institutions and users, clusters, assignments (directly and through a cluster), actions,
# indicators and values, a progress report drafted, submitted, returned, submitted again and
# validated, evidence files (a PNG named .pdf refused), notes and independent assessments,
# deadlines, reminders into the outbox and out by SMTP (to a fake server on localhost), and the
# audit trail of it all. Acts as users with --as LOGIN. Prints "PASS name" / "FAIL name" lines.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
smtp_pid=
cleanup() { [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
db=$(tests/cli/dburl "$tmp/t.db")
s() { "$SUIVI" --db "$db" "$@"; }
export USER=tester SUIVI_PASSWORD="correct horse battery staple"
unset SUIVI_SMTP_URL

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

A=SVN-UPR34-121.1 B=SVN-UPR34-121.2
today=$(date -u +%F) soon=$(date -u -d "+3 days" +%F) past=$(date -u -d "-5 days" +%F)

# --- help on every command
for c in clusters assign action indicator progress evidence note deadline remind; do
  has "help: $c --help" "usage: suivi --db FILE $c" "$SUIVI" $c --help
done
has "help: suivi --help lists the follow-up" "progress draft|submit|validate|return|list" "$SUIVI" --help
refuse "usage: progress without subcommand" "give a subcommand" s progress
refuse "usage: an option that does not apply" "option --lead does not apply" s progress list $A --lead

# --- institutions, users, demo recommendations
check "init" s init
check "import the demo" s import thematic-list data/demo/slovenia-upr-cycle3-thematic-list.md
check "institution MOJ" s institution add MOJ "Ministry of Justice" --kind ministry
check "institution MLSA" s institution add MLSA "Ministry of Labour" --kind ministry
check "focal point of MOJ" s user add fp --role focal_point --institution MOJ
check "focal point of MLSA" s user add fp2 --role focal_point --institution MLSA
check "coordinator" s user add coord --role coordinator
check "second coordinator" s user add coord2 --role coordinator
check "NHRI contributor" s user add nhri --role contributor
refuse "--as an unknown user" "--as nobody: no such user" s clusters list --as nobody

# --- clusters
has "clusters create by theme" "created: 23 recommendations" s clusters create "Violence against women" --theme "Violence against women" --country SVN
has "clusters create by SDG" "created: 35 recommendations" s clusters create "SDG 5" --sdg 5
has "clusters create by hand" "created: 0 recommendations" s clusters create Ratifications --manual
has "clusters add" "$B added to cluster 3" s clusters add Ratifications $B SVN-UPR34-121.3
has "clusters members" "$B" s clusters members Ratifications
has "clusters list" "Ratifications" s clusters list
has "clusters list --json" '"name":"SDG 5","kind":"sdg","criterion":"5","country":null,"members":35' s clusters list --json
has "clusters refresh" "refreshed: 23 recommendations" s clusters refresh 1
refuse "clusters: a focal point may not" "only a coordinator or an administrator may" s clusters create Mine --manual --as fp
refuse "clusters: a name is unique" "already taken" s clusters create "SDG 5" --sdg 5

# --- assignments
has "assign a recommendation" "to MOJ as lead" s assign $A MOJ --lead --deadline "$soon" --as coord
has "assign a cluster" "cluster Ratifications to MOJ as supporting" s assign --cluster Ratifications MOJ
has "assign list" "MOJ          lead       direct" s assign list $A
has "assign list shows the cluster" "cluster 3" s assign list $B
has "assign list --institution" "$B" s assign list --institution MOJ
lacks "nothing assigned to MLSA" "SVN" s assign list --institution MLSA
refuse "assign: unknown institution" "no such institution" s assign $A NOPE
refuse "assign: a focal point may not" "only a coordinator or an administrator" s assign $A MLSA --as fp

# --- actions and indicators
has "action add by the focal point" "action 1 added" s action add $A --institution MOJ --description "Draft the ratification bill" --due "$past" --budget 5000 --currency EUR --as fp
has "action add for a cluster" "action 2 added" s action add --cluster Ratifications --institution MOJ --description "Consult civil society" --due "$soon" --as fp
refuse "action: another institution's focal point" "own institution only" s action add $A --institution MOJ --description "x" --as fp2
refuse "action: not assigned" "not assigned to institution" s action add $A --institution MLSA --description "x" --as fp2
refuse "action: a bad date" "expected a date YYYY-MM-DD" s action add $A --institution MOJ --description "x" --due 2024-13-01 --as fp
has "action set" "action 1 changed" s action set 1 --status ongoing --as fp
has "action list" "ongoing" s action list $A
has "action list shows the cluster's" "Consult civil society (cluster)" s action list $B
has "indicator add" "indicator 1 added" s indicator add $A --institution MOJ --name "Ratifications" --unit count --baseline 0 --target 1 --sdg 16.3.1 --as fp
has "indicator value" "indicator 1: 2024-01-01 = 1" s indicator value 1 2024-01-01 1 --note "law passed" --as fp
refuse "indicator: a bad SDG code" "expected a code such as 5.2.1" s indicator add $A --institution MOJ --name X --sdg five --as fp
has "indicator list" "values: 2024-01-01=1" s indicator list $A

# --- progress: draft, submit, return, submit, validate
has "progress draft" "progress report 1 drafted" s progress draft $A --institution MOJ --status in_progress --narrative "The bill is drafted." --as fp
refuse "progress draft: another institution" "own institution only" s progress draft $A --institution MOJ --status in_progress --narrative x --as fp2
has "progress submit" "progress report 1 submitted" s progress submit 1 --as fp
lacks "the public does not see a submitted report" "The bill is drafted." s progress list $A --as nhri
refuse "progress return needs a comment" "comment: empty" s progress return 1 --as coord
refuse "progress validate: not by the focal point" "a coordinator or an administrator may" s progress validate 1 --as fp
has "progress return" "progress report 1 returned" s progress return 1 --comment "Add the bill as evidence." --as coord
printf '%%PDF-1.4\n%%%%EOF\n' > "$tmp/bill.pdf"
printf '\x89PNG\r\n\x1a\n0000IHDR' > "$tmp/photo.pdf"
has "evidence add" "evidence 1: bill.pdf attached to progress report 1" s evidence add 1 "$tmp/bill.pdf" --as fp
refuse "evidence: a PNG named .pdf" "declared a PDF document (application/pdf) but its content is a PNG image" s evidence add 1 "$tmp/photo.pdf" --as fp
refuse "evidence: another institution" "own institution only" s evidence add 1 "$tmp/bill.pdf" --as fp2
has "evidence list" "bill.pdf" s evidence list 1
has "progress edit" "progress report 1 changed" s progress edit 1 --narrative "The bill is drafted and before parliament." --as fp
has "progress submit again" "progress report 1 submitted" s progress submit 1 --as fp
has "progress validate" "progress report 1 validated" s progress validate 1 --comment "Thank you." --as coord
refuse "progress: a validated report is final" "only drafts and returned reports can be edited" s progress edit 1 --status implemented --as fp
has "the public sees the validated report" "before parliament" s progress list $A --as nhri
has "published status" "published status in_progress" s progress list $A
has "progress list --json" '"published_status":"in_progress","reports":[{"id":1,"workflow":"validated"' s progress list $A --json
has "evidence get" "bill.pdf (15 bytes, application/pdf)" s evidence get 1 --output "$tmp/got.pdf" --as nhri
check "evidence get returns the bytes" cmp "$tmp/bill.pdf" "$tmp/got.pdf"
has "a coordinator drafts and submits" "progress report 2 submitted" bash -c "'$SUIVI' --db '$db' progress draft $A --institution MOJ --status implemented --narrative 'Ratified.' --as coord && '$SUIVI' --db '$db' progress submit 2 --as coord"
refuse "nobody validates what they submitted" "you submitted it" s progress validate 2 --as coord
has "another coordinator does" "progress report 2 validated" s progress validate 2 --as coord2

# --- notes and independent assessments
has "independent assessment" "assessment 1 added" s note add $A "Not ratified yet." --assessment --status not_started --organisation Ombudsman --as nhri
refuse "assessment: contributors only" "an NHRI or civil-society contributor" s note add $A "x" --assessment --status implemented --as coord
has "comment" "note 2 added" s note add $A "We will follow up." --as fp
has "note list" "independent assessment: not_started" s note list $A
has "published status stays the State's" "published status implemented" s progress list $A

# --- deadlines and reminders
has "deadline add" "deadline 1: UPR mid-term report" s deadline add "UPR mid-term report" "$soon" --body UPR
refuse "deadline: a focal point may not" "a coordinator or an administrator may" s deadline add "x" "$soon" --as fp
has "deadline list" "UPR mid-term report" s deadline list
has "remind email" "fp: reminders go to fp@justice.example" s remind email fp fp@justice.example
refuse "remind email: an address" "expected name@example.org" s remind email fp "not an address"
has "remind queues what is due (two coordinators hear of the deadline)" "5 reminders queued" s remind --days 7
has "remind lists the overdue action" "fp <fp@justice.example>: Action overdue since $past" s remind
has "remind lists the deadline for coordinators" "Reporting deadline $soon" s remind
has "remind twice a day queues nothing" "0 reminders queued" s remind --days 7
has "remind --send without SMTP says so" "SUIVI_SMTP_URL is not set" s remind --send
has "a focal point sees their own reminders" "Consult civil society" s remind --as fp
lacks "and not the coordinators'" "Reporting deadline" s remind --as fp

if command -v python3 >/dev/null; then
  cat > "$tmp/smtp.py" <<'EOF'
import socket, sys
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
srv.settimeout(60)
with open(sys.argv[1] + ".tmp", "w") as p:
    p.write(str(srv.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
out = open(sys.argv[2], "ab")
while True:
    try:
        c, _ = srv.accept()
    except socket.timeout:
        break
    f = c.makefile("rb")
    c.sendall(b"220 fake ESMTP\r\n")
    data = False
    for line in f:
        if data:
            out.write(line)
            if line == b".\r\n":
                data = False
                c.sendall(b"250 queued\r\n")
            continue
        cmd = line[:4].upper()
        if cmd in (b"EHLO", b"HELO"):
            c.sendall(b"250 fake\r\n")
        elif cmd == b"DATA":
            data = True
            c.sendall(b"354 go on\r\n")
        elif cmd == b"QUIT":
            c.sendall(b"221 bye\r\n")
            break
        else:
            out.write(line)
            c.sendall(b"250 ok\r\n")
    out.flush()
    c.close()
EOF
  python3 "$tmp/smtp.py" "$tmp/port" "$tmp/mail" & smtp_pid=$!
  for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
  url="smtp://127.0.0.1:$(cat "$tmp/port" 2>/dev/null)"
  has "remind --send through SMTP" "3 sent, 2 kept (no address), 0 failed" env SUIVI_SMTP_URL="$url" SUIVI_SMTP_FROM=nmirf@gov.example "$SUIVI" --db "$db" remind --send
  check "the server got the recipient" grep -q "RCPT TO:<fp@justice.example>" "$tmp/mail"
  check "and the subject" grep -q "Subject: Action overdue since $past" "$tmp/mail"
  check "from the sender configured" grep -q "MAIL FROM:<nmirf@gov.example>" "$tmp/mail"
  lacks "sent reminders leave the outbox" "fp@justice.example" s remind
else
  pass "remind --send through SMTP (skipped: no python3 for the fake server)"
fi

# --- the audit trail
has "audit: the validation, before and after" '"workflow":"submitted"' s audit --entity progress --id 1 --action validate
has "audit: evidence with its hash" '"sha256":"' s audit --entity evidence
has "audit: clusters" "add_member" s audit --entity cluster
has "audit: reminders" "remind" s audit --entity outbox
eq "audit: one event per progress write" "$(s audit --entity progress --id 1 --json | grep -o '"total":[0-9]*')" '"total":6'
