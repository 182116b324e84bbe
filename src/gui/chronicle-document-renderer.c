/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-document-renderer"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-document-renderer.h"

/* Shows a ChronicleDocument in a GtkTextBuffer.  Text is inserted as plain
 * text with tags, never parsed as markup, so nothing from a file can
 * change how it is drawn beyond the document model's own styles. */

#define LINK_DATA "chronicle-href"

static GtkTextTag *
ensure_tag (GtkTextBuffer *buffer,
            const char    *name,
            const char    *first_property,
            ...)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);
  va_list args;

  if (tag != NULL)
    return tag;

  tag = gtk_text_tag_new (name);
  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (tag), first_property, args);
  va_end (args);
  gtk_text_tag_table_add (table, tag);
  g_object_unref (tag);

  return tag;
}

static void
ensure_tags (GtkTextBuffer *buffer)
{
  ensure_tag (buffer, "paragraph", "pixels-below-lines", 14, "pixels-inside-wrap", 3, NULL);
  ensure_tag (buffer, "heading-1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.5,
              "pixels-above-lines", 12, "pixels-below-lines", 10, NULL);
  ensure_tag (buffer, "heading-2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3,
              "pixels-above-lines", 10, "pixels-below-lines", 10, NULL);
  ensure_tag (buffer, "heading-3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1,
              "pixels-above-lines", 8, "pixels-below-lines", 8, NULL);
  ensure_tag (buffer, "quote", "left-margin", 28, "right-margin", 12, "style", PANGO_STYLE_ITALIC,
              "pixels-below-lines", 12, "pixels-inside-wrap", 3, NULL);
  ensure_tag (buffer, "list-item", "pixels-below-lines", 6, "pixels-inside-wrap", 3, NULL);
  ensure_tag (buffer, "preformatted", "family", "monospace", "wrap-mode", GTK_WRAP_CHAR,
              "left-margin", 12, "pixels-below-lines", 14, NULL);
  ensure_tag (buffer, "emphasis", "style", PANGO_STYLE_ITALIC, NULL);
  ensure_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  ensure_tag (buffer, "code", "family", "monospace", NULL);
  ensure_tag (buffer, "link", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  /* Captions sit close under their pictures, smaller, centred. */
  ensure_tag (buffer, "caption", "scale", 0.9, "justification", GTK_JUSTIFY_CENTER,
              "pixels-below-lines", 18, "pixels-inside-wrap", 2, "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1 },
              NULL);
  ensure_tag (buffer, "image", "justification", GTK_JUSTIFY_CENTER, NULL);
  ensure_tag (buffer, "highlight", "paragraph-background", "rgba(246,211,45,0.35)", NULL);
}

/**
 * chronicle_document_set_link_color:
 *
 * Links take the accent colour, which differs in light and dark styles.
 */
void
chronicle_document_set_link_color (GtkTextBuffer *buffer,
                                   const GdkRGBA *color)
{
  ensure_tags (buffer);
  g_object_set (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "link"),
                "foreground-rgba", color, NULL);
}

static GtkTextTag *
block_tag (GtkTextBuffer        *buffer,
           const ChronicleBlock *block)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *name = NULL;

  switch (block->kind)
    {
    case CHRONICLE_BLOCK_HEADING:
      name = g_strdup_printf ("heading-%u", CLAMP (block->level, 1, 3));
      return gtk_text_tag_table_lookup (table, name);

    case CHRONICLE_BLOCK_QUOTE:
      if (block->level <= 1)
        return gtk_text_tag_table_lookup (table, "quote");
      /* Nested quotes step further in. */
      name = g_strdup_printf ("quote-%u", MIN (block->level, 6));
      return ensure_tag (buffer, name, "left-margin", 28 * (int) MIN (block->level, 6),
                         "right-margin", 12, "style", PANGO_STYLE_ITALIC, "pixels-below-lines", 12, NULL);

    case CHRONICLE_BLOCK_LIST_ITEM:
      name = g_strdup_printf ("list-%u", MIN (block->level, 6));
      /* A hanging indent keeps wrapped lines clear of the bullet. */
      return ensure_tag (buffer, name, "left-margin", 24 * (int) MIN (block->level, 6), "indent", -16,
                         "pixels-below-lines", 6, "pixels-inside-wrap", 3, NULL);

    case CHRONICLE_BLOCK_PREFORMATTED:
      return gtk_text_tag_table_lookup (table, "preformatted");

    case CHRONICLE_BLOCK_CAPTION:
      return gtk_text_tag_table_lookup (table, "caption");

    case CHRONICLE_BLOCK_IMAGE:
      return gtk_text_tag_table_lookup (table, "image");

    case CHRONICLE_BLOCK_PARAGRAPH:
    default:
      return gtk_text_tag_table_lookup (table, "paragraph");
    }
}

