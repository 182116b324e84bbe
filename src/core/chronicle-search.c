/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-search"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "chronicle-search.h"

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * chronicle_search_fold:
 * @text: UTF-8 text
 *
 * Folds text so that searching ignores case and accents: "SCHULMAN" and
 * "Schulman" fold alike, and so do "Müller" and "Muller".  Compatibility
 * decomposition also folds full-width Latin letters; CJK text is kept as
 * it is, so substrings of it match.  Runs of white space become one space.
 *
 * Returns: the folded text
 */
char *
chronicle_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    decomposed = g_utf8_make_valid (text, -1);

  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mark (c))
        continue;

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          space = FALSE;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Folds one character the long way: compatibility decomposition, marks
 * dropped, case folded, as chronicle_search_fold() does. */
static void
fold_char_slowly (GString  *out,
                  gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      char buf[8];
      g_autofree char *folded = NULL;
      int len;

      /* Marks are dropped after folding: some fold to letters. */
      len = g_unichar_to_utf8 (decomposed[i], buf);
      folded = g_utf8_casefold (buf, len);
      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        if (!is_mark (g_utf8_get_char (p)))
          g_string_append_unichar (out, g_utf8_get_char (p));
    }
}

/* The folding of U+0080 to U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic
 * letters and their accents), computed once: folding a collection meets
 * them often, and the long way allocates for each one. */
#define FOLD_TABLE_SIZE 0x800
#define FOLD_SPACE      0xff
#define FOLD_LONG       0xfe

typedef struct
{
  guint8 length;   /* of text, or FOLD_SPACE or FOLD_LONG */
  char   text[7];
} FoldEntry;

static const FoldEntry *
get_fold_table (void)
{
  static FoldEntry *table;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GString *folded = g_string_new (NULL);

      table = g_new0 (FoldEntry, FOLD_TABLE_SIZE);
      for (gunichar c = 0x80; c < FOLD_TABLE_SIZE; c++)
        {
          FoldEntry *entry = &table[c];

          if (g_unichar_isspace (c))
            {
              entry->length = FOLD_SPACE;
              continue;
            }

          g_string_truncate (folded, 0);
          fold_char_slowly (folded, c);
          if (folded->len <= sizeof entry->text)
            {
              entry->length = folded->len;
              memcpy (entry->text, folded->str, folded->len);
            }
          else
            entry->length = FOLD_LONG;
        }
      g_string_free (folded, TRUE);
      g_once_init_leave (&initialized, 1);
    }

  return table;
}

static void
fold_char (GString  *out,
           gunichar  c,
           gboolean *space)
{
  const FoldEntry *entry = c >= 0x80 && c < FOLD_TABLE_SIZE ? &get_fold_table ()[c] : NULL;

  if (entry != NULL ? entry->length == FOLD_SPACE : g_unichar_isspace (c))
    {
      *space = out->len > 0;
      return;
    }

  if (*space)
    {
      g_string_append_c (out, ' ');
      *space = FALSE;
    }

  if (c < 0x80)
    g_string_append_c (out, g_ascii_tolower ((char) c));
  else if (entry != NULL && entry->length != FOLD_LONG)
    g_string_append_len (out, entry->text, entry->length);
  else
    fold_char_slowly (out, c);
}

/* Printable ASCII that is neither white space nor the start of a tag or
 * an entity: copied as it is, lowered. */
static const guchar plain_ascii[256] = {
  [0x21 ... '&' - 1] = 1,
  ['&' + 1 ... '<' - 1] = 1,
  ['<' + 1 ... 0x7f] = 1,
};

static inline gboolean
is_plain_ascii (char c)
{
  return plain_ascii[(guchar) c];
}

