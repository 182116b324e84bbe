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
  gboolean         relist;     /* an unlisted collection too */
  char           **languages;
  GPtrArray       *sources;    /* one per key, NULL where the store has none */
  GPtrArray       *stories;    /* one array per source */
  GPtrArray       *serials;    /* one array per source */
  ChronicleLibraryWebState *web;  /* every web source's state and icon */
  ChronicleLibraryWebAsk web_asked;  /* its read of the web state */
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

/* The listed stories of the refilled collection of source @i that stories
 * read again are the same as: they stay (added to @staying), standing for
 * them, with the fields the list shows read again; the stories read again
 * keep the others.  The articles they held go to @replaced. */
static void
keep_listed (ChronicleLibrary *self,
             Reload           *reload,
             guint             i,
             GHashTable       *staying,
             GPtrArray        *replaced)
{
  ChronicleStoredSource *source = g_ptr_array_index (reload->sources, i);
  GPtrArray *stories = g_ptr_array_index (reload->stories, i);
  GPtrArray *waiting = g_ptr_array_new_full (stories->len, g_object_unref);

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

/* What a reload read is listed in turns of the main loop of a few
 * milliseconds each (the pass that takes old stories out is one), one
 * reload after the other: the 25 000 stories of 500 refreshed
 * subscriptions took 70 to 90 ms in one turn. */
#define APPLY_TURN_US 8000

typedef enum
{
  APPLY_REFILL,
  APPLY_FORGET,
  APPLY_QUEUE,
} ApplyPhase;

typedef enum
{
  FATE_NONE,      /* not to be listed */
  FATE_LISTED,    /* its collection was listed when the reload's turn came */
  FATE_REFILLED,  /* and is refilled */
  FATE_NEW,       /* no collection was listed for it */
} Fate;

struct _ChronicleReloading
{
  ChronicleLibrary *library;
  ApplyPhase        phase;
  GTask            *task;      /* the caller's */
  GTask            *worker;    /* holds the Reload */
  guint             next;      /* the next source to refill or queue */
  guint8           *fates;     /* a Fate for each source */
  gint64            turn_start;
  guint             turn_sources;  /* sources done in this turn */
  GHashTable       *refilled;  /* keys of the collections refilled */
  GHashTable       *staying;   /* listed stories that stay */
  GPtrArray        *gone;      /* collections the store no longer has */
  GPtrArray        *replaced;  /* articles the staying stories held */
};

static void
reloading_free (ChronicleReloading *reloading)
{
  g_object_unref (reloading->task);
  g_object_unref (reloading->worker);
  g_hash_table_unref (reloading->refilled);
  g_hash_table_unref (reloading->staying);
  g_ptr_array_unref (reloading->gone);
  g_clear_pointer (&reloading->replaced, g_ptr_array_unref);
  g_free (reloading->fates);
  g_free (reloading);
}

/* Whether this turn has done its share: at least one source each. */
static gboolean
turn_over (ChronicleReloading *reloading)
{
  guint limit = reloading->library->reload_turn_sources;

  if (reloading->turn_sources++ == 0)
    return FALSE;
  return limit > 0 ? reloading->turn_sources > limit
                   : g_get_monotonic_time () - reloading->turn_start > APPLY_TURN_US;
}

/* What is listed of each source as the reload's turn comes, after the
 * reloads before it. */
static guint8 *
decide_fates (ChronicleLibrary *self,
              Reload           *reload)
{
  guint8 *fates = g_new0 (guint8, g_strv_length (reload->keys));

  for (guint i = 0; reload->keys[i] != NULL; i++)
    {
      if (chronicle_library_find_collection (self, reload->keys[i]) != NULL)
        fates[i] = FATE_LISTED;
      else if (reload->relist || !g_hash_table_contains (self->unlisted, reload->keys[i]))
        fates[i] = FATE_NEW;
      /* Not while the reader can still undo its removal. */
      else
        fates[i] = FATE_NONE;
      if (reload->relist)
        g_hash_table_remove (self->unlisted, reload->keys[i]);
    }
  return fates;
}

/* Refills the next collections listed, and keeps their listed stories
 * that stay; TRUE once every source is done. */
static gboolean
refill_some (ChronicleReloading *reloading)
{
  ChronicleLibrary *self = reloading->library;
  Reload *reload = g_task_get_task_data (reloading->worker);

  if (reloading->fates == NULL)
    reloading->fates = decide_fates (self, reload);

  for (; reload->keys[reloading->next] != NULL; reloading->next++)
    {
      guint i = reloading->next;
      ChronicleStoredSource *source = g_ptr_array_index (reload->sources, i);
      ChronicleCollection *collection = chronicle_library_find_collection (self, reload->keys[i]);

      if (turn_over (reloading))
        return FALSE;
      /* Removed by the reader since the reload came. */
      if (collection == NULL && reloading->fates[i] == FATE_LISTED)
        reloading->fates[i] = FATE_NONE;
      if (collection == NULL || reloading->fates[i] != FATE_LISTED)
        continue;
      if (source == NULL)
        g_ptr_array_add (reloading->gone, g_object_ref (collection));
      else
        {
          reloading->fates[i] = FATE_REFILLED;
          g_hash_table_add (reloading->refilled, g_strdup (reload->keys[i]));
          chronicle_collection_refill (collection, source->name, source->feed);
          if (g_ptr_array_index (reload->stories, i) != NULL)
            keep_listed (self, reload, i, reloading->staying, reloading->replaced);
        }
    }
  return TRUE;
}

/* Once every collection is refilled: their old stories are taken out
 * together, in one pass over the list. */
static void
forget_replaced (ChronicleReloading *reloading)
{
  ChronicleLibrary *self = reloading->library;

  chronicle_library_forget_collections (self, reloading->gone);
  chronicle_library_forget_stories (self, reloading->refilled, reloading->staying);
  release_on_worker (g_steal_pointer (&reloading->replaced));
}

/* Then the new stories are queued, some sources at a time; TRUE once all
 * are.  A collection the reader removed meanwhile is not listed again. */
static gboolean
queue_some (ChronicleReloading *reloading)
{
  ChronicleLibrary *self = reloading->library;
  Reload *reload = g_task_get_task_data (reloading->worker);
  g_autoptr(GPtrArray) inserted = g_ptr_array_new ();

  chronicle_library_begin_adding (self);
  for (; reloading->next < reload->sources->len; reloading->next++)
    {
      guint i = reloading->next;
      ChronicleStoredSource *source = g_ptr_array_index (reload->sources, i);
      ChronicleCollection *collection;

      if (turn_over (reloading))
        break;
      if (source == NULL)
        continue;
      collection = chronicle_library_find_collection (self, source->key);
      if (reloading->fates[i] == FATE_REFILLED && collection != NULL)
        {
          chronicle_collection_set_diagnostics (collection, source->diagnostics);
          chronicle_library_queue_stories (self, g_ptr_array_index (reload->stories, i), FALSE,
                                           chronicle_collection_get_cancellable (collection));
        }
      else if (reloading->fates[i] == FATE_NEW && collection == NULL)
        {
          collection = chronicle_library_insert_stories (self, source->key, source->name, source->feed, FALSE,
                                                         g_ptr_array_index (reload->stories, i), NULL,
                                                         source->diagnostics);
          g_ptr_array_add (inserted, collection);
        }
      else
        continue;
      chronicle_collection_set_origin (collection, source->location, source->content_hash);
      chronicle_library_index (self, collection, g_steal_pointer (&g_ptr_array_index (reload->serials, i)));
    }
  chronicle_library_end_adding (self);
  chronicle_library_give_web_state (self, (ChronicleCollection **) inserted->pdata, inserted->len);
  return reloading->next == reload->sources->len;
}

/* One step of the first reload waiting; TRUE once it is listed. */
static gboolean
apply_step (ChronicleReloading *reloading)
{
  ChronicleLibrary *self = reloading->library;

  reloading->turn_start = g_get_monotonic_time ();
  reloading->turn_sources = 0;
  switch (reloading->phase)
    {
    case APPLY_REFILL:
      if (refill_some (reloading))
        {
          reloading->phase = APPLY_FORGET;
          reloading->next = 0;
        }
      return FALSE;

    case APPLY_FORGET:
      forget_replaced (reloading);
      reloading->phase = APPLY_QUEUE;
      return FALSE;

    case APPLY_QUEUE:
      if (!queue_some (reloading))
        return FALSE;
      if (g_hash_table_size (reloading->refilled) > 0)
        chronicle_library_rebuild_events (self);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
apply_cb (gpointer data)
{
  ChronicleLibrary *self = data;
  ChronicleReloading *reloading = g_queue_peek_head (self->reloadings);

  if (!apply_step (reloading))
    return G_SOURCE_CONTINUE;

  g_queue_pop_head (self->reloadings);
  self->n_restoring--;
  chronicle_library_notify_loading (self);
  g_task_return_boolean (reloading->task, TRUE);
  reloading_free (reloading);

  if (!g_queue_is_empty (self->reloadings))
    return G_SOURCE_CONTINUE;
  self->apply_id = 0;
  return G_SOURCE_REMOVE;
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);
  GTask *task = user_data;
  ChronicleReloading *reloading;
  Reload *reload;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->n_restoring--;
      chronicle_library_notify_loading (self);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Still restoring, so the library stays loading until it is listed. */
  reloading = g_new0 (ChronicleReloading, 1);
  reloading->library = self;
  reloading->task = task;
  reloading->worker = g_object_ref (G_TASK (result));
  reloading->refilled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reloading->staying = g_hash_table_new (NULL, NULL);
  reloading->gone = g_ptr_array_new_with_free_func (g_object_unref);
  reloading->replaced = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_push_tail (self->reloadings, reloading);
  reload = g_task_get_task_data (G_TASK (result));
  chronicle_library_take_web_state (self, reload->web_asked, g_steal_pointer (&reload->web));

  if (self->apply_id == 0)
    self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_cb, g_object_ref (self), g_object_unref);
}

static void
reload_async (ChronicleLibrary    *self,
              const char * const  *keys,
              gboolean             relist,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  Reload *reload;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_reload_sources_async);
  if (self->store == NULL || keys[0] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  reload = g_new0 (Reload, 1);
  reload->web_asked = chronicle_library_ask_web_state (self);
  reload->store = g_object_ref (self->store);
  reload->state = g_object_ref (self->state);
  reload->keys = g_strdupv ((char **) keys);
  reload->relist = relist;
  reload->languages = g_strdupv (self->languages);

  self->n_restoring++;
  chronicle_library_notify_loading (self);
  worker = g_task_new (self, cancellable, reloaded_cb, task);
  g_task_set_task_data (worker, reload, (GDestroyNotify) reload_free);
  g_task_run_in_thread (worker, reload_worker);
}

/**
 * chronicle_library_reload_sources_async:
 * @keys: the keys of sources in the store
 *
 * Lists the sources @keys as the store has them now, in place of the
 * collections of those keys that are listed: after a refresh of
 * subscriptions or a new subscription.  A source the store no longer has
 * stops being listed, and one the reader unlisted, a removal that can
 * still be undone, is not listed again.  The library is loading until
 * they are listed.
 */
void
chronicle_library_reload_sources_async (ChronicleLibrary    *self,
                                        const char * const  *keys,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (keys != NULL);

  reload_async (self, keys, FALSE, cancellable, callback, user_data);
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
 * chronicle_library_reload_sources_async() of one source, which lists
 * it again also after chronicle_library_unlist_collection(): a removal
 * undone.
 */
void
chronicle_library_reload_source_async (ChronicleLibrary    *self,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *keys[] = { key, NULL };

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (key != NULL);

  reload_async (self, keys, TRUE, cancellable, callback, user_data);
}

gboolean
chronicle_library_reload_source_finish (ChronicleLibrary  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return chronicle_library_reload_sources_finish (self, result, error);
}
