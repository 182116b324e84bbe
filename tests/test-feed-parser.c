/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "chronicle-check.h"
#include "chronicle-error.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-private.h"
#include "chronicle-feed-test.h"
#include "chronicle-item-private.h"
#include "chronicle-json-scan.h"

static ChronicleFeed *
parse_fixture (const char  *name,
               GPtrArray  **diagnostics)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleFeed *feed;

  *diagnostics = chronicle_diagnostics_new ();
  feed = chronicle_feed_load_file (file, *diagnostics, NULL);
  g_assert_nonnull (feed);
  return feed;
}

static ChronicleFeed *
parse_string (const char  *json,
              GPtrArray  **diagnostics,
              GError     **error)
{
  return chronicle_test_parse (json, strlen (json), diagnostics, error);
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
  g_assert_cmpuint (find_diagnostic (diagnostics, "author")->position.line, ==, 2);
  g_assert_cmpuint (find_diagnostic (diagnostics, "author")->position.column, ==, 12);
}

/* A version given as a number, as some publishers write it, is read with
 * a warning when the rest is a feed. */
static void
test_parse_version_number (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"1.0\", \"title\": \"T\",\n"
                  " \"items\": [{\"id\": \"1\", \"title\": \"One\", \"content_text\": \"x\"}]}", &diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "One");
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpint (find_diagnostic (diagnostics, "version")->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_cmpint (find_diagnostic (diagnostics, "version")->problem, ==, CHRONICLE_PROBLEM_VERSION_UNKNOWN);
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
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "items[0].url")), "cannot be resolved"));
  g_assert_cmpuint (find_diagnostic (diagnostics, "items[0].url")->position.line, ==, 14);
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
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "items[0].url")), "was resolved to"));
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
  g_assert_cmpuint (find_diagnostic (diagnostics, "items[0].id")->position.line, ==, 1);

  /* The member with spaces in its name is read under its real name. */
  g_assert_cmpstr (chronicle_feed_get_description (feed), ==, "❶ The largest site");
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "description  ")), "spaces"));

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
  g_assert_cmpuint (diagnostic->position.line, ==, 2);
  g_assert_cmpuint (diagnostic->position.column, ==, 54);
  g_assert_nonnull (strstr (chronicle_test_message (diagnostic), "unknown date"));

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
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "items[0].summary")), "HTML"));
  g_assert_cmpstr (chronicle_item_get_excerpt (chronicle_feed_get_item (feed, 0)), ==, "Hello there & welcome");
}

/* An item's picture leads a body without one; a body with its own
 * pictures is shown as it is. */
static void
test_parse_lead_image (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", "
                  "\"home_page_url\": \"https://example.com/\", \"items\": [\n"
                  "  {\"id\": \"a\", \"image\": \"https://example.com/lead.jpg\", \"content_html\": \"<p>Text</p>\"},\n"
                  "  {\"id\": \"b\", \"image\": \"https://example.com/lead.jpg\",\n"
                  "   \"content_html\": \"<p>Text</p><img src=\\\"own.jpg\\\">\"},\n"
                  "  {\"id\": \"c\", \"image\": \"https://example.com/lead.jpg\", \"content_text\": \"Plain\"}]}",
                  &diagnostics, &error);
  const ChronicleBlock *block;
  ChronicleDocument *document;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i += 2)
    {
      document = chronicle_item_get_document (chronicle_feed_get_item (feed, i));
      g_assert_cmpuint (chronicle_document_get_n_blocks (document), ==, 2);
      block = chronicle_document_get_block (document, 0);
      g_assert_cmpint (block->kind, ==, CHRONICLE_BLOCK_IMAGE);
      g_assert_cmpstr (chronicle_image_choose (block->image, 1, 600, NULL, NULL, NULL), ==,
                       "https://example.com/lead.jpg");
    }

  document = chronicle_item_get_document (chronicle_feed_get_item (feed, 1));
  g_assert_cmpuint (chronicle_document_get_n_blocks (document), ==, 2);
  g_assert_cmpint (chronicle_document_get_block (document, 0)->kind, ==, CHRONICLE_BLOCK_PARAGRAPH);
  block = chronicle_document_get_block (document, 1);
  g_assert_cmpstr (chronicle_image_choose (block->image, 1, 600, NULL, NULL, NULL), ==, "https://example.com/own.jpg");
}

