/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* Writes a synthetic collection for the benchmarks: deterministic for a
 * seed, with realistic titles, 5 to 10 paragraphs of HTML per item, dates,
 * authors, tags and a few languages.
 *
 *   chronicle-generate N_ITEMS SEED FILE [LONG_ARTICLE_BYTES]
 */

static const char * const people[] = {
  "John Schulman", "Greg Brockman", "Sam Altman", "Mira Murati", "Ilya Sutskever", "Andrej Karpathy",
  "Peter Deng", "Aleksander Madry", "Sarah Friar", "Kevin Weil", "Jan Leike", "Barret Zoph",
  "Lena Müller", "José Álvarez", "Søren Kierkegaard", "Zoë Brontë", "Ngozi Okonjo", "Hiroshi Tanaka",
};
static const char * const organisations[] = {
  "OpenAI", "Anthropic", "Google DeepMind", "Meta Platforms", "Microsoft", "Eureka Labs",
  "Safe Superintelligence", "Mistral", "Aleph Alpha", "Baidu", "Tencent", "Uber", "Airtable",
};
static const char * const verbs[] = {
  "joins", "leaves", "returns to", "takes leave from", "is reassigned within", "founds a rival to",
  "hires a new chief for", "restructures", "announces changes at", "reorganises",
};
static const char * const topics[] = {
  "alignment research", "post-training", "product strategy", "safety team", "search engine",
  "language models", "hardware plans", "the board", "funding round", "education start-up",
};
static const char * const words[] = {
  "the", "company", "said", "research", "team", "model", "according", "people", "familiar", "with",
  "matter", "decision", "which", "would", "new", "chapter", "leadership", "turbulence", "reports",
  "investors", "product", "release", "weeks", "month", "engineers", "statement", "colleagues",
  "strategy", "announced", "departure", "artificial", "intelligence", "start-up", "rival", "board",
  "über", "naïve", "façade", "café", "coöperation", "résumé", "año", "smörgåsbord",
};
static const char * const languages[] = { "en", "en", "en", "de", "fr", "ja" };

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, list) pick (rand, list, G_N_ELEMENTS (list))

static void
append_paragraph (GString *html,
                  GRand   *rand)
{
  guint n_words = g_rand_int_range (rand, 20, 60);

  g_string_append (html, "<p>");
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (html, ' ');
      if (g_rand_int_range (rand, 0, 25) == 0)
        g_string_append_printf (html, "<a href=\"https://news.example.com/%u\">%s</a>",
                                g_rand_int (rand), PICK (rand, people));
      else if (g_rand_int_range (rand, 0, 30) == 0)
        g_string_append_printf (html, "<em>%s</em>", PICK (rand, organisations));
      else
        g_string_append (html, PICK (rand, words));
    }
  g_string_append (html, ".</p>");
}

