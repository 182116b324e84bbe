/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chronicle-date-format.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-locale.h"
#include "chronicle-store-test.h"

#include "chronicle-test-web.h"

/* Every mode of the program, run as a reader runs it, under LANG=C: one
 * parse of the options for all of them, so --language works in each, in
 * either order.  The expected words come from the catalogs in this
 * process, switched to the same language.  Latin has no glibc locale. */

static const char * const languages[] = { "de", "ja", "la" };

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *data_home;

static void
run_chronicle (Run        *run,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CHRONICLE_BINARY"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LANG", "C", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

/* The bundled collection's first timeline event, for its sentence. */
static ChronicleFeed *
bundled_feed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", "chronicle.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleFeed *feed = chronicle_feed_load_file (file, NULL, NULL);

  g_assert_nonnull (feed);
  return feed;
}

static void
test_help (void)
{
  const char * const help_languages[] = { "ru", "de", "la" };

  for (guint i = 0; i < G_N_ELEMENTS (help_languages); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *option = g_strdup_printf ("--language=%s", help_languages[i]);

      run_chronicle (&run, option, "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);

      g_assert_true (chronicle_locale_set_language (help_languages[i]));
      assert_contains (run.out, _("Show the version and exit"));
      assert_contains (run.out, _("Read news from RSS, Atom and JSON Feed files."));
      g_assert_cmpstr (_("Show the version and exit"), !=, "Show the version and exit");
      /* GLib's own words, from its catalog, where it has one. */
      if (g_str_equal (help_languages[i], "ru"))
        assert_contains (run.out, "Использование:");
    }

  chronicle_locale_set_language (NULL);
}

static void
test_export (void)
{
  g_autoptr(ChronicleFeed) feed = bundled_feed ();
  ChronicleEvent *event = g_ptr_array_index (chronicle_feed_get_events (feed), 0);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *option = g_strdup_printf ("--language=%s", languages[i]);
      g_autofree char *sentence = NULL;
      g_autofree char *english = NULL;
      g_auto(Run) csv = { 0 };
      g_auto(Run) ics = { 0 };

      chronicle_locale_set_language (NULL);
      english = chronicle_event_dup_sentence (event);
      g_assert_true (chronicle_locale_set_language (languages[i]));
      sentence = chronicle_event_dup_sentence (event);
      g_assert_cmpstr (sentence, !=, english);

      /* Options in either order. */
      run_chronicle (&csv, option, "--export-timeline=csv", NULL);
      run_chronicle (&ics, "--export-timeline=ics", option, NULL);
      g_assert_cmpint (csv.status, ==, 0);
      g_assert_cmpint (ics.status, ==, 0);
      assert_contains (csv.out, sentence);
      assert_contains (ics.out, sentence);
      g_assert_null (strstr (csv.out, english));
    }

  chronicle_locale_set_language (NULL);
}

static void
test_check (void)
{
  g_autofree char *path = g_build_filename (data_home, "quirk.json", NULL);
  const char *json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\n"
                     "  {\"id\": \"1\", \"title\": \"x\", \"content_text\": \"y\", \"tags\": \"one\"}]}";
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (bytes, diagnostics);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_assert_nonnull (feed);
  g_assert_cmpuint (diagnostics->len, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *option = g_strdup_printf ("--language=%s", languages[i]);
      g_autofree char *line = NULL;
      g_autofree char *english = NULL;
      g_auto(Run) run = { 0 };
      g_auto(Run) reversed = { 0 };

      chronicle_locale_set_language (NULL);
      english = chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, 0), path);
      g_assert_true (chronicle_locale_set_language (languages[i]));
      line = chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, 0), path);
      g_assert_cmpstr (line, !=, english);

      run_chronicle (&run, option, "--check", path, NULL);
      run_chronicle (&reversed, "--check", path, option, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpint (reversed.status, ==, 1);
      assert_contains (run.out, line);
      g_assert_cmpstr (run.out, ==, reversed.out);
    }

  chronicle_locale_set_language (NULL);
  g_unlink (path);
}