/* The picture the list shows: the feed's own, else the first of the
 * body, else none. */
static void
test_parse_thumbnail (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed =
    parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", "
                  "\"home_page_url\": \"https://example.com/\", \"items\": [\n"
                  "  {\"id\": \"a\", \"image\": \"https://example.com/lead.jpg\", "
                  "   \"content_html\": \"<img src=\\\"own.jpg\\\">\"},\n"
                  "  {\"id\": \"b\", \"content_html\": \"<p>Text</p><img src=\\\"own.jpg\\\">\"},\n"
                  "  {\"id\": \"c\", \"content_text\": \"<img src=own.jpg>\"}]}",
                  &diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_item_get_thumbnail (chronicle_feed_get_item (feed, 0)), ==,
                   "https://example.com/lead.jpg");
  g_assert_cmpstr (chronicle_item_get_thumbnail (chronicle_feed_get_item (feed, 1)), ==,
                   "https://example.com/own.jpg");
  g_assert_null (chronicle_item_get_thumbnail (chronicle_feed_get_item (feed, 2)));
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
  g_assert_cmpuint (find_diagnostic (diagnostics, "items[1].id")->position.line, ==, 3);
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
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "_chronicle.timeline[1].kind")), "“vanished” is not a kind"));
  g_assert_cmpuint (find_diagnostic (diagnostics, "_chronicle.timeline[1].kind")->position.line, ==, 4);
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "_chronicle.timeline[2].date")), "not a date"));
  g_assert_nonnull (strstr (chronicle_test_message (find_diagnostic (diagnostics, "_chronicle.timeline[3]")), "“person”"));
}

static void
assert_same_feed (GBytes *bytes)
{
  g_autoptr(GPtrArray) part_diagnostics = chronicle_diagnostics_new ();
  g_autoptr(GPtrArray) whole_diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) parts = chronicle_feed_parse_full (bytes, TRUE, part_diagnostics);
  g_autoptr(ChronicleFeed) whole = chronicle_feed_parse_full (bytes, FALSE, whole_diagnostics);
  g_autoptr(ChronicleFeed) all = chronicle_feed_parse_preview (bytes, G_MAXUINT);
  g_autoptr(ChronicleFeed) first = chronicle_feed_parse_preview (bytes, 1);

  /* It is read in parts indeed, and a preview has the first item. */
  g_assert_nonnull (all);
  g_assert_cmpuint (chronicle_feed_get_n_items (all), ==, chronicle_feed_get_n_items (whole));
  g_assert_nonnull (first);
  g_assert_cmpuint (chronicle_feed_get_n_items (first), ==, 1);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (first, 0)), ==,
                   chronicle_item_get_id (chronicle_feed_get_item (whole, 0)));

  g_assert_nonnull (parts);
  g_assert_nonnull (whole);
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
  g_autoptr(GPtrArray) consumed_diagnostics = chronicle_diagnostics_new ();
  g_autoptr(GPtrArray) intact_diagnostics = chronicle_diagnostics_new ();
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

  a = chronicle_feed_parse_consuming (consumed, file, consumed_diagnostics);
  b = chronicle_feed_parse (intact, intact_diagnostics);

  /* The text was given back indeed: three quarters in, in the items the
   * second thread reads, it reads as zeros. */
  g_assert_cmpint (((const char *) g_bytes_get_data (consumed, NULL))[read_length / 4 * 3], ==, '\0');

  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (b != NULL)
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
   * with a syntax error in one item, which is reported from the file read
   * again. */
  for (guint broken = 0; broken < 2; broken++)
    {
      g_autoptr(GString) text = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"L\", \"items\": [");

      for (guint i = 0; i < 3000; i++)
        g_string_append_printf (text, "%s\n {\"id\": \"%u\", \"summary\": \"%s\", \"content_html\": \"<p>%u %s</p>\"%s}",
                                i > 0 ? "," : "", i % 2900, i % 1000 == 0 ? "<b>bold</b>" : "plain", i, padding,
                                broken && i == 10 ? ", \"title\": tru" : "");
      g_string_append (text, "]}");
      assert_consuming_same (text->str, text->len);
    }
}

