/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include "chronicle-collection.h"
#include "chronicle-library-private.h"
#include "chronicle-store-private.h"

/* Sources written to the store by others than the library (subscribing
 * and refreshing write there first) are listed by reading them back, as a
 * restore reads them: list fields only, then their search keys. */

typedef struct
{
  ChronicleStore        *store;
  ChronicleState        *state;
  char                  *key;
  char                 **languages;
  ChronicleStoredSource *source;
  GPtrArray             *stories;
  guint                 *serials;
} Reload;

static void
reload_free (Reload *reload)
{
  g_object_unref (reload->store);
  g_object_unref (reload->state);
  g_free (reload->key);
  g_strfreev (reload->languages);
  g_clear_pointer (&reload->source, chronicle_stored_source_free);
  g_clear_pointer (&reload->stories, g_ptr_array_unref);
  g_free (reload->serials);
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

  reload->source = chronicle_store_read_source (&db, 1, reload->key, cancellable, &error);
  chronicle_store_release_reader (reload->store, db);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (reload->source != NULL)
    reload->stories = chronicle_library_build_stories (reload->state, reload->key, reload->source->feed,
                                                       (const char * const *) reload->languages, &reload->serials);
  g_task_return_boolean (task, TRUE);
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  Reload *reload = g_task_get_task_data (G_TASK (result));
  ChronicleStoredSource *source = reload->source;
  ChronicleCollection *collection;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Gone from the store meanwhile: gone from the list too. */
  collection = chronicle_library_find_collection (self, reload->key);
  if (collection != NULL)
    chronicle_library_forget_collection (self, collection);
  if (source == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  collection = chronicle_library_insert_stories (self, source->key, source->name, source->feed, FALSE,
                                                 reload->stories, NULL, source->diagnostics);
  chronicle_collection_set_origin (collection, source->location, source->content_hash);
  chronicle_library_index (self, collection, g_steal_pointer (&reload->serials));
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_reload_source_async:
 * @key: the key of a source in the store
 *
 * Lists the source @key as the store has it now, in place of the
 * collection of that key, if one is listed: after a subscription's
 * refresh or a new subscription.  A source the store no longer has stops
 * being listed.
 */
void
chronicle_library_reload_source_async (ChronicleLibrary    *self,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  Reload *reload;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_reload_source_async);
  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  reload = g_new0 (Reload, 1);
  reload->store = g_object_ref (self->store);
  reload->state = g_object_ref (self->state);
  reload->key = g_strdup (key);
  reload->languages = g_strdupv (self->languages);

  worker = g_task_new (self, cancellable, reloaded_cb, task);
  g_task_set_task_data (worker, reload, (GDestroyNotify) reload_free);
  g_task_run_in_thread (worker, reload_worker);
}

gboolean
chronicle_library_reload_source_finish (ChronicleLibrary  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
