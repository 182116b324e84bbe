/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "chronicle-error.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"

static ChronicleFeed *
parse_fixture (const char  *name,
               GPtrArray  **diagnostics)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleFeed *feed;

  *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  feed = chronicle_feed_load_file (file, *diagnostics, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static ChronicleFeed *
parse_string (const char  *json,
              GPtrArray  **diagnostics,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  return chronicle_feed_parse (bytes, *diagnostics, error);
}

static guint
count_severity (GPtrArray         *diagnostics,
                ChronicleSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    if (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == severity)
      n++;
  return n;
}

/* The diagnostic about @path, which must exist. */
static const ChronicleDiagnostic *
find_diagnostic (GPtrArray  *diagnostics,
                 const char *path)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (diagnostic->path, path) == 0)
        return diagnostic;
    }

  g_error ("no diagnostic about %s", path);
}

static void
test_parse_full (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = parse_fixture ("full-1.1.json", &diagnostics);
  ChronicleItem *item;
  ChronicleEvent *event;
  g_autofree char *published = NULL;

  g_assert_cmpuint (count_severity (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_severity (diagnostics, CHRONICLE_SEVERITY_WARNING), ==, 0);

  g_assert_cmpstr (chronicle_feed_get_version (feed), ==, "https://jsonfeed.org/version/1.1");
  g_assert_cmpstr (chronicle_feed_get_title (feed), ==, "The Daily Example");
  g_assert_cmpstr (chronicle_feed_get_home_page_url (feed), ==, "https://example.org/");
  g_assert_cmpstr (chronicle_feed_get_feed_url (feed), ==, "https://example.org/feed.json");
  g_assert_cmpstr (chronicle_feed_get_description (feed), ==, "News from the example desk");
  g_assert_cmpstr (chronicle_feed_get_language (feed), ==, "en-GB");
  g_assert_cmpstr (chronicle_feed_get_icon (feed), ==, "https://example.org/icon.png");
  g_assert_cmpstrv (chronicle_feed_get_authors (feed), ((const char *[]) { "Example Desk", NULL }));
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 3);

  item = chronicle_feed_get_item (feed, 0);
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "story-1-en");
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "https://example.org/2024/08/story-1.html");
  g_assert_cmpstr (chronicle_item_get_external_url (item), ==, "https://elsewhere.example.com/original");
  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Story one");
  g_assert_cmpstr (chronicle_item_get_summary (item), ==, "The first story, in English.");
  g_assert_true (g_str_has_prefix (chronicle_item_get_content_html (item), "<p>First <em>"));
  g_assert_cmpstr (chronicle_item_get_content_text (item), ==, "First paragraph.\n\nSecond with a link.");
  published = g_date_time_format_iso8601 (chronicle_item_get_date_published (item));
  g_assert_cmpstr (published, ==, "2024-08-06T09:30:00+02");
  g_assert_true (chronicle_item_get_has_time (item));
  g_assert_nonnull (chronicle_item_get_date_modified (item));
  g_assert_cmpint (g_date_time_get_day_of_month (chronicle_item_get_date_modified (item)), ==, 7);
  g_assert_cmpstrv (chronicle_item_get_authors (item), ((const char *[]) { "Ada Writer", "Bo Editor", NULL }));
  g_assert_cmpstrv (chronicle_item_get_tags (item), ((const char *[]) { "technology", "people", NULL }));
  g_assert_cmpstr (chronicle_item_get_language (item), ==, "en");
  g_assert_cmpstr (chronicle_item_get_image (item), ==, "https://example.org/images/story-1.jpg");
  g_assert_cmpstr (chronicle_item_get_story (item), ==, "story-1");
  g_assert_cmpstr (chronicle_item_get_source (item), ==, "Example Wire");
  g_assert_cmpstr (chronicle_item_get_translated_from (item), ==, "de");
  g_assert_cmpstr (chronicle_item_get_link (item), ==, "https://example.org/2024/08/story-1.html");

  /* Midnight means the feed knows the day but not the time. */
  item = chronicle_feed_get_item (feed, 2);
  g_assert_false (chronicle_item_get_has_time (item));
  g_assert_null (chronicle_item_get_story (item));

  g_assert_cmpuint (chronicle_feed_get_events (feed)->len, ==, 1);
  event = g_ptr_array_index (chronicle_feed_get_events (feed), 0);
  g_assert_cmpstr (chronicle_event_get_person (event), ==, "Ada Writer");
  g_assert_cmpint (chronicle_event_get_precision (event), ==, CHRONICLE_PRECISION_MONTH);
  g_assert_cmpuint (chronicle_event_get_source (event, 0)->paragraph, ==, 1);
}

