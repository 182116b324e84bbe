/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sidebar, as a reader with a few subscriptions sees it: a reading
 * list with folders imported, the views and the subscriptions in their
 * folders with unread counts, a failing subscription's sign, page and
 * properties, and what its context menu does: renaming, moving,
 * marking read, unsubscribing and undoing it.  The web server is the
 * test's own, on 127.0.0.1. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-collection.h"
#include "chronicle-sidebar.h"
#include "chronicle-sidebar-entry.h"
#include "chronicle-sidebar-row.h"
#include "chronicle-store-test.h"
#include "chronicle-subscription-properties.h"
#include "chronicle-test-utils.h"
#include "chronicle-test-web.h"
#include "chronicle-window-private.h"

typedef struct
{
  ChronicleApplication *app;
  ChronicleWindow      *window;
  ChronicleLibrary     *library;
  SoupServer           *server;
  char                 *base;
  const char           *alpha_title;   /* what /alpha.xml calls itself */
  guint                 alpha_items;   /* how many /alpha.xml has */
  gboolean              beta_fails;    /* /beta.xml answers 503, back in an hour */
  gboolean              hold_alpha;    /* /alpha.xml answers once let go */
  SoupServerMessage    *held;
} Fixture;

/* The items' ids are the server's own: the reader's state of one test's
 * articles, which the store keeps, is not another's. */
static void
serve_rss (SoupServerMessage *msg,
           const char        *base,
           const char        *title,
           guint              n_items)
{
  g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");

  g_string_append_printf (body, "<title>%s</title><link>http://127.0.0.1/</link><description>d</description>", title);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (body, "<item><title>%s %u</title><guid>%s/%s-%u</guid>"
                            "<pubDate>Mon, 0%u Aug 2024 10:00:00 +0000</pubDate></item>", title, i, base, title, i,
                            i + 1);
  g_string_append (body, "</channel></rss>");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_COPY, body->str, body->len);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Fixture *fixture = data;

  if (g_str_equal (path, "/favicon.ico"))
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 32, 32);
      g_autofree char *png = NULL;
      gsize size = 0;

      gdk_pixbuf_fill (pixbuf, 0xe66100ff);
      g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &size, "png", NULL, NULL));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/vnd.microsoft.icon", SOUP_MEMORY_COPY, png, size);
    }
  else if (g_str_equal (path, "/alpha.xml") && fixture->hold_alpha && fixture->held == NULL)
    {
      soup_server_message_pause (msg);
      fixture->held = msg;
    }
  else if (g_str_equal (path, "/alpha.xml"))
    serve_rss (msg, fixture->base, fixture->alpha_title, fixture->alpha_items);
  else if (g_str_equal (path, "/delta.xml"))
    serve_rss (msg, fixture->base, "Delta", 4);
  else if (g_str_equal (path, "/beta.xml") && fixture->beta_fails)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "3600");
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
    }
  else if (g_str_equal (path, "/beta.xml"))
    serve_rss (msg, fixture->base, "Beta", 2);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static ChronicleCollection *
find_collection (Fixture    *fixture,
                 const char *name)
{
  GListModel *collections = chronicle_library_get_collections (fixture->library);

  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (collections, i);

      if (g_strcmp0 (chronicle_collection_get_name (collection), name) == 0)
        return collection;
    }
  return NULL;
}

/* Every subscription is listed, fetched, and counted. */
static gboolean
settled (gpointer data)
{
  Fixture *fixture = data;
  ChronicleCollection *alpha = find_collection (fixture, "Alpha");
  ChronicleCollection *beta = find_collection (fixture, "Beta");
  ChronicleCollection *gone = find_collection (fixture, "Gone");

  return alpha != NULL && beta != NULL && gone != NULL &&
         !chronicle_library_get_loading (fixture->library) &&
         chronicle_collection_get_n_unread (alpha) == 3 && chronicle_collection_get_n_unread (beta) == 2 &&
         chronicle_collection_get_failed (gone);
}

