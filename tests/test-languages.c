/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "chronicle-date-format.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-languages.h"
#include "chronicle-locale.h"

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
  g_autoptr(GError) error = NULL;

  *feed_out = chronicle_feed_parse (bytes, NULL, &error);
  g_assert_no_error (error);
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

static const char *
plural (guint n)
{
  return ngettext ("%u article found", "%u articles found", n);
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

  /* The window's title, view names, a menu item, an empty state. */
  assert_translated ("Articles");
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
  g_assert_cmpstr (plural (2), !=, "%u articles found");
  if (g_str_equal (code, "ja") || g_str_equal (code, "zh_CN") || g_str_equal (code, "id"))
    {
      g_assert_cmpstr (plural (1), ==, plural (2));
      g_assert_cmpstr (plural (5), ==, plural (21));
    }
  else if (g_str_equal (code, "ru"))
    {
      g_assert_cmpstr (plural (1), ==, plural (21));
      g_assert_cmpstr (plural (1), !=, plural (2));
      g_assert_cmpstr (plural (2), !=, plural (5));
    }
  else if (g_str_equal (code, "sa"))
    {
      g_assert_cmpstr (plural (1), !=, plural (2));
      g_assert_cmpstr (plural (2), !=, plural (5));
      g_assert_cmpstr (plural (5), ==, plural (21));
    }
  else
    {
      g_assert_cmpstr (plural (1), !=, plural (2));
      g_assert_cmpstr (plural (2), ==, plural (5));
      g_assert_cmpstr (plural (5), ==, plural (21));
    }

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
  const char *localedir = g_getenv ("CHRONICLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  chronicle_locale_init ();

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/languages/%s", codes[i]);
      g_test_add_data_func (path, codes[i], test_language);
    }
  g_test_add_func ("/languages/unknown", test_unknown_language);
  g_test_add_func ("/languages/native-names", test_native_names);

  return g_test_run ();
}
