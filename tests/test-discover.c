/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Finding a site's feeds from its page, and telling feeds from pages. */

#include "config.h"

#include <string.h>

#include "chronicle-discover.h"

static GPtrArray *
links_of (const char *html,
          const char *url)
{
  return chronicle_discover_links (html, strlen (html), url);
}

static const ChronicleFeedLink *
link_at (GPtrArray *links,
         guint      i)
{
  g_assert_cmpuint (i, <, links->len);
  return g_ptr_array_index (links, i);
}

static void
test_links (void)
{
  const char *page =
    "<!DOCTYPE html><html><head><title>A site</title>"
    "<link rel=\"stylesheet\" href=\"/style.css\">"
    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\" News (RSS) \" href=\"/feed.xml\">"
    "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"News (Atom)\" href=\"atom.xml\">"
    "<LINK REL=\"Alternate\" TYPE=\"Application/Feed+JSON; charset=utf-8\" HREF=\"https://cdn.example.org/feed.json\">"
    /* Not feeds: WordPress' REST API, oEmbed, a translation, a style. */
    "<link rel=\"alternate\" type=\"application/json\" href=\"/wp-json/wp/v2/pages/2\">"
    "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"/oembed\">"
    "<link rel=\"alternate\" hreflang=\"de\" href=\"/de/\">"
    "<link rel=\"alternate stylesheet\" type=\"application/rss+xml\" href=\"/odd.css\">"
    /* Twice, and somewhere no feed can be. */
    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">"
    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"file:///etc/passwd\">"
    "</head><body><p>Hello"
    /* In the body, as some sites do. */
    "<link rel=\"home alternate\" type=\"application/rss+xml\" href=\"/comments/feed/\" title=\"Comments\">"
    "</body></html>";
  g_autoptr(GPtrArray) links = links_of (page, "https://example.org/blog/index.html");

  g_assert_cmpuint (links->len, ==, 4);
  g_assert_cmpstr (link_at (links, 0)->url, ==, "https://example.org/feed.xml");
  g_assert_cmpstr (link_at (links, 0)->title, ==, "News (RSS)");
  g_assert_cmpint (link_at (links, 0)->kind, ==, CHRONICLE_FEED_KIND_RSS);
  g_assert_cmpstr (link_at (links, 1)->url, ==, "https://example.org/blog/atom.xml");
  g_assert_cmpint (link_at (links, 1)->kind, ==, CHRONICLE_FEED_KIND_ATOM);
  g_assert_cmpstr (link_at (links, 2)->url, ==, "https://cdn.example.org/feed.json");
  g_assert_null (link_at (links, 2)->title);
  g_assert_cmpint (link_at (links, 2)->kind, ==, CHRONICLE_FEED_KIND_JSON_FEED);
  g_assert_cmpstr (link_at (links, 3)->url, ==, "https://example.org/comments/feed/");
  g_assert_cmpstr (link_at (links, 3)->title, ==, "Comments");
}

static void
test_base (void)
{
  const char *page =
    "<html><head><base href=\"https://static.example.org/site/\">"
    "<base href=\"https://ignored.example.org/\">"
    "<link rel=alternate type=application/atom+xml href=feed.atom></head></html>";
  g_autoptr(GPtrArray) links = links_of (page, "http://example.org/");

  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (link_at (links, 0)->url, ==, "https://static.example.org/site/feed.atom");
}

static void
test_no_links (void)
{
  g_autoptr(GPtrArray) none = links_of ("<html><head><title>No feeds</title></head><body>Hi</body></html>",
                                        "https://example.org/");
  g_autoptr(GPtrArray) empty = chronicle_discover_links ("", 0, "https://example.org/");
  g_autoptr(GPtrArray) garbage = links_of ("\x01\x02<<<>>> <link rel=alternate type=application/rss+xml",
                                           "https://example.org/");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (garbage->len, ==, 0);
}

static void
test_deep_page (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head>"
                                          "<link rel=alternate type=application/rss+xml href=/a.xml></head><body>");
  g_autoptr(GPtrArray) links = NULL;

  /* Far deeper than libxml2 builds the tree: still no stack spent. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "<link rel=alternate type=application/atom+xml href=/b.xml>");
  links = links_of (page->str, "https://example.org/");
  g_assert_cmpuint (links->len, >=, 1);
  g_assert_cmpstr (link_at (links, 0)->url, ==, "https://example.org/a.xml");
}

static void
test_usual_paths (void)
{
  g_auto(GStrv) paths = chronicle_discover_usual_paths ("https://example.org/blog/post?id=3#top");
  const char * const expected[] = {
    "https://example.org/feed", "https://example.org/rss", "https://example.org/atom.xml",
    "https://example.org/feed.json", "https://example.org/index.xml", NULL
  };

  g_assert_true (g_strv_equal ((const char * const *) paths, expected));
}

static void
test_sniff (void)
{
  static const struct
  {
    const char           *body;
    const char           *type;
    ChronicleContentKind  kind;
  } cases[] = {
    { "<?xml version=\"1.0\"?>\n<!-- generator --><rss version=\"2.0\"><channel>", "text/html", CHRONICLE_CONTENT_FEED },
    { "\xef\xbb\xbf<feed xmlns=\"http://www.w3.org/2005/Atom\">", "text/plain", CHRONICLE_CONTENT_FEED },
    { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", NULL, CHRONICLE_CONTENT_FEED },
    { "  {\"version\": \"https://jsonfeed.org/version/1.1\"}", "text/html", CHRONICLE_CONTENT_FEED },
    { "<!DOCTYPE html>\n<html lang=\"en\">", "application/rss+xml", CHRONICLE_CONTENT_PAGE },
    { "<!doctype HTML><title>x</title>", NULL, CHRONICLE_CONTENT_PAGE },
    { "<html><head>", "application/octet-stream", CHRONICLE_CONTENT_PAGE },
    { "<feedback>not a feed</feedback>", "text/html", CHRONICLE_CONTENT_PAGE },
    { "\x89PNG\r\n\x1a\n", "image/png", CHRONICLE_CONTENT_OTHER },
    { "plain words", "text/plain", CHRONICLE_CONTENT_OTHER },
    { "plain words", "application/atom+xml", CHRONICLE_CONTENT_FEED },
    { "", NULL, CHRONICLE_CONTENT_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].body);
      g_assert_cmpint (chronicle_discover_sniff (cases[i].body, strlen (cases[i].body), cases[i].type), ==,
                       cases[i].kind);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/discover/links", test_links);
  g_test_add_func ("/discover/base", test_base);
  g_test_add_func ("/discover/no-links", test_no_links);
  g_test_add_func ("/discover/deep-page", test_deep_page);
  g_test_add_func ("/discover/usual-paths", test_usual_paths);
  g_test_add_func ("/discover/sniff", test_sniff);

  return g_test_run ();
}
