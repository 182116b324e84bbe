/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-document"

#include "config.h"

#include <glib/gi18n.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "chronicle-document.h"

/* Hostile articles may hold millions of elements.  Whatever lies beyond
 * these caps is dropped without a word, so that converting stays linear
 * and its memory bounded: at most MAX_BLOCKS blocks, MAX_TEXT_BYTES bytes
 * of text and MAX_RUNS runs in a document.  Input beyond MAX_INPUT_BYTES
 * is not even parsed: no real article holds that much markup. */
#define MAX_BLOCKS      100000
#define MAX_TEXT_BYTES  (16 * 1024 * 1024)
#define MAX_RUNS        1000000
#define MAX_INPUT_BYTES (64 * 1024 * 1024)

/* What separates the cells of a table row in its paragraph. */
#define CELL_SEPARATOR " · "

struct _ChronicleDocument
{
  GPtrArray *blocks;
};

G_DEFINE_BOXED_TYPE (ChronicleDocument,
                     chronicle_document,
                     chronicle_document_ref,
                     chronicle_document_unref)

static void
run_free (ChronicleRun *run)
{
  g_free (run->text);
  g_free (run->href);
  g_free (run);
}

static void
block_free (ChronicleBlock *block)
{
  g_clear_pointer (&block->runs, g_ptr_array_unref);
  g_free (block);
}

static ChronicleDocument *
document_new (GPtrArray *blocks)
{
  ChronicleDocument *self = g_atomic_rc_box_new0 (ChronicleDocument);

  self->blocks = blocks;

  return self;
}

static void
document_clear (ChronicleDocument *self)
{
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
}

/* Text handling shared by both converters. */

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Returns the length in bytes of the control character at @p (C0, DEL or
 * C1), or 0 when there is none.  @p points into valid UTF-8. */
static inline gsize
control_length (const char *p,
                const char *end)
{
  guchar c = (guchar) p[0];

  if (c < 0x20 || c == 0x7f)
    return 1;
  if (c == 0xc2 && p + 1 < end && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
    return 2;

  return 0;
}

/* Appends @len bytes of @text, leaving out control characters other than
 * tab and newline. */
static void
append_without_controls (GString    *out,
                         const char *text,
                         gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *start = p;
      gsize skip = 0;

      while (p < end)
        {
          skip = control_length (p, end);
          if (skip > 0 && *p != '\t' && *p != '\n')
            break;
          skip = 0;
          p++;
        }

      g_string_append_len (out, start, p - start);
      p += skip;
    }
}

/* Returns a valid UTF-8 copy of at most @max_bytes of @text, cut at a
 * character boundary. */
static char *
dup_valid_utf8 (const char *text,
                gssize      length,
                gsize       max_bytes,
                gsize      *out_length)
{
  gsize len;
  char *copy;

  if (text == NULL)
    {
      *out_length = 0;
      return g_strdup ("");
    }

  len = length < 0 ? strlen (text) : (gsize) length;
  len = MIN (len, max_bytes);

  /* A length that cuts the last character in two drops that character,
   * rather than showing U+FFFD at the end of an excerpt. */
  if (len > 0)
    {
      gsize start = len - 1;
      guchar lead;
      gsize needed;

      while (start > 0 && len - start < 4 && ((guchar) text[start] & 0xc0) == 0x80)
        start--;

      lead = (guchar) text[start];
      needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (start + needed > len)
        len = start;
    }

  /* Embedded NUL bytes are invalid too, and become U+FFFD. */
  if (g_utf8_validate_len (text, len, NULL))
    copy = g_strndup (text, len);
  else
    copy = g_utf8_make_valid (text, len);

  *out_length = strlen (copy);

  return copy;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* The HTML converter.
 *
 * The tree is walked without recursion, through the children, next and
 * parent pointers, and every element is entered and left once: nesting
 * only grows the small stacks below, which live on the heap. */

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
  { "figcaption", TAG_BLOCK },
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

/* A container whose kind decides the kind of the blocks made in it. */
typedef enum
{
  FRAME_ROOT,
  FRAME_QUOTE,
  FRAME_LIST_ITEM,
  FRAME_PRE,
  FRAME_HEADING,
  FRAME_ROW,
} FrameKind;

typedef struct
{
  const xmlNode *owner;
  FrameKind      kind;
  guint          level;
  gboolean       ordered;
  /* List item: its number, until its first block takes it. */
  guint          number;
  /* Row: the frame that decides the kind of the row's paragraph. */
  guint          base;
} Frame;

typedef struct
{
  const xmlNode *owner;
  gboolean       ordered;
  gboolean       reversed;
  guint          next;
} List;

typedef struct
{
  const xmlNode *owner;
  char          *href;
} Link;

/* A break waits until more text comes, so that none ends a block. */
typedef enum
{
  BREAK_NONE,
  BREAK_PARAGRAPH,
  BREAK_CELL,
} PendingBreak;

typedef struct
{
  GString           *text;
  ChronicleRunStyle  style;
  char              *href;
} RunBuilder;

typedef struct
{
  GPtrArray         *blocks;
  const char        *base_url;
  gboolean           image_placeholders;

  GArray            *frames;
  GArray            *lists;
  GArray            *links;
  guint              emphasis;
  guint              strong;
  guint              code;
  guint              pre;
  guint              quotes;
  guint              q;

  /* The block being built: its runs are NULL while there is none. */
  ChronicleBlockKind kind;
  guint              level;
  gboolean           ordered;
  guint              number;
  guint              frame;
  GPtrArray         *runs;
  gboolean           has_content;
  gboolean           pre_start;
  PendingBreak       pending;

  gsize              text_bytes;
  guint              n_runs;
  gboolean           full;
} Converter;

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
  c->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
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
  g_clear_pointer (&c->runs, g_ptr_array_unref);
}

