/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-html"

#include "config.h"

#include <glib/gi18n.h>

#include <stdlib.h>
#include <string.h>

#include "chronicle-document-private.h"

/* The walk over the tree libxml2 parses: what each element means, and
 * what entering and leaving it does to the converter. */

typedef enum
{
  TAG_INLINE,
  TAG_DROP,
  TAG_BLOCK,
  TAG_HEADING,
  TAG_BLOCKQUOTE,
  TAG_LIST,
  TAG_LIST_ITEM,
  TAG_PRE,
  TAG_HR,
  TAG_BR,
  TAG_IMG,
  TAG_PICTURE,
  TAG_CAPTION,
  TAG_A,
  TAG_EMPHASIS,
  TAG_STRONG,
  TAG_CODE,
  TAG_Q,
  TAG_ROW,
  TAG_CELL,
} Tag;

typedef struct
{
  const char *name;
  Tag         tag;
} TagEntry;

/* Sorted by name for bsearch().  Elements not listed (span, u, s, mark,
 * small, sub, sup, abbr, time, unknown ones…) keep only their text.
 * <embed> is not dropped but passed through: it is empty, and libxml2 2.9
 * does not know so and hangs whatever follows it inside it.  The same goes
 * for <source>, <track> and <wbr>. */
static const TagEntry tags[] = {
  { "a", TAG_A },
  { "address", TAG_BLOCK },
  { "applet", TAG_DROP },
  { "article", TAG_BLOCK },
  { "aside", TAG_BLOCK },
  { "audio", TAG_DROP },
  { "b", TAG_STRONG },
  { "base", TAG_DROP },
  { "blockquote", TAG_BLOCKQUOTE },
  { "body", TAG_BLOCK },
  { "br", TAG_BR },
  { "button", TAG_DROP },
  { "canvas", TAG_DROP },
  { "caption", TAG_BLOCK },
  { "center", TAG_BLOCK },
  { "cite", TAG_EMPHASIS },
  { "code", TAG_CODE },
  { "dd", TAG_BLOCK },
  { "details", TAG_BLOCK },
  { "dfn", TAG_EMPHASIS },
  { "dir", TAG_LIST },
  { "div", TAG_BLOCK },
  { "dl", TAG_BLOCK },
  { "dt", TAG_BLOCK },
  { "em", TAG_EMPHASIS },
  { "fieldset", TAG_BLOCK },
  { "figcaption", TAG_CAPTION },
  { "figure", TAG_BLOCK },
  { "footer", TAG_BLOCK },
  { "form", TAG_DROP },
  { "frame", TAG_DROP },
  { "frameset", TAG_DROP },
  { "h1", TAG_HEADING },
  { "h2", TAG_HEADING },
  { "h3", TAG_HEADING },
  { "h4", TAG_HEADING },
  { "h5", TAG_HEADING },
  { "h6", TAG_HEADING },
  { "head", TAG_DROP },
  { "header", TAG_BLOCK },
  { "hgroup", TAG_BLOCK },
  { "hr", TAG_HR },
  { "html", TAG_BLOCK },
  { "i", TAG_EMPHASIS },
  { "iframe", TAG_DROP },
  { "img", TAG_IMG },
  { "input", TAG_DROP },
  { "kbd", TAG_CODE },
  { "legend", TAG_BLOCK },
  { "li", TAG_LIST_ITEM },
  { "link", TAG_DROP },
  { "listing", TAG_PRE },
  { "main", TAG_BLOCK },
  { "math", TAG_DROP },
  { "menu", TAG_LIST },
  { "meta", TAG_DROP },
  { "nav", TAG_BLOCK },
  { "noscript", TAG_DROP },
  { "object", TAG_DROP },
  { "ol", TAG_LIST },
  { "p", TAG_BLOCK },
  { "picture", TAG_PICTURE },
  { "plaintext", TAG_PRE },
  { "pre", TAG_PRE },
  { "q", TAG_Q },
  { "samp", TAG_CODE },
  { "script", TAG_DROP },
  { "section", TAG_BLOCK },
  { "select", TAG_DROP },
  { "strong", TAG_STRONG },
  { "style", TAG_DROP },
  { "summary", TAG_BLOCK },
  { "svg", TAG_DROP },
  { "table", TAG_BLOCK },
  { "tbody", TAG_BLOCK },
  { "td", TAG_CELL },
  { "template", TAG_DROP },
  { "textarea", TAG_DROP },
  { "tfoot", TAG_BLOCK },
  { "th", TAG_CELL },
  { "thead", TAG_BLOCK },
  { "title", TAG_DROP },
  { "tr", TAG_ROW },
  { "tt", TAG_CODE },
  { "ul", TAG_LIST },
  { "var", TAG_EMPHASIS },
  { "video", TAG_DROP },
  { "xmp", TAG_PRE },
};

