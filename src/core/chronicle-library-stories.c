/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-library-private.h"
#include "chronicle-store-private.h"
#include "chronicle-threads.h"

/* Building a feed's stories, which touches nothing of the library, so that
 * it can run on a loading thread.  For large files, the background threads
 * take a part of the items each: making a story for each item only reads
 * them. */

typedef struct
{
  ChronicleState      *state;
  const char          *collection_id;
  ChronicleFeed       *feed;
  const char * const  *languages;
  guint                start;
  guint                end;
  GHashTable          *by_key;         /* story key → ChronicleStory */
  GPtrArray           *stories;        /* in the order of their first items */
  ChronicleStory     **item_stories;   /* the story of each item of the feed */
} Part;

static gpointer
build_part (gpointer data)
{
  Part *part = data;

  for (guint i = part->start; i < part->end; i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (part->feed, i);
      const char *key = chronicle_item_get_story (item);
      ChronicleStory *story;

      if (key == NULL)
        key = chronicle_item_get_id (item);

      story = g_hash_table_lookup (part->by_key, key);
      if (story == NULL)
        {
          story = chronicle_story_new (key, part->collection_id, part->state);
          g_hash_table_insert (part->by_key, (gpointer) chronicle_story_get_key (story), story);
          g_ptr_array_add (part->stories, story);
        }

      chronicle_story_add_item (story, item);
      part->item_stories[i] = story;
    }

  for (guint i = 0; i < part->stories->len; i++)
    chronicle_story_set_languages (g_ptr_array_index (part->stories, i), part->languages);

  return NULL;
}

/* Moves the items of each later part's stories that an earlier part has
 * too into the earlier one's, as one story, and gathers all stories. */
static GPtrArray *
join_parts (Part  *parts,
            guint  n_parts)
{
  Part *first = &parts[0];
  GPtrArray *stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) moved = g_hash_table_new (NULL, NULL);   /* story → story */

  g_ptr_array_extend_and_steal (stories, g_ptr_array_ref (first->stories));
  for (guint p = 1; p < n_parts; p++)
    {
      Part *part = &parts[p];

      g_hash_table_remove_all (moved);
      for (guint i = 0; i < part->stories->len; i++)
        {
          ChronicleStory *story = g_ptr_array_index (part->stories, i);
          ChronicleStory *same = g_hash_table_lookup (first->by_key, chronicle_story_get_key (story));

          /* The first part's table holds every story kept so far, for
           * the parts after this one. */
          if (same == NULL)
            {
              g_ptr_array_add (stories, g_object_ref (story));
              if (p + 1 < n_parts)
                g_hash_table_insert (first->by_key, (gpointer) chronicle_story_get_key (story), story);
              continue;
            }

          for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
            chronicle_story_add_item (same, chronicle_story_get_item (story, j));
          chronicle_story_set_languages (same, first->languages);
          g_hash_table_insert (moved, story, same);
        }

      for (guint i = part->start; i < part->end && g_hash_table_size (moved) > 0; i++)
        {
          ChronicleStory *same = g_hash_table_lookup (moved, part->item_stories[i]);

          if (same != NULL)
            part->item_stories[i] = same;
        }
    }

  return stories;
}

/* The order of the library's stories model. */
static int
compare_stories (gconstpointer a,
                 gconstpointer b)
{
  return chronicle_story_compare (*(ChronicleStory **) a, *(ChronicleStory **) b);
}

/* Groups a feed's items into stories.  It touches nothing of the library
 * but reads, so it runs on the loading thread for large files.  With
 * @serials, it gives the serial of each item's story, for a
 * #ChronicleSearchTable. */
