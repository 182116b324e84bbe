/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-library-private.h"
#include "chronicle-store-private.h"
#include "chronicle-threads.h"

/* The library and its store: restoring the collections at start, keeping
 * the ones the reader opens, and reading an article's body when it is
 * opened.  All of it runs on the store's threads and workers; the main
 * thread only takes the results. */

typedef struct
{
  ChronicleStore *store;
  ChronicleState *state;
  char          **languages;
  GArray         *rows;       /* of ChronicleStateRow */
  GPtrArray      *sources;    /* of ChronicleStoredSource */
  ChronicleLibraryWebState *web;  /* the web sources' state and icons */
  GPtrArray      *stories;    /* of GPtrArray of ChronicleStory, one per source */
  GPtrArray      *serials;    /* of guint arrays, one per source */
  GPtrArray      *preview;    /* stories listed while the rest is read */
  GCancellable   *preview_cancellable;
  ChronicleLibraryWebAsk web_asked;  /* its read of the web state */
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_object_unref (restore->store);
  g_object_unref (restore->state);
  g_strfreev (restore->languages);
  g_clear_pointer (&restore->rows, g_array_unref);
  g_clear_pointer (&restore->sources, g_ptr_array_unref);
  g_clear_pointer (&restore->web, chronicle_library_web_state_free);
  g_clear_pointer (&restore->stories, g_ptr_array_unref);
  g_clear_pointer (&restore->serials, g_ptr_array_unref);
  g_clear_pointer (&restore->preview, g_ptr_array_unref);
  g_clear_object (&restore->preview_cancellable);
  g_free (restore);
}

/* The newest stories, listed before the rest is read: a large library
 * takes a second or more to read whole. */
#define PREVIEW_ITEMS 1000

typedef struct
{
  GTask     *task;
  GArray    *rows;
  GPtrArray *stories;
} Preview;

static void
preview_free (gpointer data)
{
  Preview *preview = data;

  g_object_unref (preview->task);
  g_clear_pointer (&preview->rows, g_array_unref);
  g_ptr_array_unref (preview->stories);
  g_free (preview);
}

static gboolean
show_preview_cb (gpointer data)
{
  Preview *preview = data;
  ChronicleLibrary *self = g_task_get_source_object (preview->task);
  Restore *restore = g_task_get_task_data (preview->task);

  /* The state first, so that the rows show it; whatever came first. */
  chronicle_state_take_rows (self->state, g_steal_pointer (&preview->rows));
  if (g_task_get_completed (preview->task))
    return G_SOURCE_REMOVE;
  restore->preview = g_ptr_array_ref (preview->stories);
  restore->preview_cancellable = g_cancellable_new ();
  chronicle_library_show_preview (self, restore->preview, restore->preview_cancellable);
  return G_SOURCE_REMOVE;
}

static void
send_preview (GTask    *task,
              Restore  *restore,
              sqlite3  *db)
{
  g_autoptr(ChronicleFeed) feed = chronicle_store_read_newest (db, CHRONICLE_BUNDLED_COLLECTION, PREVIEW_ITEMS, NULL);
  Preview *preview;

  if (feed == NULL || chronicle_feed_get_n_items (feed) == 0)
    return;

  preview = g_new0 (Preview, 1);
  preview->task = g_object_ref (task);
  preview->rows = g_steal_pointer (&restore->rows);
  preview->stories = chronicle_library_build_stories (restore->state, NULL, feed,
                                                      (const char * const *) restore->languages, NULL);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, show_preview_cb, preview, preview_free);
}

static void
restore_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Restore *restore = task_data;
  ChronicleStore *store = restore->store;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = chronicle_store_acquire_reader (store, &error);
  gboolean states_read;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  restore->rows = chronicle_store_read_states (db, &error);
  states_read = restore->rows != NULL;
  /* It takes the rows, when there is a preview. */
  if (states_read)
    send_preview (task, restore, db);
  chronicle_store_release_reader (store, db);

  /* A large source is read in parts on as many connections as there are
   * processors, all on one state of the database: 428 to 431 ms against
   * 461 to 477 on one, for 100 000 items while the window draws. */
  if (states_read)
    {
      guint n_readers = chronicle_n_parts (G_MAXUINT);
      g_autofree sqlite3 **readers = g_new (sqlite3 *, n_readers);

      if (chronicle_store_acquire_snapshot (store, readers, n_readers, &error))
        {
          restore->sources = chronicle_store_read_sources (readers, n_readers, CHRONICLE_BUNDLED_COLLECTION,
                                                           cancellable, &error);
          if (restore->sources != NULL)
            restore->web = chronicle_library_read_web_state (readers[0], &error);
          if (restore->web == NULL)
            g_clear_pointer (&restore->sources, g_ptr_array_unref);
          chronicle_store_release_snapshot (store, readers, n_readers);
        }
    }
  if (restore->sources == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  restore->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  restore->serials = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < restore->sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (restore->sources, i);
      guint *serials = NULL;

      g_ptr_array_add (restore->stories,
                       chronicle_library_build_stories (restore->state, source->key, source->feed,
                                                        (const char * const *) restore->languages, &serials));
      g_ptr_array_add (restore->serials, serials);
    }

  g_task_return_boolean (task, TRUE);
}

