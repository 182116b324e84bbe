/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-application-private.h"
#include "chronicle-image-fetch.h"
#include "chronicle-subscriptions.h"

/* Subscriptions in the running application: the refresh at start and
 * every few minutes (only the feeds whose time has come), the one the
 * reader asks for, and the library listing what they stored (the command
 * line's are in chronicle-application-web-cli.c). */

/* How often the feeds are looked at; each is fetched only when due. */
#define CHECK_INTERVAL_S (5 * 60)

/**
 * chronicle_application_get_image_cache:
 *
 * Returns: (transfer none): where the pictures of articles are kept
 */
ChronicleImageCache *
chronicle_application_get_image_cache (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), NULL);

  if (self->image_cache == NULL)
    self->image_cache = chronicle_image_cache_new_default ();
  return self->image_cache;
}

/**
 * chronicle_application_get_image_prefetch:
 *
 * Returns: (transfer none) (nullable): what fetches pictures ahead of
 *   reading; %NULL without a library in the store
 */
ChronicleImagePrefetch *
chronicle_application_get_image_prefetch (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), NULL);

  if (self->image_prefetch == NULL && chronicle_library_get_store (self->library) != NULL)
    self->image_prefetch = chronicle_image_prefetch_new (chronicle_library_get_store (self->library),
                                                         chronicle_application_get_subscriptions (self),
                                                         chronicle_application_get_image_cache (self));
  return self->image_prefetch;
}

/* Pictures are chosen for the sharpest screen a window is on. */
static double
windows_scale (ChronicleApplication *self)
{
  int scale = 1;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    scale = MAX (scale, gtk_widget_get_scale_factor (l->data));

  return scale;
}

/**
 * chronicle_application_keep_pictures:
 *
 * The reader starred @story: all its pictures are fetched and kept, so
 * that it reads whole offline, opened or not.
 */
void
chronicle_application_keep_pictures (ChronicleApplication *self,
                                     ChronicleStory       *story)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ChronicleCollection *collection;
  const char *id;

  g_return_if_fail (CHRONICLE_IS_APPLICATION (self));
  g_return_if_fail (CHRONICLE_IS_STORY (story));

  id = chronicle_story_get_collection_id (story);
  collection = id != NULL ? chronicle_library_find_collection (self->library, id) : NULL;
  if (!chronicle_image_may_load (self->settings, collection))
    return;

  for (guint i = 0; i < chronicle_story_get_n_items (story); i++)
    {
      gint64 store_id = chronicle_item_get_store_id (chronicle_story_get_item (story, i));

      if (store_id > 0)
        g_array_append_val (ids, store_id);
    }
  if (chronicle_application_get_image_prefetch (self) != NULL)
    chronicle_image_prefetch_items (chronicle_application_get_image_prefetch (self), (const gint64 *) ids->data,
                                    ids->len, windows_scale (self), TRUE);
}

/* For reading offline: the pictures of the articles a refresh brought. */
/* A star taken away lets its article's kept pictures go into the cache a
 * little later, once the state is stored: one given back meanwhile keeps
 * them. */
#define RELEASE_DELAY_S 10

static gboolean
release_pictures_cb (gpointer data)
{
  ChronicleApplication *self = data;
  ChronicleImagePrefetch *prefetch;

  if (self->state != NULL && chronicle_state_get_pending (self->state))
    return G_SOURCE_CONTINUE;

  self->release_timer = 0;
  prefetch = chronicle_application_get_image_prefetch (self);
  if (prefetch != NULL)
    chronicle_image_prefetch_release_unstarred (prefetch);
  return G_SOURCE_REMOVE;
}

/**
 * chronicle_application_release_pictures:
 *
 * The reader took a star away: the pictures kept for it, unless another
 * starred article shows them, go into the cache, soon.
 */
void
chronicle_application_release_pictures (ChronicleApplication *self)
{
  g_return_if_fail (CHRONICLE_IS_APPLICATION (self));

  g_clear_handle_id (&self->release_timer, g_source_remove);
  self->release_timer = g_timeout_add_seconds (RELEASE_DELAY_S, release_pictures_cb, self);
}

static void
prefetch_new_articles (ChronicleApplication *self,
                       GPtrArray            *reports)
{
  ChronicleImagePrefetch *prefetch;

  if (!g_settings_get_boolean (self->settings, "download-images"))
    return;

  prefetch = chronicle_application_get_image_prefetch (self);
  for (guint i = 0; prefetch != NULL && i < reports->len; i++)
    {
      const ChronicleRefreshReport *report = g_ptr_array_index (reports, i);
      ChronicleCollection *collection = chronicle_library_find_collection (self->library, report->key);

      if (report->n_new > 0 && chronicle_image_may_load (self->settings, collection))
        chronicle_image_prefetch_new_articles (prefetch, report->key, report->n_new, windows_scale (self));
    }
}

