/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-document.h"
#include "chronicle-feed-parser.h"
#include "chronicle-feed-test.h"
#include "chronicle-xml-feed.h"
#include "chronicle-item-private.h"

/* RSS and Atom as the web serves them broken: wrong encoding labels,
 * bytes that are in no encoding, markup left unescaped, tags that do not
 * match, namespaces of the past.  No item that can be read is lost, the
 * text is what the author meant, and the first problem of each kind is
 * said where it is. */

#define CHANNEL "<title>T</title><link>https://example.org/</link><description>D</description>\n"

/* The titles of the feed's items, joined with "|". */
static char *
titles (ChronicleFeed *feed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < chronicle_feed_get_n_items (feed); i++)
    g_strv_builder_add (builder, chronicle_item_get_title (chronicle_feed_get_item (feed, i)));
  strv = g_strv_builder_end (builder);
  return g_strjoinv ("|", strv);
}

static ChronicleFeed *
parse_bytes (const char  *data,
             gsize        length,
             GPtrArray  **diagnostics)
{
  g_autoptr(GError) error = NULL;
  ChronicleFeed *feed = chronicle_test_parse (data, length, diagnostics, &error);

  if (feed == NULL)
    g_error ("no feed: %s", error->message);
  return feed;
}

/* Labels that are wrong, or that iconv does not know as written. */
static void
test_labels (void)
{
  const struct {
    const char *label;
    const char *bytes;   /* the title, in the bytes the file has */
    const char *title;
    ChronicleProblem problem;
  } cases[] = {
    /* Latin-1 labels are Windows-1252, as in browsers. */
    { "ISO-8859-1", "Don\x92t \x93quote\x94 \x80", "Don’t “quote” €", 0 },
    { "us-ascii", "Caf\xe9", "Café", 0 },
    /* A Latin label over UTF-8 text: the text is UTF-8. */
    { "ISO-8859-1", "Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", "Café 日本", CHRONICLE_PROBLEM_XML_WRONG_ENCODING },
    /* Spellings of Python, Microsoft and code pages. */
    { "windows_1252", "\x80", "€", 0 },
    { "win-1252", "\x80", "€", 0 },
    { "x-sjis", "\x93\xfa\x96\x7b", "日本", 0 },
    { "macroman", "\x80", "Ä", 0 },
    /* A byte Windows-1252 does not have stops nothing. */
    { "windows-1252", "One \x81 two", "One � two", 0 },
    /* UTF-8 text labelled Windows-1251: 0x98 is in no Windows-1251. */
    { "windows-1251", "\xe2\x80\x9chi\xe2\x80\x9d", "“hi”", CHRONICLE_PROBLEM_XML_WRONG_ENCODING },
    /* An invalid Shift_JIS pair is one character lost, not the file. */
    { "Shift_JIS", "\x93\xfa\x81", "日�", CHRONICLE_PROBLEM_XML_UNDECODABLE },
    { "no-such-encoding", "Cafe", "Cafe", CHRONICLE_PROBLEM_XML_UNKNOWN_ENCODING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"%s\"?>\n<rss version=\"2.0\"><channel>"
                                               CHANNEL "<item><title>%s</title></item>\n<item><title>Next</title></item>"
                                               "</channel></rss>", cases[i].label, cases[i].bytes);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(ChronicleFeed) feed = parse_bytes (text, strlen (text), &diagnostics);
      g_autofree char *expected = g_strconcat (cases[i].title, "|Next", NULL);
      g_autofree char *read = titles (feed);

      if (g_strcmp0 (read, expected) != 0)
        g_error ("%s: read “%s”, not “%s”", cases[i].label, read, expected);
      if (cases[i].problem != 0)
        g_assert_cmpuint (chronicle_test_find_problem (diagnostics, cases[i].problem)->position.line, >=, 1);
      else
        g_assert_cmpuint (chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR), ==, 0);
    }
}

/* A file that says UTF-8 with Windows-1252 bytes, in a CDATA section:
 * every item is read, and the warning is where the first byte is. */
