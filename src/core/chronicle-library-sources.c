/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-library-private.h"
#include "chronicle-store-private.h"

/* What the sidebar shows of the library besides titles, and what its
 * context menu changes: how many articles are unread, in all and in each
 * collection, how many are starred; for subscriptions their folder, the
 * title the reader gave them, how fetching them went and their icon; and
 * unlisting a collection whose removal can still be undone.
 *
 * The counts are made again a moment after the last change, in slices of
 * the listed stories, one per turn of the main loop: marking 100 000 read
 * changes them 100 000 times, and a pass over the 25 000 stories of 500
 * subscriptions took 50 to 58 ms, longer than a frame. */

guint
chronicle_library_get_n_unread (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), 0);

  return self->n_unread;
}

guint
chronicle_library_get_n_starred (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), 0);

  return self->n_starred;
}

static void
set_counts (ChronicleLibrary *self,
            guint             n_unread,
            guint             n_starred)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_unread != n_unread)
    {
      self->n_unread = n_unread;
      g_object_notify (G_OBJECT (self), "n-unread");
    }
  if (self->n_starred != n_starred)
    {
      self->n_starred = n_starred;
      g_object_notify (G_OBJECT (self), "n-starred");
    }
  g_object_thaw_notify (G_OBJECT (self));
}

#define COUNT_DELAY_MS 100
#define COUNT_SLICE    4096

struct _ChronicleCounting
{
  gboolean    again;      /* the list changed meanwhile: count again after */
  guint       position;   /* of the next story to count */
  GHashTable *unread;     /* collection id → count */
  guint       n_unread;
  guint       n_starred;
};

void
chronicle_counting_free (ChronicleCounting *counting)
{
  g_hash_table_unref (counting->unread);
  g_free (counting);
}

static void
count_done (ChronicleLibrary  *self,
            ChronicleCounting *counting)
{
  guint n_collections = g_list_model_get_n_items (G_LIST_MODEL (self->collections));

  for (guint i = 0; i < n_collections; i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (G_LIST_MODEL (self->collections), i);
      const char *id = chronicle_collection_get_id (collection);

      chronicle_collection_set_n_unread (collection, GPOINTER_TO_UINT (g_hash_table_lookup (counting->unread, id)));
    }
  set_counts (self, counting->n_unread, counting->n_starred);
}

static gboolean
count_cb (gpointer data)
{
  ChronicleLibrary *self = data;
  ChronicleCounting *counting = self->counting;
  GListModel *stories = G_LIST_MODEL (self->stories);
  guint n = g_list_model_get_n_items (stories);
  guint end = MIN (n, counting->position + COUNT_SLICE);

  for (; counting->position < end; counting->position++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, counting->position);
      const char *collection = chronicle_story_get_collection_id (story);

      if (chronicle_story_get_starred (story))
        counting->n_starred++;
      if (chronicle_story_get_read (story))
        continue;
      counting->n_unread++;
      /* Collection ids are the stories' own, kept by the table's strings. */
      if (collection != NULL)
        {
          gpointer count = g_hash_table_lookup (counting->unread, collection);

          g_hash_table_replace (counting->unread, g_strdup (collection),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
        }
    }
  if (counting->position < n)
    return G_SOURCE_CONTINUE;

  count_done (self, counting);
  self->count_id = 0;
  if (counting->again)
    {
      g_clear_pointer (&self->counting, chronicle_counting_free);
      chronicle_library_count_later (self);
    }
  else
    g_clear_pointer (&self->counting, chronicle_counting_free);
  return G_SOURCE_REMOVE;
}

static gboolean
count_later_cb (gpointer data)
{
  ChronicleLibrary *self = data;

  self->count_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, count_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->count_id), "[chronicle] counting unread");
  return G_SOURCE_REMOVE;
}

/* The counts are made again soon.  A change in the middle of a count
 * (stories listed a slice a frame) lets it finish and makes another: it
 * shows counts that are nearly right at once, and right after. */
void
chronicle_library_count_later (ChronicleLibrary *self)
{
  if (self->counting != NULL)
    {
      self->counting->again = self->counting->position > 0;
      return;
    }

  self->counting = g_new0 (ChronicleCounting, 1);
  self->counting->unread = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->count_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, COUNT_DELAY_MS, count_later_cb, self, NULL);
}