static inline Frame *
top_frame (Converter *c)
{
  return &g_array_index (c->frames, Frame, c->frames->len - 1);
}

static void
push_frame (Converter     *c,
            const xmlNode *owner,
            FrameKind      kind,
            guint          level)
{
  Frame *top = top_frame (c);
  Frame frame = { owner, kind, level, FALSE, 0, c->frames->len - 1 };

  /* Rows in rows all make blocks of the container around the outermost. */
  if (top->kind == FRAME_ROW)
    frame.base = top->base;

  g_array_append_val (c->frames, frame);
}

static void
pop_frame (Converter     *c,
           const xmlNode *owner)
{
  if (top_frame (c)->owner == owner)
    g_array_set_size (c->frames, c->frames->len - 1);
}

static ChronicleRunStyle
current_style (Converter *c)
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

static const char *
current_href (Converter *c)
{
  if (c->links->len == 0)
    return NULL;

  return g_array_index (c->links, Link, c->links->len - 1).href;
}

static char
last_byte (Converter *c)
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
static void
flush_block (Converter *c)
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
  block->runs = g_ptr_array_new_full (runs->len, (GDestroyNotify) run_free);

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
  if (top_frame (c)->kind == FRAME_ROW)
    c->frame = top_frame (c)->base;
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
  if (last_byte (c) == '\0')
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

  if (!c->has_content && !is_blank (text, len))
    c->has_content = TRUE;

  append_raw (c, text, len, style, href);
}

/* Adds one collapsed space, unless the block starts or already ends with
 * white space. */
static void
append_space (Converter         *c,
              ChronicleRunStyle  style,
              const char        *href)
{
  char last = last_byte (c);

  if (last == '\0' || last == ' ' || last == '\n' || c->pending != BREAK_NONE)
    return;

  append_raw (c, " ", 1, style, href);
}

static void
append_text (Converter         *c,
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
          skip = control_length (p, end);
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
          append_space (c, style, href);
        }
    }
}

static void
append_line_break (Converter *c)
{
  if (c->pre > 0)
    {
      append_visible (c, "\n", 1, current_style (c), current_href (c));
      return;
    }

  /* Line breaks never start a block, nor add to a pending break. */
  if (last_byte (c) == '\0' || c->pending != BREAK_NONE)
    return;

  trim_end (c, " ");
  append_raw (c, "\n", 1, current_style (c), current_href (c));
}

