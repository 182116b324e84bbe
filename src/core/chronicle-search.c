/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-search"

#include "config.h"

#include <string.h>

#include "chronicle-search.h"

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * chronicle_search_fold:
 * @text: UTF-8 text
 *
 * Folds text so that searching ignores case and accents: "SCHULMAN" and
 * "Schulman" fold alike, and so do "Müller" and "Muller".  Compatibility
 * decomposition also folds full-width Latin letters; CJK text is kept as
 * it is, so substrings of it match.  Runs of white space become one space.
 *
 * Returns: the folded text
 */
char *
chronicle_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    decomposed = g_utf8_make_valid (text, -1);

  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mark (c))
        continue;

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          space = FALSE;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * chronicle_search_terms:
 * @query: what the reader typed
 *
 * Returns: (transfer full): the folded words of @query; an article matches
 *   when it contains all of them
 */
char **
chronicle_search_terms (const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (query != NULL, NULL);

  folded = chronicle_search_fold (query);
  parts = g_strsplit (folded, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

gboolean
chronicle_search_matches (const char  *folded_text,
                          char       **terms)
{
  g_return_val_if_fail (folded_text != NULL, FALSE);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    if (strstr (folded_text, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}
