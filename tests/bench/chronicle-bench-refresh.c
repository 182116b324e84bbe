/* SPDX-License-Identifier: GPL-3.0-or-later */

/* "chronicle-bench refresh N_FEEDS N_ITEMS": N_FEEDS subscriptions of
 * N_ITEMS articles each, served from a web server on 127.0.0.1 on a
 * thread of its own, refreshed from the window as the reader's F5 does:
 * once with every feed changed (a fifth of each feed's articles new),
 * once with every feed unchanged (304).  Prints the time until all are
 * fetched, stored and listed, the longest frame meanwhile, and the
 * memory before and after. */

#include "config.h"

#include <string.h>

#include "chronicle-bench-refresh.h"
#include "chronicle-test-utils.h"
#include "chronicle-test-web.h"

typedef struct
{
  guint         n_items;
  guint         generation;   /* changes every feed's articles and ETag */
} Server;

/* /feed/N.json: the articles GENERATION .. GENERATION + N_ITEMS - 1 of
 * feed N, a fifth of them new at each generation. */
static void
feed_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Server *web = data;
  guint first = web->generation * (web->n_items / 5);
  const char *if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "If-None-Match");
  g_autofree char *etag = NULL;
  GString *body;
  gsize length;
  guint feed;

  if (!g_str_has_prefix (path, "/feed/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  feed = (guint) g_ascii_strtoull (path + strlen ("/feed/"), NULL, 10);
  etag = g_strdup_printf ("\"%u-%u\"", feed, web->generation);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  if (g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  body = g_string_sized_new (web->n_items * 700);
  /* No site of their own: their icons are looked for on this server. */
  g_string_append_printf (body, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Feed %u\", "
                          "\"items\": [", feed);
  for (guint i = first; i < first + web->n_items; i++)
    g_string_append_printf (body,
                            "%s{\"id\": \"f%u-%u\", \"url\": \"posts/%u.html\", \"title\": \"Article %u of feed %u\", "
                            "\"content_html\": \"<p>The %u-th article of the %u-th feed, with a paragraph of text "
                            "about people who left, joined or moved, so that its body is as long as a short news "
                            "item.</p><p>A second paragraph, and a <a href=\\\"https://example.org/\\\">link</a>."
                            "</p>\", \"date_published\": \"2024-08-%02uT%02u:00:00Z\"}",
                            i > first ? ", " : "", feed, i, i, i, feed, i, feed, 1 + i % 28, i % 24);
  g_string_append (body, "]}");

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  length = body->len;
  soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_TAKE, g_string_free_and_steal (body),
                                    length);
}

/**
 * chronicle_bench_rss_mb:
 *
 * Returns: the memory the process holds (its resident set), in MB
 */
double
chronicle_bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

typedef struct
{
  guint      n_done;
  guint      n_failed;
  GPtrArray *keys;
} Subscribing;

static void
subscribed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  Subscribing *subscribing = data;
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = chronicle_subscriptions_subscribe_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);
  subscribing->n_failed += report == NULL;
  if (report == NULL)
    g_printerr ("%s\n", error->message);
  else
    g_ptr_array_add (subscribing->keys, g_strdup (report->key));
  subscribing->n_done++;
}

typedef struct
{
  ChronicleApplication   *app;
  ChronicleLibrary       *library;
  gint64                  last_tick;
  double                  max_gap;
} Refreshing;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Refreshing *refreshing = data;
  gint64 now = g_get_monotonic_time ();

  if (refreshing->last_tick > 0)
    refreshing->max_gap = MAX (refreshing->max_gap, (now - refreshing->last_tick) / 1000.0);
  refreshing->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* The refresh has ended, and everything it stored is listed.  The
 * subscriptions' progress says 0 left before the application has the
 * refresh's result: waiting on it, the bench took a refresh whose listing
 * had not begun for done. */
static gboolean
refreshed (gpointer data)
{
  Refreshing *refreshing = data;

  return !chronicle_application_get_refreshing (refreshing->app) && !chronicle_library_get_loading (refreshing->library);
}

/* One refresh from the window; returns its time in ms. */
static double
measure_refresh (ChronicleApplication *app,
                 ChronicleWindow      *window,
                 Refreshing           *refreshing)
{
  gint64 start;

  chronicle_test_iterate (200);
  refreshing->max_gap = 0;
  start = g_get_monotonic_time ();
  refreshing->last_tick = start;
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  if (!chronicle_test_wait_until (refreshed, refreshing, 600000))
    return -1;
  /* The lists of the window take the reloaded collections in slices. */
  while (chronicle_library_get_n_waiting (refreshing->library) > 0 || chronicle_library_get_loading (refreshing->library))
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
chronicle_bench_refresh (guint n_feeds,
                         guint n_items)
{
  Server web = { 0 };
  ChronicleTestWebThread thread;
  ChronicleApplication *app = chronicle_test_application_get ();
  ChronicleSubscriptions *subscriptions = chronicle_application_get_subscriptions (app);
  ChronicleLibrary *library = chronicle_application_get_library (app);
  ChronicleWindow *window;
  Subscribing subscribing = { 0, 0, g_ptr_array_new_with_free_func (g_free) };
  Refreshing refreshing = { app, library, 0, 0 };
  double before, changed_ms, changed_gap, unchanged_ms, unchanged_gap;

  web.n_items = n_items;
  chronicle_test_web_thread_start (&thread, feed_handler, &web);

  window = chronicle_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &refreshing, NULL);

  /* The subscriptions, 8 at a time: setting up, not measured. */
  for (guint i = 0; i < n_feeds; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/feed/%u.json", thread.base, i);

      chronicle_subscriptions_subscribe_async (subscriptions, url, CHRONICLE_SUBSCRIBE_FIRST, NULL, subscribed_cb,
                                               &subscribing);
      while (subscribing.n_done + 8 <= i)
        g_main_context_iteration (NULL, TRUE);
    }
  while (subscribing.n_done < n_feeds)
    g_main_context_iteration (NULL, TRUE);
  if (subscribing.n_failed > 0)
    return 1;

  /* Listed, as a restart would, before the reader's refresh. */
  g_ptr_array_add (subscribing.keys, NULL);
  chronicle_library_reload_sources_async (library, (const char * const *) subscribing.keys->pdata, NULL, NULL, NULL);
  chronicle_test_iterate (200);
  while (chronicle_library_get_n_waiting (library) > 0 || chronicle_library_get_loading (library))
    g_main_context_iteration (NULL, TRUE);
  g_ptr_array_unref (subscribing.keys);
  chronicle_test_iterate (500);
  before = chronicle_bench_rss_mb ();

  g_atomic_int_inc (&web.generation);
  changed_ms = measure_refresh (app, window, &refreshing);
  changed_gap = refreshing.max_gap;
  printf ("refresh_feeds_ms %.1f\n", changed_ms);
  printf ("refresh_max_frame_gap_ms %.1f\n", changed_gap);
  printf ("refresh_rss_before_mb %.1f\n", before);
  printf ("refresh_rss_after_mb %.1f\n", chronicle_bench_rss_mb ());

  unchanged_ms = measure_refresh (app, window, &refreshing);
  unchanged_gap = refreshing.max_gap;
  printf ("refresh_feeds_304_ms %.1f\n", unchanged_ms);
  printf ("refresh_304_max_frame_gap_ms %.1f\n", unchanged_gap);

  chronicle_test_web_thread_stop (&thread);
  return changed_ms > 0 && unchanged_ms > 0 ? 0 : 1;
}
