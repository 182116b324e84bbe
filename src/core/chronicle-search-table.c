/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-search"

#include "config.h"

#include <string.h>

#include "chronicle-search-table.h"
#include "chronicle-threads.h"

/* A live search asks about every story on its first keystroke, and about
 * every story still shown on each next one.  Asking each story in turn
 * follows four pointers to reach its keys, which costs more than reading
 * them.  A table holds a collection's keys in the order they were made,
 * which is their order in memory, and a search reads it from start to end
 * into a set of stories that the list's filter then only looks up.  The
 * library makes a collection's table on a worker thread once its stories
 * are listed (see chronicle_library_index()).
 *
 * A key is held as the numbers of its words in a vocabulary: articles
 * share most of their words, and a number takes two bytes where the word
 * took seven or more, so a library's keys take a third of the memory.  A
 * search finds its terms in the vocabulary once, then reads numbers.  A
 * vocabulary has at most 65 536 words; a table holds as many parts as its
 * keys need. */

/* Words a part's numbers can name. */
#define PART_WORDS 65536

typedef struct
{
  char    *words;    /* each word followed by a space */
  guint32 *starts;   /* where each word starts, and where the last ends */
  guint    n_words;
  guint16 *ids;      /* the words of the entries' keys */
} Part;

typedef struct
{
  guint32 part;
  guint32 first;    /* where its words start in its part's ids */
  guint32 n;        /* how many words its key has */
  guint32 story;    /* the story's serial */
} Entry;

struct _ChronicleSearchTable
{
  gatomicrefcount  ref_count;
  Entry           *entries;
  guint            n_entries;
  guint            max_story;
  Part            *parts;
  guint            n_parts;
};

/* Where the last term was first found in an entry's words, when it was. */
#define NO_HIT G_MAXUINT32

typedef struct
{
  ChronicleSearchTable *table;
  guint32              *hits;
} Scan;

struct _ChronicleSearchResult
{
  char   **terms;
  gboolean complete;  /* every story listed was in a table */
  guint    n_bits;
  guint64 *covered;   /* stories whose keys were read */
  guint64 *matched;
  GArray  *scans;     /* of Scan */
};

/* Makes parts from keys given in any order: the part being filled has a
 * hash table of its words. */
struct _ChronicleSearchTableBuilder
{
  Entry   *entries;
  guint    n_entries;
  guint    max_story;
  GArray  *parts;     /* of Part, filled */
  GString *words;
  GArray  *starts;    /* of guint32 */
  GArray  *ids;       /* of guint16 */
  guint32 *slots;     /* a word's number + 1, or 0 */
  guint    n_slots;   /* a power of two */
};

static guint
word_hash (const char *word,
           gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;

  return hash;
}

static void
builder_open_part (ChronicleSearchTableBuilder *self)
{
  self->words = g_string_sized_new (4096);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1024);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (guint16), 4096);
  self->n_slots = 2048;
  self->slots = g_new0 (guint32, self->n_slots);
}

static void
builder_close_part (ChronicleSearchTableBuilder *self)
{
  Part part;
  guint32 end = self->words->len;

  part.n_words = self->starts->len;
  g_array_append_val (self->starts, end);
  part.starts = (guint32 *) g_array_free (self->starts, FALSE);
  part.words = g_string_free (self->words, FALSE);
  part.ids = (guint16 *) g_array_free (self->ids, FALSE);
  g_array_append_val (self->parts, part);
  g_clear_pointer (&self->slots, g_free);
  self->words = NULL;
  self->starts = self->ids = NULL;
}

static void
builder_grow_slots (ChronicleSearchTableBuilder *self)
{
  guint32 *starts = (guint32 *) self->starts->data;

  g_free (self->slots);
  self->n_slots *= 2;
  self->slots = g_new0 (guint32, self->n_slots);
  for (guint w = 0; w < self->starts->len; w++)
    {
      guint32 next = w + 1 < self->starts->len ? starts[w + 1] : self->words->len;
      guint slot = word_hash (self->words->str + starts[w], next - 1 - starts[w]) & (self->n_slots - 1);

      while (self->slots[slot] != 0)
        slot = (slot + 1) & (self->n_slots - 1);
      self->slots[slot] = w + 1;
    }
}