static void
insert_run (GtkTextBuffer      *buffer,
            GtkTextIter        *iter,
            const ChronicleRun *run)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  int start_offset = gtk_text_iter_get_offset (iter);
  GtkTextIter start;

  gtk_text_buffer_insert (buffer, iter, run->text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);

  if (run->style & CHRONICLE_RUN_EMPHASIS)
    gtk_text_buffer_apply_tag (buffer, gtk_text_tag_table_lookup (table, "emphasis"), &start, iter);
  if (run->style & CHRONICLE_RUN_STRONG)
    gtk_text_buffer_apply_tag (buffer, gtk_text_tag_table_lookup (table, "strong"), &start, iter);
  if (run->style & CHRONICLE_RUN_CODE)
    gtk_text_buffer_apply_tag (buffer, gtk_text_tag_table_lookup (table, "code"), &start, iter);

  if ((run->style & CHRONICLE_RUN_LINK) && run->href != NULL)
    {
      /* Each link gets its own anonymous tag that carries its address. */
      GtkTextTag *link = gtk_text_buffer_create_tag (buffer, NULL, NULL);

      g_object_set_data_full (G_OBJECT (link), LINK_DATA, g_strdup (run->href), g_free);
      gtk_text_buffer_apply_tag (buffer, link, &start, iter);
      gtk_text_buffer_apply_tag (buffer, gtk_text_tag_table_lookup (table, "link"), &start, iter);
    }
}

/**
 * chronicle_document_render:
 * @block_starts: (element-type int): filled with the character offset where
 *   each block of text starts, so that a paragraph can be found again;
 *   pictures are not counted, so that a timeline's paragraph numbers stay
 *   those of the text
 * @anchors: (element-type GtkTextChildAnchor): filled with the place of
 *   each picture, in the order of the document's image blocks, for the
 *   view to put it there
 *
 * Replaces the contents of @buffer with @document.
 */
void
chronicle_document_render (ChronicleDocument *document,
                           const char        *language,
                           GtkTextBuffer     *buffer,
                           GArray            *block_starts,
                           GPtrArray         *anchors)
{
  GtkTextIter start, end;
  GtkTextTag *language_tag;
  guint n_blocks = chronicle_document_get_n_blocks (document);
  GtkTextIter iter;

  ensure_tags (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);
  g_array_set_size (block_starts, 0);
  g_ptr_array_set_size (anchors, 0);
  gtk_text_buffer_get_end_iter (buffer, &iter);

  for (guint i = 0; i < n_blocks; i++)
    {
      const ChronicleBlock *block = chronicle_document_get_block (document, i);
      int start_offset = gtk_text_iter_get_offset (&iter);

      if (block->kind != CHRONICLE_BLOCK_IMAGE)
        g_array_append_val (block_starts, start_offset);

      /* Number 0 continues an item after a nested list: no marker. */
      if (block->kind == CHRONICLE_BLOCK_LIST_ITEM && block->number > 0)
        {
          g_autofree char *marker = block->ordered ? g_strdup_printf ("%u.\t", block->number)
                                                   : g_strdup ("•\t");
          gtk_text_buffer_insert (buffer, &iter, marker, -1);
        }

      if (block->kind == CHRONICLE_BLOCK_IMAGE)
        g_ptr_array_add (anchors, g_object_ref (gtk_text_buffer_create_child_anchor (buffer, &iter)));

      for (guint j = 0; j < block->runs->len; j++)
        insert_run (buffer, &iter, g_ptr_array_index (block->runs, j));

      if (i + 1 < n_blocks)
        gtk_text_buffer_insert (buffer, &iter, "\n", 1);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
      gtk_text_buffer_apply_tag (buffer, block_tag (buffer, block), &start, &iter);
    }

  /* The text's language picks its fonts and glyphs: Chinese and Japanese
   * write some of the same characters differently. */
  language_tag = ensure_tag (buffer, "language", NULL);
  g_object_set (language_tag, "language", language, "language-set", language != NULL, NULL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, language_tag, &start, &end);
}

/**
 * chronicle_language_attributes_new:
 * @language: (nullable): the language of a label's text, such as "zh-CN"
 *
 * Attributes that tell Pango which language a label's text is in, for its
 * fonts and glyphs.
 *
 * Returns: (transfer full) (nullable): the attributes, or %NULL for no
 *   language
 */
PangoAttrList *
chronicle_language_attributes_new (const char *language)
{
  PangoAttrList *attributes;

  if (language == NULL)
    return NULL;
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_language_new (pango_language_from_string (language)));
  return attributes;
}

/**
 * chronicle_document_link_at_iter:
 *
 * Returns: (nullable): the address of the link at @iter
 */
const char *
chronicle_document_link_at_iter (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *href = g_object_get_data (l->data, LINK_DATA);

      if (href != NULL)
        return href;
    }

  return NULL;
}