static void
test_parse_version_1_author (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = parse_fixture ("v1-author-html.json", &diagnostics);
  ChronicleItem *item;

  /* "author" is right for version 1: no warning. */
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpstrv (chronicle_feed_get_authors (feed), ((const char *[]) { "Two Authors", NULL }));
  item = chronicle_feed_get_item (feed, 0);
  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Announcing the format");
  g_assert_nonnull (strstr (chronicle_item_get_content_html (item), "<h4>Notes</h4>"));
  g_assert_true (g_str_has_prefix (chronicle_item_get_excerpt (item), "We — the authors — noticed that developers’ APIs"));
}

static void
test_parse_author_in_1_1 (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\",\n"
                  " \"author\": {\"name\": \"Old Style\"}, \"items\": []}", &diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (chronicle_feed_get_authors (feed), ((const char *[]) { "Old Style", NULL }));
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpint (find_diagnostic (diagnostics, "author")->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_cmpuint (find_diagnostic (diagnostics, "author")->line, ==, 2);
  g_assert_cmpuint (find_diagnostic (diagnostics, "author")->column, ==, 12);
}

static void
test_parse_relative_urls (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = parse_fixture ("portfolio-relative.json", &diagnostics);
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);

  /* Nothing absolute to resolve against: kept as given, with a warning. */
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "/work.html");
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "/work.html");
  g_assert_null (chronicle_feed_get_home_page_url (feed));
  g_assert_cmpint (find_diagnostic (diagnostics, "home_page_url")->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "items[0].url")->message, "cannot be resolved"));
  g_assert_cmpuint (find_diagnostic (diagnostics, "items[0].url")->line, ==, 14);
  g_assert_cmpuint (count_severity (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 0);
}

static void
test_parse_relative_resolved (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\",\n"
                  " \"home_page_url\": \"https://example.org/blog/\",\n"
                  " \"items\": [{\"id\": \"1\", \"url\": \"/posts/1.html\", \"image\": \"img/a.png\", \"content_text\": \"x\"}]}",
                  &diagnostics, &error);
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);

  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "https://example.org/posts/1.html");
  g_assert_cmpstr (chronicle_item_get_image (item), ==, "https://example.org/blog/img/a.png");
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "items[0].url")->message, "was resolved to"));
}

static void
test_parse_numeric_ids (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = parse_fixture ("numeric-ids.json", &diagnostics);
  ChronicleItem *item;

  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 2);
  item = chronicle_feed_get_item (feed, 0);
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "93218");
  g_assert_cmpint (find_diagnostic (diagnostics, "items[0].id")->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_cmpuint (find_diagnostic (diagnostics, "items[0].id")->line, ==, 1);

  /* The member with spaces in its name is read under its real name. */
  g_assert_cmpstr (chronicle_feed_get_description (feed), ==, "❶ The largest site");
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "description  ")->message, "spaces"));

  /* Summaries keep their line breaks but the list shows one line. */
  item = chronicle_feed_get_item (feed, 1);
  g_assert_nonnull (strstr (chronicle_item_get_summary (item), "missing,\r\nan"));
  g_assert_cmpstr (chronicle_item_get_excerpt (item), ==,
                   "After a transient goes missing, an investigator is called in.\\nWhat he finds...");
}

