/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-search.h"
#include "chronicle-search-table.h"
#include "chronicle-state.h"

#include <string.h>

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

/* A random word: short ones from a few letters repeat across keys; the
 * numbered ones make vocabularies larger than one part holds. */
static char *
random_word (GRand *rand)
{
  static const char letters[] = "abcéx";

  if (g_rand_int_range (rand, 0, 4) == 0)
    return g_strdup_printf ("w%06d", g_rand_int_range (rand, 0, 200000));

  {
    GString *word = g_string_new (NULL);
    guint n = g_rand_int_range (rand, 1, 5);

    for (guint i = 0; i < n; i++)
      {
        guint l = g_rand_int_range (rand, 0, 5);

        /* "é" is two bytes. */
        if (l == 3)
          g_string_append (word, "é");
        else
          g_string_append_c (word, letters[l]);
      }
    return g_string_free (word, FALSE);
  }
}

static gboolean
reference_matches (const char   *key,
                   char * const *terms)
{
  for (guint t = 0; terms[t] != NULL; t++)
    if (strstr (key, terms[t]) == NULL)
      return FALSE;
  return TRUE;
}

static void
test_search_table (void)
{
  const guint n_keys = 3000, n_stories = 2000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(ChronicleState) state = chronicle_state_new (NULL);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_search_table_unref);
  g_autofree guint *serials = g_new (guint, n_keys);
  g_autofree guint *story_of = g_new (guint, n_keys);
  g_auto(GStrv) keys = g_new0 (char *, n_keys + 1);
  g_autoptr(ChronicleSearchTableBuilder) builder = NULL;
  ChronicleSearchTable *table;
  g_autoptr(ChronicleSearchResult) previous = NULL;

  for (guint s = 0; s < n_stories; s++)
    g_ptr_array_add (stories, chronicle_story_new ("story", NULL, state));

  /* Keys of unique words, a tenth of them long enough to fill several
   * vocabularies; a few items have none. */
  for (guint i = 0; i < n_keys; i++)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n = i % 10 == 0 ? 1500 : g_rand_int_range (rand, 0, 40);

      for (guint w = 0; w < n; w++)
        {
          char *word = random_word (rand);

          if (!g_hash_table_add (seen, word))
            continue;
          g_string_append_printf (key, "%s%s", key->len > 0 ? " " : "", word);
        }
      keys[i] = g_string_free (g_steal_pointer (&key), FALSE);
      story_of[i] = g_rand_int_range (rand, 0, n_stories);
      serials[i] = chronicle_story_get_serial (g_ptr_array_index (stories, story_of[i]));
    }

  /* Set in an order of their own, as the store gives them. */
  builder = chronicle_search_table_builder_new (serials, n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      guint k = (i * 7919) % n_keys;

      if (k % 97 != 5)
        chronicle_search_table_builder_set_key (builder, k, keys[k], strlen (keys[k]));
    }
  table = chronicle_search_table_builder_end (g_steal_pointer (&builder));
  g_ptr_array_add (tables, table);

  /* Each key as it was set. */
  for (guint i = 0; i < n_keys; i++)
    {
      gsize length;
      g_autofree char *key = chronicle_search_table_dup_key (table, i, &length);

      g_assert_cmpstr (key, ==, i % 97 != 5 ? keys[i] : "");
      g_assert_cmpuint (length, ==, strlen (key));
    }
  for (guint i = 0; i < n_keys; i++)
    if (i % 97 == 5)
      keys[i][0] = '\0';

  /* Terms typed on, one letter at a time, and pairs of terms: the stories
   * found are those with an item whose key has every term. */
  for (guint q = 0; q < 60; q++)
    {
      g_autofree char *first = random_word (rand);
      g_autofree char *second = random_word (rand);
      g_autofree char *typed = q % 3 == 0 ? g_strconcat (first, " ", second, NULL) : g_strdup (second);

      g_clear_pointer (&previous, chronicle_search_result_free);
      for (gsize length = 1; length <= strlen (typed); length++)
        {
          g_autofree char *prefix = g_strndup (typed, length);
          g_auto(GStrv) terms = NULL;
          g_autoptr(ChronicleSearchResult) result = NULL;

          if (!g_utf8_validate (prefix, -1, NULL))
            continue;
          terms = chronicle_search_terms (prefix);
          result = chronicle_search_result_new (tables, terms, previous, TRUE);
          for (guint s = 0; s < n_stories; s++)
            {
              gboolean expected = FALSE;

              for (guint i = 0; i < n_keys && !expected; i++)
                expected = story_of[i] == s && reference_matches (keys[i], terms);
              if (chronicle_search_result_contains (result, g_ptr_array_index (stories, s)) != expected)
                g_error ("\"%s\": story %u %s", prefix, s, expected ? "not found" : "found wrongly");
            }
          g_clear_pointer (&previous, chronicle_search_result_free);
          previous = g_steal_pointer (&result);
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
  g_test_add_func ("/search/table", test_search_table);

  return g_test_run ();
}