static int
compare_tag_entry (const void *key,
                   const void *entry)
{
  return strcmp (key, ((const TagEntry *) entry)->name);
}

static Tag
lookup_tag (const xmlNode *node)
{
  const TagEntry *entry;

  if (node->name == NULL)
    return TAG_INLINE;

  /* libxml2's HTML parser gives element names in lower case. */
  entry = bsearch (node->name, tags, G_N_ELEMENTS (tags), sizeof tags[0], compare_tag_entry);

  return entry != NULL ? entry->tag : TAG_INLINE;
}

char *
chronicle_html_dup_attribute (const xmlNode *node,
                              const char    *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_utf8_make_valid ((const char *) value, -1);
  xmlFree (value);

  return copy;
}

/* The value of an address attribute, without what browsers leave out:
 * white space at the ends, and tabs and newlines inside, so that
 * "java&#9;script:" is recognised.  NULL when it is missing or empty. */
char *
chronicle_html_dup_address (const xmlNode *node,
                            const char    *name)
{
  g_autofree char *value = chronicle_html_dup_attribute (node, name);
  GString *cleaned;

  if (value == NULL)
    return NULL;

  cleaned = g_string_new (NULL);
  for (const char *p = g_strstrip (value); *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x20 && *p != 0x7f)
        g_string_append_c (cleaned, *p);
    }

  if (cleaned->len == 0)
    {
      g_string_free (cleaned, TRUE);
      return NULL;
    }

  return g_string_free (cleaned, FALSE);
}

char *
chronicle_html_resolve (Converter *c,
                        char      *address)
{
  char *resolved;

  if (c->base_url != NULL)
    {
      resolved = g_uri_resolve_relative (c->base_url, address, G_URI_FLAGS_NONE, NULL);
      if (resolved != NULL)
        {
          g_free (address);
          return resolved;
        }
    }

  return address;
}

/* Returns the absolute address an href attribute points to, or NULL when
 * it is missing, empty or a script. */
static char *
dup_link_target (Converter     *c,
                 const xmlNode *node,
                 const char    *name)
{
  g_autofree char *address = chronicle_html_dup_address (node, name);
  const char *scheme;

  if (address == NULL)
    return NULL;

  /* Such links do nothing useful outside a browser, or hold a whole
   * image: the text stays, the link goes. */
  scheme = g_uri_peek_scheme (address);
  if (g_strcmp0 (scheme, "javascript") == 0 ||
      g_strcmp0 (scheme, "vbscript") == 0 ||
      g_strcmp0 (scheme, "data") == 0)
    return NULL;

  return chronicle_html_resolve (c, g_steal_pointer (&address));
}

static void
add_image (Converter     *c,
           const xmlNode *node)
{
  g_autofree char *alt = NULL;
  g_autofree char *src = NULL;
  ChronicleRunStyle style = chronicle_html_current_style (c);
  const char *href = chronicle_html_current_href (c);
  const char *text = NULL;

  if (c->image_placeholders && chronicle_html_add_image_block (c, node))
    return;

  alt = chronicle_html_dup_attribute (node, "alt");

  /* Inside a link, the picture leads where the link does. */
  if (href == NULL)
    href = src = dup_link_target (c, node, "src");

  if (alt != NULL && !chronicle_document_is_blank (alt, strlen (alt)))
    {
      text = alt;
    }
  else if (href != NULL && c->image_placeholders)
    {
      /* Translators: a link to a picture that comes without a description */
      text = _("Image");
    }

  if (text == NULL)
    return;

  if (href != NULL)
    style |= CHRONICLE_RUN_LINK;
  else
    style &= ~CHRONICLE_RUN_LINK;

  chronicle_html_append_text (c, text, strlen (text), style, href);
}

static gboolean
parse_number (const xmlNode *node,
              const char    *name,
              gint64        *number)
{
  g_autofree char *value = chronicle_html_dup_attribute (node, name);
  char *end = NULL;

  if (value == NULL)
    return FALSE;

  g_strstrip (value);
  *number = g_ascii_strtoll (value, &end, 10);

  return end != value && *end == '\0';
}