/* The number of @word in the part being filled, added when new. */
static guint16
builder_word (ChronicleSearchTableBuilder *self,
              const char                  *word,
              gsize                        length)
{
  const guint32 *starts = (const guint32 *) self->starts->data;
  guint slot = word_hash (word, length) & (self->n_slots - 1);
  guint32 id;

  for (; self->slots[slot] != 0; slot = (slot + 1) & (self->n_slots - 1))
    {
      guint32 w = self->slots[slot] - 1;
      guint32 next = w + 1 < self->starts->len ? starts[w + 1] : self->words->len;

      if (next - 1 - starts[w] == length && memcmp (self->words->str + starts[w], word, length) == 0)
        return w;
    }

  id = self->starts->len;
  g_array_append_val (self->starts, self->words->len);
  g_string_append_len (self->words, word, length);
  g_string_append_c (self->words, ' ');
  self->slots[slot] = id + 1;
  if (self->starts->len * 2 > self->n_slots)
    builder_grow_slots (self);

  return id;
}

/**
 * chronicle_search_table_builder_new:
 * @stories: the serial of the story of each of @n_keys items
 *
 * Returns: (transfer full): a builder of a table of @n_keys keys, none
 *   set yet
 */
ChronicleSearchTableBuilder *
chronicle_search_table_builder_new (const guint *stories,
                                    guint        n_keys)
{
  ChronicleSearchTableBuilder *self;

  g_return_val_if_fail (n_keys == 0 || stories != NULL, NULL);

  self = g_new0 (ChronicleSearchTableBuilder, 1);
  self->n_entries = n_keys;
  self->entries = g_new0 (Entry, n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      self->entries[i].story = stories[i];
      self->max_story = MAX (self->max_story, stories[i]);
    }
  self->parts = g_array_new (FALSE, FALSE, sizeof (Part));
  builder_open_part (self);

  return self;
}

/**
 * chronicle_search_table_builder_set_key:
 * @index: which item
 * @key: the item's folded key, its words separated by spaces, as
 *   chronicle_item_dup_search_key() made it
 *
 * Sets the key of the item at @index, once.  A key of more than 65 536
 * different words, of an article of several megabytes, is searched in its
 * first 65 536.
 */
void
chronicle_search_table_builder_set_key (ChronicleSearchTableBuilder *self,
                                        guint                        index,
                                        const char                  *key,
                                        gsize                        length)
{
  Entry *entry;
  guint n_words = 1;

  g_return_if_fail (self != NULL && self->words != NULL);
  g_return_if_fail (index < self->n_entries);
  g_return_if_fail (key != NULL || length == 0);

  for (const char *space = key; length > 0 && (space = memchr (space, ' ', key + length - space)) != NULL; space++)
    n_words++;
  length = MIN (length, G_MAXUINT32 / 4);

  /* A new part when this key's words might not fit in the one being
   * filled. */
  if (self->starts->len + MIN (n_words, PART_WORDS) > PART_WORDS ||
      self->ids->len + (guint64) n_words >= G_MAXUINT32 ||
      self->words->len + (guint64) length + n_words >= G_MAXUINT32 / 2)
    {
      builder_close_part (self);
      builder_open_part (self);
    }

  entry = &self->entries[index];
  entry->part = self->parts->len;
  entry->first = self->ids->len;
  for (gsize start = 0; start < length && self->starts->len < PART_WORDS;)
    {
      const char *space = memchr (key + start, ' ', length - start);
      gsize end = space != NULL ? (gsize) (space - key) : length;
      guint16 id;

      if (end > start)
        {
          id = builder_word (self, key + start, end - start);
          g_array_append_val (self->ids, id);
        }
      start = end + 1;
    }
  entry->n = self->ids->len - entry->first;
}

/**
 * chronicle_search_table_builder_end:
 *
 * Returns: (transfer full): the table of the keys set, the others empty
 */
ChronicleSearchTable *
chronicle_search_table_builder_end (ChronicleSearchTableBuilder *self)
{
  ChronicleSearchTable *table;

  g_return_val_if_fail (self != NULL && self->words != NULL, NULL);

  builder_close_part (self);
  table = g_new0 (ChronicleSearchTable, 1);
  g_atomic_ref_count_init (&table->ref_count);
  table->entries = self->entries;
  table->n_entries = self->n_entries;
  table->max_story = self->max_story;
  table->n_parts = self->parts->len;
  table->parts = (Part *) g_array_free (self->parts, FALSE);
  g_free (self);

  return table;
}