#define FEED_11 "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": ["

/* Files that are not JSON, or not a JSON Feed: no feed, and the problem
 * that stopped the reading, at its place. */
typedef struct
{
  const char      *name;
  const char      *json;
  ChronicleProblem problem;
  const char      *message;   /* a part of the line --check prints */
  guint            line;
  guint            column;
} Malformed;

static const Malformed malformed[] = {
  { "empty", "", CHRONICLE_PROBLEM_FILE_EMPTY, "feed.json: error: the file is empty", 0, 0 },
  { "whitespace", "  \n ", CHRONICLE_PROBLEM_FILE_EMPTY, "the file is empty", 0, 0 },
  { "trailing-comma", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [],\n}", CHRONICLE_PROBLEM_TRAILING_COMMA, "feed.json:2:13: error: a comma follows the last element", 2, 13 },
  { "bad-literal", "{\n  \"a\": tru\n}", CHRONICLE_PROBLEM_EXPECTED_VALUE, "expected a value, found “tru”", 2, 8 },
  { "unclosed-array", "{\"items\": [1, 2", CHRONICLE_PROBLEM_UNEXPECTED_END, "1:16: error: the file ends in the middle of a JSON value", 1, 16 },
  { "missing-colon", "{\"version\" \"x\"}", CHRONICLE_PROBLEM_EXPECTED_COLON, "expected “:” after the member name, found “\"”", 1, 12 },
  { "missing-comma", "{\"a\": 1\n \"b\": 2}", CHRONICLE_PROBLEM_EXPECTED_OBJECT_END, "expected “,” or “}”, found “\"”", 2, 2 },
  { "bare-name", "{version: 1}", CHRONICLE_PROBLEM_EXPECTED_NAME, "expected a member name in double quotes, found “version”", 1, 2 },
  { "two-values", "{\"a\": 1} {}", CHRONICLE_PROBLEM_TRAILING_CONTENT, "then comes “{”", 1, 10 },
  { "leading-zero", "{\"a\": 01}", CHRONICLE_PROBLEM_INVALID_NUMBER, "“01” is not a JSON number", 1, 7 },
  { "raw-newline", "{\"a\": \"x\ny\"}", CHRONICLE_PROBLEM_CONTROL_CHARACTER, "control character U+000A", 1, 9 },
  { "unclosed-string", "{\"a\": \"x}", CHRONICLE_PROBLEM_UNTERMINATED_STRING, "its ending quote is missing", 1, 7 },
  { "lone-surrogate", "{\"a\": \"\\ud800\"}", CHRONICLE_PROBLEM_LONE_SURROGATE, "“\\ud800” is half of a UTF-16 surrogate pair", 1, 8 },
  { "array-root", "[1, 2, 3]", CHRONICLE_PROBLEM_ROOT_NOT_OBJECT, "its top level is an array", 1, 1 },
  { "string-root", "\"feed\"", CHRONICLE_PROBLEM_ROOT_NOT_OBJECT, "its top level is a string", 1, 1 },
  { "no-version", "{\"items\": []}", CHRONICLE_PROBLEM_NO_VERSION, "no “version”", 1, 1 },
  { "other-version", "{\"version\": \"2.0\", \"items\": []}", CHRONICLE_PROBLEM_NOT_JSON_FEED_VERSION, "“2.0” is not a jsonfeed.org version", 1, 13 },
  { "no-items", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\"}", CHRONICLE_PROBLEM_NO_ITEMS, "no “items” array", 1, 1 },
  { "items-object", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}", CHRONICLE_PROBLEM_NO_ITEMS, "no “items” array", 1, 58 },
  { "invalid-utf8", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"title\": \"caf\xe9\", \"items\": []}", CHRONICLE_PROBLEM_INVALID_UTF8, "not valid UTF-8", 2, 15 },
  { "deep", NULL, CHRONICLE_PROBLEM_TOO_DEEP, "nests arrays and objects more than 256 levels deep", 1, 257 },
};

