/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-library-private.h"

/* Putting stories into the library's stories model, which is kept in the
 * article list's order (see chronicle_story_compare()), so that views only
 * filter it.  New stories come sorted and are merged in with one splice
 * for each run of them between two old ones, which keeps rows that do not
 * move; past CHRONICLE_LIBRARY_MAX_RUNS one splice replaces the whole list
 * instead. */
typedef ChronicleLibraryRun Run;

static void
replace_all (ChronicleLibrary  *self,
             ChronicleStory   **added,
             guint              n_added)
{
  GListModel *model = G_LIST_MODEL (self->stories);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_full (n_old + n_added, g_object_unref);
  guint j = 0;

  for (guint i = 0; i < n_old; i++)
    {
      ChronicleStory *old = g_list_model_get_item (model, i);

      while (j < n_added && chronicle_story_compare (added[j], old) < 0)
        g_ptr_array_add (merged, g_object_ref (added[j++]));
      g_ptr_array_add (merged, old);
    }
  while (j < n_added)
    g_ptr_array_add (merged, g_object_ref (added[j++]));

  g_list_store_splice (self->stories, 0, n_old, merged->pdata, merged->len);
}

/* Where @story goes among the stories of @model from @low on, which are
 * in order: after the equal ones. */
static guint
listed_position (GListModel     *model,
                 ChronicleStory *story,
                 guint           low)
{
  guint high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(ChronicleStory) listed = g_list_model_get_item (model, middle);

      if (chronicle_story_compare (listed, story) > 0)
        high = middle;
      else
        low = middle + 1;
    }
  return low;
}

static void
merge_sorted (ChronicleLibrary  *self,
              ChronicleStory   **added,
              guint              n_added)
{
  GListModel *model = G_LIST_MODEL (self->stories);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint i = 0, j = 0;

  while (j < n_added)
    {
      Run run;

      /* Skip the old stories that come before the next new one, by binary
       * search: a large collection's slices each go after all the others. */
      i = listed_position (model, added[j], i);

      run.position = i + j;
      run.start = j;
      if (i == n_old)
        j = n_added;
      else
        {
          g_autoptr(ChronicleStory) old = g_list_model_get_item (model, i);

          while (j < n_added && chronicle_story_compare (added[j], old) < 0)
            j++;
        }
      run.length = j - run.start;
      g_array_append_val (runs, run);

      if (runs->len > CHRONICLE_LIBRARY_MAX_RUNS)
        {
          replace_all (self, added, n_added);
          return;
        }
    }

  /* In order: each run's position counts the runs before it. */
  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);

      g_list_store_splice (self->stories, run->position, 0, (gpointer *) added + run->start, run->length);
    }
}

typedef struct
{
  GPtrArray           *stories;
  guint                next;
  gboolean             preview;       /* not looked up by key or item */
  GCancellable        *cancellable;
  ChronicleLibrary    *library;       /* unowned: it owns the insertion */
  ChronicleCollection *to_index;      /* keys folded once all is listed */
  guint               *serials;
} Insertion;

static void
insertion_free (gpointer data)
{
  Insertion *insertion = data;

  if (insertion->to_index != NULL)
    {
      gboolean listed = insertion->next == insertion->stories->len &&
                        (insertion->cancellable == NULL || !g_cancellable_is_cancelled (insertion->cancellable));

      if (listed)
        chronicle_library_start_index (insertion->library, insertion->to_index, g_steal_pointer (&insertion->serials));
      else
        chronicle_library_drop_index (insertion->library, g_steal_pointer (&insertion->serials));
      g_clear_object (&insertion->to_index);
    }
  g_ptr_array_unref (insertion->stories);
  g_clear_object (&insertion->cancellable);
  g_free (insertion);
}

/* Looked up by key and by item from now on; by key when no other story
 * has it, or when @in_place_of (nullable) had it. */
void
chronicle_library_register_story (ChronicleLibrary *self,
                                  ChronicleStory   *story,
                                  ChronicleStory   *in_place_of)
{
  ChronicleStory *known = g_hash_table_lookup (self->stories_by_key, chronicle_story_get_key (story));

  if (known == NULL || known == in_place_of)
    g_hash_table_replace (self->stories_by_key, (gpointer) chronicle_story_get_key (story), story);
  for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
    g_hash_table_replace (self->stories_by_item,
                          (gpointer) chronicle_item_get_id (chronicle_story_get_item (story, j)), story);
}

static void
insert_slice (ChronicleLibrary *self,
              GPtrArray        *stories,
              guint             start,
              guint             end,
              gboolean          preview)
{
  for (guint i = start; i < end && !preview; i++)
    chronicle_library_register_story (self, g_ptr_array_index (stories, i), NULL);

  merge_sorted (self, (ChronicleStory **) stories->pdata + start, end - start);
}

