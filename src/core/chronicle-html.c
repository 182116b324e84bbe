/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-html"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <libxml/HTMLparser.h>

#include "chronicle-xml-feed.h"

#include "chronicle-document-private.h"

/* The HTML converter's blocks and runs, and its entry points.  The walk
 * over the tree is in chronicle-html-walk.c. */

/* What separates the cells of a table row in its paragraph. */
#define CELL_SEPARATOR " · "

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

typedef struct
{
  GString           *text;
  ChronicleRunStyle  style;
  char              *href;
} RunBuilder;

static void
run_builder_free (RunBuilder *run)
{
  g_string_free (run->text, TRUE);
  g_free (run->href);
  g_free (run);
}

static void
link_clear (Link *link)
{
  g_free (link->href);
}

static void
converter_init (Converter  *c,
                const char *base_url,
                gboolean    image_placeholders)
{
  Frame root = { NULL, FRAME_ROOT, 0, FALSE, 0, 0 };

  memset (c, 0, sizeof *c);
  c->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_document_block_free);
  c->base_url = base_url;
  c->image_placeholders = image_placeholders;
  c->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  c->lists = g_array_new (FALSE, FALSE, sizeof (List));
  c->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_array_set_clear_func (c->links, (GDestroyNotify) link_clear);
  g_array_append_val (c->frames, root);
}

static void
converter_clear (Converter *c)
{
  g_clear_pointer (&c->blocks, g_ptr_array_unref);
  g_clear_pointer (&c->frames, g_array_unref);
  g_clear_pointer (&c->lists, g_array_unref);
  g_clear_pointer (&c->links, g_array_unref);
  g_clear_pointer (&c->picture_image, chronicle_image_free);
  g_clear_pointer (&c->runs, g_ptr_array_unref);
}

void
chronicle_html_push_frame (Converter     *c,
                           const xmlNode *owner,
                           FrameKind      kind,
                           guint          level)
{
  Frame *top = chronicle_html_top_frame (c);
  Frame frame = { owner, kind, level, FALSE, 0, c->frames->len - 1 };

  /* Rows in rows all make blocks of the container around the outermost. */
  if (top->kind == FRAME_ROW)
    frame.base = top->base;

  g_array_append_val (c->frames, frame);
}

void
chronicle_html_pop_frame (Converter     *c,
                          const xmlNode *owner)
{
  if (chronicle_html_top_frame (c)->owner == owner)
    g_array_set_size (c->frames, c->frames->len - 1);
}

ChronicleRunStyle
chronicle_html_current_style (Converter *c)
{
  ChronicleRunStyle style = CHRONICLE_RUN_PLAIN;

  if (c->emphasis > 0)
    style |= CHRONICLE_RUN_EMPHASIS;
  if (c->strong > 0)
    style |= CHRONICLE_RUN_STRONG;
  /* A preformatted block is code as a whole. */
  if (c->code > 0 && c->pre == 0)
    style |= CHRONICLE_RUN_CODE;
  if (c->links->len > 0)
    style |= CHRONICLE_RUN_LINK;

  return style;
}

const char *
chronicle_html_current_href (Converter *c)
{
  if (c->links->len == 0)
    return NULL;

  return g_array_index (c->links, Link, c->links->len - 1).href;
}

char
chronicle_html_last_byte (Converter *c)
{
  RunBuilder *last;

  if (c->runs == NULL || c->runs->len == 0)
    return '\0';

  last = g_ptr_array_index (c->runs, c->runs->len - 1);

  return last->text->str[last->text->len - 1];
}

/* Removes the characters in @chars from the end of the block. */
static void
trim_end (Converter  *c,
          const char *chars)
{
  while (c->runs != NULL && c->runs->len > 0)
    {
      RunBuilder *last = g_ptr_array_index (c->runs, c->runs->len - 1);
      gsize len = last->text->len;

      while (len > 0 && strchr (chars, last->text->str[len - 1]) != NULL)
        len--;

      if (len > 0)
        {
          g_string_truncate (last->text, len);
          return;
        }

      g_ptr_array_remove_index (c->runs, c->runs->len - 1);
      c->n_runs--;
    }
}