static void
test_parse_malformed (gconstpointer data)
{
  const Malformed *test = data;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *text = NULL;
  const ChronicleDiagnostic *fatal;

  if (test->json == NULL)
    deep = g_strnfill (300, '[');

  feed = parse_string (test->json != NULL ? test->json : deep, &diagnostics, &error);

  g_assert_null (feed);
  fatal = chronicle_diagnostics_find_fatal (diagnostics);
  g_assert_nonnull (fatal);
  g_assert_cmpint (fatal->problem, ==, test->problem);
  g_assert_cmpint (fatal->severity, ==, CHRONICLE_SEVERITY_ERROR);

  text = chronicle_diagnostic_to_string (fatal, "feed.json");
  if (strstr (text, test->message) == NULL)
    g_error ("“%s” does not contain “%s”", text, test->message);

  g_assert_cmpuint (fatal->position.line, ==, test->line);
  g_assert_cmpuint (fatal->position.column, ==, test->column);
}

/* Files that bend the specification: the feed loads with what can be read,
 * and each problem is an error at its place, saying what was done. */
typedef struct
{
  const char *name;
  const char *json;
  guint       n_items;
  const char *message;   /* a part of the first error as --check prints it */
  guint       line;
  guint       column;
} ReadAround;

static const ReadAround read_around[] = {
  { "title-number", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"title\": 42, \"items\": []}", 0, "2:11: error: title: expected a string, found a number; the value is ignored", 2, 11 },
  { "item-title-number", FEED_11 "\n {\"id\": \"1\", \"content_text\": \"a\"},\n {\"id\": \"2\", \"content_text\": \"b\"},\n {\"id\": \"3\", \"content_text\": \"c\"},\n {\"id\": \"4\", \"title\": 7, \"content_text\": \"d\"}]}", 4, "items[3].title: expected a string, found a number; the value is ignored", 5, 23 },
  { "item-not-object", FEED_11 "\"x\", {\"id\": \"1\", \"title\": \"one\"}]}", 1, "items[0]: expected an object, found a string; the item is left out", 1, 73 },
  { "item-no-id", FEED_11 "{\"title\": \"x\", \"url\": \"https://example.org/x\"}]}", 1, "items[0]: the item has no “id”; its “url” is used as its id", 1, 73 },
  { "item-empty-id", FEED_11 "{\"id\": \"\", \"title\": \"x\"}]}", 1, "items[0].id: the “id” is empty; an id is made from its title, date and content", 1, 80 },
  { "item-id-object", FEED_11 "{\"id\": {}, \"title\": \"x\"}]}", 1, "items[0].id: expected a string, found an object; an id is made", 1, 80 },
  { "item-nothing", FEED_11 "{\"id\": \"1\"}, {\"id\": \"2\", \"title\": \"two\"}]}", 1, "items[0]: the item has no title, summary, content or link, so there is nothing to show; the item is left out", 1, 73 },
  { "tags-string", FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"tags\": \"news\"}]}", 1, "items[0].tags: expected an array, found a string; it is read as a list of one", 1, 107 },
  { "tag-number", FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"tags\": [\"a\", 2]}]}", 1, "items[0].tags[1]: expected a string, found a number; the value is ignored", 1, 113 },
  { "authors-object", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"authors\": {\"name\": \"x\"}, \"items\": []}", 0, "authors: expected an array, found an object; it is read as a list of one", 1, 74 },
  { "author-name-bool", FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"authors\": [{\"name\": true}]}]}", 1, "items[0].authors[0].name: expected a string, found true or false; the value is ignored", 1, 120 },
  { "date-number", FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"date_published\": 20240806}]}", 1, "items[0].date_published: expected a string, found a number", 1, 117 },
  { "extension-array", FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"_chronicle\": []}]}", 1, "items[0]._chronicle: expected an object, found an array; the value is ignored", 1, 113 },
  { "story-number", FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"_chronicle\": {\"story\": 5}}]}", 1, "items[0]._chronicle.story: expected a string, found a number", 1, 123 },
};

