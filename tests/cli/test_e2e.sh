#!/usr/bin/env bash
# Browser tests: a server on a free loopback port with the demo data plus a few French and
# Spanish recommendations, driven in headless Chromium by tests/e2e/flow.mjs (playwright-core
# from npm; Chromium from Debian). Screenshots are kept in build/e2e/. Needs node, chromium
# and tests/e2e/node_modules (scripts/install-deps --e2e installs them; .ci/run does).
set -u
SUIVI=${SUIVI:-build/suivi}
if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] || [ ! -d tests/e2e/node_modules/playwright-core ]; then
  echo "FAIL e2e: node, /usr/bin/chromium or tests/e2e/node_modules missing (run scripts/install-deps --e2e)"
  exit 0
fi
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/e2e.db")
PW=correct-horse-battery-staple
"$SUIVI" --db "$db" init >/dev/null
"$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1
printf 'country = Pays\ntext_fr = Texte\ntext_es = Texto\nsdgs = ODD\n' > "$tmp/map"
printf 'Pays,Texte,Texto,ODD\nFrance,"Garantir les droits des enfants handicapés à l’éducation inclusive","Garantizar el derecho de los niños con discapacidad a la educación inclusiva",4\nFrance,"Lutter contre les violences faites aux femmes et aux filles","Combatir la violencia contra las mujeres y las niñas",5\n' > "$tmp/fr.csv"
"$SUIVI" --db "$db" import csv --map "$tmp/map" "$tmp/fr.csv" >/dev/null
SUIVI_ADMIN_PASSWORD=$PW "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --access-log "$tmp/access.log" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/out" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)
[ -n "$url" ] || { echo "FAIL e2e: server did not start: $(cat "$tmp/out")"; exit 0; }
SCREENSHOTS=${SCREENSHOTS:-build/e2e} timeout 300 node tests/e2e/flow.mjs "$url" admin "$PW"
echo "e2e screenshots: ${SCREENSHOTS:-build/e2e}/"