static void
test_parse_bad_date (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\n"
                  "  {\"id\": \"a\", \"content_text\": \"x\", \"date_published\": \"last Tuesday\"},\n"
                  "  {\"id\": \"b\", \"content_text\": \"y\", \"date_published\": \"2024-02-30T10:00:00Z\"},\n"
                  "  {\"id\": \"c\", \"content_text\": \"z\", \"date_published\": \"2024-03-01\"}]}",
                  &diagnostics, &error);
  const ChronicleDiagnostic *diagnostic;

  /* Kept, with an unknown date, and reported at the date's position. */
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 3);
  g_assert_null (chronicle_item_get_date_published (chronicle_feed_get_item (feed, 0)));
  g_assert_null (chronicle_item_get_date_published (chronicle_feed_get_item (feed, 1)));
  diagnostic = find_diagnostic (diagnostics, "items[0].date_published");
  g_assert_cmpint (diagnostic->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_cmpuint (diagnostic->line, ==, 2);
  g_assert_cmpuint (diagnostic->column, ==, 54);
  g_assert_nonnull (strstr (diagnostic->message, "unknown date"));

  /* A bare day is read as that day. */
  g_assert_cmpint (g_date_time_get_day_of_month (chronicle_item_get_date_published (chronicle_feed_get_item (feed, 2))), ==, 1);
  g_assert_false (chronicle_item_get_has_time (chronicle_feed_get_item (feed, 2)));
}

static void
test_parse_html_summary (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\n"
                  "  {\"id\": \"a\", \"content_text\": \"x\", \"summary\": \"<p>Hello <b>there</b> &amp; welcome</p>\"}]}",
                  &diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "items[0].summary")->message, "HTML"));
  g_assert_cmpstr (chronicle_item_get_excerpt (chronicle_feed_get_item (feed, 0)), ==, "Hello there & welcome");
}

static void
test_parse_duplicate_ids (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\n"
                  "  {\"id\": \"a\", \"content_text\": \"first\"},\n"
                  "  {\"id\": \"a\", \"content_text\": \"second\"},\n"
                  "  {\"id\": \"a\", \"content_text\": \"third\"}]}",
                  &diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (chronicle_item_get_content_text (chronicle_feed_get_item (feed, 0)), ==, "first");
  g_assert_cmpuint (find_diagnostic (diagnostics, "items[1].id")->line, ==, 3);
}

static void
test_parse_timeline_errors_skip_events (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [],\n"
                  " \"_chronicle\": {\"timeline\": [\n"
                  "  {\"id\": \"ok\", \"date\": \"2024\", \"person\": \"A\", \"kind\": \"left\", \"organization\": \"O\"},\n"
                  "  {\"id\": \"bad-kind\", \"date\": \"2024\", \"person\": \"B\", \"kind\": \"vanished\", \"organization\": \"O\"},\n"
                  "  {\"id\": \"bad-date\", \"date\": \"2024-13\", \"person\": \"C\", \"kind\": \"left\", \"organization\": \"O\"},\n"
                  "  {\"id\": \"no-person\", \"date\": \"2024\", \"kind\": \"left\", \"organization\": \"O\"}]}}",
                  &diagnostics, &error);

  /* The feed loads; only the bad events are left out, each reported. */
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpuint (chronicle_feed_get_events (feed)->len, ==, 1);
  g_assert_cmpuint (count_severity (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 3);
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "_chronicle.timeline[1].kind")->message, "“vanished” is not a kind"));
  g_assert_cmpuint (find_diagnostic (diagnostics, "_chronicle.timeline[1].kind")->line, ==, 4);
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "_chronicle.timeline[2].date")->message, "not a date"));
  g_assert_nonnull (strstr (find_diagnostic (diagnostics, "_chronicle.timeline[3]")->message, "“person”"));
}

