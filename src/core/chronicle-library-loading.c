/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-library"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "chronicle-error.h"
#include "chronicle-feed-parser.h"
#include "chronicle-file-bytes.h"
#include "chronicle-library-private.h"
#include "chronicle-threads.h"

/* Reading the files the reader opens on a worker thread.  Once listed and
 * indexed, a collection is written to the store (see
 * chronicle-library-store.c). */

/* The message of the errors whose reasons are in the diagnostics, which
 * the window shows instead: it is not translated, since only the main
 * thread translates. */
#define NOT_READ "The file could not be read as a collection; see its diagnostics"

typedef struct
{
  GFile         *file;
  char          *id;
  char          *name;
  char          *content_hash;
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
  g_free (load->content_hash);
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
  load->id = chronicle_library_dup_file_id (file);
  load->name = g_file_get_basename (file);
  load->diagnostics = chronicle_diagnostics_new ();
  return load;
}

/* The checksum that tells whether a file opened again changed is made on
 * a thread of its own while the worker parses the file: for large files
 * it takes about a fifth as long as the parsing.  It reads the file again,
 * from the system's cache, since the parser gives back the text it has
 * read. */
typedef struct
{
  GFile      *file;
  char       *checksum;
  GError     *error;
} Checksum;

#define CHECKSUM_BUFFER (1024 * 1024)

/* SHA-1, half the work of SHA-256 here: it tells texts apart, and was
 * never a defence against files made to collide. */
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
checksum_thread (gpointer data)
{
  Checksum *checksum = data;

  checksum->checksum = checksum_file (checksum->file, &checksum->error);
  return NULL;
}

/**
 * chronicle_library_dup_file_id:
 *
 * Returns: (transfer full): the id of the collection read from @file: the
 *   same each time the file at that place is opened, so that opening it
 *   again replaces it
 */
char *
chronicle_library_dup_file_id (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, uri, -1);

  return g_strndup (checksum, 16);
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
  Checksum checksum = { NULL };
  GThread *thread;
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

  if (info == NULL || (bytes = chronicle_file_read_bytes (load->file, cancellable, &error)) == NULL)
    {
      chronicle_feed_add_read_error (load->diagnostics, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (large && !previewed)
    send_preview (task, load, bytes);
  checksum.file = load->file;
  thread = chronicle_thread_new_background ("chronicle-checksum", checksum_thread, &checksum);
  /* The text is given back as it is read: for large files it is a third
   * of what the collection takes. */
  load->feed = chronicle_feed_parse_file_bytes (g_steal_pointer (&bytes), load->file, load->diagnostics, cancellable);
  g_thread_join (thread);
  load->content_hash = g_steal_pointer (&checksum.checksum);

  if (load->feed == NULL)
    {
      g_clear_error (&checksum.error);
      g_task_return_new_error (task, CHRONICLE_ERROR, CHRONICLE_ERROR_INVALID, "%s", NOT_READ);
      return;
    }

  if (checksum.error != NULL)
    {
      g_task_return_error (task, checksum.error);
      return;
    }

  load->stories = chronicle_library_build_stories (load->state, load->id, load->feed, (const char * const *) load->languages,
                                                   &load->serials);
  g_task_return_boolean (task, TRUE);
}

/* What the caller's task gives back: the collection and the problems
 * found, kept while the result lives. */
typedef struct
{
  ChronicleCollection *collection;
  GPtrArray           *diagnostics;
} Added;

static void
added_free (gpointer data)
{
  Added *added = data;

  g_clear_object (&added->collection);
  g_ptr_array_unref (added->diagnostics);
  g_free (added);
}

/* Lists what the worker read; the same file opened again: unchanged, it
 * stays; changed, it replaces the one listed, and the store merges it by
 * item. */
static ChronicleCollection *
take_file (ChronicleLibrary *self,
           LoadData         *load)
{
  ChronicleCollection *collection = chronicle_library_find_collection (self, load->id);
  g_autofree char *uri = NULL;

  if (collection != NULL)
    {
      if (g_strcmp0 (chronicle_collection_get_content_hash (collection), load->content_hash) == 0)
        return collection;
      chronicle_library_forget_collection (self, collection);
    }

  collection = chronicle_library_insert_stories (self, load->id, load->name, load->feed, FALSE, load->stories, NULL,
                                                 load->diagnostics);
  uri = g_file_get_uri (load->file);
  chronicle_collection_set_origin (collection, uri, load->content_hash);
  g_hash_table_add (self->to_store, g_strdup (load->id));
  chronicle_library_index_listed (self, collection, g_steal_pointer (&load->serials));
  return collection;
}

/* On the main thread, once the worker is done: the library takes the file
 * here, so that it is listed whether or not the caller asks for the
 * result, and the caller's task only gives it back. */
static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ChronicleLibrary *self = CHRONICLE_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (G_TASK (result));
  Added *added = g_new0 (Added, 1);
  GError *error = NULL;

  chronicle_diagnostics_sort (load->diagnostics);
  added->diagnostics = g_ptr_array_ref (load->diagnostics);
  g_task_set_task_data (task, added, added_free);

  /* The whole file replaces its first stories, or an error takes them
   * away; taken away before the file is listed, unlike a restored
   * library's (see chronicle_library_replace_listed()): the first stories
   * of a file are not those of the list once sorted, and giving their rows
   * to the file's stories in one change made a frame of 132 and 150 ms at
   * 100 000 items, against 84 and 88 ms taken away first. */
  chronicle_library_hide_preview (self, &load->preview, &load->preview_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  added->collection = g_object_ref (take_file (self, load));
  g_task_return_boolean (task, TRUE);
}

/**
 * chronicle_library_add_file_async:
 *
 * Reads and parses @file on a worker thread; when it is a valid collection
 * it is listed and stored, as soon as it is read.  A file with errors
 * changes nothing.
 */
void
chronicle_library_add_file_async (ChronicleLibrary    *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;

  g_return_if_fail (CHRONICLE_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));

  /* What was listed stays listed: the result says so even when
   * @cancellable is cancelled after. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_library_add_file_async);
  g_task_set_check_cancellable (task, FALSE);

  worker = g_task_new (self, cancellable, file_read_cb, task);
  g_task_set_task_data (worker, load_data_new (self, file), load_data_free);
  g_task_run_in_thread (worker, load_worker);
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
  Added *added = g_task_get_task_data (G_TASK (result));

  g_return_val_if_fail (CHRONICLE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (added->diagnostics);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return added->collection;
}
