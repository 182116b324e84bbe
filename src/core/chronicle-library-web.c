/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-collection.h"
#include "chronicle-library-private.h"
#include "chronicle-store-private.h"

/* Sources written to the store by others than the library (subscribing
 * and refreshing write there first) are listed by reading them back, as a
 * restore reads them: list fields only, then their search keys.  The
 * sources a refresh changed are read and listed together: one pass over
 * the list takes their old stories out, however many there are, and their
 * collections stay where they are listed (each change of the list of
 * collections costs its views about 10 ms: 500 of them blocked the window
 * for seconds).  A story listed that a story read again is the same as
 * (the same key, date and stored articles) stays and stands for it, so
 * that a refresh lists only what is new: taking the 25 000 stories of 500
 * refreshed subscriptions out of the list and putting them back in took
 * 64 ms and 29 ms of one turn of the main loop. */

typedef struct
{
  ChronicleStore  *store;
  ChronicleState  *state;
  char           **keys;
  char           **languages;
  GPtrArray       *sources;    /* one per key, NULL where the store has none */
  GPtrArray       *stories;    /* one array per source */
  GPtrArray       *serials;    /* one array per source */
  ChronicleLibraryWebState *web;  /* every web source's state and icon */
  guint            source_changes;  /* when it began */
} Reload;

static void
reload_free (Reload *reload)
{
  g_object_unref (reload->store);
  g_object_unref (reload->state);
  g_strfreev (reload->keys);
  g_strfreev (reload->languages);
  g_clear_pointer (&reload->sources, g_ptr_array_unref);
  g_clear_pointer (&reload->stories, g_ptr_array_unref);
  g_clear_pointer (&reload->serials, g_ptr_array_unref);
  g_clear_pointer (&reload->web, chronicle_library_web_state_free);
  g_free (reload);
}

static void
reload_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Reload *reload = task_data;
  GError *error = NULL;
  sqlite3 *db = chronicle_store_acquire_reader (reload->store, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  reload->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_stored_source_free);
  reload->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  reload->serials = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; reload->keys[i] != NULL && error == NULL; i++)
    {
      ChronicleStoredSource *source = chronicle_store_read_source (&db, 1, reload->keys[i], cancellable, &error);
      guint *serials = NULL;

      g_ptr_array_add (reload->sources, source);
      g_ptr_array_add (reload->stories,
                       source != NULL ? chronicle_library_build_stories (reload->state, source->key, source->feed,
                                                                         (const char * const *) reload->languages,
                                                                         &serials)
                                      : NULL);
      g_ptr_array_add (reload->serials, serials);
    }
  if (error == NULL)
    reload->web = chronicle_library_read_web_state (db, &error);
  chronicle_store_release_reader (reload->store, db);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
same_list_fields (ChronicleItem *before,
                  ChronicleItem *after)
{
  return before != NULL && after != NULL &&
         g_strcmp0 (chronicle_item_get_title (before), chronicle_item_get_title (after)) == 0 &&
         g_strcmp0 (chronicle_item_get_excerpt (before), chronicle_item_get_excerpt (after)) == 0 &&
         g_strcmp0 (chronicle_item_get_thumbnail (before), chronicle_item_get_thumbnail (after)) == 0;
}

/* The listed stories of the refilled collections that stories read again
 * are the same as: they stay, standing for them, with the fields the list
 * shows read again; the stories read again keep the others.  The articles
 * they held go to @replaced. */
static GHashTable *
keep_listed (ChronicleLibrary *self,
             Reload           *reload,
             GHashTable       *refilled,
             GPtrArray        *replaced)
{
  GHashTable *staying = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < reload->sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (reload->sources, i);
      GPtrArray *stories = g_ptr_array_index (reload->stories, i);
      GPtrArray *waiting;

      if (source == NULL || stories == NULL || !g_hash_table_contains (refilled, source->key))
        continue;

      waiting = g_ptr_array_new_full (stories->len, g_object_unref);
      for (guint j = 0; j < stories->len; j++)
        {
          ChronicleStory *story = g_ptr_array_index (stories, j);
          ChronicleStory *shown = g_hash_table_lookup (self->stories_by_key, chronicle_story_get_key (story));

          g_autoptr(ChronicleItem) before = NULL;

          /* The ids of the articles it held stay the keys of the lookup
           * tables until the new ones replace them. */
          for (guint k = 0; shown != NULL && k < chronicle_story_get_n_items (shown); k++)
            g_ptr_array_add (replaced, g_object_ref (chronicle_story_get_item (shown, k)));
          if (shown != NULL && chronicle_story_get_preferred (shown) != NULL)
            before = g_object_ref (chronicle_story_get_preferred (shown));
          if (shown != NULL && !g_hash_table_contains (staying, shown) &&
              g_strcmp0 (chronicle_story_get_collection_id (shown), source->key) == 0 &&
              chronicle_story_take_place_of (shown, story))
            {
              /* Rows redraw only what an article changed. */
              if (!same_list_fields (before, chronicle_story_get_preferred (shown)))
                chronicle_story_fields_changed (shown);
              chronicle_library_register_story (self, shown, story);
              g_hash_table_add (staying, shown);
            }
          else
            g_ptr_array_add (waiting, g_object_ref (story));
        }
      g_ptr_array_index (reload->stories, i) = waiting;
      g_ptr_array_unref (stories);
    }
  return staying;
}

