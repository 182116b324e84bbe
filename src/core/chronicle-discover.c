/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-discover"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "chronicle-discover.h"
#include "chronicle-uri.h"
#include "chronicle-xml-feed.h"

/* Finding the feeds of a web page: the reader pastes the address of a
 * site, not of its feed.  Pages name their feeds with
 * <link rel="alternate" type="application/rss+xml" href="…">; when a page
 * names none, the usual places are tried. */

/* How much of the start of a body tells what it is. */
#define SNIFF_BYTES 1024

/* A page with more feeds than this is not offering a choice. */
#define MAX_LINKS 50

void
chronicle_feed_link_free (ChronicleFeedLink *link)
{
  if (link == NULL)
    return;

  g_free (link->url);
  g_free (link->title);
  g_free (link);
}

static gboolean
starts_with_tag (const char *p,
                 const char *end,
                 const char *name)
{
  gsize n = strlen (name);

  return (gsize) (end - p) > n && g_ascii_strncasecmp (p, name, n) == 0 &&
         (g_ascii_isspace (p[n]) || p[n] == '>' || p[n] == ':' || p[n] == '/');
}

/**
 * chronicle_discover_sniff:
 * @data: the start of a body, or all of it
 * @content_type: (nullable): the type the server gave, without parameters
 *
 * Tells a feed from a web page by the body's first element, as servers
 * often give feeds the wrong type (text/html, text/plain,
 * application/octet-stream).
 *
 * Returns: what the body is
 */
ChronicleContentKind
chronicle_discover_sniff (const char *data,
                          gsize       length,
                          const char *content_type)
{
  const char *p = data;
  const char *end = data + MIN (length, SNIFF_BYTES);

  g_return_val_if_fail (data != NULL || length == 0, CHRONICLE_CONTENT_OTHER);

  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p < end && (*p == '{' || *p == '['))
    return CHRONICLE_CONTENT_FEED;

  /* The first element, past the XML declaration, comments and the
   * doctype. */
  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      p++;
      if (p < end && (*p == '?' || *p == '!'))
        {
          if (starts_with_tag (p, end, "!doctype") && end - p > 13 &&
              g_ascii_strncasecmp (p + 9, "html", 4) == 0)
            return CHRONICLE_CONTENT_PAGE;
          continue;
        }

      if (starts_with_tag (p, end, "rss") || starts_with_tag (p, end, "feed") ||
          starts_with_tag (p, end, "rdf:RDF") || starts_with_tag (p, end, "RDF") ||
          starts_with_tag (p, end, "channel"))
        return CHRONICLE_CONTENT_FEED;
      if (starts_with_tag (p, end, "html") || starts_with_tag (p, end, "head") ||
          starts_with_tag (p, end, "body"))
        return CHRONICLE_CONTENT_PAGE;
      break;
    }

  /* Nothing recognised at the start: trust the server's type. */
  if (g_strcmp0 (content_type, "text/html") == 0 || g_strcmp0 (content_type, "application/xhtml+xml") == 0)
    return CHRONICLE_CONTENT_PAGE;
  if (content_type != NULL &&
      (g_str_has_suffix (content_type, "+xml") || g_str_has_suffix (content_type, "/xml") ||
       g_str_has_suffix (content_type, "+json") || g_str_has_suffix (content_type, "/json")))
    return CHRONICLE_CONTENT_FEED;
  return CHRONICLE_CONTENT_OTHER;
}

/* The kind of feed a link's type names, if it names one.  Plain
 * application/json is left out: WordPress names its REST API so. */
static gboolean
feed_kind_of_type (const char        *type,
                   ChronicleFeedKind *kind)
{
  g_autofree char *lower = NULL;
  char *semicolon;

  if (type == NULL)
    return FALSE;

  lower = g_ascii_strdown (type, -1);
  if ((semicolon = strchr (lower, ';')) != NULL)
    *semicolon = '\0';
  g_strstrip (lower);

  if (g_str_equal (lower, "application/rss+xml") || g_str_equal (lower, "application/rdf+xml"))
    *kind = CHRONICLE_FEED_KIND_RSS;
  else if (g_str_equal (lower, "application/atom+xml"))
    *kind = CHRONICLE_FEED_KIND_ATOM;
  else if (g_str_equal (lower, "application/feed+json"))
    *kind = CHRONICLE_FEED_KIND_JSON_FEED;
  else
    return FALSE;
  return TRUE;
}

/* Whether the space-separated tokens of @rel include "alternate" (and
 * not "stylesheet", as in "alternate stylesheet"). */
