/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include "chronicle-xml-feed-private.h"

/* What is in effect at the point of the document being read: the
 * xml:base that relative addresses are resolved against, and the
 * xml:lang of the text. */

const char *
chronicle_xml_base (XmlReader *reader)
{
  const char *base = chronicle_xml_explicit_base (reader);

  return base != NULL ? base : chronicle_xml_document_base (reader);
}

/**
 * chronicle_xml_explicit_base:
 *
 * Returns: (nullable): the xml:base in effect, if the file sets one
 */
const char *
chronicle_xml_explicit_base (XmlReader *reader)
{
  for (guint i = reader->stack->len; i > 0; i--)
    {
      const XmlFrame *frame = &g_array_index (reader->stack, XmlFrame, i - 1);

      if (frame->base != NULL)
        return frame->base;
    }

  return NULL;
}

gboolean
chronicle_xml_is_web_address (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/**
 * chronicle_xml_document_base:
 *
 * Returns: (nullable): what relative addresses are resolved against where
 *   no xml:base is set: the feed's address on the web; for a file on
 *   disk, the site's, which its links are relative to
 */
const char *
chronicle_xml_document_base (XmlReader *reader)
{
  if (!chronicle_xml_is_web_address (reader->document_uri) && reader->feed != NULL &&
      chronicle_xml_is_web_address (reader->feed->home_page_url))
    return reader->feed->home_page_url;
  return reader->document_uri;
}

const char *
chronicle_xml_lang (XmlReader *reader)
{
  for (guint i = reader->stack->len; i > 0; i--)
    {
      const XmlFrame *frame = &g_array_index (reader->stack, XmlFrame, i - 1);

      if (frame->lang != NULL)
        return frame->lang[0] != '\0' ? frame->lang : NULL;
    }

  return NULL;
}

/* @url resolved against the xml:base in effect, else the document's own
 * address. */
char *
chronicle_xml_resolve (XmlReader  *reader,
                       const char *url)
{
  g_autofree char *trimmed = NULL;
  const char *base;
  char *resolved;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  if (trimmed[0] == '\0')
    return NULL;

  base = chronicle_xml_base (reader);
  if (base == NULL || g_uri_peek_scheme (trimmed) != NULL)
    return g_steal_pointer (&trimmed);

  resolved = g_uri_resolve_relative (base, trimmed, G_URI_FLAGS_NONE, NULL);
  return resolved != NULL ? resolved : g_steal_pointer (&trimmed);
}
