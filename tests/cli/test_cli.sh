#!/usr/bin/env bash
# End-to-end tests of the suivi command line, as a person would use it: init, the three
# importers, re-import, refused files leaving the database unchanged, search (stemming,
# irregular plurals, French, filters, JSON), show, stats, export and its round trip, --help.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
SHARED=${SUIVI_SHARED_DATA:-../shared/data}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/t.db")
s() { "$SUIVI" --db "$db" "$@"; }

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
# check NAME COMMAND...: passes when the command succeeds
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
# refuse NAME EXPECTED COMMAND...: passes when the command fails and says EXPECTED on stderr
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
total() { s search --limit 1 "$@" | tail -1 | awk '{print $3}'; }

# --- help on every command, and usage errors
for c in init import search show stats export; do
  check "help: $c --help" bash -c "'$SUIVI' $c --help | grep -q usage"
done
check "help: suivi --help" bash -c "'$SUIVI' --help | grep -q Commands"
refuse "usage: unknown command" "unknown command" "$SUIVI" frobnicate
refuse "usage: missing database named" "suivi --db $tmp/none.db init" "$SUIVI" --db "$tmp/none.db" stats

# --- init
check "init creates a database" s init
check "init twice is safe" s init
eq "init loads 17 SDG goals" "$(s stats --json | grep -o '"recommendations":[0-9]*')" '"recommendations":0'

# --- thematic lists (shipped demo data)
check "import thematic-list" s import thematic-list data/demo/slovenia-upr-cycle2-thematic-list.md data/demo/slovenia-upr-cycle3-thematic-list.md
eq "thematic: 378 recommendations" "$(s stats --json | grep -o '"recommendations":[0-9]*')" '"recommendations":378'
s export --format csv > "$tmp/before.csv"
check "re-import changes nothing" bash -c "'$SUIVI' --db '$db' import thematic-list data/demo/*.md | grep -q '0 new, 0 updated, 215 unchanged'"
check "show a paragraph" bash -c "'$SUIVI' --db '$db' show SVN-UPR34-121.1 | grep -q 'Enforced Disappearance'"
check "show lists recommending States" bash -c "'$SUIVI' --db '$db' show SVN-UPR34-121.1 | grep -q 'France (FRA), Lithuania (LTU)'"
refuse "show unknown id" "no recommendation with id" s show NOPE-1

# --- refused files leave the database exactly as before
printf 'Recommendation\n121.1 Ratify it (France);\nSupported\n' > "$tmp/bad.md"
refuse "thematic: bad file names file and line" "$tmp/bad.md:" s import thematic-list "$tmp/bad.md"
printf 'To,Text,From,Response,Action,Issue,Session\nChad,Ratify,France,Accepted,5,Justice,5\nChad,"unterminated,France,Accepted,5,Justice,5\n' > "$tmp/bad.csv"
refuse "upr-info: broken quoting names the line" "bad.csv:3" s import upr-info "$tmp/bad.csv"
printf 'To,Text,From,Response,Action,Issue,Session\nChad,Ratify,France,Accepted,5,Justice,5\nChad,Ratify again,France,Accepted,5,Justice\n' > "$tmp/short.csv"
refuse "upr-info: wrong field count names the line" "short.csv:3" s import upr-info "$tmp/short.csv"
head -c 150 data/demo/slovenia-upr-cycle3-thematic-list.md > "$tmp/trunc.md"
refuse "thematic: truncated file refused" "trunc.md" s import thematic-list "$tmp/trunc.md"
s export --format csv > "$tmp/after.csv"
check "database unchanged after refused files" cmp -s "$tmp/before.csv" "$tmp/after.csv"

# --- search
eq "search: woman and women find the same" "$(total woman)" "$(total women)"
eq "search: child and children find the same" "$(total child)" "$(total children)"
eq "search: right and rights find the same" "$(total right)" "$(total rights)"
check "search: finds something for women" test "$(total women)" -gt 10
eq "search: case and accents ignored" "$(total ROMA)" "$(total roma)"
check "search: AND narrows" test "$(total women AND violence)" -lt "$(total women)"
check "search: OR widens" test "$(total women OR roma)" -gt "$(total women)"
eq "search: NOT excludes" "$(( $(total women NOT violence) + $(total women AND violence) ))" "$(total women)"
check "search: phrase" test "$(total '"domestic violence"')" -gt 0
check "search: prefix" test "$(total 'discriminat*')" -ge "$(total discrimination)"
check "search: --sdg 5 filters" test "$(total --sdg 5 women)" -lt "$(total women)"
eq "search: --country by name or code" "$(total --country Slovenia women)" "$(total --country SVN women)"
check "search: --response noted" test "$(total --response noted rights)" -gt 0
check "search: --json lines have id, country, body, text, score" bash -c "'$SUIVI' --db '$db' search --json --limit 3 women | head -1 | grep -q '\"id\":.*\"country\":\"SVN\".*\"body\":\"UPR\".*\"score\":.*\"text\":'"
check "search: --facets" bash -c "'$SUIVI' --db '$db' search --facets --json women | tail -1 | grep -q '\"facets\"'"
check "search: highlighted snippet" bash -c "'$SUIVI' --db '$db' search --limit 1 torture | grep -qi '\[torture\]'"
refuse "search: bad --sdg" "--sdg" s search --sdg x.y.z.w women
refuse "search: bad --lang" "--lang" s search --lang de women
refuse "search: unbalanced parenthesis" "parenthes" s search "(women"
refuse "search: unknown country" "no such country" s search --country Atlantis women