static void
assert_same_feed (GBytes *bytes)
{
  g_autoptr(GPtrArray) part_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  g_autoptr(GPtrArray) whole_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) parts = chronicle_feed_parse_full (bytes, TRUE, part_diagnostics, &error);
  g_autoptr(ChronicleFeed) whole = chronicle_feed_parse_full (bytes, FALSE, whole_diagnostics, &error);
  g_autoptr(ChronicleFeed) all = chronicle_feed_parse_preview (bytes, G_MAXUINT);
  g_autoptr(ChronicleFeed) first = chronicle_feed_parse_preview (bytes, 1);

  /* It is read in parts indeed, and a preview has the first item. */
  g_assert_nonnull (all);
  g_assert_cmpuint (chronicle_feed_get_n_items (all), ==, chronicle_feed_get_n_items (whole));
  g_assert_nonnull (first);
  g_assert_cmpuint (chronicle_feed_get_n_items (first), ==, 1);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (first, 0)), ==,
                   chronicle_item_get_id (chronicle_feed_get_item (whole, 0)));

  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_feed_get_title (parts), ==, chronicle_feed_get_title (whole));
  g_assert_cmpuint (chronicle_feed_get_n_items (parts), ==, chronicle_feed_get_n_items (whole));
  for (guint i = 0; i < chronicle_feed_get_n_items (whole); i++)
    {
      ChronicleItem *a = chronicle_feed_get_item (parts, i);
      ChronicleItem *b = chronicle_feed_get_item (whole, i);

      g_assert_cmpstr (chronicle_item_get_id (a), ==, chronicle_item_get_id (b));
      g_assert_cmpstr (chronicle_item_get_title (a), ==, chronicle_item_get_title (b));
      g_assert_cmpstr (chronicle_item_get_content_html (a), ==, chronicle_item_get_content_html (b));
      g_assert_cmpstr (chronicle_item_get_content_text (a), ==, chronicle_item_get_content_text (b));
      g_assert_cmpstr (chronicle_item_get_language (a), ==, chronicle_item_get_language (b));
      g_assert_cmpstr (a->base_url, ==, b->base_url);
      g_assert_true ((chronicle_item_get_date_published (a) == NULL && chronicle_item_get_date_published (b) == NULL) ||
                     g_date_time_equal (chronicle_item_get_date_published (a), chronicle_item_get_date_published (b)));
    }
  g_assert_cmpuint (chronicle_feed_get_events (parts)->len, ==, chronicle_feed_get_events (whole)->len);

  /* The same problems, in the same order, at the same places. */
  g_assert_cmpuint (part_diagnostics->len, ==, whole_diagnostics->len);
  for (guint i = 0; i < whole_diagnostics->len; i++)
    {
      g_autofree char *a = chronicle_diagnostic_to_string (g_ptr_array_index (part_diagnostics, i), "f");
      g_autofree char *b = chronicle_diagnostic_to_string (g_ptr_array_index (whole_diagnostics, i), "f");

      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_parse_in_parts (void)
{
  const char *fixtures[] = { "full-1.1.json", "numeric-ids.json", "portfolio-relative.json", "v1-author-html.json" };
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", "chronicle.json", NULL);
  g_autoptr(GString) large = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"L\", \"items\": [");
  g_autoptr(GBytes) large_bytes = NULL;
  g_autoptr(GBytes) bundled_bytes = NULL;
  char *contents;
  gsize length;

  /* Read in parts or as one tree, a file gives the same feed and the same
   * warnings: the fixtures, the bundled collection, and 3000 items (read on
   * two threads) with duplicates, HTML summaries and members after the
   * items. */
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", fixtures[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bytes = g_bytes_new_take (contents, length);
      assert_same_feed (bytes);
    }

  g_assert_true (g_file_get_contents (bundled, &contents, &length, NULL));
  bundled_bytes = g_bytes_new_take (contents, length);
  assert_same_feed (bundled_bytes);

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (large, "%s\n {\"id\": \"%u\", \"summary\": \"%s\", \"content_html\": \"<p>\\\"%u\\\"</p>\"}",
                            i > 0 ? "," : "", i % 2900, i % 1000 == 0 ? "<b>bold</b>" : "plain", i);
  g_string_append (large, "],\n \"home_page_url\": \"https://example.com/\", \"language\": \"de\"}");
  large_bytes = g_string_free_to_bytes (g_steal_pointer (&large));
  assert_same_feed (large_bytes);
}