/* XML text: & < > and quotes escaped. */
static void
append_xml_text (GString    *out,
                 const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

typedef enum
{
  FORMAT_JSON,
  FORMAT_JSON_NUMERIC_IDS,   /* ids written as numbers, as some real feeds do */
  FORMAT_RSS,
  FORMAT_ATOM,
} Format;

typedef struct
{
  guint64     index;
  char       *title;
  const char *summary;
  GString    *html;
  GDateTime  *date;
  const char *author;
  const char *tags[2];
  const char *language;
  const char *source;
} Item;

static void
append_json_item (GString    *out,
                  const Item *item,
                  gboolean    numeric_id)
{
  g_autofree char *iso = g_date_time_format_iso8601 (item->date);

  if (numeric_id)
    g_string_append_printf (out, "%s{\"id\": %" G_GUINT64_FORMAT ", ", item->index > 0 ? ",\n" : "", item->index);
  else
    g_string_append_printf (out, "%s{\"id\": \"item-%" G_GUINT64_FORMAT "\", ", item->index > 0 ? ",\n" : "", item->index);
  g_string_append_printf (out, "\"url\": \"https://news.example.com/%" G_GUINT64_FORMAT "\", \"title\": ", item->index);
  append_json_string (out, item->title);
  g_string_append (out, ", \"summary\": ");
  append_json_string (out, item->summary);
  g_string_append (out, ", \"content_html\": ");
  append_json_string (out, item->html->str);
  g_string_append_printf (out, ", \"date_published\": \"%s\", \"authors\": [{\"name\": ", iso);
  append_json_string (out, item->author);
  g_string_append_printf (out, "}], \"tags\": [\"%s\", \"%s\"], \"language\": \"%s\", \"_chronicle\": {\"source\": \"%s\"}}",
                          item->tags[0], item->tags[1], item->language, item->source);
}

static void
append_rss_item (GString    *out,
                 const Item *item)
{
  g_autofree char *date = g_date_time_format (item->date, "%a, %d %b %Y %H:%M:%S %z");

  g_string_append_printf (out, "<item>\n<title>");
  append_xml_text (out, item->title);
  g_string_append_printf (out, "</title>\n<link>https://news.example.com/%" G_GUINT64_FORMAT "</link>\n"
                               "<guid isPermaLink=\"false\">item-%" G_GUINT64_FORMAT "</guid>\n<description>",
                          item->index, item->index);
  append_xml_text (out, item->summary);
  g_string_append_printf (out, "</description>\n<content:encoded><![CDATA[%s]]></content:encoded>\n"
                               "<pubDate>%s</pubDate>\n<dc:creator>", item->html->str, date);
  append_xml_text (out, item->author);
  g_string_append_printf (out, "</dc:creator>\n<category>%s</category>\n<category>%s</category>\n"
                               "<dc:language>%s</dc:language>\n</item>\n",
                          item->tags[0], item->tags[1], item->language);
}

static void
append_atom_entry (GString    *out,
                   const Item *item)
{
  g_autofree char *iso = g_date_time_format_iso8601 (item->date);

  g_string_append_printf (out, "<entry xml:lang=\"%s\">\n<id>tag:news.example.com,2024:item-%" G_GUINT64_FORMAT "</id>\n<title>",
                          item->language, item->index);
  append_xml_text (out, item->title);
  g_string_append_printf (out, "</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"https://news.example.com/%"
                               G_GUINT64_FORMAT "\"/>\n<published>%s</published>\n<updated>%s</updated>\n"
                               "<author><name>", item->index, iso, iso);
  append_xml_text (out, item->author);
  g_string_append (out, "</name></author>\n<summary>");
  append_xml_text (out, item->summary);
  g_string_append (out, "</summary>\n<content type=\"html\">");
  append_xml_text (out, item->html->str);
  g_string_append_printf (out, "</content>\n<category term=\"%s\"/>\n<category term=\"%s\"/>\n</entry>\n",
                          item->tags[0], item->tags[1]);
}

static const char *
format_start (Format format)
{
  switch (format)
    {
    case FORMAT_RSS:
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
             " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>Synthetic news</title>\n"
             "<link>https://news.example.com/</link>\n<description>Generated</description>\n";
    case FORMAT_ATOM:
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
             "<title>Synthetic news</title>\n<id>tag:news.example.com,2024:feed</id>\n"
             "<link rel=\"alternate\" href=\"https://news.example.com/\"/>\n<updated>2024-08-06T12:00:00Z</updated>\n";
    case FORMAT_JSON:
    case FORMAT_JSON_NUMERIC_IDS:
    default:
      return "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Synthetic news\","
             " \"home_page_url\": \"https://news.example.com/\", \"items\": [\n";
    }
}

static const char *
format_end (Format format)
{
  return format == FORMAT_RSS ? "</channel>\n</rss>\n" : format == FORMAT_ATOM ? "</feed>\n" : "\n]}\n";
}

int
main (int   argc,
      char *argv[])
{
  guint64 n_items, seed, long_bytes = 0;
  Format format = FORMAT_JSON;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) base = NULL;

  if (argc < 4 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n_items, NULL) ||
      !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL) ||
      (argc > 4 && !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT32, &long_bytes, NULL)))
    {
      fprintf (stderr, "usage: chronicle-generate N_ITEMS SEED FILE [LONG_ARTICLE_BYTES [numeric-ids|rss|atom]]\n");
      return 2;
    }

  /* The same items in every format: the random choices come in one order. */
  if (argc > 5)
    format = g_str_equal (argv[5], "numeric-ids") ? FORMAT_JSON_NUMERIC_IDS :
             g_str_equal (argv[5], "rss") ? FORMAT_RSS :
             g_str_equal (argv[5], "atom") ? FORMAT_ATOM : FORMAT_JSON;

  rand = g_rand_new_with_seed ((guint32) seed);
  base = g_date_time_new_utc (2024, 8, 6, 12, 0, 0);

  g_string_append (out, format_start (format));
  for (guint64 i = 0; i < n_items; i++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autoptr(GDateTime) date = g_date_time_add_seconds (base, -(gdouble) g_rand_int_range (rand, 0, 3 * 365 * 86400));
      g_autofree char *title = g_strdup_printf ("%s %s %s amid %s", PICK (rand, people), PICK (rand, verbs),
                                                PICK (rand, organisations), PICK (rand, topics));
      guint n_paragraphs = g_rand_int_range (rand, 5, 11);
      Item item = { i, title, NULL, html, date };

      for (guint p = 0; p < n_paragraphs; p++)
        append_paragraph (html, rand);
      if (i == 0)
        while (html->len < long_bytes)
          append_paragraph (html, rand);

      item.summary = PICK (rand, topics);
      item.author = PICK (rand, people);
      item.tags[0] = PICK (rand, topics);
      item.tags[1] = PICK (rand, organisations);
      item.language = PICK (rand, languages);
      item.source = PICK (rand, organisations);

      if (format == FORMAT_RSS)
        append_rss_item (out, &item);
      else if (format == FORMAT_ATOM)
        append_atom_entry (out, &item);
      else
        append_json_item (out, &item, format == FORMAT_JSON_NUMERIC_IDS);
    }
  g_string_append (out, format_end (format));

  if (!g_file_set_contents (argv[3], out->str, out->len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  return 0;
}
