/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-document"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "chronicle-document-private.h"

G_DEFINE_BOXED_TYPE (ChronicleDocument,
                     chronicle_document,
                     chronicle_document_ref,
                     chronicle_document_unref)

void
chronicle_document_run_free (ChronicleRun *run)
{
  g_free (run->text);
  g_free (run->href);
  g_free (run);
}

void
chronicle_document_block_free (ChronicleBlock *block)
{
  g_clear_pointer (&block->runs, g_ptr_array_unref);
  g_clear_pointer (&block->image, chronicle_image_free);
  g_free (block);
}

ChronicleDocument *
chronicle_document_new (GPtrArray *blocks)
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
          skip = chronicle_document_control_length (p, end);
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
char *
chronicle_document_dup_valid_utf8 (const char *text,
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

gboolean
chronicle_document_is_blank (const char *text,
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

  valid = chronicle_document_dup_valid_utf8 (text, length, MAX_TEXT_BYTES, &len);
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_document_block_free);
  paragraph = g_string_new (NULL);

  p = valid;
  end = valid + len;

  while (p <= end && blocks->len < MAX_BLOCKS)
    {
      const char *eol = p;
      gboolean blank;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      blank = chronicle_document_is_blank (p, eol - p);
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
          block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_document_run_free);

          /* Control characters alone are removed, and leave nothing. */
          if (run->text[0] != '\0')
            {
              g_ptr_array_add (block->runs, run);
              g_ptr_array_add (blocks, block);
            }
          else
            {
              chronicle_document_run_free (run);
              chronicle_document_block_free (block);
            }
        }

      if (eol == end)
        break;

      /* CRLF, LF and CR all end a line. */
      if (eol[0] == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      p = eol + 1;
    }

  return chronicle_document_new (g_steal_pointer (&blocks));
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

      /* Pictures have no text of their own. */
      if (block->runs->len == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, "\n\n");

      for (guint j = 0; j < block->runs->len; j++)
        g_string_append (out, ((const ChronicleRun *) g_ptr_array_index (block->runs, j))->text);
    }

  return g_string_free (out, FALSE);
}

/**
 * chronicle_document_lead_image:
 * @url: the address of the article's picture
 *
 * Puts the picture first, unless the document has a picture already.
 */
void
chronicle_document_lead_image (ChronicleDocument *self,
                               const char        *url)
{
  ChronicleBlock *block;
  ChronicleImage *image;
  GPtrArray *candidates;
  ChronicleImageCandidate *candidate;

  g_return_if_fail (self != NULL);
  g_return_if_fail (url != NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      if (((const ChronicleBlock *) g_ptr_array_index (self->blocks, i))->kind == CHRONICLE_BLOCK_IMAGE)
        return;
    }

  candidate = g_new0 (ChronicleImageCandidate, 1);
  candidate->url = g_strdup (url);
  candidate->density = 1;
  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_image_candidate_free);
  g_ptr_array_add (candidates, candidate);
  image = chronicle_image_new ();
  chronicle_image_add_source (image, NULL, candidates);

  block = g_new0 (ChronicleBlock, 1);
  block->kind = CHRONICLE_BLOCK_IMAGE;
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_document_run_free);
  block->image = image;
  g_ptr_array_insert (self->blocks, 0, block);
}
