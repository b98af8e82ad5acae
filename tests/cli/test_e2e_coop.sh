#!/usr/bin/env bash
# Browser walk of the technical-cooperation repository: a server on a free loopback port with
# the demo data, Slovenia's organisation with its coordinator and a UN entity with a provider's
# account (linked from the command line, as an administrator does), driven in headless Chromium
# by tests/e2e/coop.mjs (playwright-core from npm; Chromium from Debian): the State publishes a
# need, the provider finds it and proposes a match, the State accepts. Screenshots are kept in
# build/e2e/coop-*.png. Needs node, chromium and tests/e2e/node_modules (scripts/install-deps
# --e2e installs them; .ci/run does).
set -u
SUIVI=${SUIVI:-build/suivi}
if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] || [ ! -d tests/e2e/node_modules/playwright-core ]; then
  echo "FAIL e2e coop: node, /usr/bin/chromium or tests/e2e/node_modules missing (run scripts/install-deps --e2e)"
  exit 0
fi
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/e2e.db")
PW=correct-horse-battery-staple
s() { "$SUIVI" --db "$db" "$@"; }
if ! { s init && s import thematic-list data/demo/*.md &&
       s org add SVN --name "Republic of Slovenia" --kind state --country SVN &&
       s org add UNDP --name "United Nations Development Programme" --kind un_entity &&
       SUIVI_PASSWORD=$PW s user add coord --role coordinator &&
       SUIVI_PASSWORD=$PW s user add undp --role contributor &&
       s org link coord SVN && s org link undp UNDP; } >"$tmp/setup" 2>&1; then
  echo "FAIL e2e coop: setup: $(tail -3 "$tmp/setup")"
  exit 0
fi
"$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --access-log "$tmp/access.log" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/out" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)
[ -n "$url" ] || { echo "FAIL e2e coop: server did not start: $(cat "$tmp/out")"; exit 0; }
SCREENSHOTS=${SCREENSHOTS:-build/e2e} timeout 300 node tests/e2e/coop.mjs "$url" coord undp "$PW"
rc=$?
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/out"; then
  echo "FAIL e2e coop: no sanitizer report: $(grep -m1 -A5 'ERROR\|runtime error' "$tmp/out")"
fi
echo "e2e coop screenshots: ${SCREENSHOTS:-build/e2e}/coop-*.png"
exit $rc
