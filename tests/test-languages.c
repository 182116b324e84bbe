/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "chronicle-date-format.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-languages.h"
#include "chronicle-library.h"
#include "chronicle-locale.h"

extern char **environ;

/* Each of the 13 catalogs, switched to in this process, whatever the
 * process locale is: the test runs once with the system's locales and once
 * with none at all (LOCPATH pointing nowhere), under LANG=C. */

static const char * const codes[] = {
  "de", "el", "es", "fi", "fr", "id", "it", "ja", "la", "pt", "ru", "sa", "zh_CN",
};

static ChronicleEvent *
schulman_event (ChronicleFeed **feed_out)
{
  const char *json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [],"
                     " \"_chronicle\": {\"timeline\": [{\"id\": \"m\", \"date\": \"2024-08-06\","
                     " \"person\": \"John Schulman\", \"kind\": \"moved\", \"organization\": \"OpenAI\","
                     " \"to_organization\": \"Anthropic\"}]}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));

  *feed_out = chronicle_feed_parse (bytes, NULL);
  g_assert_nonnull (*feed_out);
  return g_ptr_array_index (chronicle_feed_get_events (*feed_out), 0);
}

static void
assert_translated (const char *msgid)
{
  const char *translation = _(msgid);

  if (g_str_equal (translation, msgid))
    g_error ("“%s” is not translated into %s (messages locale %s)", msgid,
             chronicle_locale_get_language (), chronicle_locale_get_messages_locale ());
  g_assert_true (g_utf8_validate (translation, -1, NULL));
}

/* The plural messages of the catalog.  A language may write two numbers
 * alike in one message ("1 Artikel", "2 Artikel"), but never tells apart
 * numbers its plural rule puts together. */
static const char * const plural_messages[][2] = {
  { "%u article found", "%u articles found" },
  { "%u event", "%u events" },
  { "%1$u of %2$u event", "%1$u of %2$u events" },
  { "Added “%2$s”, with %1$u problem", "Added “%2$s”, with %1$u problems" },
  { "%1$u more warning like “%2$s”", "%1$u more warnings like “%2$s”" },
};

/* Which of 1, 2, 5 and 21 share a plural form: 1 and 21 share one in
 * Russian, 2 stands alone in Sanskrit (the dual), and so on. */
static const char *
expected_partition (const char *code)
{
  if (g_str_equal (code, "ja") || g_str_equal (code, "zh_CN") || g_str_equal (code, "id"))
    return "aaaa";
  if (g_str_equal (code, "ru"))
    return "abca";
  if (g_str_equal (code, "sa"))
    return "abcc";
  return "abbb";
}

static void
assert_plural_forms (const char *code)
{
  const guint numbers[] = { 1, 2, 5, 21 };
  const char *expected = expected_partition (code);
  gboolean exact = FALSE;

  for (guint m = 0; m < G_N_ELEMENTS (plural_messages); m++)
    {
      const char *forms[4];
      char partition[5] = { 0 };

      for (guint i = 0; i < 4; i++)
        {
          forms[i] = ngettext (plural_messages[m][0], plural_messages[m][1], numbers[i]);
          g_assert_cmpstr (forms[i], !=, plural_messages[m][i == 0 ? 0 : 1]);
          partition[i] = 'a' + i;
          for (guint j = 0; j < i; j++)
            if (g_str_equal (forms[i], forms[j]))
              {
                partition[i] = partition[j];
                break;
              }
        }

      /* Numbers of one form are written alike. */
      for (guint i = 0; i < 4; i++)
        for (guint j = 0; j < i; j++)
          if (expected[i] == expected[j])
            g_assert_cmpstr (forms[i], ==, forms[j]);

      /* Renamed in order of appearance, as the expected partition is. */
      {
        char seen[5] = { 0 }, renamed[5] = { 0 };
        guint next = 0;

        for (guint i = 0; i < 4; i++)
          {
            char *at = strchr (seen, partition[i]);
            if (at == NULL)
              {
                seen[next] = partition[i];
                renamed[i] = 'a' + next++;
              }
            else
              renamed[i] = 'a' + (at - seen);
          }
        if (g_str_equal (renamed, expected))
          exact = TRUE;
      }
    }

  /* And at least one message shows every form apart. */
  if (!exact)
    g_error ("no plural message of %s tells its forms apart as %s does", code, expected);
}

