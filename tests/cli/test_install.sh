#!/usr/bin/env bash
# postgresql: not run (no database: installation only)
# `make install` and `make uninstall` (Makefile, install block) into a scratch DESTDIR, with a
# PREFIX that does not exist on this machine: the installed program, run from another directory
# with no SUIVI_DATA or SUIVI_LOCALE, finds its taxonomies and catalogues under PREFIX/share,
# creates a database, imports the demo data and serves French and Spanish pages; the manual page
# renders without a warning; the sample configuration is accepted by serve; the systemd unit
# passes `systemd-analyze verify` (skipped when that tool is missing); nothing is written outside
# DESTDIR; uninstall leaves no file behind. Prints PASS/FAIL lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }

build=$(dirname "$SUIVI")
prefix=/opt/suivi-install-test-$$
dest=$tmp/dest
root=$dest$prefix
# -o: install the binary under test as it is, never rebuild it here.
mk() { make --no-print-directory -o "$SUIVI" BUILD="$build" INSTALL_BIN="$SUIVI" PREFIX="$prefix" DESTDIR="$dest" "$@"; }

check "make install into DESTDIR" mk install
check "program installed" test -x "$root/bin/suivi"
check "taxonomies installed" test -r "$root/share/suivi/sdg/sdg_framework_en_fr_es.csv"
check "tagging models installed" test -r "$root/share/suivi/models/sdg.model"
for l in en fr es; do check "catalogue $l installed" test -r "$root/share/locale/$l/LC_MESSAGES/suivi.mo"; done
check "manual page installed" test -r "$root/share/man/man1/suivi.1"
for f in README.md operations.md suivi.conf suivi.service suivi-backup.service suivi-backup.timer; do check "doc: $f installed" test -r "$root/share/doc/suivi/$f"; done
eq "installed unit runs the installed program" "$(grep -c "^ExecStart=$prefix/bin/suivi serve" "$root/share/doc/suivi/suivi.service")" 1

# --- nothing escapes DESTDIR
check "PREFIX itself untouched" test ! -e "$prefix"
# Every double-quoted path of the commands that names PREFIX is a destination: it must be
# under DESTDIR (a forgotten $(DESTDIR) would write to PREFIX itself).
escapes() { mk -n "$1" | grep -oE '"[^"]*"' | tr -d '"' | sed 's|^[^/]*||' | grep -F "$prefix" | grep -v "^$dest/" | sort -u; }
eq "every path make install writes is under DESTDIR" "$(escapes install)" ""
eq "every path make uninstall removes is under DESTDIR" "$(escapes uninstall)" ""
check "make -n install names destinations" bash -c "$(declare -f mk); $(declare -p SUIVI build prefix dest); mk -n install | grep -q '\"$dest$prefix/bin/suivi\"'"

