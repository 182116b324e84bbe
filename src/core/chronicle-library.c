/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chronicle-event.h"
#include "chronicle-feed-parser.h"
#include "chronicle-library.h"

/* Everything the reader can read: the collections, their stories as one
 * flat list model for the views to sort and filter, and their timeline
 * events.  Files are read and parsed on a worker thread. */

#define COLLECTIONS_DIR "collections"

struct _ChronicleLibrary
{
  GObject         parent_instance;

  ChronicleState *state;
  GListStore     *stories;
  GListStore     *collections;
  GHashTable     *stories_by_key;   /* key → ChronicleStory, first one wins */
  GHashTable     *stories_by_item;  /* item id → ChronicleStory */
  GListStore     *events;           /* of ChronicleEvent, merged by id */
  guint           pending_insertions;
  char          **languages;
};

G_DEFINE_FINAL_TYPE (ChronicleLibrary, chronicle_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chronicle_library_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, chronicle_library_get_loading (CHRONICLE_LIBRARY (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
state_changed_cb (ChronicleLibrary *self,
                  const char       *key,
                  ChronicleState   *state)
{
  ChronicleStory *story;

  if (key == NULL)
    return;

  story = g_hash_table_lookup (self->stories_by_key, key);
  if (story != NULL)
    chronicle_story_state_changed (story);
}

static void
chronicle_library_finalize (GObject *object)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);

  g_clear_object (&self->state);
  g_clear_object (&self->stories);
  g_clear_object (&self->collections);
  g_hash_table_unref (self->stories_by_key);
  g_hash_table_unref (self->stories_by_item);
  g_clear_object (&self->events);
  g_strfreev (self->languages);

  G_OBJECT_CLASS (chronicle_library_parent_class)->finalize (object);
}

static void
chronicle_library_class_init (ChronicleLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_library_finalize;
  object_class->get_property = chronicle_library_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

}

static void
chronicle_library_init (ChronicleLibrary *self)
{
  self->stories = g_list_store_new (CHRONICLE_TYPE_STORY);
  self->collections = g_list_store_new (CHRONICLE_TYPE_COLLECTION);
  self->stories_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->stories_by_item = g_hash_table_new (g_str_hash, g_str_equal);
  self->events = g_list_store_new (CHRONICLE_TYPE_EVENT);
  self->languages = g_strdupv ((char **) g_get_language_names ());
}

ChronicleLibrary *
chronicle_library_new (ChronicleState *state)
{
  ChronicleLibrary *self;

  g_return_val_if_fail (CHRONICLE_IS_STATE (state), NULL);

  self = g_object_new (CHRONICLE_TYPE_LIBRARY, NULL);
  self->state = g_object_ref (state);
  g_signal_connect_object (state, "changed", G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

ChronicleState *
chronicle_library_get_state (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return self->state;
}

/**
 * chronicle_library_get_stories:
 *
 * Returns: (transfer none): a list model of #ChronicleStory, in no
 *   particular order: views sort it
 */
GListModel *
chronicle_library_get_stories (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->stories);
}

/**
 * chronicle_library_get_collections:
 *
 * Returns: (transfer none): a list model of #ChronicleCollection, in the
 *   order they were added
 */
GListModel *
chronicle_library_get_collections (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->collections);
}

/**
 * chronicle_library_get_events:
 *
 * Returns: (transfer none): a list model of the #ChronicleEvent of all
 *   collections, in no particular order; an event in several collections
 *   is there once
 */
GListModel *
chronicle_library_get_events (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->events);
}

ChronicleCollection *
chronicle_library_find_collection (ChronicleLibrary *self,
                                   const char       *id)
{
  guint n;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->collections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (G_LIST_MODEL (self->collections), i);

      if (g_str_equal (chronicle_collection_get_id (collection), id))
        return collection;
    }

  return NULL;
}

ChronicleStory *
chronicle_library_find_story (ChronicleLibrary *self,
                              const char       *key)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->stories_by_key, key);
}

/**
 * chronicle_library_find_story_by_item:
 *
 * Returns: (transfer none) (nullable): the story that holds the item
 *   @item_id, as a timeline source names it
 */
ChronicleStory *
chronicle_library_find_story_by_item (ChronicleLibrary *self,
                                      const char       *item_id)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  return g_hash_table_lookup (self->stories_by_item, item_id);
}

/**
 * chronicle_library_set_languages:
 * @languages: the reader's languages, most wanted first
 *
 * Makes each story show its translation in the first of @languages it has.
 */
void
chronicle_library_set_languages (ChronicleLibrary   *self,
                                 const char * const *languages)
{
  guint n;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **) languages);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stories));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);

      chronicle_story_set_languages (story, (const char * const *) self->languages);
    }
}

