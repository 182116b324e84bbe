/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "chronicle-article-list.h"
#include "chronicle-article-view.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-store-private.h"
#include "chronicle-test-utils.h"

/* A library stored in an earlier session is listed again in the first
 * window, however that window was made: from activation, for files
 * opened, or by a program of its own, as here.  The store used to be read
 * for the first of these only. */

#define N_STORED 3

/* What an earlier session left: one opened file of N_STORED articles,
 * the second of them read. */
static void
store_earlier_session (void)
{
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "chronicle", NULL);
  g_autofree char *path = g_build_filename (directory, CHRONICLE_STORE_FILE, NULL);
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleState) state = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
  g_autoptr(ChronicleStoredSource) source = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  store = chronicle_store_new (path);
  state = chronicle_state_new (store);

  feed->title = g_strdup ("Earlier");
  for (guint i = 0; i < N_STORED; i++)
    {
      ChronicleItem *item = chronicle_item_new ();

      item->id = g_strdup_printf ("earlier-%u", i);
      item->title = g_strdup_printf ("Stored article %u", i);
      item->content_text = g_strdup ("Kept from an earlier session.");
      item->url = g_strdup_printf ("https://earlier.example/%u", i);
      g_ptr_array_add (feed->items, item);
    }
  source = chronicle_stored_source_new ("earlier", CHRONICLE_SOURCE_FILE, "earlier.json", feed);
  g_assert_true (chronicle_store_write_sync (store, chronicle_store_put_source, source, &error));
  g_assert_no_error (error);

  chronicle_state_set_read (state, "earlier-1", TRUE);
  g_assert_true (chronicle_state_flush (state, &error));
  g_assert_no_error (error);
  chronicle_store_close (store);
}

static gboolean
restored (gpointer library)
{
  return chronicle_library_find_story (library, "earlier-2") != NULL && !chronicle_library_get_loading (library);
}

static void
test_first_window_restores (void)
{
  ChronicleApplication *app = chronicle_test_application_get ();
  ChronicleLibrary *library = chronicle_application_get_library (app);
  ChronicleWindow *window;
  ChronicleArticleList *list;

  g_assert_null (chronicle_library_find_story (library, "earlier-0"));

  window = chronicle_test_window_new ();
  list = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list");
  chronicle_test_assert_until (restored, library);

  /* Listed with the bundled story, and as the reader left them. */
  g_assert_cmpuint (chronicle_article_list_get_n_shown (list), ==, 1 + N_STORED);
  g_assert_false (chronicle_story_get_read (chronicle_library_find_story (library, "earlier-0")));
  g_assert_true (chronicle_story_get_read (chronicle_library_find_story (library, "earlier-1")));

  gtk_window_destroy (GTK_WINDOW (window));
  chronicle_test_drain ();
}

static gboolean
loaded (gpointer view)
{
  return !chronicle_article_view_get_loading (view);
}

static void
text_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
}

static gboolean
is_set (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

/* A stored article is listed without its address; once it is opened,
 * Copy Link has it. */
static void
test_stored_link (void)
{
  ChronicleApplication *app = chronicle_test_application_get ();
  ChronicleLibrary *library = chronicle_application_get_library (app);
  ChronicleWindow *window = chronicle_test_window_new ();
  ChronicleArticleView *view = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_view");
  g_autofree char *text = NULL;

  chronicle_test_assert_until (restored, library);
  chronicle_window_show_story (window, chronicle_library_find_story (library, "earlier-2"), NULL);
  chronicle_test_assert_until (loaded, view);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-link", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, text_read_cb, &text);
  chronicle_test_assert_until (is_set, &text);
  g_assert_cmpstr (text, ==, "https://earlier.example/2");

  gtk_window_destroy (GTK_WINDOW (window));
  chronicle_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);
  store_earlier_session ();

  g_test_add_func ("/restore/first-window", test_first_window_restores);
  g_test_add_func ("/restore/stored-link", test_stored_link);

  return g_test_run ();
}
