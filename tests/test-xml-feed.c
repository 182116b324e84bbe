/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>
#include <string.h>

#include "chronicle-check.h"
#include "chronicle-date-parse.h"
#include "chronicle-feed-export.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-test.h"
#include "chronicle-item.h"

/* RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0: every field the model has,
 * dates as sites write them, encodings, xml:base, hostile documents, and
 * real feeds end to end through --export-feed. */

#define RSS_START "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
                  "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"" \
                  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\"" \
                  " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n<channel>\n" \
                  "<title>T</title><link>https://example.org/</link><description>D</description>\n"
#define RSS_END "</channel></rss>\n"
#define ATOM_START "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n" \
                   "<id>urn:feed</id><title>T</title><updated>2024-08-06T10:00:00Z</updated>\n"
#define ATOM_END "</feed>\n"


static char *
utc (GDateTime *date)
{
  g_autoptr(GDateTime) in_utc = NULL;

  if (date == NULL)
    return g_strdup ("none");
  in_utc = g_date_time_to_utc (date);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Dates as RSS, Atom and the sites in between write them, each with the
 * instant it means. */
static void
test_dates (void)
{
  const struct {
    const char         *text;
    ChronicleDateStyle  style;
    const char         *expected;   /* UTC, or "none" */
    gboolean            has_time;
    gboolean            loose;
  } dates[] = {
    { "Tue, 06 Aug 2024 10:00:00 GMT", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "06 Aug 2024 10:00:00 +0000", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Mon, 06 Aug 2024 10:00:00 GMT", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00 GMT", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 24 10:00:00 GMT", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "Fri, 06 Aug 99 10:00:00 GMT", CHRONICLE_DATE_RFC822, "1999-08-06T10:00:00Z", TRUE, TRUE },
    { "Tue, 6 Aug 2024 9:05:07 GMT", CHRONICLE_DATE_RFC822, "2024-08-06T09:05:07Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 UT", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 UTC", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 Z", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 EST", CHRONICLE_DATE_RFC822, "2024-08-06T15:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 EDT", CHRONICLE_DATE_RFC822, "2024-08-06T14:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 CST", CHRONICLE_DATE_RFC822, "2024-08-06T16:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 CDT", CHRONICLE_DATE_RFC822, "2024-08-06T15:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 MST", CHRONICLE_DATE_RFC822, "2024-08-06T17:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 MDT", CHRONICLE_DATE_RFC822, "2024-08-06T16:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 PST", CHRONICLE_DATE_RFC822, "2024-08-06T18:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 PDT", CHRONICLE_DATE_RFC822, "2024-08-06T17:00:00Z", TRUE, FALSE },
    /* Military letters: as RFC 2822 says, an unknown zone, read as UTC. */
    { "Tue, 06 Aug 2024 10:00:00 A", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "Tue, 06 Aug 2024 10:00:00 +0200", CHRONICLE_DATE_RFC822, "2024-08-06T08:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 +02:00", CHRONICLE_DATE_RFC822, "2024-08-06T08:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 -0530", CHRONICLE_DATE_RFC822, "2024-08-06T15:30:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 +0000 (UTC)", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00 GMT garbage", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "Tue, 06 August 2024 10:00:00 GMT", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "Tue, 06 Aug 2024 10:00:00", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "Tue, 06 Aug 2024", CHRONICLE_DATE_RFC822, "2024-08-06T00:00:00Z", FALSE, TRUE },
    { "Tue Aug 06 2024 12:00:00 GMT+0200 (Central European Summer Time)", CHRONICLE_DATE_RFC822,
      "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "2024-08-06T12:00:00+02:00", CHRONICLE_DATE_ISO8601, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "2024-08-06T10:00:00Z", CHRONICLE_DATE_ISO8601, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "2024-08-06T10:00:00.250Z", CHRONICLE_DATE_ISO8601, "2024-08-06T10:00:00Z", TRUE, FALSE },
    { "2024-08-06T10:00:00", CHRONICLE_DATE_ISO8601, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "2024-08-06 10:00:00", CHRONICLE_DATE_ISO8601, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "2024-08-06", CHRONICLE_DATE_ISO8601, "2024-08-06T00:00:00Z", FALSE, FALSE },
    { "2024-08-06T10:00:00Z", CHRONICLE_DATE_RFC822, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "Tue, 06 Aug 2024 10:00:00 GMT", CHRONICLE_DATE_ISO8601, "2024-08-06T10:00:00Z", TRUE, TRUE },
    { "sometime last week", CHRONICLE_DATE_RFC822, "none", FALSE, FALSE },
    { "Thu, 31 Feb 2024 10:00:00 GMT", CHRONICLE_DATE_RFC822, "none", FALSE, FALSE },
    { "", CHRONICLE_DATE_RFC822, "none", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      gboolean has_time, loose;
      g_autoptr(GDateTime) date = chronicle_date_parse (dates[i].text, dates[i].style, &has_time, &loose);
      g_autofree char *text = utc (date);

      if (!g_str_equal (text, dates[i].expected))
        g_error ("“%s” read as %s, not %s", dates[i].text, text, dates[i].expected);
      if (date != NULL && (has_time != dates[i].has_time || loose != dates[i].loose))
        g_error ("“%s”: has_time %d loose %d", dates[i].text, has_time, loose);
    }
}

/* A ttl that is no whole number of minutes says nothing. */
static void
test_rss_ttl (void)
{
  static const char * const ttls[] = { "", "-5", "1.5", "soon", "0", "99999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (ttls); i++)
    {
      g_autofree char *text = g_strdup_printf (RSS_START "<ttl>%s</ttl><item><title>A</title></item>" RSS_END, ttls[i]);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);

      g_assert_cmpuint (chronicle_feed_get_ttl_minutes (feed), ==, 0);
    }
}

static void
test_rss_fields (void)
{
  const char *text = RSS_START
    "<language>fr</language><ttl> 90 </ttl>\n"
    "<image><url>https://example.org/icon.png</url><title>T</title><link>https://example.org/</link></image>\n"
    "<item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; co</title>\n"
    "<guid>https://example.org/posts/1</guid>\n"
    "<author>jane@example.org (Jane Doe)</author><dc:creator>Bo Writer</dc:creator>\n"
    "<category>One</category><category>Two</category><category>One</category>\n"
    "<description>&lt;p&gt;Short&lt;/p&gt;</description>\n"
    "<content:encoded><![CDATA[<p>Long <em>body</em></p>]]></content:encoded>\n"
    "<pubDate>Tue, 06 Aug 2024 10:00:00 GMT</pubDate>\n"
    "<enclosure url=\"https://example.org/a.mp3\" length=\"1234\" type=\"audio/mpeg\"/>\n"
    "<itunes:duration>2:03</itunes:duration>\n"
    "<media:thumbnail url=\"/thumb.jpg\"/>\n"
    "<dc:language>de</dc:language></item>\n"
    "<item><title>Second</title><link>/relative.html</link><guid isPermaLink=\"false\">second</guid>"
    "<description>Plain</description><pubDate>not a date</pubDate></item>\n"
    RSS_END;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);
  ChronicleAttachment *attachment;
  const ChronicleDiagnostic *diagnostic;
  g_autofree char *date = NULL;

  g_assert_cmpstr (chronicle_feed_get_title (feed), ==, "T");
  g_assert_cmpstr (chronicle_feed_get_home_page_url (feed), ==, "https://example.org/");
  g_assert_cmpstr (chronicle_feed_get_icon (feed), ==, "https://example.org/icon.png");
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), ==, 2);
  /* How long it may be kept, for the refresh schedule. */
  g_assert_cmpuint (chronicle_feed_get_ttl_minutes (feed), ==, 90);

  /* A title with markup is shown as text. */
  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Bold & co");
  /* The list names the feed as where the article was published. */
  g_assert_cmpstr (chronicle_item_get_source (item), ==, "T");
  /* The guid is the link, as a permalink by default. */
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "https://example.org/posts/1");
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "https://example.org/posts/1");
  g_assert_cmpstrv (chronicle_item_get_authors (item), ((const char *[]) { "Jane Doe", "Bo Writer", NULL }));
  g_assert_cmpstrv (chronicle_item_get_author_urls (item), ((const char *[]) { "mailto:jane@example.org", "", NULL }));
  g_assert_cmpstrv (chronicle_item_get_tags (item), ((const char *[]) { "One", "Two", NULL }));
  g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "<p>Long <em>body</em></p>");
  g_assert_cmpstr (chronicle_item_get_summary (item), ==, "<p>Short</p>");
  g_assert_cmpstr (chronicle_item_get_excerpt (item), ==, "Short");
  date = utc (chronicle_item_get_date_published (item));
  g_assert_cmpstr (date, ==, "2024-08-06T10:00:00Z");
  g_assert_cmpstr (chronicle_item_get_language (item), ==, "de");
  /* Nothing to resolve against but the document's address, which a text
   * without a file has not. */
  g_assert_cmpstr (chronicle_item_get_image (item), ==, "https://example.org/thumb.jpg");
  g_assert_cmpstr (chronicle_item_get_thumbnail (item), ==, "https://example.org/thumb.jpg");
  g_assert_cmpuint (chronicle_item_get_attachments (item)->len, ==, 1);
  attachment = g_ptr_array_index (chronicle_item_get_attachments (item), 0);
  g_assert_cmpstr (attachment->url, ==, "https://example.org/a.mp3");
  g_assert_cmpstr (attachment->mime_type, ==, "audio/mpeg");
  g_assert_cmpuint (attachment->size, ==, 1234);
  g_assert_cmpuint (attachment->duration, ==, 123);

  /* A guid that is no permalink stays an id; a date that cannot be read
   * is a warning; a relative link, in a file read from no address, is
   * the site's. */
  item = chronicle_feed_get_item (feed, 1);
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "https://example.org/relative.html");
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "second");
  g_assert_null (chronicle_item_get_date_published (item));
  g_assert_cmpstr (chronicle_item_get_language (item), ==, "fr");
  g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "Plain");
  g_assert_null (chronicle_item_get_summary (item));
  diagnostic = chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_DATE_UNREADABLE);
  g_assert_nonnull (diagnostic);
  g_assert_cmpint (diagnostic->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_cmpstr (diagnostic->path, ==, "rss/channel/item[2]/pubDate");
  g_assert_cmpuint (diagnostic->position.line, ==, 18);
  g_assert_cmpuint (chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 0);
}