/* Gives @collections (all listed when %NULL) their folder, title, fetch
 * state and icon from @sources and @icons.  Read before the reader's last
 * rename or move was written (@read_after renames and moves written), their
 * folders and titles are not the reader's: the collections keep theirs. */
static void
apply_web_sources (ChronicleLibrary     *self,
                   guint                 read_after,
                   GPtrArray            *sources,
                   GHashTable           *icons,
                   ChronicleCollection **collections,
                   guint                 n_collections)
{
  gboolean stale = read_after != self->source_changes;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = collections != NULL ? n_collections : g_list_model_get_n_items (G_LIST_MODEL (self->collections));

  if (sources == NULL)
    return;

  for (guint i = 0; i < sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (sources, i);

      g_hash_table_insert (by_key, source->key, source);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleCollection) collection = collections != NULL
                                                  ? g_object_ref (collections[i])
                                                  : g_list_model_get_item (G_LIST_MODEL (self->collections), i);
      ChronicleStoredSource *source = g_hash_table_lookup (by_key, chronicle_collection_get_id (collection));

      if (source == NULL)
        continue;
      if (stale)
        chronicle_collection_set_web_state (collection, chronicle_collection_get_folder (collection),
                                            chronicle_collection_get_user_title (collection), &source->fetch);
      else
        chronicle_collection_set_web_state (collection, source->folder, source->user_title, &source->fetch);
      if (icons != NULL)
        chronicle_collection_set_icon (collection, g_hash_table_lookup (icons, source->key));
    }
}

void
chronicle_library_web_state_free (ChronicleLibraryWebState *state)
{
  g_clear_pointer (&state->sources, g_ptr_array_unref);
  g_clear_pointer (&state->icons, g_hash_table_unref);
  g_free (state);
}

/**
 * chronicle_library_read_web_state:
 * @db: a reader's connection
 *
 * Returns: (nullable): the web sources' state and icons, or %NULL on
 *   error
 */
ChronicleLibraryWebState *
chronicle_library_read_web_state (sqlite3  *db,
                                  GError  **error)
{
  ChronicleLibraryWebState *state = g_new0 (ChronicleLibraryWebState, 1);

  state->sources = chronicle_store_read_web_sources (db, error);
  if (state->sources != NULL)
    state->icons = chronicle_store_read_icons (db, error);
  if (state->icons == NULL)
    g_clear_pointer (&state, chronicle_library_web_state_free);
  return state;
}

/**
 * chronicle_library_ask_web_state:
 *
 * Numbers a read of the web sources' state about to be asked for, for
 * chronicle_library_take_web_state().
 *
 * Returns: its number, and the renames and moves written now
 */
ChronicleLibraryWebAsk
chronicle_library_ask_web_state (ChronicleLibrary *self)
{
  return (ChronicleLibraryWebAsk) { ++self->web_reads, self->source_changes_written };
}

/**
 * chronicle_library_take_web_state:
 * @asked: from chronicle_library_ask_web_state(), as the read was asked
 * @state: (transfer full) (nullable): what was read
 *
 * Gives the collections listed @state, unless a read asked for later was
 * given already: every write of a fetch state or icon is followed by a
 * read, so the latest asked is the latest written, and an earlier one
 * would undo an icon found since.  It is kept for the collections listed
 * later (chronicle_library_give_web_state()).
 */
void
chronicle_library_take_web_state (ChronicleLibrary         *self,
                                  ChronicleLibraryWebAsk    asked,
                                  ChronicleLibraryWebState *state)
{
  if (state == NULL)
    return;
  if (self->web_state != NULL && asked.serial < self->web_asked.serial)
    {
      chronicle_library_web_state_free (state);
      return;
    }

  apply_web_sources (self, asked.read_after, state->sources, state->icons, NULL, 0);
  g_clear_pointer (&self->web_state, chronicle_library_web_state_free);
  self->web_state = state;
  self->web_asked = asked;
}

/* The latest web state taken, to collections listed since. */
void
chronicle_library_give_web_state (ChronicleLibrary     *self,
                                  ChronicleCollection **collections,
                                  guint                 n_collections)
{
  if (self->web_state != NULL && n_collections > 0)
    apply_web_sources (self, self->web_asked.read_after, self->web_state->sources, self->web_state->icons,
                       collections, n_collections);
}

static void
read_web_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ChronicleStore *store = task_data;
  GError *error = NULL;
  sqlite3 *db = chronicle_store_acquire_reader (store, &error);
  ChronicleLibraryWebState *state;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state = chronicle_library_read_web_state (db, &error);
  chronicle_store_release_reader (store, db);
  if (state == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, state, (GDestroyNotify) chronicle_library_web_state_free);
}

