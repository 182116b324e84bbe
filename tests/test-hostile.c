/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "chronicle-document.h"
#include "chronicle-error.h"
#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-test.h"
#include "chronicle-file-bytes.h"
#include "chronicle-legacy.h"
#include "chronicle-uri.h"

/* Files come from anywhere.  Each trap here must be refused or read with a
 * clear message, never crash, hang, or take unbounded memory or time. */

#define FEED_START "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": ["

#define parse chronicle_test_parse

static const ChronicleDiagnostic *
first_error (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CHRONICLE_SEVERITY_ERROR)
      return g_ptr_array_index (diagnostics, i);

  g_error ("no error was reported");
}

static void
test_deep_json (void)
{
  g_autoptr(GString) json = g_string_new (FEED_START "{\"id\": \"x\", \"_chronicle\": ");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  const ChronicleDiagnostic *diagnostic;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');

  feed = parse (json->str, json->len, &diagnostics, &error);
  g_assert_null (feed);
  g_assert_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_DEEP);
  diagnostic = first_error (diagnostics);
  g_assert_nonnull (strstr (chronicle_test_message (diagnostic), "nests arrays and objects more than 256 levels deep"));
  g_assert_cmpuint (diagnostic->position.line, ==, 1);
  /* At the bracket that goes one level too deep. */
  g_assert_cmpuint (diagnostic->position.column, ==, strlen (FEED_START "{\"id\": \"x\", \"_chronicle\": ") + 254);
}

static void
test_invalid_utf8_position (void)
{
  const char json[] = FEED_START "\n {\"id\": \"x\", \"title\": \"Caf\xc3\xa9 \xff\"}]}";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = parse (json, sizeof json - 1, &diagnostics, &error);
  const ChronicleDiagnostic *diagnostic;

  g_assert_null (feed);
  g_assert_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_ENCODING);
  diagnostic = first_error (diagnostics);
  g_assert_cmpuint (diagnostic->position.line, ==, 2);
  /* Columns count characters: "é" is one. */
  g_assert_cmpuint (diagnostic->position.column, ==, 29);
}

static void
test_nul_bytes (void)
{
  const char raw[] = FEED_START "{\"id\": \"x\", \"title\": \"a\0b\"}]}";
  const char escaped[] = FEED_START "{\"id\": \"x\", \"title\": \"a\\u0000b\", \"content_text\": \"c\"}]}";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) refused = parse (raw, sizeof raw - 1, &diagnostics, &error);
  g_autoptr(ChronicleFeed) feed = NULL;

  /* A NUL byte in the file is refused, with its place. */
  g_assert_null (refused);
  g_assert_nonnull (strstr (chronicle_test_message (first_error (diagnostics)), "NUL byte"));
  g_assert_cmpuint (first_error (diagnostics)->position.column, ==, strlen (FEED_START "{\"id\": \"x\", \"title\": \"a") + 1);

  /* An escaped NUL is valid JSON: the string ends there, harmlessly. */
  g_clear_error (&error);
  feed = parse (escaped, sizeof escaped - 1, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "a");
}

static void
test_huge_strings (void)
{
  gsize size = 40 * 1024 * 1024;
  g_autoptr(GString) json = g_string_sized_new (size + 200);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  ChronicleItem *item;

  g_string_append (json, FEED_START "{\"id\": \"x\", \"title\": \"");
  for (gsize i = 0; i < size / 8; i++)
    g_string_append (json, "Schulman");
  g_string_append (json, "\", \"content_html\": \"<p>short</p>\"}]}");

  feed = parse (json->str, json->len, &diagnostics, &error);
  g_assert_no_error (error);
  item = chronicle_feed_get_item (feed, 0);
  g_assert_cmpuint (strlen (chronicle_item_get_title (item)), ==, size);
  /* The list shows a bounded excerpt of it. */
  g_assert_cmpuint (g_utf8_strlen (chronicle_item_get_excerpt (item), -1), <=, 120);
}