static void
test_atom_fields (void)
{
  const char *text = ATOM_START
    "<author><name>Feed Author</name><uri>https://example.org/about</uri></author>\n"
    "<icon>/icon.png</icon><link href=\"https://example.org/\"/>\n"
    "<entry xml:lang=\"de\"><id>urn:1</id><title type=\"html\">&lt;i&gt;Eins&lt;/i&gt; &amp;amp; zwei</title>\n"
    "<link rel=\"alternate\" type=\"application/pdf\" href=\"https://example.org/1.pdf\"/>\n"
    "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/1\"/>\n"
    "<link rel=\"enclosure\" type=\"video/mp4\" length=\"99\" title=\"Clip\" href=\"https://example.org/1.mp4\"/>\n"
    "<published>2024-08-06T12:00:00+02:00</published><updated>2024-08-07T00:00:00Z</updated>\n"
    "<category term=\"ai\" label=\"Artificial intelligence\"/><category term=\"people\"/>\n"
    "<summary>In short</summary>\n"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello <b>there</b><br/>&amp; more</p></div></content>\n"
    "</entry>\n"
    "<entry><id>urn:2</id><title>Plain &lt;b&gt;</title><updated>2024-08-05T00:00:00Z</updated>"
    "<author><name>Own</name><email>own@example.org</email></author>"
    "<content type=\"text\">Line one\nLine two</content></entry>\n"
    "<entry><id>urn:3</id><title>Elsewhere</title><updated>2024-08-04T00:00:00Z</updated>"
    "<content src=\"https://example.org/3\" type=\"text/html\"/><summary type=\"html\">&lt;p&gt;See there&lt;/p&gt;</summary></entry>\n"
    ATOM_END;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);
  ChronicleAttachment *attachment;
  g_autofree char *published = NULL;
  g_autofree char *modified = NULL;

  g_assert_cmpstr (chronicle_feed_get_icon (feed), ==, "/icon.png");
  g_assert_cmpstrv (chronicle_feed_get_authors (feed), ((const char *[]) { "Feed Author", NULL }));

  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Eins & zwei");
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "https://example.org/1");
  g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "<p>Hello <b>there</b><br>&amp; more</p>");
  g_assert_cmpstr (chronicle_item_get_summary (item), ==, "In short");
  g_assert_cmpstr (chronicle_item_get_language (item), ==, "de");
  g_assert_cmpstrv (chronicle_item_get_tags (item), ((const char *[]) { "Artificial intelligence", "people", NULL }));
  /* Authors of the feed are the entries' without their own. */
  g_assert_cmpstrv (chronicle_item_get_authors (item), ((const char *[]) { "Feed Author", NULL }));
  g_assert_cmpstrv (chronicle_item_get_author_urls (item), ((const char *[]) { "https://example.org/about", NULL }));
  published = utc (chronicle_item_get_date_published (item));
  modified = utc (chronicle_item_get_date_modified (item));
  g_assert_cmpstr (published, ==, "2024-08-06T10:00:00Z");
  g_assert_cmpstr (modified, ==, "2024-08-07T00:00:00Z");
  attachment = g_ptr_array_index (chronicle_item_get_attachments (item), 0);
  g_assert_cmpstr (attachment->title, ==, "Clip");
  g_assert_cmpuint (attachment->size, ==, 99);

  /* A text title keeps its characters; text content stays text. */
  item = chronicle_feed_get_item (feed, 1);
  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Plain <b>");
  g_assert_cmpstr (chronicle_item_get_content_text (item), ==, "Line one\nLine two");
  g_assert_cmpstrv (chronicle_item_get_authors (item), ((const char *[]) { "Own", NULL }));
  g_assert_cmpstrv (chronicle_item_get_author_urls (item), ((const char *[]) { "mailto:own@example.org", NULL }));
  /* Only updated: it is the date. */
  g_clear_pointer (&published, g_free);
  published = utc (chronicle_item_get_date_published (item));
  g_assert_cmpstr (published, ==, "2024-08-05T00:00:00Z");

  /* Content elsewhere is a link; an HTML summary is the body. */
  item = chronicle_feed_get_item (feed, 2);
  g_assert_cmpstr (chronicle_item_get_external_url (item), ==, "https://example.org/3");
  g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "<p>See there</p>");

  g_assert_cmpuint (chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 0);
}