GPtrArray *
chronicle_library_build_stories (ChronicleState      *state,
                                 const char          *collection_id,
                                 ChronicleFeed       *feed,
                                 const char * const  *languages,
                                 guint              **serials)
{
  guint n_items = chronicle_feed_get_n_items (feed);
  g_autofree ChronicleStory **item_stories = g_new (ChronicleStory *, n_items + 1);
  guint n_parts = chronicle_n_parts (n_items);
  g_autofree Part *parts = g_new (Part, n_parts);
  GPtrArray *stories;

  for (guint p = 0; p < n_parts; p++)
    {
      parts[p] = (Part) { state, collection_id, feed, languages,
                          (guint) ((guint64) n_items * p / n_parts), (guint) ((guint64) n_items * (p + 1) / n_parts),
                          g_hash_table_new (g_str_hash, g_str_equal),
                          g_ptr_array_new_with_free_func (g_object_unref), item_stories };
    }

  chronicle_run_parts (build_part, parts, sizeof *parts, n_parts);

  stories = join_parts (parts, n_parts);
  if (serials != NULL)
    {
      *serials = g_new (guint, n_items + 1);
      for (guint i = 0; i < n_items; i++)
        (*serials)[i] = chronicle_story_get_serial (item_stories[i]);
    }

  for (guint p = 0; p < n_parts; p++)
    {
      g_hash_table_unref (parts[p].by_key);
      g_ptr_array_unref (parts[p].stories);
    }

  g_ptr_array_sort (stories, compare_stories);
  return stories;
}

/* Search keys are folded once a collection's stories are listed, so that
 * they do not hold up the list.  A search waits for them. */
typedef struct _ChronicleIndexing
{
  char                 *id;
  ChronicleFeed        *feed;
  guint                *serials;
  ChronicleStore       *store;   /* for a collection restored from it */
  GBytes               *text;    /* the bundled file, to checksum */
  char                 *content_hash;
  gboolean              late;    /* counted in n_late, not n_indexing */
  ChronicleSearchTable *table;
} Indexing;

static void
indexing_free (gpointer data)
{
  Indexing *indexing = data;

  g_free (indexing->id);
  g_object_unref (indexing->feed);
  g_clear_object (&indexing->store);
  g_clear_pointer (&indexing->text, g_bytes_unref);
  g_free (indexing->content_hash);
  g_free (indexing->serials);
  g_clear_pointer (&indexing->table, chronicle_search_table_unref);
  g_free (indexing);
}

static void
index_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Indexing *indexing = task_data;

  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (indexing->text != NULL)
    indexing->content_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, indexing->text);

  /* Restored items have no bodies to fold: their keys were stored. */
  if (indexing->store != NULL)
    {
      sqlite3 *db = chronicle_store_acquire_reader (indexing->store, &error);
      g_autoptr(ChronicleSearchTableBuilder) builder =
        chronicle_search_table_builder_new (indexing->serials, chronicle_feed_get_n_items (indexing->feed));
      gboolean ok = db != NULL && chronicle_store_read_keys (db, indexing->id, indexing->feed, builder,
                                                             cancellable, &error);

      chronicle_store_release_reader (indexing->store, db);
      if (!ok)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      indexing->table = chronicle_search_table_builder_end (g_steal_pointer (&builder));
    }
  else
    indexing->table = chronicle_search_table_new (indexing->feed, indexing->serials);
  g_task_return_boolean (task, TRUE);
}

static void
index_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (source_object);
  Indexing *indexing = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Unless the collection was removed meanwhile. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The search keys of %s could not be read: %s", indexing->id, error->message);
  if (error == NULL)
    {
      g_hash_table_replace (self->search_tables, g_strdup (indexing->id), chronicle_search_table_ref (indexing->table));

      /* A collection just opened is stored with the keys folded here;
       * the bundled one is, if its text changed. */
      if (g_hash_table_remove (self->to_store, indexing->id))
        chronicle_library_store_collection (self, chronicle_library_find_collection (self, indexing->id));
      else if (indexing->content_hash != NULL && chronicle_library_find_collection (self, indexing->id) != NULL)
        chronicle_library_keep_bundled (self, chronicle_library_find_collection (self, indexing->id),
                                        indexing->content_hash);
    }

  if (indexing->late)
    self->n_late--;
  else
    {
      self->n_indexing--;
      chronicle_library_notify_loading (self);
    }
}

/* Folds the search keys of @collection, whose stories have @serials
 * (which it takes), on a worker thread, for as long as it is there. */
void
chronicle_library_index (ChronicleLibrary    *self,
                         ChronicleCollection *collection,
                         guint               *serials)
{
  self->n_indexing++;
  chronicle_library_notify_loading (self);
  chronicle_library_start_index (self, collection, serials);
}

/* The same once @collection's stories are all listed: folded meanwhile,
 * on a worker, they took the processor from the frames that list them
 * (load_10k_ms 12 to 18 ms more on two processors).  A search waits for
 * them from now on. */