/* As the window's drop target hands over a file dropped on it. */
static void
drop_file (ChronicleWindow *window,
           GFile           *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GSList) list = g_slist_prepend (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  guint n = 0;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (accepted);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *opml = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->app = chronicle_test_application_get ();
  fixture->window = chronicle_test_window_new ();
  fixture->library = chronicle_application_get_library (fixture->app);
  fixture->alpha_title = "Alpha";
  fixture->alpha_items = 3;
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  fixture->base = chronicle_test_web_listen (fixture->server, FALSE);

  /* The reading list, as the reader drops or picks it. */
  opml = g_strdup_printf ("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>"
                          "<outline type=\"rss\" text=\"Alpha\" xmlUrl=\"%1$s/alpha.xml\"/>"
                          "<outline text=\"Science\">"
                          "<outline type=\"rss\" text=\"Beta\" xmlUrl=\"%1$s/beta.xml\"/></outline>"
                          "<outline type=\"rss\" text=\"Gone\" xmlUrl=\"%1$s/gone.xml\"/>"
                          "</body></opml>", fixture->base);
  file = chronicle_test_write_file ("sidebar.opml", opml);
  drop_file (fixture->window, file);
  /* Three subscriptions fetched and stored: a loaded machine (a sanitizer
   * build beside it) took over 5 s once. */
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) settled, fixture, 20000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *collections = chronicle_library_get_collections (fixture->library);
  GSettings *settings = chronicle_application_get_settings (fixture->app);

  /* The next test starts with the bundled collection only. */
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  for (guint i = g_list_model_get_n_items (collections); i > 0; i--)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (collections, i - 1);

      if (chronicle_collection_get_web (collection))
        chronicle_library_remove_collection (fixture->library, chronicle_collection_get_id (collection));
    }
  chronicle_test_store_barrier (chronicle_library_get_store (fixture->library));
  g_settings_reset (settings, "collection");
  g_settings_reset (settings, "article-filter");
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_free (fixture->base);
}

static GListModel *
rows (Fixture *fixture)
{
  return chronicle_sidebar_get_model (chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "sidebar"));
}

/* The sidebar's rows, as "title [section]" for collections. */
static char *
describe_rows (Fixture *fixture)
{
  GListModel *model = rows (fixture);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChronicleSidebarEntry) entry = g_list_model_get_item (model, i);
      ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (entry);

      if (collection == NULL)
        g_string_append_printf (text, "%d; ", chronicle_sidebar_entry_get_kind (entry));
      else
        g_string_append_printf (text, "%s [%s]; ", chronicle_collection_get_title (collection),
                                chronicle_sidebar_entry_get_section_title (entry));
    }
  return g_string_free (text, FALSE);
}

static guint
row_of (Fixture    *fixture,
        const char *name)
{
  GListModel *model = rows (fixture);
  ChronicleCollection *wanted = find_collection (fixture, name);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChronicleSidebarEntry) entry = g_list_model_get_item (model, i);

      if (chronicle_sidebar_entry_get_collection (entry) == wanted)
        return i;
    }
  g_assert_not_reached ();
}