static void
test_latin1_in_cdata (void)
{
  const char text[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>" CHANNEL
                      "<item><title>One</title></item>\n"
                      "<item><title><![CDATA[It\x92s caf\xe9]]></title><description><![CDATA[<p>x</p>]]></description></item>\n"
                      "<item><title>Three</title></item>\n</channel></rss>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = parse_bytes (text, sizeof text - 1, &diagnostics);
  g_autofree char *read = titles (feed);
  const ChronicleDiagnostic *diagnostic = chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH);

  g_assert_cmpstr (read, ==, "One|It’s café|Three");
  g_assert_cmpstr (chronicle_item_get_content_html (chronicle_feed_get_item (feed, 1)), ==, "<p>x</p>");
  g_assert_cmpuint (diagnostic->position.line, ==, 4);
  g_assert_cmpuint (diagnostic->position.column, ==, 25);
  g_assert_cmpint (diagnostic->severity, ==, CHRONICLE_SEVERITY_WARNING);
}

/* UTF-16 and UTF-32 without a declaration, with or without a byte order
 * mark; EBCDIC, which libxml2 decodes itself. */
static void
test_wide_encodings (void)
{
  const char *document = "<rss version=\"2.0\"><channel>" CHANNEL "<item><title>Café 日本</title></item></channel></rss>";
  const char *encodings[] = { "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    for (guint bom = 0; bom < 2; bom++)
      {
        g_autofree char *with_bom = g_strconcat (bom ? "\xEF\xBB\xBF" : "", document, NULL);
        gsize length = 0;
        g_autofree char *converted = g_convert (with_bom, -1, encodings[i], "UTF-8", NULL, &length, NULL);
        g_autoptr(GPtrArray) diagnostics = NULL;
        g_autoptr(ChronicleFeed) feed = parse_bytes (converted, length, &diagnostics);
        g_autofree char *read = titles (feed);

        if (g_strcmp0 (read, "Café 日本") != 0)
          g_error ("%s%s: read “%s”", encodings[i], bom ? " with a byte order mark" : "", read);
      }

  {
    const char *ebcdic = "<?xml version=\"1.0\" encoding=\"IBM037\"?><rss version=\"2.0\"><channel>" CHANNEL
                         "<item><title>Caf\xc3\xa9</title></item></channel></rss>";
    gsize length = 0;
    g_autofree char *converted = g_convert (ebcdic, -1, "IBM037", "UTF-8", NULL, &length, NULL);
    g_autoptr(GPtrArray) diagnostics = NULL;
    g_autoptr(ChronicleFeed) feed = parse_bytes (converted, length, &diagnostics);
    g_autofree char *read = titles (feed);

    g_assert_cmpstr (read, ==, "Café");
  }
}

/* Markup errors that libxml2 recovers from by nesting what follows:
 * every item after them is still an item. */
static void
test_broken_markup (void)
{
  const struct {
    const char *name;
    const char *items;
    const char *titles;
  } cases[] = {
    { "naked <br>", "<item><title>One</title><description>a<br>b</description></item>", "One|Two|Three" },
    { "naked <p><img>", "<item><title>One</title><description><p>a<img src=\"/x.png\"></p></description></item>",
      "One|Two|Three" },
    { "unclosed item", "<item><title>One</title>", "One|Two|Three" },
    { "unclosed title", "<item><title>One</item>", "One|Two|Three" },
    { "stray end tag", "</div><item><title>One</title></item>", "One|Two|Three" },
    { "bare <", "<item><title>1 < 2</title></item>", "1 < 2|Two|Three" },
    { "NUL and controls", "<item><title>O\x01n\x1b" "e</title></item>", "One|Two|Three" },
    { "<image> in an item", "<item><image><title>Wrong</title><link>https://example.org/wrong</link></image>"
      "<title>One</title></item>", "One|Two|Three" },
    { "<textInput> in an item", "<item><textInput><title>Wrong</title></textInput><title>One</title></item>",
      "One|Two|Three" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>" CHANNEL
                                               "%s\n<item><title>Two</title></item>\n"
                                               "<item><title>Three</title></item>\n</channel></rss>\n", cases[i].items);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(ChronicleFeed) feed = parse_bytes (text, strlen (text), &diagnostics);
      g_autofree char *read = titles (feed);

      if (g_strcmp0 (read, cases[i].titles) != 0)
        g_error ("%s: read “%s”, not “%s”", cases[i].name, read, cases[i].titles);
      if (i < 7)
        g_assert_cmpuint (chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR), >, 0);
    }
}