/* An Atom feed as the web has them: --export-feed writes what the window
 * reads of it, and --check says where the XML broke, in the reader's
 * language. */
static void
test_export_feed (void)
{
  g_autofree char *podcast = g_test_build_filename (G_TEST_DIST, "data", "feeds", "xml", "podcast.xml", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "expected", "podcast.xml.json", NULL);
  g_autofree char *broken = g_build_filename (data_home, "broken.atom", NULL);
  g_autofree char *expected = NULL;
  const char *atom = "<?xml version=\"1.0\"?>\n"
                     "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><id>urn:t</id>\n"
                     "<updated>2024-08-06T10:00:00Z</updated>\n"
                     "<entry><title>One</title><id>urn:1</id><updated>2024-08-06T10:00:00Z</updated></entry>\n"
                     "<entry><title>Two</titel><id>urn:2</id><updated>2024-08-06T10:00:00Z</updated></entry>\n"
                     "</feed>\n";
  g_auto(Run) export = { 0 };
  g_auto(Run) both = { 0 };

  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  run_chronicle (&export, "--export-feed", podcast, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpstr (export.out, ==, expected);
  g_assert_cmpstr (export.err, ==, "");

  run_chronicle (&both, "--export-feed", "--check", podcast, NULL);
  g_assert_cmpint (both.status, ==, 2);
  assert_contains (both.err, "--export-feed");

  g_assert_true (g_file_set_contents (broken, atom, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *option = g_strdup_printf ("--language=%s", languages[i]);
      g_autofree char *where = g_strdup_printf ("%s:5:", broken);
      g_auto(Run) check = { 0 };
      g_auto(Run) partial = { 0 };

      run_chronicle (&check, option, "--check", broken, NULL);
      g_assert_cmpint (check.status, ==, 1);
      assert_contains (check.out, where);
      assert_contains (check.out, "titel");

      /* What came before the break is still read. */
      run_chronicle (&partial, option, "--export-feed", broken, NULL);
      g_assert_cmpint (partial.status, ==, 1);
      assert_contains (partial.out, "\"title\" : \"One\"");
      assert_contains (partial.err, where);
      g_assert_cmpstr (check.out, ==, partial.err);
    }
  g_unlink (broken);
}

static void
test_window (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *option = g_strdup_printf ("--language=%s", languages[i]);
      g_autofree char *shot = g_build_filename (data_home, "shot.png", NULL);
      g_autofree char *shot_option = g_strdup_printf ("--screenshot=%s", shot);
      g_autofree char *views = NULL;
      g_autofree char *language = g_strdup_printf ("language: %s\n", languages[i]);
      g_auto(Run) run = { 0 };

      run_chronicle (&run, shot_option, "--report", option, NULL);
      g_assert_cmpint (run.status, ==, 0);

      g_assert_true (chronicle_locale_set_language (languages[i]));
      views = g_strdup_printf ("views: %s|%s\n", _("Articles"), _("Timeline"));
      assert_contains (run.out, views);
      assert_contains (run.out, language);
      g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
      g_unlink (shot);
    }

  chronicle_locale_set_language (NULL);
}

static void
write_collection (const char *path,
                  const char *prefix)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Opened\", \"items\": [");

  /* Enough stories that they enter the list over several turns. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (json, "%s{\"id\": \"%s-%u\", \"title\": \"Story %u\", \"content_text\": \"Text\","
                            " \"date_published\": \"2024-01-01T00:00:00Z\"}", i > 0 ? "," : "", prefix, i, i);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
}

/* --article waits for the library: the files given on the same command
 * line, then the collections restored from an earlier run. */
