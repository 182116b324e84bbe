/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "chronicle-discover.h"
#include "chronicle-fetch.h"
#include "chronicle-opml.h"
#include "chronicle-store.h"

G_BEGIN_DECLS

/* The reader's refresh interval when they chose none: an hour. */
#define CHRONICLE_REFRESH_DEFAULT_INTERVAL_S (60 * 60)

/**
 * ChronicleRefreshReport:
 * @key: the subscription's source key
 * @title: its title
 * @url: its address, after a permanent move
 * @outcome: what the fetch gave
 * @n_new: how many articles were new
 * @n_items: how many articles the feed had
 * @not_before: when it was held back (Retry-After) and not fetched, until
 *   when, in seconds since 1970; 0 when it was fetched
 * @error: (nullable): what failed, for %CHRONICLE_FETCH_FAILED, or the
 *   feed could not be read
 * @choices: (nullable) (element-type ChronicleFeedLink): when subscribing
 *   with %CHRONICLE_SUBSCRIBE_ASK to a page that names several feeds: the
 *   feeds to choose from; nothing was subscribed to
 *
 * What refreshing or subscribing to one feed came to.
 */
typedef struct
{
  char                  *key;
  char                  *title;
  char                  *url;
  ChronicleFetchOutcome  outcome;
  guint                  n_new;
  guint                  n_items;
  gint64                 not_before;
  GError                *error;
  GPtrArray             *choices;
} ChronicleRefreshReport;

/**
 * ChronicleSubscribeFlags:
 * @CHRONICLE_SUBSCRIBE_FIRST: a page that names several feeds gives the
 *   first
 * @CHRONICLE_SUBSCRIBE_ASK: a page that names several feeds gives them to
 *   choose from, and nothing is subscribed to
 */
typedef enum
{
  CHRONICLE_SUBSCRIBE_FIRST,
  CHRONICLE_SUBSCRIBE_ASK,
} ChronicleSubscribeFlags;

void chronicle_refresh_report_free (ChronicleRefreshReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleRefreshReport, chronicle_refresh_report_free)

#define CHRONICLE_TYPE_SUBSCRIPTIONS (chronicle_subscriptions_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSubscriptions, chronicle_subscriptions, CHRONICLE, SUBSCRIPTIONS, GObject)

ChronicleSubscriptions *chronicle_subscriptions_new              (ChronicleStore          *store);
void                    chronicle_subscriptions_set_interval     (ChronicleSubscriptions  *self,
                                                                  gint64                   seconds);
guint                   chronicle_subscriptions_get_n_to_refresh (ChronicleSubscriptions  *self);
guint                   chronicle_subscriptions_get_n_refreshed  (ChronicleSubscriptions  *self);

char                   *chronicle_subscriptions_normalize_url    (const char              *text);

void                    chronicle_subscriptions_subscribe_async  (ChronicleSubscriptions  *self,
                                                                  const char              *url,
                                                                  ChronicleSubscribeFlags  flags,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
ChronicleRefreshReport *chronicle_subscriptions_subscribe_finish (ChronicleSubscriptions  *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);

void                    chronicle_subscriptions_refresh_async    (ChronicleSubscriptions  *self,
                                                                  gboolean                 only_due,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
void                    chronicle_subscriptions_refresh_one_async (ChronicleSubscriptions *self,
                                                                  const char              *key,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
GPtrArray              *chronicle_subscriptions_refresh_finish   (ChronicleSubscriptions  *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);

void                    chronicle_subscriptions_prune_async      (ChronicleSubscriptions  *self,
                                                                  gint64                   keep_s,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
char                  **chronicle_subscriptions_prune_finish     (ChronicleSubscriptions  *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);

void                    chronicle_subscriptions_import_async     (ChronicleSubscriptions  *self,
                                                                  GPtrArray               *entries,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
char                  **chronicle_subscriptions_import_finish    (ChronicleSubscriptions  *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);
void                    chronicle_subscriptions_list_async       (ChronicleSubscriptions  *self,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
GPtrArray              *chronicle_subscriptions_list_finish      (ChronicleSubscriptions  *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);
void                    chronicle_subscriptions_fetch_icons_async (ChronicleSubscriptions *self,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
char                  **chronicle_subscriptions_fetch_icons_finish (ChronicleSubscriptions *self,
                                                                  GAsyncResult            *result,
                                                                  GError                 **error);
gboolean                chronicle_icon_sniff                     (GBytes                  *bytes);

G_END_DECLS
