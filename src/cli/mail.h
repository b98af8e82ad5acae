/*
 * mail.h (cli) — sending one plain-text e-mail over SMTP (mail.c, the only file that includes
 * curl/curl.h). Used by `suivi remind --send` when SUIVI_SMTP_URL is set.
 */
#ifndef SUIVI_CLI_MAIL_H
#define SUIVI_CLI_MAIL_H

#include "util/err.h"

struct cli_mail {
    const char *url;             /* smtp://host:25, smtp://host:587 (STARTTLS), smtps://host:465 */
    const char *user, *password; /* NULL: no authentication */
    const char *from, *to;       /* bare addresses: name@example.org */
    const char *subject, *body;  /* UTF-8; the body's lines end with \n */
};

/* Sends m; ERR_IO with the server's or libcurl's reason. The first call initialises libcurl,
 * cli_mail_done releases it. */
int cli_mail_send(const struct cli_mail *m, struct err *err) SUIVI_MUST_CHECK;
void cli_mail_done(void);

#endif