static char *
dup_attribute (const xmlNode *node,
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

/* Returns the absolute address an href or src attribute points to, or
 * NULL when it is missing, empty or a script. */
static char *
dup_link_target (Converter     *c,
                 const xmlNode *node,
                 const char    *name)
{
  g_autofree char *value = dup_attribute (node, name);
  g_autoptr(GString) cleaned = NULL;
  const char *scheme;
  char *resolved;

  if (value == NULL)
    return NULL;

  /* As browsers do, drop white space at the ends and tabs and newlines
   * inside, so "java&#9;script:" is recognised below. */
  cleaned = g_string_new (NULL);
  for (const char *p = g_strstrip (value); *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x20 && *p != 0x7f)
        g_string_append_c (cleaned, *p);
    }

  if (cleaned->len == 0)
    return NULL;

  /* Such links do nothing useful outside a browser, or hold a whole
   * image: the text stays, the link goes. */
  scheme = g_uri_peek_scheme (cleaned->str);
  if (g_strcmp0 (scheme, "javascript") == 0 ||
      g_strcmp0 (scheme, "vbscript") == 0 ||
      g_strcmp0 (scheme, "data") == 0)
    return NULL;

  if (c->base_url != NULL)
    {
      resolved = g_uri_resolve_relative (c->base_url, cleaned->str, G_URI_FLAGS_NONE, NULL);
      if (resolved != NULL)
        return resolved;
    }

  return g_string_free (g_steal_pointer (&cleaned), FALSE);
}

static void
add_image (Converter     *c,
           const xmlNode *node)
{
  g_autofree char *alt = dup_attribute (node, "alt");
  g_autofree char *src = NULL;
  ChronicleRunStyle style = current_style (c);
  const char *href = current_href (c);
  const char *text = NULL;

  /* Inside a link, the picture leads where the link does. */
  if (href == NULL)
    href = src = dup_link_target (c, node, "src");

  if (alt != NULL && !is_blank (alt, strlen (alt)))
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

  append_text (c, text, strlen (text), style, href);
}

static gboolean
parse_number (const xmlNode *node,
              const char    *name,
              gint64        *number)
{
  g_autofree char *value = dup_attribute (node, name);
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

  push_frame (c, node, FRAME_LIST_ITEM, level);
  frame = top_frame (c);
  frame->ordered = ordered;
  frame->number = number;
}

/* Paragraph-like elements start a block of their own, except where the
 * container keeps everything in one block. */
static void
block_boundary (Converter *c)
{
  switch (top_frame (c)->kind)
    {
    case FRAME_LIST_ITEM:
      /* Paragraphs of one item stay in its block, a blank line apart. */
      if (last_byte (c) != '\0' && c->pending == BREAK_NONE)
        c->pending = BREAK_PARAGRAPH;
      break;

    case FRAME_HEADING:
    case FRAME_ROW:
      append_space (c, CHRONICLE_RUN_PLAIN, NULL);
      break;

    case FRAME_PRE:
      break;

    case FRAME_ROOT:
    case FRAME_QUOTE:
    default:
      flush_block (c);
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
      flush_block (c);
      push_frame (c, node, FRAME_HEADING, node->name[1] - '0');
      break;

    case TAG_BLOCKQUOTE:
      flush_block (c);
      c->quotes++;
      push_frame (c, node, FRAME_QUOTE, c->quotes);
      break;

    case TAG_LIST:
      flush_block (c);
      enter_list (c, node);
      break;

    case TAG_LIST_ITEM:
      flush_block (c);
      enter_list_item (c, node);
      break;

    case TAG_PRE:
      if (c->pre == 0)
        flush_block (c);
      c->pre++;
      c->pre_start = TRUE;
      push_frame (c, node, FRAME_PRE, 0);
      break;

    case TAG_ROW:
      flush_block (c);
      push_frame (c, node, FRAME_ROW, 0);
      break;

    case TAG_CELL:
      if (top_frame (c)->kind != FRAME_ROW)
        block_boundary (c);
      else if (last_byte (c) != '\0')
        c->pending = BREAK_CELL;
      break;

    case TAG_BR:
      append_line_break (c);
      break;

    case TAG_IMG:
      add_image (c, node);
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
        append_text (c, mark, strlen (mark), current_style (c), current_href (c));
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
      flush_block (c);
      break;

    case TAG_BLOCK:
      block_boundary (c);
      break;

    case TAG_HEADING:
    case TAG_LIST_ITEM:
    case TAG_ROW:
      flush_block (c);
      pop_frame (c, node);
      break;

    case TAG_BLOCKQUOTE:
      flush_block (c);
      pop_frame (c, node);
      c->quotes--;
      break;

    case TAG_LIST:
      flush_block (c);
      if (c->lists->len > 0 && g_array_index (c->lists, List, c->lists->len - 1).owner == node)
        g_array_set_size (c->lists, c->lists->len - 1);
      break;

    case TAG_PRE:
      c->pre--;
      if (c->pre == 0)
        flush_block (c);
      pop_frame (c, node);
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

        append_text (c, mark, strlen (mark), current_style (c), current_href (c));
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
        append_text (c,
                     (const char *) node->content,
                     strlen ((const char *) node->content),
                     current_style (c),
                     current_href (c));
      return FALSE;

    default:
      /* Comments, processing instructions, doctypes. */
      return FALSE;
    }
}

