/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <libxml/parserInternals.h>
#include <string.h>

#include "chronicle-xml-decode.h"
#include "chronicle-xml-feed-private.h"

/* Feeds write "AT&T", "Q&A" and "?a=1&b=2" without escaping the "&".
 * libxml2 reports each and, recovering, drops the "&" and the name after
 * it; browsers and other readers keep them as written.  So does Chronicle:
 * in text, the literal is put back where libxml2 left it out; in a start
 * tag, the tag's attributes are read again from its text, leniently,
 * before the element is handled. */

/* The text from the "&" libxml2 just read up to where it stopped, or
 * %NULL when there is none close by. */
static const xmlChar *
find_ampersand (xmlParserInputPtr input)
{
  const xmlChar *at = input->cur;

  for (guint n = 0; at > input->base && n < 256; n++)
    if (*--at == '&')
      return at;
  return NULL;
}

/**
 * chronicle_xml_recover_literal:
 *
 * After libxml2 reported a bare "&", or an entity it does not know: keeps
 * what was written, in the text being read or for the tag being read.
 */
void
chronicle_xml_recover_literal (XmlReader *reader)
{
  xmlParserCtxtPtr ctxt = reader->ctxt;
  xmlParserInputPtr input = ctxt->input;
  const xmlChar *amp;

  if (input == NULL || input->cur == NULL || input->base == NULL || (amp = find_ampersand (input)) == NULL)
    return;

  if (ctxt->instate == XML_PARSER_START_TAG || ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE)
    {
      /* A start tag is read whole from the buffer, which is not moved
       * meanwhile: its start is found again from here. */
      const xmlChar *lt = amp;

      while (lt > input->base && *lt != '<')
        lt--;
      if (*lt == '<' && reader->raw_tag < 0)
        {
          reader->raw_tag = lt - input->base;
          reader->raw_tag_input = input;
        }
      return;
    }

  if (ctxt->instate == XML_PARSER_CONTENT)
    chronicle_xml_characters (reader, amp, input->cur - amp);
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* Each attribute's qualified name and value in the text of a start tag. */
static GHashTable *
read_raw_attributes (const char *tag,
                     gsize       length)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *end = tag + length;
  const char *p = tag + 1;

  while (p < end && !g_ascii_isspace (*p) && *p != '>' && *p != '/')
    p++;

  for (;;)
    {
      const char *name, *value;
      char quote;

      p = skip_space (p, end);
      name = p;
      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      if (p == name)
        break;
      g_autofree char *qname = g_strndup (name, p - name);

      p = skip_space (p, end);
      if (p >= end || *p != '=')
        break;
      p = skip_space (p + 1, end);
      if (p >= end || (*p != '"' && *p != '\''))
        break;
      quote = *p++;
      value = p;
      while (p < end && *p != quote)
        p++;
      if (p >= end)
        break;
      if (memchr (value, '&', p - value) != NULL)
        g_hash_table_insert (values, g_steal_pointer (&qname), chronicle_xml_unescape (value, p - value));
      p++;
    }

  return values;
}

/**
 * chronicle_xml_recover_attributes:
 * @attributes: libxml2's SAX2 attributes of the element just started
 * @keep: where to keep the strings the returned array points to
 *
 * Returns: (transfer full) (nullable): the attributes with the values read
 *   again from the tag's text, when libxml2 dropped part of one; %NULL
 *   when nothing was dropped
 */
const xmlChar **
chronicle_xml_recover_attributes (XmlReader      *reader,
                                  const xmlChar **attributes,
                                  int             n_attributes,
                                  GPtrArray      *keep)
{
  xmlParserInputPtr input = reader->ctxt->input;
  g_autoptr(GHashTable) values = NULL;
  const xmlChar **fixed;
  gssize start = reader->raw_tag;

  reader->raw_tag = -1;
  if (start < 0 || input == NULL || input != reader->raw_tag_input || input->cur == NULL ||
      input->base + start >= input->cur)
    return NULL;

  values = read_raw_attributes ((const char *) input->base + start, input->cur - (input->base + start));
  fixed = g_memdup2 (attributes, sizeof (xmlChar *) * 5 * n_attributes);
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = fixed + 5 * i;
      g_autofree char *qname = attribute[1] != NULL
                               ? g_strdup_printf ("%s:%s", (const char *) attribute[1], (const char *) attribute[0])
                               : g_strdup ((const char *) attribute[0]);
      g_autofree char *key = NULL;
      char *value;

      if (!g_hash_table_steal_extended (values, qname, (gpointer *) &key, (gpointer *) &value))
        continue;
      g_ptr_array_add (keep, value);
      attribute[3] = (const xmlChar *) value;
      attribute[4] = (const xmlChar *) value + strlen (value);
    }

  return fixed;
}