static void
test_language (gconstpointer data)
{
  const char *code = data;
  g_autoptr(ChronicleFeed) feed = NULL;
  ChronicleEvent *event = schulman_event (&feed);
  g_autofree char *english_sentence = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *day = NULL;
  g_autofree char *month = NULL;

  g_assert_true (chronicle_locale_set_language (NULL));
  english_sentence = chronicle_event_dup_sentence (event);
  g_assert_cmpstr (english_sentence, ==, "John Schulman left OpenAI for Anthropic");
  g_assert_cmpstr (_("Open Collection"), ==, "Open Collection");

  g_assert_true (chronicle_locale_set_language (code));
  g_assert_cmpstr (chronicle_locale_get_language (), ==, code);

  /* View names, a menu item, an empty state ("Articles" is written alike in
   * French). */
  assert_translated ("Timeline");
  assert_translated ("Open Collection");
  assert_translated ("Keyboard Shortcuts");
  assert_translated ("Select an Article");
  assert_translated ("Show in Article");

  /* A timeline sentence: translated, with the names as they are. */
  sentence = chronicle_event_dup_sentence (event);
  g_assert_cmpstr (sentence, !=, english_sentence);
  g_assert_nonnull (strstr (sentence, "John Schulman"));
  g_assert_nonnull (strstr (sentence, "OpenAI"));
  g_assert_nonnull (strstr (sentence, "Anthropic"));

  /* Plural forms chosen as the language counts. */
  assert_plural_forms (code);

  /* Dates in the language, whatever LC_TIME says. */
  day = chronicle_format_day (2024, 8, 6);
  month = chronicle_format_month (2023, 11);
  g_assert_nonnull (strstr (day, "2024"));
  g_assert_nonnull (strstr (month, "2023"));
  g_assert_cmpstr (day, !=, "6 August 2024");
  if (g_str_equal (code, "de"))
    g_assert_cmpstr (day, ==, "6. August 2024");
  else if (g_str_equal (code, "ru"))
    g_assert_cmpstr (day, ==, "6 августа 2024 г.");
  else if (g_str_equal (code, "ja") || g_str_equal (code, "zh_CN"))
    {
      g_assert_cmpstr (day, ==, "2024年8月6日");
      g_assert_cmpstr (month, ==, "2023年11月");
    }

  /* Back to the system's language: English here. */
  g_assert_true (chronicle_locale_set_language (""));
  g_assert_cmpstr (_("Open Collection"), ==, "Open Collection");
}

/* Threads that read feeds with problems and word them, as GLib's own code
 * does on workers (GIO's errors), while the main thread switches. */
typedef struct
{
  GBytes   *bytes;
  gint      stop;
  guint     rounds;
} Worker;

static gpointer
translate_thread (gpointer data)
{
  Worker *worker = data;

  while (!g_atomic_int_get (&worker->stop))
    {
      g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
      g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (worker->bytes, diagnostics);

      g_assert_nonnull (feed);
      for (guint i = 0; i < diagnostics->len; i++)
        g_free (chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, i), "f.json"));
      g_assert_true (g_utf8_validate (_("Open Collection"), -1, NULL));
      worker->rounds++;
    }

  return NULL;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_nonnull (chronicle_library_add_file_finish (CHRONICLE_LIBRARY (object), result, NULL, NULL));
  *done = TRUE;
}

/* A thousand switches while files load and other threads translate: the
 * environment is the one the process started with (nothing calls setenv()
 * after start-up, which would race with getenv() on the other threads),
 * the locale is untouched, and the last language is the one in force. */
