/*
 * pages_coop_report.c — /coop/report: the cooperation repository's annual report for the Human
 * Rights Council, made now in the reader's language from what the reader may see (the public
 * gets a report of public needs and their activities only), and /coop/report/file?year=&format=
 * to download it as PDF, DOCX, XLSX, CSV or HTML. The document is report/coop_annual.c's, the
 * same `suivi report coop-annual` writes. The form asks with GET: nothing changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/coop_annual.h"
#include "web/html.h"
#include "web/pages_coop.h"

static const struct {
    const char *code, *label, *type;
} formats[] = {
    {"pdf", "PDF", "application/pdf"},
    {"docx", "Word (DOCX)",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"csv", "CSV", "text/csv; charset=utf-8"},
    {"html", "HTML", "text/html; charset=utf-8"},
};

static int this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    return gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2026;
}

static int report_page(struct req *r, struct resp *p, const char *detail)
{
    struct buf body = BUF_INIT;
    struct err err = {0};
    int year = this_year();
    const char *asked = req_query(r, "year");
    int rc = coop_messages(r, &body, detail);
    rc = rc ? rc
            : html_printf(&body,
                          "<p>%s</p>\n<form class=\"narrow\" method=\"get\" "
                          "action=\"/coop/report/file\">\n<div class=\"field\"><label "
                          "for=\"report-year\">%s</label>\n<input type=\"number\" "
                          "id=\"report-year\" name=\"year\" min=\"2000\" max=\"2100\" required "
                          "value=\"%d\"></div>\n<fieldset><legend>%s</legend>\n",
                          T(&r->tr, "Activities of the year (matches between needs and offers) by "
                                    "region, theme, SDG, type of provider and state, and the needs "
                                    "met and unmet, as Human Rights Council resolution 54/28 asks. "
                                    "The report counts only what you may see."),
                          T(&r->tr, "Year"), asked && atoi(asked) > 0 ? atoi(asked) : year,
                          T(&r->tr, "Format"));
    for (size_t i = 0; i < sizeof formats / sizeof formats[0] && !rc; i++)
        rc = html_printf(&body,
                         i ? "<label><input type=\"radio\" name=\"format\" value=%a> %s</label>\n"
                           : "<label><input type=\"radio\" name=\"format\" value=%a checked> "
                             "%s</label>\n",
                         formats[i].code, formats[i].label);
    rc = rc ? rc
            : html_printf(&body, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n",
                          T(&r->tr, "Download the annual report"));
    return coop_frame(r, p, rc, &err, T(&r->tr, "Annual report of technical cooperation"), &body);
}

int page_coop_report(struct req *r, struct resp *p)
{
    return report_page(r, p, NULL);
}

int page_coop_report_file(struct req *r, struct resp *p)
{
    const char *format = req_query(r, "format"), *year_text = req_query(r, "year");
    struct err err = {0};
    struct report_coop_annual *a = NULL;
    struct buf bytes = BUF_INIT, disposition = BUF_INIT;
    char *end = NULL;
    long year = year_text ? strtol(year_text, &end, 10) : 0;
    size_t f = 0;
    while (f < sizeof formats / sizeof formats[0] && (!format || strcmp(format, formats[f].code)))
        f++;
    int rc = 0;
    if (f == sizeof formats / sizeof formats[0])
        rc = err_set(&err, ERR_INPUT, "format: expected pdf, docx, xlsx, csv or html");
    else if (!year_text || !*year_text || *end || year < 1900 || year > 9999)
        rc = err_set(&err, ERR_INPUT, "year: expected a year, e.g. 2026");
    rc = rc ? rc : report_coop_annual_collect(r->store, &r->actor, &r->tr, (int)year, &a, &err);
    rc = rc ? rc : report_coop_annual_render(a, formats[f].code, NULL, &bytes, &err);
    report_coop_annual_free(a);
    if (rc) {
        buf_free(&bytes);
        if (rc != ERR_INPUT)
            return page_fail(r, p, &err);
        p->status = 400;
        return report_page(r, p, err.msg);
    }
    buf_printf(&disposition, "attachment; filename=\"coop-annual-%ld-%s.%s\"", year,
               text_lang_code(r->lang), formats[f].code);
    p->status = 200;
    p->content_type = formats[f].type;
    buf_free(&p->body);
    p->body = bytes;
    resp_header(p, "Content-Disposition", buf_str(&disposition));
    buf_free(&disposition);
    return 0;
}
