/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"
#include "chronicle-store-private.h"
#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

/* At most this many fetches at once, and to one host: the session's own
 * limits, kept here too so that a fetch's time limit does not run while
 * it waits for a connection. */
#define CHRONICLE_MAX_FETCHES          8
#define CHRONICLE_MAX_FETCHES_PER_HOST 2

struct _ChronicleSubscriptions
{
  GObject         parent_instance;

  ChronicleStore *store;
  gint64          interval;
  guint           n_to_refresh;   /* on the owner's thread */
  guint           n_refreshed;
  GMainContext   *owner;          /* where it was made and tells its progress */

  /* The network thread: the session, the fetches and the refresh's own
   * bookkeeping run there, so that frames of the window never hold up an
   * answer, and the other way round. */
  struct _ChronicleNetwork *network;   /* started at the first fetch */
};

void           chronicle_subscriptions_parse_async        (ChronicleSubscriptions     *self,
                                                           GBytes                     *body,
                                                           const char                 *url,
                                                           GCancellable               *cancellable,
                                                           GAsyncReadyCallback         callback,
                                                           gpointer                    user_data);
ChronicleFeed *chronicle_subscriptions_parse_finish       (GAsyncResult               *result,
                                                           GError                    **error);
void           chronicle_subscriptions_update_fetch_state (ChronicleSubscriptions     *self,
                                                           ChronicleStoredSource      *source,
                                                           const ChronicleFetchResult *result,
                                                           const GError               *error,
                                                           gint64                      ttl);
char          *chronicle_subscriptions_dup_host           (const char                 *url);
void           chronicle_subscriptions_read_thread        (GTask                      *task,
                                                           gpointer                    source_object,
                                                           gpointer                    task_data,
                                                           GCancellable               *cancellable);
void           chronicle_subscriptions_set_progress       (ChronicleSubscriptions     *self,
                                                           guint                       n_to_refresh,
                                                           guint                       n_refreshed);
void           chronicle_subscriptions_set_progress_now   (ChronicleSubscriptions     *self,
                                                           guint                       n_to_refresh,
                                                           guint                       n_refreshed);
SoupSession   *chronicle_subscriptions_get_session        (ChronicleSubscriptions     *self);
void           chronicle_subscriptions_run                (ChronicleSubscriptions     *self,
                                                           GSourceFunc                 func,
                                                           gpointer                    data);

G_END_DECLS