static const char *
first_link (ChronicleDocument *document)
{
  for (guint b = 0; b < chronicle_document_get_n_blocks (document); b++)
    {
      const ChronicleBlock *block = chronicle_document_get_block (document, b);

      for (guint r = 0; r < block->runs->len; r++)
        {
          const ChronicleRun *run = g_ptr_array_index (block->runs, r);

          if (run->href != NULL)
            return run->href;
        }
    }

  return NULL;
}

/* xml:base, nested and per element, then the document's own address. */
static void
test_xml_base (void)
{
  const char *text = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.org/site/\">"
                     "<id>f</id><title>T</title><updated>2024-08-06T10:00:00Z</updated>"
                     "<entry xml:base=\"blog/\"><id>1</id><title>A</title><updated>2024-08-06T10:00:00Z</updated>"
                     "<link href=\"post.html\"/>"
                     "<link rel=\"enclosure\" xml:base=\"/media/\" href=\"a.mp3\"/>"
                     "<content type=\"html\" xml:base=\"http://other.example/x/\">&lt;a href=\"y\"&gt;y&lt;/a&gt;</content>"
                     "</entry></feed>";
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse (bytes, diagnostics);
  g_autoptr(ChronicleFeed) from_file = NULL;
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);
  ChronicleDocument *document;
  int fd;

  g_assert_cmpstr (chronicle_item_get_url (item), ==, "http://example.org/site/blog/post.html");
  g_assert_cmpstr (((ChronicleAttachment *) g_ptr_array_index (chronicle_item_get_attachments (item), 0))->url, ==,
                   "http://example.org/media/a.mp3");
  /* Links in the body resolve against the body's base. */
  document = chronicle_item_get_document (item);
  g_assert_cmpstr (first_link (document), ==, "http://other.example/x/y");

  /* Without xml:base, against the file's own address. */
  fd = g_file_open_tmp ("chronicle-base-XXXXXX.xml", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, ATOM_START "<entry><id>1</id><title>A</title>"
                                      "<updated>2024-08-06T10:00:00Z</updated><link href=\"next/post.html\"/></entry>"
                                      ATOM_END, -1, NULL));
  file = g_file_new_for_path (path);
  from_file = chronicle_feed_load_file (file, diagnostics, NULL);
  g_assert_true (g_str_has_prefix (chronicle_item_get_url (chronicle_feed_get_item (from_file, 0)), "file:///"));
  g_assert_true (g_str_has_suffix (chronicle_item_get_url (chronicle_feed_get_item (from_file, 0)), "/next/post.html"));
  g_unlink (path);
}

