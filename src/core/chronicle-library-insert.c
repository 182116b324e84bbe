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
      for (guint high = n_old; i < high;)
        {
          guint middle = i + (high - i) / 2;
          g_autoptr(ChronicleStory) old = g_list_model_get_item (model, middle);

          if (chronicle_story_compare (old, added[j]) > 0)
            high = middle;
          else
            i = middle + 1;
        }

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
  ChronicleLibrary *library;
  GPtrArray        *stories;
  guint             next;
  guint             slice;
  gboolean          preview;       /* not looked up by key or item */
  GCancellable     *cancellable;
} Insertion;

static void
insertion_free (Insertion *insertion)
{
  g_object_unref (insertion->library);
  g_ptr_array_unref (insertion->stories);
  g_clear_object (&insertion->cancellable);
  g_free (insertion);
}

/* When the last slice of a queued insertion is in, or it was cancelled. */
static void
insertion_done (gpointer data)
{
  Insertion *insertion = data;

  insertion->library->pending_insertions--;
  chronicle_library_notify_loading (insertion->library);
  insertion_free (insertion);
}

static void
insert_slice (ChronicleLibrary *self,
              GPtrArray        *stories,
              guint             start,
              guint             end,
              gboolean          preview)
{
  for (guint i = start; i < end && !preview; i++)
    {
      ChronicleStory *story = g_ptr_array_index (stories, i);

      if (!g_hash_table_contains (self->stories_by_key, chronicle_story_get_key (story)))
        g_hash_table_insert (self->stories_by_key, (gpointer) chronicle_story_get_key (story), story);
      for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
        g_hash_table_replace (self->stories_by_item,
                              (gpointer) chronicle_item_get_id (chronicle_story_get_item (story, j)), story);
    }

  merge_sorted (self, (ChronicleStory **) stories->pdata + start, end - start);
}

/* Stories enter the model in slices, one per idle turn of the main loop, so
 * that windows keep drawing while the list grows.  A list view makes a row
 * for each of up to about 200 stories around what it shows, and making
 * them all at once held up the window for a fifth of a second: the first
 * slices are small, and past those stories, which need no new rows, they
 * are large. */
static gboolean
insert_next_slice_cb (gpointer data)
{
  Insertion *insertion = data;
  gint64 start = g_get_monotonic_time ();
  guint end, size = insertion->slice;

  if (insertion->cancellable != NULL && g_cancellable_is_cancelled (insertion->cancellable))
    return G_SOURCE_REMOVE;

  end = MIN (insertion->next + insertion->slice, insertion->stories->len);
  insert_slice (insertion->library, insertion->stories, insertion->next, end, insertion->preview);
  insertion->next = end;

  /* Past the first rows, each slice is sized from the last one's time, so
   * that it takes a few milliseconds: every slice costs a frame, and a
   * fixed size of 5000 spent most of a restore of 100 000 stories waiting
   * for frames, as slices of that size took 3 to 8 ms. */
  if (end >= CHRONICLE_LIBRARY_ROWS_AHEAD && size < CHRONICLE_LIBRARY_INSERT_SLICE)
    insertion->slice = CHRONICLE_LIBRARY_INSERT_SLICE;
  else if (end >= CHRONICLE_LIBRARY_ROWS_AHEAD)
    insertion->slice = CLAMP ((gint64) size * CHRONICLE_LIBRARY_SLICE_US / MAX (g_get_monotonic_time () - start, 1),
                              CHRONICLE_LIBRARY_INSERT_SLICE / 2, CHRONICLE_LIBRARY_INSERT_SLICE * 10);

  return end < insertion->stories->len ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Inserts the first slice of @stories at once and the others later. */
void
chronicle_library_insert_in_slices (ChronicleLibrary *self,
                                    GPtrArray        *stories,
                                    gboolean          preview,
                                    GCancellable     *cancellable)
{
  Insertion *insertion = g_new0 (Insertion, 1);

  insertion->library = g_object_ref (self);
  insertion->stories = g_ptr_array_ref (stories);
  insertion->slice = CHRONICLE_LIBRARY_FIRST_SLICE;
  insertion->preview = preview;
  insertion->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  if (insert_next_slice_cb (insertion) == G_SOURCE_REMOVE)
    {
      insertion_free (insertion);
      return;
    }

  self->pending_insertions++;
  chronicle_library_notify_loading (self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, insert_next_slice_cb, insertion, insertion_done);
}
