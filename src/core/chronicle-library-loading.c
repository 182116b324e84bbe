/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "chronicle-error.h"
#include "chronicle-feed-parser.h"
#include "chronicle-library-private.h"
#include "chronicle-threads.h"

/* Reading collection files for the library on a worker thread: the files
 * the reader opens, copied into the data folder, and those kept from
 * earlier sessions. */

/* The message of the errors whose reasons are in the diagnostics, which
 * the window shows instead: it is not translated, since only the main
 * thread translates. */
#define NOT_READ "The file could not be read as a collection; see its diagnostics"

typedef struct
{
  GFile         *file;
  char          *id;
  char          *name;
  char          *relative;  /* the kept copy, from the state's directory */
  ChronicleFeed *feed;
  GPtrArray     *diagnostics;
  GPtrArray     *stories;
  guint         *serials;    /* of each item's story */
  char         **languages;
  ChronicleState *state;
  GPtrArray     *preview;    /* stories listed while loading, on the main thread */
  GCancellable  *preview_cancellable;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_free (load->id);
  g_free (load->name);
  g_free (load->relative);
  g_clear_object (&load->feed);
  g_clear_pointer (&load->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&load->stories, g_ptr_array_unref);
  g_free (load->serials);
  g_strfreev (load->languages);
  g_clear_object (&load->state);
  g_clear_pointer (&load->preview, g_ptr_array_unref);
  g_clear_object (&load->preview_cancellable);
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
  load->diagnostics = chronicle_diagnostics_new ();
  return load;
}

/* Keeps a copy of an opened file in the data folder, so the collection
 * comes back after a restart even when the original moves away.  The
 * kernel copies the file, ten times faster here than writing out what was
 * read (a file changed in between is copied as it is then, and a restart
 * reads that); a temporary name until it is whole keeps the copy atomic. */
static gboolean
keep_copy (GFile       *file,
           const char  *directory,
           const char  *relative,
           GError     **error)
{
  g_autofree char *dir = g_build_filename (directory, COLLECTIONS_DIR, NULL);
  g_autofree char *path = g_build_filename (directory, relative, NULL);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) destination = g_file_new_for_path (partial);
  g_autoptr(GFile) final = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!g_file_copy (file, destination, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, error))
    {
      g_file_delete (destination, NULL, NULL);
      return FALSE;
    }

  /* On the same file system, a rename. */
  if (!g_file_move (destination, final, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    {
      g_file_delete (destination, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* The checksum that names a collection, and its kept copy, are made on a
 * thread of their own while the worker parses the file: for large files
 * they take about a fifth as long as the parsing.  The checksum reads the
 * file again, from the system's cache, since the parser gives back the
 * text it has read. */
typedef struct
{
  GFile      *file;
  const char *directory;
  const char *suffix;    /* of the copy: "json" or "xml", as its text is */
  char       *id;
  char       *relative;
  gboolean    existed;   /* the copy was there before */
  GError     *error;
} Keeping;

#define CHECKSUM_BUFFER (1024 * 1024)

/* SHA-1, half the work of SHA-256 here: the name tells collections apart
 * and finds one opened again; cut to 64 bits, it was never a defence
 * against files made to collide. */
static char *
checksum_file (GFile   *file,
               GError **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autofree guchar *buffer = NULL;
  gssize n;

  if (stream == NULL)
    return NULL;

  buffer = g_malloc (CHECKSUM_BUFFER);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, CHECKSUM_BUFFER, NULL, error)) > 0)
    g_checksum_update (checksum, buffer, n);

  return n == 0 ? g_strdup (g_checksum_get_string (checksum)) : NULL;
}

static gpointer
keep_thread (gpointer data)
{
  Keeping *keeping = data;
  g_autofree char *checksum = checksum_file (keeping->file, &keeping->error);
  g_autofree char *path = NULL;

  if (checksum == NULL)
    return NULL;

  keeping->id = g_strndup (checksum, 16);
  keeping->relative = g_strdup_printf ("%s/%s.%s", COLLECTIONS_DIR, keeping->id, keeping->suffix);
  path = g_build_filename (keeping->directory, keeping->relative, NULL);
  keeping->existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!keeping->existed)
    keep_copy (keeping->file, keeping->directory, keeping->relative, &keeping->error);

  return NULL;
}

/* Files larger than this, which take more than a second or two to read,
 * list their first thousand stories (a tenth of a second) meanwhile. */
#define PREVIEW_MIN_SIZE (64 * 1024 * 1024)
#define PREVIEW_ITEMS    1000
#define PREVIEW_READ_BYTES (16 * 1024 * 1024)

typedef struct
{
  GTask     *task;
  GPtrArray *stories;
} Preview;

static void
preview_free (gpointer data)
{
  Preview *preview = data;

  g_object_unref (preview->task);
  g_ptr_array_unref (preview->stories);
  g_free (preview);
}

static gboolean
show_preview_cb (gpointer data)
{
  Preview *preview = data;
  LoadData *load = g_task_get_task_data (preview->task);

  /* A preview that comes after the whole file is not shown. */
  if (!g_task_get_completed (preview->task))
    {
      load->preview = g_ptr_array_ref (preview->stories);
      load->preview_cancellable = g_cancellable_new ();
      chronicle_library_show_preview (g_task_get_source_object (preview->task), load->preview,
                                      load->preview_cancellable);
    }

  return G_SOURCE_REMOVE;
}