/* HTML a feed did not escape is kept as HTML in the body. */
static void
test_naked_markup (void)
{
  const char *text = "<rss version=\"2.0\"><channel>" CHANNEL
                     "<item><title>One</title><description>Intro <b>bold</b> &amp; <a href=\"/x\">link</a></description>"
                     "</item></channel></rss>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);

  g_assert_cmpstr (chronicle_item_get_content_html (chronicle_feed_get_item (feed, 0)), ==,
                   "Intro <b>bold</b> &amp; <a href=\"/x\">link</a>");
}

/* Roots and namespaces as old and careless feeds write them. */
static void
test_namespaces (void)
{
  const struct {
    const char *text;
    const char *titles;
  } cases[] = {
    { "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel>" CHANNEL
      "<item><title>One</title></item></channel></rss>", "One" },
    { "<rss version=\"2.0\" xmlns=\"http://blogs.law.harvard.edu/tech/rss\"><channel>" CHANNEL
      "<item><title>One</title></item></channel></rss>", "One" },
    /* Atom without its namespace, as miniflux reads it. */
    { "<feed><title>T</title><id>urn:t</id><updated>2024-08-06T10:00:00Z</updated>"
      "<entry><title>One</title><id>urn:1</id><updated>2024-08-06T10:00:00Z</updated></entry></feed>", "One" },
    /* Items with no channel around them. */
    { "<rss version=\"2.0\"><item><title>One</title></item><item><title>Two</title></item></rss>", "One|Two" },
    /* A default namespace an <rss> gave itself (Suspilne's feed). */
    { "<rss version=\"2.0\" xmlns=\"https://cyber.harvard.edu/rss/rss.html\"><channel>" CHANNEL
      "<item><title>One</title></item><item><title>Two</title></item></channel></rss>", "One|Two" },
    /* Atom 0.3 under a name it had before. */
    { "<feed version=\"0.3\" xmlns=\"http://purl.org/pie/\"><title>T</title>"
      "<entry><title>One</title><id>urn:1</id></entry></feed>", "One" },
    /* iTunes' namespace as some podcasts spell it. */
    { "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\"><channel>" CHANNEL
      "<item><title>One</title><itunes:author>Host</itunes:author></item></channel></rss>", "One" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (cases[i].text, &diagnostics);
      g_autofree char *read = titles (feed);

      g_assert_cmpstr (read, ==, cases[i].titles);
    }

  /* An Atom link that gives its address as text, and an RSS 1.0 item
   * named by its address with no link: shown by their address. */
  {
    const char *text = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><id>urn:t</id>"
                       "<entry><link rel=\"alternate\">https://example.org/text-link</link></entry></feed>";
    g_autoptr(GPtrArray) diagnostics = NULL;
    g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);

    g_assert_cmpstr (chronicle_item_get_url (chronicle_feed_get_item (feed, 0)), ==, "https://example.org/text-link");
  }
  {
    const char *text = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                       "xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"https://example.org/\">" CHANNEL
                       "</channel><item rdf:about=\"https://example.org/about\"></item></rdf:RDF>";
    g_autoptr(GPtrArray) diagnostics = NULL;
    g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);

    g_assert_cmpstr (chronicle_item_get_url (chronicle_feed_get_item (feed, 0)), ==, "https://example.org/about");
    g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (feed, 0)), ==, "https://example.org/about");
  }

  /* A channel's <title>, <link> and <description> that are there but
   * empty are not missing. */
  {
    const char *text = "<rss version=\"2.0\"><channel><title></title><link></link><description/>"
                       "<item><title>One</title></item></channel></rss>";
    g_autoptr(GPtrArray) diagnostics = NULL;
    g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);

    for (guint i = 0; i < diagnostics->len; i++)
      g_assert_cmpint (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->problem, !=,
                       CHRONICLE_PROBLEM_XML_MISSING);
  }

  {
    const char *text = "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\"><channel>" CHANNEL
                       "<item><title>One</title><itunes:author>Host</itunes:author></item></channel></rss>";
    g_autoptr(GPtrArray) diagnostics = NULL;
    g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);

    g_assert_cmpstrv (chronicle_item_get_authors (chronicle_feed_get_item (feed, 0)),
                      ((const char *[]) { "Host", NULL }));
  }

  /* A root in a namespace no feed has is named with it. */
  {
    const char *text = "<feed xmlns=\"http://example.com/newformat#\"><title>T</title></feed>";
    g_autoptr(GPtrArray) diagnostics = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronicleFeed) feed = chronicle_test_parse (text, strlen (text), &diagnostics, &error);
    const ChronicleDiagnostic *fatal = chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_NOT_A_FEED);

    g_assert_null (feed);
    g_assert_cmpstr (fatal->text2, ==, "http://example.com/newformat#");
    g_assert_nonnull (strstr (chronicle_test_message (fatal), "http://example.com/newformat#"));
  }
}