/* Parses @text written to a file both ways: consuming bytes read from the
 * file, and the usual way; both give the same items and problems. */
static void
assert_consuming_same (const char *text,
                       gsize       length)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) consumed = NULL;
  g_autoptr(GBytes) intact = g_bytes_new (text, length);
  g_autoptr(GPtrArray) consumed_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  g_autoptr(GPtrArray) intact_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  g_autoptr(GError) consumed_error = NULL;
  g_autoptr(GError) intact_error = NULL;
  g_autoptr(ChronicleFeed) a = NULL;
  g_autoptr(ChronicleFeed) b = NULL;
  int fd = g_file_open_tmp ("chronicle-consuming-XXXXXX.json", &path, NULL);
  char *contents;
  gsize read_length;

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, text, length, NULL));
  file = g_file_new_for_path (path);
  g_assert_true (g_file_get_contents (path, &contents, &read_length, NULL));
  consumed = g_bytes_new_take (contents, read_length);

  a = chronicle_feed_parse_consuming (consumed, file, consumed_diagnostics, &consumed_error);
  b = chronicle_feed_parse (intact, intact_diagnostics, &intact_error);

  /* The text was given back indeed: three quarters in, in the items the
   * second thread reads, it reads as zeros. */
  g_assert_cmpint (((const char *) g_bytes_get_data (consumed, NULL))[read_length / 4 * 3], ==, '\0');

  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (b == NULL)
    g_assert_cmpstr (consumed_error->message, ==, intact_error->message);
  else
    {
      g_assert_cmpuint (chronicle_feed_get_n_items (a), ==, chronicle_feed_get_n_items (b));
      for (guint i = 0; i < chronicle_feed_get_n_items (b); i++)
        g_assert_cmpstr (chronicle_item_get_content_html (chronicle_feed_get_item (a, i)), ==,
                         chronicle_item_get_content_html (chronicle_feed_get_item (b, i)));
    }

  g_assert_cmpuint (consumed_diagnostics->len, ==, intact_diagnostics->len);
  g_assert_cmpuint (intact_diagnostics->len, >, 0);
  for (guint i = 0; i < intact_diagnostics->len; i++)
    {
      g_autofree char *x = chronicle_diagnostic_to_string (g_ptr_array_index (consumed_diagnostics, i), "f");
      g_autofree char *y = chronicle_diagnostic_to_string (g_ptr_array_index (intact_diagnostics, i), "f");

      g_assert_cmpstr (x, ==, y);
    }

  g_unlink (path);
}

static void
test_parse_consuming (void)
{
  g_autofree char *padding = g_strnfill (1500, 'x');

  /* 3000 items of about 1.6 kB, with warnings (repeated ids, HTML in
   * summaries) that are placed by reading the file again; then the same
   * with an error in one item, which is reported from the file read
   * again. */
  for (guint broken = 0; broken < 2; broken++)
    {
      g_autoptr(GString) text = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"L\", \"items\": [");

      for (guint i = 0; i < 3000; i++)
        g_string_append_printf (text, "%s\n {\"id\": \"%u\", \"summary\": \"%s\", \"content_html\": \"<p>%u %s</p>\"%s}",
                                i > 0 ? "," : "", i % 2900, i % 1000 == 0 ? "<b>bold</b>" : "plain", i, padding,
                                broken && i == 10 ? ", \"title\": 7" : "");
      g_string_append (text, "]}");
      assert_consuming_same (text->str, text->len);
    }
}

typedef struct
{
  const char *name;
  const char *json;
  int         code;
  const char *message;   /* a part of the message */
  guint       line;
  guint       column;
} Malformed;

