/*
 * mail.c (cli) — one e-mail over SMTP with libcurl (see mail.h); no other file includes
 * curl/curl.h. The message is built here: headers without line breaks (a title typed by a
 * person cannot add a header), a subject outside ASCII encoded as RFC 2047 asks, the body as
 * UTF-8 text with CRLF line ends; libcurl does the SMTP dialogue, TLS when the server offers
 * it (required for smtps://), and the dot-stuffing of the body.
 */
#include "cli/mail.h"

#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "util/buf.h"

static int curl_ready;

void cli_mail_done(void)
{
    if (curl_ready)
        curl_global_cleanup();
    curl_ready = 0;
}

/* Appends s with every CR or LF turned into a space. */
static void put_header_text(struct buf *out, const char *s)
{
    for (; *s; s++)
        buf_putc(out, *s == '\r' || *s == '\n' ? ' ' : *s);
}

/* Appends the subject, as RFC 2047 base64 words when it is not plain ASCII. */
static void put_subject(struct buf *out, const char *s)
{
    size_t n = strlen(s), i;
    for (i = 0; i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f; i++)
        ;
    if (i == n) {
        put_header_text(out, s);
        return;
    }
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /* 45 bytes per word keep each encoded word under 76 characters */
    for (size_t at = 0, end; at < n; at = end) {
        end = at + 45 < n ? at + 45 : n;
        while (end < n && end > at + 4 && ((unsigned char)s[end] & 0xc0) == 0x80)
            end--; /* do not split a UTF-8 sequence */
        buf_puts(out, at ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
        for (size_t k = at; k < end; k += 3) {
            unsigned v = (unsigned char)(s[k] == '\r' || s[k] == '\n' ? ' ' : s[k]) << 16;
            if (k + 1 < end)
                v |= (unsigned char)s[k + 1] << 8;
            if (k + 2 < end)
                v |= (unsigned char)s[k + 2];
            buf_putc(out, b64[v >> 18 & 63]);
            buf_putc(out, b64[v >> 12 & 63]);
            buf_putc(out, k + 1 < end ? b64[v >> 6 & 63] : '=');
            buf_putc(out, k + 2 < end ? b64[v & 63] : '=');
        }
        buf_puts(out, "?=");
    }
}

static void build(const struct cli_mail *m, struct buf *out)
{
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", gmtime_r(&now, &tm));
    buf_printf(out, "Date: %s\r\nFrom: ", date);
    put_header_text(out, m->from);
    buf_puts(out, "\r\nTo: ");
    put_header_text(out, m->to);
    buf_puts(out, "\r\nSubject: ");
    put_subject(out, m->subject);
    buf_puts(out, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                  "Content-Transfer-Encoding: 8bit\r\n\r\n");
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n' && (p == m->body || p[-1] != '\r'))
            buf_putc(out, '\r');
        buf_putc(out, *p);
    }
}

struct reader {
    const char *data;
    size_t left;
};

static size_t read_message(char *dest, size_t size, size_t nmemb, void *ctx)
{
    struct reader *r = ctx;
    size_t n = size * nmemb < r->left ? size * nmemb : r->left;
    memcpy(dest, r->data, n);
    r->data += n;
    r->left -= n;
    return n;
}

int cli_mail_send(const struct cli_mail *m, struct err *err)
{
    if (!curl_ready && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return err_set(err, ERR_IO, "libcurl could not be initialised");
    curl_ready = 1;
    struct buf message = BUF_INIT, from = BUF_INIT, to = BUF_INIT;
    build(m, &message);
    buf_printf(&from, "<%s>", m->from);
    buf_printf(&to, "<%s>", m->to);
    CURL *c = curl_easy_init();
    struct curl_slist *rcpt = curl_slist_append(NULL, buf_str(&to));
    int rc = 0;
    if (!c || !rcpt || message.oom || from.oom || to.oom) {
        rc = err_set(err, ERR_NOMEM, "out of memory preparing an e-mail");
        goto out;
    }
    struct reader r = {message.data, message.len};
    curl_easy_setopt(c, CURLOPT_URL, m->url);
    if (m->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, m->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, m->password ? m->password : "");
    }
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     (long)(strncmp(m->url, "smtps:", 6) ? CURLUSESSL_TRY : CURLUSESSL_ALL));
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, buf_str(&from));
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(c, CURLOPT_READDATA, &r);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    CURLcode res = curl_easy_perform(c);
    if (res != CURLE_OK)
        rc = err_set(err, ERR_IO, "sending to %s through %s: %s", m->to, m->url,
                     curl_easy_strerror(res));
out:
    curl_slist_free_all(rcpt);
    if (c)
        curl_easy_cleanup(c);
    buf_free(&message);
    buf_free(&from);
    buf_free(&to);
    return rc;
}