/* A file cut short, as a download can be: said as such (libxml2 calls it
 * "extra content at the end"), with what came before it read. */
static void
test_cut_short (void)
{
  const char *text = "<rss version=\"2.0\"><channel>" CHANNEL "<item><title>One</title></item><item><title>Tw";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  const ChronicleDiagnostic *cut = chronicle_test_find_problem (diagnostics, CHRONICLE_PROBLEM_XML_UNCLOSED);
  g_autofree char *read = titles (feed);

  g_assert_cmpstr (cut->text, ==, "title");
  g_assert_nonnull (strstr (chronicle_test_message (cut), "ends before the element <title> is closed"));
  g_assert_true (g_str_has_prefix (read, "One"));
  for (guint i = 0; i < diagnostics->len; i++)
    g_assert_cmpint (((ChronicleDiagnostic *) g_ptr_array_index (diagnostics, i))->problem, !=,
                     CHRONICLE_PROBLEM_XML_EXTRA_CONTENT);
}

/* Fields of Dublin Core, DC Terms, RSS 1.0 and Atom 0.3 that feeds use
 * in place of the core ones. */
static void
test_module_fields (void)
{
  const char *rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
                    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
                    "<channel rdf:about=\"https://example.org/\"><title>T</title><link>https://example.org/</link>"
                    "<description>D</description></channel>"
                    "<item rdf:about=\"https://example.org/a\"><dc:title>Dublin</dc:title>"
                    "<dc:description>Said in DC</dc:description><dcterms:issued>2024-08-06T10:00:00Z</dcterms:issued>"
                    "<dcterms:modified>2024-08-07T10:00:00Z</dcterms:modified>"
                    "<dc:creator>Jane Doe (jane@example.org)</dc:creator></item></rdf:RDF>";
  const char *atom03 = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>T</title>"
                       "<entry><title>Old</title><id>urn:1</id><issued>2004-01-01T00:00:00Z</issued>"
                       "<author><name>Ann</name><homepage>https://ann.example.org/</homepage></author>"
                       "<content type=\"text/html\" mode=\"base64\">PHA+SGk8L3A+</content></entry></feed>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (rdf, &diagnostics);
  ChronicleItem *item = chronicle_feed_get_item (feed, 0);
  g_autofree char *published = g_date_time_format_iso8601 (chronicle_item_get_date_published (item));
  g_autofree char *modified = g_date_time_format_iso8601 (chronicle_item_get_date_modified (item));
  g_autoptr(GPtrArray) diagnostics03 = NULL;
  g_autoptr(ChronicleFeed) feed03 = chronicle_test_parse_feed (atom03, &diagnostics03);
  ChronicleItem *entry = chronicle_feed_get_item (feed03, 0);

  g_assert_cmpstr (chronicle_item_get_title (item), ==, "Dublin");
  g_assert_cmpstr (chronicle_item_get_id (item), ==, "https://example.org/a");
  g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "Said in DC");
  g_assert_cmpstr (published, ==, "2024-08-06T10:00:00Z");
  g_assert_cmpstr (modified, ==, "2024-08-07T10:00:00Z");
  g_assert_cmpstrv (chronicle_item_get_authors (item), ((const char *[]) { "Jane Doe", NULL }));
  g_assert_cmpstrv (chronicle_item_get_author_urls (item), ((const char *[]) { "mailto:jane@example.org", NULL }));

  g_assert_cmpstr (chronicle_item_get_content_html (entry), ==, "<p>Hi</p>");
  g_assert_cmpstrv (chronicle_item_get_author_urls (entry), ((const char *[]) { "https://ann.example.org/", NULL }));
}