static void
release_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_ptr_array_unref (task_data);
}

/* Freeing the 25 000 articles a refresh of 500 subscriptions replaced took
 * 60 to 130 ms of one turn of the main loop: the last references to them
 * are dropped on a worker.  Whatever still uses one (the article shown)
 * holds a reference of its own. */
static void
release_on_worker (GPtrArray *items)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, items, NULL);
  g_task_run_in_thread (task, release_worker);
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  Reload *reload = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) refilled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) staying = NULL;
  GPtrArray *replaced = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  self->n_restoring--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      chronicle_library_notify_loading (self);
      g_task_return_error (task, error);
      g_ptr_array_unref (replaced);
      return;
    }

  /* A collection listed stays, with what it holds now: its stories are
   * taken out together, in one pass, and the new ones queued.  Those gone
   * from the store meanwhile are gone from the list too. */
  for (guint i = 0; reload->keys[i] != NULL; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (reload->sources, i);
      ChronicleCollection *collection = chronicle_library_find_collection (self, reload->keys[i]);

      if (collection == NULL)
        continue;
      if (source == NULL)
        g_ptr_array_add (gone, g_object_ref (collection));
      else
        {
          g_hash_table_add (refilled, g_strdup (reload->keys[i]));
          chronicle_collection_refill (collection, source->name, source->feed);
        }
    }
  chronicle_library_forget_collections (self, gone);
  staying = keep_listed (self, reload, refilled, replaced);
  chronicle_library_forget_stories (self, refilled, staying);
  release_on_worker (replaced);

  chronicle_library_begin_adding (self);
  for (guint i = 0; i < reload->sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (reload->sources, i);
      GPtrArray *stories = g_ptr_array_index (reload->stories, i);
      ChronicleCollection *collection;

      if (source == NULL)
        continue;
      if (g_hash_table_contains (refilled, source->key))
        {
          collection = chronicle_library_find_collection (self, source->key);
          chronicle_collection_set_diagnostics (collection, source->diagnostics);
          chronicle_library_queue_stories (self, stories, FALSE, chronicle_collection_get_cancellable (collection));
        }
      else
        collection = chronicle_library_insert_stories (self, source->key, source->name, source->feed, FALSE,
                                                       stories, NULL, source->diagnostics);
      chronicle_collection_set_origin (collection, source->location, source->content_hash);
      chronicle_library_index (self, collection, g_steal_pointer (&g_ptr_array_index (reload->serials, i)));
    }
  chronicle_library_end_adding (self);
  chronicle_library_apply_web_state (self, reload->source_changes, reload->web);
  if (g_hash_table_size (refilled) > 0)
    chronicle_library_rebuild_events (self);

  chronicle_library_notify_loading (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_reload_sources_async:
 * @keys: the keys of sources in the store
 *
 * Lists the sources @keys as the store has them now, in place of the
 * collections of those keys that are listed: after a refresh of
 * subscriptions or a new subscription.  A source the store no longer has
 * stops being listed.  The library is loading until they are listed.
 */
void
chronicle_library_reload_sources_async (ChronicleLibrary    *self,
                                        const char * const  *keys,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  Reload *reload;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (keys != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_reload_sources_async);
  if (self->store == NULL || keys[0] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  reload = g_new0 (Reload, 1);
  reload->source_changes = self->source_changes_written;
  reload->store = g_object_ref (self->store);
  reload->state = g_object_ref (self->state);
  reload->keys = g_strdupv ((char **) keys);
  reload->languages = g_strdupv (self->languages);

  self->n_restoring++;
  chronicle_library_notify_loading (self);
  worker = g_task_new (self, cancellable, reloaded_cb, task);
  g_task_set_task_data (worker, reload, (GDestroyNotify) reload_free);
  g_task_run_in_thread (worker, reload_worker);
}

gboolean
chronicle_library_reload_sources_finish (ChronicleLibrary  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * chronicle_library_reload_source_async:
 * @key: the key of a source in the store
 *
 * chronicle_library_reload_sources_async() of one source.
 */
void
chronicle_library_reload_source_async (ChronicleLibrary    *self,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *keys[] = { key, NULL };

  g_return_if_fail (key != NULL);

  chronicle_library_reload_sources_async (self, keys, cancellable, callback, user_data);
}

gboolean
chronicle_library_reload_source_finish (ChronicleLibrary  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return chronicle_library_reload_sources_finish (self, result, error);
}
