/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-article-view.h"
#include "chronicle-article-list.h"
#include "chronicle-collection.h"
#include "chronicle-feed-parser.h"
#include "chronicle-library.h"
#include "chronicle-test-utils.h"

/* GNOME Shell's search, as the Shell asks it: over D-Bus, on a private bus
 * of the test's own, at the bus name and object path the installed
 * search-provider file names. */

#define BUNDLED_EN "article:tencent-2024-08-06-schulman-en"
#define SCHULMAN_MOVED "event:schulman-moved-2024-08-06"

static ChronicleApplication *app;
static GDBusConnection *shell;  /* the Shell's end */
static char *bus_name;
static char *object_path;

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  GVariant **reply = data;
  g_autoptr(GError) error = NULL;

  *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_assert_no_error (error);
}

/* The application answers on this thread's main loop: the call is made
 * as the Shell makes it, and the loop runs until the answer comes. */
static GVariant *
call (const char *method,
      GVariant   *parameters,
      const char *reply_type)
{
  GVariant *reply = NULL;

  g_dbus_connection_call (shell, bus_name, object_path, "org.gnome.Shell.SearchProvider2", method, parameters,
                          G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, call_done_cb, &reply);
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
  return reply;
}

static char **
search (const char * const *terms)
{
  g_autoptr(GVariant) reply = call ("GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  char **results;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static char **
subsearch (const char * const *previous,
           const char * const *terms)
{
  g_autoptr(GVariant) reply = call ("GetSubsearchResultSet", g_variant_new ("(^as^as)", previous, terms), "(as)");
  char **results;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static void
add_collection (void)
{
  static const char json[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Morning Gazette\", \"items\": ["
    "{\"id\": \"cafe-old\", \"title\": \"The old café reopens\", \"content_text\": \"Coffee again.\","
    " \"date_published\": \"2023-01-02T10:00:00Z\"},"
    "{\"id\": \"cafe-new\", \"title\": \"A CAFE opens by the station\", \"content_text\": \"Tea too.\","
    " \"date_published\": \"2025-03-04T10:00:00Z\"},"
    "{\"id\": \"garden\", \"title\": \"Gardens in spring\", \"content_text\": \"No coffee here.\","
    " \"date_published\": \"2025-03-05T10:00:00Z\"}]}";
  ChronicleLibrary *library = chronicle_application_get_library (app);
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (bytes, NULL);

  g_assert_nonnull (feed);
  chronicle_library_add_feed (library, "gazette", "gazette.json", feed, TRUE);
  while (chronicle_library_get_loading (library) || chronicle_library_get_n_waiting (library) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_initial (void)
{
  const char *schulman[] = { "Schulman", NULL };
  const char *cafe[] = { "CAFE", NULL };
  const char *german[] = { "Mitbegründer", NULL };
  const char *japanese[] = { "共同創業者", NULL };
  const char *two[] = { "john", "SCHULMAN", NULL };
  const char *nothing[] = { "schulman", "zanzibarquartz", NULL };
  const char *punctuation[] = { "!!", NULL };
  g_auto(GStrv) found = search (schulman);
  g_auto(GStrv) cafes = search (cafe);
  g_auto(GStrv) in_german = search (german);
  g_auto(GStrv) in_japanese = search (japanese);
  g_auto(GStrv) both = search (two);
  g_auto(GStrv) none = search (nothing);
  g_auto(GStrv) no_words = search (punctuation);

  /* The story once, in the interface's language, then the events about
   * him. */
  g_assert_cmpstr (found[0], ==, BUNDLED_EN);
  g_assert_true (g_strv_contains ((const char * const *) found, SCHULMAN_MOVED));
  g_assert_true (g_strv_contains ((const char * const *) found, "event:schulman-founded-2015-12"));
  g_assert_false (g_strv_contains ((const char * const *) found, "event:altman-dismissed-2023-11"));
  for (guint i = 1; found[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (found[i], "event:"));

  /* Accents and case do not matter; the newest article comes first. */
  g_assert_cmpuint (g_strv_length (cafes), ==, 2);
  g_assert_cmpstr (cafes[0], ==, "article:cafe-new");
  g_assert_cmpstr (cafes[1], ==, "article:cafe-old");

  /* Words of the German and the Japanese versions find the story. */
  g_assert_cmpstr (in_german[0], ==, BUNDLED_EN);
  g_assert_cmpuint (g_strv_length (in_japanese), ==, 1);
  g_assert_cmpstr (in_japanese[0], ==, BUNDLED_EN);

  /* Every word must be there. */
  g_assert_cmpstr (both[0], ==, BUNDLED_EN);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (no_words), ==, 0);
}

static void
test_subsearch (void)
{
  const char *wide[] = { "schul", NULL };
  const char *narrow[] = { "schulman", "anthropic", NULL };
  const char *cafe[] = { "caf", NULL };
  const char *station[] = { "cafe", "station", NULL };
  g_auto(GStrv) previous = search (wide);
  g_auto(GStrv) narrowed = subsearch ((const char * const *) previous, narrow);
  g_auto(GStrv) cafes = search (cafe);
  g_auto(GStrv) at_station = subsearch ((const char * const *) cafes, station);
  guint last = 0;

  /* Only what was found before, in its order. */
  g_assert_cmpuint (g_strv_length (narrowed), >, 1);
  g_assert_cmpuint (g_strv_length (narrowed), <, g_strv_length (previous));
  for (guint i = 0; narrowed[i] != NULL; i++)
    {
      guint position = 0;

      while (previous[position] != NULL && !g_str_equal (previous[position], narrowed[i]))
        position++;
      g_assert_nonnull (previous[position]);
      g_assert_true (i == 0 || position > last);
      last = position;
    }
  g_assert_cmpstr (narrowed[0], ==, BUNDLED_EN);
  g_assert_true (g_strv_contains ((const char * const *) narrowed, SCHULMAN_MOVED));

  g_assert_cmpuint (g_strv_length (at_station), ==, 1);
  g_assert_cmpstr (at_station[0], ==, "article:cafe-new");
}

static GVariant *
meta_of (GVariant   *metas,
         const char *id)
{
  for (gsize i = 0; i < g_variant_n_children (metas); i++)
    {
      g_autoptr(GVariant) meta = g_variant_get_child_value (metas, i);
      g_autoptr(GVariant) meta_id = g_variant_lookup_value (meta, "id", G_VARIANT_TYPE_STRING);

      if (g_str_equal (g_variant_get_string (meta_id, NULL), id))
        return g_steal_pointer (&meta);
    }
  g_error ("no meta for %s", id);
}

static void
test_metas (void)
{
  const char *ids[] = { BUNDLED_EN, SCHULMAN_MOVED, "article:no-such-article", NULL };
  g_autoptr(GVariant) reply = call ("GetResultMetas", g_variant_new ("(^as)", ids), "(aa{sv})");
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) article = meta_of (metas, BUNDLED_EN);
  g_autoptr(GVariant) event = meta_of (metas, SCHULMAN_MOVED);
  const char *name, *description;
  g_autoptr(GVariant) icon = NULL;
  g_autoptr(GIcon) gicon = NULL;

  /* What is gone has no meta. */
  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);

  g_assert_true (g_variant_lookup (article, "name", "&s", &name));
  g_assert_cmpstr (name, ==, "Is the personnel turmoil not over yet? OpenAI co-founder joins rival Anthropic");
  g_assert_true (g_variant_lookup (article, "description", "&s", &description));
  g_assert_cmpstr (description, ==, "Tencent Technology News · 6 August 2024");
  icon = g_variant_lookup_value (article, "icon", NULL);
  gicon = g_icon_deserialize (icon);
  g_assert_true (G_IS_THEMED_ICON (gicon));
  g_assert_cmpstr (g_themed_icon_get_names (G_THEMED_ICON (gicon))[0], ==, APP_ID "-symbolic");

  /* A feed's own icon, when it has one. */
  {
    static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    ChronicleCollection *gazette = chronicle_library_find_collection (chronicle_application_get_library (app),
                                                                      "gazette");
    g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
    const char *cafe[] = { "article:cafe-new", NULL };
    g_autoptr(GVariant) cafe_reply = NULL;
    g_autoptr(GVariant) cafe_metas = NULL;
    g_autoptr(GVariant) cafe_meta = NULL;
    g_autoptr(GVariant) cafe_icon = NULL;
    g_autoptr(GIcon) cafe_gicon = NULL;

    chronicle_collection_set_icon (gazette, bytes);
    cafe_reply = call ("GetResultMetas", g_variant_new ("(^as)", cafe), "(aa{sv})");
    cafe_metas = g_variant_get_child_value (cafe_reply, 0);
    cafe_meta = meta_of (cafe_metas, "article:cafe-new");
    cafe_icon = g_variant_lookup_value (cafe_meta, "icon", NULL);
    cafe_gicon = g_icon_deserialize (cafe_icon);
    g_assert_true (G_IS_BYTES_ICON (cafe_gicon));
    g_assert_true (g_bytes_equal (g_bytes_icon_get_bytes (G_BYTES_ICON (cafe_gicon)), bytes));
  }

  g_assert_true (g_variant_lookup (event, "name", "&s", &name));
  g_assert_true (g_str_has_prefix (name, "Timeline, "));
  g_assert_true (g_variant_lookup (event, "description", "&s", &description));
  g_assert_nonnull (strstr (description, "John Schulman"));
  g_assert_nonnull (strstr (description, "Anthropic"));
}

static ChronicleWindow *
the_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_nonnull (windows);
  return CHRONICLE_WINDOW (windows->data);
}

static void
test_activate (void)
{
  ChronicleLibrary *library = chronicle_application_get_library (app);
  const char *terms[] = { "schulman", NULL };
  const char *openai[] = { "OpenAI", "co-founder", NULL };
  g_autoptr(GVariant) shown = call ("ActivateResult", g_variant_new ("(s^asu)", BUNDLED_EN, terms, 0), "()");
  ChronicleWindow *window = the_window ();
  ChronicleArticleView *view = chronicle_window_get_article_view (window);
  AdwViewStack *views = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "stack");
  ChronicleArticleList *list = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list");
  g_autoptr(GVariant) event = NULL;
  g_autoptr(GVariant) launched = NULL;
  g_autoptr(GVariant) cafe = NULL;

  chronicle_test_assert_until (gtk_widget_get_mapped, window);
  g_assert_true (chronicle_article_view_get_story (view) ==
                 chronicle_library_find_story_by_item (library, "tencent-2024-08-06-schulman-en"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "articles");

  event = call ("ActivateResult", g_variant_new ("(s^asu)", "event:schulman-founded-2015-12", terms, 0), "()");
  g_assert_true (the_window () == window);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "timeline");

  /* Another article, from another collection. */
  cafe = call ("ActivateResult", g_variant_new ("(s^asu)", "article:cafe-old", terms, 0), "()");
  g_assert_true (chronicle_article_view_get_story (view) == chronicle_library_find_story_by_item (library, "cafe-old"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "articles");

  launched = call ("LaunchSearch", g_variant_new ("(^asu)", openai, 0), "()");
  g_assert_cmpstr (chronicle_article_list_get_search_text (list), ==, "OpenAI co-founder");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "articles");
}

/* The event asked for is in view, however far down the timeline it is. */
static gboolean
event_in_view (gpointer data)
{
  GtkScrolledWindow *scrolled = data;

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled)) > 0;
}

