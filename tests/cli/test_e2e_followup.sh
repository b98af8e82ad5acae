#!/usr/bin/env bash
# Browser walk of the follow-up: a server on a free loopback port with the demo data, driven in
# headless Chromium by tests/e2e/followup.mjs (playwright-core from npm; Chromium from Debian).
# Screenshots are kept in build/e2e/followup-*.png. Needs node, chromium and
# tests/e2e/node_modules (scripts/install-deps --e2e installs them; .ci/run does).
set -u
SUIVI=${SUIVI:-build/suivi}
if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] || [ ! -d tests/e2e/node_modules/playwright-core ]; then
  echo "FAIL e2e followup: node, /usr/bin/chromium or tests/e2e/node_modules missing (run scripts/install-deps --e2e)"
  exit 0
fi
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/e2e.db")
PW=correct-horse-battery-staple
"$SUIVI" --db "$db" init >/dev/null
"$SUIVI" --db "$db" import thematic-list data/demo/*.md >/dev/null 2>&1
SUIVI_ADMIN_PASSWORD=$PW "$SUIVI" --db "$db" serve --listen 127.0.0.1:0 --access-log "$tmp/access.log" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q serving "$tmp/out" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)
[ -n "$url" ] || { echo "FAIL e2e followup: server did not start: $(cat "$tmp/out")"; exit 0; }
SCREENSHOTS=${SCREENSHOTS:-build/e2e} timeout 300 node tests/e2e/followup.mjs "$url" admin "$PW"
rc=$?
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/out"; then
  echo "FAIL e2e followup: no sanitizer report: $(grep -m1 -A5 'ERROR\|runtime error' "$tmp/out")"
fi
echo "e2e followup screenshots: ${SCREENSHOTS:-build/e2e}/followup-*.png"
exit $rc
