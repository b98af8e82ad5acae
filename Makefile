# suivi — build, test, run, bench. Plain C17 with gcc and pkg-config; every Debian package the
# build needs is listed once, in scripts/install-deps.

CC       := gcc
PKGS     := sqlite3 libutf8proc jansson libmicrohttpd libsodium
# reports: libzip (report/docx.c), libxlsxwriter (report/xlsx.c), cairo+pango (report/pdf.c)
PKGS     += libzip xlsxwriter cairo pangocairo
# follow-up: libcurl sends reminders by SMTP (src/cli/mail.c only)
PKGS     += libcurl
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

DB       ?= demo.db

.PHONY: all deps run check test fuzz bench format lint clean help

all: $(BUILD)/suivi

help:
	@echo "make run     install what is missing, build, create $(DB) with demo data, show it"
	@echo "make check   build and run every test, then again under ASan+UBSan"
	@echo "make bench   benchmarks (needs ../shared/data)"
	@echo "make format | lint | clean"

deps:
	@scripts/install-deps

$(GEN_C): $(MIGRATIONS) scripts/embed-sql
	@mkdir -p $(dir $@)
	scripts/embed-sql $@ $(MIGRATIONS)

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

# Runs each fuzzer FUZZ_SECONDS seconds on a scratch copy of its corpus.
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do n=$$(basename $$f); mkdir -p $(BUILD)/fuzz/work/$$n tests/fuzz/corpus/$$n; \
	  cp -n tests/fuzz/corpus/$$n/* $(BUILD)/fuzz/work/$$n/ 2>/dev/null; \
	  echo "fuzzing $$n for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(BUILD)/fuzz/$$n- $(BUILD)/fuzz/work/$$n || exit 1; done

run: deps $(BUILD)/suivi
	@scripts/demo $(DB)

# Quick: the plain build only.
test: deps $(BUILD)/suivi $(TESTS)
	@SUIVI_BINARIES=$(BUILD)/suivi tests/run $(TESTS)

# Everything: plain and ASan+UBSan builds, CLI scripts with both, fuzz corpora replayed.
check: deps
	@$(MAKE) --no-print-directory -j2 $(BUILD)/suivi $(BUILD)/suivi-san $(TESTS) $(SAN_TESTS) $(FUZZERS)
	@SUIVI_BINARIES="$(BUILD)/suivi $(BUILD)/suivi-san" tests/run $(TESTS) $(SAN_TESTS) $(FUZZERS)

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

clean:
	rm -rf $(BUILD)