static void
test_parse_read_around (gconstpointer data)
{
  const ReadAround *test = data;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = parse_string (test->json, &diagnostics, &error);
  const ChronicleDiagnostic *first = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, test->n_items);

  chronicle_diagnostics_sort (diagnostics);
  for (guint i = 0; first == NULL && i < diagnostics->len; i++)
    if (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CHRONICLE_SEVERITY_ERROR)
      first = g_ptr_array_index (diagnostics, i);
  g_assert_nonnull (first);

  text = chronicle_diagnostic_to_string (first, "feed.json");
  if (strstr (text, test->message) == NULL)
    g_error ("“%s” does not contain “%s”", text, test->message);
  g_assert_cmpuint (first->position.line, ==, test->line);
  g_assert_cmpuint (first->position.column, ==, test->column);
}

/* Quirks of real feeds, as other readers' test suites have them: each
 * item that can be shown is read, and the problems come in file order. */
static void
test_parse_real_quirks (void)
{
  g_autoptr(GString) tags = g_string_new (FEED_11);
  g_autoptr(GString) no_ids = g_string_new (FEED_11);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(ChronicleFeed) second = NULL;
  guint left_out = 0;

  for (guint i = 0; i < 84; i++)
    g_string_append_printf (tags, "%s\n {\"id\": \"post-%u\", \"title\": \"Post %u\", \"content_html\": \"<p>%u</p>\", \"tags\": \"tag %u\"}",
                            i > 0 ? "," : "", i, i, i, i % 5);
  g_string_append (tags, "]}");
  feed = parse_string (tags->str, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 84);
  g_assert_cmpstrv (chronicle_item_get_tags (chronicle_feed_get_item (feed, 83)), ((const char *[]) { "tag 3", NULL }));
  g_assert_cmpuint (diagnostics->len, ==, 84);

  /* In file order once sorted, as --check and the window list them. */
  chronicle_diagnostics_sort (diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *path = g_strdup_printf ("items[%u].tags", i);

      g_assert_cmpstr (diagnostic->path, ==, path);
      g_assert_cmpuint (diagnostic->position.line, ==, i + 2);
    }

  /* Items without ids: their URL, else a hash, stable from one reading
   * to the next; an item with nothing to show is the only one left out. */
  g_string_append (no_ids, "{\"title\": \"A\", \"url\": \"https://example.org/a\"},"
                           " {\"title\": \"B\", \"content_text\": \"b\", \"date_published\": \"2024-08-06T10:00:00Z\"},"
                           " {\"title\": \"C\", \"content_text\": \"c\"}, {\"date_published\": \"2024-08-06T10:00:00Z\"}]}");
  g_clear_object (&feed);
  feed = parse_string (no_ids->str, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 3);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (feed, 0)), ==, "https://example.org/a");
  g_assert_true (g_str_has_prefix (chronicle_item_get_id (chronicle_feed_get_item (feed, 1)), "hash:"));
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (feed, 1)), !=,
                   chronicle_item_get_id (chronicle_feed_get_item (feed, 2)));
  chronicle_feed_get_n_left_out (feed, &left_out, NULL);
  g_assert_cmpuint (left_out, ==, 1);

  g_clear_pointer (&more, g_ptr_array_unref);
  second = parse_string (no_ids->str, &more, &error);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (second, 1)), ==,
                   chronicle_item_get_id (chronicle_feed_get_item (feed, 1)));
}