static guint
clamp_number (gint64 number)
{
  return (guint) CLAMP (number, 1, G_MAXINT);
}

static void
enter_list (Converter     *c,
            const xmlNode *node)
{
  List list = { node, FALSE, FALSE, 1 };
  gint64 start;

  list.ordered = strcmp ((const char *) node->name, "ol") == 0;

  if (list.ordered)
    {
      list.reversed = xmlHasProp (node, (const xmlChar *) "reversed") != NULL;

      if (parse_number (node, "start", &start))
        {
          list.next = clamp_number (start);
        }
      else if (list.reversed)
        {
          /* A reversed list counts down to 1 from its number of items. */
          list.next = 0;
          for (const xmlNode *child = node->children; child != NULL; child = child->next)
            {
              if (child->type == XML_ELEMENT_NODE && lookup_tag (child) == TAG_LIST_ITEM)
                list.next++;
            }
          list.next = MAX (list.next, 1);
        }
    }

  g_array_append_val (c->lists, list);
}

static void
enter_list_item (Converter     *c,
                 const xmlNode *node)
{
  Frame *frame;
  guint level = MAX (c->lists->len, 1);
  gboolean ordered = FALSE;
  guint number = 1;

  if (c->lists->len > 0)
    {
      List *list = &g_array_index (c->lists, List, c->lists->len - 1);
      gint64 value;

      if (list->ordered && parse_number (node, "value", &value))
        list->next = clamp_number (value);

      ordered = list->ordered;
      number = list->next;
      if (list->reversed)
        list->next = MAX (list->next - 1, 1);
      else if (list->next < G_MAXINT)
        list->next++;
    }

  chronicle_html_push_frame (c, node, FRAME_LIST_ITEM, level);
  frame = chronicle_html_top_frame (c);
  frame->ordered = ordered;
  frame->number = number;
}

/* Paragraph-like elements start a block of their own, except where the
 * container keeps everything in one block. */
static void
block_boundary (Converter *c)
{
  switch (chronicle_html_top_frame (c)->kind)
    {
    case FRAME_LIST_ITEM:
      /* Paragraphs of one item stay in its block, a blank line apart. */
      if (chronicle_html_last_byte (c) != '\0' && c->pending == BREAK_NONE)
        c->pending = BREAK_PARAGRAPH;
      break;

    case FRAME_HEADING:
    case FRAME_ROW:
      chronicle_html_append_space (c, CHRONICLE_RUN_PLAIN, NULL);
      break;

    case FRAME_PRE:
      break;

    case FRAME_ROOT:
    case FRAME_QUOTE:
    default:
      chronicle_html_flush_block (c);
      break;
    }
}

static const char *
quote_mark (Converter *c,
            gboolean   opening)
{
  /* Quotes inside quotes take single marks. */
  if (c->q % 2 == 1)
    return opening ? "“" : "”";
  else
    return opening ? "‘" : "’";
}