static void
test_article_waits (void)
{
  g_autofree char *path = g_build_filename (data_home, "opened.json", NULL);
  g_autofree char *shot = g_build_filename (data_home, "article.png", NULL);
  g_autofree char *shot_option = g_strdup_printf ("--screenshot=%s", shot);
  g_auto(Run) given = { 0 };
  g_auto(Run) restored = { 0 };
  g_auto(Run) missing = { 0 };

  write_collection (path, "opened");

  run_chronicle (&given, shot_option, "--report", "--article=opened-2999", path, NULL);
  g_assert_cmpint (given.status, ==, 0);
  g_assert_null (strstr (given.err, "No article"));
  assert_contains (given.out, "article: opened-2999\n");
  g_unlink (path);

  /* The file is gone; its kept copy is restored at start. */
  run_chronicle (&restored, shot_option, "--report", "--article=opened-17", NULL);
  g_assert_cmpint (restored.status, ==, 0);
  assert_contains (restored.out, "article: opened-17\n");

  run_chronicle (&missing, shot_option, "--article=nowhere", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  assert_contains (missing.err, "No article has the id “nowhere”");
  g_unlink (shot);
}

static void
test_unknown_language (void)
{
  g_auto(Run) run = { 0 };

  run_chronicle (&run, "--check", "x.json", "--language=tlh", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "Unknown language “tlh”");
  g_assert_cmpstr (run.out, ==, "");
}

#define CLI_FEED \
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Local News\", \"items\": [" \
  "{\"id\": \"1\", \"title\": \"One\", \"content_text\": \"First\"}, " \
  "{\"id\": \"2\", \"title\": \"Two\", \"content_text\": \"Second\"}, " \
  "{\"id\": \"3\", \"title\": \"Three\", \"content_text\": \"Third\"}]}"

#define CLI_PAGE \
  "<!DOCTYPE html><html><head><title>Local</title>" \
  "<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\"></head></html>"

static void
web_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  if (g_str_equal (path, "/feed.json"))
    soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_STATIC, CLI_FEED, strlen (CLI_FEED));
  else if (g_str_equal (path, "/"))
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, CLI_PAGE, strlen (CLI_PAGE));
  else if (g_str_equal (path, "/empty.xml"))
    soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC, "", 0);
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