/* On the main thread, once the worker is done: the library lists what it
 * read, and the caller's task only tells how it went. */
static void
library_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  Restore *restore = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* The stories read are queued below, and keep it loading. */
  self->n_restoring--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      chronicle_library_hide_preview (self, &restore->preview, &restore->preview_cancellable);
      chronicle_library_notify_loading (self);
      g_task_return_error (task, error);
      return;
    }

  /* Before the stories are listed, so that their rows show it. */
  if (restore->rows != NULL)
    chronicle_state_take_rows (self->state, g_steal_pointer (&restore->rows));

  chronicle_library_begin_adding (self);
  for (guint i = 0; i < restore->sources->len; i++)
    {
      ChronicleStoredSource *source = g_ptr_array_index (restore->sources, i);
      ChronicleCollection *collection;

      /* A file opened while the store was read wins. */
      if (chronicle_library_find_collection (self, source->key) != NULL)
        continue;

      collection = chronicle_library_insert_stories (self, source->key, source->name, source->feed, FALSE,
                                                     g_ptr_array_index (restore->stories, i), NULL,
                                                     source->diagnostics);
      chronicle_collection_set_origin (collection, source->location, source->content_hash);
      chronicle_library_index (self, collection, g_steal_pointer (&g_ptr_array_index (restore->serials, i)));
    }
  chronicle_library_end_adding (self);
  chronicle_library_take_web_state (self, restore->web_asked, g_steal_pointer (&restore->web));

  /* The whole library replaces its newest stories, in their rows. */
  chronicle_library_hide_preview (self, &restore->preview, &restore->preview_cancellable);
  chronicle_library_notify_loading (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_restore_async:
 *
 * Reads the reader's state and the collections they added in earlier
 * sessions from the store, on a worker thread: the list fields of their
 * articles, not their bodies.  The newest articles are listed first, while
 * the rest is read, and the rest as soon as it is; the search keys stored
 * with the articles are read once they are all listed.
 */
void
chronicle_library_restore_async (ChronicleLibrary    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  Restore *restore;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (self->store != NULL);

  restore = g_new0 (Restore, 1);
  restore->web_asked = chronicle_library_ask_web_state (self);
  restore->store = g_object_ref (self->store);
  restore->state = g_object_ref (self->state);
  restore->languages = g_strdupv (self->languages);

  /* What was listed stays listed, even when @cancellable is cancelled
   * after. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_restore_async);
  g_task_set_check_cancellable (task, FALSE);

  /* The worker touches nothing of the library but its own copies. */
  worker = g_task_new (self, cancellable, library_read_cb, task);
  g_task_set_task_data (worker, restore, restore_free);
  self->n_restoring++;
  chronicle_library_notify_loading (self);
  g_task_run_in_thread (worker, restore_worker);
}

/**
 * chronicle_library_restore_finish:
 *
 * Returns: whether the store could be read; what it held is listed then
 */
gboolean
chronicle_library_restore_finish (ChronicleLibrary  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Keeping collections in the store. */

typedef struct
{
  ChronicleLibrary *library;
  char             *id;
} Storing;

static void
storing_free (Storing *storing)
{
  g_object_unref (storing->library);
  g_free (storing->id);
  g_free (storing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Storing, storing_free)

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Storing) storing = user_data;
  ChronicleLibrary *self = storing->library;
  g_autoptr(GError) error = NULL;

  /* After the store closed, as the application quits, nothing is told. */
  if (!chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      g_warning ("The collection %s could not be stored: %s", storing->id, error->message);
      chronicle_library_emit_store_failed (self, error);
    }

  self->n_storing--;
  if (self->n_storing == 0)
    g_object_notify (G_OBJECT (self), "storing");
}

static ChronicleSourceKind
kind_of (ChronicleCollection *collection)
{
  return chronicle_collection_get_builtin (collection) ? CHRONICLE_SOURCE_BUNDLED : CHRONICLE_SOURCE_FILE;
}

/**
 * chronicle_library_store_collection:
 *
 * Writes a collection read from a file to the store, over the one of the
 * same id, in one transaction, with the search keys folded for it (or, if
 * they are not yet, folded by the writer).
 */
void
chronicle_library_store_collection (ChronicleLibrary    *self,
                                    ChronicleCollection *collection)
{
  ChronicleStoredSource *source;
  ChronicleSearchTable *table;
  Storing *storing;

  if (self->store == NULL)
    return;

  source = chronicle_stored_source_new (chronicle_collection_get_id (collection), kind_of (collection),
                                        chronicle_collection_get_name (collection),
                                        chronicle_collection_get_feed (collection));
  source->location = g_strdup (chronicle_collection_get_location (collection));
  source->content_hash = g_strdup (chronicle_collection_get_content_hash (collection));
  /* Read only, by the writer, from here on. */
  if (chronicle_collection_get_diagnostics (collection) != NULL)
    {
      g_ptr_array_unref (source->diagnostics);
      source->diagnostics = g_ptr_array_ref (chronicle_collection_get_diagnostics (collection));
    }
  table = g_hash_table_lookup (self->search_tables, source->key);
  source->table = table != NULL ? chronicle_search_table_ref (table) : NULL;

  storing = g_new0 (Storing, 1);
  storing->library = g_object_ref (self);
  storing->id = g_strdup (source->key);
  if (self->n_storing++ == 0)
    g_object_notify (G_OBJECT (self), "storing");
  chronicle_store_write_async (self->store, chronicle_store_put_source, source,
                               (GDestroyNotify) chronicle_stored_source_free, NULL, stored_cb, storing);
}

/**
 * chronicle_library_keep_bundled:
 * @content_hash: a checksum of the bundled file
 *
 * Keeps the bundled collection in the store too, for readers of the store
 * other than the window; it is written again only when it changed.
 */
void
chronicle_library_keep_bundled (ChronicleLibrary    *self,
                                ChronicleCollection *collection,
                                const char          *content_hash)
{
  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (CHRONICLE_IS_COLLECTION (collection));

  chronicle_collection_set_origin (collection, NULL, content_hash);
  chronicle_library_store_collection (self, collection);
}

static gboolean
delete_source (sqlite3  *db,
               gpointer  key,
               GError  **error)
{
  return chronicle_store_delete_source (db, key, error);
}

static void
unstored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChronicleLibrary) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!chronicle_store_write_finish (CHRONICLE_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      g_warning ("A collection could not be removed from the store: %s", error->message);
      chronicle_library_emit_store_failed (self, error);
    }
}