/* Every encoding listed, declared; a title of "Café “naïve” Пётр 東京" in
 * what each can write of it. */
static void
test_encodings (void)
{
  const struct {
    const char *encoding;
    const char *title;
  } encodings[] = {
    { "UTF-16LE", "Café “naïve” Пётр 東京" },
    { "UTF-16BE", "Café “naïve” Пётр 東京" },
    { "ISO-8859-1", "Café naïve" },
    { "windows-1252", "Café “naïve”" },
    { "KOI8-R", "Пётр и Мария" },
    { "Shift_JIS", "東京の記事" },
    { "GB2312", "北京的文章" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      gboolean utf16 = g_str_has_prefix (encodings[i].encoding, "UTF-16");
      g_autofree char *document = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"%s\"?>\n"
                                                   "<rss version=\"2.0\"><channel><title>%s</title><link>https://e.org/</link>"
                                                   "<description>D</description><item><title>%s</title>"
                                                   "<description>x</description></item></channel></rss>",
                                                   utf16 ? "UTF-16" : encodings[i].encoding,
                                                   encodings[i].title, encodings[i].title);
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      g_autofree char *converted = g_convert (document, -1, encodings[i].encoding, "UTF-8", NULL, &length, &error);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(ChronicleFeed) feed = NULL;

      g_assert_no_error (error);
      /* UTF-16 comes with its byte order mark. */
      if (g_str_equal (encodings[i].encoding, "UTF-16LE"))
        g_string_append_len (text, "\xFF\xFE", 2);
      else if (g_str_equal (encodings[i].encoding, "UTF-16BE"))
        g_string_append_len (text, "\xFE\xFF", 2);
      g_string_append_len (text, converted, length);

      feed = chronicle_test_parse (text->str, text->len, &diagnostics, &error);
      if (feed == NULL)
        g_error ("%s: %s", encodings[i].encoding, error->message);
      g_assert_cmpstr (chronicle_feed_get_title (feed), ==, encodings[i].title);
      g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, encodings[i].title);
      g_assert_cmpuint (diagnostics->len, ==, 0);
    }
}

