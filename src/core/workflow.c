/*
 * workflow.c — the pure rules of follow-up (see followup.h): the names of statuses, workflow
 * states, action statuses and cluster kinds as the database, the API and the .po files spell
 * them, and which workflow move a role may make. No I/O: tests/core/test_workflow.c checks
 * every transition for every role against its own literal table.
 *
 *   from \ to    draft         submitted     validated     returned
 *   draft        edit          edit          -             -
 *   submitted    -             -             validate      validate
 *   validated    -             -             -             -
 *   returned     -             edit          -             edit
 *
 * edit: edit_progress on the report's institution (its focal points, coordinators, admins);
 * validate: validate_progress (coordinators, admins). A validated report is final: a newer
 * report supersedes it. Who submitted a report may not validate or return it unless admin;
 * that needs the report, so core_progress_move checks it (followup_progress.c).
 */
#include "core/followup.h"

#include <string.h>

#include "core/permissions.h"

static const char *const status_names[CORE_STATUS_COUNT] = {
    [CORE_STATUS_NOT_STARTED] = "not_started",
    [CORE_STATUS_IN_PROGRESS] = "in_progress",
    [CORE_STATUS_PARTIALLY_IMPLEMENTED] = "partially_implemented",
    [CORE_STATUS_IMPLEMENTED] = "implemented",
    [CORE_STATUS_NOT_ACCEPTED] = "not_accepted",
};

static const char *const workflow_names[CORE_WF_COUNT] = {
    [CORE_WF_DRAFT] = "draft",
    [CORE_WF_SUBMITTED] = "submitted",
    [CORE_WF_VALIDATED] = "validated",
    [CORE_WF_RETURNED] = "returned",
};

static const char *const action_status_names[CORE_ACTION_STATUS_COUNT] = {
    [CORE_ACTION_PLANNED] = "planned",     [CORE_ACTION_ONGOING] = "ongoing",
    [CORE_ACTION_COMPLETED] = "completed", [CORE_ACTION_DELAYED] = "delayed",
    [CORE_ACTION_CANCELLED] = "cancelled",
};

static const char *const cluster_kind_names[CORE_CLUSTER_COUNT] = {
    [CORE_CLUSTER_THEME] = "theme",       [CORE_CLUSTER_SDG] = "sdg",
    [CORE_CLUSTER_AFFECTED] = "affected", [CORE_CLUSTER_BODY] = "body",
    [CORE_CLUSTER_MANUAL] = "manual",
};

/* The index of name in names[0..n), or -1. */
static int find(const char *const *names, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}

const char *core_status_name(enum core_status s)
{
    return s >= 0 && s < CORE_STATUS_COUNT ? status_names[s] : NULL;
}

int core_status_parse(const char *name, enum core_status *out)
{
    int i = find(status_names, CORE_STATUS_COUNT, name);
    if (i < 0)
        return ERR_INPUT;
    *out = (enum core_status)i;
    return 0;
}

const char *core_workflow_name(enum core_workflow w)
{
    return w >= 0 && w < CORE_WF_COUNT ? workflow_names[w] : NULL;
}

int core_workflow_parse(const char *name, enum core_workflow *out)
{
    int i = find(workflow_names, CORE_WF_COUNT, name);
    if (i < 0)
        return ERR_INPUT;
    *out = (enum core_workflow)i;
    return 0;
}

const char *core_action_status_name(enum core_action_status s)
{
    return s >= 0 && s < CORE_ACTION_STATUS_COUNT ? action_status_names[s] : NULL;
}

int core_action_status_parse(const char *name, enum core_action_status *out)
{
    int i = find(action_status_names, CORE_ACTION_STATUS_COUNT, name);
    if (i < 0)
        return ERR_INPUT;
    *out = (enum core_action_status)i;
    return 0;
}

const char *core_cluster_kind_name(enum core_cluster_kind k)
{
    return k >= 0 && k < CORE_CLUSTER_COUNT ? cluster_kind_names[k] : NULL;
}

int core_cluster_kind_parse(const char *name, enum core_cluster_kind *out)
{
    int i = find(cluster_kind_names, CORE_CLUSTER_COUNT, name);
    if (i < 0)
        return ERR_INPUT;
    *out = (enum core_cluster_kind)i;
    return 0;
}

int core_workflow_may(const struct core_actor *actor, enum core_workflow from,
                      enum core_workflow to, long institution_id)
{
    if (from < 0 || from >= CORE_WF_COUNT || to < 0 || to >= CORE_WF_COUNT)
        return 0;
    int edit = core_may(actor, CORE_EDIT_PROGRESS, institution_id);
    int validate = core_may(actor, CORE_VALIDATE_PROGRESS, institution_id);
    switch (from) {
    case CORE_WF_DRAFT:
        return edit && (to == CORE_WF_DRAFT || to == CORE_WF_SUBMITTED);
    case CORE_WF_RETURNED:
        return edit && (to == CORE_WF_RETURNED || to == CORE_WF_SUBMITTED);
    case CORE_WF_SUBMITTED:
        return validate && (to == CORE_WF_VALIDATED || to == CORE_WF_RETURNED);
    default:
        return 0;
    }
}