/* The row widget the sidebar shows for @name. */
static ChronicleSidebarRow *
find_row (GtkWidget           *widget,
          ChronicleCollection *collection)
{
  if (CHRONICLE_IS_SIDEBAR_ROW (widget))
    {
      ChronicleSidebarEntry *entry = chronicle_sidebar_row_get_entry (CHRONICLE_SIDEBAR_ROW (widget));

      return entry != NULL && chronicle_sidebar_entry_get_collection (entry) == collection
             ? CHRONICLE_SIDEBAR_ROW (widget) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      ChronicleSidebarRow *row = find_row (child, collection);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
titles_are (gpointer data)
{
  const char **args = data;
  g_autofree char *text = describe_rows ((Fixture *) args[0]);

  return g_str_equal (text, args[1]);
}

#define assert_rows(fixture, expected) \
  G_STMT_START { \
    const char *args[] = { (const char *) (fixture), (expected) }; \
    if (!chronicle_test_wait_until (titles_are, args, 5000)) \
      { \
        g_autofree char *found = describe_rows (fixture); \
        g_assert_cmpstr (found, ==, (expected)); \
      } \
  } G_STMT_END

/* The site's favicon is fetched after the refresh, and shown. */
static gboolean
shows_icon (gpointer data)
{
  Fixture *fixture = data;
  ChronicleSidebarRow *row = find_row (GTK_WIDGET (fixture->window), find_collection (fixture, "Alpha"));
  GtkImage *image = row != NULL ? chronicle_test_get_child (row, CHRONICLE_TYPE_SIDEBAR_ROW, "icon") : NULL;

  return image != NULL && gtk_image_get_storage_type (image) == GTK_IMAGE_PAINTABLE;
}

static void
test_sections_and_counts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("0; 1; 2; Alpha [%1$s]; Gone [%1$s]; Beta [Science]; Chronicle [%2$s]; ",
                                               _("Subscriptions"), _("Collections"));
  ChronicleCollection *gone = find_collection (fixture, "Gone");
  ChronicleCollection *alpha = find_collection (fixture, "Alpha");
  ChronicleSidebarRow *row;
  GtkWidget *error_image;

  /* The views, then the subscriptions outside folders, the folder, and
   * the bundled collection. */
  assert_rows (fixture, expected);
  g_assert_cmpuint (chronicle_library_get_n_unread (fixture->library), ==, 6);

  /* The failing one shows its sign and says it; the others their count. */
  chronicle_test_wait_frames (fixture->window, 2);
  row = find_row (GTK_WIDGET (fixture->window), gone);
  g_assert_nonnull (row);
  error_image = chronicle_test_get_child (row, CHRONICLE_TYPE_SIDEBAR_ROW, "error_image");
  g_assert_true (gtk_widget_get_visible (error_image));
  {
    g_autofree char *description = NULL;

    g_object_get (row, "description", &description, NULL);
    g_assert_nonnull (strstr (description, _("The last refresh failed")));
  }
  row = find_row (GTK_WIDGET (fixture->window), alpha);
  g_assert_false (gtk_widget_get_visible (chronicle_test_get_child (row, CHRONICLE_TYPE_SIDEBAR_ROW, "error_image")));
  g_assert_cmpstr (gtk_label_get_text (chronicle_test_get_child (row, CHRONICLE_TYPE_SIDEBAR_ROW, "count_label")), ==, "3");

  /* Its icon, once fetched; the failing one keeps the feed's sign. */
  chronicle_test_assert_until (shows_icon, fixture);
  row = find_row (GTK_WIDGET (fixture->window), gone);
  g_assert_cmpint (gtk_image_get_storage_type (chronicle_test_get_child (row, CHRONICLE_TYPE_SIDEBAR_ROW, "icon")), ==,
                   GTK_IMAGE_ICON_NAME);
}

static gboolean
count_is_zero (gpointer data)
{
  return chronicle_collection_get_n_unread (data) == 0;
}

static void
test_choose_and_mark_read (Fixture       *fixture,
                           gconstpointer  data)
{
  ChronicleArticleList *list = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");
  ChronicleCollection *alpha = find_collection (fixture, "Alpha");
  GSettings *settings = chronicle_application_get_settings (fixture->app);

  /* Choosing a subscription shows its articles only. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (fixture)), row_of (fixture, "Alpha"), TRUE);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (list), ==, 3);

  /* "Unread" shows every unread article again, and the list's own filter
   * says so too. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (fixture)), 1, TRUE);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (list), ==, 6);
  {
    g_autofree char *filter = g_settings_get_string (settings, "article-filter");

    g_assert_cmpstr (filter, ==, "unread");
  }

  /* Its context menu marks one subscription read, and its count goes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-source-read", "s",
                              chronicle_collection_get_id (alpha));
  chronicle_test_assert_until (count_is_zero, alpha);
  g_assert_cmpuint (chronicle_collection_get_n_unread (find_collection (fixture, "Beta")), ==, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows (fixture))), ==,
                    row_of (fixture, "Alpha"));
  g_settings_reset (settings, "article-filter");
  g_settings_reset (settings, "collection");
}

/* The words of @format up to its %s, which stands for a date. */
static char *
text_before_directive (const char *format)
{
  const char *directive = strstr (format, "%s");

  g_assert_nonnull (directive);
  return g_strndup (format, directive - format);
}

static gboolean
beta_failed (gpointer data)
{
  Fixture *fixture = data;

  return chronicle_collection_get_failed (find_collection (fixture, "Beta")) &&
         !chronicle_library_get_loading (fixture->library);
}

static void
test_failing_page (Fixture       *fixture,
                   gconstpointer  data)
{
  ChronicleArticleList *list = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");
  AdwBanner *banner = chronicle_test_get_child (list, CHRONICLE_TYPE_ARTICLE_LIST, "failed_banner");
  GtkStack *stack = chronicle_test_get_child (list, CHRONICLE_TYPE_ARTICLE_LIST, "stack");
  AdwStatusPage *empty_page;
  ChronicleCollection *gone = find_collection (fixture, "Gone");
  const char *sentence = _("The server answered 404: there is no feed at this address");
  g_autofree char *server_error = g_strdup_printf (_("The server answered %d: it asks to be left alone for a while"),
                                                   503);
  g_autofree char *not_before = text_before_directive (_("Not before %s, as the server asked"));
  AdwDialog *dialog;
  AdwActionRow *error_row;

  /* No sign over a subscription that works. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (fixture)), row_of (fixture, "Alpha"), TRUE);
  g_assert_false (adw_banner_get_revealed (banner));

  /* The failing one's page says what failed, and when: with no articles
   * to show, in their place. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (fixture)), row_of (fixture, "Gone"), TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  empty_page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (empty_page), ==, _("The last refresh failed"));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty_page), sentence));
  g_assert_false (adw_banner_get_revealed (banner));

  /* Above the articles it has, once its server fails. */
  fixture->beta_fails = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "refresh-subscription",
                                  g_variant_new_string (chronicle_collection_get_id (find_collection (fixture, "Beta"))));
  chronicle_test_assert_until (beta_failed, fixture);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (fixture)), row_of (fixture, "Beta"), TRUE);
  g_assert_cmpuint (chronicle_article_list_get_n_shown (list), ==, 2);
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_nonnull (strstr (adw_banner_get_title (banner), server_error));
  /* and until when it waits, as its server asked */
  g_assert_nonnull (strstr (adw_banner_get_title (banner), not_before));

  /* Its properties: the address, the error with its detail, the times. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.subscription-properties", "s",
                              chronicle_collection_get_id (gone));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
  g_assert_true (CHRONICLE_IS_SUBSCRIPTION_PROPERTIES (dialog));
  error_row = chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIPTION_PROPERTIES, "error_row");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_row)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (error_row), sentence));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (error_row), "HTTP 404"));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (
                   chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIPTION_PROPERTIES, "url_row")), "/gone.xml"));
  g_assert_cmpstr (adw_action_row_get_subtitle (
                     chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIPTION_PROPERTIES, "last_row")), !=, _("Never"));
  adw_dialog_force_close (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  gpointer *args = data;

  return adw_application_window_get_visible_dialog (args[0]) != args[1];
}

static void
answer (Fixture    *fixture,
        const char *text)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
  GtkEditable *entry;

  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  entry = GTK_EDITABLE (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog)));
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (dialog, "response", "apply");
  /* Closed, so that the next dialog is not taken for it. */
  adw_dialog_close (dialog);
  {
    gpointer args[] = { fixture->window, dialog };

    g_assert_true (chronicle_test_wait_until (dialog_gone, args, 5000));
  }
}

