#!/usr/bin/env bash
# postgresql: not run (no database: catalogues only)
# The translations in po/: each catalogue passes `msgfmt --check` and is complete (no untranslated
# or fuzzy entry), declares the plural rule its language needs, po/suivi.pot lists every string
# marked in src/ (so `make pot` was run), and every marked string is translated in en, fr and es.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them. Needs gettext's tools.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }

if ! command -v msgfmt >/dev/null || ! command -v xgettext >/dev/null; then
  fail "po: gettext tools installed" "run scripts/install-deps"; exit 0
fi

declare -A plural=([en]='nplurals=2; plural=(n != 1);' [fr]='nplurals=2; plural=(n > 1);'
                   [es]='nplurals=2; plural=(n != 1);')
for l in en fr es; do
  po=po/$l.po
  if LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" >"$tmp/stat" 2>&1; then
    pass "po: $l.po passes msgfmt --check"
  else
    fail "po: $l.po passes msgfmt --check" "$(head -c 400 "$tmp/stat")"
  fi
  stats=$(grep 'translated message' "$tmp/stat")
  if [ -n "$stats" ] && ! grep -qE 'fuzzy|untranslated' <<<"$stats"; then
    pass "po: every entry of $l.po is translated and none is fuzzy ($stats)"
  else
    fail "po: every entry of $l.po is translated and none is fuzzy" "${stats:-no statistics}"
  fi
  if grep -qF "\"Plural-Forms: ${plural[$l]}\\n\"" "$po"; then
    pass "po: $l.po declares the plural rule ${plural[$l]}"
  else
    fail "po: $l.po declares the plural rule ${plural[$l]}" "$(grep Plural-Forms "$po")"
  fi
  if grep -qF '"Content-Type: text/plain; charset=UTF-8\n"' "$po"; then
    pass "po: $l.po is UTF-8"
  else
    fail "po: $l.po is UTF-8"
  fi
done

# The same keywords as XGETTEXT in the Makefile.
if xgettext --language=C --from-code=UTF-8 --keyword= --keyword=N_ --keyword=T:2 \
     --keyword=TN:2,3 -o "$tmp/fresh.pot" $(find src -name '*.[ch]' | sort) po/web-msgids.c \
     2>"$tmp/xg"; then
  pass "po: xgettext reads the sources"
else
  fail "po: xgettext reads the sources" "$(head -c 400 "$tmp/xg")"
fi
if msgcmp --use-untranslated po/suivi.pot "$tmp/fresh.pot" >"$tmp/cmp" 2>&1; then
  pass "po: suivi.pot lists every string marked in src/"
else
  fail "po: suivi.pot lists every string marked in src/ (run make pot)" \
       "$(grep -v warning "$tmp/cmp" | head -c 600)"
fi
for l in en fr es; do
  if msgcmp "po/$l.po" "$tmp/fresh.pot" >"$tmp/cmp" 2>&1; then
    pass "po: every string marked in src/ has a translation in $l.po"
  else
    fail "po: every string marked in src/ has a translation in $l.po" \
         "$(grep -v warning "$tmp/cmp" | head -c 600)"
  fi
done