/* A file that says UTF-8 and is Latin-1 is read, with a warning; invalid
 * bytes never crash. */
static void
test_wrong_encoding (void)
{
  const char text[] = RSS_START "<item><title>Caf\xe9 cr\xe8me</title><description>x</description></item>" RSS_END;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse (text, sizeof text - 1, &diagnostics, &error);
  const ChronicleDiagnostic *diagnostic;

  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "Café crème");
  diagnostic = chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH);
  g_assert_nonnull (diagnostic);
  g_assert_cmpint (diagnostic->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_cmpuint (diagnostic->position.line, ==, 5);
}

/* XXE: an external entity is never read, whatever it names; the reader
 * sees the reference as written. */
static void
test_external_entities (void)
{
  const char *text = "<?xml version=\"1.0\"?>\n"
                     "<!DOCTYPE rss [\n"
                     "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
                     "  <!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                     "  %remote;\n"
                     "]>\n"
                     "<rss version=\"2.0\"><channel><title>T</title><link>https://e.org/</link><description>D</description>"
                     "<item><title>Secret: &xxe;</title><description>x</description></item></channel></rss>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  const char *title = chronicle_item_get_title (chronicle_feed_get_item (feed, 0));

  g_assert_cmpstr (title, ==, "Secret: &xxe;");
  g_assert_null (strstr (title, "root"));
  g_assert_nonnull (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY));
}