/* Removes the characters in @chars from the start of the block. */
static void
trim_start (Converter  *c,
            const char *chars)
{
  while (c->runs != NULL && c->runs->len > 0)
    {
      RunBuilder *first = g_ptr_array_index (c->runs, 0);
      gsize len = 0;

      while (len < first->text->len && strchr (chars, first->text->str[len]) != NULL)
        len++;

      if (len < first->text->len)
        {
          g_string_erase (first->text, 0, len);
          return;
        }

      g_ptr_array_remove_index (c->runs, 0);
      c->n_runs--;
    }
}

static ChronicleRun *
finish_run (RunBuilder *builder)
{
  ChronicleRun *run = g_new0 (ChronicleRun, 1);
  GString *text = g_steal_pointer (&builder->text);

  /* libxml2 decodes numeric references to anything; stay valid. */
  if (g_utf8_validate_len (text->str, text->len, NULL))
    {
      run->text = g_string_free (text, FALSE);
    }
  else
    {
      run->text = g_utf8_make_valid (text->str, text->len);
      g_string_free (text, TRUE);
    }
  run->style = builder->style;
  run->href = g_steal_pointer (&builder->href);
  g_free (builder);

  return run;
}

/* Ends the block being built, and keeps it unless it holds only space. */
void
chronicle_html_flush_block (Converter *c)
{
  g_autoptr(GPtrArray) runs = NULL;
  ChronicleBlock *block;

  c->pending = BREAK_NONE;

  if (c->runs == NULL)
    return;

  if (c->kind != CHRONICLE_BLOCK_PREFORMATTED)
    trim_start (c, " \t\n");
  trim_end (c, " \t\n");
  runs = g_steal_pointer (&c->runs);

  if (!c->has_content || c->blocks->len >= MAX_BLOCKS)
    {
      c->n_runs -= runs->len;
      return;
    }

  block = g_new0 (ChronicleBlock, 1);
  block->kind = c->kind;
  block->level = c->level;
  block->ordered = c->ordered;
  block->number = c->number;
  block->runs = g_ptr_array_new_full (runs->len, (GDestroyNotify) chronicle_document_run_free);

  /* The builders move into the block one by one. */
  g_ptr_array_set_free_func (runs, NULL);
  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_add (block->runs, finish_run (g_ptr_array_index (runs, i)));

  g_ptr_array_add (c->blocks, block);
  if (c->blocks->len >= MAX_BLOCKS)
    c->full = TRUE;

  /* Only the item's first block shown takes its marker. */
  if (c->kind == CHRONICLE_BLOCK_LIST_ITEM && c->frame < c->frames->len)
    g_array_index (c->frames, Frame, c->frame).number = 0;
}

/* Starts a block of the kind the innermost container asks for, unless
 * one is being built already. */
static gboolean
ensure_block (Converter *c)
{
  Frame *frame;

  if (c->runs != NULL)
    return TRUE;
  if (c->full)
    return FALSE;

  c->frame = c->frames->len - 1;
  if (chronicle_html_top_frame (c)->kind == FRAME_ROW)
    c->frame = chronicle_html_top_frame (c)->base;
  frame = &g_array_index (c->frames, Frame, c->frame);

  c->level = frame->level;
  c->ordered = FALSE;
  c->number = 0;

  switch (frame->kind)
    {
    case FRAME_QUOTE:
      c->kind = CHRONICLE_BLOCK_QUOTE;
      break;

    case FRAME_LIST_ITEM:
      c->kind = CHRONICLE_BLOCK_LIST_ITEM;
      c->ordered = frame->ordered;
      c->number = frame->number;
      break;

    case FRAME_PRE:
      c->kind = CHRONICLE_BLOCK_PREFORMATTED;
      break;

    case FRAME_HEADING:
      c->kind = CHRONICLE_BLOCK_HEADING;
      break;

    case FRAME_CAPTION:
      c->kind = CHRONICLE_BLOCK_CAPTION;
      c->level = 0;
      break;

    case FRAME_ROOT:
    case FRAME_ROW:
    default:
      c->kind = CHRONICLE_BLOCK_PARAGRAPH;
      c->level = 0;
      break;
    }

  c->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_builder_free);
  c->has_content = FALSE;
  c->pending = BREAK_NONE;

  return TRUE;
}