static gboolean
refreshed_with_title (gpointer data)
{
  Fixture *fixture = data;
  ChronicleCollection *alpha = find_collection (fixture, "Alpha");
  ChronicleFeed *feed = chronicle_collection_get_feed (alpha);

  return !chronicle_library_get_loading (fixture->library) &&
         g_strcmp0 (chronicle_feed_get_title (feed), "Alpha Weekly") == 0;
}

static void
test_rename_and_move (Fixture       *fixture,
                      gconstpointer  data)
{
  ChronicleCollection *alpha = find_collection (fixture, "Alpha");
  ChronicleCollection *beta = find_collection (fixture, "Beta");
  const char *store_path = chronicle_store_get_path (chronicle_library_get_store (fixture->library));
  g_autofree char *expected = NULL;
  g_autofree char *query = NULL;

  /* The reader's title: in the sidebar at once, in the store, and kept
   * when a refresh brings the feed's new title. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-subscription", "s",
                              chronicle_collection_get_id (alpha));
  answer (fixture, "  My Alpha ");
  g_assert_cmpstr (chronicle_collection_get_title (alpha), ==, "My Alpha");

  /* Beta leaves its folder. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.move-subscription", "s",
                              chronicle_collection_get_id (beta));
  answer (fixture, "");
  expected = g_strdup_printf ("0; 1; 2; Beta [%1$s]; Gone [%1$s]; My Alpha [%1$s]; Chronicle [%2$s]; ",
                              _("Subscriptions"), _("Collections"));
  assert_rows (fixture, expected);

  chronicle_test_store_barrier (chronicle_library_get_store (fixture->library));
  query = g_strdup_printf ("SELECT count(*) FROM sources WHERE key = '%s' AND user_title = 'My Alpha'",
                           chronicle_collection_get_id (alpha));
  g_assert_cmpint (chronicle_test_query_int (store_path, query), ==, 1);
  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("SELECT count(*) FROM sources WHERE key = '%s' AND folder IS NULL",
                           chronicle_collection_get_id (beta));
  g_assert_cmpint (chronicle_test_query_int (store_path, query), ==, 1);

  fixture->alpha_title = "Alpha Weekly";
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "refresh-subscription",
                                  g_variant_new_string (chronicle_collection_get_id (alpha)));
  chronicle_test_assert_until (refreshed_with_title, fixture);
  g_assert_cmpstr (chronicle_collection_get_title (find_collection (fixture, "Alpha")), ==, "My Alpha");

  /* An empty title gives the feed's own back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-subscription", "s",
                              chronicle_collection_get_id (alpha));
  answer (fixture, "");
  g_assert_cmpstr (chronicle_collection_get_title (alpha), ==, "Alpha Weekly");
}

static gboolean
listed_again (gpointer data)
{
  Fixture *fixture = data;
  ChronicleCollection *beta = find_collection (fixture, "Beta");

  return beta != NULL && chronicle_collection_get_n_unread (beta) == 2;
}

static void
test_unsubscribe_and_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  ChronicleArticleList *list = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");
  const char *store_path = chronicle_store_get_path (chronicle_library_get_store (fixture->library));
  g_autofree char *key = g_strdup (chronicle_collection_get_id (find_collection (fixture, "Beta")));
  AdwToast *toast;

  /* Gone from the sidebar and the list at once, but not yet from the
   * store: the toast can undo it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source", "s", key);
  g_assert_null (find_collection (fixture, "Beta"));
  g_assert_cmpuint (chronicle_article_list_get_n_shown (list), ==, 4);
  toast = g_hash_table_lookup (fixture->window->removals, key);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, _("_Undo"));
  chronicle_test_store_barrier (chronicle_library_get_store (fixture->library));
  g_assert_cmpint (chronicle_test_query_int (store_path, "SELECT count(*) FROM sources"), ==, 4);

  g_signal_emit_by_name (toast, "button-clicked");
  chronicle_test_assert_until (listed_again, fixture);
  g_assert_cmpstr (chronicle_collection_get_folder (find_collection (fixture, "Beta")), ==, "Science");

  /* Without undo, it is final when the toast goes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source", "s", key);
  adw_toast_dismiss (g_hash_table_lookup (fixture->window->removals, key));
  chronicle_test_store_barrier (chronicle_library_get_store (fixture->library));
  g_assert_cmpint (chronicle_test_query_int (store_path, "SELECT count(*) FROM sources"), ==, 3);
  g_assert_null (find_collection (fixture, "Beta"));
}

/* A notification server of the test's own on the session bus, as the
 * desktop's: what Chronicle asks it to show. */
static const char notifications_xml[] =
  "<node><interface name=\"org.freedesktop.Notifications\">"
  "<method name=\"Notify\"><arg type=\"s\" direction=\"in\"/><arg type=\"u\" direction=\"in\"/>"
  "<arg type=\"s\" direction=\"in\"/><arg type=\"s\" direction=\"in\"/><arg type=\"s\" direction=\"in\"/>"
  "<arg type=\"as\" direction=\"in\"/><arg type=\"a{sv}\" direction=\"in\"/><arg type=\"i\" direction=\"in\"/>"
  "<arg type=\"u\" direction=\"out\"/></method>"
  "<method name=\"GetCapabilities\"><arg type=\"as\" direction=\"out\"/></method>"
  "</interface></node>";

static void
notify_called (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               data)
{
  GPtrArray *shown = data;

  if (g_str_equal (method, "GetCapabilities"))
    {
      const char *capabilities[] = { "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
      return;
    }

  {
    const char *summary, *body;

    g_variant_get_child (parameters, 3, "&s", &summary);
    g_variant_get_child (parameters, 4, "&s", &body);
    g_ptr_array_add (shown, g_strdup_printf ("%s / %s", summary, body));
  }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", shown->len));
}

static gboolean
has_items (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* New articles while no window is there to show them: one notification
 * for the refresh, saying how many and from how many subscriptions. */
static void
test_notification (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  GDBusInterfaceVTable vtable = { notify_called, NULL, NULL, { NULL } };
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  guint object_id, name_id;

  g_assert_nonnull (bus);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", node->interfaces[0], &vtable,
                                                 shown, NULL, NULL);
  name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          NULL, NULL, NULL, NULL);
  chronicle_test_iterate (100);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  fixture->alpha_items = 5;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "refresh", NULL);
  g_assert_true (chronicle_test_wait_until (has_items, shown, 5000));

  title = g_strdup_printf (g_dngettext (NULL, "%u New Article", "%u New Articles", 2), 2);
  body = g_strdup_printf (g_dngettext (NULL, "From %u subscription", "From %u subscriptions", 1), 1);
  expected = g_strdup_printf ("%s / %s", title, body);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, expected);
  chronicle_test_iterate (200);
  g_assert_cmpuint (shown->len, ==, 1);

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
}