/* Returns whether to go into the element; dropped ones are not left. */
static gboolean
enter_element (Converter     *c,
               const xmlNode *node)
{
  Tag tag = lookup_tag (node);

  switch (tag)
    {
    case TAG_DROP:
      return FALSE;

    case TAG_INLINE:
    case TAG_HR:
      break;

    case TAG_BLOCK:
      block_boundary (c);
      break;

    case TAG_HEADING:
      chronicle_html_flush_block (c);
      chronicle_html_push_frame (c, node, FRAME_HEADING, node->name[1] - '0');
      break;

    case TAG_BLOCKQUOTE:
      chronicle_html_flush_block (c);
      c->quotes++;
      chronicle_html_push_frame (c, node, FRAME_QUOTE, c->quotes);
      break;

    case TAG_LIST:
      chronicle_html_flush_block (c);
      enter_list (c, node);
      break;

    case TAG_LIST_ITEM:
      chronicle_html_flush_block (c);
      enter_list_item (c, node);
      break;

    case TAG_PRE:
      if (c->pre == 0)
        chronicle_html_flush_block (c);
      c->pre++;
      c->pre_start = TRUE;
      chronicle_html_push_frame (c, node, FRAME_PRE, 0);
      break;

    case TAG_ROW:
      chronicle_html_flush_block (c);
      chronicle_html_push_frame (c, node, FRAME_ROW, 0);
      break;

    case TAG_CELL:
      if (chronicle_html_top_frame (c)->kind != FRAME_ROW)
        block_boundary (c);
      else if (chronicle_html_last_byte (c) != '\0')
        c->pending = BREAK_CELL;
      break;

    case TAG_BR:
      chronicle_html_append_line_break (c);
      break;

    case TAG_IMG:
      add_image (c, node);
      break;

    case TAG_PICTURE:
      chronicle_html_enter_picture (c, node);
      break;

    case TAG_CAPTION:
      chronicle_html_flush_block (c);
      chronicle_html_push_frame (c, node, FRAME_CAPTION, 0);
      break;

    case TAG_A:
      {
        Link link = { node, dup_link_target (c, node, "href") };

        if (link.href != NULL)
          g_array_append_val (c->links, link);
      }
      break;

    case TAG_EMPHASIS:
      c->emphasis++;
      break;

    case TAG_STRONG:
      c->strong++;
      break;

    case TAG_CODE:
      c->code++;
      break;

    case TAG_Q:
      {
        const char *mark;

        c->q++;
        mark = quote_mark (c, TRUE);
        chronicle_html_append_text (c, mark, strlen (mark),
                                    chronicle_html_current_style (c),
                                    chronicle_html_current_href (c));
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static void
leave_element (Converter     *c,
               const xmlNode *node)
{
  Tag tag = lookup_tag (node);

  switch (tag)
    {
    case TAG_DROP:
    case TAG_INLINE:
    case TAG_BR:
    case TAG_IMG:
    case TAG_CELL:
      break;

    case TAG_HR:
      chronicle_html_flush_block (c);
      break;

    case TAG_BLOCK:
      block_boundary (c);
      break;

    case TAG_HEADING:
    case TAG_LIST_ITEM:
    case TAG_ROW:
    case TAG_CAPTION:
      chronicle_html_flush_block (c);
      chronicle_html_pop_frame (c, node);
      break;

    case TAG_PICTURE:
      if (c->picture == node)
        {
          c->picture = NULL;
          g_clear_pointer (&c->picture_image, chronicle_image_free);
        }
      break;

    case TAG_BLOCKQUOTE:
      chronicle_html_flush_block (c);
      chronicle_html_pop_frame (c, node);
      c->quotes--;
      break;

    case TAG_LIST:
      chronicle_html_flush_block (c);
      if (c->lists->len > 0 && g_array_index (c->lists, List, c->lists->len - 1).owner == node)
        g_array_set_size (c->lists, c->lists->len - 1);
      break;

    case TAG_PRE:
      c->pre--;
      if (c->pre == 0)
        chronicle_html_flush_block (c);
      chronicle_html_pop_frame (c, node);
      break;

    case TAG_A:
      if (c->links->len > 0 && g_array_index (c->links, Link, c->links->len - 1).owner == node)
        g_array_remove_index (c->links, c->links->len - 1);
      break;

    case TAG_EMPHASIS:
      c->emphasis--;
      break;

    case TAG_STRONG:
      c->strong--;
      break;

    case TAG_CODE:
      c->code--;
      break;

    case TAG_Q:
      {
        const char *mark = quote_mark (c, FALSE);

        chronicle_html_append_text (c, mark, strlen (mark),
                                    chronicle_html_current_style (c),
                                    chronicle_html_current_href (c));
        c->q--;
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
enter_node (Converter     *c,
            const xmlNode *node)
{
  switch (node->type)
    {
    case XML_ELEMENT_NODE:
      return enter_element (c, node);

    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content != NULL)
        chronicle_html_append_text (c,
                                    (const char *) node->content,
                                    strlen ((const char *) node->content),
                                    chronicle_html_current_style (c),
                                    chronicle_html_current_href (c));
      return FALSE;

    default:
      /* Comments, processing instructions, doctypes. */
      return FALSE;
    }
}

void
chronicle_html_walk_tree (Converter     *c,
                          const xmlNode *root)
{
  const xmlNode *node = root->children;

  while (node != NULL && !c->full)
    {
      if (enter_node (c, node))
        {
          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
          leave_element (c, node);
        }

      while (node->next == NULL)
        {
          node = node->parent;
          if (node == NULL || node == root)
            return;
          leave_element (c, node);
        }

      node = node->next;
    }
}