/* The feeds of ../shared/real-feeds, copied here, open. */
static void
test_parse_real_feeds (void)
{
  const char *names[] = { "comics-numeric-ids.json", "jsonfeed-org.json", "oswin-portfolio.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_build_filename ("real", names[i], NULL);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(ChronicleFeed) feed = parse_fixture (name, &diagnostics);

      g_assert_cmpuint (chronicle_feed_get_n_items (feed), >, 0);
      g_assert_cmpuint (chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 0);
    }
}

/* 50 000 warnings, one per item, each on its own line: placed in one pass,
 * and placed right at the first, the middle and the last. */
static void
test_place_many (void)
{
  g_autoptr(GString) text = g_string_new (FEED_11);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  const guint n = 50000;
  const guint checked[] = { 0, n / 2, n - 1 };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\n  {\"title\": \"é %u\", \"id\": %u, \"content_text\": \"x\"}", i > 0 ? "," : "", i, i);
  g_string_append (text, "\n]}");

  feed = parse_string (text->str, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, n);
  g_assert_cmpuint (diagnostics->len, ==, n);

  for (guint c = 0; c < G_N_ELEMENTS (checked); c++)
    {
      g_autofree char *path = g_strdup_printf ("items[%u].id", checked[c]);
      g_autofree char *title = g_strdup_printf ("  {\"title\": \"é %u\", \"id\": ", checked[c]);
      const ChronicleDiagnostic *diagnostic = find_diagnostic (diagnostics, path);

      g_assert_cmpint (diagnostic->problem, ==, CHRONICLE_PROBLEM_ITEM_NUMERIC_ID);
      g_assert_cmpuint (diagnostic->position.line, ==, checked[c] + 2);
      /* Counted in characters: "é" is one. */
      g_assert_cmpuint (diagnostic->position.column, ==, g_utf8_strlen (title, -1) + 1);
      g_assert_cmpstr (text->str + diagnostic->position.offset, >=, "");
      g_assert_true (g_str_has_prefix (text->str + diagnostic->position.offset, "0") ||
                     g_ascii_isdigit (text->str[diagnostic->position.offset]));
    }
}

/* Thousands of problems of one kind do not drown the others. */
static void
test_select_per_kind (void)
{
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) none = NULL;
  const ChronicleDiagnosticGroup *group;
  g_autofree char *note = NULL;

  for (guint i = 0; i < 25; i++)
    {
      ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_WARNING,
                                                                  CHRONICLE_PROBLEM_ITEM_NUMERIC_ID, NULL);
      diagnostic->position.offset = i * 10;
      g_ptr_array_add (diagnostics, diagnostic);
      if (i % 10 == 0)
        {
          diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_NO_CONTENT, NULL);
          diagnostic->position.offset = i * 10 + 1;
          g_ptr_array_add (diagnostics, diagnostic);
        }
    }

  listed = chronicle_diagnostics_select (diagnostics, CHRONICLE_DIAGNOSTICS_PER_KIND, &groups);
  g_assert_cmpuint (listed->len, ==, 23);
  g_assert_cmpuint (groups->len, ==, 1);
  group = &g_array_index (groups, ChronicleDiagnosticGroup, 0);
  g_assert_cmpuint (group->n_more, ==, 5);
  g_assert_cmpuint (group->example->position.offset, ==, 200);

  note = chronicle_diagnostic_group_to_string (group, "feed.json");
  g_assert_cmpstr (note, ==, "feed.json: note: 5 more warnings like “the “id” is a number; JSON Feed asks for a string”");

  all = chronicle_diagnostics_select (diagnostics, 0, &none);
  g_assert_cmpuint (all->len, ==, diagnostics->len);
  g_assert_cmpuint (none->len, ==, 0);
}

/* --check is stricter than the window: what json-glib reads beyond JSON
 * is an error there, at its place. */