/* Many subscriptions listed at once leave the sidebar at its top, with
 * the views in sight (GTK 4.18 scrolled it by a header's height). */
static gboolean
all_listed (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (chronicle_library_get_collections (fixture->library)) >= 304 &&
         !chronicle_library_get_loading (fixture->library);
}

static gboolean
scrollable (gpointer data)
{
  return gtk_adjustment_get_upper (data) > gtk_adjustment_get_page_size (data) + 100;
}

static void
test_many_keep_top (Fixture       *fixture,
                    gconstpointer  data)
{
  ChronicleSidebar *sidebar = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "sidebar");
  GtkScrollable *list = chronicle_test_get_child (sidebar, CHRONICLE_TYPE_SIDEBAR, "list_view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (list);
  g_autoptr(GString) opml = g_string_new ("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>");
  g_autoptr(GFile) file = NULL;

  for (guint folder = 0; folder < 10; folder++)
    {
      g_string_append_printf (opml, "<outline text=\"Folder %u\">", folder);
      for (guint i = 0; i < 30; i++)
        g_string_append_printf (opml, "<outline type=\"rss\" text=\"Site %u-%u\" xmlUrl=\"%s/none-%u-%u.xml\"/>",
                                folder, i, fixture->base, folder, i);
      g_string_append (opml, "</outline>");
    }
  g_string_append (opml, "</body></opml>");
  file = chronicle_test_write_file ("many.opml", opml->str);

  chronicle_window_import_opml_file (fixture->window, file);
  chronicle_test_assert_until (all_listed, fixture);
  chronicle_test_assert_until (gtk_widget_get_mapped, list);
  /* Laid out: a list view has a height for all its rows only then (slow
   * under a loaded machine, as in CI). */
  g_assert_true (chronicle_test_wait_until (scrollable, adjustment, 30000));
  chronicle_test_wait_frames (fixture->window, 3);

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
}