/* Events with the same id are one event: the first one read stays. */
static void
collect_events (GHashTable    *known,
                GPtrArray     *out,
                ChronicleFeed *feed)
{
  GPtrArray *events = chronicle_feed_get_events (feed);

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);

      if (g_hash_table_add (known, (gpointer) chronicle_event_get_id (event)))
        g_ptr_array_add (out, event);
    }
}

static void
merge_events (ChronicleLibrary *self,
              ChronicleFeed    *feed)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);
      g_hash_table_add (known, (gpointer) chronicle_event_get_id (event));
    }

  collect_events (known, added, feed);
  if (added->len > 0)
    g_list_store_splice (self->events, n, 0, added->pdata, added->len);
}

static void
rebuild_events (ChronicleLibrary *self)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->collections));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (G_LIST_MODEL (self->collections), i);

      collect_events (known, events, chronicle_collection_get_feed (collection));
    }

  g_list_store_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                       events->pdata, events->len);
}

/* Groups a feed's items into stories.  It touches nothing of the library
 * but reads, so it runs on the loading thread for large files; the search
 * keys are folded there too, so that the first search is as quick as the
 * others. */
static GPtrArray *
build_stories (ChronicleState     *state,
               const char         *collection_id,
               ChronicleFeed      *feed,
               const char * const *languages,
               gboolean            fold_search_keys)
{
  g_autoptr(GHashTable) stories = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = chronicle_feed_get_n_items (feed);

  for (guint i = 0; i < n_items; i++)
    {
      ChronicleItem *item = chronicle_feed_get_item (feed, i);
      const char *key = chronicle_item_get_story (item);
      ChronicleStory *story;

      if (key == NULL)
        key = chronicle_item_get_id (item);

      story = g_hash_table_lookup (stories, key);
      if (story == NULL)
        {
          story = chronicle_story_new (key, collection_id, state);
          g_hash_table_insert (stories, (gpointer) chronicle_story_get_key (story), story);
          g_ptr_array_add (added, story);
        }

      chronicle_story_add_item (story, item);
      if (fold_search_keys)
        (void) chronicle_item_get_search_key (item);
    }

  for (guint i = 0; i < added->len; i++)
    chronicle_story_set_languages (g_ptr_array_index (added, i), languages);

  return added;
}

/* Large collections enter the list model in slices, one per idle turn of
 * the main loop, so that windows keep drawing while a view sorts them. */
#define INSERT_SLICE 2000

typedef struct
{
  ChronicleLibrary *library;
  GPtrArray        *stories;
  guint             next;
} Insertion;

static void
insertion_free (gpointer data)
{
  Insertion *insertion = data;

  g_object_unref (insertion->library);
  g_ptr_array_unref (insertion->stories);
  g_free (insertion);
}

static void
insert_slice (ChronicleLibrary *self,
              GPtrArray        *stories,
              guint             start,
              guint             end)
{
  for (guint i = start; i < end; i++)
    {
      ChronicleStory *story = g_ptr_array_index (stories, i);

      if (!g_hash_table_contains (self->stories_by_key, chronicle_story_get_key (story)))
        g_hash_table_insert (self->stories_by_key, (gpointer) chronicle_story_get_key (story), story);
      for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
        g_hash_table_replace (self->stories_by_item,
                              (gpointer) chronicle_item_get_id (chronicle_story_get_item (story, j)), story);
    }

  g_list_store_splice (self->stories,
                       g_list_model_get_n_items (G_LIST_MODEL (self->stories)),
                       0, stories->pdata + start, end - start);
}

static gboolean
insert_next_slice_cb (gpointer data)
{
  Insertion *insertion = data;
  guint end = MIN (insertion->next + INSERT_SLICE, insertion->stories->len);

  insert_slice (insertion->library, insertion->stories, insertion->next, end);
  insertion->next = end;

  if (end < insertion->stories->len)
    return G_SOURCE_CONTINUE;

  insertion->library->pending_insertions--;
  g_object_notify_by_pspec (G_OBJECT (insertion->library), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

static ChronicleCollection *
insert_stories (ChronicleLibrary *self,
                const char       *id,
                const char       *name,
                ChronicleFeed    *feed,
                gboolean          builtin,
                GPtrArray        *stories)
{
  g_autoptr(ChronicleCollection) collection = chronicle_collection_new (id, name, feed, builtin);
  guint first = MIN (stories->len, INSERT_SLICE);

  g_list_store_append (self->collections, collection);
  insert_slice (self, stories, 0, first);
  merge_events (self, feed);

  if (first < stories->len)
    {
      Insertion *insertion = g_new0 (Insertion, 1);

      insertion->library = g_object_ref (self);
      insertion->stories = g_ptr_array_ref (stories);
      insertion->next = first;
      self->pending_insertions++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, insert_next_slice_cb, insertion, insertion_free);
    }

  return collection;
}

/**
 * chronicle_library_get_loading:
 *
 * Returns: %TRUE while the stories of a large collection are still being
 *   added to the list
 */
gboolean
chronicle_library_get_loading (ChronicleLibrary *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);

  return self->pending_insertions > 0;
}

