#!/usr/bin/env bash
# End-to-end tests of `suivi report`: on a database with the demo data (Slovenia's UPR thematic
# lists), the implementation matrix as XLSX and CSV, drafts of UPR mid-term and national reports
# and of a treaty-body report as PDF and DOCX, and the dashboard as HTML and PDF, in English,
# French and Spanish, read back with unzip, xmllint and pdftotext; and the usage errors.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them. $SUIVI is the binary.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/t.db")
s() { "$SUIVI" --db "$db" "$@"; }
# fontconfig, pango and glib keep process-wide caches that the ASan build's LeakSanitizer would
# report when a PDF is drawn (the same suppressions as tests/report/*.c)
printf 'leak:libfontconfig\nleak:libpango\nleak:libglib\nleak:libgobject\nleak:libharfbuzz\nleak:libcairo\n' \
  > "$tmp/lsan.supp"
export LSAN_OPTIONS="suppressions=$tmp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
# check NAME COMMAND...: passes when the command succeeds
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(grep -v Pango "$tmp/out" | head -c 400)"; fi; }
# refuse NAME EXPECTED COMMAND...: passes when the command fails and says EXPECTED on stderr
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
# has NAME FILE TEXT...: passes when FILE contains every TEXT
has() { local name=$1 file=$2; shift 2; local t
  for t in "$@"; do grep -qF -- "$t" "$file" || { fail "$name" "no '$t' in $(basename "$file")"; return; }; done
  pass "$name"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
tool() { command -v "$1" >/dev/null 2>&1; }
nb=$'\xc2\xa0' # the no-break space French puts before a colon and between a number and %

s init >/dev/null 2>&1 && s import thematic-list data/demo/*.md >/dev/null 2>&1 \
  || { fail "reports: demo database" "init or import failed"; exit 0; }
if ! s report matrix --format csv --out "$tmp/probe.csv" 2>"$tmp/err" \
     && grep -q "not implemented\|unknown command" "$tmp/err"; then
  fail "reports: core follow-up not implemented yet" "$(head -c 200 "$tmp/err")"; exit 0
fi

# --- usage
check "report: --help" bash -c "'$SUIVI' report --help | grep -q 'report matrix'"
refuse "report: no kind of report" "give matrix, draft or dashboard" s report
refuse "report: matrix needs a format" "give --format xlsx or --format csv" s report matrix --out "$tmp/x"
refuse "report: matrix refuses pdf" "give --format xlsx or --format csv" s report matrix --format pdf --out "$tmp/x"
refuse "report: an output file is needed" "give --out FILE" s report dashboard --format html
refuse "report: draft needs a known kind" "give --kind upr-national" s report draft --kind upr --format pdf --out "$tmp/x"
refuse "report: treaty drafts need a body" "give --body" s report draft --kind treaty --format pdf --out "$tmp/x"
refuse "report: unknown language" "--lang de: give en, fr or es" s report matrix --format csv --out "$tmp/x" --lang de
refuse "report: unknown country" "--country Atlantis: no such country" s report matrix --format csv --out "$tmp/x" --country Atlantis
refuse "report: unknown institution" "--institution NOPE: no such institution" s report matrix --format csv --out "$tmp/x" --institution NOPE
refuse "report: unwritable output named" "$tmp/none/m.xlsx" s report matrix --format xlsx --out "$tmp/none/m.xlsx"
echo keep > "$tmp/keep.csv"
s report matrix --format csv --out "$tmp/keep.csv" --lang de >/dev/null 2>&1
eq "report: a refused command leaves an existing file alone" "$(cat "$tmp/keep.csv")" "keep"

# --- the matrix
check "matrix: XLSX in French" s report matrix --format xlsx --out "$tmp/m.xlsx" --lang fr --country Slovénie
if tool unzip && tool xmllint; then
  unzip -p "$tmp/m.xlsx" xl/worksheets/sheet1.xml > "$tmp/sheet.xml"
  unzip -p "$tmp/m.xlsx" xl/sharedStrings.xml > "$tmp/strings.xml"
  check "matrix: XLSX parts are XML" xmllint --noout "$tmp/sheet.xml" "$tmp/strings.xml"
  has "matrix: 378 rows, frozen header and filter" "$tmp/sheet.xml" '<autoFilter ref="A1:P379"/>' '<pane ySplit="1"'
  has "matrix: French headers and labels" "$tmp/strings.xml" "Identifiant" "État de mise en œuvre" \
    "Acceptée" "Notée" "Aucun rapport validé" "SVN-UPR34-121.1"
else
  echo "skipped: matrix XLSX checks (unzip, xmllint)"
fi
check "matrix: CSV in Spanish" s report matrix --format csv --out "$tmp/m.csv" --lang es
eq "matrix: CSV starts with a BOM and Spanish headers" "$(head -c 32 "$tmp/m.csv")" $'\xEF\xBB\xBFIdentificador,Órgano,Documen'
eq "matrix: CSV has 378 recommendations" "$(grep -c '^SVN-UPR' "$tmp/m.csv")" 378
has "matrix: CSV labels in Spanish" "$tmp/m.csv" "Apoyada" "Tomada nota" "Ningún informe validado"
s report matrix --format csv --out "$tmp/public.csv" --public >/dev/null 2>&1
eq "matrix: the public sees every recommendation" "$(grep -c '^SVN-UPR' "$tmp/public.csv")" 378

# --- drafts
check "draft: UPR mid-term report as PDF in French" \
  s report draft --kind upr-midterm --format pdf --out "$tmp/mid.pdf" --lang fr --country SVN --period "2020–2024"
if tool pdftotext && tool pdfinfo; then
  pdftotext -enc UTF-8 "$tmp/mid.pdf" "$tmp/mid.txt"
  has "draft: mid-term report's title, sections and summary" "$tmp/mid.txt" "Rapport à mi-parcours" \
    "Slovénie — 2020–2024" "Bilan de la mise en œuvre" "Acceptance of international norms" \
    "Recommandation 121.1 (A/HRC/43/15)" "Il porte sur 215 recommandations" "Page 1 sur "
  pages=$(pdfinfo "$tmp/mid.pdf" | awk '/^Pages:/ {print $2}')
  if [ "${pages:-0}" -gt 10 ]; then pass "draft: many pages ($pages)"; else fail "draft: many pages" "$pages"; fi
  first=$(grep -n 'Recommandation 121.2 (A' "$tmp/mid.txt" | head -1 | cut -d: -f1)
  tenth=$(grep -n 'Recommandation 121.10 (A' "$tmp/mid.txt" | head -1 | cut -d: -f1)
  if [ -n "$first" ] && [ -n "$tenth" ] && [ "$first" -lt "$tenth" ]; then
    pass "draft: paragraphs in natural order (121.2 before 121.10)"
  else
    fail "draft: paragraphs in natural order (121.2 before 121.10)" "lines $first, $tenth"
  fi
  s report draft --kind upr-midterm --cycle 2 --format pdf --out "$tmp/c2.pdf" --lang fr >/dev/null 2>&1
  pdftotext -enc UTF-8 "$tmp/c2.pdf" "$tmp/c2.txt"
  has "draft: --cycle 2 reports the second cycle" "$tmp/c2.txt" "Il porte sur 163 recommandations"
else
  echo "skipped: draft PDF checks (pdftotext)"
fi
check "draft: UPR national report as DOCX in Spanish" \
  s report draft --kind upr-national --format docx --out "$tmp/nat.docx" --lang es --author "Mecanismo nacional"
check "draft: treaty-body report as DOCX" s report draft --kind treaty --body CEDAW --format docx --out "$tmp/cedaw.docx"
if tool unzip && tool xmllint; then
  unzip -p "$tmp/nat.docx" word/document.xml > "$tmp/nat.xml"
  check "draft: DOCX document is XML" xmllint --noout "$tmp/nat.xml"
  has "draft: national report in Spanish" "$tmp/nat.xml" "Informe nacional" "Resumen de la aplicación" \
    "Recomendación 121.1 (A/HRC/43/15)" "Respuesta:"
  eq "draft: one heading per recommendation" "$(grep -o 'w:val="Heading3"' "$tmp/nat.xml" | wc -l)" 215
  has "draft: author in the properties" <(unzip -p "$tmp/nat.docx" docProps/core.xml) "Mecanismo nacional"
  has "draft: treaty report without recommendations says so" <(unzip -p "$tmp/cedaw.docx" word/document.xml) \
    "No recommendation matches the scope of this report."
fi

# --- dashboards
check "dashboard: HTML in French" s report dashboard --format html --out "$tmp/d.html" --lang fr --country SVN
if tool xmllint; then
  errors=$(xmllint --html --noout "$tmp/d.html" 2>&1 | grep 'parser error' | grep -v 'Tag [a-z]* invalid')
  eq "dashboard: HTML parses" "$errors" ""
fi
has "dashboard: charts and sections in French" "$tmp/d.html" '<html lang="fr"' "Tableau de bord du suivi" \
  "État par organe" "ODD 16" "Ne laisser personne de côté" "Aucun rapport d’avancement n’a encore été validé."
eq "dashboard: six charts (no validated report yet: no monthly chart)" "$(grep -o '<svg ' "$tmp/d.html" | wc -l)" 6
check "dashboard: PDF in Spanish" s report dashboard --format pdf --out "$tmp/d.pdf" --lang es
if tool pdftotext; then
  pdftotext -enc UTF-8 "$tmp/d.pdf" "$tmp/d.txt"
  has "dashboard: PDF in Spanish" "$tmp/d.txt" "Panel de seguimiento" "Estado por órgano" "Objetivo o meta"
fi

# --- with follow-up: a cluster, institutions, an action, an indicator, a validated report
if ! s clusters --help >/dev/null 2>&1; then
  echo "skipped: reports with follow-up data (no clusters command in this build)"; exit 0
fi
rec=SVN-UPR34-121.1
if s institution add MJ "Ministère de la Justice" && s institution add DDD "Défenseur des droits" \
   && s clusters create "Droits de l’enfant" --manual --country SVN \
   && s clusters add "Droits de l’enfant" $rec SVN-UPR34-121.2 \
   && s assign $rec DDD && s assign $rec MJ --lead \
   && s action add $rec --institution MJ --description "Former les magistrats à l’égalité" \
        --due 2026-12-31 --status ongoing \
   && s indicator add $rec --institution MJ --name "Taux de plaintes traitées" --unit % \
        --baseline 35 --target 60 --sdg 16.3.1 \
   && s indicator value 1 2025-06-30 41.5 && s indicator value 1 2024-12-31 38 \
   && s progress draft $rec --institution MJ --status in_progress --narrative "Loi adoptée en 2024" \
   && s progress submit 1 && s progress validate 1; then
  pass "follow-up: cluster, assignments, action, indicator and a validated report recorded"
else
  fail "follow-up: cluster, assignments, action, indicator and a validated report recorded"; exit 0
fi >"$tmp/setup" 2>&1
cat "$tmp/setup" | grep -E '^(PASS|FAIL) '
grep -q '^FAIL ' "$tmp/setup" && exit 0

s report matrix --format csv --out "$tmp/fu.csv" --lang fr >/dev/null 2>&1
grep -A1 "^$rec," "$tmp/fu.csv" > "$tmp/row.csv"
has "follow-up matrix: lead first, action, status, narrative, latest indicator value" "$tmp/row.csv" \
  "Ministère de la Justice (chef de file)" "Former les magistrats à l’égalité (échéance" \
  ",2026-12-31,En cours,Loi adoptée en 2024," "41,5$nb% au 2025-06-30 (cible 60$nb%)"
s report matrix --format csv --out "$tmp/mj.csv" --institution MJ >/dev/null 2>&1
eq "follow-up matrix: --institution keeps what is assigned to it" "$(grep -c '^SVN-UPR' "$tmp/mj.csv")" 1
s report draft --kind upr-midterm --format docx --out "$tmp/fu.docx" --lang fr >/dev/null 2>&1
unzip -p "$tmp/fu.docx" word/document.xml | sed 's/<[^>]*>/ /g' | tr -s ' ' > "$tmp/fu.txt"
has "follow-up draft: the cluster first, with status, narrative, action and indicator" "$tmp/fu.txt" \
  "Mise en œuvre des recommandations Droits de l’enfant Recommandation 121.1 (A/HRC/43/15)" \
  "État de mise en œuvre$nb: En cours Loi adoptée en 2024 Actions Former les magistrats" \
  "Taux de plaintes traitées$nb: 41,5$nb% au 2025-06-30"
s report dashboard --format html --out "$tmp/fu.html" --lang fr >/dev/null 2>&1
eq "follow-up dashboard: seven charts, the monthly one included" "$(grep -o '<svg ' "$tmp/fu.html" | wc -l)" 7
has "follow-up dashboard: lead institution and month" "$tmp/fu.html" "État validé par mois" \
  "Ministère de la Justice" "$(date -u +%Y-%m)"