static const Malformed malformed[] = {
  { "empty", "", CHRONICLE_ERROR_SYNTAX, "the file is empty", 1, 1 },
  { "whitespace", "  \n ", CHRONICLE_ERROR_SYNTAX, "the file is empty", 1, 1 },
  { "trailing-comma", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [],\n}", CHRONICLE_ERROR_SYNTAX, "2:13: error: unexpected character", 2, 13 },
  { "bad-literal", "{\n  \"a\": tru\n}", CHRONICLE_ERROR_SYNTAX, "unexpected identifier", 2, 10 },
  { "unclosed-array", "{\"items\": [1, 2", CHRONICLE_ERROR_SYNTAX, "1:15: error:", 1, 15 },
  { "array-root", "[1, 2, 3]", CHRONICLE_ERROR_NOT_A_FEED, "its top level is an array", 1, 1 },
  { "string-root", "\"feed\"", CHRONICLE_ERROR_NOT_A_FEED, "its top level is a string", 1, 1 },
  { "no-version", "{\"items\": []}", CHRONICLE_ERROR_NOT_A_FEED, "no “version”", 1, 1 },
  { "other-version", "{\"version\": \"2.0\", \"items\": []}", CHRONICLE_ERROR_NOT_A_FEED, "“2.0” is not a jsonfeed.org version", 1, 1 },
  { "no-items", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\"}", CHRONICLE_ERROR_NOT_A_FEED, "no “items” array", 1, 1 },
  { "items-object", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}", CHRONICLE_ERROR_NOT_A_FEED, "no “items” array", 1, 1 },
  { "title-number", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"title\": 42, \"items\": []}", CHRONICLE_ERROR_INVALID, "title: expected a string, found a number", 2, 11 },
  { "item-title-number", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\n {\"id\": \"1\"},\n {\"id\": \"2\"},\n {\"id\": \"3\"},\n {\"id\": \"4\", \"title\": 7}]}", CHRONICLE_ERROR_INVALID, "items[3].title: expected a string, found a number", 5, 23 },
  { "item-not-object", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\"x\"]}", CHRONICLE_ERROR_INVALID, "items[0]: expected an object, found a string", 1, 73 },
  { "item-no-id", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"title\": \"x\"}]}", CHRONICLE_ERROR_INVALID, "items[0]: the item has no “id”", 1, 73 },
  { "item-empty-id", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"\"}]}", CHRONICLE_ERROR_INVALID, "items[0].id: the “id” is empty", 1, 80 },
  { "item-id-object", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": {}}]}", CHRONICLE_ERROR_INVALID, "items[0].id: expected a string, found an object", 1, 80 },
  { "tags-string", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"tags\": \"news\"}]}", CHRONICLE_ERROR_INVALID, "items[0].tags: expected an array, found a string", 1, 93 },
  { "tag-number", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"tags\": [\"a\", 2]}]}", CHRONICLE_ERROR_INVALID, "items[0].tags[1]: expected a string, found a number", 1, 99 },
  { "authors-object", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"authors\": {\"name\": \"x\"}, \"items\": []}", CHRONICLE_ERROR_INVALID, "authors: expected an array, found an object", 1, 74 },
  { "author-name-bool", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"authors\": [{\"name\": true}]}]}", CHRONICLE_ERROR_INVALID, "items[0].authors[0].name: expected a string, found true or false", 1, 106 },
  { "date-number", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"date_published\": 20240806}]}", CHRONICLE_ERROR_INVALID, "items[0].date_published: expected a string, found a number", 1, 103 },
  { "extension-array", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"_chronicle\": []}]}", CHRONICLE_ERROR_INVALID, "items[0]._chronicle: expected an object, found an array", 1, 99 },
  { "story-number", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"_chronicle\": {\"story\": 5}}]}", CHRONICLE_ERROR_INVALID, "items[0]._chronicle.story: expected a string, found a number", 1, 109 },
  { "invalid-utf8", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"title\": \"caf\xe9\", \"items\": []}", CHRONICLE_ERROR_ENCODING, "not valid UTF-8", 2, 15 },
  { "deep", NULL, CHRONICLE_ERROR_TOO_DEEP, "nests arrays and objects more than 256 levels deep", 1, 257 },
};

static void
test_parse_malformed (gconstpointer data)
{
  const Malformed *test = data;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autofree char *deep = NULL;
  const ChronicleDiagnostic *first;

  if (test->json == NULL)
    deep = g_strnfill (300, '[');

  feed = parse_string (test->json != NULL ? test->json : deep, &diagnostics, &error);

  g_assert_null (feed);
  g_assert_error (error, CHRONICLE_ERROR, test->code);
  /* The first error; warnings may come before it. */
  first = NULL;
  for (guint i = 0; first == NULL && i < diagnostics->len; i++)
    if (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CHRONICLE_SEVERITY_ERROR)
      first = g_ptr_array_index (diagnostics, i);
  g_assert_nonnull (first);

  {
    g_autofree char *text = chronicle_diagnostic_to_string (first, "feed.json");

    if (strstr (text, test->message) == NULL)
      g_error ("“%s” does not contain “%s”", text, test->message);
  }

  g_assert_cmpuint (first->line, ==, test->line);
  g_assert_cmpuint (first->column, ==, test->column);
  /* The error shown in the window says where, too, when the problem is
   * at a place rather than the whole file. */
  if (test->line > 1 || test->column > 1)
    {
      g_autofree char *position = g_strdup_printf ("%u:%u", test->line, test->column);
      g_assert_nonnull (strstr (error->message, position));
    }
}

static void
test_diagnostic_format (void)
{
  g_autoptr(ChronicleDiagnostic) diagnostic =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, "items[3].title", "expected a string, found a number");
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;

  diagnostic->line = 12;
  diagnostic->column = 7;
  text = chronicle_diagnostic_to_string (diagnostic, "feed.json");
  g_assert_cmpstr (text, ==, "feed.json:12:7: error: items[3].title: expected a string, found a number");

  diagnostic->severity = CHRONICLE_SEVERITY_WARNING;
  diagnostic->line = 0;
  warning = chronicle_diagnostic_to_string (diagnostic, "feed.json");
  g_assert_cmpstr (warning, ==, "feed.json: warning: items[3].title: expected a string, found a number");
}