/* Relative addresses in an article: against xml:base where it is set;
 * in a file read from disk, the article's own address. */
static void
test_relative_urls (void)
{
  const char *text = "<rss version=\"2.0\"><channel>" CHANNEL
                     "<item><title>One</title><link>/posts/1</link>"
                     "<description>&lt;a href=\"../about\"&gt;about&lt;/a&gt; &lt;img srcset=\"a.png 1x, b.png 2x\"&gt;"
                     "</description></item>"
                     "<item xml:base=\"https://cdn.example.net/x/\"><title>Two</title>"
                     "<description>&lt;img src=\"pic.png?a=1&amp;amp;b=2\" alt='&amp;amp;'&gt;</description></item>"
                     "</channel></rss>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  ChronicleItem *one = chronicle_feed_get_item (feed, 0);
  ChronicleItem *two = chronicle_feed_get_item (feed, 1);
  g_autofree char *resolved_one = chronicle_html_resolve_urls (chronicle_item_get_content_html (one),
                                                               one->base_url);
  g_autofree char *resolved_two = chronicle_html_resolve_urls (chronicle_item_get_content_html (two),
                                                               two->base_url);

  g_assert_cmpstr (chronicle_item_get_url (one), ==, "https://example.org/posts/1");
  g_assert_cmpstr (resolved_one, ==,
                   "<a href=\"https://example.org/about\">about</a> "
                   "<img srcset=\"https://example.org/posts/a.png 1x, https://example.org/posts/b.png 2x\">");
  g_assert_cmpstr (resolved_two, ==, "<img src=\"https://cdn.example.net/x/pic.png?a=1&amp;b=2\" alt='&amp;'>");
  g_assert_null (chronicle_html_resolve_urls ("<a href=\"https://a.example/\">x</a>", "https://b.example/"));
}

/* A preview stops after its first items; the next item starting inside
 * an unclosed one ends the reading in the middle of its start tag, whose
 * attributes libxml2 has then freed (found by fuzzing). */
static void
test_preview_stops (void)
{
  const char *text = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
                     "<channel rdf:about=\"https://example.org/\"><title>T</title></channel>"
                     "<item rdf:about=\"https://example.org/1\"><title>One</title>"
                     "<item rdf:about=\"https://example.org/2\"><title>Two</title>"
                     "<item rdf:about=\"https://example.org/3\"><title>Three</title></rdf:RDF>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(ChronicleFeed) preview = chronicle_feed_parse_preview (bytes, 1);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(ChronicleFeed) feed = chronicle_test_parse_feed (text, &diagnostics);
  g_autofree char *all = titles (feed);

  g_assert_cmpuint (chronicle_feed_get_n_items (preview), ==, 1);
  g_assert_cmpstr (chronicle_item_get_id (chronicle_feed_get_item (preview, 0)), ==, "https://example.org/1");
  g_assert_cmpstr (all, ==, "One|Two|Three");
}

