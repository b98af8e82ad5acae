/*
 * pages_hub.h — what the knowledge hub's pages share (pages_hub.c: home, search, proposing,
 * library; pages_hub_practice.c: a good practice's page, its forms and files;
 * pages_hub_profile.c: NMIRF profiles and their form).
 * Nothing outside src/web/pages_hub*.c includes it.
 */
#ifndef SUIVI_WEB_PAGES_HUB_H
#define SUIVI_WEB_PAGES_HUB_H

#include "core/hub.h"
#include "web/handlers.h"

/* The name of language l (enum text_lang) in the reader's language, for running text; of a
 * code ("fr"), or the code itself when unknown. */
const char *hub_page_lang_label(const struct req *r, int l);
const char *hub_page_lang_label_of(const struct req *r, const char *code);

/* Markdown rendered safely (web/markdown.h) inside <div class="markdown" lang=LANG>. */
int hub_page_markdown(struct buf *b, const char *lang, const char *md);

/* The labels of States, SDG targets and UHRI themes in the reader's language. Loaded whole
 * or not at all: on an error there is nothing to free. */
struct hub_page_labels {
    struct page_list countries, sdgs, themes;
};
int hub_page_labels_load(struct req *r, struct hub_page_labels *l,
                         struct err *err) SUIVI_MUST_CHECK;
void hub_page_labels_free(struct hub_page_labels *l);

/* An entry's tags as a list (SDG and theme labels); "Unpublished" and "Demo" badges. */
int hub_page_tags(const struct req *r, struct buf *b, const struct store_hub_practice *pr,
                  const struct hub_page_labels *l);
int hub_page_badges(const struct req *r, struct buf *b, int published, int demo);

/* The fields of a practice form named form: title and body per language, State, tags; filled
 * with what was typed when the form comes back refused, else with current (may be NULL). */
int hub_page_practice_fields(const struct req *r, struct buf *b, const struct hub_page_labels *l,
                             const char *form, const struct store_hub_practice *current);

/* Those fields of a posted form into in (strings borrowed from r; tags resolved into tags). */
int hub_page_practice_in(struct req *r, struct core_hub_practice_in *in, struct core_hub_tags *tags,
                         struct err *err) SUIVI_MUST_CHECK;

/* /hub (pages_hub.c); after a refused form: status, the headline (translated) and core's
 * message, the form open with what was typed. */
int hub_page_home(struct req *r, struct resp *p, int status, const char *headline,
                  const char *refusal);

/* The form that adds a profile (cur NULL) or replaces cur (pages_hub_profile.c). */
int hub_page_profile_form(const struct req *r, struct buf *b, const struct hub_page_labels *l,
                          const struct store_hub_profile *cur);

#endif
