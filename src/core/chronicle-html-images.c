/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-html"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chronicle-document-private.h"

/* What the HTML converter makes of <img> and <picture>: a picture is an
 * image block; a tracking pixel is nothing at all (and so never
 * fetched); an icon the size of a letter stays in the text as its
 * alternative text. */

/* A <picture> offers a few sources, first; a hostile one may offer
 * thousands, or nest pictures in pictures. */
#define MAX_SOURCES 16
#define MAX_LOOKED  256

/* Icons in text (emoji, smileys) are at most this large a side. */
#define MAX_ICON_SIDE 32

/* Addresses that count visits and show nothing, as NetNewsWire and
 * Miniflux leave them out too. */
static const char *const trackers[] = {
  "://feeds.feedburner.com/~r/",
  "://pixel.wp.com/",
  "://stats.wordpress.com/",
  "://www.google-analytics.com/",
  "://pixel.quantserve.com/",
  "://feedads.g.doubleclick.net/",
  "://rss.buysellads.com/",
};

/* A length in CSS pixels: "600" or "600px"; -1 when it is not one (a
 * percentage, "auto"). */
static gint64
parse_length (const char *value)
{
  char *end = NULL;
  gint64 number;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (!g_ascii_isdigit (*value))
    return -1;
  number = g_ascii_strtoll (value, &end, 10);
  if (*end == '.')
    while (g_ascii_isdigit (*++end))
      ;
  if (g_ascii_strncasecmp (end, "px", 2) == 0)
    end += 2;
  while (g_ascii_isspace (*end))
    end++;

  return *end == '\0' || *end == ';' ? MIN (number, G_MAXINT) : -1;
}