/* A preview is made from the start of a large file alone, cut anywhere:
 * in JSON Feed and in RSS, the first items are read. */
static void
test_preview_of_start (void)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": [");
  g_autoptr(GString) rss = g_string_new ("<rss version=\"2.0\"><channel>" CHANNEL);

  for (guint i = 0; i < 2000; i++)
    {
      g_string_append_printf (json, "%s\n{\"id\": \"j%u\", \"title\": \"Item %u\", \"content_text\": \"Text\"}",
                              i > 0 ? "," : "", i, i);
      g_string_append_printf (rss, "\n<item><title>Item %u</title><guid>r%u</guid></item>", i, i);
    }

  for (guint format = 0; format < 2; format++)
    {
      GString *text = format == 0 ? json : rss;
      /* Cut in the middle of an item, as a read of the first bytes is. */
      g_autoptr(GBytes) start = g_bytes_new (text->str, text->len / 2 + 7);
      g_autoptr(ChronicleFeed) preview = chronicle_feed_parse_preview (start, 100);

      g_assert_nonnull (preview);
      g_assert_cmpuint (chronicle_feed_get_n_items (preview), ==, 100);
      g_assert_cmpstr (chronicle_item_get_title (chronicle_feed_get_item (preview, 99)), ==, "Item 99");
    }
}

/* @diagnostics as --check prints them, in the order of the file; the
 * duplicate ids, without their places, at the end. */
static char *
problems_as_text (GPtrArray *diagnostics)
{
  GString *text = g_string_new (NULL);
  GString *duplicates = g_string_new (NULL);

  chronicle_diagnostics_sort (diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->problem == CHRONICLE_PROBLEM_ITEM_DUPLICATE_ID)
        {
          g_string_append_printf (duplicates, "duplicate %s\n", diagnostic->text);
          continue;
        }
      line = chronicle_diagnostic_to_string (diagnostic, "feed");
      g_string_append_printf (text, "%s\n", line);
    }

  g_string_append (text, duplicates->str);
  g_string_free (duplicates, TRUE);
  return g_string_free (text, FALSE);
}

/* A large feed read on two threads is read as one reading reads it: the
 * same items in the same order, the same problems at the same places,
 * duplicates across the cut left out, channel elements after the items
 * kept. */