static void
part_clear (Part *part)
{
  g_free (part->words);
  g_free (part->starts);
  g_free (part->ids);
}

void
chronicle_search_table_builder_free (ChronicleSearchTableBuilder *self)
{
  if (self == NULL)
    return;

  if (self->words != NULL)
    builder_close_part (self);
  for (guint p = 0; p < self->parts->len; p++)
    part_clear (&g_array_index (self->parts, Part, p));
  g_array_unref (self->parts);
  g_free (self->entries);
  g_free (self);
}

/* A range of a feed's items folded into a builder of its own. */
typedef struct
{
  ChronicleFeed               *feed;
  const guint                 *stories;
  guint                        start;
  guint                        end;
  ChronicleSearchTableBuilder *builder;
} FoldRange;

static gpointer
fold_range (gpointer data)
{
  FoldRange *range = data;

  range->builder = chronicle_search_table_builder_new (range->stories + range->start, range->end - range->start);
  for (guint i = range->start; i < range->end; i++)
    {
      gsize length;
      g_autofree char *key = chronicle_item_dup_search_key (chronicle_feed_get_item (range->feed, i), &length);

      chronicle_search_table_builder_set_key (range->builder, i - range->start, key, length);
    }

  return NULL;
}

/**
 * chronicle_search_table_new:
 * @feed: a feed whose items are grouped into stories
 * @stories: the serial of the story of each of @feed's items
 *
 * Folds the search keys of @feed's items, in parts on the background
 * threads for large feeds.
 * It reads only what the parser filled in, so any thread may call it.
 *
 * Returns: (transfer full): a table of the keys
 */
