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
 * are listed (see chronicle_library_index()). */

typedef struct
{
  char    *key;
  guint32  length;
  guint32  story;   /* the story's serial */
} Entry;

struct _ChronicleSearchTable
{
  gatomicrefcount  ref_count;
  Entry           *entries;
  guint            n_entries;
  guint            max_story;
};

/* Where the last term was first found in an entry's key, when it was. */
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

typedef struct
{
  ChronicleFeed *feed;
  Entry         *entries;
  guint          start;
  guint          end;
} FoldRange;

static gpointer
fold_range (gpointer data)
{
  FoldRange *range = data;

  for (guint i = range->start; i < range->end; i++)
    {
      gsize length;

      range->entries[i].key = chronicle_item_dup_search_key (chronicle_feed_get_item (range->feed, i), &length);
      range->entries[i].length = length;
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
  guint n_parts;

  g_return_val_if_fail (CHRONICLE_IS_FEED (feed), NULL);
  g_return_val_if_fail (stories != NULL, NULL);

  self = g_new0 (ChronicleSearchTable, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_entries = chronicle_feed_get_n_items (feed);
  self->entries = g_new0 (Entry, self->n_entries);

  for (guint i = 0; i < self->n_entries; i++)
    {
      self->entries[i].story = stories[i];
      self->max_story = MAX (self->max_story, stories[i]);
    }

  n_parts = chronicle_n_parts (self->n_entries);
  ranges = g_new (FoldRange, n_parts);
  for (guint r = 0; r < n_parts; r++)
    ranges[r] = (FoldRange) { feed, self->entries, (guint) ((guint64) self->n_entries * r / n_parts),
                              (guint) ((guint64) self->n_entries * (r + 1) / n_parts) };
  chronicle_run_parts (fold_range, ranges, sizeof *ranges, n_parts);

  return self;
}

/**
 * chronicle_search_table_new_take_keys:
 * @keys: (transfer full): the folded key of each item, as
 *   chronicle_item_dup_search_key() made them; the table takes them and
 *   frees the array
 * @lengths: the length of each key
 * @stories: the serial of the story of each item
 *
 * A table of keys folded before, such as those the store keeps.
 *
 * Returns: (transfer full): the table
 */
ChronicleSearchTable *
chronicle_search_table_new_take_keys (char          **keys,
                                      const guint32  *lengths,
                                      const guint    *stories,
                                      guint           n_keys)
{
  ChronicleSearchTable *self;

  g_return_val_if_fail (n_keys == 0 || (keys != NULL && lengths != NULL && stories != NULL), NULL);

  self = g_new0 (ChronicleSearchTable, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_entries = n_keys;
  self->entries = g_new0 (Entry, n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      self->entries[i] = (Entry) { keys[i] != NULL ? keys[i] : g_strdup (""), keys[i] != NULL ? lengths[i] : 0, stories[i] };
      self->max_story = MAX (self->max_story, stories[i]);
    }
  g_free (keys);

  return self;
}

/**
 * chronicle_search_table_get_key:
 * @index: which item of the feed the table was made from
 *
 * Returns: (transfer none): the item's folded key
 */
const char *
chronicle_search_table_get_key (ChronicleSearchTable *self,
                                guint                 index,
                                gsize                *length)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);

  *length = self->entries[index].length;
  return self->entries[index].key;
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
      for (guint i = 0; i < self->n_entries; i++)
        g_free (self->entries[i].key);
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

/* Where the last of @terms is first found in @entry's key from @start on,
 * when every term is in it. */
static guint32
find_terms (const Entry  *entry,
            char * const *terms,
            guint         n_terms,
            guint32       start)
{
  const char *found = NULL;

  if (n_terms == 0)
    return 0;

  for (guint t = 0; t + 1 < n_terms; t++)
    if (memmem (entry->key, entry->length, terms[t], strlen (terms[t])) == NULL)
      return NO_HIT;

  found = memmem (entry->key + start, entry->length - start, terms[n_terms - 1], strlen (terms[n_terms - 1]));
  return found != NULL ? (guint32) (found - entry->key) : NO_HIT;
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

      scan.hits[i] = find_terms (entry, self->terms, n_terms, start);
      if (scan.hits[i] != NO_HIT)
        set_bit (self->matched, entry->story);
    }

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
