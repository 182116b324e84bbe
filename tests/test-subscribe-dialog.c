/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Subscribing through the window, as a reader does: the dialog, what it
 * says when the address has no feed, the subscription listed, and the
 * refresh the reader asks for, with its progress in the header.  The web
 * server is the test's own, on 127.0.0.1. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-collection.h"
#include "chronicle-subscribe-dialog.h"
#include "chronicle-test-utils.h"
#include "chronicle-test-web.h"

typedef struct
{
  ChronicleApplication *app;
  ChronicleWindow      *window;
  SoupServer           *server;
  char                 *base;
  guint                 n_items;    /* what /feed.json has */
  GPtrArray            *labels;     /* what the header said while refreshing */
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Fixture *fixture = data;
  g_autoptr(GString) body = NULL;

  const char *name;

  /* Two feeds, "Dialog News" and "Linked News", and a page naming both. */
  if (g_str_equal (path, "/page.html"))
    {
      static const char page[] =
        "<!DOCTYPE html><html><head><title>Both</title>"
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Dialog News\" href=\"/feed.json\">"
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Linked News\" href=\"/linked.json\">"
        "</head><body></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      return;
    }
  if (g_str_equal (path, "/feed.json"))
    name = "Dialog";
  else if (g_str_equal (path, "/linked.json"))
    name = "Linked";
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  body = g_string_new (NULL);
  g_string_append_printf (body, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"%s News\", "
                          "\"items\": [", name);
  for (guint i = 0; i < fixture->n_items; i++)
    g_string_append_printf (body, "%s{\"id\": \"%s-%u\", \"title\": \"%s article %u\", "
                            "\"content_text\": \"Text %u\"}", i > 0 ? ", " : "", name, i, name, i, i);
  g_string_append (body, "]}");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_COPY, body->str, body->len);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = chronicle_test_application_get ();
  fixture->window = chronicle_test_window_new ();
  fixture->n_items = 2;
  fixture->labels = g_ptr_array_new_with_free_func (g_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  fixture->base = chronicle_test_web_listen (fixture->server, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_ptr_array_unref (fixture->labels);
  g_free (fixture->base);
}

static gboolean
error_shown (gpointer data)
{
  return gtk_widget_get_visible (chronicle_test_get_child (data, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "error_group"));
}

static gboolean
dialog_closed (gpointer data)
{
  return adw_application_window_get_visible_dialog (data) == NULL;
}

static ChronicleCollection *
find_by_name (ChronicleLibrary *library,
              const char       *name)
{
  GListModel *collections = chronicle_library_get_collections (library);

  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (collections, i);

      if (g_strcmp0 (chronicle_collection_get_name (collection), name) == 0)
        return collection;
    }
  return NULL;
}

typedef struct
{
  ChronicleLibrary *library;
  const char       *name;
  guint             n_stories;
} Listed;

/* The feed is listed with @n_stories stories, all in the list. */
static gboolean
listed (gpointer data)
{
  Listed *expected = data;
  GListModel *stories = chronicle_library_get_stories (expected->library);
  ChronicleCollection *collection = find_by_name (expected->library, expected->name);
  guint n = 0;

  if (collection == NULL || chronicle_library_get_loading (expected->library))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, i);

      n += g_strcmp0 (chronicle_story_get_collection_id (story), chronicle_collection_get_id (collection)) == 0;
    }
  return n == expected->n_stories;
}

static void
set_address (ChronicleSubscribeDialog *dialog,
             const char               *text)
{
  gtk_editable_set_text (GTK_EDITABLE (chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "url_row")),
                         text);
}

static GtkWidget *
subscribe_button (ChronicleSubscribeDialog *dialog)
{
  return chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "subscribe_button");
}

static void
label_changed_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  Fixture    *fixture)
{
  g_ptr_array_add (fixture->labels, g_strdup (gtk_label_get_text (label)));
}

static gboolean
refreshed (gpointer data)
{
  Fixture *fixture = data;
  Listed expected = { chronicle_application_get_library (fixture->app), "Dialog News", 3 };

  return !gtk_widget_get_visible (chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "refresh_status")) &&
         listed (&expected);
}

