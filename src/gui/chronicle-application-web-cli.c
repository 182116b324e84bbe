/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "chronicle-application-private.h"
#include "chronicle-error.h"
#include "chronicle-opml.h"
#include "chronicle-subscriptions.h"

/* Subscriptions from the command line, without a window: "chronicle
 * --subscribe URL", "--refresh", "--import-opml" and "--export-opml",
 * which write the store as the window would; and the words for what
 * failed when a feed was fetched, which the window shows too. */
/* The words for what failed when a feed was fetched; the GError's own
 * message is the technical detail (the address, the status). */
static char *
describe_http_status (int status)
{
  switch (status)
    {
    case 401:
    case 403:
      /* Translators: %d is an HTTP status, such as 403 */
      return g_strdup_printf (_("The server answered %d: the feed is not open to the public"), status);
    case 404:
      return g_strdup (_("The server answered 404: there is no feed at this address"));
    case 410:
      return g_strdup (_("The server answered 410: the feed is gone for good"));
    case 429:
    case 503:
      /* Translators: %d is an HTTP status, 429 or 503 */
      return g_strdup_printf (_("The server answered %d: it asks to be left alone for a while"), status);
    default:
      if (status >= 500)
        /* Translators: %d is an HTTP status, such as 500 */
        return g_strdup_printf (_("The server answered %d: it has a problem of its own"), status);
      /* Translators: %d is an HTTP status, such as 400 */
      return g_strdup_printf (_("The server answered %d"), status);
    }
}

/**
 * chronicle_application_describe_fetch_error:
 * @error: what failed in subscribing to or refreshing a feed
 *
 * Returns: (transfer full): the sentence that says it to the reader
 */