/* Adds text to the block being built, merging it into the last run when
 * the style and link are the same. */
static void
append_raw (Converter         *c,
            const char        *text,
            gsize              len,
            ChronicleRunStyle  style,
            const char        *href)
{
  RunBuilder *last = NULL;

  if (c->text_bytes + len > MAX_TEXT_BYTES)
    {
      len = MAX_TEXT_BYTES - c->text_bytes;
      while (len > 0 && ((guchar) text[len] & 0xc0) == 0x80)
        len--;
      c->full = TRUE;
    }

  if (len == 0)
    return;

  if (c->runs->len > 0)
    last = g_ptr_array_index (c->runs, c->runs->len - 1);

  if (last == NULL || last->style != style || g_strcmp0 (last->href, href) != 0)
    {
      if (c->n_runs >= MAX_RUNS)
        {
          c->full = TRUE;
          return;
        }

      last = g_new0 (RunBuilder, 1);
      last->text = g_string_sized_new (len);
      last->style = style;
      last->href = g_strdup (href);
      g_ptr_array_add (c->runs, last);
      c->n_runs++;
    }

  g_string_append_len (last->text, text, len);
  c->text_bytes += len;
}

static void
emit_pending_break (Converter *c)
{
  PendingBreak pending = c->pending;

  if (pending == BREAK_NONE)
    return;

  c->pending = BREAK_NONE;
  trim_end (c, " ");
  if (chronicle_html_last_byte (c) == '\0')
    return;

  if (pending == BREAK_PARAGRAPH)
    append_raw (c, "\n\n", 2, CHRONICLE_RUN_PLAIN, NULL);
  else
    append_raw (c, CELL_SEPARATOR, strlen (CELL_SEPARATOR), CHRONICLE_RUN_PLAIN, NULL);
}

/* Adds text that is shown as it is (no collapsible white space). */
static void
append_visible (Converter         *c,
                const char        *text,
                gsize              len,
                ChronicleRunStyle  style,
                const char        *href)
{
  if (c->pre > 0 && c->pre_start)
    {
      /* HTML ignores a newline just after <pre>. */
      c->pre_start = FALSE;
      if (len > 0 && text[0] == '\n')
        {
          text++;
          len--;
        }
    }

  if (len == 0 || !ensure_block (c))
    return;

  emit_pending_break (c);

  if (!c->has_content && !chronicle_document_is_blank (text, len))
    c->has_content = TRUE;

  append_raw (c, text, len, style, href);
}

/* Adds one collapsed space, unless the block starts or already ends with
 * white space. */
void
chronicle_html_append_space (Converter         *c,
                             ChronicleRunStyle  style,
                             const char        *href)
{
  char last = chronicle_html_last_byte (c);

  if (last == '\0' || last == ' ' || last == '\n' || c->pending != BREAK_NONE)
    return;

  append_raw (c, " ", 1, style, href);
}