/**
 * chronicle_search_fold_fast_append:
 * @out: where to add the folded text, after a space unless it is empty
 * @text: UTF-8 text
 * @html: whether @text is HTML, whose tags are skipped and whose common
 *   entities are decoded
 *
 * Folds like chronicle_search_fold(), in one pass and without the HTML
 * parser, for the search keys of large collections: ASCII, most of any
 * text, takes the short path.  What it keeps of HTML is what a reader can
 * search for; it is not used to show anything.
 */
void
chronicle_search_fold_fast_append (GString    *out,
                                   const char *text,
                                   gboolean    html)
{
  gboolean space;
  const char *p;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  space = out->len > 0;
  for (p = text; *p != '\0';)
    {
      gunichar c;

      if (html && *p == '<')
        {
          const char *end = strchr (p, '>');

          /* A tag separates words. */
          space = out->len > 0;
          if (end == NULL)
            break;
          p = end + 1;
          continue;
        }

      if (html && *p == '&')
        {
          gboolean decoded = FALSE;

          if (p[1] == '#')
            {
              char *end = NULL;
              guint64 value = (p[2] == 'x' || p[2] == 'X') ? g_ascii_strtoull (p + 3, &end, 16)
                                                          : g_ascii_strtoull (p + 2, &end, 10);

              if (end != NULL && *end == ';' && value > 0 && value <= 0x10FFFF && g_unichar_validate ((gunichar) value))
                {
                  fold_char (out, (gunichar) value, &space);
                  p = end + 1;
                  decoded = TRUE;
                }
            }
          else
            {
              /* Named entities, from libxml2's table of HTML's. */
              const char *semicolon = strchr (p + 1, ';');

              if (semicolon != NULL && semicolon - p <= 32)
                {
                  g_autofree char *name = g_strndup (p + 1, semicolon - p - 1);
                  const htmlEntityDesc *entity = htmlEntityLookup ((const xmlChar *) name);

                  if (entity != NULL)
                    {
                      fold_char (out, entity->value, &space);
                      p = semicolon + 1;
                      decoded = TRUE;
                    }
                }
            }

          if (decoded)
            continue;
        }

      /* ASCII white space, what g_unichar_isspace() says is one, between
       * most words. */
      if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f')
        {
          space = out->len > 0;
          p++;
          continue;
        }

      /* Runs of plain ASCII, most of any text, are copied and lowered in
       * bulk. */
      if (is_plain_ascii (*p))
        {
          const char *start = p;
          char *copy;
          gsize n;

          while (is_plain_ascii (*p))
            p++;
          n = p - start;

          if (space)
            {
              g_string_append_c (out, ' ');
              space = FALSE;
            }
          g_string_set_size (out, out->len + n);
          copy = out->str + out->len - n;
          for (gsize i = 0; i < n; i++)
            copy[i] = start[i] >= 'A' && start[i] <= 'Z' ? start[i] + ('a' - 'A') : start[i];
          continue;
        }

      if ((guchar) *p < 0x80)
        {
          fold_char (out, (guchar) *p, &space);
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      fold_char (out, c, &space);
      p = g_utf8_next_char (p);
    }
}

/* A word's first and last eight bytes, read at once where @available
 * allows.  With its length, they are the whole of a word of up to 16
 * bytes, most words. */
typedef struct
{
  guint64 first;
  guint64 last;
} WordEnds;

static inline WordEnds
word_ends (const char *word,
           gsize       length,
           gsize       available)
{
  WordEnds ends = { 0, 0 };

  if (available >= 8)
    {
      memcpy (&ends.first, word, 8);
      if (length < 8)
        ends.first &= (G_GUINT64_CONSTANT (1) << (8 * length)) - 1;
    }
  else
    for (gsize i = 0; i < length; i++)
      ends.first |= (guint64) (guchar) word[i] << (8 * i);

  if (length > 8)
    memcpy (&ends.last, word + length - 8, 8);

  return ends;
}

static inline guint64
word_hash (WordEnds ends,
           gsize    length)
{
  return (ends.first ^ (ends.last * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)) ^ length) *
         G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
}

