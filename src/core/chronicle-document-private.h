/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libxml/tree.h>

#include "chronicle-document.h"

G_BEGIN_DECLS

/* Hostile articles may hold millions of elements.  Whatever lies beyond
 * these caps is dropped without a word, so that converting stays linear
 * and its memory bounded: at most MAX_BLOCKS blocks, MAX_TEXT_BYTES bytes
 * of text and MAX_RUNS runs in a document.  Input beyond MAX_INPUT_BYTES
 * is not even parsed: no real article holds that much markup. */
#define MAX_BLOCKS      100000
#define MAX_TEXT_BYTES  (16 * 1024 * 1024)
#define MAX_RUNS        1000000
#define MAX_INPUT_BYTES (64 * 1024 * 1024)

struct _ChronicleDocument
{
  GPtrArray *blocks;
};

/* The document model, shared by both converters. */

ChronicleDocument *chronicle_document_new            (GPtrArray      *blocks);
void               chronicle_document_run_free       (ChronicleRun   *run);
void               chronicle_document_block_free     (ChronicleBlock *block);
void               chronicle_document_lead_image     (ChronicleDocument *self,
                                                      const char        *url);

/* Text handling shared by both converters. */

/* Returns the length in bytes of the control character at @p (C0, DEL or
 * C1), or 0 when there is none.  @p points into valid UTF-8. */
static inline gsize
chronicle_document_control_length (const char *p,
                                   const char *end)
{
  guchar c = (guchar) p[0];

  if (c < 0x20 || c == 0x7f)
    return 1;
  if (c == 0xc2 && p + 1 < end && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
    return 2;

  return 0;
}

char              *chronicle_document_dup_valid_utf8 (const char     *text,
                                                      gssize          length,
                                                      gsize           max_bytes,
                                                      gsize          *out_length);
gboolean           chronicle_document_is_blank       (const char     *text,
                                                      gsize           len);

/* The HTML converter.
 *
 * The tree is walked without recursion, through the children, next and
 * parent pointers, and every element is entered and left once: nesting
 * only grows the small stacks below, which live on the heap. */

/* A container whose kind decides the kind of the blocks made in it. */
typedef enum
{
  FRAME_ROOT,
  FRAME_QUOTE,
  FRAME_LIST_ITEM,
  FRAME_PRE,
  FRAME_HEADING,
  FRAME_ROW,
  FRAME_CAPTION,
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
  GPtrArray         *blocks;
  const char        *base_url;
  gboolean           image_placeholders;

  GArray            *frames;
  GArray            *lists;
  GArray            *links;
  /* The <source>s of the <picture> being walked, for its <img>. */
  const xmlNode     *picture;
  ChronicleImage    *picture_image;
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

static inline Frame *
chronicle_html_top_frame (Converter *c)
{
  return &g_array_index (c->frames, Frame, c->frames->len - 1);
}

/* Building blocks and runs, in chronicle-html.c. */

void               chronicle_html_push_frame         (Converter         *c,
                                                      const xmlNode     *owner,
                                                      FrameKind          kind,
                                                      guint              level);
void               chronicle_html_pop_frame          (Converter         *c,
                                                      const xmlNode     *owner);
ChronicleRunStyle  chronicle_html_current_style      (Converter         *c);
const char        *chronicle_html_current_href       (Converter         *c);
char               chronicle_html_last_byte          (Converter         *c);
void               chronicle_html_flush_block        (Converter         *c);
void               chronicle_html_append_space       (Converter         *c,
                                                      ChronicleRunStyle  style,
                                                      const char        *href);
void               chronicle_html_append_text        (Converter         *c,
                                                      const char        *text,
                                                      gsize              len,
                                                      ChronicleRunStyle  style,
                                                      const char        *href);
void               chronicle_html_append_line_break  (Converter         *c);
void               chronicle_html_add_image          (Converter         *c,
                                                      ChronicleImage    *image);

/* Walking the tree, in chronicle-html-walk.c. */

char              *chronicle_html_dup_attribute      (const xmlNode     *node,
                                                      const char        *name);
char              *chronicle_html_dup_address        (const xmlNode     *node,
                                                      const char        *name);
char              *chronicle_html_resolve            (Converter         *c,
                                                      char              *address);

/* Pictures, in chronicle-html-images.c. */

ChronicleDocument *chronicle_html_convert            (const char        *html,
                                                      gssize             length,
                                                      const char        *base_url,
                                                      gboolean           image_placeholders);
gboolean           chronicle_html_add_image_block    (Converter         *c,
                                                      const xmlNode     *node);
void               chronicle_html_enter_picture      (Converter         *c,
                                                      const xmlNode     *node);

void               chronicle_html_walk_tree          (Converter         *c,
                                                      const xmlNode     *root);

G_END_DECLS