static void
test_validate_strict (void)
{
  const struct {
    const char       *json;
    ChronicleProblem  problem;
    gsize             offset;
  } cases[] = {
    { "/* c */ {}", CHRONICLE_PROBLEM_EXPECTED_VALUE, 0 },
    { "{\"a\": 'x'}", CHRONICLE_PROBLEM_EXPECTED_VALUE, 6 },
    { "{\"a\": \"\\x\"}", CHRONICLE_PROBLEM_INVALID_ESCAPE, 7 },
    { "{\"a\": \"\x01\"}", CHRONICLE_PROBLEM_CONTROL_CHARACTER, 7 },
    { "[1, 2,]", CHRONICLE_PROBLEM_TRAILING_COMMA, 5 },
    { "{\"a\": 1.}", CHRONICLE_PROBLEM_INVALID_NUMBER, 6 },
    { "{\"a\": -}", CHRONICLE_PROBLEM_INVALID_NUMBER, 6 },
    { "{\"a\": .5}", CHRONICLE_PROBLEM_EXPECTED_VALUE, 6 },
    { "{\"a\": \"\\udc00\"}", CHRONICLE_PROBLEM_LONE_SURROGATE, 7 },
    { "{\"a\": \"\\u12\"}", CHRONICLE_PROBLEM_INVALID_ESCAPE, 7 },
    { "[", CHRONICLE_PROBLEM_UNEXPECTED_END, 1 },
    { "[] x", CHRONICLE_PROBLEM_TRAILING_CONTENT, 3 },
  };
  const char *valid[] = {
    "\xEF\xBB\xBF{}", "{\"a\": [1, -0, 1.5e+3, 2E-2, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\\/\"]}", " [ ] ", "{\"\": {}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronicleDiagnostic) problem = chronicle_json_validate (cases[i].json, strlen (cases[i].json),
                                                                        CHRONICLE_JSON_MAX_DEPTH);

      g_assert_nonnull (problem);
      if (problem->problem != cases[i].problem || problem->position.offset != cases[i].offset)
        g_error ("%s: problem %d at %zu, expected %d at %zu", cases[i].json, problem->problem,
                 problem->position.offset, cases[i].problem, cases[i].offset);
    }

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_null (chronicle_json_validate (valid[i], strlen (valid[i]), CHRONICLE_JSON_MAX_DEPTH));
}

/* The same file: opened in the window (lenient), refused by --check. */
static void
test_check_strict_exit (void)
{
  const char *json = FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"tags\": \"news\", \"content_text\": \"c\"}]}";
  const char *commented = "/* a comment */" FEED_11 "{\"id\": \"1\", \"title\": \"x\", \"content_text\": \"c\"}]}";
  const char *valid = FEED_11 "{\"id\": 1, \"title\": \"x\", \"content_text\": \"c\"}]}";
  const char *texts[] = { json, commented, valid };
  const int statuses[] = { 1, 1, 0 };
  const char *expected[] = { "f.json:1:107: error: items[0].tags: expected an array, found a string",
                             "f.json:1:1: error: expected a value, found “/”",
                             "f.json:1:80: warning: items[0].id: the “id” is a number" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("chronicle-check-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "f.json", NULL);
      const char *paths[] = { path, NULL };
      g_autofree char *report = NULL;
      g_autofree char *out_path = g_build_filename (dir, "out", NULL);
      g_autofree char *with_dir = NULL;
      FILE *out;

      g_assert_true (g_file_set_contents (path, texts[i], -1, NULL));
      out = fopen (out_path, "w+");
      g_assert_cmpint (chronicle_check_files (paths, FALSE, out), ==, statuses[i]);
      fclose (out);
      g_assert_true (g_file_get_contents (out_path, &report, NULL, NULL));
      with_dir = g_strconcat (dir, "/", expected[i], NULL);
      if (!g_str_has_prefix (report, with_dir))
        g_error ("“%s” does not start with “%s”", report, with_dir);
      g_unlink (path);
      g_unlink (out_path);
      g_rmdir (dir);
    }
}

static void
test_diagnostic_format (void)
{
  g_autoptr(ChronicleDiagnostic) diagnostic =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_WRONG_TYPE, "items[3].title");
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;

  diagnostic->expected = CHRONICLE_JSON_KIND_STRING;
  diagnostic->found = CHRONICLE_JSON_KIND_NUMBER;
  diagnostic->position.line = 12;
  diagnostic->position.column = 7;
  text = chronicle_diagnostic_to_string (diagnostic, "feed.json");
  g_assert_cmpstr (text, ==, "feed.json:12:7: error: items[3].title: expected a string, found a number");

  diagnostic->severity = CHRONICLE_SEVERITY_WARNING;
  diagnostic->remedy = CHRONICLE_REMEDY_IGNORED;
  diagnostic->position.line = 0;
  warning = chronicle_diagnostic_to_string (diagnostic, "feed.json");
  g_assert_cmpstr (warning, ==, "feed.json: warning: items[3].title: expected a string, found a number; the value is ignored");
}