static gboolean   insertion_has_more (Insertion        *insertion);
static gboolean   insertion_waits    (Insertion        *insertion);
static Insertion *first_waiting      (ChronicleLibrary *self);
static GPtrArray *take_waiting       (ChronicleLibrary *self,
                                      guint             n);

/* Many collections waiting at once (a refresh of hundreds of
 * subscriptions, or their restore) are listed together: their next
 * stories merged in order and put in with one change of the model per
 * slice, instead of one change per run of each collection, which made a
 * refresh of 500 feeds block the window for half a minute. */
static guint
list_together (ChronicleLibrary *self,
               guint             max_stories)
{
  g_autoptr(GPtrArray) taken = take_waiting (self, max_stories);

  merge_sorted (self, (ChronicleStory **) taken->pdata, taken->len);
  for (GList *l = self->insertions->head; l != NULL;)
    {
      GList *next = l->next;
      Insertion *insertion = l->data;

      if (!insertion->preview && !insertion_waits (insertion))
        {
          insertion_free (insertion);
          g_queue_delete_link (self->insertions, l);
        }
      l = next;
    }
  chronicle_library_notify_loading (self);
  return taken->len;
}

static gboolean
several_wait (ChronicleLibrary *self)
{
  guint n = 0;

  for (GList *l = self->insertions->head; l != NULL && n < 2; l = l->next)
    {
      Insertion *insertion = l->data;

      if (insertion->preview)
        return FALSE;
      n += insertion_waits (insertion);
    }
  return n >= 2;
}

/**
 * chronicle_library_list_waiting:
 * @max_stories: how many stories to list at most
 *
 * Lists stories that wait to enter the stories model, oldest insertion
 * first.  A view that shows the list calls this once per frame while it
 * holds the pacing (see chronicle_library_hold_pacing()), and sizes the
 * slices: every change of the model costs it a frame.
 *
 * Returns: how many stories were listed
 */
guint
chronicle_library_list_waiting (ChronicleLibrary *self,
                                guint             max_stories)
{
  guint listed = 0;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), 0);

  if (several_wait (self))
    return list_together (self, max_stories);

  while (listed < max_stories && !g_queue_is_empty (self->insertions))
    {
      Insertion *insertion = g_queue_peek_head (self->insertions);
      gboolean cancelled = insertion->cancellable != NULL && g_cancellable_is_cancelled (insertion->cancellable);
      guint end = MIN (insertion->next + (max_stories - listed), insertion->stories->len);

      if (!cancelled)
        {
          insert_slice (self, insertion->stories, insertion->next, end, insertion->preview);
          listed += end - insertion->next;
          insertion->next = end;
        }

      if (cancelled || end == insertion->stories->len)
        {
          insertion_free (g_queue_pop_head (self->insertions));
          chronicle_library_notify_loading (self);
        }
    }

  return listed;
}

/**
 * chronicle_library_get_n_waiting:
 *
 * Returns: how many insertions of stories wait to be listed
 */
guint
chronicle_library_get_n_waiting (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), 0);

  return g_queue_get_length (self->insertions);
}

/* Where the next story to be listed goes in the stories model: a slice
 * that goes in among the first rows makes rows for each of its stories in
 * the next frame, and a refresh's newest stories go in at the top of a
 * long list (800 of them there held one frame for 90 to 130 ms). */
static guint
next_position (ChronicleLibrary *self)
{
  GListModel *model = G_LIST_MODEL (self->stories);
  guint n_listed = g_list_model_get_n_items (model);
  Insertion *next = NULL;

  if (n_listed < CHRONICLE_LIBRARY_ROWS_AHEAD)
    return n_listed;

  /* The one chronicle_library_list_waiting() lists from next. */
  if (several_wait (self))
    next = first_waiting (self);
  for (GList *l = self->insertions->head; next == NULL && l != NULL; l = l->next)
    {
      if (insertion_has_more (l->data))
        next = l->data;
    }
  return next != NULL ? listed_position (model, g_ptr_array_index (next->stories, next->next), 0) : n_listed;
}

/**
 * chronicle_library_list_slice:
 * @large_size: the size of a slice once the first rows are listed
 * @large: (out) (optional): whether the slice was one of @large_size
 *
 * Lists the next slice of the stories waiting: small ones while they go
 * in among the first stories, which a window shows rows for (each new row
 * costs time in the frame), else slices of @large_size.
 *
 * Returns: how many stories were listed
 */