static gboolean
is_alternate (const char *rel)
{
  g_auto(GStrv) tokens = NULL;
  gboolean alternate = FALSE;

  if (rel == NULL)
    return FALSE;

  tokens = g_strsplit_set (rel, " \t\n\r\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (tokens[i], "stylesheet") == 0)
        return FALSE;
      if (g_ascii_strcasecmp (tokens[i], "alternate") == 0)
        alternate = TRUE;
    }
  return alternate;
}

static char *
dup_attribute (const xmlNode *node,
               const char    *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
is_element (const xmlNode *node,
            const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

typedef struct
{
  char       *base;       /* the page's address, or its <base href> */
  gboolean    based;      /* only the first <base> counts */
  GPtrArray  *links;
  GHashTable *seen;
} Search;

static void
add_link (Search        *search,
          const xmlNode *node)
{
  g_autofree char *rel = dup_attribute (node, "rel");
  g_autofree char *type = NULL;
  g_autofree char *href = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  ChronicleFeedKind kind;
  ChronicleFeedLink *link;

  if (!is_alternate (rel))
    return;

  type = dup_attribute (node, "type");
  if (!feed_kind_of_type (type, &kind))
    return;

  href = dup_attribute (node, "href");
  if (href == NULL)
    return;
  url = g_uri_resolve_relative (search->base, g_strstrip (href), G_URI_FLAGS_NONE, NULL);
  if (!chronicle_uri_is_web (url))
    return;
  if (g_hash_table_contains (search->seen, url) || search->links->len >= MAX_LINKS)
    return;

  title = dup_attribute (node, "title");
  if (title != NULL)
    {
      g_strstrip (title);
      if (*title == '\0' || !g_utf8_validate (title, -1, NULL))
        g_clear_pointer (&title, g_free);
    }

  link = g_new0 (ChronicleFeedLink, 1);
  link->url = g_steal_pointer (&url);
  link->title = g_steal_pointer (&title);
  link->kind = kind;
  g_hash_table_add (search->seen, link->url);
  g_ptr_array_add (search->links, link);
}

/* Iterative, as a hostile page may nest as deep as libxml2 lets it. */
static void
walk (Search        *search,
      const xmlNode *root)
{
  const xmlNode *node = root;

  while (node != NULL)
    {
      if (is_element (node, "base") && !search->based)
        {
          g_autofree char *href = dup_attribute (node, "href");
          g_autofree char *resolved = href != NULL ? g_uri_resolve_relative (search->base, href, G_URI_FLAGS_NONE, NULL)
                                                   : NULL;

          search->based = TRUE;
          if (resolved != NULL)
            g_set_str (&search->base, resolved);
        }
      else if (is_element (node, "link"))
        add_link (search, node);

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node->next == NULL && node != root)
        node = node->parent;
      if (node == NULL || node == root)
        break;
      node = node->next;
    }
}

/**
 * chronicle_discover_links:
 * @html: a web page
 * @page_url: the address it came from, after redirects
 *
 * The feeds the page names in <link rel="alternate"> elements of the feed
 * types, in the order it names them, each once, resolved against the
 * page's address (or its <base>).  Only http and https addresses are kept.
 *
 * Returns: (transfer container) (element-type ChronicleFeedLink): the
 *   feeds, perhaps none
 */
GPtrArray *
chronicle_discover_links (const char *html,
                          gsize       length,
                          const char *page_url)
{
  Search search;
  htmlDocPtr doc;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (page_url != NULL, NULL);

  search.base = g_strdup (page_url);
  search.based = FALSE;
  search.links = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_feed_link_free);
  search.seen = g_hash_table_new (g_str_hash, g_str_equal);

  chronicle_xml_init ();
  doc = length > 0 ? htmlReadMemory (html, (int) MIN (length, G_MAXINT), page_url, NULL,
                                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_NONET | HTML_PARSE_NODEFDTD)
                   : NULL;
  if (doc != NULL)
    {
      walk (&search, xmlDocGetRootElement (doc));
      xmlFreeDoc (doc);
    }

  g_hash_table_unref (search.seen);
  g_free (search.base);
  return search.links;
}

/**
 * chronicle_discover_usual_paths:
 * @page_url: the address of a page of the site
 *
 * Where sites usually keep their feed, for a page that names none.
 *
 * Returns: (transfer full): absolute addresses to try, in order
 */
char **
chronicle_discover_usual_paths (const char *page_url)
{
  static const char * const paths[] = { "/feed", "/rss", "/atom.xml", "/feed.json", "/index.xml" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (page_url != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      char *url = g_uri_resolve_relative (page_url, paths[i], G_URI_FLAGS_NONE, NULL);

      if (url != NULL && g_strcmp0 (url, page_url) != 0)
        g_strv_builder_take (builder, url);
      else
        g_free (url);
    }

  return g_strv_builder_end (builder);
}