static void
test_types_swapped (void)
{
  const char json[] = FEED_START "{\"id\": [1], \"title\": {\"a\": 1}, \"url\": 5, \"tags\": [true]}]}";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = parse (json, sizeof json - 1, &diagnostics, &error);
  guint errors = 0, left_out = 0;

  /* Every wrong type is reported and ignored, each at its place; with
   * nothing left to show, the item is left out, and the feed loads. */
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 0);
  chronicle_feed_get_n_left_out (feed, &left_out, NULL);
  g_assert_cmpuint (left_out, ==, 1);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity != CHRONICLE_SEVERITY_ERROR)
        continue;
      errors++;
      g_assert_cmpuint (diagnostic->position.line, ==, 1);
      g_assert_cmpuint (diagnostic->position.column, >, strlen (FEED_START));
    }
  g_assert_cmpuint (errors, ==, 4);
}

static void
test_two_roots (void)
{
  /* Found by fuzzing: made json-glib abort with an immutable parser. */
  const char *inputs[] = {
    "\"_chronicle\"{\n \n  \n}\n",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []} {\"a\": 1}",
    "[] []",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronicleFeed) feed = parse (inputs[i], strlen (inputs[i]), &diagnostics, &error);
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GPtrArray) collections = NULL;

      g_assert_null (feed);
      g_assert_nonnull (error);
      g_assert_cmpuint (first_error (diagnostics)->position.line, >=, 1);
      g_assert_false (chronicle_legacy_parse_state (inputs[i], strlen (inputs[i]), &rows, &collections, NULL));
    }
}

static void
test_duplicate_ids (void)
{
  const char json[] = FEED_START "{\"id\": \"a\", \"content_text\": \"1\"}, {\"id\": \"a\", \"content_text\": \"2\"},"
                      "{\"id\": \"a\", \"content_text\": \"3\"}, {\"id\": \"b\", \"content_text\": \"4\"}],"
                      "\"_chronicle\": {\"timeline\": ["
                      "{\"id\": \"e\", \"date\": \"2024\", \"person\": \"P\", \"kind\": \"left\", \"organization\": \"O\"},"
                      "{\"id\": \"e\", \"date\": \"2023\", \"person\": \"Q\", \"kind\": \"left\", \"organization\": \"O\"},"
                      "{\"id\": \"e\", \"date\": \"2022\", \"person\": \"R\", \"kind\": \"left\", \"organization\": \"O\"}]}}";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = parse (json, sizeof json - 1, &diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 2);
  g_assert_cmpuint (chronicle_feed_get_events (feed)->len, ==, 1);
  g_assert_cmpstr (chronicle_event_get_person (g_ptr_array_index (chronicle_feed_get_events (feed), 0)), ==, "P");
}

static void
test_dates_out_of_range (void)
{
  const char json[] = FEED_START "{\"id\": \"a\", \"content_text\": \"x\", \"date_published\": \"99999-01-01T00:00:00Z\"},"
                      "{\"id\": \"b\", \"content_text\": \"x\", \"date_published\": \"0000-00-00T00:00:00Z\"},"
                      "{\"id\": \"c\", \"content_text\": \"x\", \"date_published\": \"2024-13-45T99:99:99Z\"}],"
                      "\"_chronicle\": {\"timeline\": ["
                      "{\"id\": \"e\", \"date\": \"99999\", \"person\": \"P\", \"kind\": \"left\", \"organization\": \"O\"},"
                      "{\"id\": \"f\", \"date\": \"2024-02-30\", \"person\": \"P\", \"kind\": \"left\", \"organization\": \"O\"}]}}";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = parse (json, sizeof json - 1, &diagnostics, &error);

  /* Kept with an unknown date; the impossible events are left out. */
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_null (chronicle_item_get_date_published (chronicle_feed_get_item (feed, i)));
  g_assert_cmpuint (chronicle_feed_get_events (feed)->len, ==, 0);
}