ChronicleSearchTable *
chronicle_search_table_new (ChronicleFeed *feed,
                            const guint   *stories)
{
  ChronicleSearchTable *self;
  g_autofree FoldRange *ranges = NULL;
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  guint n_parts, n_items;

  g_return_val_if_fail (CHRONICLE_IS_FEED (feed), NULL);
  g_return_val_if_fail (stories != NULL, NULL);

  n_items = chronicle_feed_get_n_items (feed);
  n_parts = chronicle_n_parts (n_items);
  ranges = g_new (FoldRange, n_parts);
  for (guint r = 0; r < n_parts; r++)
    ranges[r] = (FoldRange) { feed, stories, (guint) ((guint64) n_items * r / n_parts),
                              (guint) ((guint64) n_items * (r + 1) / n_parts), NULL };
  chronicle_run_parts (fold_range, ranges, sizeof *ranges, n_parts);

  /* One table of the ranges' entries and parts, in their order. */
  self = g_new0 (ChronicleSearchTable, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_entries = n_items;
  self->entries = g_new (Entry, n_items);
  for (guint r = 0; r < n_parts; r++)
    {
      ChronicleSearchTableBuilder *builder = ranges[r].builder;
      guint first_part = parts->len;

      builder_close_part (builder);
      g_array_append_vals (parts, builder->parts->data, builder->parts->len);
      for (guint i = 0; i < builder->n_entries; i++)
        {
          self->entries[ranges[r].start + i] = builder->entries[i];
          self->entries[ranges[r].start + i].part += first_part;
        }
      self->max_story = MAX (self->max_story, builder->max_story);
      g_array_set_size (builder->parts, 0);
      chronicle_search_table_builder_free (builder);
    }
  self->n_parts = parts->len;
  self->parts = (Part *) g_array_steal (parts, NULL);

  return self;
}

/**
 * chronicle_search_table_dup_key:
 * @index: which item of the feed the table was made from
 * @length: (out): the key's length
 *
 * Returns: (transfer full): the item's folded key, its words separated by
 *   spaces
 */
char *
chronicle_search_table_dup_key (ChronicleSearchTable *self,
                                guint                 index,
                                gsize                *length)
{
  const Entry *entry;
  const Part *part;
  GString *key;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  entry = &self->entries[index];
  part = &self->parts[entry->part];
  key = g_string_sized_new (entry->n * 8);
  for (guint32 i = 0; i < entry->n; i++)
    {
      guint16 w = part->ids[entry->first + i];

      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append_len (key, part->words + part->starts[w], part->starts[w + 1] - 1 - part->starts[w]);
    }

  *length = key->len;
  return g_string_free (key, FALSE);
}

guint
chronicle_search_table_get_n_keys (ChronicleSearchTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

ChronicleSearchTable *
chronicle_search_table_ref (ChronicleSearchTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
chronicle_search_table_unref (ChronicleSearchTable *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      for (guint p = 0; p < self->n_parts; p++)
        part_clear (&self->parts[p]);
      g_free (self->parts);
      g_free (self->entries);
      g_free (self);
    }
}

/* The 64-bit words of a result's sets of stories. */
static inline gsize
n_words (ChronicleSearchResult *self)
{
  return self->n_bits / 64 + 1;
}

static inline gboolean
test_bit (const guint64 *bits,
          guint          bit)
{
  return (bits[bit / 64] >> (bit % 64)) & 1;
}

static inline void
set_bit (guint64 *bits,
         guint    bit)
{
  bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

/* Sets in @bits the words of @part that contain @term. */
static void
find_words (const Part *part,
            const char *term,
            guint64    *bits)
{
  gsize term_length = strlen (term);
  const char *words_end = part->words + part->starts[part->n_words];
  const char *at = part->words;
  const char *found;

  if (part->n_words == 0)
    return;

  while ((found = memmem (at, words_end - at, term, term_length)) != NULL)
    {
      /* The word it is in: the last that starts at or before it. */
      guint32 offset = found - part->words;
      guint low = 0, high = part->n_words;

      while (high - low > 1)
        {
          guint middle = (low + high) / 2;

          if (part->starts[middle] <= offset)
            low = middle;
          else
            high = middle;
        }
      set_bit (bits, low);
      at = part->words + part->starts[low + 1];
      if (at >= words_end)
        break;
    }
}

/* For each part, for each term, the words that contain it; NULL where no
 * word of the part does. */
static guint64 **
find_words_of_terms (ChronicleSearchTable *table,
                     char * const         *terms,
                     guint                 n_terms)
{
  guint64 **found = g_new0 (guint64 *, (gsize) table->n_parts * MAX (n_terms, 1));

  for (guint p = 0; p < table->n_parts; p++)
    for (guint t = 0; t < n_terms; t++)
      {
        guint64 *bits = g_new0 (guint64, table->parts[p].n_words / 64 + 1);

        find_words (&table->parts[p], terms[t], bits);
        for (guint w = 0; w <= table->parts[p].n_words / 64; w++)
          if (bits[w] != 0)
            {
              found[p * n_terms + t] = g_steal_pointer (&bits);
              break;
            }
        g_free (bits);
      }

  return found;
}

/* Where the last of the terms is first found in @entry's words from
 * @start on, when every term is in them.  @words holds the words of each
 * term in the entry's part. */
static guint32
find_terms (const ChronicleSearchTable *table,
            const Entry                *entry,
            guint64 * const            *words,
            guint                       n_terms,
            guint32                     start)
{
  const guint16 *ids = table->parts[entry->part].ids + entry->first;

  if (n_terms == 0)
    return 0;

  for (guint t = 0; t < n_terms; t++)
    if (words[t] == NULL)
      return NO_HIT;

  for (guint t = 0; t + 1 < n_terms; t++)
    {
      guint32 i = 0;

      while (i < entry->n && !test_bit (words[t], ids[i]))
        i++;
      if (i == entry->n)
        return NO_HIT;
    }

  for (guint32 i = start; i < entry->n; i++)
    if (test_bit (words[n_terms - 1], ids[i]))
      return i;

  return NO_HIT;
}

/* Whether @terms differ from @old only in a longer last term, which is
 * then first found no earlier than the old one. */
static gboolean
extends_last_term (char * const *old,
                   char * const *terms)
{
  guint n = g_strv_length ((char **) terms);

  if (n == 0 || g_strv_length ((char **) old) != n)
    return FALSE;

  for (guint t = 0; t + 1 < n; t++)
    if (!g_str_equal (old[t], terms[t]))
      return FALSE;

  return g_str_has_prefix (terms[n - 1], old[n - 1]);
}

static const guint32 *
find_hits (ChronicleSearchResult *self,
           ChronicleSearchTable  *table)
{
  for (guint i = 0; self != NULL && i < self->scans->len; i++)
    if (g_array_index (self->scans, Scan, i).table == table)
      return g_array_index (self->scans, Scan, i).hits;

  return NULL;
}

static void
scan_table (ChronicleSearchResult *self,
            ChronicleSearchTable  *table,
            ChronicleSearchResult *narrowing,
            gboolean               extends)
{
  const guint32 *old_hits = find_hits (narrowing, table);
  guint n_terms = g_strv_length (self->terms);
  Scan scan = { chronicle_search_table_ref (table), g_new (guint32, table->n_entries) };
  guint64 **words = find_words_of_terms (table, self->terms, n_terms);

  for (guint i = 0; i < table->n_entries; i++)
    {
      const Entry *entry = &table->entries[i];
      guint32 start = 0;

      set_bit (self->covered, entry->story);
      scan.hits[i] = NO_HIT;

      /* A story another item of it matched, or that did not match before
       * the search narrowed, needs no reading. */
      if (test_bit (self->matched, entry->story))
        continue;
      if (old_hits != NULL && !test_bit (narrowing->matched, entry->story))
        continue;

      if (extends && old_hits != NULL && old_hits[i] != NO_HIT)
        start = old_hits[i];

      scan.hits[i] = find_terms (table, entry, words + (gsize) entry->part * n_terms, n_terms, start);
      if (scan.hits[i] != NO_HIT)
        set_bit (self->matched, entry->story);
    }

  for (gsize w = 0; w < (gsize) table->n_parts * n_terms; w++)
    g_free (words[w]);
  g_free (words);
  g_array_append_val (self->scans, scan);
}

static void
scan_clear (gpointer data)
{
  Scan *scan = data;

  chronicle_search_table_unref (scan->table);
  g_free (scan->hits);
}

/**
 * chronicle_search_result_new:
 * @tables: (element-type ChronicleSearchTable): the tables to read
 * @terms: folded search terms, from chronicle_search_terms()
 * @narrowing: (nullable): an earlier result that every match of @terms
 *   is in, as when a reader types on
 * @complete: whether @tables hold every story that is listed
 *
 * Returns: (transfer full): which stories of @tables contain @terms
 */
ChronicleSearchResult *
chronicle_search_result_new (GPtrArray             *tables,
                             char                 **terms,
                             ChronicleSearchResult *narrowing,
                             gboolean               complete)
{
  ChronicleSearchResult *self;
  gboolean extends;

  g_return_val_if_fail (tables != NULL, NULL);
  g_return_val_if_fail (terms != NULL, NULL);

  self = g_new0 (ChronicleSearchResult, 1);
  self->terms = g_strdupv (terms);
  self->complete = complete;
  self->scans = g_array_new (FALSE, FALSE, sizeof (Scan));
  g_array_set_clear_func (self->scans, scan_clear);

  for (guint i = 0; i < tables->len; i++)
    {
      ChronicleSearchTable *table = g_ptr_array_index (tables, i);

      self->n_bits = MAX (self->n_bits, table->max_story + 1);
    }
  self->covered = g_new0 (guint64, n_words (self));
  self->matched = g_new0 (guint64, n_words (self));

  extends = narrowing != NULL && extends_last_term (narrowing->terms, terms);
  for (guint i = 0; i < tables->len; i++)
    scan_table (self, g_ptr_array_index (tables, i), narrowing, extends);

  return self;
}

void
chronicle_search_result_free (ChronicleSearchResult *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->terms);
  g_free (self->covered);
  g_free (self->matched);
  g_array_unref (self->scans);
  g_free (self);
}

/**
 * chronicle_search_result_contains:
 *
 * Stories that none of the result's tables hold, such as ones added since,
 * are asked directly.
 *
 * Returns: %TRUE if one of @story's items contains every term
 */
gboolean
chronicle_search_result_contains (ChronicleSearchResult *self,
                                  ChronicleStory        *story)
{
  guint serial;

  g_return_val_if_fail (self != NULL, FALSE);

  serial = chronicle_story_get_serial (story);
  if (serial < self->n_bits && test_bit (self->covered, serial))
    return test_bit (self->matched, serial);

  return chronicle_story_matches (story, self->terms);
}

/**
 * chronicle_search_result_same:
 *
 * Returns: %TRUE if @a and @b are sure to contain the same stories, so
 *   that a list filtered by one needs no filtering for the other
 */
gboolean
chronicle_search_result_same (ChronicleSearchResult *a,
                              ChronicleSearchResult *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->complete && b->complete && a->n_bits == b->n_bits &&
         memcmp (a->covered, b->covered, n_words (a) * sizeof (guint64)) == 0 &&
         memcmp (a->matched, b->matched, n_words (a) * sizeof (guint64)) == 0;
}