/* The words kept so far, by where they are in the text. */
typedef struct
{
  guint64 *slots;   /* offset << 32 | length, or 0 */
  gsize    size;
  guint    shift;   /* 64 - log2 (size) */
  gsize    used;
} WordTable;

static void
grow_table (WordTable  *table,
            const char *text,
            gsize       length)
{
  guint64 *old = table->slots;
  gsize old_size = table->size;

  table->size *= 2;
  table->shift--;
  table->slots = g_new0 (guint64, table->size);

  for (gsize i = 0; i < old_size; i++)
    {
      gsize at = old[i] >> 32, len = old[i] & G_MAXUINT32, slot;

      if (old[i] == 0)
        continue;
      slot = word_hash (word_ends (text + at, len, length - at), len) >> table->shift;
      while (table->slots[slot] != 0)
        slot = (slot + 1) & (table->size - 1);
      table->slots[slot] = old[i];
    }

  g_free (old);
}

/**
 * chronicle_search_unique_words:
 * @text: folded text, its words separated by single spaces
 * @length: the length of @text
 *
 * Keeps the first of each word of @text, in place.  Search terms have no
 * spaces, so a term is in the result exactly when it is in @text, and a
 * key that says each word once is shorter to keep and to read: an
 * article's words repeat.
 *
 * Returns: the length of the result
 */
gsize
chronicle_search_unique_words (char  *text,
                               gsize  length)
{
  WordTable table = { NULL, 16, 60, 0 };
  gsize out = 0;

  g_return_val_if_fail (text != NULL || length == 0, 0);
  g_return_val_if_fail (length < G_MAXUINT32, length);

  /* About twice as many slots as an article's words, which repeat. */
  while (table.size < length / 8)
    {
      table.size *= 2;
      table.shift--;
    }
  table.slots = g_new0 (guint64, table.size);

  for (gsize start = 0; start < length;)
    {
      const char *space = memchr (text + start, ' ', length - start);
      gsize end = space != NULL ? (gsize) (space - text) : length;
      WordEnds ends;
      gsize slot;

      if (end == start)
        {
          start++;
          continue;
        }

      /* Open addressing: look until the word or an empty slot.  Earlier
       * words have at least as many bytes after them as this one. */
      ends = word_ends (text + start, end - start, length - start);
      for (slot = word_hash (ends, end - start) >> table.shift;
           table.slots[slot] != 0;
           slot = (slot + 1) & (table.size - 1))
        {
          gsize at = table.slots[slot] >> 32, len = table.slots[slot] & G_MAXUINT32;
          WordEnds other;

          if (len != end - start)
            continue;
          other = word_ends (text + at, len, length - at);
          if (other.first == ends.first && other.last == ends.last &&
              (len <= 16 || memcmp (text + at + 8, text + start + 8, len - 16) == 0))
            break;
        }

      if (table.slots[slot] == 0)
        {
          if (out > 0)
            text[out++] = ' ';
          memmove (text + out, text + start, end - start);
          /* Words are never empty, so no slot that holds one is 0. */
          table.slots[slot] = (guint64) out << 32 | (end - start);
          out += end - start;
          if (++table.used > table.size / 2)
            grow_table (&table, text, length);
        }

      start = end + 1;
    }

  g_free (table.slots);
  if (out < length)
    text[out] = '\0';
  return out;
}

/**
 * chronicle_search_terms:
 * @query: what the reader typed
 *
 * Returns: (transfer full): the folded words of @query; an article matches
 *   when it contains all of them
 */
char **
chronicle_search_terms (const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (query != NULL, NULL);

  folded = chronicle_search_fold (query);
  parts = g_strsplit (folded, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

gboolean
chronicle_search_matches (const char  *folded_text,
                          char       **terms)
{
  g_return_val_if_fail (folded_text != NULL, FALSE);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    if (strstr (folded_text, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}