/**
 * chronicle_application_get_subscriptions:
 *
 * Returns: (transfer none) (nullable): the web subscriptions, with the
 *   application's one HTTP session
 */
ChronicleSubscriptions *
chronicle_application_get_subscriptions (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), NULL);

  if (self->subscriptions == NULL && self->store != NULL)
    {
      self->subscriptions = chronicle_subscriptions_new (self->store);
      chronicle_subscriptions_set_interval (self->subscriptions, g_settings_get_int (self->settings, "refresh-interval"));
    }
  return self->subscriptions;
}

static gboolean
any_window_active (ChronicleApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_window_is_active (l->data))
      return TRUE;
  return FALSE;
}

/* One notification for a refresh that brought new articles while the
 * reader looked elsewhere: how many, from how many subscriptions. */
static void
notify_new_articles (ChronicleApplication *self,
                     GPtrArray            *reports)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint n_new = 0, n_subscriptions = 0;

  for (guint i = 0; i < reports->len; i++)
    {
      const ChronicleRefreshReport *report = g_ptr_array_index (reports, i);

      n_new += report->n_new;
      n_subscriptions += report->n_new > 0;
    }

  if (n_new == 0 || any_window_active (self) || !g_settings_get_boolean (self->settings, "notify-new-articles"))
    return;

  /* Translators: the title of a notification, %u is a number */
  title = g_strdup_printf (g_dngettext (NULL, "%u New Article", "%u New Articles", n_new), n_new);
  /* Translators: the text of that notification, %u is a number */
  body = g_strdup_printf (g_dngettext (NULL, "From %u subscription", "From %u subscriptions", n_subscriptions),
                          n_subscriptions);
  /* Without an action of its own, clicking it brings the window up. */
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (self), "new-articles", notification);
}

static void
pruned_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = chronicle_subscriptions_prune_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);

  if (keys == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        g_warning ("Old articles could not be removed: %s", error->message);
      return;
    }
  if (keys[0] != NULL)
    chronicle_library_reload_sources_async (self->library, (const char * const *) keys, NULL, NULL, NULL);
}

/* What was stored is listed in place of what was, all at once, and every
 * subscription shows how its fetch went. */
static void
list_refreshed (ChronicleApplication *self,
                GPtrArray            *reports)
{
  g_autoptr(GStrvBuilder) changed = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; i < reports->len; i++)
    {
      const ChronicleRefreshReport *report = g_ptr_array_index (reports, i);

      if (report->outcome == CHRONICLE_FETCH_CONTENT && report->error == NULL)
        g_strv_builder_add (changed, report->key);
    }
  keys = g_strv_builder_end (changed);
  chronicle_library_reload_sources_async (self->library, (const char * const *) keys, NULL, NULL, NULL);
  chronicle_library_update_web_state_async (self->library, NULL, NULL, NULL);
}

static void
icons_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = chronicle_subscriptions_fetch_icons_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);

  self->fetching_icons = FALSE;
  if (keys == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (keys == NULL)
    g_warning ("The icons of subscriptions could not be kept: %s", error->message);
  if (keys != NULL && keys[0] != NULL)
    chronicle_library_update_web_state_async (self->library, NULL, NULL, NULL);
  /* Subscriptions added while it looked are looked for now. */
  if (self->icons_again)
    {
      self->icons_again = FALSE;
      chronicle_application_fetch_icons (self);
    }
}

/**
 * chronicle_application_fetch_icons:
 *
 * Looks for the icons of subscriptions that have none or an old one, in
 * the background, and shows what is found.
 */
void
chronicle_application_fetch_icons (ChronicleApplication *self)
{
  ChronicleSubscriptions *subscriptions = chronicle_application_get_subscriptions (self);

  if (subscriptions == NULL)
    return;
  if (self->fetching_icons)
    {
      self->icons_again = TRUE;
      return;
    }

  if (self->icons_cancellable == NULL)
    self->icons_cancellable = g_cancellable_new ();
  self->fetching_icons = TRUE;
  chronicle_subscriptions_fetch_icons_async (subscriptions, self->icons_cancellable, icons_fetched_cb,
                                             g_object_ref (self));
}