static void
read_web_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChronicleLibraryWebState *state;
  ChronicleLibraryWebAsk *asked;
  GError *error = NULL;

  state = g_task_propagate_pointer (G_TASK (result), &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  asked = g_task_get_task_data (task);
  chronicle_library_take_web_state (CHRONICLE_LIBRARY (object), *asked, state);
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_update_web_state_async:
 *
 * Reads how fetching each subscription went from the store, after a
 * refresh, for the collections listed.
 */
void
chronicle_library_update_web_state_async (ChronicleLibrary    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  ChronicleLibraryWebAsk *asked;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_update_web_state_async);
  asked = g_new (ChronicleLibraryWebAsk, 1);
  *asked = chronicle_library_ask_web_state (self);
  g_task_set_task_data (task, asked, g_free);
  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  worker = g_task_new (self, cancellable, read_web_cb, task);
  g_task_set_task_data (worker, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (worker, read_web_worker);
}

gboolean
chronicle_library_update_web_state_finish (ChronicleLibrary  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ChronicleLibrary *self = user_data;
  g_autoptr(GError) error = NULL;

  self->source_changes_written++;
  if (!chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error))
    chronicle_library_emit_store_failed (self, error);
  g_object_unref (self);
}

static void
change_source (ChronicleLibrary *self,
               const char       *key,
               gboolean          folder,
               const char       *value)
{
  ChronicleSourceChange *change;

  if (self->store == NULL)
    return;

  /* What the store gives until this is written there is older. */
  self->source_changes++;
  change = g_new0 (ChronicleSourceChange, 1);
  change->key = g_strdup (key);
  change->folder = folder;
  change->value = g_strdup (value);
  chronicle_store_write_async (self->store, chronicle_store_change_source, change,
                               (GDestroyNotify) chronicle_source_change_free, NULL, changed_cb, g_object_ref (self));
}

/* The subscription @key takes @value as its folder, or as its title, in
 * the window at once and in the store. */
static void
change_subscription (ChronicleLibrary *self,
                     const char       *key,
                     gboolean          folder,
                     const char       *value)
{
  ChronicleCollection *collection = chronicle_library_find_collection (self, key);

  if (collection == NULL || !chronicle_collection_get_web (collection))
    return;

  if (folder)
    chronicle_collection_set_folder (collection, value);
  else
    chronicle_collection_set_user_title (collection, value);
  change_source (self, key, folder, value);
}

/**
 * chronicle_library_rename_subscription:
 * @title: (nullable): the title the reader gives it; %NULL or empty for
 *   the feed's own
 *
 * Renames the subscription @key, now and in the store.
 */
void
chronicle_library_rename_subscription (ChronicleLibrary *self,
                                       const char       *key,
                                       const char       *title)
{
  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (key != NULL);

  change_subscription (self, key, FALSE, title);
}

/**
 * chronicle_library_move_subscription:
 * @folder: (nullable): its folder; %NULL or empty for none
 *
 * Puts the subscription @key in @folder, now and in the store.
 */
void
chronicle_library_move_subscription (ChronicleLibrary *self,
                                     const char       *key,
                                     const char       *folder)
{
  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (key != NULL);

  change_subscription (self, key, TRUE, folder);
}

/**
 * chronicle_library_unlist_collection:
 *
 * Stops listing a collection the reader added, its stories and its
 * events, and leaves it in the store: a removal that can still be undone
 * (chronicle_library_reload_source_async() lists it again) or made final
 * (chronicle_library_remove_collection()).  Meanwhile the reloads of many
 * sources after a refresh do not list it again.
 *
 * Returns: %TRUE if it was listed and is no longer
 */
gboolean
chronicle_library_unlist_collection (ChronicleLibrary *self,
                                     const char       *collection_id)
{
  g_autoptr(ChronicleCollection) collection = NULL;
  ChronicleCollection *found;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (collection_id != NULL, FALSE);

  found = chronicle_library_find_collection (self, collection_id);
  if (found == NULL || chronicle_collection_get_builtin (found))
    return FALSE;

  collection = g_object_ref (found);
  chronicle_library_forget_collection (self, collection);
  g_hash_table_add (self->unlisted, g_strdup (collection_id));
  return TRUE;
}