void
chronicle_html_append_text (Converter         *c,
                            const char        *text,
                            gsize              len,
                            ChronicleRunStyle  style,
                            const char        *href)
{
  const char *p = text;
  const char *end = text + len;
  gboolean keep_space = c->pre > 0;

  while (p < end && !c->full)
    {
      const char *start = p;
      gsize skip = 0;

      /* Find the longest stretch of characters taken as they are. */
      while (p < end)
        {
          if (keep_space && (*p == ' ' || *p == '\t' || *p == '\n'))
            {
              p++;
              continue;
            }
          if (is_html_space (*p))
            break;
          skip = chronicle_document_control_length (p, end);
          if (skip > 0)
            break;
          p++;
        }

      if (p > start)
        append_visible (c, start, p - start, style, href);

      if (p == end)
        break;

      if (skip > 0)
        {
          p += skip;
        }
      else if (keep_space)
        {
          /* Only CR and FF come here: CRLF and CR end a line. */
          if (*p == '\r')
            append_visible (c, "\n", 1, style, href);
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
        }
      else
        {
          while (p < end && is_html_space (*p))
            p++;
          chronicle_html_append_space (c, style, href);
        }
    }
}

void
chronicle_html_append_line_break (Converter *c)
{
  if (c->pre > 0)
    {
      append_visible (c, "\n", 1, chronicle_html_current_style (c), chronicle_html_current_href (c));
      return;
    }

  /* Line breaks never start a block, nor add to a pending break. */
  if (chronicle_html_last_byte (c) == '\0' || c->pending != BREAK_NONE)
    return;

  trim_end (c, " ");
  append_raw (c, "\n", 1, chronicle_html_current_style (c), chronicle_html_current_href (c));
}

/* A picture stands on its own line: the text around it goes on in a
 * block of the same kind after it. */
void
chronicle_html_add_image (Converter      *c,
                          ChronicleImage *image)
{
  ChronicleBlock *block;

  chronicle_html_flush_block (c);
  if (c->full)
    {
      chronicle_image_free (image);
      return;
    }

  block = g_new0 (ChronicleBlock, 1);
  block->kind = CHRONICLE_BLOCK_IMAGE;
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_document_run_free);
  block->image = image;
  g_ptr_array_add (c->blocks, block);
  if (c->blocks->len >= MAX_BLOCKS)
    c->full = TRUE;
}

/**
 * chronicle_html_convert:
 * @image_placeholders: whether pictures become image blocks (else their
 *   alternative text stays in the text)
 *
 * Converts an HTML fragment into a document.
 */
ChronicleDocument *
chronicle_html_convert (const char *html,
                        gssize      length,
                        const char *base_url,
                        gboolean    image_placeholders)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) input = NULL;
  htmlDocPtr doc;
  Converter c;
  gsize len;
  GPtrArray *blocks;

  chronicle_xml_init ();

  valid = chronicle_document_dup_valid_utf8 (html, length, MAX_INPUT_BYTES, &len);

  /* Inside one root, an early </script> or stray end tag cannot make
   * libxml2 hang the rest of the fragment under a dropped element.
   * libxml2 stops parsing at 256 levels of nesting, without
   * HTML_PARSE_HUGE; that bounds its own searches of the open elements,
   * and only hostile documents lose what follows. */
  input = g_string_sized_new (len + 5);
  g_string_append (input, "<div>");
  g_string_append_len (input, valid, len);
  g_clear_pointer (&valid, g_free);

  doc = htmlReadMemory (input->str,
                        (int) input->len,
                        NULL,
                        "UTF-8",
                        HTML_PARSE_RECOVER |
                        HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET |
                        HTML_PARSE_NOIMPLIED |
                        HTML_PARSE_NODEFDTD |
                        HTML_PARSE_IGNORE_ENC);

  converter_init (&c, base_url, image_placeholders);

  if (doc != NULL)
    {
      chronicle_html_walk_tree (&c, (const xmlNode *) doc);
      chronicle_html_flush_block (&c);
      xmlFreeDoc (doc);
    }

  blocks = g_steal_pointer (&c.blocks);
  converter_clear (&c);

  return chronicle_document_new (blocks);
}