static void start_refresh (ChronicleApplication *self,
                           gboolean              only_due);

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = chronicle_subscriptions_refresh_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->refresh_cancellable);
  if (self->refresh_after)
    {
      gboolean all = self->refresh_all_after;

      self->refresh_after = self->refresh_all_after = FALSE;
      start_refresh (self, !all);
    }
  if (reports == NULL)
    {
      g_warning ("The subscriptions could not be refreshed: %s", error->message);
      return;
    }

  list_refreshed (self, reports);
  notify_new_articles (self, reports);
  prefetch_new_articles (self, reports);
  chronicle_application_fetch_icons (self);

  /* Retention, after each refresh: read articles past their time go. */
  chronicle_subscriptions_prune_async (CHRONICLE_SUBSCRIPTIONS (object),
                                       (gint64) g_settings_get_int (self->settings, "keep-read-articles") * 24 * 60 * 60,
                                       NULL, pruned_cb, g_object_ref (self));
}

static void
refreshed_one_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = chronicle_subscriptions_refresh_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);
  if (reports != NULL)
    {
      list_refreshed (self, reports);
      chronicle_application_fetch_icons (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The subscription could not be refreshed: %s", error->message);
}

/**
 * chronicle_application_get_refreshing:
 *
 * Returns: whether a refresh of every subscription is under way, until
 *   what it stored is being listed (see chronicle_library_get_loading())
 */
gboolean
chronicle_application_get_refreshing (ChronicleApplication *self)
{
  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (self), FALSE);

  return self->refresh_cancellable != NULL;
}

static void
start_refresh (ChronicleApplication *self,
               gboolean              only_due)
{
  ChronicleSubscriptions *subscriptions = chronicle_application_get_subscriptions (self);

  if (subscriptions == NULL)
    return;

  /* Asked for while one runs (feeds just imported, the refresh button):
   * once it is done, so that nothing asked for waits for the next check,
   * minutes later; the feeds it fetched are not due then. */
  if (self->refresh_cancellable != NULL)
    {
      self->refresh_after = TRUE;
      self->refresh_all_after |= !only_due && !self->refreshing_all;
      return;
    }

  self->refreshing_all = !only_due;
  self->refresh_cancellable = g_cancellable_new ();
  chronicle_subscriptions_refresh_async (subscriptions, only_due, self->refresh_cancellable, refreshed_cb,
                                         g_object_ref (self));
}

/* One subscription, which the reader asked for: beside a refresh of all
 * that may be under way, and stopped with it at shutdown. */
void
chronicle_application_refresh_one_action (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (user_data);
  ChronicleSubscriptions *subscriptions = chronicle_application_get_subscriptions (self);

  if (subscriptions == NULL)
    return;

  if (self->refresh_one_cancellable == NULL)
    self->refresh_one_cancellable = g_cancellable_new ();
  chronicle_subscriptions_refresh_one_async (subscriptions, g_variant_get_string (parameter, NULL),
                                             self->refresh_one_cancellable, refreshed_one_cb, g_object_ref (self));
}

void
chronicle_application_refresh_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  start_refresh (CHRONICLE_APPLICATION (user_data), FALSE);
}

void
chronicle_application_refresh_due_action (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data)
{
  start_refresh (CHRONICLE_APPLICATION (user_data), TRUE);
}

static gboolean
check_due_cb (gpointer user_data)
{
  start_refresh (CHRONICLE_APPLICATION (user_data), TRUE);
  return G_SOURCE_CONTINUE;
}

static void
interval_changed_cb (ChronicleApplication *self)
{
  if (self->subscriptions != NULL)
    chronicle_subscriptions_set_interval (self->subscriptions, g_settings_get_int (self->settings, "refresh-interval"));
}

/**
 * chronicle_application_start_refreshing:
 *
 * Once the library is read: the feeds whose time has come are fetched
 * now, and then every few minutes those whose time comes.  Runs that only
 * take screenshots leave the subscriptions as they are stored.
 */
void
chronicle_application_start_refreshing (ChronicleApplication *self)
{
  if (self->refresh_timer != 0 || self->screenshot_path != NULL || self->quit_after_first_frame)
    return;

  g_signal_connect_object (self->settings, "changed::refresh-interval", G_CALLBACK (interval_changed_cb), self,
                           G_CONNECT_SWAPPED);
  start_refresh (self, TRUE);
  self->refresh_timer = g_timeout_add_seconds (CHECK_INTERVAL_S, check_due_cb, self);
  /* Collections removed take their starred articles with them. */
  chronicle_application_release_pictures (self);
}

/* Before the store closes: what is fetched then is not kept. */
void
chronicle_application_stop_refreshing (ChronicleApplication *self)
{
  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  g_clear_handle_id (&self->release_timer, g_source_remove);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_after = self->refresh_all_after = FALSE;
  g_cancellable_cancel (self->refresh_one_cancellable);
  g_clear_object (&self->refresh_one_cancellable);
  g_cancellable_cancel (self->icons_cancellable);
  g_clear_object (&self->icons_cancellable);
}
