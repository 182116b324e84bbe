/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "chronicle-image.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_DOCUMENT (chronicle_document_get_type ())

/**
 * ChronicleBlockKind:
 * @CHRONICLE_BLOCK_PARAGRAPH: a paragraph, or a table row with its cells
 *   separated by " · "
 * @CHRONICLE_BLOCK_HEADING: a heading; the level is 1 to 6
 * @CHRONICLE_BLOCK_QUOTE: a paragraph inside <blockquote>; the level is
 *   the number of quotes around it
 * @CHRONICLE_BLOCK_LIST_ITEM: a list item; the level is the number of
 *   lists around it
 * @CHRONICLE_BLOCK_PREFORMATTED: text whose spaces and line breaks are
 *   kept as they are; shown in a monospace font
 * @CHRONICLE_BLOCK_IMAGE: a picture, on its own line; the block's image
 *   says what it is, its runs are empty
 * @CHRONICLE_BLOCK_CAPTION: the caption of a figure, shown under it
 *
 * What a block of an article is, which decides how it is shown.
 */
typedef enum
{
  CHRONICLE_BLOCK_PARAGRAPH,
  CHRONICLE_BLOCK_HEADING,
  CHRONICLE_BLOCK_QUOTE,
  CHRONICLE_BLOCK_LIST_ITEM,
  CHRONICLE_BLOCK_PREFORMATTED,
  CHRONICLE_BLOCK_IMAGE,
  CHRONICLE_BLOCK_CAPTION,
} ChronicleBlockKind;

/**
 * ChronicleRunStyle:
 * @CHRONICLE_RUN_PLAIN: no style
 * @CHRONICLE_RUN_EMPHASIS: emphasis (italic)
 * @CHRONICLE_RUN_STRONG: strong importance (bold)
 * @CHRONICLE_RUN_CODE: code (monospace); never set inside a preformatted
 *   block, which is code as a whole
 * @CHRONICLE_RUN_LINK: a link or an image; the run's href is set
 *
 * How a run of text is styled.  The bits combine.
 */
typedef enum
{
  CHRONICLE_RUN_PLAIN    = 0,
  CHRONICLE_RUN_EMPHASIS = 1 << 0,
  CHRONICLE_RUN_STRONG   = 1 << 1,
  CHRONICLE_RUN_CODE     = 1 << 2,
  CHRONICLE_RUN_LINK     = 1 << 3,
} ChronicleRunStyle;

/**
 * ChronicleRun:
 * @text: the text: valid UTF-8, entities decoded, never %NULL or empty
 * @style: how the text is styled
 * @href: where the link goes, absolute when a base URL was given; %NULL
 *   unless @style has %CHRONICLE_RUN_LINK
 *
 * A stretch of text in one style.  Two neighbouring runs of a block never
 * have the same style and link.
 */
typedef struct
{
  char              *text;
  ChronicleRunStyle  style;
  char              *href;
} ChronicleRun;

/**
 * ChronicleBlock:
 * @kind: what the block is
 * @level: heading: 1 to 6; list item and quote: nesting depth from 1;
 *   otherwise 0
 * @ordered: whether a list item belongs to an <ol>
 * @number: list item: its 1-based number in its list (honouring start=,
 *   value= and reversed), or 0 when the block continues the item above it
 *   after a nested block and takes no marker; otherwise 0
 * @runs: (element-type ChronicleRun): the runs, never empty but for an
 *   image
 * @image: (nullable): the picture of an image block, %NULL for the others
 *
 * One block of an article.  The text of a block has no white space at
 * either end; inside it, "\n" is a line break.
 */
typedef struct
{
  ChronicleBlockKind  kind;
  guint               level;
  gboolean            ordered;
  guint               number;
  GPtrArray          *runs;
  ChronicleImage     *image;
} ChronicleBlock;

typedef struct _ChronicleDocument ChronicleDocument;

GType                 chronicle_document_get_type      (void) G_GNUC_CONST;
ChronicleDocument    *chronicle_document_new_from_html (const char        *html,
                                                        gssize             length,
                                                        const char        *base_url);
ChronicleDocument    *chronicle_document_new_from_text (const char        *text,
                                                        gssize             length);
ChronicleDocument    *chronicle_document_ref           (ChronicleDocument *self);
void                  chronicle_document_unref         (ChronicleDocument *self);
guint                 chronicle_document_get_n_blocks  (ChronicleDocument *self);
const ChronicleBlock *chronicle_document_get_block     (ChronicleDocument *self,
                                                        guint              index);
char                 *chronicle_document_to_text       (ChronicleDocument *self);

char                 *chronicle_html_to_text           (const char        *html,
                                                        gssize             length);
gboolean              chronicle_html_looks_like_markup (const char        *text);
ChronicleImage       *chronicle_html_find_picture      (const char        *html,
                                                        gssize             length,
                                                        const char        *base_url);
char                 *chronicle_html_resolve_urls      (const char        *html,
                                                        const char        *base_url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleDocument, chronicle_document_unref)

G_END_DECLS