static void
test_subscribe_through_dialog (Fixture       *fixture,
                               gconstpointer  data)
{
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  g_autofree char *missing = g_strconcat (fixture->base, "/missing", NULL);
  g_autofree char *feed = g_strconcat (fixture->base, "/feed.json", NULL);
  Listed expected = { library, "Dialog News", 2 };
  ChronicleSubscribeDialog *dialog;
  GtkLabel *error_label;
  GtkLabel *detail_label;
  GtkLabel *refresh_label;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-subscription", NULL);
  dialog = CHRONICLE_SUBSCRIBE_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_dialog_get_title (ADW_DIALOG (dialog)), ==, _("Add Subscription"));

  /* Nothing to subscribe to yet, nor with words that are no address. */
  g_assert_false (gtk_widget_get_sensitive (subscribe_button (dialog)));
  set_address (dialog, "two words");
  g_assert_false (gtk_widget_get_sensitive (subscribe_button (dialog)));

  /* An address with no feed: said in words, with the detail. */
  set_address (dialog, missing);
  g_assert_true (gtk_widget_get_sensitive (subscribe_button (dialog)));
  g_signal_emit_by_name (subscribe_button (dialog), "clicked");
  g_assert_true (chronicle_subscribe_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (subscribe_button (dialog)));
  chronicle_test_assert_until (error_shown, dialog);
  error_label = chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "error_label");
  detail_label = chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "detail_label");
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, _("The server answered 404: there is no feed at this address"));
  g_assert_nonnull (strstr (gtk_label_get_text (detail_label), "HTTP 404"));
  g_assert_true (gtk_widget_has_css_class (chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "url_row"),
                                           "error"));
  g_assert_true (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)) ==
                 ADW_DIALOG (dialog));
  /* The dialog grew to show it: the words are inside it, not scrolled
   * out of sight. */
  chronicle_test_wait_frames (dialog, 2);
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (error_label), GTK_WIDGET (dialog), &bounds));
    g_assert_cmpfloat (bounds.size.height, >, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (dialog)));
  }

  /* Typing again clears it; the feed is found, the dialog closes and the
   * articles are listed. */
  set_address (dialog, feed);
  g_assert_false (error_shown (dialog));
  g_signal_emit_by_name (subscribe_button (dialog), "clicked");
  chronicle_test_assert_until (dialog_closed, fixture->window);
  chronicle_test_assert_until (listed, &expected);

  /* A new article: the refresh the reader asks for lists it, and the
   * header says how far it has come meanwhile. */
  refresh_label = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "refresh_label");
  g_signal_connect (refresh_label, "notify::label", G_CALLBACK (label_changed_cb), fixture);
  fixture->n_items = 3;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "refresh", NULL);
  chronicle_test_assert_until (refreshed, fixture);
  g_signal_handlers_disconnect_by_func (refresh_label, label_changed_cb, fixture);
  g_assert_cmpuint (fixture->labels->len, >=, 1);
  {
    g_autofree char *first = g_strdup_printf (_("Updating %u of %u"), 1, 1);

    g_assert_cmpstr (g_ptr_array_index (fixture->labels, 0), ==, first);
  }
}

static void
test_cancel_closes (Fixture       *fixture,
                    gconstpointer  data)
{
  ChronicleSubscribeDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-subscription", NULL);
  dialog = CHRONICLE_SUBSCRIBE_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);
  set_address (dialog, "https://127.0.0.1:1/");
  g_signal_emit_by_name (subscribe_button (dialog), "clicked");
  g_assert_true (chronicle_subscribe_dialog_get_busy (dialog));

  /* Closing gives up: nothing is stored, and nothing is said after. */
  g_assert_true (adw_dialog_close (ADW_DIALOG (dialog)));
  chronicle_test_assert_until (dialog_closed, fixture->window);
  chronicle_test_iterate (100);
  g_assert_null (find_by_name (chronicle_application_get_library (fixture->app), "127.0.0.1"));
}

static gboolean
dialog_shown (gpointer data)
{
  return adw_application_window_get_visible_dialog (data) != NULL;
}

/* A feed: link handed over by a browser subscribes at once, in the
 * dialog, which closes when it is done. */
static void
test_open_feed_link (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *link = g_strconcat ("feed:", fixture->base, "/linked.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_uri (link);
  Listed expected = { chronicle_application_get_library (fixture->app), "Linked News", 2 };
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (fixture->app), files, 1, "");
  chronicle_test_assert_until (dialog_shown, fixture->window);
  chronicle_test_assert_until (dialog_closed, fixture->window);
  chronicle_test_assert_until (listed, &expected);
}

static gboolean
choices_shown (gpointer data)
{
  return gtk_widget_get_visible (chronicle_test_get_child (data, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "choices_group"));
}

static void
subscribed_title_cb (ChronicleSubscribeDialog *dialog,
                     const char               *key,
                     const char               *title,
                     char                    **out)
{
  g_free (*out);
  *out = g_strdup (title);
}

/* A page that names two feeds: both are offered, by title and kind, and
 * the one the reader picks is subscribed to. */
static void
test_choose_among_feeds (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *page = g_strconcat (fixture->base, "/page.html", NULL);
  g_autofree char *subscribed = NULL;
  ChronicleSubscribeDialog *dialog;
  GtkListBox *list;
  GtkListBoxRow *second;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-subscription", NULL);
  dialog = CHRONICLE_SUBSCRIBE_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)));
  g_signal_connect (dialog, "subscribed", G_CALLBACK (subscribed_title_cb), &subscribed);
  set_address (dialog, page);
  g_signal_emit_by_name (subscribe_button (dialog), "clicked");
  chronicle_test_assert_until (choices_shown, dialog);

  list = chronicle_test_get_child (dialog, CHRONICLE_TYPE_SUBSCRIBE_DIALOG, "choices_list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  second = gtk_list_box_get_row_at_index (list, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)), ==, "Linked News");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (second)), "JSON Feed · "));
  g_assert_true (gtk_widget_get_sensitive (subscribe_button (dialog)));

  /* Nothing was subscribed to yet; the reader picks the second. */
  g_assert_null (subscribed);
  adw_action_row_activate (ADW_ACTION_ROW (second));
  g_signal_emit_by_name (subscribe_button (dialog), "clicked");
  chronicle_test_assert_until (dialog_closed, fixture->window);
  g_assert_cmpstr (subscribed, ==, "Linked News");
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add ("/subscribe-dialog/subscribe", Fixture, NULL, fixture_set_up, test_subscribe_through_dialog,
              fixture_tear_down);
  g_test_add ("/subscribe-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel_closes, fixture_tear_down);
  g_test_add ("/subscribe-dialog/open-feed-link", Fixture, NULL, fixture_set_up, test_open_feed_link,
              fixture_tear_down);
  g_test_add ("/subscribe-dialog/choose", Fixture, NULL, fixture_set_up, test_choose_among_feeds, fixture_tear_down);

  return g_test_run ();
}