# --- the installed program, from another directory, without the build tree's help
work=$tmp/elsewhere; mkdir -p "$work"
run() { (cd "$work" && env -u SUIVI_DATA -u SUIVI_LOCALE -u SUIVI_DB -u SUIVI_CONFIG "$root/bin/suivi" "$@"); }
check "installed: --version" run --version
check "installed: init finds its taxonomies" run --db demo.db init
check "installed: import the demo data" run --db demo.db import thematic-list "$root"/share/suivi/demo/*.md
check "installed: search" bash -c "cd '$work' && '$root/bin/suivi' --db demo.db search --limit 1 women | grep -q SVN"
check "installed: check" run check --db demo.db
cat >"$work/suivi.conf" <<EOF
# what dist/suivi.conf says, with this test's database and a free port
db = $work/demo.db
listen = 127.0.0.1:0
access-log = $work/access.log
EOF
grep -vE '^(#|$)|^(db|listen|access-log) ' "$root/share/doc/suivi/suivi.conf" >>"$work/suivi.conf"
(cd "$work" && exec env -u SUIVI_DATA -u SUIVI_LOCALE -u SUIVI_DB SUIVI_ADMIN_PASSWORD=correct-horse-battery-staple \
  "$root/bin/suivi" serve --config "$work/suivi.conf" >"$tmp/serve.out" 2>"$tmp/serve.err") &
pid=$!
for _ in $(seq 300); do grep -q serving "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
B=$(grep -o 'http://[0-9.:]*' "$tmp/serve.out")
check "installed: serve with the sample configuration" test -n "$B"
check "installed: a French page (catalogues found)" bash -c "curl -s -H 'Accept-Language: fr' '$B/' | grep -q 'Rechercher'"
check "installed: a Spanish search page" bash -c "curl -s -H 'Accept-Language: es' '$B/search?q=mujeres' | grep -q 'Buscar recomendaciones'"
check "installed: access log written where the file says" bash -c "sleep 0.2; grep -q ' GET 200 .* /search\$' '$work/access.log'"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=

# --- configuration file: errors name FILE:LINE, SUIVI_CONFIG, the command line wins
printf 'listen = 127.0.0.1:0\nlistn = 1\n' >"$work/bad.conf"
refuse_serve() { # NAME WANT ARGS...: serve must stop before listening, saying WANT
  local name=$1 want=$2; shift 2
  if (cd "$work" && timeout 10 "$root/bin/suivi" --db demo.db serve "$@" >"$tmp/o" 2>"$tmp/e"); then fail "$name" "served"
  elif grep -qF -- "$want" "$tmp/e"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/e")"; fi; }
refuse_serve "serve --config: unknown key names FILE:LINE" "$work/bad.conf:2: unknown key 'listn'" --config "$work/bad.conf"
SUIVI_CONFIG=$work/bad.conf refuse_serve "SUIVI_CONFIG is read" "$work/bad.conf:2: unknown key"
refuse_serve "serve --config: missing file" "$work/none.conf" --config "$work/none.conf"
refuse_serve "serve --threads 0 refused" "--threads: expected a number" --threads 0
refuse_serve "serve --max-body 10X refused" "--max-body: expected a size" --max-body 10X
printf 'listen = 999.1.1.1:80\nthreads = 2\n' >"$work/override.conf"
refuse_serve "the file's listen is used" "999.1.1.1:80" --config "$work/override.conf"
(cd "$work" && SUIVI_ADMIN_PASSWORD=correct-horse-battery-staple exec "$root/bin/suivi" --db demo.db serve \
  --config "$work/override.conf" --listen 127.0.0.1:0 >"$tmp/serve2.out" 2>&1) &
pid=$!
for _ in $(seq 300); do grep -q serving "$tmp/serve2.out" 2>/dev/null && break; sleep 0.1; done
check "--listen on the command line overrides the file" grep -q 'serving demo.db on http://127.0.0.1:' "$tmp/serve2.out"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=

# --- the manual page and the unit
warnings=$(MANWIDTH=80 man --warnings -l "$root/share/man/man1/suivi.1" 2>&1 >/dev/null)
eq "man page renders without warnings" "$warnings" ""
check "man page (groff -ww) without warnings" bash -c "test -z \"\$(groff -man -ww -z '$root/share/man/man1/suivi.1' 2>&1)\""
for c in $(sed -n 's/^  \([a-z][a-z|-]*\) .*/\1/p' <("$SUIVI" --help) | tr '|' '\n' | sort -u); do
  grep -q "^\.B $c\b" "$root/share/man/man1/suivi.1" || fail "man page documents the command $c"
done
pass "man page documents every command of suivi --help"
if command -v systemd-analyze >/dev/null; then
  # The installed units name PREFIX/bin/suivi, which verify wants to exist: point them at DESTDIR.
  for u in suivi.service suivi-backup.service suivi-backup.timer; do
    sed "s|$prefix/bin/suivi|$root/bin/suivi|g" "$root/share/doc/suivi/$u" >"$tmp/$u"
    # verify exits 0 on unknown keys too: its output must be empty as well.
    check "systemd-analyze verify $u: no complaint" bash -c "out=\$(MANPATH='$root/share/man' systemd-analyze verify '$tmp/$u' 2>&1) && test -z \"\$out\" || { echo \"\$out\"; false; }"
  done
else
  echo "SKIP systemd-analyze verify (systemd-analyze not installed)"
fi

# --- uninstall
check "make uninstall" mk uninstall
eq "uninstall leaves no file in DESTDIR" "$(find "$dest" -type f | wc -l)" 0
check "PREFIX still untouched" test ! -e "$prefix"