/* A large file is mapped; written over in place while it is read, it is
 * read again as it is then, and nothing crashes on the pages that are no
 * longer there. */
static void
test_file_cut_short_while_read (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GString) text = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Long\", \"items\": [");
  const char *rewritten = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Short\", "
                          "\"items\": [{\"id\": \"new\", \"title\": \"Rewritten\", \"content_text\": \"Now.\"}]}";
  GBytes *bytes;
  int fd;

  for (guint i = 0; text->len < 4 * 1024 * 1024; i++)
    g_string_append_printf (text, "%s{\"id\": \"item-%u\", \"content_text\": \"Text of the item, long enough to take room.\"}",
                            i > 0 ? ", " : "", i);
  g_string_append (text, "]}");
  fd = g_file_open_tmp ("chronicle-cut-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, text->str, text->len), ==, (gssize) text->len);
  file = g_file_new_for_path (path);

  bytes = chronicle_file_read_bytes (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, text->len);

  /* As a program that truncates and writes does. */
  g_assert_cmpint (ftruncate (fd, 0), ==, 0);
  g_assert_cmpint (pwrite (fd, rewritten, strlen (rewritten), 0), ==, (gssize) strlen (rewritten));
  close (fd);

  /* Past the new end, zeros instead of SIGBUS. */
  g_assert_cmpint (((const char *) g_bytes_get_data (bytes, NULL))[text->len - 1], ==, 0);
  g_assert_true (chronicle_file_bytes_get_changed (bytes));

  feed = chronicle_feed_parse_file_bytes (bytes, file, diagnostics, NULL);
  g_unlink (path);

  g_assert_nonnull (feed);
  g_assert_cmpstr (chronicle_feed_get_title (feed), ==, "Short");
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "Rewritten");
  g_assert_null (chronicle_diagnostics_find_fatal (diagnostics));
}

static void
test_two_gigabytes_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) feed = NULL;
  const ChronicleDiagnostic *fatal;
  const char *message;
  int fd;

  /* Sparse: 2 GB to stat, nothing on disk, and it must not be read. */
  fd = g_file_open_tmp ("chronicle-2gb-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, (off_t) 2 * 1024 * 1024 * 1024), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  feed = chronicle_feed_load_file (file, diagnostics, NULL);
  g_unlink (path);

  g_assert_null (feed);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  fatal = chronicle_diagnostics_find_fatal (diagnostics);
  g_assert_cmpint (fatal->problem, ==, CHRONICLE_PROBLEM_FILE_TOO_LARGE);
  /* GLib puts a no-break space between number and unit. */
  message = chronicle_test_message (fatal);
  if (strstr (message, "2.0\u00a0GiB") == NULL || strstr (message, "512.0\u00a0MiB") == NULL)
    g_error ("the message does not give the sizes: %s", message);
}

static void
test_html_nested (void)
{
  g_autoptr(GString) html = g_string_new ("<p>before</p>");
  g_autoptr(ChronicleDocument) document = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (html, i % 2 ? "<blockquote>" : "<ul><li>");
  g_string_append (html, "deep");

  document = chronicle_document_new_from_html (html->str, html->len, NULL);
  text = chronicle_document_to_text (document);
  g_assert_true (g_str_has_prefix (text, "before"));
}

