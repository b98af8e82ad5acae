/*
 * web-msgids.c — the words the web pages need, listed for xgettext; never compiled.
 *
 * The catalogues were written before the pages, so that every page can be translated from its
 * first day. `make pot` reads this file beside src/: a msgid used both here and in a page is one
 * entry. When a page stops using a string, delete its line here too, then run `make pot`.
 * Strings with a %d or %s are C formats: pages write them with html_textf (src/web/html.h).
 * Plain strings go through html_printf's %s. Use T(tr, ...) and TN(tr, ..., n) in pages.
 */

void navigation(void)
{
    T(tr, "Browse");
    T(tr, "Home");
}

void search_page(void)
{
    T(tr, "Show more");
    T(tr, "Sort by");
    T(tr, "Relevance");
    T(tr, "Newest first");
    T(tr, "Download CSV");
}

void recommendation_fields(void)
{
    T(tr, "Date");
    T(tr, "Source");
    /* TRANSLATORS: abbreviation of Universal Periodic Review. */
    T(tr, "UPR");
    T(tr, "Treaty bodies");
    T(tr, "Special procedures");
    T(tr, "Regional mechanisms");
    T(tr, "National human rights institution");
    /* TRANSLATORS: abbreviation of national human rights institution. */
    T(tr, "NHRI");
    T(tr, "Civil society");
}

void login_form(void)
{
    T(tr, "Your session has expired. Please log in again.");
    T(tr, "You have been logged out.");
    T(tr, "This form has expired. Please try again.");
}

void user_admin(void)
{
    T(tr, "Email");
    T(tr, "Yes");
    T(tr, "No");
    T(tr, "Cancel");
    T(tr, "Current password");
    T(tr, "Confirm new password");
    T(tr, "This login is already taken.");
    T(tr, "This field is required.");
}
