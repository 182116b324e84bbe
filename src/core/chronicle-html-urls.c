/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-html"

#include "config.h"

#include <string.h>

#include "chronicle-document.h"
#include "chronicle-xml-decode.h"

/* An article's HTML with its links and pictures made absolute, for
 * --export-feed: a JSON Feed reader has no xml:base to resolve them
 * against.  The window resolves them as it shows the article. */

static const char * const url_attributes[] = {
  "href", "src", "poster", "cite", "longdesc", "background", "action", "data",
};

static char *
resolve (const char *base,
         const char *url)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));

  if (trimmed[0] == '\0' || g_uri_peek_scheme (trimmed) != NULL)
    return NULL;
  return g_uri_resolve_relative (base, trimmed, G_URI_FLAGS_NONE, NULL);
}

/* "a.png 1x, b.png 2x": each address resolved, the descriptors kept. */
static char *
resolve_srcset (const char *base,
                const char *srcset)
{
  g_auto(GStrv) candidates = g_strsplit (srcset, ",", -1);
  GString *result = g_string_new (NULL);
  gboolean changed = FALSE;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      char *candidate = g_strstrip (candidates[i]);
      const char *space = strpbrk (candidate, " \t\n");
      g_autofree char *url = g_strndup (candidate, space != NULL ? (gsize) (space - candidate) : strlen (candidate));
      g_autofree char *resolved = resolve (base, url);

      if (i > 0)
        g_string_append (result, ", ");
      g_string_append (result, resolved != NULL ? resolved : url);
      if (space != NULL)
        g_string_append (result, space);
      changed |= resolved != NULL;
    }

  if (!changed)
    {
      g_string_free (result, TRUE);
      return NULL;
    }
  return g_string_free (result, FALSE);
}

/* The end of the markup construct at @p ("<" of a tag, a comment, a
 * declaration), or of the text after it. */
static const char *
skip_comment (const char *p)
{
  const char *end = strstr (p + 4, "-->");

  return end != NULL ? end + 3 : p + strlen (p);
}

static gboolean
is_url_attribute (const char *name,
                  gsize       length,
                  gboolean   *srcset)
{
  *srcset = length == 6 && g_ascii_strncasecmp (name, "srcset", 6) == 0;
  for (guint i = 0; i < G_N_ELEMENTS (url_attributes) && !*srcset; i++)
    if (strlen (url_attributes[i]) == length && g_ascii_strncasecmp (name, url_attributes[i], length) == 0)
      return TRUE;
  return *srcset;
}

/* Reads the attributes of the start tag at @p into @output, with the
 * values of address attributes resolved; returns where the tag ends. */
static const char *
copy_tag (GString    *output,
          const char *p,
          const char *base,
          gboolean   *changed)
{
  const char *start = p;

  p++;
  while (*p != '\0' && *p != '>' && !g_ascii_isspace (*p) && *p != '/')
    p++;
  g_string_append_len (output, start, p - start);

  while (*p != '\0' && *p != '>')
    {
      const char *name = p, *name_end, *value, *value_end;
      gboolean srcset;
      char quote = 0;

      if (g_ascii_isspace (*p) || *p == '/')
        {
          g_string_append_c (output, *p++);
          continue;
        }
      while (*p != '\0' && *p != '>' && *p != '=' && !g_ascii_isspace (*p) && *p != '/')
        p++;
      name_end = p;
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '=')
        {
          g_string_append_len (output, name, p - name);
          continue;
        }
      p++;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '"' || *p == '\'')
        quote = *p++;
      value = p;
      while (*p != '\0' && (quote != 0 ? *p != quote : !g_ascii_isspace (*p) && *p != '>'))
        p++;
      value_end = p;

      g_string_append_len (output, name, value - name);
      if (is_url_attribute (name, name_end - name, &srcset))
        {
          g_autofree char *raw = chronicle_xml_unescape (value, value_end - value);
          g_autofree char *resolved = srcset ? resolve_srcset (base, raw) : resolve (base, raw);

          if (resolved != NULL)
            {
              g_autofree char *escaped = g_markup_escape_text (resolved, -1);

              g_string_append (output, escaped);
              *changed = TRUE;
            }
          else
            g_string_append_len (output, value, value_end - value);
        }
      else
        g_string_append_len (output, value, value_end - value);

      if (quote != 0 && *p == quote)
        g_string_append_c (output, *p++);
    }

  return p;
}

/**
 * chronicle_html_resolve_urls:
 * @html: an HTML fragment
 * @base_url: (nullable): the address it was published at
 *
 * The markup is kept as written, byte for byte, but for the values of
 * address attributes (href, src, srcset, …): libxml2's serializer would
 * rewrite the rest.
 *
 * Returns: (transfer full) (nullable): @html with every relative address
 *   of a link, picture or source resolved against @base_url, or %NULL when
 *   it has none
 */
char *
chronicle_html_resolve_urls (const char *html,
                             const char *base_url)
{
  g_autoptr(GString) output = NULL;
  gboolean changed = FALSE;
  const char *p = html;

  g_return_val_if_fail (html != NULL, NULL);

  if (base_url == NULL || g_uri_peek_scheme (base_url) == NULL)
    return NULL;

  output = g_string_sized_new (strlen (html) + 64);
  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');

      if (lt == NULL)
        {
          g_string_append (output, p);
          break;
        }
      g_string_append_len (output, p, lt - p);

      if (g_str_has_prefix (lt, "<!--"))
        {
          p = skip_comment (lt);
          g_string_append_len (output, lt, p - lt);
        }
      else if (g_ascii_isalpha (lt[1]))
        p = copy_tag (output, lt, base_url, &changed);
      else
        {
          g_string_append_c (output, '<');
          p = lt + 1;
        }
    }

  return changed ? g_string_free (g_steal_pointer (&output), FALSE) : NULL;
}