static void
test_switch_while_loading (void)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [");
  g_autofree char *dir = g_dir_make_tmp ("chronicle-switch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "feed.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) environment = g_get_environ ();
  char **environ_before = environ;
  g_autofree char *messages_locale = g_strdup (chronicle_locale_get_messages_locale ());
  g_autofree char *language_before = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *locpath_before = g_strdup (g_getenv ("LOCPATH"));
  g_autoptr(ChronicleState) state = chronicle_state_new (NULL);
  g_autoptr(ChronicleLibrary) library = chronicle_library_new (state);
  Worker worker = { 0 };
  GThread *threads[2];
  guint loads = 0;
  gboolean done = TRUE;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (json, "%s{\"id\": %u, \"title\": \"t\", \"tags\": \"x\"}", i > 0 ? "," : "", i);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  worker.bytes = g_bytes_new (json->str, json->len);

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("translate", translate_thread, &worker);

  for (guint i = 0; i < 1000; i++)
    {
      if (done)
        {
          done = FALSE;
          loads++;
          chronicle_library_add_file_async (library, file, NULL, loaded_cb, &done);
        }
      g_assert_true (chronicle_locale_set_language (i % 3 == 2 ? "" : codes[i % G_N_ELEMENTS (codes)]));
      g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, language_before);
      g_assert_cmpstr (g_getenv ("LOCPATH"), ==, locpath_before);
      g_assert_cmpstr (chronicle_locale_get_messages_locale (), ==, messages_locale);
      g_main_context_iteration (NULL, FALSE);
    }

  g_atomic_int_set (&worker.stop, TRUE);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (worker.rounds, >, 0);
  g_assert_cmpuint (loads, >, 0);
  g_assert_true (environ == environ_before);
  {
    g_auto(GStrv) after = g_get_environ ();
    g_assert_cmpstrv (after, environment);
  }
  g_assert_cmpstr (chronicle_locale_get_messages_locale (), ==, messages_locale);

  g_assert_true (chronicle_locale_set_language ("de"));
  g_assert_cmpstr (_("Open Collection"), !=, "Open Collection");
  g_assert_true (chronicle_locale_set_language (""));
  g_assert_cmpstr (_("Open Collection"), ==, "Open Collection");

  g_bytes_unref (worker.bytes);
  {
    g_autoptr(ChronicleCollection) collection = g_list_model_get_item (chronicle_library_get_collections (library), 0);
    g_autofree char *kept = g_build_filename (dir, "collections", NULL);

    g_assert_true (chronicle_library_remove_collection (library, chronicle_collection_get_id (collection)));
    g_unlink (path);
    g_rmdir (kept);
    g_rmdir (dir);
  }
}

static void
test_unknown_language (void)
{
  g_assert_false (chronicle_locale_set_language ("tlh"));
  g_assert_null (chronicle_locale_get_language ());
}

static void
test_native_names (void)
{
  g_assert_cmpstr (chronicle_language_native_name ("de"), ==, "Deutsch");
  g_assert_cmpstr (chronicle_language_native_name ("el"), ==, "Ελληνικά");
  g_assert_cmpstr (chronicle_language_native_name ("ru-RU"), ==, "Русский");
  g_assert_cmpstr (chronicle_language_native_name ("ja_JP.UTF-8"), ==, "日本語");
  g_assert_cmpstr (chronicle_language_native_name ("zh_CN"), ==, "中文（简体）");
  g_assert_cmpstr (chronicle_language_native_name ("sa"), ==, "संस्कृतम्");
  g_assert_cmpstr (chronicle_language_native_name ("la"), ==, "Latina");
  g_assert_cmpstr (chronicle_language_native_name ("fi"), ==, "Suomi");
  g_assert_cmpstr (chronicle_language_native_name ("xx"), ==, "xx");
}

int
main (int   argc,
      char *argv[])
{
  chronicle_locale_init ();

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/languages/%s", codes[i]);
      g_test_add_data_func (path, codes[i], test_language);
    }
  g_test_add_func ("/languages/unknown", test_unknown_language);
  g_test_add_func ("/languages/switch-while-loading", test_switch_while_loading);
  g_test_add_func ("/languages/native-names", test_native_names);

  return g_test_run ();
}
