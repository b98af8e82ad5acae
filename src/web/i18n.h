/*
 * i18n.h — the words of the web pages in English, French and Spanish, chosen per request.
 *
 * Catalogues are gettext's: strings are marked in the sources, `make pot` extracts them with
 * xgettext into po/suivi.pot, translators edit po/LANG.po with any PO editor, and the build
 * compiles them with `msgfmt --check` into LOCALEDIR/LANG/LC_MESSAGES/suivi.mo. What we do not
 * use is libintl's lookup: gettext() picks the language from the process locale (setlocale), which
 * is global to all threads, while the server answers requests in different languages at once;
 * and it only works when the fr_FR/es_ES system locales are installed, which many Debian servers
 * lack. So i18n.c reads the documented .mo format itself (a small, checked reader), once at
 * start-up, and every lookup takes the language as an argument. After i18n_load the catalogue is
 * read-only: any number of threads may use it at once without locking.
 *
 * How web code marks and translates strings (xgettext runs with these keywords, see Makefile):
 *
 *     T(tr, "Search")                          translate now; tr is a const struct i18n_tr *
 *     TN(tr, "%d result", "%d results", n)     plural forms chosen for n (ngettext's rules)
 *     N_("Countries")                          only marks a string for xgettext, e.g. in a
 *                                              static table; translate it later with i18n_get
 *
 * T and TN accept string literals only (so that xgettext sees every msgid); to translate a string
 * held in a variable (one marked with N_), call i18n_get. There is deliberately no `_()`: in
 * every other gettext program it means "translate with the process locale", which is exactly
 * what must not happen here. Translations are plain text, never HTML: pages insert them with
 * html_printf's %s (see html.h), which escapes them.
 */
#ifndef SUIVI_WEB_I18N_H
#define SUIVI_WEB_I18N_H

#include "text/fold.h"
#include "util/err.h"

/* The three catalogues, loaded once. Opaque; read-only after i18n_load. */
struct i18n;

/* What a request translates with: the catalogues and the language chosen for this request. */
struct i18n_tr {
    const struct i18n *cat; /* may be NULL: every lookup then gives the msgid (English) */
    enum text_lang lang;
};

#define N_(msgid) msgid
#define T(tr, msgid) i18n_get((tr)->cat, (tr)->lang, "" msgid "")
#define TN(tr, singular, plural, n)                                                                \
    i18n_nget((tr)->cat, (tr)->lang, "" singular "", "" plural "", (unsigned long)(n))

/* The name under which the catalogues are installed: LOCALEDIR/LANG/LC_MESSAGES/suivi.mo. */
#define I18N_DOMAIN "suivi"

/* Largest .mo file accepted; ours are a few tens of kilobytes. */
#define I18N_MO_MAX (16u << 20)

/* Loads LOCALEDIR/en/LC_MESSAGES/suivi.mo and the same for fr and es (locale_dir is e.g.
 * "build/locale", or "/usr/local/share/locale" once installed). Every file must be there and be a
 * well-formed GNU .mo file (either byte order) whose strings are valid UTF-8, whose header says
 * charset=UTF-8 (or names no charset), and whose Plural-Forms expression, if any, parses.
 * On success *out is a catalogue to free with i18n_free. Errors: ERR_IO (a file missing or
 * unreadable), ERR_INPUT (a malformed file; the message names the file, the entry and what is
 * wrong), ERR_NOMEM. *out is NULL on error. */
int i18n_load(const char *locale_dir, struct i18n **out, struct err *err) SUIVI_MUST_CHECK;

/* Frees the catalogues; NULL is fine. */
void i18n_free(struct i18n *cat);

/* The translation of msgid in lang, or msgid itself when there is none (cat NULL, lang out of
 * range, msgid not in the catalogue). The returned string lives as long as cat or msgid. */
const char *i18n_get(const struct i18n *cat, enum text_lang lang, const char *msgid);

/* The plural form for the count n: the translation's form chosen by the catalogue's
 * Plural-Forms expression, or, when there is no translation (or the expression names a form the
 * entry lacks), singular when n == 1 and plural otherwise, as ngettext does. */
const char *i18n_nget(const struct i18n *cat, enum text_lang lang, const char *singular,
                      const char *plural, unsigned long n);

/* How many plural forms the catalogue of lang declares (2 for en, fr, es); 0 when cat is NULL. */
int i18n_nplurals(const struct i18n *cat, enum text_lang lang);

/* The label, translated for tr, of a code the store and core use, or NULL when vocabulary or
 * code is unknown (callers then show the code as it is). Vocabularies and their codes:
 *   "response"         supported, noted, partially_supported, none
 *   "mechanism"        upr, treaty_body, special_procedure, regional
 *   "role"             admin, coordinator, focal_point, contributor, viewer
 *   "role_help"        the same codes: one sentence saying what the role may do
 *   "action_category"  1 to 5 (UPR Info's scale, from minimal to specific action)
 *   "progress"         not_started, in_progress, partially_implemented, implemented,
 *                      not_accepted
 *   "workflow"         draft, submitted, validated, returned
 *   "tag_origin"       source, human, machine
 *   "kind"             recommendation, pledge */
const char *i18n_label(const struct i18n_tr *tr, const char *vocabulary, const char *code);

/* The language to answer in, from an Accept-Language header (RFC 9110 §12.5.4): the supported
 * language with the highest q-value, matched on the primary subtag ("es-419" is Spanish), ties
 * going to the earlier range; "*" stands for the languages not named; q=0 excludes. Ranges and
 * weights that do not parse are skipped, never fatal.
 * Always sets *out. Returns 0 when the header chose it, ERR_NOTFOUND when it did not (header NULL,
 * empty, garbage, or naming none of en, fr, es), in which case *out is TEXT_LANG_EN. */
int i18n_lang_from_accept(const char *accept_language, enum text_lang *out);

/* The name of lang in lang itself ("English", "Français", "Español"), for language switchers;
 * "English" for an out-of-range value. */
const char *i18n_lang_endonym(enum text_lang lang);

#endif