static void
test_event_in_view (void)
{
  const char *terms[] = { "schulman", NULL };
  g_autoptr(GVariant) reply = call ("ActivateResult", g_variant_new ("(s^asu)", "event:schulman-founded-2015-12",
                                                                      terms, 0), "()");
  ChronicleWindow *window = the_window ();
  gpointer timeline = chronicle_window_get_timeline_view (window);
  GtkScrolledWindow *scrolled = chronicle_test_get_child (timeline, G_OBJECT_TYPE (timeline), "scrolled_window");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 500);
  chronicle_test_assert_until (event_in_view, scrolled);
}

static void
read_provider_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data", APP_ID ".search-provider.ini", NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  bus_name = g_key_file_get_string (file, "Shell Search Provider", "BusName", &error);
  g_assert_no_error (error);
  object_path = g_key_file_get_string (file, "Shell Search Provider", "ObjectPath", &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GError) error = NULL;
  int status;

  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  /* Before anything connects to a session bus; GTestDBus unsets DISPLAY
   * (for D-Bus' X11 autolaunch), which the window needs. */
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  chronicle_test_init_ui (&argc, &argv);
  read_provider_file ();

  /* As D-Bus starts it for the Shell: owning its name. */
  app = chronicle_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  shell = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);
  add_collection ();

  g_test_add_func ("/search-provider/initial", test_initial);
  g_test_add_func ("/search-provider/subsearch", test_subsearch);
  g_test_add_func ("/search-provider/metas", test_metas);
  g_test_add_func ("/search-provider/activate", test_activate);
  g_test_add_func ("/search-provider/event-in-view", test_event_in_view);
  status = g_test_run ();

  /* GTK and libadwaita keep the session bus connection to the end: the
   * bus goes without waiting for it to be freed, as g_test_dbus_down()
   * would. */
  g_dbus_connection_close_sync (shell, NULL, NULL);
  g_object_unref (shell);
  g_test_dbus_stop (bus);
  return status;
}