/* Shows the first items of @bytes, if they can be read from them. */
static gboolean
send_preview (GTask    *task,
              LoadData *load,
              GBytes   *bytes)
{
  g_autoptr(ChronicleFeed) feed = chronicle_feed_parse_preview (bytes, PREVIEW_ITEMS);
  Preview *preview;

  if (feed == NULL)
    return FALSE;

  preview = g_new0 (Preview, 1);
  preview->task = g_object_ref (task);
  preview->stories = chronicle_library_build_stories (load->state, NULL, feed, (const char * const *) load->languages, NULL);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, show_preview_cb, preview, preview_free);
  return TRUE;
}

/* The preview from the start of the file alone: reading a file of
 * hundreds of megabytes whole takes longer than the first rows may. */
static gboolean
send_early_preview (GTask        *task,
                    LoadData     *load,
                    GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (load->file, cancellable, NULL);
  g_autofree char *start = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  if (stream == NULL)
    return FALSE;

  start = g_malloc (PREVIEW_READ_BYTES);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), start, PREVIEW_READ_BYTES, &length, cancellable, NULL))
    return FALSE;

  bytes = g_bytes_new_take (g_steal_pointer (&start), length);
  return send_preview (task, load, bytes);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Keeping keeping = { NULL };
  GThread *thread;
  gsize length;
  gboolean large, previewed = FALSE;

  info = g_file_query_info (load->file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info != NULL && !chronicle_feed_check_size (info, load->diagnostics))
    {
      g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_TOO_LARGE, "%s", NOT_READ);
      return;
    }

  large = info != NULL && g_file_info_get_size (info) > PREVIEW_MIN_SIZE;
  if (large)
    previewed = send_early_preview (task, load, cancellable);

  if (info == NULL || !g_file_load_contents (load->file, cancellable, &contents, &length, NULL, &error))
    {
      chronicle_feed_add_read_error (load->diagnostics, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (large && !previewed)
    send_preview (task, load, bytes);
  keeping.file = load->file;
  keeping.directory = chronicle_state_get_directory (load->state);
  keeping.suffix = chronicle_feed_detect_format (g_bytes_get_data (bytes, NULL), length) == CHRONICLE_FEED_FORMAT_XML
                   ? "xml" : "json";
  thread = chronicle_thread_new_background ("chronicle-keep", keep_thread, &keeping);
  /* The text is given back as it is read: for large files it is a third
   * of what the collection takes. */
  load->feed = chronicle_feed_parse_consuming (bytes, load->file, load->diagnostics);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_thread_join (thread);
  load->id = keeping.id;
  load->relative = keeping.relative;

  if (load->feed == NULL)
    {
      /* A file with errors leaves nothing behind. */
      if (!keeping.existed && keeping.error == NULL)
        {
          g_autofree char *path = g_build_filename (keeping.directory, keeping.relative, NULL);

          g_unlink (path);
        }
      g_clear_error (&keeping.error);
      g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_INVALID, "%s", NOT_READ);
      return;
    }

  if (keeping.error != NULL)
    {
      g_task_return_error (task, keeping.error);
      return;
    }

  load->stories = chronicle_library_build_stories (load->state, load->id, load->feed, (const char * const *) load->languages,
                                                   &load->serials);
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

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  chronicle_diagnostics_sort (load->diagnostics);
  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (load->diagnostics);

  /* The whole file replaces its first stories, or an error takes them away. */
  if (load->preview != NULL)
    {
      g_cancellable_cancel (load->preview_cancellable);
      chronicle_library_hide_preview (self, load->preview);
      g_clear_pointer (&load->preview, g_ptr_array_unref);
    }

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  collection = chronicle_library_find_collection (self, load->id);
  if (collection != NULL)
    return collection;

  chronicle_state_add_collection (self->state, load->id, load->relative, load->name);

  collection = chronicle_library_insert_stories (self, load->id, load->name, load->feed, FALSE, load->stories, NULL,
                                                 load->diagnostics);
  chronicle_library_index (self, collection, g_steal_pointer (&load->serials));
  return collection;
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
      load->feed = chronicle_feed_load_file (load->file, load->diagnostics, cancellable);
      if (load->feed != NULL)
        load->stories = chronicle_library_build_stories (load->state, load->id, load->feed,
                                       (const char * const *) load->languages, &load->serials);
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
      g_set_str (&load->name, collection->name);
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
            {
              ChronicleCollection *collection;

              collection = chronicle_library_insert_stories (self, load->id, load->name, load->feed, FALSE,
                                                             load->stories, NULL, load->diagnostics);
              chronicle_library_index (self, collection, g_steal_pointer (&load->serials));
            }
        }
      else
        {
          const ChronicleDiagnostic *fatal = chronicle_diagnostics_find_fatal (load->diagnostics);
          g_autofree char *detail = fatal != NULL ? chronicle_diagnostic_to_string (fatal, load->name)
                                                  : g_strdup (load->name);
          g_ptr_array_add (failures, g_steal_pointer (&detail));
        }
    }

  return g_steal_pointer (&failures);
}