void
chronicle_library_index_listed (ChronicleLibrary    *self,
                                ChronicleCollection *collection,
                                guint               *serials)
{
  if (!chronicle_library_index_after (self, collection, serials))
    {
      chronicle_library_index (self, collection, serials);
      return;
    }

  self->n_indexing++;
  chronicle_library_notify_loading (self);
}

/* A folding that was to come once its stories were listed, and will not:
 * they were not, or not all. */
void
chronicle_library_drop_index (ChronicleLibrary *self,
                              guint            *serials)
{
  g_free (serials);
  self->n_indexing--;
}

static Indexing *
indexing_new (ChronicleLibrary    *self,
              ChronicleCollection *collection,
              guint               *serials)
{
  Indexing *indexing = g_new0 (Indexing, 1);

  indexing->id = g_strdup (chronicle_collection_get_id (collection));
  indexing->feed = g_object_ref (chronicle_collection_get_feed (collection));
  if (chronicle_feed_get_n_items (indexing->feed) > 0 &&
      chronicle_item_get_partial (chronicle_feed_get_item (indexing->feed, 0)) && self->store != NULL)
    indexing->store = g_object_ref (self->store);
  indexing->serials = serials;
  return indexing;
}

/* Folds on a worker what @indexing, counted in n_indexing or n_late,
 * holds. */
static void
run_index (ChronicleLibrary    *self,
           ChronicleCollection *collection,
           Indexing            *indexing)
{
  g_autoptr(GTask) task = g_task_new (self, chronicle_collection_get_cancellable (collection), index_done_cb, NULL);

  /* A search table from a worker would come too late to matter once the
   * collection is gone. */
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_source_tag (task, chronicle_library_index);
  g_task_set_task_data (task, indexing, indexing_free);

  g_task_run_in_thread (task, index_worker);
}

/* Starts folding keys already counted in n_indexing. */
void
chronicle_library_start_index (ChronicleLibrary    *self,
                               ChronicleCollection *collection,
                               guint               *serials)
{
  run_index (self, collection, indexing_new (self, collection, serials));
}

/**
 * chronicle_library_add_bundled:
 * @text: the file @feed was read from
 *
 * Lists the bundled collection at once, as chronicle_library_add_feed()
 * does, but without its search keys: folding them took about 2 ms from
 * the window's start.  chronicle_library_index_bundled() folds them on a
 * worker, and keeps the collection in the store if @text changed.  A
 * search does not wait for them: it looks at the text of the bundled
 * story meanwhile.
 *
 * Returns: (transfer none): the collection
 */
ChronicleCollection *
chronicle_library_add_bundled (ChronicleLibrary *self,
                               const char       *id,
                               const char       *name,
                               ChronicleFeed    *feed,
                               GBytes           *text)
{
  g_autoptr(GPtrArray) stories = NULL;
  guint *serials = NULL;
  ChronicleCollection *collection;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (CHRONICLE_IS_FEED (feed), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (self->bundled == NULL, NULL);

  stories = chronicle_library_build_stories (self->state, id, feed, (const char * const *) self->languages, &serials);
  collection = chronicle_library_insert_stories (self, id, name, feed, TRUE, stories, NULL, NULL);
  self->bundled = indexing_new (self, collection, serials);
  self->bundled->text = g_bytes_ref (text);
  self->bundled->late = TRUE;
  self->n_late++;
  return collection;
}

/**
 * chronicle_library_index_bundled:
 *
 * Starts folding the search keys of the collection added with
 * chronicle_library_add_bundled(), unless it did already.
 */
void
chronicle_library_index_bundled (ChronicleLibrary *self)
{
  ChronicleCollection *collection;
  Indexing *indexing;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));

  indexing = g_steal_pointer (&self->bundled);
  if (indexing == NULL)
    return;

  collection = chronicle_library_find_collection (self, indexing->id);
  if (collection == NULL)
    {
      indexing_free (indexing);
      self->n_late--;
      return;
    }
  run_index (self, collection, indexing);
}

/* For the library's finalization: keys never folded. */
void
chronicle_library_free_bundled (ChronicleLibrary *self)
{
  g_clear_pointer (&self->bundled, indexing_free);
}
