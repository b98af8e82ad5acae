# suivi — build, test, run, bench. Plain C17 with gcc and pkg-config; every Debian package the
# build needs is listed once, in scripts/install-deps.

CC       := gcc
PKGS     := sqlite3 libutf8proc jansson libmicrohttpd libsodium
# reports: libzip (report/docx.c), libxlsxwriter (report/xlsx.c), cairo+pango (report/pdf.c)
PKGS     += libzip xlsxwriter cairo pangocairo
# follow-up: libcurl sends reminders by SMTP (src/cli/mail.c only)
PKGS     += libcurl
# knowledge hub: cmark renders Markdown, raw HTML disabled (src/web/markdown.c only)
PKGS     += libcmark
# PostgreSQL backend: libpq (src/store/postgres*.c only)
PKGS     += libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-unused-parameter -Wformat=2 -Wno-format-nonliteral
BASE_CFLAGS := -std=c17 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -Isrc $(WARN) $(PKG_CFLAGS)
OPT      ?= -O2 -g
SAN      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BUILD    := build
SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
TEST_SRC := $(shell find tests -name 'test_*.c' | sort)
HDRS     := $(shell find src tests -name '*.h')

MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
PG_MIGRATIONS := $(sort $(wildcard src/store/migrations/pg/*.sql))
GEN_C    := $(BUILD)/gen/migrations_sql.c

OBJ      := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/migrations_sql.o
SAN_OBJ  := $(LIB_SRC:%.c=$(BUILD)/san/%.o) $(BUILD)/san/gen/migrations_sql.o
TESTS    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
SAN_TESTS:= $(TEST_SRC:tests/%.c=$(BUILD)/san-tests/%)

FUZZ_SRC := $(shell find tests/fuzz -name 'fuzz_*.c' 2>/dev/null | sort)
FUZZERS  := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_OBJ := $(LIB_SRC:%.c=$(BUILD)/fuzzobj/%.o) $(BUILD)/fuzzobj/gen/migrations_sql.o
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
# Built through the fuzzers' pattern rule only: keep them, or every make rebuilds them all.
.SECONDARY: $(FUZZ_OBJ)

DB       ?= demo.db

.PHONY: all deps run check test test-pg fuzz bench format lint clean help

all: $(BUILD)/suivi

help:
	@echo "make run     install what is missing, build, create $(DB) with demo data, show it"
	@echo "make check   build and run every test, then again under ASan+UBSan"
	@echo "make bench   benchmarks (needs ../shared/data)"
	@echo "make fuzz    every fuzzer FUZZ_SECONDS (60) each; make valgrind: tests under valgrind"
	@echo "make install [PREFIX=/usr/local] [DESTDIR=]   program, data, catalogues, man page, docs"
	@echo "make uninstall                                 remove what install put there"
	@echo "make format | lint | clean"

deps:
	@scripts/install-deps

$(GEN_C): $(MIGRATIONS) $(PG_MIGRATIONS) scripts/embed-sql
	@mkdir -p $(dir $@)
	scripts/embed-sql $@ $(MIGRATIONS) --pg $(PG_MIGRATIONS)

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c src/store/migrations.h
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) $(OPT) -c $< -o $@

$(BUILD)/san/gen/%.o: $(BUILD)/gen/%.c src/store/migrations.h
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) $(SAN) -c $< -o $@

$(BUILD)/fuzzobj/gen/%.o: $(BUILD)/gen/%.c src/store/migrations.h
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@clang $(BASE_CFLAGS) $(FUZZ_FLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) $(OPT) -c $< -o $@

$(BUILD)/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) $(SAN) -c $< -o $@

# --- translations (po/) ---
# po/LANG.po is compiled with `msgfmt --check` into build/locale/LANG/LC_MESSAGES/suivi.mo, which
# src/web/i18n.c reads at start-up. `make pot` re-extracts po/suivi.pot from src/ (plus
# po/web-msgids.c, the strings pages will use) and merges it into the .po files: new strings
# arrive untranslated or fuzzy, and tests/cli/test_po.sh fails until they are translated.
# The files of src/web/static/ are compiled into the program here too (scripts/embed-static).
# This block must stay above the first rule that lists $(OBJ) among its prerequisites.
LANGS    := en fr es
MO       := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/suivi.mo)
XGETTEXT := xgettext --language=C --from-code=UTF-8 --keyword= --keyword=N_ --keyword=T:2 \
            --keyword=TN:2,3 --add-comments=TRANSLATORS: --add-location=file --sort-output \
            --package-name=suivi --msgid-bugs-address="the suivi maintainers (README.md)"
STATIC   := $(sort $(wildcard src/web/static/*.css src/web/static/*.svg src/web/static/*.js))
STATIC_C := $(BUILD)/gen/static_files.c
OBJ      += $(BUILD)/obj/gen/static_files.o
SAN_OBJ  += $(BUILD)/san/gen/static_files.o
FUZZ_OBJ += $(BUILD)/fuzzobj/gen/static_files.o

.PHONY: pot

$(BUILD)/locale/%/LC_MESSAGES/suivi.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT $@"
	@msgfmt --check -o $@ $<

pot:
	@echo "  XGETTEXT po/suivi.pot"
	@$(XGETTEXT) -o po/suivi.pot $(sort $(shell find src -name '*.[ch]')) po/web-msgids.c
	@for l in $(LANGS); do msgmerge --quiet --update --backup=none po/$$l.po po/suivi.pot; done

$(STATIC_C): $(STATIC) scripts/embed-static
	@mkdir -p $(dir $@)
	scripts/embed-static $@ $(STATIC)

$(BUILD)/obj/gen/static_files.o $(BUILD)/san/gen/static_files.o: src/web/layout.h
$(BUILD)/fuzzobj/gen/static_files.o: src/web/layout.h

# The tests that load the catalogues need them built first.
$(BUILD)/tests/web/test_i18n $(BUILD)/san-tests/web/test_i18n: | $(MO)
$(BUILD)/tests/web/test_layout $(BUILD)/san-tests/web/test_layout: | $(MO)
# --- end of translations ---

$(BUILD)/suivi: $(BUILD)/obj/src/main.o $(OBJ) | $(MO)
	@echo "  CC  $@"
	@$(CC) $(OPT) $^ -o $@ $(PKG_LIBS) -lm

$(BUILD)/suivi-san: $(BUILD)/san/src/main.o $(SAN_OBJ)
	@echo "  CC  $@"
	@$(CC) $(SAN) $^ -o $@ $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/%.c $(OBJ) $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) -Itests $(OPT) $< $(OBJ) -o $@ $(PKG_LIBS) -lcmocka -lm

$(BUILD)/san-tests/%: tests/%.c $(SAN_OBJ) $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) -Itests $(SAN) $< $(SAN_OBJ) -o $@ $(PKG_LIBS) -lcmocka -lm

$(BUILD)/fuzzobj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@clang $(BASE_CFLAGS) -Wno-unused-command-line-argument $(FUZZ_FLAGS) -c $< -o $@

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ) $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@clang $(BASE_CFLAGS) -Itests -fsanitize=fuzzer,address,undefined $< $(FUZZ_OBJ) -o $@ $(PKG_LIBS) -lm

# fuzz_http serves pages: it loads the catalogues from $(BUILD)/locale.
$(BUILD)/fuzz/fuzz_http: | $(MO)

# Runs each fuzzer FUZZ_SECONDS seconds on a scratch copy of its corpus (and tests/fuzz/NAME.dict).
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do n=$$(basename $$f); mkdir -p $(BUILD)/fuzz/work/$$n tests/fuzz/corpus/$$n; \
	  cp -n tests/fuzz/corpus/$$n/* $(BUILD)/fuzz/work/$$n/ 2>/dev/null; \
	  echo "fuzzing $$n for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(BUILD)/fuzz/$$n- \
	    $$([ -f tests/fuzz/$$n.dict ] && echo -dict=tests/fuzz/$$n.dict) $(BUILD)/fuzz/work/$$n || exit 1; done

# Every cmocka test under valgrind (slow, not part of check): a memory error or a leak fails.
# tests/valgrind.supp: only what the PDF libraries (fontconfig, pango, cairo, glib) keep.
VALGRIND ?= valgrind -q --leak-check=full --error-exitcode=99 --suppressions=tests/valgrind.supp
.PHONY: valgrind
valgrind: $(TESTS) | $(MO)
	@fail=0; for t in $(TESTS); do echo "== valgrind $$t"; \
	  SUIVI_LOCALE_DIR=$(BUILD)/locale $(VALGRIND) $$t > $(BUILD)/valgrind.log 2>&1 \
	    || { tail -40 $(BUILD)/valgrind.log; fail=$$((fail + 1)); }; done; \
	  echo "valgrind: $$fail failed"; [ $$fail -eq 0 ]

run: deps $(BUILD)/suivi
	@scripts/demo $(DB)

# Quick: the plain build only.
test: deps $(BUILD)/suivi $(TESTS)
	@SUIVI_BINARIES=$(BUILD)/suivi tests/run $(TESTS)

# The tests against PostgreSQL only (the last pass of make check), e.g. while working on
# src/store/postgres*.c; SUIVI_TEST_PG=postgresql:///DB uses that database instead of a
# throwaway server.
test-pg: deps $(BUILD)/suivi $(TESTS)
	@SUIVI_BINARIES= SUIVI_PG_BINARY=$(BUILD)/suivi SUIVI_PG_TESTS="$(TESTS)" tests/run

# Everything: plain and ASan+UBSan builds, CLI scripts with both, fuzz corpora replayed; then
# the PostgreSQL pass: both builds' cmocka tests and the CLI scripts (plain build) on PostgreSQL.
check: deps
	@$(MAKE) --no-print-directory -j2 $(BUILD)/suivi $(BUILD)/suivi-san $(TESTS) $(SAN_TESTS) $(FUZZERS)
	@SUIVI_BINARIES="$(BUILD)/suivi $(BUILD)/suivi-san" SUIVI_PG_BINARY=$(BUILD)/suivi \
	  SUIVI_PG_TESTS="$(TESTS) $(SAN_TESTS)" tests/run $(TESTS) $(SAN_TESTS) $(FUZZERS)

# reports: bench programs (bench/NAME.c) linked like the tests; bench/run builds and runs them
$(BUILD)/bench/%: bench/%.c $(OBJ) $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"
	@$(CC) $(BASE_CFLAGS) $(OPT) $< $(OBJ) -o $@ $(PKG_LIBS) -lm

bench: deps $(BUILD)/suivi
	@scripts/install-deps --bench
	@bench/run $(BUILD)/suivi

format:
	clang-format -i $(SRC) $(HDRS) $(TEST_SRC)

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem -Isrc $(SRC)

# --- install (operations, step 6) ---
# `make install PREFIX=/usr/local DESTDIR=` copies the program, data/ (taxonomies, models, demo
# data), the catalogues, the manual page and the docs. The program finds them from where it is
# (PREFIX/bin/../share/suivi, ../share/locale: src/cli/common.c), so PREFIX is not compiled in
# and a DESTDIR tree runs in place. INSTALL_BIN picks another build of the program
# (tests/cli/test_install.sh installs the one it tests). `make uninstall` removes them again.
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
DOCDIR   ?= $(DATADIR)/doc/suivi
INSTALL_BIN ?= $(BUILD)/suivi
DATA_FILES := $(shell find data -type f | sort)
DOC_FILES  := README.md $(sort $(wildcard docs/*.md))
UNIT_FILES := $(sort $(wildcard dist/*.service dist/*.timer))

.PHONY: install uninstall

install: $(INSTALL_BIN) $(MO)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(DOCDIR)"
	install -m 0755 "$(INSTALL_BIN)" "$(DESTDIR)$(BINDIR)/suivi"
	@for f in $(DATA_FILES); do echo "  INSTALL $(DESTDIR)$(DATADIR)/suivi/$${f#data/}"; \
	  install -D -m 0644 "$$f" "$(DESTDIR)$(DATADIR)/suivi/$${f#data/}" || exit 1; done
	@for l in $(LANGS); do echo "  INSTALL $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/suivi.mo"; \
	  install -D -m 0644 "$(BUILD)/locale/$$l/LC_MESSAGES/suivi.mo" \
	    "$(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/suivi.mo" || exit 1; done
	install -m 0644 man/suivi.1 "$(DESTDIR)$(MANDIR)/man1/suivi.1"
	install -m 0644 $(DOC_FILES) dist/suivi.conf "$(DESTDIR)$(DOCDIR)/"
	@for f in $(UNIT_FILES); do echo "  INSTALL $(DESTDIR)$(DOCDIR)/$${f#dist/}"; \
	  sed 's|/usr/bin/suivi|$(BINDIR)/suivi|g' "$$f" > "$(DESTDIR)$(DOCDIR)/$${f#dist/}" && \
	  chmod 0644 "$(DESTDIR)$(DOCDIR)/$${f#dist/}" || exit 1; done

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/suivi" "$(DESTDIR)$(MANDIR)/man1/suivi.1"
	rm -rf "$(DESTDIR)$(DATADIR)/suivi" "$(DESTDIR)$(DOCDIR)"
	for l in $(LANGS); do rm -f "$(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/suivi.mo"; done
# --- end of install ---

clean:
	rm -rf $(BUILD)