/* The value of one property in a style attribute, or NULL. */
static char *
style_property (const char *style,
                const char *name)
{
  g_auto(GStrv) declarations = NULL;

  if (style == NULL)
    return NULL;

  declarations = g_strsplit (style, ";", 64);
  for (guint i = 0; declarations[i] != NULL; i++)
    {
      char *colon = strchr (declarations[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_ascii_strcasecmp (g_strstrip (declarations[i]), name) == 0)
        return g_ascii_strdown (g_strstrip (colon + 1), -1);
    }

  return NULL;
}

/* The length the attribute gives, else the style; -1 when neither. */
static gint64
dimension (const xmlNode *node,
           const char    *style,
           const char    *name)
{
  g_autofree char *attribute = chronicle_html_dup_attribute (node, name);
  g_autofree char *property = NULL;
  gint64 length = parse_length (attribute);

  if (length >= 0)
    return length;
  property = style_property (style, name);
  return parse_length (property);
}

static gboolean
is_hidden (const xmlNode *node,
           const char    *style)
{
  g_autofree char *display = style_property (style, "display");
  g_autofree char *visibility = style_property (style, "visibility");

  return xmlHasProp (node, (const xmlChar *) "hidden") != NULL ||
         g_strcmp0 (display, "none") == 0 ||
         g_strcmp0 (visibility, "hidden") == 0;
}

static gboolean
is_tracker (const char *url)
{
  for (guint i = 0; url != NULL && i < G_N_ELEMENTS (trackers); i++)
    {
      if (strstr (url, trackers[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_icon (const xmlNode *node,
         gint64         width,
         gint64         height)
{
  g_autofree char *class = chronicle_html_dup_attribute (node, "class");

  if (class != NULL && (strstr (class, "emoji") != NULL || strstr (class, "wp-smiley") != NULL))
    return TRUE;

  return width > 0 && height > 0 && width <= MAX_ICON_SIDE && height <= MAX_ICON_SIDE;
}

/* Pages that load their pictures late put a blank in src and the real
 * address in data-src (or one of its cousins). */
static char *
dup_image_address (Converter     *c,
                   const xmlNode *node,
                   const char    *name,
                   const char    *const *late_names)
{
  g_autofree char *address = chronicle_html_dup_address (node, name);
  const char *scheme;

  if (address == NULL || g_str_has_prefix (address, "data:"))
    {
      for (guint i = 0; late_names[i] != NULL; i++)
        {
          g_autofree char *late = chronicle_html_dup_address (node, late_names[i]);

          if (late != NULL)
            {
              g_free (address);
              address = g_steal_pointer (&late);
              break;
            }
        }
    }
  if (address == NULL)
    return NULL;

  scheme = g_uri_peek_scheme (address);
  if (g_strcmp0 (scheme, "javascript") == 0 || g_strcmp0 (scheme, "vbscript") == 0)
    return NULL;
  if (g_strcmp0 (scheme, "data") == 0)
    return g_steal_pointer (&address);

  return chronicle_html_resolve (c, g_steal_pointer (&address));
}

/* The <img>'s own srcset, with its src as the 1x image when the srcset
 * has none, as the HTML standard adds it. */
static GPtrArray *
img_candidates (Converter     *c,
                const xmlNode *node)
{
  static const char *const late_src[] = { "data-src", "data-lazy-src", "data-original", NULL };
  static const char *const late_srcset[] = { "data-srcset", "data-lazy-srcset", NULL };
  g_autofree char *src = dup_image_address (c, node, "src", late_src);
  g_autofree char *srcset = chronicle_html_dup_attribute (node, "srcset");
  GPtrArray *candidates;
  gboolean has_1x = FALSE;

  if (srcset == NULL)
    {
      for (guint i = 0; late_srcset[i] != NULL && srcset == NULL; i++)
        srcset = chronicle_html_dup_attribute (node, late_srcset[i]);
    }

  candidates = chronicle_srcset_parse (srcset, c->base_url);
  for (guint i = 0; i < candidates->len; i++)
    {
      const ChronicleImageCandidate *candidate = g_ptr_array_index (candidates, i);

      if (candidate->width > 0 || candidate->density == 1)
        has_1x = TRUE;
    }

  if (src != NULL && !has_1x)
    {
      ChronicleImageCandidate *candidate = g_new0 (ChronicleImageCandidate, 1);

      candidate->url = g_steal_pointer (&src);
      candidate->density = 1;
      g_ptr_array_add (candidates, candidate);
    }

  return candidates;
}

/**
 * chronicle_html_add_image_block:
 *
 * Makes an <img> an image block, or nothing when it is a tracking pixel.
 *
 * Returns: whether it was; %FALSE leaves it to the text, as an icon or
 *   an image without an address
 */
gboolean
chronicle_html_add_image_block (Converter     *c,
                                const xmlNode *node)
{
  g_autofree char *style = chronicle_html_dup_attribute (node, "style");
  g_autofree char *alt = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  gint64 width = dimension (node, style, "width");
  gint64 height = dimension (node, style, "height");
  ChronicleImage *image;

  if ((width >= 0 && width <= 1) || (height >= 0 && height <= 1) || is_hidden (node, style))
    return TRUE;
  if (is_icon (node, width, height))
    return FALSE;

  candidates = img_candidates (c, node);
  for (guint i = 0; i < candidates->len; i++)
    {
      if (is_tracker (((ChronicleImageCandidate *) g_ptr_array_index (candidates, i))->url))
        return TRUE;
    }

  if (c->picture_image != NULL)
    image = chronicle_image_copy (c->picture_image);
  else
    image = chronicle_image_new ();
  chronicle_image_add_source (image, NULL, g_steal_pointer (&candidates));
  if (image->sources->len == 0)
    {
      chronicle_image_free (image);
      return FALSE;
    }

  alt = chronicle_html_dup_attribute (node, "alt");
  if (alt != NULL && !chronicle_document_is_blank (alt, strlen (alt)))
    image->alt = g_strstrip (g_steal_pointer (&alt));
  image->href = g_strdup (chronicle_html_current_href (c));
  image->width = width > 0 ? (guint) width : 0;
  image->height = height > 0 ? (guint) height : 0;

  chronicle_html_add_image (c, image);

  return TRUE;
}

/* Media conditions cannot be weighed here; a <source> with one is for
 * some screens only, and the <img> serves all. */
static gboolean
is_for_any_screen (const char *media)
{
  return media == NULL || g_ascii_strcasecmp (media, "all") == 0 || g_ascii_strcasecmp (media, "screen") == 0;
}

/* The node after @node in document order, inside @root. */
static const xmlNode *
next_node (const xmlNode *node,
           const xmlNode *root)
{
  if (node->children != NULL)
    return node->children;
  while (node != root && node->next == NULL)
    node = node->parent;

  return node == root ? NULL : node->next;
}

/**
 * chronicle_html_enter_picture:
 *
 * Keeps the <source>s of a <picture> for the <img> inside it.
 */
void
chronicle_html_enter_picture (Converter     *c,
                              const xmlNode *node)
{
  guint looked = 0;

  g_clear_pointer (&c->picture_image, chronicle_image_free);
  c->picture = node;
  c->picture_image = chronicle_image_new ();

  /* libxml2 2.9 does not know <source> is empty, and nests what follows
   * it inside it: the subtree is looked through, in order. */
  for (const xmlNode *child = next_node (node, node);
       child != NULL && c->picture_image->sources->len < MAX_SOURCES && looked++ < MAX_LOOKED;
       child = next_node (child, node))
    {
      g_autofree char *media = NULL;
      g_autofree char *srcset = NULL;
      g_autofree char *type = NULL;

      if (child->type != XML_ELEMENT_NODE || g_strcmp0 ((const char *) child->name, "source") != 0)
        continue;
      media = chronicle_html_dup_attribute (child, "media");
      if (media != NULL)
        g_strstrip (media);
      srcset = chronicle_html_dup_attribute (child, "srcset");
      if (!is_for_any_screen (media) || srcset == NULL)
        continue;

      type = chronicle_html_dup_attribute (child, "type");
      if (type != NULL)
        g_strstrip (type);
      chronicle_image_add_source (c->picture_image, type, chronicle_srcset_parse (srcset, c->base_url));
    }
}

/* How much of a body is looked through for its first picture, and how
 * many <img>s (pixels, icons) may come before it. */
#define PICTURE_LOOK_BYTES (256 * 1024)
#define PICTURE_LOOK_TAGS  8
#define PICTURE_TAG_BYTES  8192

/* The end of the tag that starts at @tag: past its ">", outside quotes;
 * NULL when it does not end before @end. */
static const char *
tag_end (const char *tag,
         const char *end)
{
  char quote = '\0';

  for (const char *p = tag; p < end; p++)
    {
      if (quote != '\0')
        {
          if (*p == quote)
            quote = '\0';
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }

  return NULL;
}

static const char *
find_img_tag (const char *p,
              const char *end)
{
  for (; p + 5 <= end; p++)
    {
      p = memchr (p, '<', end - p);
      if (p == NULL || p + 5 > end)
        return NULL;
      if (g_ascii_strncasecmp (p + 1, "img", 3) == 0 &&
          (strchr (" \t\n\r\f/>", p[4]) != NULL && p[4] != '\0'))
        return p;
    }

  return NULL;
}

/**
 * chronicle_html_find_picture:
 * @html: (nullable): an HTML fragment
 * @length: the length of @html in bytes, or -1 when it ends with a NUL
 * @base_url: (nullable): the address relative links are resolved against
 *
 * Finds the picture a list shows for an article, at the cost of a scan:
 * each <img> is converted alone, as chronicle_document_new_from_html()
 * would, so that pixels and icons are passed over; this runs for every
 * article stored.
 *
 * Returns: (transfer full) (nullable): the first picture of the body
 */
ChronicleImage *
chronicle_html_find_picture (const char *html,
                             gssize      length,
                             const char *base_url)
{
  const char *p, *end;

  if (html == NULL)
    return NULL;

  end = html + MIN (length >= 0 ? (gsize) length : strlen (html), PICTURE_LOOK_BYTES);
  p = html;
  for (guint tags = 0; tags < PICTURE_LOOK_TAGS && (p = find_img_tag (p, end)) != NULL; tags++)
    {
      const char *stop = tag_end (p, MIN (end, p + PICTURE_TAG_BYTES));
      g_autoptr(ChronicleDocument) document = NULL;

      if (stop == NULL)
        return NULL;
      document = chronicle_html_convert (p, stop - p, base_url, TRUE);
      for (guint i = 0; i < document->blocks->len; i++)
        {
          const ChronicleBlock *block = g_ptr_array_index (document->blocks, i);

          if (block->kind == CHRONICLE_BLOCK_IMAGE)
            return chronicle_image_copy (block->image);
        }
      p = stop;
    }

  return NULL;
}