static void
test_halves (gconstpointer data)
{
  gboolean atom = GPOINTER_TO_INT (data) == 1;
  /* The first item on the line of the channel's head, as some write it. */
  gboolean glued = GPOINTER_TO_INT (data) == 2;
  const char *item = atom ? "entry" : "item";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) two = chronicle_diagnostics_new ();
  g_autoptr(GPtrArray) one = chronicle_diagnostics_new ();
  g_autoptr(ChronicleFeed) halves = NULL;
  g_autoptr(ChronicleFeed) whole = NULL;

  if (atom)
    g_string_append (text, "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>T</title>\n"
                           "<author><name>Desk</name></author>\n<updated>2024-08-06T10:00:00Z</updated>\n");
  else
    g_string_append (text, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                           "<channel>\n<title>T &amp; &nbsp;co</title>\n<link>https://example.org/</link>\n"
                           "<dc:creator>Desk</dc:creator>\n");
  for (guint i = 0; i < 6000; i++)
    {
      /* Every 500th repeats the id of the first; every 97th has a bare
       * "&"; every 1000th a date that cannot be read. */
      if (glued && i == 0)
        g_string_truncate (text, text->len - 1);
      g_string_append_printf (text, "%s<%s>\n    <title>Item %u%s</title>\n", glued && i == 0 ? "" : "  ", item, i,
                              i % 97 == 0 ? " & more" : "");
      if (atom)
        g_string_append_printf (text, "    <id>urn:%u</id>\n    <updated>%s</updated>\n"
                                "    <content type=\"html\">&lt;p&gt;%s&lt;/p&gt;</content>\n",
                                i % 500 == 499 ? 0 : i, i % 1000 == 3 ? "yesterday" : "2024-08-06T10:00:00Z",
                                "Body text that is long enough to make the file large. Body text that is long enough.");
      else
        g_string_append_printf (text, "    <guid>g%u</guid>\n    <pubDate>%s</pubDate>\n"
                                "    <description>&lt;p&gt;%s&lt;/p&gt;</description>\n",
                                i % 500 == 499 ? 0 : i, i % 1000 == 3 ? "yesterday" : "Tue, 06 Aug 2024 10:00:00 GMT",
                                "Body text that is long enough to make the file large. Body text that is long enough.");
      for (guint j = 0; j < 6; j++)
        g_string_append (text, "    <category>Filler that makes each item take about a kilobyte of text</category>\n");
      g_string_append_printf (text, "  </%s>\n", item);
    }
  g_string_append (text, atom ? "<subtitle>After the entries</subtitle>\n</feed>\n"
                              : "<description>After the items</description>\n</channel>\n</rss>\n");
  g_assert_cmpuint (text->len, >, 4 * 1024 * 1024);

  /* A preview's limit makes the reading whole. */
  halves = chronicle_xml_feed_parse (text->str, text->len, NULL, 0, FALSE, two);
  whole = chronicle_xml_feed_parse (text->str, text->len, NULL, G_MAXUINT, FALSE, one);
  g_assert_nonnull (halves);
  g_assert_nonnull (whole);

  g_assert_cmpuint (chronicle_feed_get_n_items (halves), ==, 6000 - 12);
  g_assert_cmpuint (chronicle_feed_get_n_items (halves), ==, chronicle_feed_get_n_items (whole));
  for (guint i = 0; i < chronicle_feed_get_n_items (whole); i++)
    {
      ChronicleItem *a = chronicle_feed_get_item (halves, i);
      ChronicleItem *b = chronicle_feed_get_item (whole, i);

      g_assert_cmpstr (chronicle_item_get_id (a), ==, chronicle_item_get_id (b));
      g_assert_cmpstr (chronicle_item_get_title (a), ==, chronicle_item_get_title (b));
      g_assert_cmpstrv (chronicle_item_get_authors (a), chronicle_item_get_authors (b));
    }
  g_assert_cmpstr (chronicle_feed_get_description (halves), ==, atom ? "After the entries" : "After the items");
  g_assert_cmpstr (chronicle_feed_get_description (halves), ==, chronicle_feed_get_description (whole));

  /* Duplicates across the cut are found after the reading, without a
   * place: they are compared by their ids. */
  {
    g_autofree char *a = problems_as_text (two);
    g_autofree char *b = problems_as_text (one);

    g_assert_cmpstr (a, ==, b);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml-recovery/labels", test_labels);
  g_test_add_func ("/xml-recovery/latin1-in-cdata", test_latin1_in_cdata);
  g_test_add_func ("/xml-recovery/wide-encodings", test_wide_encodings);
  g_test_add_func ("/xml-recovery/broken-markup", test_broken_markup);
  g_test_add_func ("/xml-recovery/naked-markup", test_naked_markup);
  g_test_add_func ("/xml-recovery/namespaces", test_namespaces);
  g_test_add_func ("/xml-recovery/cut-short", test_cut_short);
  g_test_add_func ("/xml-recovery/module-fields", test_module_fields);
  g_test_add_func ("/xml-recovery/relative-urls", test_relative_urls);
  g_test_add_func ("/xml-recovery/preview-stops", test_preview_stops);
  g_test_add_func ("/xml-recovery/preview-of-start", test_preview_of_start);
  g_test_add_data_func ("/xml-recovery/halves/rss", GINT_TO_POINTER (0), test_halves);
  g_test_add_data_func ("/xml-recovery/halves/atom", GINT_TO_POINTER (1), test_halves);
  g_test_add_data_func ("/xml-recovery/halves/first-item-on-head-line", GINT_TO_POINTER (2), test_halves);

  return g_test_run ();
}