# --- French and Spanish texts through a mapped CSV
cat > "$tmp/fr.map" <<'MAP'
country = Pays
text = Texte
lang = Langue
themes = Thèmes
MAP
printf 'Pays,Texte,Langue,Thèmes\nFrance,"Protéger les droits des enfants handicapés",fr,Right to education\nEspaña,"Garantizar los derechos de las mujeres y las niñas",es,\n' > "$tmp/fr.csv"
check "import csv --map" s import csv --map "$tmp/fr.map" "$tmp/fr.csv"
eq "french: enfant finds enfants" "$(total --lang fr enfant)" "1"
eq "french: handicapes finds handicapés" "$(total --lang fr HANDICAPES)" "1"
eq "spanish: mujer finds mujeres" "$(total --lang es mujer)" "1"
eq "spanish: niña finds niñas" "$(total --lang es niña)" "1"
printf 'country = Pays\ntext = Texte\nlang = Langue\nseparator = tab\n' > "$tmp/tab.map"
printf 'Pays\tTexte\tLangue\nFrance\t"Garantir l\x27accès des détenus à un avocat"\tfr\n' > "$tmp/tab.tsv"
check "import csv --map: separator = tab reads tab-separated text" s import csv --map "$tmp/tab.map" "$tmp/tab.tsv"
eq "tab-separated: its row is searchable" "$(total --lang fr détenus)" "1"
refuse "csv: unknown mapping field" "unknown field" s import csv --map <(echo 'colour = Colour') "$tmp/fr.csv"
refuse "csv: mapped column missing" "no column" s import csv --map <(printf 'text = Nope\ncountry = Pays\n') "$tmp/fr.csv"

# --- export round trip: CSV out, into a new database, out again: the same
s export --format csv > "$tmp/a.csv"
db2=$(tests/cli/dburl "$tmp/t2.db")
check "round trip: init second database" "$SUIVI" --db "$db2" init
check "round trip: import the export" "$SUIVI" --db "$db2" import csv --map data/mappings/suivi-export.map "$tmp/a.csv"
"$SUIVI" --db "$db2" export --format csv > "$tmp/b.csv"
cut_src() { awk -F'\t' '{print}' "$1" | cut -d, -f1-13 | sort; }
eq "round trip: same rows" "$(wc -l < "$tmp/b.csv")" "$(wc -l < "$tmp/a.csv")"
# every column but the three source columns (file, line, row) comes back identical
strip() { "$SUIVI" --db "$1" export --format json | sed -E 's/,"source_file":.*\}$/}/; s/,"source_file":.*\},?$/},/'; }
eq "round trip: same fields" "$(strip "$db2" | md5sum)" "$(strip "$db" | md5sum)"
check "export json is valid JSON" bash -c "'$SUIVI' --db '$db' export --format json | head -c 1 | grep -q '\['"

# --- the real UPR Info data, when it is here
if [ -f "$SHARED/upr-info/1-5.csv" ]; then
  db3=$(tests/cli/dburl "$tmp/t3.db")
  "$SUIVI" --db "$db3" init >/dev/null
  check "upr-info: raw MacRoman files" "$SUIVI" --db "$db3" import upr-info "$SHARED"/upr-info/{1-5,6-9,10-13,14-17}.csv
  check "upr-info: UTF-8 file, same ids" bash -c "'$SUIVI' --db '$db3' import upr-info '$SHARED/upr-info/upr_info_sessions_1-17_utf8.csv' | grep -q '832 new, 33082 updated'"
  s3() { "$SUIVI" --db "$db3" "$@"; }
  eq "upr-info: woman = women on 33.9k" "$(s3 search --limit 1 woman | tail -1)" "$(s3 search --limit 1 women | tail -1)"
  eq "upr-info: child = children on 33.9k" "$(s3 search --limit 1 child | tail -1)" "$(s3 search --limit 1 children | tail -1)"
  check "upr-info: Habré decoded from MacRoman" bash -c "'$SUIVI' --db '$db3' search --limit 50 habre | grep -q 'Habré'"
  check "upr-info: pledges kept apart" bash -c "'$SUIVI' --db '$db3' stats --json | grep -q '\"value\":\"pledge\",\"count\":832'"
else
  echo "SKIP real UPR Info data: $SHARED not found"
fi
