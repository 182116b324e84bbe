/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-fetch-state"

#include "config.h"

#include "chronicle-fetch-state.h"

/* A copy travels from the store's worker to the collection the sidebar
 * shows, so that the window reads it without asking the store. */

G_DEFINE_BOXED_TYPE (ChronicleFetchState, chronicle_fetch_state, chronicle_fetch_state_copy, chronicle_fetch_state_free)

ChronicleFetchState *
chronicle_fetch_state_copy (const ChronicleFetchState *fetch)
{
  ChronicleFetchState *copy;

  g_return_val_if_fail (fetch != NULL, NULL);

  copy = g_memdup2 (fetch, sizeof *fetch);
  copy->etag = g_strdup (fetch->etag);
  copy->last_modified = g_strdup (fetch->last_modified);
  copy->last_error = g_strdup (fetch->last_error);
  return copy;
}

void
chronicle_fetch_state_clear (ChronicleFetchState *fetch)
{
  g_clear_pointer (&fetch->etag, g_free);
  g_clear_pointer (&fetch->last_modified, g_free);
  g_clear_pointer (&fetch->last_error, g_free);
}

void
chronicle_fetch_state_free (ChronicleFetchState *fetch)
{
  if (fetch == NULL)
    return;

  chronicle_fetch_state_clear (fetch);
  g_free (fetch);
}

gboolean
chronicle_fetch_state_equal (const ChronicleFetchState *a,
                             const ChronicleFetchState *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->etag, b->etag) == 0 &&
         g_strcmp0 (a->last_modified, b->last_modified) == 0 &&
         a->fetched_at == b->fetched_at &&
         a->next_fetch_at == b->next_fetch_at &&
         a->retry_after == b->retry_after &&
         a->failures == b->failures &&
         a->last_status == b->last_status &&
         g_strcmp0 (a->last_error, b->last_error) == 0 &&
         a->gone == b->gone;
}