/* Billion laughs: entities declared in the file are expanded within
 * limits; one made of too many others is not defined. */
static void
test_entity_expansion (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  const char *title;

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (text, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        {
          if (i == 1)
            g_string_append (text, "&lol;");
          else
            g_string_append_printf (text, "&lol%u;", i - 1);
        }
      g_string_append (text, "\">\n");
    }
  g_string_append (text, "]>\n<rss version=\"2.0\"><channel><title>T</title><link>https://e.org/</link>"
                         "<description>D</description><item><title>Laugh &lol9;</title><description>x</description>"
                         "</item></channel></rss>");

  feed = chronicle_test_parse_feed (text->str, &diagnostics);
  title = chronicle_item_get_title (chronicle_feed_get_item (feed, 0));
  g_assert_cmpuint (strlen (title), <, 100);
  chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY);
}

/* An entity the document declares for itself is its text, in elements
 * and attributes, made of XML's own entities, characters and entities
 * declared before it; one in another file is never read.  HTML's are
 * read whole in attributes too. */
static void
test_declared_entities (void)
{
  const char *text = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
                     "<!ENTITY path \"C:\\data\\1\\new\">\n"
                     "<!ENTITY site \"https://example.org\">\n"
                     "<!ENTITY both \"Tom &amp; Jerry &#233;t&#xE9; &site;\">\n"
                     "<!ENTITY path \"second declarations do not count\">\n"
                     "<!ENTITY outside SYSTEM \"file:///etc/passwd\">\n"
                     "]>\n<rss version=\"2.0\"><channel><title>T</title><link>&site;/</link>"
                     "<description>D</description><item><title>&both;</title><guid isPermaLink=\"false\">&path;</guid>"
                     "<link>&site;/a</link><description>&outside;x</description>"
                     "<enclosure url=\"&site;/a.mp3\" type=\"audio/mpeg\" length=\"1\"/>"
                     "<enclosure url=\"&site;/caf&eacute;.mp3?a=1&amp;b=2\" type=\"audio/mpeg\" length=\"1\"/>"
                     "</item></channel></rss>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);
  ChronicleAttachment *attachment = g_ptr_array_index (chronicle_item_get_attachments (item), 0);

  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Tom & Jerry été https://example.org");
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "C:\\data\\1\\new");
  g_assert_cmpstr (chronicle_item_get_url (item), ==, "https://example.org/a");
  g_assert_cmpstr (chronicle_feed_get_home_page_url (feed), ==, "https://example.org/");
  g_assert_cmpstr (attachment->url, ==, "https://example.org/a.mp3");
  /* libxml2 would give the first byte of "é" alone. */
  attachment = g_ptr_array_index (chronicle_item_get_attachments (item), 1);
  g_assert_cmpstr (attachment->url, ==, "https://example.org/café.mp3?a=1&b=2");
  g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "&outside;x");
  chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY);
  g_assert_cmpstr (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_HTML_ENTITY)->text, ==, "eacute");
}

/* Nesting deeper than libxml2 reads ends the reading there; what came
 * before is kept. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new (RSS_START "<item><title>First</title><description>x</description></item>"
                                          "<item><title>Deep</title><description>");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  const ChronicleDiagnostic *diagnostic;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "<x>");
  g_string_append (text, "</description></item>" RSS_END);

  feed = chronicle_test_parse_feed (text->str, &diagnostics);
  g_assert_cmpuint (chronicle_feed_get_n_items (feed), >=, 1);
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "First");
  diagnostic = chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_TOO_DEEP);
  g_assert_nonnull (diagnostic);
  g_assert_cmpuint (diagnostic->number, ==, 256);
}

/* "&" left bare, as feeds write it in titles and links: kept as written,
 * in text and in attributes, and the escaped HTML after the first such
 * error is still read as HTML (libxml2 drops entities once a file is not
 * well-formed). */
