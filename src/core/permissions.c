/*
 * permissions.c — the role x action table of permissions.h. Changing a rule means changing
 * this table, the table in permissions.h and the expected table in
 * tests/core/test_permissions.c.
 */
#include "core/permissions.h"

#include <string.h>

static const char *const role_names[CORE_ROLE_COUNT] = {
    [CORE_ROLE_PUBLIC] = "public",           [CORE_ROLE_VIEWER] = "viewer",
    [CORE_ROLE_CONTRIBUTOR] = "contributor", [CORE_ROLE_FOCAL_POINT] = "focal_point",
    [CORE_ROLE_COORDINATOR] = "coordinator", [CORE_ROLE_ADMIN] = "admin",
};

/* One row per action, one column per role in enum core_role order:
 * public, viewer, contributor, focal_point, coordinator, admin. */
static const struct {
    const char *name;
    const char rule[CORE_ROLE_COUNT + 1];
} rules[CORE_ACTION_COUNT] = {
    [CORE_READ_PUBLISHED] = {"read_published", "YYYYYY"},
    [CORE_READ_ALL] = {"read_all", "-Y-IYY"},
    [CORE_SEARCH] = {"search", "YYYYYY"},
    [CORE_READ_TAXONOMY] = {"read_taxonomy", "YYYYYY"},
    [CORE_IMPORT] = {"import", "----YY"},
    [CORE_TAG] = {"tag", "----YY"},
    [CORE_MANAGE_USERS] = {"manage_users", "-----Y"},
    [CORE_READ_AUDIT] = {"read_audit", "-----Y"},
    [CORE_MANAGE_INSTITUTIONS] = {"manage_institutions", "----YY"},
    [CORE_EDIT_PROGRESS] = {"edit_progress", "---IYY"},
    [CORE_VALIDATE_PROGRESS] = {"validate_progress", "----YY"},
    [CORE_COMMENT] = {"comment", "--YYYY"},
    [CORE_ASSESS_INDEPENDENTLY] = {"assess_independently", "--Y---"},
    /* cooperation: coop.c also requires an organisation (and a side of the match) */
    [CORE_MANAGE_ORGS] = {"manage_orgs", "-----Y"},
    [CORE_RECORD_NEED] = {"record_need", "----YY"},
    [CORE_RECORD_OFFER] = {"record_offer", "--YYYY"},
    [CORE_COOP_MATCH] = {"coop_match", "--YYYY"},
    [CORE_HUB_PROPOSE] = {"hub_propose", "--YYYY"},
    [CORE_HUB_READ_DRAFTS] = {"hub_read_drafts", "-Y--YY"},
    [CORE_HUB_EDIT] = {"hub_edit", "----YY"},
};

enum core_role core_role_parse(const char *name)
{
    for (int r = 0; name && r < CORE_ROLE_COUNT; r++)
        if (!strcmp(name, role_names[r]))
            return (enum core_role)r;
    return CORE_ROLE_COUNT;
}

const char *core_role_name(enum core_role role)
{
    return role >= 0 && role < CORE_ROLE_COUNT ? role_names[role] : NULL;
}

const char *core_action_name(enum core_action action)
{
    return action >= 0 && action < CORE_ACTION_COUNT ? rules[action].name : NULL;
}

int core_may(const struct core_actor *actor, enum core_action action, long resource_institution_id)
{
    if (action < 0 || action >= CORE_ACTION_COUNT)
        return 0;
    enum core_role role = core_role_parse(actor ? actor->role : NULL);
    if (role == CORE_ROLE_COUNT)
        role = CORE_ROLE_PUBLIC;
    switch (rules[action].rule[role]) {
    case 'Y':
        return 1;
    case 'I':
        return actor && actor->institution_id > 0 &&
               actor->institution_id == resource_institution_id;
    default:
        return 0;
    }
}