static void
test_load_too_large (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  g_autoptr(ChronicleFeed) feed = NULL;
  int fd;

  /* A sparse file: large, but it costs no disk and must not be read. */
  fd = g_file_open_tmp ("chronicle-large-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, (off_t) CHRONICLE_FEED_MAX_SIZE + 1), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  feed = chronicle_feed_load_file (file, diagnostics, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Chronicle opens collections of up to"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed/parse/full", test_parse_full);
  g_test_add_func ("/feed/parse/version-1-author", test_parse_version_1_author);
  g_test_add_func ("/feed/parse/author-in-1.1", test_parse_author_in_1_1);
  g_test_add_func ("/feed/parse/relative-urls", test_parse_relative_urls);
  g_test_add_func ("/feed/parse/relative-resolved", test_parse_relative_resolved);
  g_test_add_func ("/feed/parse/numeric-ids", test_parse_numeric_ids);
  g_test_add_func ("/feed/parse/bad-date", test_parse_bad_date);
  g_test_add_func ("/feed/parse/html-summary", test_parse_html_summary);
  g_test_add_func ("/feed/parse/duplicate-ids", test_parse_duplicate_ids);
  g_test_add_func ("/feed/parse/timeline-errors", test_parse_timeline_errors_skip_events);
  g_test_add_func ("/feed/parse/in-parts", test_parse_in_parts);
  g_test_add_func ("/feed/parse/consuming", test_parse_consuming);
  g_test_add_func ("/feed/diagnostic/format", test_diagnostic_format);
  g_test_add_func ("/feed/load/too-large", test_load_too_large);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/malformed/%s", malformed[i].name);
      g_test_add_data_func (path, &malformed[i], test_parse_malformed);
    }

  return g_test_run ();
}