/**
 * chronicle_library_add_feed:
 * @id: the collection's identifier
 * @name: the file's name, for messages
 *
 * Adds a parsed feed as a collection: its items grouped into stories, and
 * its timeline events.
 *
 * Returns: (transfer none): the new collection
 */
ChronicleCollection *
chronicle_library_add_feed (ChronicleLibrary *self,
                            const char       *id,
                            const char       *name,
                            ChronicleFeed    *feed,
                            gboolean          builtin)
{
  g_autoptr(GPtrArray) stories = NULL;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (CHRONICLE_IS_FEED (feed), NULL);

  stories = build_stories (self->state, id, feed, (const char * const *) self->languages, FALSE);
  return insert_stories (self, id, name, feed, builtin, stories);
}

/**
 * chronicle_library_remove_collection:
 *
 * Removes a collection the reader added, its stories, its events and its
 * copy in the data folder.  The bundled collection cannot be removed.
 *
 * Returns: %TRUE if it was removed
 */
gboolean
chronicle_library_remove_collection (ChronicleLibrary *self,
                                     const char       *id)
{
  ChronicleCollection *collection;
  GPtrArray *saved_collections;
  guint n, position;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  collection = chronicle_library_find_collection (self, id);
  if (collection == NULL || chronicle_collection_get_builtin (collection))
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stories));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(ChronicleStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i - 1);

      if (g_strcmp0 (chronicle_story_get_collection_id (story), id) != 0)
        continue;

      if (g_hash_table_lookup (self->stories_by_key, chronicle_story_get_key (story)) == story)
        g_hash_table_remove (self->stories_by_key, chronicle_story_get_key (story));
      for (guint j = 0; j < chronicle_story_get_n_items (story); j++)
        {
          const char *item_id = chronicle_item_get_id (chronicle_story_get_item (story, j));

          if (g_hash_table_lookup (self->stories_by_item, item_id) == story)
            g_hash_table_remove (self->stories_by_item, item_id);
        }
      g_list_store_remove (self->stories, i - 1);
    }

  saved_collections = chronicle_state_get_collections (self->state);
  for (guint i = 0; i < saved_collections->len; i++)
    {
      ChronicleSavedCollection *saved = g_ptr_array_index (saved_collections, i);

      if (g_str_equal (saved->id, id))
        {
          g_autofree char *path = g_build_filename (chronicle_state_get_directory (self->state), saved->file, NULL);

          g_unlink (path);
          break;
        }
    }
  chronicle_state_remove_collection (self->state, id);

  if (g_list_store_find (self->collections, collection, &position))
    g_list_store_remove (self->collections, position);

  rebuild_events (self);
  return TRUE;
}

typedef struct
{
  GFile         *file;
  char          *id;
  char          *name;
  gboolean       keep_copy;
  ChronicleFeed *feed;
  GPtrArray     *diagnostics;
  GPtrArray     *stories;
  char         **languages;
  ChronicleState *state;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_free (load->id);
  g_free (load->name);
  g_clear_object (&load->feed);
  g_clear_pointer (&load->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&load->stories, g_ptr_array_unref);
  g_strfreev (load->languages);
  g_clear_object (&load->state);
  g_free (load);
}

static LoadData *
load_data_new (ChronicleLibrary *self,
               GFile            *file)
{
  LoadData *load = g_new0 (LoadData, 1);

  load->state = g_object_ref (self->state);
  load->languages = g_strdupv (self->languages);

  load->file = g_object_ref (file);
  load->name = g_file_get_basename (file);
  load->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  return load;
}

/* Keeps a copy of an opened file in the data folder, so the collection
 * comes back after a restart even when the original moves away. */