char *
chronicle_application_describe_fetch_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CHRONICLE_HTTP_ERROR)
    return describe_http_status (error->code);
  if (g_error_matches (error, CHRONICLE_ERROR, CHRONICLE_ERROR_NOT_A_FEED))
    return g_strdup (_("There is no feed at this address that Chronicle can read"));
  if (g_error_matches (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE))
    return g_strdup (_("The feed is larger than 50 MB"));
  if (g_error_matches (error, CHRONICLE_ERROR, CHRONICLE_ERROR_REDIRECTS))
    return g_strdup (_("The server sends this address round in circles, or somewhere that is not on the web"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_strdup (_("The server did not answer in time"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return g_strdup (_("This is not a web address"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_strdup (_("The server refused the connection"));
  if (error->domain == G_RESOLVER_ERROR)
    return g_strdup (_("No server by this name could be found"));
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_strdup (_("The server’s certificate is not valid, so the connection would not be private"));
  if (error->domain == G_TLS_ERROR)
    return g_strdup (_("No private connection to the server could be made"));
  return g_strdup (_("The feed could not be fetched"));
}

/* The result of an asynchronous call, for @user_data, a
 * #ChronicleWaiting. */
void
chronicle_application_wait_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  ChronicleWaiting *waiting = user_data;

  waiting->result = g_object_ref (result);
}

/* Runs the main loop until @waiting has its result. */
void
chronicle_application_wait (ChronicleWaiting *waiting)
{
  while (waiting->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static ChronicleSubscriptions *
open_subscriptions (ChronicleStore **store)
{
  g_autofree char *path = chronicle_application_dup_store_path ();

  *store = chronicle_store_new (path);
  return chronicle_subscriptions_new (*store);
}

static void
print_failure (const char   *name,
               const GError *error)
{
  g_autofree char *sentence = chronicle_application_describe_fetch_error (error);

  /* Translators: “%1$s” is a feed or its address, %2$s what went wrong,
   * %3$s the technical detail */
  g_printerr (_("%1$s: %2$s (%3$s)\n"), name, sentence, error->message);
}

/**
 * chronicle_application_subscribe:
 * @url: what the reader gave after --subscribe
 *
 * "chronicle --subscribe URL": subscribes, fetching the feed once, and
 * prints its title and number of articles.
 *
 * Returns: the exit status: 0, or 1 when it failed
 */
int
chronicle_application_subscribe (const char *url)
{
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleSubscriptions) subscriptions = open_subscriptions (&store);
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleWaiting waiting = { NULL };

  chronicle_subscriptions_subscribe_async (subscriptions, url, CHRONICLE_SUBSCRIBE_FIRST, NULL, chronicle_application_wait_cb, &waiting);
  chronicle_application_wait (&waiting);
  report = chronicle_subscriptions_subscribe_finish (subscriptions, waiting.result, &error);
  g_clear_object (&waiting.result);
  chronicle_store_close (store);

  if (report == NULL)
    {
      print_failure (url, error);
      return 1;
    }

  /* Translators: %1$s is the feed's title, %2$s its address */
  g_print (g_dngettext (NULL, "Subscribed to “%1$s” (%2$s): %3$u article\n",
                        "Subscribed to “%1$s” (%2$s): %3$u articles\n", report->n_items),
           report->title, report->url, report->n_items);
  return 0;
}

static void
print_report (const ChronicleRefreshReport *report)
{
  if (report->error != NULL && report->not_before == 0)
    {
      print_failure (report->title, report->error);
      return;
    }

  if (report->not_before > 0)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (report->not_before);
      g_autofree char *when = until != NULL ? g_date_time_format (until, "%c") : g_strdup ("?");

      /* Translators: %1$s is a feed's title, %2$s a date and time */
      g_print (_("%1$s: the server asked to wait until %2$s\n"), report->title, when);
      return;
    }

  if (report->n_new == 0)
    {
      /* Translators: %s is a feed's title */
      g_print (_("%s: no new articles\n"), report->title);
      return;
    }

  /* Translators: %1$s is a feed's title */
  g_print (g_dngettext (NULL, "%1$s: %2$u new article\n", "%1$s: %2$u new articles\n", report->n_new),
           report->title, report->n_new);
}

/**
 * chronicle_application_refresh:
 *
 * "chronicle --refresh": fetches every subscription the servers allow
 * now, one line for each.
 *
 * Returns: the exit status: 1 when none could be refreshed, else 0
 */
int
chronicle_application_refresh (void)
{
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleSubscriptions) subscriptions = open_subscriptions (&store);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleWaiting waiting = { NULL };
  guint n_refreshed = 0;

  chronicle_subscriptions_refresh_async (subscriptions, FALSE, NULL, chronicle_application_wait_cb, &waiting);
  chronicle_application_wait (&waiting);
  reports = chronicle_subscriptions_refresh_finish (subscriptions, waiting.result, &error);
  g_clear_object (&waiting.result);
  /* The icons too, as the window does after a refresh. */
  if (reports != NULL)
    {
      g_auto(GStrv) keys = NULL;

      chronicle_subscriptions_fetch_icons_async (subscriptions, NULL, chronicle_application_wait_cb, &waiting);
      chronicle_application_wait (&waiting);
      keys = chronicle_subscriptions_fetch_icons_finish (subscriptions, waiting.result, NULL);
      g_clear_object (&waiting.result);
    }
  chronicle_store_close (store);

  if (reports == NULL)
    return chronicle_application_print_store_error (error);

  if (reports->len == 0)
    {
      g_print ("%s\n", _("There are no subscriptions to refresh"));
      return 0;
    }

  for (guint i = 0; i < reports->len; i++)
    {
      const ChronicleRefreshReport *report = g_ptr_array_index (reports, i);

      print_report (report);
      if (report->error == NULL && report->not_before == 0)
        n_refreshed++;
    }

  return n_refreshed > 0 ? 0 : 1;
}

/**
 * chronicle_application_import_opml:
 * @path: an OPML file
 *
 * "chronicle --import-opml FILE": adds the subscriptions of a reading
 * list; the next refresh fetches them.
 *
 * Returns: the exit status: 0, or 1 when the file could not be read
 */
int
chronicle_application_import_opml (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleSubscriptions) subscriptions = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) keys = NULL;
  ChronicleWaiting waiting = { NULL };
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error) ||
      (entries = chronicle_opml_parse (contents, length, &error)) == NULL)
    {
      /* The detail names the line and column. */
      g_printerr ("%s:%s\n", path, error->message);
      return 1;
    }

  subscriptions = open_subscriptions (&store);
  chronicle_subscriptions_import_async (subscriptions, entries, NULL, chronicle_application_wait_cb, &waiting);
  chronicle_application_wait (&waiting);
  keys = chronicle_subscriptions_import_finish (subscriptions, waiting.result, &error);
  g_clear_object (&waiting.result);
  chronicle_store_close (store);
  if (keys == NULL)
    return chronicle_application_print_store_error (error);

  /* Translators: %u is a number of subscriptions */
  g_print (g_dngettext (NULL, "%u subscription added; it is fetched at the next refresh\n",
                        "%u subscriptions added; they are fetched at the next refresh\n", g_strv_length (keys)),
           g_strv_length (keys));
  return 0;
}

/**
 * chronicle_application_export_opml:
 *
 * "chronicle --export-opml": writes the subscriptions, with their
 * folders, to standard output as OPML 2.0.
 *
 * Returns: the exit status
 */
int
chronicle_application_export_opml (void)
{
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleSubscriptions) subscriptions = open_subscriptions (&store);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ChronicleWaiting waiting = { NULL };

  chronicle_subscriptions_list_async (subscriptions, NULL, chronicle_application_wait_cb, &waiting);
  chronicle_application_wait (&waiting);
  entries = chronicle_subscriptions_list_finish (subscriptions, waiting.result, &error);
  g_clear_object (&waiting.result);
  chronicle_store_close (store);
  if (entries == NULL)
    return chronicle_application_print_store_error (error);

  text = chronicle_opml_write (entries, "Chronicle");
  fputs (text, stdout);
  fflush (stdout);
  return 0;
}
