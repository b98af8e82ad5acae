/*
 * permissions.h — who may do what: one table of role x action, in permissions.c, and one
 * question to ask it (core_may). Faces ask before they show a button; core asks again before it
 * writes, so a forged request gets nothing the button would not have given.
 *
 * The table (Y: yes, I: only for a resource of the actor's own institution, -: no):
 *
 *   action                 public viewer contributor focal_point coordinator admin
 *   read_published           Y      Y        Y           Y           Y         Y
 *   read_all                 -      Y        -           I           Y         Y
 *   search                   Y      Y        Y           Y           Y         Y
 *   read_taxonomy            Y      Y        Y           Y           Y         Y
 *   import                   -      -        -           -           Y         Y
 *   tag                      -      -        -           -           Y         Y
 *   manage_users             -      -        -           -           -         Y
 *   read_audit               -      -        -           -           -         Y
 *   manage_institutions      -      -        -           -           Y         Y
 *   edit_progress            -      -        -           I           Y         Y
 *   validate_progress        -      -        -           -           Y         Y
 *   comment                  -      -        Y           Y           Y         Y
 *   assess_independently     -      -        Y           -           -         -
 *   manage_orgs              -      -        -           -           -         Y
 *   record_need              -      -        -           -           O         Y
 *   record_offer             -      -        O           O           O         Y
 *   coop_match               -      -        O           O           O         Y
 *   hub_propose              -      -        Y           Y           Y         Y
 *   hub_read_drafts          -      Y        -           -           Y         Y
 *   hub_edit                 -      -        -           -           Y         Y
 *
 * public is anyone not logged in; read_all means unpublished and internal records; an
 * independent assessment is the NHRI's or civil society's view shown beside the State's own.
 * The cooperation repository (core/coop.h): O is Y here, and core/coop.c then also requires
 * the account to act for an organisation (a State's for record_need) and, for coop_match, to
 * be on one side of the match; manage_orgs creates organisations and links accounts to them.
 * In the knowledge hub (core/hub.h) a proposed good practice stays unpublished until someone
 * with hub_edit publishes it; its author may still read and edit it meanwhile.
 * tests/core/test_permissions.c checks every cell against its own copy of this table.
 */
#ifndef SUIVI_CORE_PERMISSIONS_H
#define SUIVI_CORE_PERMISSIONS_H

#include "core/accounts.h"

enum core_role {
    CORE_ROLE_PUBLIC,
    CORE_ROLE_VIEWER,
    CORE_ROLE_CONTRIBUTOR,
    CORE_ROLE_FOCAL_POINT,
    CORE_ROLE_COORDINATOR,
    CORE_ROLE_ADMIN,
    CORE_ROLE_COUNT
};

enum core_action {
    CORE_READ_PUBLISHED,
    CORE_READ_ALL,
    CORE_SEARCH,
    CORE_READ_TAXONOMY,
    CORE_IMPORT,
    CORE_TAG,
    CORE_MANAGE_USERS,
    CORE_READ_AUDIT,
    CORE_MANAGE_INSTITUTIONS,
    CORE_EDIT_PROGRESS,
    CORE_VALIDATE_PROGRESS,
    CORE_COMMENT,
    CORE_ASSESS_INDEPENDENTLY,
    CORE_MANAGE_ORGS, /* cooperation repository (core/coop.h) */
    CORE_RECORD_NEED,
    CORE_RECORD_OFFER,
    CORE_COOP_MATCH,
    CORE_HUB_PROPOSE,     /* knowledge hub: propose a good practice (stored unpublished) */
    CORE_HUB_READ_DRAFTS, /* knowledge hub: read unpublished good practices of anyone */
    CORE_HUB_EDIT,        /* knowledge hub: profiles, library, publish and edit any practice */
    CORE_ACTION_COUNT
};

/* 1 when actor may do action on a resource of institution resource_institution_id (0: of no
 * institution), else 0. A NULL actor, or one whose role is not known, is public. */
int core_may(const struct core_actor *actor, enum core_action action, long resource_institution_id);

/* The role named by name ("admin", ..., "public"); CORE_ROLE_COUNT when unknown or NULL. */
enum core_role core_role_parse(const char *name);

/* "admin", "coordinator", ...; "public" for CORE_ROLE_PUBLIC; NULL when out of range. */
const char *core_role_name(enum core_role role);

/* "read_published", ...; NULL when out of range. */
const char *core_action_name(enum core_action action);

#endif
