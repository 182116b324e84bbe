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

int
main (int   argc,
      char *argv[])
{
  guint64 n_items, seed, long_bytes = 0;
  gboolean numeric_ids;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) base = NULL;

  if (argc < 4 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n_items, NULL) ||
      !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL) ||
      (argc > 4 && !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT32, &long_bytes, NULL)))
    {
      fprintf (stderr, "usage: chronicle-generate N_ITEMS SEED FILE [LONG_ARTICLE_BYTES [numeric-ids]]\n");
      return 2;
    }

  /* Ids written as numbers, as some real feeds do: one warning per item. */
  numeric_ids = argc > 5 && g_str_equal (argv[5], "numeric-ids");

  rand = g_rand_new_with_seed ((guint32) seed);
  base = g_date_time_new_utc (2024, 8, 6, 12, 0, 0);

  g_string_append (out, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Synthetic news\","
                        " \"home_page_url\": \"https://news.example.com/\", \"items\": [\n");

  for (guint64 i = 0; i < n_items; i++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autoptr(GDateTime) date = g_date_time_add_seconds (base, -(gdouble) g_rand_int_range (rand, 0, 3 * 365 * 86400));
      g_autofree char *iso = g_date_time_format_iso8601 (date);
      g_autofree char *title = g_strdup_printf ("%s %s %s amid %s", PICK (rand, people), PICK (rand, verbs),
                                                PICK (rand, organisations), PICK (rand, topics));
      guint n_paragraphs = g_rand_int_range (rand, 5, 11);

      for (guint p = 0; p < n_paragraphs; p++)
        append_paragraph (html, rand);
      if (i == 0)
        while (html->len < long_bytes)
          append_paragraph (html, rand);

      if (numeric_ids)
        g_string_append_printf (out, "%s{\"id\": %" G_GUINT64_FORMAT ", ", i > 0 ? ",\n" : "", i);
      else
        g_string_append_printf (out, "%s{\"id\": \"item-%" G_GUINT64_FORMAT "\", ", i > 0 ? ",\n" : "", i);
      g_string_append_printf (out, "\"url\": \"https://news.example.com/%" G_GUINT64_FORMAT "\", \"title\": ", i);
      append_json_string (out, title);
      g_string_append (out, ", \"summary\": ");
      append_json_string (out, PICK (rand, topics));
      g_string_append (out, ", \"content_html\": ");
      append_json_string (out, html->str);
      g_string_append_printf (out, ", \"date_published\": \"%s\", \"authors\": [{\"name\": ", iso);
      append_json_string (out, PICK (rand, people));
      g_string_append_printf (out, "}], \"tags\": [\"%s\", \"%s\"], \"language\": \"%s\","
                                   " \"_chronicle\": {\"source\": \"%s\"}}",
                              PICK (rand, topics), PICK (rand, organisations), PICK (rand, languages),
                              PICK (rand, organisations));
    }

  g_string_append (out, "\n]}\n");

  if (!g_file_set_contents (argv[3], out->str, out->len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  return 0;
}