void
chronicle_library_unstore_collection (ChronicleLibrary *self,
                                      const char       *collection_id)
{
  if (self->store == NULL)
    return;

  chronicle_store_write_async (self->store, delete_source, g_strdup (collection_id), g_free, NULL, unstored_cb,
                               g_object_ref (self));
}

/**
 * chronicle_library_get_storing:
 *
 * Returns: whether collections are being written to the store
 */
gboolean
chronicle_library_get_storing (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);

  return self->n_storing > 0;
}

/**
 * chronicle_library_get_store:
 *
 * Returns: (transfer none) (nullable): the store, or %NULL for a library
 *   kept in memory only
 */
ChronicleStore *
chronicle_library_get_store (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return self->store;
}

/* Reading a whole article. */

typedef struct
{
  ChronicleStore *store;
  ChronicleItem  *item;
} LoadItem;

static void
load_item_free (gpointer data)
{
  LoadItem *load = data;

  g_object_unref (load->store);
  g_object_unref (load->item);
  g_free (load);
}

static void
load_item_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadItem *load = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleItem) item = NULL;
  sqlite3 *db = chronicle_store_acquire_reader (load->store, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  item = chronicle_store_read_item (db, chronicle_item_get_store_id (load->item), &error);
  chronicle_store_release_reader (load->store, db);

  if (item == NULL && error == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the article %s is no longer stored",
                 chronicle_item_get_id (load->item));
  if (item == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&item), g_object_unref);
}

/**
 * chronicle_library_load_item_async:
 *
 * Gives the whole of @item: itself when it holds everything, else the
 * article read from the store on a worker.
 */
void
chronicle_library_load_item_async (ChronicleLibrary    *self,
                                   ChronicleItem       *item,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadItem *load;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (CHRONICLE_IS_ITEM (item));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_load_item_async);

  if (!chronicle_item_get_partial (item) || self->store == NULL)
    {
      g_task_return_pointer (task, g_object_ref (item), g_object_unref);
      return;
    }

  load = g_new0 (LoadItem, 1);
  load->store = g_object_ref (self->store);
  load->item = g_object_ref (item);
  g_task_set_task_data (task, load, load_item_free);
  g_task_run_in_thread (task, load_item_worker);
}

ChronicleItem *
chronicle_library_load_item_finish (ChronicleLibrary  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
