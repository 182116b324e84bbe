/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * ChronicleFetchState:
 * @etag: (nullable): the validators of the last answer
 * @last_modified: (nullable): as @etag
 * @fetched_at: when it was last fetched, in seconds since 1970; 0 never
 * @next_fetch_at: when it is to be fetched next on its own; 0 never
 * @retry_after: not before then, as the server asked; 0 any time
 * @failures: how many fetches in a row failed
 * @last_status: the last HTTP status, 0 when no answer came
 * @last_error: (nullable): what failed last, for the reader
 * @gone: whether the server said the feed is gone (410)
 *
 * What the store keeps of fetching a web source.
 */
typedef struct
{
  char     *etag;
  char     *last_modified;
  gint64    fetched_at;
  gint64    next_fetch_at;
  gint64    retry_after;
  guint     failures;
  guint     last_status;
  char     *last_error;
  gboolean  gone;
} ChronicleFetchState;

#define CHRONICLE_TYPE_FETCH_STATE (chronicle_fetch_state_get_type ())

GType                chronicle_fetch_state_get_type (void) G_GNUC_CONST;
ChronicleFetchState *chronicle_fetch_state_copy     (const ChronicleFetchState *fetch);
void                 chronicle_fetch_state_free     (ChronicleFetchState       *fetch);
void                 chronicle_fetch_state_clear    (ChronicleFetchState       *fetch);
gboolean             chronicle_fetch_state_equal    (const ChronicleFetchState *a,
                                                     const ChronicleFetchState *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleFetchState, chronicle_fetch_state_free)

G_END_DECLS