static gboolean
is_held (gpointer data)
{
  return ((Fixture *) data)->held != NULL;
}

static gboolean
delta_fetched (gpointer data)
{
  ChronicleCollection *delta = find_collection (data, "Delta");

  return delta != NULL && chronicle_collection_get_n_unread (delta) == 4;
}

/* Feeds imported while a refresh runs are fetched once it is done, not at
 * the next check, minutes later. */
static void
test_import_while_refreshing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *opml = g_strdup_printf ("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>"
                                           "<outline type=\"rss\" text=\"Delta\" xmlUrl=\"%s/delta.xml\"/>"
                                           "</body></opml>", fixture->base);
  g_autoptr(GFile) file = chronicle_test_write_file ("later.opml", opml);

  /* A refresh of every feed, held up by one. */
  fixture->hold_alpha = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "refresh", NULL);
  g_assert_true (chronicle_test_wait_until (is_held, fixture, 10000));

  drop_file (fixture->window, file);
  chronicle_test_iterate (500);
  g_assert_false (delta_fetched (fixture));

  serve_rss (fixture->held, fixture->base, fixture->alpha_title, fixture->alpha_items);
  soup_server_message_unpause (fixture->held);
  fixture->held = NULL;
  fixture->hold_alpha = FALSE;
  g_assert_true (chronicle_test_wait_until (delta_fetched, fixture, 10000));
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add ("/sidebar/sections-and-counts", Fixture, NULL, fixture_set_up, test_sections_and_counts,
              fixture_tear_down);
  g_test_add ("/sidebar/choose-and-mark-read", Fixture, NULL, fixture_set_up, test_choose_and_mark_read,
              fixture_tear_down);
  g_test_add ("/sidebar/failing-page", Fixture, NULL, fixture_set_up, test_failing_page, fixture_tear_down);
  g_test_add ("/sidebar/rename-and-move", Fixture, NULL, fixture_set_up, test_rename_and_move, fixture_tear_down);
  g_test_add ("/sidebar/unsubscribe-and-undo", Fixture, NULL, fixture_set_up, test_unsubscribe_and_undo,
              fixture_tear_down);
  g_test_add ("/sidebar/notification", Fixture, NULL, fixture_set_up, test_notification, fixture_tear_down);
  g_test_add ("/sidebar/many-keep-top", Fixture, NULL, fixture_set_up, test_many_keep_top, fixture_tear_down);
  g_test_add ("/sidebar/import-while-refreshing", Fixture, NULL, fixture_set_up, test_import_while_refreshing,
              fixture_tear_down);

  return g_test_run ();
}
