/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading lists in OPML, both ways, and files built to break the reader. */

#include "config.h"

#include <string.h>

#include "chronicle-error.h"
#include "chronicle-opml.h"

static GPtrArray *
parse (const char  *text,
       GError     **error)
{
  return chronicle_opml_parse (text, strlen (text), error);
}

static const ChronicleOpmlEntry *
entry_at (GPtrArray *entries,
          guint      i)
{
  g_assert_cmpuint (i, <, entries->len);
  return g_ptr_array_index (entries, i);
}

static void
test_folders (void)
{
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<opml version=\"2.0\"><head><title>Mine</title></head><body>\n"
    "  <outline text=\"Top\" type=\"rss\" xmlUrl=\"https://example.org/feed\" htmlUrl=\"https://example.org/\"/>\n"
    "  <outline text=\"News\">\n"
    "    <outline title=\"Daily\" text=\"ignored\" xmlurl=\" https://daily.example/rss \"/>\n"
    "    <outline text=\"World\"><outline text=\"Far\" XMLURL=\"http://far.example/atom.xml\"/></outline>\n"
    "    <outline text=\"Again\" xmlUrl=\"https://example.org/feed\"/>\n"
    "    <outline text=\"Local file\" xmlUrl=\"file:///etc/passwd\"/>\n"
    "    <outline text=\"Script\" xmlUrl=\"javascript:alert(1)\"/>\n"
    "  </outline>\n"
    "</body></opml>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = parse (text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (entry_at (entries, 0)->url, ==, "https://example.org/feed");
  g_assert_cmpstr (entry_at (entries, 0)->title, ==, "Top");
  g_assert_cmpstr (entry_at (entries, 0)->home_page_url, ==, "https://example.org/");
  g_assert_null (entry_at (entries, 0)->folder);
  g_assert_cmpstr (entry_at (entries, 1)->url, ==, "https://daily.example/rss");
  g_assert_cmpstr (entry_at (entries, 1)->title, ==, "Daily");
  g_assert_cmpstr (entry_at (entries, 1)->folder, ==, "News");
  g_assert_cmpstr (entry_at (entries, 2)->url, ==, "http://far.example/atom.xml");
  g_assert_cmpstr (entry_at (entries, 2)->folder, ==, "News/World");
}

static void
test_round_trip (void)
{
  const char *text =
    "<opml version=\"1.0\"><body>"
    "<outline text=\"A &amp; B\" xmlUrl=\"https://a.example/?x=1&amp;y=2\"/>"
    "<outline text=\"F\"><outline text=\"“Quoted”\" xmlUrl=\"https://q.example/feed\" htmlUrl=\"https://q.example/\"/>"
    "<outline text=\"Also\" xmlUrl=\"https://also.example/feed\"/></outline>"
    "</body></opml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = parse (text, &error);
  g_autofree char *written = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_no_error (error);
  written = chronicle_opml_write (entries, "Chronicle <test>");
  g_assert_true (g_str_has_prefix (written, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
  g_assert_nonnull (strstr (written, "<title>Chronicle &lt;test&gt;</title>"));
  again = parse (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      g_assert_cmpstr (entry_at (again, i)->url, ==, entry_at (entries, i)->url);
      g_assert_cmpstr (entry_at (again, i)->title, ==, entry_at (entries, i)->title);
      g_assert_cmpstr (entry_at (again, i)->home_page_url, ==, entry_at (entries, i)->home_page_url);
      g_assert_cmpstr (entry_at (again, i)->folder, ==, entry_at (entries, i)->folder);
    }
}

static void
test_broken (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *where;
  } cases[] = {
    { "<opml><body><outline xmlUrl=\"http://x/\"", CHRONICLE_ERROR_SYNTAX, "1:" },
    { "\n\n<rss version=\"2.0\"><channel/></rss>", CHRONICLE_ERROR_INVALID, "3:" },
    { "", CHRONICLE_ERROR_SYNTAX, "" },
    { "not xml at all", CHRONICLE_ERROR_SYNTAX, "1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entries = parse (cases[i].text, &error);

      g_test_message ("case %u", i);
      g_assert_null (entries);
      g_assert_error (error, CHRONICLE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].where));
    }
}

static void
test_hostile (void)
{
  g_autoptr(GString) many = g_string_new ("<opml><body>");
  g_autoptr(GString) deep = g_string_new ("<opml><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  /* Entities are not expanded: a billion laughs costs nothing. */
  const char *laughs =
    "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>"
    "<opml><body><outline text=\"&f;\" xmlUrl=\"https://laugh.example/feed\"/></body></opml>";

  for (guint i = 0; i <= CHRONICLE_OPML_MAX_ENTRIES; i++)
    g_string_append_printf (many, "<outline xmlUrl=\"https://e%u.example/\"/>", i);
  g_string_append (many, "</body></opml>");
  entries = parse (many->str, &error);
  g_assert_null (entries);
  g_assert_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Deeper than libxml2 reads without HUGE: an error, no crash. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "<outline text=\"x\">");
  entries = parse (deep->str, &error);
  g_assert_null (entries);
  g_assert_nonnull (error);
  g_clear_error (&error);

  entries = parse (laughs, &error);
  if (entries != NULL)
    {
      g_assert_cmpuint (entries->len, ==, 1);
      g_assert_cmpuint (strlen (entry_at (entries, 0)->title != NULL ? entry_at (entries, 0)->title : ""), <, 1000);
    }
  else
    g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/opml/folders", test_folders);
  g_test_add_func ("/opml/round-trip", test_round_trip);
  g_test_add_func ("/opml/broken", test_broken);
  g_test_add_func ("/opml/hostile", test_hostile);

  return g_test_run ();
}
