#!/usr/bin/env bash
# End-to-end tests of `suivi report coop-annual`, the technical-cooperation repository's annual
# report for the Human Rights Council: on the demo data with three needs of Slovenia (public,
# private, registered), offers of a UN entity and an NGO and matches in several states, the
# report as CSV, XLSX, PDF, DOCX and HTML in English, French and Spanish, read back with unzip,
# xmllint and pdftotext and, when LibreOffice is installed, converted by it; the figures (needs
# met and unmet, activities by region, theme, SDG, provider type and state); what --public
# leaves out (the private need); the year's bounds; and the usage errors.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them. $SUIVI is the binary.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/t.db")
s() { "$SUIVI" --db "$db" "$@"; }
printf 'leak:libfontconfig\nleak:libpango\nleak:libglib\nleak:libgobject\nleak:libharfbuzz\nleak:libcairo\n' \
  > "$tmp/lsan.supp"
export LSAN_OPTIONS="suppressions=$tmp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(grep -v Pango "$tmp/out" | head -c 400)"; fi; }
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
has() { local name=$1 file=$2; shift 2; local t
  for t in "$@"; do grep -qF -- "$t" "$file" || { fail "$name" "no '$t' in $(basename "$file")"; return; }; done
  pass "$name"; }
lacks() { local name=$1 file=$2; shift 2; local t
  for t in "$@"; do grep -qF -- "$t" "$file" && { fail "$name" "found '$t' in $(basename "$file")"; return; }; done
  pass "$name"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
tool() { command -v "$1" >/dev/null 2>&1; }
YEAR=$(date -u +%Y)
SECRET="Secret prison reform"

if s init >/dev/null 2>&1 && s import thematic-list data/demo/*.md >/dev/null 2>&1 &&
   s org add SVN --name "Republic of Slovenia" --kind state --country SVN &&
   s org add UNDP --name "United Nations Development Programme" --kind un_entity &&
   s org add NGO1 --name "Justice Partners" --kind ngo &&
   SUIVI_PASSWORD=a-long-password-1 s user add coord --role coordinator &&
   SUIVI_PASSWORD=a-long-password-1 s user add prov --role contributor &&
   SUIVI_PASSWORD=a-long-password-1 s user add ngo --role contributor &&
   s org link coord SVN && s org link prov UNDP && s org link ngo NGO1 &&
   s need add --recs SVN-UPR34-121.1 --title "Law on domestic violence" --description "Drafting" \
     --kinds legal_drafting --visibility public --as coord &&
   s need add --recs SVN-UPR34-121.3 --title "$SECRET" --description "Private" --kinds training --as coord &&
   s need add --recs SVN-UPR34-121.4 --title "Registered data need" --description "Statistics" \
     --kinds data_collection --visibility registered --as coord &&
   s offer add --title "Legal drafting support" --description "Drafting laws" --kinds legal_drafting,training \
     --sdgs 5 --as prov &&
   s offer add --title "NGO training" --description "Training judges" --kinds training --sdgs 16 --as ngo &&
   s match propose 1 1 --side offer --as prov && s match accept 1 --as coord &&
   s match start 1 --as prov && s match complete 1 --comment "Law adopted" --as coord &&
   s match propose 2 1 --side need --as coord &&
   s match propose 3 2 --side offer --as ngo && s match decline 3 --as coord
then
  pass "coop report: needs, offers and matches recorded"
else
  fail "coop report: needs, offers and matches recorded"; exit 0
fi >"$tmp/setup" 2>&1
if grep -q '^PASS coop report: needs' "$tmp/setup"; then
  pass "coop report: needs, offers and matches recorded"
else
  fail "coop report: needs, offers and matches recorded" "$(tail -3 "$tmp/setup" | tr '\n' ' ')"
  exit 0
fi

# --- usage
check "coop report: --help names it" bash -c "'$SUIVI' report --help | grep -q 'report coop-annual'"
refuse "coop report: a year is needed" "give --year YYYY" s report coop-annual --format csv -o "$tmp/x"
refuse "coop report: a year is a year" "--year 20x6" s report coop-annual --year 20x6 --format csv -o "$tmp/x"
refuse "coop report: known formats only" "expected pdf, docx, xlsx, csv or html" \
  s report coop-annual --year "$YEAR" --format odt -o "$tmp/x"
refuse "coop report: unwritable output named" "$tmp/none/r.pdf" \
  s report coop-annual --year "$YEAR" --format pdf -o "$tmp/none/r.pdf"
refuse "coop report: unknown language" "--lang de" s report coop-annual --year "$YEAR" --format csv -o "$tmp/x" --lang de

# --- the figures, as the command line (an administrator) sees them
check "coop report: CSV" s report coop-annual --year "$YEAR" --format csv -o "$tmp/r.csv"
has "coop report: the summary line counts needs and activities" "$tmp/out" \
  "needs 3 (met 1), activities 3"
eq "coop report: CSV starts with a BOM and the summary's header" "$(head -c 42 "$tmp/r.csv")" \
  $'\xEF\xBB\xBFBreakdown,Category,Proposed,Accepted,In'
# Region: EEG (Slovenia's group): 1 proposed, 1 completed, 1 declined; 1 met, 2 unmet
has "coop report: activities and needs by region" "$tmp/r.csv" "Region,EEG,1,0,0,1,1,0,3,1,2"
has "coop report: by type of provider" "$tmp/r.csv" "Type of provider,UN entity,1,0,0,1,0,0,2" \
  "Type of provider,Non-governmental organisation,0,0,0,0,1,0,1"
has "coop report: by theme and SDG goal" "$tmp/r.csv" "Theme,Enforced disappearances," 'SDG,"16. Peace, justice'

# --- --public: only public needs and their activities
check "coop report: --public CSV" s report coop-annual --year "$YEAR" --format csv -o "$tmp/p.csv" --public
has "coop report: the public report counts the public need only" "$tmp/out" "needs 1 (met 1), activities 1"
has "coop report: public figures" "$tmp/p.csv" "Region,EEG,0,0,0,1,0,0,1,1,0"
check "coop report: --public XLSX" s report coop-annual --year "$YEAR" --format xlsx -o "$tmp/p.xlsx" --public
check "coop report: XLSX" s report coop-annual --year "$YEAR" --format xlsx -o "$tmp/r.xlsx" --lang fr
if tool unzip && tool xmllint; then
  unzip -p "$tmp/p.xlsx" xl/sharedStrings.xml > "$tmp/p-strings.xml"
  lacks "coop report: the public workbook lacks the private need" "$tmp/p-strings.xml" "$SECRET" \
    "Registered data need"
  has "coop report: the public workbook has the public need" "$tmp/p-strings.xml" "Law on domestic violence"
  unzip -p "$tmp/r.xlsx" xl/sharedStrings.xml > "$tmp/strings.xml"
  unzip -p "$tmp/r.xlsx" xl/workbook.xml > "$tmp/workbook.xml"
  check "coop report: XLSX parts are XML" xmllint --noout "$tmp/strings.xml" "$tmp/workbook.xml"
  has "coop report: three French sheets" "$tmp/workbook.xml" 'name="Synthèse"' 'name="Besoins"' \
    'name="Activités"'
  has "coop report: the administrator's workbook lists every need, in French" "$tmp/strings.xml" \
    "$SECRET" "Registered data need" "Satisfait" "Entité des Nations Unies" "Refusée"
else
  echo "skipped: XLSX checks (unzip, xmllint)"
fi

# --- documents
check "coop report: PDF in French" s report coop-annual --year "$YEAR" --format pdf -o "$tmp/r.pdf" --lang fr
if tool pdftotext; then
  pdftotext -enc UTF-8 "$tmp/r.pdf" "$tmp/r.txt"
  has "coop report: PDF title, sections and figures in French" "$tmp/r.txt" \
    "Coopération technique : rapport annuel $YEAR" "Activités par région" "Activités par type de prestataire" \
    "Besoins satisfaits et non satisfaits" "$SECRET" "Page 1 sur"
  check "coop report: --public PDF" s report coop-annual --year "$YEAR" --format pdf -o "$tmp/p.pdf" --public
  pdftotext -enc UTF-8 "$tmp/p.pdf" "$tmp/p.txt"
  lacks "coop report: the public PDF lacks the private and registered needs" "$tmp/p.txt" "$SECRET" \
    "Registered data need"
else
  echo "skipped: PDF checks (pdftotext)"
fi
check "coop report: DOCX in Spanish" s report coop-annual --year "$YEAR" --format docx -o "$tmp/r.docx" \
  --lang es --author "OHCHR hub"
if tool unzip && tool xmllint; then
  unzip -p "$tmp/r.docx" word/document.xml > "$tmp/doc.xml"
  check "coop report: DOCX document is XML" xmllint --noout "$tmp/doc.xml"
  has "coop report: DOCX in Spanish" "$tmp/doc.xml" "Cooperación técnica: informe anual $YEAR" \
    "Actividades por región" "Necesidades atendidas y no atendidas"
  has "coop report: author in the properties" <(unzip -p "$tmp/r.docx" docProps/core.xml) "OHCHR hub"
fi
check "coop report: HTML" s report coop-annual --year "$YEAR" --format html -o "$tmp/r.html"
if tool xmllint; then
  errors=$(xmllint --html --noout "$tmp/r.html" 2>&1 | grep 'parser error' | grep -v 'Tag [a-z]* invalid')
  eq "coop report: HTML parses" "$errors" ""
fi
has "coop report: HTML with its chart and tables" "$tmp/r.html" '<html lang="en"' '<svg ' \
  "Activities by region" "Needs met and unmet" '<th scope="row">EEG</th>'

# --- the year's bounds: nothing happened in 2001
check "coop report: another year" s report coop-annual --year 2001 --format csv -o "$tmp/2001.csv"
has "coop report: in 2001 nothing was recorded" "$tmp/out" "needs 0 (met 0), activities 0"

# --- each SDG goal of a need counts once, goal 1 beside goal 16 (not taken for a part of it)
db=$(tests/cli/dburl "$tmp/goals.db")
if { s init && s import thematic-list data/demo/*.md &&
     s org add SVN --name Slovenia --kind state --country SVN && s org add UNDP --name UNDP --kind un_entity &&
     s need add --org SVN --recs SVN-UPR34-121.1,SVN-UPR34-122.123 --title Goals --description x \
       --kinds training --visibility public &&
     s offer add --org UNDP --title Offer --description x --kinds training --sdgs 1 &&
     s match propose 1 1 --side offer; } >"$tmp/goals.out" 2>&1; then
  check "coop report: CSV of a need with goals 1, 10, 11 and 16" \
    s report coop-annual --year "$YEAR" --format csv -o "$tmp/goals.csv"
  has "coop report: every goal once" "$tmp/goals.csv" 'SDG,"16. ' 'SDG,1. ' 'SDG,10. ' 'SDG,11. '
  eq "coop report: four goal rows" "$(grep -c '^SDG,' "$tmp/goals.csv")" 4
else
  fail "coop report: a need with goals 1 and 16" "$(tail -2 "$tmp/goals.out")"
fi

# --- LibreOffice opens what we write (when installed)
if tool soffice; then
  mkdir -p "$tmp/lo"
  if HOME=$tmp timeout 180 soffice --headless --norestore --convert-to pdf --outdir "$tmp/lo" "$tmp/r.docx" \
       >"$tmp/lo.out" 2>&1 && [ -s "$tmp/lo/r.pdf" ]; then
    pass "coop report: LibreOffice converts the DOCX"
    if tool pdftotext; then
      pdftotext -enc UTF-8 "$tmp/lo/r.pdf" "$tmp/lo.txt"
      has "coop report: LibreOffice reads the Spanish text" "$tmp/lo.txt" "Actividades por región"
    fi
  else
    fail "coop report: LibreOffice converts the DOCX" "$(head -c 300 "$tmp/lo.out")"
  fi
  if HOME=$tmp timeout 180 soffice --headless --norestore --convert-to csv --outdir "$tmp/lo" "$tmp/r.xlsx" \
       >"$tmp/lo.out" 2>&1 && [ -s "$tmp/lo/r.csv" ]; then
    has "coop report: LibreOffice reads the workbook's first sheet" "$tmp/lo/r.csv" "EEG"
  else
    fail "coop report: LibreOffice converts the XLSX" "$(head -c 300 "$tmp/lo.out")"
  fi
else
  echo "skipped: LibreOffice conversions (soffice)"
fi
exit 0