/* --subscribe and --refresh, against the server above, in German. */
static void
test_subscribe (void)
{
  /* On a thread of its own, as this one waits for the program. */
  ChronicleTestWebThread web;
  g_autofree char *missing = NULL;
  g_autofree char *feed_url = NULL;
  g_autofree char *subscribed = NULL;
  g_autofree char *refreshed = NULL;
  g_autofree char *not_found = NULL;

  chronicle_test_web_thread_start (&web, web_handler, NULL);
  missing = g_strconcat (web.base, "/missing.xml", NULL);
  feed_url = g_strconcat (web.base, "/feed.json", NULL);
  g_assert_true (chronicle_locale_set_language ("de"));

  /* The page names its feed. */
  {
    g_auto(Run) run = { 0 };

    run_chronicle (&run, "--language=de", "--subscribe", web.base, NULL);
    g_assert_cmpint (run.status, ==, 0);
    subscribed = g_strdup_printf (g_dngettext (NULL, "Subscribed to “%1$s” (%2$s): %3$u article\n",
                                               "Subscribed to “%1$s” (%2$s): %3$u articles\n", 3),
                                  "Local News", feed_url, 3);
    g_assert_cmpstr (run.out, ==, subscribed);
    g_assert_false (g_str_has_prefix (run.out, "Subscribed"));
  }

  {
    g_auto(Run) run = { 0 };

    run_chronicle (&run, "--refresh", "--language=de", NULL);
    g_assert_cmpint (run.status, ==, 0);
    refreshed = g_strdup_printf (_("%s: no new articles\n"), "Local News");
    g_assert_cmpstr (run.out, ==, refreshed);
  }

  /* A failure: said in words, with the detail, and exit status 1. */
  {
    g_auto(Run) run = { 0 };

    run_chronicle (&run, "--language=de", "--subscribe", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    not_found = g_strdup_printf ("%s: %s", missing, _("The server answered 404: there is no feed at this address"));
    g_assert_true (g_str_has_prefix (run.err, not_found));
    assert_contains (run.err, "HTTP 404");
  }

  {
    g_auto(Run) run = { 0 };

    run_chronicle (&run, "--subscribe", feed_url, "--refresh", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* The reading list, out and back in: only what is new is added. */
  {
    g_auto(Run) exported = { 0 };
    g_auto(Run) imported = { 0 };
    g_autofree char *other = g_strconcat (web.base, "/other.json", NULL);
    g_autofree char *opml = g_strdup_printf ("<opml version=\"2.0\"><body><outline text=\"F\">"
                                             "<outline text=\"Local News\" xmlUrl=\"%s\"/>"
                                             "<outline text=\"Other\" xmlUrl=\"%s\"/></outline></body></opml>",
                                             feed_url, other);
    g_autofree char *path = g_build_filename (data_home, "list.opml", NULL);
    g_autofree char *added = NULL;
    g_autofree char *listed = g_strdup_printf ("xmlUrl=\"%s\"", feed_url);

    run_chronicle (&exported, "--export-opml", NULL);
    g_assert_cmpint (exported.status, ==, 0);
    g_assert_true (g_str_has_prefix (exported.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
    assert_contains (exported.out, listed);

    g_assert_true (g_file_set_contents (path, opml, -1, NULL));
    run_chronicle (&imported, "--language=de", "--import-opml", path, NULL);
    g_assert_cmpint (imported.status, ==, 0);
    added = g_strdup_printf (g_dngettext (NULL, "%u subscription added; it is fetched at the next refresh\n",
                                          "%u subscriptions added; they are fetched at the next refresh\n", 1), 1);
    g_assert_cmpstr (imported.out, ==, added);
  }

  chronicle_locale_set_language (NULL);
  chronicle_test_web_thread_stop (&web);
}

/* --check and --export-feed read addresses as they read files: fetched
 * as a subscription is, and named by the address in what they say. */
static void
test_check_address (void)
{
  ChronicleTestWebThread web;
  g_autofree char *feed_url = NULL;
  g_autofree char *feed_link = NULL;
  g_autofree char *missing = NULL;

  chronicle_test_web_thread_start (&web, web_handler, NULL);
  feed_url = g_strconcat (web.base, "/feed.json", NULL);
  feed_link = g_strconcat ("feed:", feed_url, NULL);
  missing = g_strconcat (web.base, "/missing.json", NULL);

  {
    g_auto(Run) run = { 0 };
    g_autofree char *valid = g_strdup_printf ("%s: valid, 3 articles, 0 timeline events\n", feed_link);

    run_chronicle (&run, "--check", "--verbose", feed_link, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, valid);
  }

  {
    g_auto(Run) run = { 0 };

    run_chronicle (&run, "--check", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, missing));
    assert_contains (run.out, "HTTP 404");
  }

  /* An empty answer is an empty file (it has no bytes at all to read). */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *empty = g_strconcat (web.base, "/empty.xml", NULL);

    run_chronicle (&run, "--check", empty, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, empty));
    assert_contains (run.out, "empty");
  }

  {
    g_auto(Run) run = { 0 };

    run_chronicle (&run, "--export-feed", feed_url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "\"title\" : \"Local News\"");
    assert_contains (run.out, "\"title\" : \"Three\"");
  }

  chronicle_test_web_thread_stop (&web);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  chronicle_locale_init ();
  g_test_init (&argc, &argv, NULL);
  data_home = g_dir_make_tmp ("chronicle-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/export-timeline", test_export);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/export-feed", test_export_feed);
  g_test_add_func ("/cli/window", test_window);
  g_test_add_func ("/cli/article-waits", test_article_waits);
  g_test_add_func ("/cli/unknown-language", test_unknown_language);
  g_test_add_func ("/cli/subscribe", test_subscribe);
  g_test_add_func ("/cli/check-address", test_check_address);

  status = g_test_run ();
  chronicle_test_remove_tree (data_home);
  g_free (data_home);
  return status;
}