static void
test_load_too_large (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) feed = NULL;
  int fd;

  /* A sparse file: large, but it costs no disk and must not be read. */
  fd = g_file_open_tmp ("chronicle-large-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, (off_t) CHRONICLE_FEED_MAX_SIZE + 1), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  feed = chronicle_feed_load_file (file, diagnostics, NULL);
  g_assert_null (feed);
  g_assert_cmpint (chronicle_diagnostics_find_fatal (diagnostics)->problem, ==, CHRONICLE_PROBLEM_FILE_TOO_LARGE);
  g_assert_nonnull (strstr (chronicle_test_message (chronicle_diagnostics_find_fatal (diagnostics)),
                            "Chronicle opens collections of up to"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed/parse/full", test_parse_full);
  g_test_add_func ("/feed/parse/version-1-author", test_parse_version_1_author);
  g_test_add_func ("/feed/parse/version-number", test_parse_version_number);
  g_test_add_func ("/feed/parse/author-in-1.1", test_parse_author_in_1_1);
  g_test_add_func ("/feed/parse/relative-urls", test_parse_relative_urls);
  g_test_add_func ("/feed/parse/relative-resolved", test_parse_relative_resolved);
  g_test_add_func ("/feed/parse/numeric-ids", test_parse_numeric_ids);
  g_test_add_func ("/feed/parse/bad-date", test_parse_bad_date);
  g_test_add_func ("/feed/parse/html-summary", test_parse_html_summary);
  g_test_add_func ("/feed/parse/lead-image", test_parse_lead_image);
  g_test_add_func ("/feed/parse/thumbnail", test_parse_thumbnail);
  g_test_add_func ("/feed/parse/duplicate-ids", test_parse_duplicate_ids);
  g_test_add_func ("/feed/parse/timeline-errors", test_parse_timeline_errors_skip_events);
  g_test_add_func ("/feed/parse/in-parts", test_parse_in_parts);
  g_test_add_func ("/feed/parse/consuming", test_parse_consuming);
  g_test_add_func ("/feed/parse/real-quirks", test_parse_real_quirks);
  g_test_add_func ("/feed/parse/real-feeds", test_parse_real_feeds);
  g_test_add_func ("/feed/diagnostic/format", test_diagnostic_format);
  g_test_add_func ("/feed/diagnostic/place-many", test_place_many);
  g_test_add_func ("/feed/diagnostic/select-per-kind", test_select_per_kind);
  g_test_add_func ("/feed/load/too-large", test_load_too_large);
  g_test_add_func ("/json/validate", test_validate_strict);
  g_test_add_func ("/check/strict", test_check_strict_exit);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/malformed/%s", malformed[i].name);
      g_test_add_data_func (path, &malformed[i], test_parse_malformed);
    }
  for (guint i = 0; i < G_N_ELEMENTS (read_around); i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/read-around/%s", read_around[i].name);
      g_test_add_data_func (path, &read_around[i], test_parse_read_around);
    }

  return g_test_run ();
}