/**
 * chronicle_document_new_from_html:
 * @html: (nullable): an HTML fragment, as in JSON Feed's content_html
 * @length: the length of @html in bytes, or -1 when it ends with a NUL
 * @base_url: (nullable): the address relative links are resolved against
 *
 * Converts an HTML article into blocks and runs.  Scripts, styles, forms,
 * embedded content and every attribute but links and image sources are
 * left out.  Invalid UTF-8 is repaired, and what lies beyond the caps
 * above is dropped, so any input gives a document.
 *
 * Table rows become paragraphs whose cells are separated by " · ".
 * Preformatted blocks keep their white space, except the newline HTML
 * ignores after <pre> and the white space at their end.  A <q> is put in
 * “ ” quotes (‘ ’ inside another).  A picture becomes an image block
 * of its own (see chronicle-html-walk.c for what counts as one), its
 * caption a caption block; a small icon stays in the text as its
 * alternative text, a link to its source.  Links to
 * javascript:, vbscript: and data: addresses keep their text only.
 * Several paragraphs inside one list item stay in the item's block,
 * separated by a blank line.
 *
 * Returns: (transfer full): the document
 */
ChronicleDocument *
chronicle_document_new_from_html (const char *html,
                                  gssize      length,
                                  const char *base_url)
{
  return chronicle_html_convert (html, length, base_url, TRUE);
}

/**
 * chronicle_html_to_text:
 * @html: (nullable): an HTML fragment
 * @length: the length of @html in bytes, or -1 when it ends with a NUL
 *
 * Converts HTML to one line of plain text, for summaries that hold HTML:
 * every run of white space, line breaks and block boundaries included,
 * becomes one space.  Images show their alternative text only.
 *
 * Returns: the text
 */
char *
chronicle_html_to_text (const char *html,
                        gssize      length)
{
  g_autoptr(ChronicleDocument) document = chronicle_html_convert (html, length, NULL, FALSE);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (guint i = 0; i < document->blocks->len; i++)
    {
      const ChronicleBlock *block = g_ptr_array_index (document->blocks, i);

      space = out->len > 0;

      for (guint j = 0; j < block->runs->len; j++)
        {
          const ChronicleRun *run = g_ptr_array_index (block->runs, j);

          for (const char *p = run->text; *p != '\0'; p++)
            {
              if (is_html_space (*p))
                {
                  space = out->len > 0;
                  continue;
                }

              if (space)
                {
                  g_string_append_c (out, ' ');
                  space = FALSE;
                }
              g_string_append_c (out, *p);
            }
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
looks_like_tag (const char *p)
{
  g_assert (*p == '<');
  p++;

  if (*p == '!')
    return (p[1] == '-' && p[2] == '-') || g_ascii_strncasecmp (p + 1, "doctype", 7) == 0;
  if (*p == '/')
    p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '-')
    p++;

  /* "<me@example.com>" and "<https://…>" are not tags. */
  if (*p != '>' && *p != '/' && !is_html_space (*p))
    return FALSE;

  while (*p != '\0' && *p != '<' && *p != '>')
    p++;

  return *p == '>';
}

static gboolean
looks_like_entity (const char *p)
{
  guint n = 0;

  g_assert (*p == '&');
  p++;

  if (*p == '#')
    {
      p++;
      if (*p == 'x' || *p == 'X')
        {
          p++;
          while (g_ascii_isxdigit (p[n]) && n < 7)
            n++;
        }
      else
        {
          while (g_ascii_isdigit (p[n]) && n < 8)
            n++;
        }
    }
  else if (g_ascii_isalpha (*p))
    {
      while (g_ascii_isalnum (p[n]) && n < 32)
        n++;
    }

  return n > 0 && p[n] == ';';
}

/**
 * chronicle_html_looks_like_markup:
 * @text: text that should be plain
 *
 * Tells whether text holds HTML: a tag such as "<b>" or "</p>", a comment,
 * or an entity such as "&amp;" or "&#8212;".  "a < b", "AT&T" and
 * "<me@example.com>" do not count.
 *
 * Returns: %TRUE when @text looks like HTML
 */
gboolean
chronicle_html_looks_like_markup (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<' && looks_like_tag (p))
        return TRUE;
      if (*p == '&' && looks_like_entity (p))
        return TRUE;
    }

  return FALSE;
}