guint
chronicle_library_list_slice (ChronicleLibrary *self,
                              guint             large_size,
                              gboolean         *large)
{
  gboolean is_large;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), 0);

  is_large = next_position (self) >= CHRONICLE_LIBRARY_ROWS_AHEAD;
  if (large != NULL)
    *large = is_large;
  return chronicle_library_list_waiting (self, is_large ? large_size : CHRONICLE_LIBRARY_FIRST_SLICE);
}

/* Without a view that paces them, as for the command line or while no
 * list is shown, the stories are listed on idle turns of the main loop. */
static gboolean
list_on_idle_cb (gpointer data)
{
  ChronicleLibrary *self = data;

  chronicle_library_list_slice (self, CHRONICLE_LIBRARY_INSERT_SLICE, NULL);
  if (g_queue_is_empty (self->insertions) || self->n_pacers > 0)
    {
      self->idle_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
schedule_idle (ChronicleLibrary *self)
{
  if (self->idle_id == 0 && self->n_pacers == 0 && !g_queue_is_empty (self->insertions))
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, list_on_idle_cb, g_object_ref (self), g_object_unref);
}

/**
 * chronicle_library_hold_pacing:
 *
 * A view that shows the stories lists them from now on, with
 * chronicle_library_list_waiting(), until it calls
 * chronicle_library_release_pacing().  It learns of stories waiting from
 * #ChronicleLibrary:loading.
 */
void
chronicle_library_hold_pacing (ChronicleLibrary *self)
{
  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));

  if (self->n_pacers++ == 0 && self->idle_id != 0)
    g_clear_handle_id (&self->idle_id, g_source_remove);
}

void
chronicle_library_release_pacing (ChronicleLibrary *self)
{
  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (self->n_pacers > 0);

  if (--self->n_pacers == 0)
    schedule_idle (self);
}

/* Queues @stories to be listed; without a view that paces them, the first
 * slice is listed at once. */
void
chronicle_library_queue_stories (ChronicleLibrary *self,
                                 GPtrArray        *stories,
                                 gboolean          preview,
                                 GCancellable     *cancellable)
{
  Insertion *insertion = g_new0 (Insertion, 1);

  insertion->stories = g_ptr_array_ref (stories);
  insertion->preview = preview;
  insertion->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_queue_push_tail (self->insertions, insertion);

  if (self->n_pacers == 0 && g_queue_get_length (self->insertions) == 1)
    chronicle_library_list_waiting (self, CHRONICLE_LIBRARY_FIRST_SLICE);
  schedule_idle (self);
  chronicle_library_notify_loading (self);
}

/* Has the keys of @collection, with @serials (which it takes), folded
 * once its last insertion is listed; FALSE when it is listed already. */
gboolean
chronicle_library_index_after (ChronicleLibrary    *self,
                               ChronicleCollection *collection,
                               guint               *serials)
{
  Insertion *insertion = g_queue_peek_tail (self->insertions);

  if (insertion == NULL || insertion->to_index != NULL || !insertion_has_more (insertion) ||
      insertion->cancellable != chronicle_collection_get_cancellable (collection))
    return FALSE;

  insertion->library = self;
  insertion->to_index = g_object_ref (collection);
  insertion->serials = serials;
  return TRUE;
}

/* Whether @insertion has stories left to list, a preview's too. */
static gboolean
insertion_has_more (Insertion *insertion)
{
  return insertion->next < insertion->stories->len &&
         (insertion->cancellable == NULL || !g_cancellable_is_cancelled (insertion->cancellable));
}

static gboolean
insertion_waits (Insertion *insertion)
{
  return !insertion->preview && insertion_has_more (insertion);
}

/* The insertion whose next story comes first in the list's order. */
static Insertion *
first_waiting (ChronicleLibrary *self)
{
  Insertion *first = NULL;

  for (GList *l = self->insertions->head; l != NULL; l = l->next)
    {
      Insertion *insertion = l->data;

      if (insertion_waits (insertion) &&
          (first == NULL || chronicle_story_compare (g_ptr_array_index (insertion->stories, insertion->next),
                                                     g_ptr_array_index (first->stories, first->next)) < 0))
        first = insertion;
    }
  return first;
}

/* Up to @n of the stories waiting, the first in the list's order, taken
 * from their insertions and looked up from now on. */
static GPtrArray *
take_waiting (ChronicleLibrary *self,
              guint             n)
{
  GPtrArray *taken = g_ptr_array_new_full (n, g_object_unref);

  while (taken->len < n)
    {
      Insertion *first = first_waiting (self);
      ChronicleStory *story;

      if (first == NULL)
        break;

      story = g_ptr_array_index (first->stories, first->next++);
      chronicle_library_register_story (self, story, NULL);
      g_ptr_array_add (taken, g_object_ref (story));
    }

  return taken;
}

