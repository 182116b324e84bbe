/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-opml"

#include "config.h"

#include <libxml/parser.h>
#include <string.h>

#include "chronicle-error.h"
#include "chronicle-opml.h"
#include "chronicle-uri.h"
#include "chronicle-xml-feed.h"

/* OPML 1.0 and 2.0 reading lists, as readers of feeds exchange them:
 * <outline> elements with an xmlUrl are subscriptions, those without are
 * folders.  Read with libxml2 without the network and without expanding
 * entities; every feed address must be http or https. */

void
chronicle_opml_entry_free (ChronicleOpmlEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->url);
  g_free (entry->title);
  g_free (entry->home_page_url);
  g_free (entry->folder);
  g_free (entry);
}

/* An attribute, whatever the case of its name (xmlUrl, xmlurl, XMLURL
 * all occur), trimmed; NULL when missing or empty. */
static char *
dup_attribute (const xmlNode *node,
               const char    *name)
{
  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value;
      char *copy;

      if (attr->name == NULL || g_ascii_strcasecmp ((const char *) attr->name, name) != 0)
        continue;
      value = xmlNodeGetContent ((const xmlNode *) attr);
      copy = value != NULL ? g_strstrip (g_strdup ((const char *) value)) : NULL;
      xmlFree (value);
      if (copy != NULL && (*copy == '\0' || !g_utf8_validate (copy, -1, NULL)))
        g_clear_pointer (&copy, g_free);
      return copy;
    }
  return NULL;
}

static gboolean
is_outline (const xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, "outline") == 0;
}

typedef struct
{
  const xmlNode *node;
  char          *folder;
} Frame;

/* The outlines under @body, depth first, without recursion. */
static gboolean
collect (const xmlNode  *body,
         GPtrArray      *entries,
         GError        **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const xmlNode *child = body->last; child != NULL; child = child->prev)
    if (is_outline (child))
      g_array_append_val (stack, ((Frame) { child, NULL }));

  while (stack->len > 0)
    {
      Frame frame = g_array_index (stack, Frame, stack->len - 1);
      g_autofree char *url = dup_attribute (frame.node, "xmlUrl");
      g_autofree char *title = dup_attribute (frame.node, "title");
      g_autofree char *text = dup_attribute (frame.node, "text");
      g_autofree char *folder = frame.folder;

      g_array_set_size (stack, stack->len - 1);

      if (url != NULL)
        {
          ChronicleOpmlEntry *entry;

          /* Anything but the web, and the same feed twice, are left out. */
          if (!chronicle_uri_is_web (url) || g_hash_table_contains (seen, url))
            continue;
          if (entries->len >= CHRONICLE_OPML_MAX_ENTRIES)
            {
              for (guint i = 0; i < stack->len; i++)
                g_free (g_array_index (stack, Frame, i).folder);
              g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE,
                           "more than %u subscriptions", CHRONICLE_OPML_MAX_ENTRIES);
              return FALSE;
            }

          entry = g_new0 (ChronicleOpmlEntry, 1);
          entry->url = g_strdup (url);
          entry->title = g_strdup (title != NULL ? title : text);
          entry->home_page_url = dup_attribute (frame.node, "htmlUrl");
          entry->folder = g_strdup (folder);
          g_hash_table_add (seen, g_steal_pointer (&url));
          g_ptr_array_add (entries, entry);
          continue;
        }

      /* A folder: its outlines are in it. */
      {
        const char *name = text != NULL ? text : title;
        g_autofree char *path = name == NULL ? g_strdup (folder)
                                : folder != NULL ? g_strconcat (folder, "/", name, NULL)
                                : g_strdup (name);

        for (const xmlNode *child = frame.node->last; child != NULL; child = child->prev)
          if (is_outline (child))
            g_array_append_val (stack, ((Frame) { child, g_strdup (path) }));
      }
    }

  return TRUE;
}

/**
 * chronicle_opml_parse:
 * @data: an OPML document
 *
 * Returns: (transfer container) (element-type ChronicleOpmlEntry): the
 *   subscriptions it lists, in its order, each feed once; %NULL when it
 *   is not OPML, with the line and column of what is wrong
 */
GPtrArray *
chronicle_opml_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_opml_entry_free);
  xmlDocPtr doc;
  const xmlNode *root;
  const xmlNode *body = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  chronicle_xml_init ();
  if (length > G_MAXINT)
    {
      g_set_error_literal (error, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE, "the file is too large");
      return NULL;
    }

  doc = xmlReadMemory (data, (int) length, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *last = xmlGetLastError ();

      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_SYNTAX, "%d:%d: %s",
                   last != NULL ? last->line : 0, last != NULL ? last->int2 : 0,
                   last != NULL && last->message != NULL ? g_strstrip (last->message) : "not well-formed XML");
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || g_strcmp0 ((const char *) root->name, "opml") != 0)
    {
      g_set_error (error, CHRONICLE_ERROR, CHRONICLE_ERROR_INVALID, "%d: the document is <%s>, not <opml>",
                   root != NULL ? root->line : 1, root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  for (const xmlNode *child = root->children; child != NULL && body == NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) child->name, "body") == 0)
      body = child;

  ok = body == NULL || collect (body, entries, error);
  xmlFreeDoc (doc);
  return ok ? g_steal_pointer (&entries) : NULL;
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

static void
append_entry (GString                  *out,
              const ChronicleOpmlEntry *entry,
              const char               *indent)
{
  g_string_append_printf (out, "%s<outline type=\"rss\"", indent);
  append_attribute (out, "text", entry->title != NULL ? entry->title : entry->url);
  append_attribute (out, "title", entry->title);
  append_attribute (out, "xmlUrl", entry->url);
  append_attribute (out, "htmlUrl", entry->home_page_url);
  g_string_append (out, "/>\n");
}

/**
 * chronicle_opml_write:
 * @entries: (element-type ChronicleOpmlEntry): the subscriptions
 * @title: the list's title
 *
 * Writes an OPML 2.0 reading list: the subscriptions without a folder
 * first, then one outline for each folder, in the order they first come
 * (folders in folders are written as one, named "A/B").
 *
 * Returns: (transfer full): the document
 */
char *
chronicle_opml_write (GPtrArray  *entries,
                      const char *title)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  g_string_append_printf (out, "    <title>%s</title>\n  </head>\n  <body>\n", escaped);
  for (guint i = 0; i < entries->len; i++)
    {
      const ChronicleOpmlEntry *entry = g_ptr_array_index (entries, i);

      if (entry->folder == NULL)
        append_entry (out, entry, "    ");
      else if (!g_ptr_array_find_with_equal_func (folders, entry->folder, g_str_equal, NULL))
        g_ptr_array_add (folders, entry->folder);
    }

  for (guint f = 0; f < folders->len; f++)
    {
      const char *folder = g_ptr_array_index (folders, f);

      g_string_append (out, "    <outline");
      append_attribute (out, "text", folder);
      append_attribute (out, "title", folder);
      g_string_append (out, ">\n");
      for (guint i = 0; i < entries->len; i++)
        {
          const ChronicleOpmlEntry *entry = g_ptr_array_index (entries, i);

          if (g_strcmp0 (entry->folder, folder) == 0)
            append_entry (out, entry, "      ");
        }
      g_string_append (out, "    </outline>\n");
    }

  g_string_append (out, "  </body>\n</opml>\n");
  return g_string_free (out, FALSE);
}