static gboolean
keep_copy (GBytes      *bytes,
           const char  *directory,
           const char  *relative,
           GError     **error)
{
  g_autofree char *dir = g_build_filename (directory, COLLECTIONS_DIR, NULL);
  g_autofree char *path = g_build_filename (directory, relative, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %1$s is a folder, %2$s the system's reason */
                   _("Could not create “%1$s”: %2$s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ChronicleLibrary *self = source_object;
  LoadData *load = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  info = g_file_query_info (load->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info != NULL && (guint64) g_file_info_get_size (info) > CHRONICLE_FEED_MAX_SIZE)
    {
      /* Let the parser's loader word the refusal, without reading. */
      load->feed = chronicle_feed_load_file (load->file, load->diagnostics, cancellable, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (info == NULL || !g_file_load_contents (load->file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  load->feed = chronicle_feed_parse (bytes, load->diagnostics, &error);
  if (load->feed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (load->keep_copy)
    {
      g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_autofree char *relative = NULL;

      load->id = g_strndup (checksum, 16);
      relative = g_strdup_printf ("%s/%s.json", COLLECTIONS_DIR, load->id);
      if (!keep_copy (bytes, chronicle_state_get_directory (self->state), relative, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  load->stories = build_stories (load->state, load->id, load->feed, (const char * const *) load->languages, TRUE);
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_add_file_async:
 *
 * Reads and parses @file on a worker thread; when it is a valid collection
 * it is added, copied into the data folder and remembered.  A file with
 * errors changes nothing.
 */
void
chronicle_library_add_file_async (ChronicleLibrary    *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));

  load = load_data_new (self, file);
  load->keep_copy = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_add_file_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_worker);
}

/**
 * chronicle_library_add_file_finish:
 * @diagnostics: (out) (optional) (transfer full) (element-type ChronicleDiagnostic):
 *   the problems found, errors and warnings
 *
 * Returns: (transfer none) (nullable): the collection, which may be one
 *   that was already open when the same file is opened again
 */
ChronicleCollection *
chronicle_library_add_file_finish (ChronicleLibrary  *self,
                                   GAsyncResult      *result,
                                   GPtrArray        **diagnostics,
                                   GError           **error)
{
  LoadData *load = g_task_get_task_data (G_TASK (result));
  ChronicleCollection *collection;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (load->diagnostics);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  collection = chronicle_library_find_collection (self, load->id);
  if (collection != NULL)
    return collection;

  relative = g_strdup_printf ("%s/%s.json", COLLECTIONS_DIR, load->id);
  chronicle_state_add_collection (self->state, load->id, relative, load->name);

  return insert_stories (self, load->id, load->name, load->feed, FALSE, load->stories);
}

typedef struct
{
  GPtrArray *loads;   /* of LoadData */
} RestoreData;

static void
restore_data_free (gpointer data)
{
  RestoreData *restore = data;

  g_ptr_array_unref (restore->loads);
  g_free (restore);
}

static void
restore_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *restore = task_data;

  for (guint i = 0; i < restore->loads->len; i++)
    {
      LoadData *load = g_ptr_array_index (restore->loads, i);
      g_autoptr(GError) error = NULL;

      load->feed = chronicle_feed_load_file (load->file, load->diagnostics, cancellable, &error);
      if (load->feed == NULL && error != NULL && load->diagnostics->len == 0)
        g_ptr_array_add (load->diagnostics,
                         chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, NULL, error->message));
      if (load->feed != NULL)
        load->stories = build_stories (load->state, load->id, load->feed,
                                       (const char * const *) load->languages, TRUE);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_restore_async:
 *
 * Loads the collections the reader added in earlier sessions, on a worker
 * thread.
 */
void
chronicle_library_restore_async (ChronicleLibrary    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *saved;
  RestoreData *restore;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));

  restore = g_new0 (RestoreData, 1);
  restore->loads = g_ptr_array_new_with_free_func (load_data_free);

  saved = chronicle_state_get_collections (self->state);
  for (guint i = 0; i < saved->len; i++)
    {
      ChronicleSavedCollection *collection = g_ptr_array_index (saved, i);
      g_autofree char *path = g_build_filename (chronicle_state_get_directory (self->state), collection->file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      LoadData *load = load_data_new (self, file);

      load->id = g_strdup (collection->id);
      g_free (load->name);
      load->name = g_strdup (collection->name);
      g_ptr_array_add (restore->loads, load);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_restore_async);
  g_task_set_task_data (task, restore, restore_data_free);
  g_task_run_in_thread (task, restore_worker);
}

/**
 * chronicle_library_restore_finish:
 *
 * Returns: (transfer full) (element-type utf8): one message for each saved
 *   collection that could not be loaded again (its copy is kept)
 */
GPtrArray *
chronicle_library_restore_finish (ChronicleLibrary  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  RestoreData *restore = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  for (guint i = 0; i < restore->loads->len; i++)
    {
      LoadData *load = g_ptr_array_index (restore->loads, i);

      if (load->feed != NULL)
        {
          if (chronicle_library_find_collection (self, load->id) == NULL)
            insert_stories (self, load->id, load->name, load->feed, FALSE, load->stories);
        }
      else
        {
          const ChronicleDiagnostic *first = load->diagnostics->len > 0
                                             ? g_ptr_array_index (load->diagnostics, 0) : NULL;
          g_autofree char *detail = first != NULL ? chronicle_diagnostic_to_string (first, load->name)
                                                  : g_strdup (load->name);
          g_ptr_array_add (failures, g_steal_pointer (&detail));
        }
    }

  return g_steal_pointer (&failures);
}