/* Where @story goes among @stories, sorted: after the equal ones. */
static guint
sorted_position (GPtrArray      *stories,
                 ChronicleStory *story)
{
  guint low = 0, high = stories->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (chronicle_story_compare (g_ptr_array_index (stories, middle), story) > 0)
        high = middle;
      else
        low = middle + 1;
    }
  return low;
}

/* The stories of @taken that listed ones of @listed (key → story) can
 * stand for take their places (see chronicle_story_take_place_of()), and
 * are looked up as them; @taken keeps the others. */
static GHashTable *
take_places (ChronicleLibrary *self,
             GHashTable       *listed,
             GPtrArray        *taken)
{
  GHashTable *staying = g_hash_table_new (NULL, NULL);

  for (guint i = taken->len; i-- > 0;)
    {
      ChronicleStory *story = g_ptr_array_index (taken, i);
      ChronicleStory *shown = g_hash_table_lookup (listed, chronicle_story_get_key (story));

      if (shown == NULL || !chronicle_story_take_place_of (shown, story))
        continue;

      chronicle_library_register_story (self, shown, story);
      g_hash_table_add (staying, shown);
      g_ptr_array_remove_index (taken, i);
    }
  return staying;
}

/**
 * chronicle_library_replace_listed:
 * @set: stories to take out of the list
 *
 * Takes the stories of @set out of the list and lists as many of the
 * stories waiting in their place, in one change of the model: a list view
 * then gives the rows it had for the stories taken out to those put in.
 * Taken out in one change and put in by the next ones, the rows of a
 * restored library's newest stories were made twice, 32 a frame (see
 * chronicle-list-pacing.c), and the list showed empty in between.  A
 * story of @set that a waiting one is the same as (read again from the
 * store) stays, and stands for it, so its row is not bound again: the
 * frames of a restore of 100 000 stories that swapped the rows took 85 to
 * 93 ms and 59 to 81 ms; with the stories staying, 44 to 49 ms. */
void
chronicle_library_replace_listed (ChronicleLibrary *self,
                                  GHashTable       *set)
{
  GListModel *model = G_LIST_MODEL (self->stories);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_full (n_old, g_object_unref);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) staying = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GPtrArray) region = NULL;
  guint n_removed = 0, low = G_MAXUINT, high = 0, j = 0;

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (model, i);

      if (g_hash_table_contains (set, story))
        g_hash_table_insert (listed, (gpointer) chronicle_story_get_key (story), story);
    }
  if (g_hash_table_size (listed) == 0)
    return;

  taken = take_waiting (self, g_hash_table_size (listed));
  staying = take_places (self, listed, taken);

  for (guint i = 0; i < n_old; i++)
    {
      ChronicleStory *story = g_list_model_get_item (model, i);

      if (!g_hash_table_contains (set, story) || g_hash_table_contains (staying, story))
        {
          g_ptr_array_add (kept, story);
          continue;
        }
      /* Where the gap it leaves is among the stories kept. */
      low = MIN (low, kept->len);
      high = MAX (high, kept->len);
      n_removed++;
      g_object_unref (story);
    }

  /* Only the part of the list from the first story changed to the last. */
  if (n_removed > 0 || taken->len > 0)
    {
      if (taken->len > 0)
        {
          low = MIN (low, sorted_position (kept, g_ptr_array_index (taken, 0)));
          high = MAX (high, sorted_position (kept, g_ptr_array_index (taken, taken->len - 1)));
        }
      region = g_ptr_array_new_full (high - low + taken->len, NULL);
      for (guint i = low; i < high; i++)
        {
          while (j < taken->len &&
                 chronicle_story_compare (g_ptr_array_index (taken, j), g_ptr_array_index (kept, i)) < 0)
            g_ptr_array_add (region, g_ptr_array_index (taken, j++));
          g_ptr_array_add (region, g_ptr_array_index (kept, i));
        }
      while (j < taken->len)
        g_ptr_array_add (region, g_ptr_array_index (taken, j++));

      g_list_store_splice (self->stories, low, high - low + n_removed, region->pdata, region->len);
    }

  /* Insertions taken to their end are done. */
  for (GList *l = self->insertions->head; l != NULL;)
    {
      Insertion *insertion = l->data;
      GList *next = l->next;

      if (!insertion->preview && insertion->next == insertion->stories->len)
        {
          insertion_free (insertion);
          g_queue_delete_link (self->insertions, l);
        }
      l = next;
    }
  chronicle_library_notify_loading (self);
}

/* When the library goes: what waits is dropped. */
void
chronicle_library_clear_waiting (ChronicleLibrary *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_queue_free_full (g_steal_pointer (&self->insertions), insertion_free);
}