static void
test_bare_ampersands (void)
{
  const char *text = RSS_START
    "<item><title>AT&T, Q&A & more</title><link>https://example.org/?p=1&q=2</link>\n"
    "<enclosure url=\"https://cdn.example.org/a.mp3?a=1&b=2&amp;c=3&#38;d=&eacute;\" type=\"audio/mpeg\" length=\"7\"/>\n"
    "<description>&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;</description></item>\n"
    "<item><title>Fish &amp; chips &copy; &unknown;</title><description>x</description></item>\n"
    RSS_END;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  ChronicleItem *first = chronicle_feed_get_item (feed, 0);
  ChronicleItem *second = chronicle_feed_get_item (feed, 1);
  ChronicleAttachment *attachment = g_ptr_array_index (chronicle_item_get_attachments (first), 0);
  guint n_bare = 0;

  g_assert_cmpstr (chronicle_item_get_title (first), ==, "AT&T, Q&A & more");
  g_assert_cmpstr (chronicle_item_get_url (first), ==, "https://example.org/?p=1&q=2");
  g_assert_cmpstr (attachment->url, ==, "https://cdn.example.org/a.mp3?a=1&b=2&c=3&d=\u00e9");
  g_assert_cmpuint (attachment->size, ==, 7);
  g_assert_cmpstr (chronicle_item_get_content_html (first), ==, "<p>Tom &amp; Jerry</p>");
  g_assert_cmpstr (chronicle_item_get_title (second), ==, "Fish & chips \u00a9 &unknown;");

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      n_bare += diagnostic->problem == CHRONICLE_PROBLEM_XML_BARE_AMPERSAND;
    }
  /* Three in the title, one in the link, one in the enclosure's URL. */
  g_assert_cmpuint (n_bare, ==, 5);
  g_assert_nonnull (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_HTML_ENTITY));
  g_assert_nonnull (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_UNDEFINED_ENTITY));
}

/* Not well-formed, as feeds in the wild are: every item that can be read
 * is, and the first error is at its place. */
static void
test_not_well_formed (void)
{
  const char *text = RSS_START
    "<item><title>One</title><description>a</description></item>\n"
    "<item><title>Two &amp; &nbsp;more</title><description>b</description></item>\n"
    "<item><title>Three & four</title><description>c</description></item>\n"
    "<item><title>Five</titel><description>d</description></item>\n"
    "<item><title>Six</title><description>e</description></item>\n"
    RSS_END;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  const ChronicleDiagnostic *first = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronicle-wf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.xml", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autofree char *report = NULL;
  const char *paths[] = { path, NULL };
  FILE *out;

  g_assert_cmpuint (chronicle_feed_get_n_items (feed), >=, 4);
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 0)), ==, "One");
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, 1)), ==, "Two & \u00a0more");
  g_assert_nonnull (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_HTML_ENTITY));
  g_assert_nonnull (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_BARE_AMPERSAND));
  g_assert_nonnull (chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_TAG_MISMATCH));
  g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (feed, chronicle_feed_get_n_items (feed) - 1)),
                   ==, "Six");

  chronicle_diagnostics_sort (diagnostics);
  first = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (first->problem, ==, CHRONICLE_PROBLEM_XML_HTML_ENTITY);
  g_assert_cmpuint (first->position.line, ==, 6);

  /* --check: an error, at its line and column, exit 1. */
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  out = fopen (out_path, "w+");
  g_assert_cmpint (chronicle_check_files (paths, FALSE, out), ==, 1);
  fclose (out);
  g_assert_true (g_file_get_contents (out_path, &report, NULL, NULL));
  g_assert_nonnull (strstr (report, ":6:"));
  g_assert_nonnull (strstr (report, "error: rss/channel/item[2]/title: “&nbsp;” is an HTML entity"));
  g_assert_nonnull (strstr (report, ":8:"));
  g_unlink (path);
  g_unlink (out_path);
  g_rmdir (dir);
}