static void
test_html_huge_attributes_and_unclosed (void)
{
  g_autoptr(GString) html = g_string_new ("<p><a href=\"https://example.org/");
  g_autoptr(ChronicleDocument) document = NULL;
  g_autofree char *text = NULL;
  const ChronicleBlock *block;

  for (guint i = 0; i < 5 * 1024 * 1024; i++)
    g_string_append_c (html, 'x');
  g_string_append (html, "\" onclick=\"steal()\" title=\"");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (html, 'y');
  g_string_append (html, "\">link<b>bold<i>both<p>next");

  document = chronicle_document_new_from_html (html->str, html->len, NULL);
  g_assert_cmpuint (chronicle_document_get_n_blocks (document), >=, 1);
  block = chronicle_document_get_block (document, 0);
  g_assert_cmpuint (block->runs->len, >=, 1);
  g_assert_true (g_str_has_prefix (((ChronicleRun *) g_ptr_array_index (block->runs, 0))->text, "link"));
  text = chronicle_document_to_text (document);
  g_assert_null (strstr (text, "steal"));
}

static void
test_html_entity_bomb (void)
{
  /* HTML has no entity definitions: a document type declaring them must not
   * expand anything. */
  const char *html = "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                     "<p>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&amp;&#x1F600;&#xFFFFFFF;&#0;</p>";
  g_autoptr(ChronicleDocument) document = chronicle_document_new_from_html (html, -1, NULL);
  g_autofree char *text = chronicle_document_to_text (document);

  g_assert_cmpuint (strlen (text), <, 1000);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "&"));
}

static void
test_format_and_markup_in_text (void)
{
  const char json[] = FEED_START "{\"id\": \"%s%n%x\", \"title\": \"%s%n<span foreground='red'>x</span>\","
                      " \"content_text\": \"%n%n%n\"}]}";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = parse (json, sizeof json - 1, &diagnostics, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (feed, 0)), ==, "%s%n%x");
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "%s%n<span foreground='red'>x</span>");
  text = chronicle_document_to_text (chronicle_item_get_document (chronicle_feed_get_item (feed, 0)));
  g_assert_cmpstr (text, ==, "%n%n%n");
}

static void
test_link_schemes (void)
{
  g_assert_true (chronicle_uri_is_safe ("https://example.org/a"));
  g_assert_true (chronicle_uri_is_safe ("http://example.org/"));
  g_assert_true (chronicle_uri_is_safe ("mailto:a@example.org"));
  g_assert_true (chronicle_uri_is_safe ("HTTPS://EXAMPLE.ORG/"));
  g_assert_false (chronicle_uri_is_safe ("file:///etc/passwd"));
  g_assert_false (chronicle_uri_is_safe ("javascript:alert(1)"));
  g_assert_false (chronicle_uri_is_safe ("data:text/html,<script>"));
  g_assert_false (chronicle_uri_is_safe ("smb://host/share"));
  g_assert_false (chronicle_uri_is_safe ("/relative/path"));
  g_assert_false (chronicle_uri_is_safe ("apt:gnome-calculator"));
  g_assert_false (chronicle_uri_is_safe (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/json/deep", test_deep_json);
  g_test_add_func ("/hostile/json/invalid-utf8", test_invalid_utf8_position);
  g_test_add_func ("/hostile/json/nul", test_nul_bytes);
  g_test_add_func ("/hostile/json/huge-strings", test_huge_strings);
  g_test_add_func ("/hostile/json/types-swapped", test_types_swapped);
  g_test_add_func ("/hostile/json/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/hostile/json/two-roots", test_two_roots);
  g_test_add_func ("/hostile/json/dates-out-of-range", test_dates_out_of_range);
  g_test_add_func ("/hostile/file/two-gigabytes", test_two_gigabytes_refused);
  g_test_add_func ("/hostile/file/cut-short-while-read", test_file_cut_short_while_read);
  g_test_add_func ("/hostile/html/nested", test_html_nested);
  g_test_add_func ("/hostile/html/huge-attributes-unclosed", test_html_huge_attributes_and_unclosed);
  g_test_add_func ("/hostile/html/entity-bomb", test_html_entity_bomb);
  g_test_add_func ("/hostile/text/format-and-markup", test_format_and_markup_in_text);
  g_test_add_func ("/hostile/links/schemes", test_link_schemes);

  return g_test_run ();
}
