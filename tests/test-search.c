/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-search.h"

static gboolean
finds (const char *text,
       const char *query)
{
  g_autofree char *folded = chronicle_search_fold (text);
  g_auto(GStrv) terms = chronicle_search_terms (query);

  return chronicle_search_matches (folded, terms);
}

static void
test_search_case (void)
{
  g_assert_true (finds ("JOHN SCHULMAN LEAVES", "Schulman"));
  g_assert_true (finds ("John Schulman", "SCHULMAN"));
  g_assert_true (finds ("Straße", "STRASSE"));
  g_assert_false (finds ("John Schulman", "Schulmann"));
}

static void
test_search_accents (void)
{
  g_assert_true (finds ("Thomas Müller", "Muller"));
  g_assert_true (finds ("Thomas Muller", "Müller"));
  g_assert_true (finds ("Café de Flore", "cafe"));
  g_assert_true (finds ("Ελληνικά", "ελληνικα"));
  g_assert_true (finds ("Проект Ёлка", "елка"));
  g_assert_false (finds ("Thomas Müller", "Mueller"));
}

static void
test_search_cjk (void)
{
  g_assert_true (finds ("OpenAI联合创始人约翰·舒尔曼加入Anthropic", "舒尔曼"));
  g_assert_true (finds ("日本語のニュース記事", "ニュース"));
  g_assert_true (finds ("ＯｐｅｎＡＩ", "openai"));
  g_assert_false (finds ("日本語のニュース記事", "中文"));
}

static void
test_search_terms (void)
{
  g_auto(GStrv) terms = chronicle_search_terms ("  Sam   ALTMAN ");

  g_assert_cmpstrv (terms, ((const char *[]) { "sam", "altman", NULL }));

  /* All words must appear, in any order. */
  g_assert_true (finds ("Altman, Sam: the return", "sam altman"));
  g_assert_false (finds ("Sam Bankman", "sam altman"));

  /* An empty query matches everything. */
  g_assert_true (finds ("anything", "   "));
}

static void
test_search_whitespace (void)
{
  g_autofree char *folded = chronicle_search_fold ("  Open\tAI \n\n news ");

  g_assert_cmpstr (folded, ==, "open ai news");
  g_assert_true (finds ("Open\nAI", "open ai"));
}

static char *
fold_fast (const char *text,
           gboolean    html)
{
  GString *out = g_string_new (NULL);

  chronicle_search_fold_fast_append (out, text, html);
  return g_string_free (out, FALSE);
}

static void
test_search_fold_fast (void)
{
  const char *texts[] = {
    "Thomas Müller", "SCHULMAN", "Ελληνικά", "ＯｐｅｎＡＩ", "日本語のニュース", "Straße", "  a \t b  ",
  };

  /* The fast folder folds as the full one does. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *slow = chronicle_search_fold (texts[i]);
      g_autofree char *fast = fold_fast (texts[i], FALSE);

      g_assert_cmpstr (fast, ==, slow);
    }

  /* Every character of its table, between two letters. */
  for (gunichar c = 0x80; c < 0x800; c++)
    {
      char text[16] = "a";
      g_autofree char *slow = NULL;
      g_autofree char *fast = NULL;
      int len = g_unichar_to_utf8 (c, text + 1);

      text[1 + len] = 'b';
      slow = chronicle_search_fold (text);
      fast = fold_fast (text, FALSE);
      g_assert_cmpstr (fast, ==, slow);
    }

  /* And reads HTML as text: tags are gaps, entities are characters. */
  {
    g_autofree char *html = fold_fast ("<p>Thomas M&uuml;ller &amp; <b>Jos&#233;</b></p><p>next</p>", TRUE);
    g_assert_cmpstr (html, ==, "thomas muller & jose next");
  }
}

static void
test_search_unique_words (void)
{
  /* Short words, and long ones that differ only between their first and
   * last eight bytes. */
  static const char * const words[] = { "a", "ab", "abc", "b", "ba", "ca", "x-y", "é", "éa",
                                        "leadership", "leadershiq", "abcdefgh1stuvwxyz", "abcdefgh2stuvwxyz",
                                        "abcdefgh12stuvwxyz" };
  char text[] = " the model the team  model the";
  gsize length = chronicle_search_unique_words (text, strlen (text));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  /* The first of each word, in order. */
  g_assert_cmpstr (text, ==, "the model team");
  g_assert_cmpuint (length, ==, strlen ("the model team"));

  /* Any term without spaces is in the result exactly when it is in the
   * text, across many texts of few words. */
  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GString) original = g_string_new (NULL);
      g_autofree char *unique = NULL;
      guint n = g_rand_int_range (rand, 0, 30);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (original, "%s%s", i > 0 ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      unique = g_strdup (original->str);
      length = chronicle_search_unique_words (unique, original->len);
      g_assert_cmpuint (length, ==, strlen (unique));
      g_assert_cmpuint (length, <=, original->len);

      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        for (guint v = 0; v < G_N_ELEMENTS (words); v++)
          {
            g_autofree char *term = g_strconcat (words[w], words[v], NULL);

            g_assert_cmpint (strstr (original->str, words[w]) != NULL, ==, strstr (unique, words[w]) != NULL);
            g_assert_cmpint (strstr (original->str, term) != NULL, ==, strstr (unique, term) != NULL);
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/case", test_search_case);
  g_test_add_func ("/search/accents", test_search_accents);
  g_test_add_func ("/search/cjk", test_search_cjk);
  g_test_add_func ("/search/terms", test_search_terms);
  g_test_add_func ("/search/whitespace", test_search_whitespace);
  g_test_add_func ("/search/fold-fast", test_search_fold_fast);
  g_test_add_func ("/search/unique-words", test_search_unique_words);

  return g_test_run ();
}