/* What is not a feed is said so, and what is not XML at all too. */
static void
test_not_a_feed (void)
{
  const struct {
    const char       *text;
    ChronicleProblem  problem;
  } cases[] = {
    { "<!DOCTYPE html>\n<html><head><title>A page</title></head><body></body></html>", CHRONICLE_PROBLEM_XML_NOT_A_FEED },
    { "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>", CHRONICLE_PROBLEM_XML_NOT_A_FEED },
    { "<<<>>> not XML", CHRONICLE_PROBLEM_XML_UNREADABLE },
    { "<?xml version=\"1.0\"?>\n", CHRONICLE_PROBLEM_FILE_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronicleFeed) feed = chronicle_test_parse (cases[i].text, strlen (cases[i].text), &diagnostics, &error);
      const ChronicleDiagnostic *fatal = chronicle_diagnostics_find_fatal (diagnostics);

      g_assert_null (feed);
      if (fatal == NULL || fatal->problem != cases[i].problem)
        g_error ("“%s”: problem %d, not %d", cases[i].text, fatal != NULL ? (int) fatal->problem : -1,
                 cases[i].problem);
    }
}

/* Told apart by their text: JSON, XML in UTF-8 with a byte order mark,
 * XML after white space, UTF-16. */
static void
test_detect (void)
{
  g_assert_cmpint (chronicle_feed_detect_format ("  {\"version\"", 12), ==, CHRONICLE_FEED_FORMAT_JSON);
  g_assert_cmpint (chronicle_feed_detect_format ("\xEF\xBB\xBF{}", 5), ==, CHRONICLE_FEED_FORMAT_JSON);
  g_assert_cmpint (chronicle_feed_detect_format ("\xEF\xBB\xBF<rss/>", 9), ==, CHRONICLE_FEED_FORMAT_XML);
  g_assert_cmpint (chronicle_feed_detect_format ("\n\n  <feed/>", 11), ==, CHRONICLE_FEED_FORMAT_XML);
  g_assert_cmpint (chronicle_feed_detect_format ("\xFF\xFE<\0r\0", 6), ==, CHRONICLE_FEED_FORMAT_XML);
  g_assert_cmpint (chronicle_feed_detect_format ("<\0r\0s\0", 6), ==, CHRONICLE_FEED_FORMAT_XML);
  g_assert_cmpint (chronicle_feed_detect_format ("nonsense", 8), ==, CHRONICLE_FEED_FORMAT_JSON);
}

/* Real feeds, written as such sites publish them: what --export-feed makes
 * of each is the expected file, to the byte. */
static void
test_export (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "xml", name, NULL);
  g_autofree char *expected_name = g_strconcat (name, ".json", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "expected", expected_name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *exported = NULL;
  ChronicleFeed *feed = chronicle_feed_load_file (file, diagnostics, NULL);

  g_assert_nonnull (feed);
  g_ptr_array_add (feeds, feed);
  exported = chronicle_feed_export (feeds);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  g_assert_cmpstr (exported, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  const char *feeds[] = { "wordpress.xml", "podcast.xml", "blogger.xml", "github-releases.xml", "mastodon.xml",
                          "rdf.xml", "youtube.xml" };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/dates", test_dates);
  g_test_add_func ("/xml/rss-fields", test_rss_fields);
  g_test_add_func ("/xml/rss-ttl", test_rss_ttl);
  g_test_add_func ("/xml/atom-fields", test_atom_fields);
  g_test_add_func ("/xml/base", test_xml_base);
  g_test_add_func ("/xml/encodings", test_encodings);
  g_test_add_func ("/xml/wrong-encoding", test_wrong_encoding);
  g_test_add_func ("/xml/hostile/external-entities", test_external_entities);
  g_test_add_func ("/xml/hostile/entity-expansion", test_entity_expansion);
  g_test_add_func ("/xml/declared-entities", test_declared_entities);
  g_test_add_func ("/xml/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/xml/bare-ampersands", test_bare_ampersands);
  g_test_add_func ("/xml/not-well-formed", test_not_well_formed);
  g_test_add_func ("/xml/not-a-feed", test_not_a_feed);
  g_test_add_func ("/xml/detect", test_detect);

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/xml/export/%s", feeds[i]);
      g_test_add_data_func (path, feeds[i], test_export);
    }

  return g_test_run ();
}
