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
    T(tr, "Recommendations");
    T(tr, "Home");
}

void search_page(void)
{
    T(tr, "Search recommendations");
    T(tr, "Search terms");
    /* TRANSLATORS: placeholder of the search box; the examples must work as searches. */
    T(tr, "e.g. violence against women, \"death penalty\", torture");
    /* TRANSLATORS: AND, OR, NOT are typed as such in every language; keep them in English. */
    T(tr, "Use AND, OR, NOT, quotes for an exact phrase, and * at the end of a word for a prefix.");
    T(tr, "Filters");
    T(tr, "Apply filters");
    T(tr, "Clear filters");
    /* TRANSLATORS: first option of a filter list: no restriction. */
    T(tr, "Any");
    T(tr, "Refine results");
    T(tr, "Show more");
    TN(tr, "%d result", "%d results", n);
    TN(tr, "%d recommendation", "%d recommendations", n);
    T(tr, "No recommendation matches your search.");
    T(tr, "Try fewer words, check the spelling, or remove a filter.");
    T(tr, "Your search could not be understood.");
    T(tr, "Previous page");
    T(tr, "Next page");
    T(tr, "Page %d of %d");
    /* TRANSLATORS: aria-label of the previous/next page navigation. */
    T(tr, "Pagination");
    T(tr, "Sort by");
    T(tr, "Relevance");
    T(tr, "Newest first");
    T(tr, "Download CSV");
}

void recommendation_fields(void)
{
    /* TRANSLATORS: %s is the recommendation's id, e.g. SVN-UPR34-121.1 */
    T(tr, "Recommendation %s");
    /* TRANSLATORS: the State whose human-rights record is reviewed (UPR) or that reports. */
    T(tr, "State under review");
    /* TRANSLATORS: UPR: the States that made the recommendation. */
    T(tr, "Recommending States");
    /* TRANSLATORS: a UN human-rights body: a treaty body, a special procedure, the UPR. */
    T(tr, "Body");
    T(tr, "Mechanism");
    T(tr, "Document");
    T(tr, "Paragraph");
    T(tr, "Session");
    /* TRANSLATORS: a UPR cycle (1st, 2nd, 3rd, 4th review of every State). */
    T(tr, "Cycle");
    T(tr, "Date");
    /* TRANSLATORS: the State's response to a recommendation: supported, noted... */
    T(tr, "Response");
    T(tr, "Action category");
    T(tr, "Sustainable Development Goals");
    /* TRANSLATORS: the groups of people a recommendation concerns (UHRI vocabulary). */
    T(tr, "Affected persons");
    /* TRANSLATORS: the 54 issues with which UPR Info classifies recommendations. */
    T(tr, "UPR Info issues");
    T(tr, "Source");
    T(tr, "Related recommendations");
    T(tr, "Text");
    T(tr, "Not available in this language.");
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
    /* TRANSLATORS: the name a person types to log in (a form field). */
    T(tr, "Login");
    T(tr, "Password");
    T(tr, "Wrong login or password.");
    T(tr, "Too many attempts. Try again in a few minutes.");
    T(tr, "Your session has expired. Please log in again.");
    T(tr, "You have been logged out.");
    T(tr, "This form has expired. Please try again.");
}

void user_admin(void)
{
    T(tr, "Name");
    T(tr, "Email");
    T(tr, "Role");
    T(tr, "Institution");
    T(tr, "No institution");
    /* TRANSLATORS: a user account that can log in. */
    T(tr, "Active");
    T(tr, "Inactive");
    T(tr, "Yes");
    T(tr, "No");
    T(tr, "Create user");
    T(tr, "Create");
    T(tr, "Save");
    T(tr, "Cancel");
    T(tr, "Edit");
    T(tr, "Change password");
    T(tr, "Current password");
    T(tr, "New password");
    T(tr, "Confirm new password");
    T(tr, "The two passwords differ.");
    TN(tr, "The password must have at least %d character.",
       "The password must have at least %d characters.", n);
    T(tr, "Password changed.");
    T(tr, "Saved.");
    T(tr, "This login is already taken.");
    T(tr, "This field is required.");
}

void audit_trail(void)
{
    /* TRANSLATORS: column headers of the audit trail. */
    T(tr, "When");
    T(tr, "Who");
    T(tr, "Action");
    T(tr, "Entity");
    T(tr, "Before");
    T(tr, "After");
    T(tr, "No events.");
}

void errors(void)
{
    T(tr, "Page not found");
    T(tr, "The page you asked for does not exist or has moved.");
    T(tr, "Not allowed");
    T(tr, "You do not have access to this page.");
    T(tr, "Bad request");
    T(tr, "The request could not be understood.");
    T(tr, "Server error");
    T(tr, "Something went wrong on our side. Please try again later.");
    T(tr, "Back to the home page");
}