static void
walk_tree (Converter     *c,
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

static void
ensure_libxml2 (void)
{
  static gsize initialized = 0;

  /* libxml2 2.9 must be set up once before threads parse at the same time. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static ChronicleDocument *
convert_html (const char *html,
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

  ensure_libxml2 ();

  valid = dup_valid_utf8 (html, length, MAX_INPUT_BYTES, &len);

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
      walk_tree (&c, (const xmlNode *) doc);
      flush_block (&c);
      xmlFreeDoc (doc);
    }

  blocks = g_steal_pointer (&c.blocks);
  converter_clear (&c);

  return document_new (blocks);
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
 * “ ” quotes (‘ ’ inside another).  An image becomes a link to its
 * source (to the enclosing link's target, inside a link) whose text is
 * its alternative text, or "Image" when it has none.  Links to
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
  return convert_html (html, length, base_url, TRUE);
}

/**
 * chronicle_document_new_from_text:
 * @text: (nullable): plain text, as in JSON Feed's content_text
 * @length: the length of @text in bytes, or -1 when it ends with a NUL
 *
 * Splits plain text into paragraphs at blank lines (lines holding only
 * white space).  Single newlines stay inside a paragraph as "\n".  No
 * markup is interpreted.
 *
 * Returns: (transfer full): the document
 */
ChronicleDocument *
chronicle_document_new_from_text (const char *text,
                                  gssize      length)
{
  g_autofree char *valid = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GString) paragraph = NULL;
  const char *p;
  const char *end;
  gsize len;

  valid = dup_valid_utf8 (text, length, MAX_TEXT_BYTES, &len);
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  paragraph = g_string_new (NULL);

  p = valid;
  end = valid + len;

  while (p <= end && blocks->len < MAX_BLOCKS)
    {
      const char *eol = p;
      gboolean blank;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      blank = is_blank (p, eol - p);
      if (!blank)
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, '\n');
          append_without_controls (paragraph, p, eol - p);
        }

      if ((blank || eol == end) && paragraph->len > 0)
        {
          ChronicleBlock *block = g_new0 (ChronicleBlock, 1);
          ChronicleRun *run = g_new0 (ChronicleRun, 1);

          run->text = g_strdup (g_strstrip (paragraph->str));
          run->style = CHRONICLE_RUN_PLAIN;
          g_string_truncate (paragraph, 0);

          block->kind = CHRONICLE_BLOCK_PARAGRAPH;
          block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);

          /* Control characters alone are removed, and leave nothing. */
          if (run->text[0] != '\0')
            {
              g_ptr_array_add (block->runs, run);
              g_ptr_array_add (blocks, block);
            }
          else
            {
              run_free (run);
              block_free (block);
            }
        }

      if (eol == end)
        break;

      /* CRLF, LF and CR all end a line. */
      if (eol[0] == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      p = eol + 1;
    }

  return document_new (g_steal_pointer (&blocks));
}

/**
 * chronicle_document_ref:
 *
 * Returns: (transfer full): @self
 */
ChronicleDocument *
chronicle_document_ref (ChronicleDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
chronicle_document_unref (ChronicleDocument *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) document_clear);
}

guint
chronicle_document_get_n_blocks (ChronicleDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

/**
 * chronicle_document_get_block:
 * @index: a block number, less than chronicle_document_get_n_blocks()
 *
 * Returns: (transfer none): the block
 */
const ChronicleBlock *
chronicle_document_get_block (ChronicleDocument *self,
                              guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

/**
 * chronicle_document_to_text:
 *
 * Returns: the text of the document, for searching and excerpts: the
 *   blocks separated by a blank line
 */
char *
chronicle_document_to_text (ChronicleDocument *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const ChronicleBlock *block = g_ptr_array_index (self->blocks, i);

      if (i > 0)
        g_string_append (out, "\n\n");

      for (guint j = 0; j < block->runs->len; j++)
        g_string_append (out, ((const ChronicleRun *) g_ptr_array_index (block->runs, j))->text);
    }

  return g_string_free (out, FALSE);
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
  g_autoptr(ChronicleDocument) document = convert_html (html, length, NULL, FALSE);
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
