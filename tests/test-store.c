/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "chronicle-error.h"
#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-legacy.h"
#include "chronicle-store-test.h"
#include "chronicle-test-wait.h"

/* The store: the reader's state committed and read back, the library of
 * an earlier Chronicle brought in, damaged files set aside, migrations. */

typedef struct
{
  char *directory;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->directory = chronicle_test_make_data_dir ();
  fixture->path = g_build_filename (fixture->directory, CHRONICLE_STORE_FILE, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  chronicle_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->path);
}

static void
close_library (ChronicleLibrary *library)
{
  chronicle_store_close (chronicle_library_get_store (library));
  g_object_unref (library);
}

static void
changed_many_cb (ChronicleState  *state,
                 char          **many_keys,
                 GPtrArray      *keys)
{
  g_autofree char *joined = g_strjoinv (",", many_keys);

  g_ptr_array_add (keys, g_strdup_printf ("many:%s", joined));
}

static void
changed_cb (ChronicleState *state,
            const char     *key,
            GPtrArray      *keys)
{
  g_ptr_array_add (keys, g_strdup (key != NULL ? key : "(all)"));
}

/* A change is written on its own, half a second after it is made, and is
 * then in the database for any other connection. */
static gboolean
saved (gpointer state)
{
  return !chronicle_state_get_pending (state);
}

static void
test_store_state_committed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (fixture->path);
  g_autoptr(ChronicleState) state = chronicle_state_new (store);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *many[] = { "m1", "m2", "m3" };
  g_auto(GStrv) changed = NULL;
  ChronicleLibrary *library;
  ChronicleState *restored;

  g_signal_connect (state, "changed", G_CALLBACK (changed_cb), keys);
  g_signal_connect (state, "changed-many", G_CALLBACK (changed_many_cb), keys);
  chronicle_state_set_read (state, "story-a", TRUE);
  chronicle_state_set_starred (state, "story-b", TRUE);
  chronicle_state_set_position (state, "story-b", 0.5);
  changed = chronicle_state_set_read_many (state, many, G_N_ELEMENTS (many), TRUE);
  g_assert_cmpuint (g_strv_length (changed), ==, 3);
  g_assert_true (chronicle_state_get_pending (state));

  /* Setting what is already set is not a change. */
  chronicle_state_set_read (state, "story-a", TRUE);
  g_assert_cmpuint (keys->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (keys, 2), ==, "many:m1,m2,m3");

  g_assert_true (chronicle_test_wait_until (saved, state, 60000));

  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT read FROM reader_state WHERE key = 'story-a'"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT read_at > 0 FROM reader_state WHERE key = 'story-a'"),
                   ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT starred FROM reader_state WHERE key = 'story-b'"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT position * 100 FROM reader_state WHERE key = 'story-b'"),
                   ==, 50);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT count(*) FROM reader_state WHERE key LIKE 'm%' AND read"),
                   ==, 3);
  chronicle_store_close (store);

  library = chronicle_test_restore (fixture->path);
  restored = chronicle_library_get_state (library);
  g_assert_true (chronicle_state_get_read (restored, "story-a"));
  g_assert_false (chronicle_state_get_starred (restored, "story-a"));
  g_assert_true (chronicle_state_get_starred (restored, "story-b"));
  g_assert_cmpfloat (chronicle_state_get_position (restored, "story-b"), ==, 0.5);
  g_assert_true (chronicle_state_get_read (restored, "m2"));
  close_library (library);
}

/* A change made while the store is read at start is not undone by what
 * the store held, and what the reader did not change comes from there. */
static void
test_store_state_newer_wins (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (fixture->path);
  g_autoptr(ChronicleState) state = chronicle_state_new (store);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ChronicleStateRow));
  ChronicleStateRow row = { g_strdup ("k"), TRUE, FALSE, 0.75, 1 };
  g_autoptr(GError) error = NULL;

  g_array_set_clear_func (rows, (GDestroyNotify) chronicle_state_row_clear);
  g_array_append_val (rows, row);

  chronicle_state_set_starred (state, "k", TRUE);
  chronicle_state_take_rows (state, g_steal_pointer (&rows));
  g_assert_true (chronicle_state_get_starred (state, "k"));
  g_assert_true (chronicle_state_get_read (state, "k"));
  g_assert_cmpfloat (chronicle_state_get_position (state, "k"), ==, 0.75);

  g_assert_true (chronicle_state_flush (state, &error));
  g_assert_no_error (error);
  g_assert_false (chronicle_state_get_pending (state));
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT starred FROM reader_state WHERE key = 'k'"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT read FROM reader_state WHERE key = 'k'"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT position * 100 FROM reader_state WHERE key = 'k'"),
                   ==, 75);
  chronicle_store_close (store);
}

/* A change written before the store's rows are read, as when the reader
 * marks a read and starred story unread right after the start: it is a
 * change though the cache held "unread" already, and the star and position
 * the store holds stay. */
static void
test_store_state_before_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (fixture->path);
  g_autoptr(ChronicleState) earlier = chronicle_state_new (store);
  g_autoptr(ChronicleState) state = NULL;
  g_autoptr(GError) error = NULL;

  chronicle_state_set_read (earlier, "k", TRUE);
  chronicle_state_set_starred (earlier, "k", TRUE);
  chronicle_state_set_position (earlier, "k", 0.5);
  g_assert_true (chronicle_state_flush (earlier, &error));
  g_assert_no_error (error);

  state = chronicle_state_new (store);
  chronicle_state_set_read (state, "k", FALSE);
  g_assert_true (chronicle_state_get_pending (state));
  g_assert_true (chronicle_state_flush (state, &error));
  g_assert_no_error (error);

  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT read FROM reader_state WHERE key = 'k'"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT starred FROM reader_state WHERE key = 'k'"), ==, 1);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT position * 100 FROM reader_state WHERE key = 'k'"),
                   ==, 50);
  chronicle_store_close (store);
}

static void
write_file (const char *directory,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* A data folder as Chronicle left it before the store: every read,
 * starred, position and collection comes through, and the old files are
 * renamed, not deleted. */
static void
test_store_legacy_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *feed_path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "full-1.1.json", NULL);
  g_autofree char *rss_path = g_test_build_filename (G_TEST_DIST, "data", "feeds", "xml", "podcast.xml", NULL);
  g_autofree char *feed = NULL;
  g_autofree char *rss = NULL;
  g_autofree char *imported_state = g_build_filename (fixture->directory, "state.json.imported", NULL);
  g_autofree char *imported_copy = g_build_filename (fixture->directory, "collections.imported", "0123456789abcdef.json",
                                                     NULL);
  ChronicleLibrary *library;
  ChronicleState *state;
  ChronicleStory *story;

  g_assert_true (g_file_get_contents (feed_path, &feed, NULL, NULL));
  g_assert_true (g_file_get_contents (rss_path, &rss, NULL, NULL));
  write_file (fixture->directory, "collections/0123456789abcdef.json", feed);
  write_file (fixture->directory, "collections/fedcba9876543210.xml", rss);
  write_file (fixture->directory, "state.json",
              "{\"version\": 1, \"articles\": {"
              "  \"story-1\": {\"read\": true, \"starred\": true, \"position\": 0.4},"
              "  \"https://alignmenthour.example.com/episodes/42\": {\"read\": true, \"starred\": false, \"position\": 0},"
              "  \"elsewhere\": {\"read\": false, \"starred\": true, \"position\": 0.9}},"
              " \"collections\": ["
              "  {\"id\": \"0123456789abcdef\", \"file\": \"collections/0123456789abcdef.json\", \"name\": \"full.json\"},"
              "  {\"id\": \"fedcba9876543210\", \"file\": \"collections/fedcba9876543210.xml\", \"name\": \"pod.xml\"}]}");

  library = chronicle_test_restore (fixture->path);
  state = chronicle_library_get_state (library);

  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (library)), ==, 2);
  g_assert_nonnull (chronicle_library_find_collection (library, "0123456789abcdef"));
  g_assert_cmpstr (chronicle_collection_get_name (chronicle_library_find_collection (library, "fedcba9876543210")), ==,
                   "pod.xml");
  story = chronicle_library_find_story (library, "story-1");
  g_assert_nonnull (story);
  g_assert_true (chronicle_story_get_read (story));
  g_assert_true (chronicle_story_get_starred (story));
  g_assert_cmpfloat (chronicle_story_get_position (story), ==, 0.4);
  g_assert_true (chronicle_story_get_read (chronicle_library_find_story (library,
                                                                          "https://alignmenthour.example.com/episodes/42")));
  g_assert_true (chronicle_state_get_starred (state, "elsewhere"));
  g_assert_cmpfloat (chronicle_state_get_position (state, "elsewhere"), ==, 0.9);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_events (library)), ==, 1);

  /* Set aside, renamed; nothing deleted. */
  g_assert_true (g_file_test (imported_state, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (imported_copy, G_FILE_TEST_IS_REGULAR));
  close_library (library);

  /* The next start does not bring them in again. */
  library = chronicle_test_restore (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_library_get_collections (library)), ==, 2);
  close_library (library);
}

/* A state file that cannot be read is set aside, as before the store. */
static void
test_store_legacy_broken (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  write_file (fixture->directory, "state.json", "{\"version\": 1, \"articles\": [");
  g_test_expect_message ("chronicle-store", G_LOG_LEVEL_WARNING, "The reading state * could not be read*");
  store = chronicle_store_new (fixture->path);
  g_assert_true (chronicle_store_wait_open (store, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (chronicle_store_get_state_set_aside (store));
  name = g_path_get_basename (chronicle_store_get_state_set_aside (store));
  g_assert_true (g_str_has_prefix (name, "state.json.broken-"));
  g_assert_true (g_file_test (chronicle_store_get_state_set_aside (store), G_FILE_TEST_IS_REGULAR));
  chronicle_store_close (store);
}

/* Never a path outside the data folder, never a position out of range. */
static void
test_store_legacy_hostile (void)
{
  const char *inputs[] = {
    "{\"version\": 1, \"articles\": {\"a\": {\"read\": \"yes\", \"position\": \"far\"}}}",
    "{\"version\": 1, \"articles\": {\"a\": {\"position\": 1e308}}}",
    "{\"version\": 1, \"articles\": {\"a\": {\"position\": -5}}}",
    "{\"version\": 1, \"collections\": [{\"id\": \"x\", \"file\": \"/etc/passwd\", \"name\": \"n\"}]}",
    "{\"version\": 1, \"collections\": [{\"id\": \"x\", \"file\": \"collections/../../../x\", \"name\": \"n\"}]}",
    "\"_chronicle\"{\n \n  \n}\n",
    "[] []",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GPtrArray) collections = NULL;

      if (!chronicle_legacy_parse_state (inputs[i], strlen (inputs[i]), &rows, &collections, NULL))
        continue;

      g_assert_cmpuint (collections->len, ==, 0);
      for (guint j = 0; j < rows->len; j++)
        {
          ChronicleStateRow *row = &g_array_index (rows, ChronicleStateRow, j);

          g_assert_cmpfloat (row->position, <=, 1.0);
          g_assert_cmpfloat (row->position, >=, 0.0);
        }
    }
}

/* A VFS over the default one whose writes can be made to fail as on a
 * full disk. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* follows this struct */
} FailingFile;

static sqlite3_vfs *real_vfs;
static gint disk_full;
static gint read_only;   /* writes answered as on a read-only file system */

#define REAL(file) (((FailingFile *) (file))->real)

static int
failing_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
failing_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
failing_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  if (g_atomic_int_get (&disk_full))
    return SQLITE_FULL;
  if (g_atomic_int_get (&read_only))
    return SQLITE_READONLY;
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
failing_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
failing_sync (sqlite3_file *file, int flags)
{
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
failing_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
failing_lock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
failing_unlock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
failing_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
failing_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
failing_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
failing_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
failing_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
failing_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
failing_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
failing_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

/* Version 2: no memory-mapped reads, which would pass by the methods. */
static const sqlite3_io_methods failing_methods = {
  2, failing_close, failing_read, failing_write, failing_truncate, failing_sync, failing_file_size, failing_lock,
  failing_unlock, failing_check_reserved_lock, failing_file_control, failing_sector_size,
  failing_device_characteristics, failing_shm_map, failing_shm_lock, failing_shm_barrier, failing_shm_unmap,
  NULL, NULL,
};

static int
failing_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FailingFile *failing = (FailingFile *) file;
  int rc;

  failing->real = (sqlite3_file *) (failing + 1);
  rc = real_vfs->xOpen (real_vfs, name, failing->real, flags, out_flags);
  failing->base.pMethods = failing->real->pMethods != NULL ? &failing_methods : NULL;
  return rc;
}

/* Makes the failing VFS the default, for the stores opened from then on. */
static void
use_failing_vfs (void)
{
  static sqlite3_vfs vfs;

  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  vfs = *real_vfs;
  vfs.zName = "chronicle-failing";
  vfs.szOsFile = sizeof (FailingFile) + real_vfs->szOsFile;
  vfs.xOpen = failing_open;
  g_assert_cmpint (sqlite3_vfs_register (&vfs, 1), ==, SQLITE_OK);
}

static void
save_failed_cb (ChronicleState *state,
                const GError   *error,
                GError        **failure)
{
  g_clear_error (failure);
  *failure = g_error_copy (error);
}

static gboolean
has_failure (gpointer failure)
{
  return *(GError **) failure != NULL;
}

typedef enum
{
  KEPT_WHEN_LOCKED,
  KEPT_WHEN_FULL,
  KEPT_WHEN_READ_ONLY,
} KeptWhen;

/* A change that cannot be written, the disk being full, the folder
 * read-only or the library locked by another program, stays in memory;
 * the reader is told once, and it is written when it can be. */
static void
test_store_state_kept_when (Fixture       *fixture,
                            gconstpointer  data)
{
  KeptWhen when = GPOINTER_TO_INT (data);
  int expected = when == KEPT_WHEN_FULL ? CHRONICLE_ERROR_STORE_FULL :
                 when == KEPT_WHEN_READ_ONLY ? CHRONICLE_ERROR_STORE_READ_ONLY : CHRONICLE_ERROR_STORE_BUSY;
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleState) state = NULL;
  g_autoptr(GError) failure = NULL;
  sqlite3 *locker = NULL;

  use_failing_vfs ();
  store = chronicle_store_new (fixture->path);
  state = chronicle_state_new (store);
  chronicle_test_store_barrier (store);
  g_signal_connect (state, "save-failed", G_CALLBACK (save_failed_cb), &failure);

  if (when == KEPT_WHEN_FULL)
    g_atomic_int_set (&disk_full, TRUE);
  else if (when == KEPT_WHEN_READ_ONLY)
    g_atomic_int_set (&read_only, TRUE);
  else
    {
      g_assert_cmpint (sqlite3_open (fixture->path, &locker), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (locker, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
    }

  g_test_expect_message ("chronicle-state", G_LOG_LEVEL_WARNING, "Could not save the reading state*");
  chronicle_state_set_starred (state, "kept", TRUE);
  g_assert_true (chronicle_test_wait_until (has_failure, &failure, 60000));
  g_test_assert_expected_messages ();
  g_assert_error (failure, CHRONICLE_ERROR, expected);
  g_assert_true (chronicle_state_get_pending (state));
  g_assert_true (chronicle_state_get_starred (state, "kept"));

  /* Room again, writable again, or the other program done: the next try
   * writes it. */
  if (when == KEPT_WHEN_FULL)
    g_atomic_int_set (&disk_full, FALSE);
  else if (when == KEPT_WHEN_READ_ONLY)
    g_atomic_int_set (&read_only, FALSE);
  else
    {
      g_assert_cmpint (sqlite3_exec (locker, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (locker);
    }
  g_assert_true (chronicle_test_wait_until (saved, state, 60000));
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT starred FROM reader_state WHERE key = 'kept'"), ==, 1);
  chronicle_store_close (store);
}

/* The library's folder cannot be made (a file has its name, as after a
 * mistake in a file manager): the reader's changes stay in memory, and are
 * written once it can be. */
static void
test_store_state_kept_without_folder (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *blocked = g_build_filename (fixture->directory, "chronicle", NULL);
  g_autofree char *path = g_build_filename (blocked, CHRONICLE_STORE_FILE, NULL);
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleState) state = NULL;
  g_autoptr(GError) failure = NULL;

  g_assert_true (g_file_set_contents (blocked, "not a folder", -1, NULL));
  store = chronicle_store_new (path);
  state = chronicle_state_new (store);
  g_signal_connect (state, "save-failed", G_CALLBACK (save_failed_cb), &failure);

  g_test_expect_message ("chronicle-state", G_LOG_LEVEL_WARNING, "Could not save the reading state*");
  chronicle_state_set_starred (state, "kept", TRUE);
  g_assert_true (chronicle_test_wait_until (has_failure, &failure, 60000));
  g_test_assert_expected_messages ();
  g_assert_nonnull (strstr (failure->message, blocked));
  g_assert_true (chronicle_state_get_pending (state));
  g_assert_true (chronicle_state_get_starred (state, "kept"));

  /* The file moved away: the next try makes the folder and writes. */
  g_assert_cmpint (g_unlink (blocked), ==, 0);
  g_assert_true (chronicle_test_wait_until (saved, state, 60000));
  g_assert_cmpint (chronicle_test_query_int (path, "SELECT starred FROM reader_state WHERE key = 'kept'"), ==, 1);
  chronicle_store_close (store);
}

/* The journal is folded into the database while the store is open, so that
 * it does not grow with every import: the writer does it once it has said
 * what it committed. */
static void
test_store_checkpoint (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (fixture->path);
  g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ChronicleStoredSource *source;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GStatBuf buf = { 0 };

  while (body->len < 12000)
    g_string_append_printf (body, "<p>Paragraph %" G_GSIZE_FORMAT " of a long article.</p>", body->len);
  for (guint i = 0; i < 2000; i++)
    {
      ChronicleItem *item = chronicle_item_new ();

      item->id = g_strdup_printf ("item-%u", i);
      item->title = g_strdup_printf ("Item %u", i);
      item->content_html = g_strdup (body->str);
      g_ptr_array_add (feed->items, item);
    }
  source = chronicle_stored_source_new ("big", CHRONICLE_SOURCE_FILE, "big.json", feed);
  g_assert_true (chronicle_store_write_sync (store, chronicle_store_put_source, source, &error));
  g_assert_no_error (error);
  chronicle_stored_source_free (source);

  /* 2000 bodies of 12 kB: 24 MB in the database file, not only in the
   * journal beside it. */
  while (g_stat (fixture->path, &buf) == 0 && buf.st_size < 24000000 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpint (buf.st_size, >=, 24000000);

  chronicle_store_close (store);
}

/* Makes a database of the current version with one source and item. */
static void
make_library (const char *path)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (path);
  g_autoptr(ChronicleState) state = chronicle_state_new (store);

  chronicle_state_set_starred (state, "kept", TRUE);
  g_assert_true (chronicle_state_flush (state, NULL));
  chronicle_store_close (store);
}

static char *
truncate_to_half (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  return g_strndup (contents, length / 2);
}

typedef enum
{
  DAMAGE_GARBAGE,
  DAMAGE_TRUNCATED,
  DAMAGE_FOREIGN,
  DAMAGE_NEWER,
} Damage;

/* A damaged library is set aside with the date in its name, whole, and
 * Chronicle starts with a new one. */
static void
test_store_damaged (Fixture       *fixture,
                    gconstpointer  data)
{
  Damage damage = GPOINTER_TO_UINT (data);
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gsize length;

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      g_assert_true (g_file_set_contents (fixture->path, "This is not a database, but a note.\n", -1, NULL));
      break;
    case DAMAGE_TRUNCATED:
      make_library (fixture->path);
      g_free (truncate_to_half (fixture->path));
      break;
    case DAMAGE_FOREIGN:
    case DAMAGE_NEWER:
      {
        sqlite3 *db = NULL;

        g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_exec (db, damage == DAMAGE_FOREIGN ? "CREATE TABLE notes (text TEXT)"
                                                                   : "PRAGMA user_version = 99; CREATE TABLE x (y)",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
        sqlite3_close (db);
      }
      break;
    }
  g_assert_true (g_file_get_contents (fixture->path, &before, &length, NULL));

  /* A database that SQLite reads, but not as a library, is named. */
  if (damage == DAMAGE_FOREIGN || damage == DAMAGE_NEWER)
    g_test_expect_message ("chronicle-store", G_LOG_LEVEL_WARNING, "*library.db: the *");
  store = chronicle_store_new (fixture->path);
  g_assert_true (chronicle_store_wait_open (store, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();

  g_assert_nonnull (chronicle_store_get_set_aside (store));
  name = g_path_get_basename (chronicle_store_get_set_aside (store));
  g_assert_true (g_str_has_prefix (name, "library.db.damaged-"));
  g_assert_nonnull (strstr (name, today));
  g_assert_true (g_file_get_contents (chronicle_store_get_set_aside (store), &after, NULL, NULL));
  g_assert_true (memcmp (before, after, length) == 0);

  /* The new one works. */
  {
    g_autoptr(ChronicleState) state = chronicle_state_new (store);

    chronicle_state_set_read (state, "new", TRUE);
    g_assert_true (chronicle_state_flush (state, &error));
    g_assert_no_error (error);
  }
  chronicle_store_close (store);
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT read FROM reader_state WHERE key = 'new'"), ==, 1);
}

/* A database of every earlier version is brought up to date, keeping what
 * it holds. */
static void
test_store_migrations (Fixture       *fixture,
                       gconstpointer  data)
{
  for (guint version = 0; version < CHRONICLE_STORE_VERSION; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s.v%u", fixture->path, version);
      g_autoptr(ChronicleStore) store = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (chronicle_store_migrate_to (db, version, &error));
      g_assert_no_error (error);
      /* From version 1 on, the reader's state is in the same table. */
      if (version >= 1)
        g_assert_cmpint (sqlite3_exec (db, "INSERT INTO reader_state (key, read, changed_at) VALUES ('old', 1, 0)",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      /* In version 1, an item's row held its body and search key. */
      if (version == 1)
        g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sources (id, key, kind, name, added_at, updated_at) "
                                           "VALUES (1, 'file', 1, 'file.json', 0, 0);"
                                           "INSERT INTO items (id, source_id, guid, position, first_seen_at, title, "
                                           "summary, content_html, search_key) VALUES (7, 1, 'a', 0, 0, 'Title', "
                                           "'Summary', '<p>Body</p>', CAST('title summary body' AS BLOB))",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      /* Articles stored before version 4 get the picture the list shows:
       * the feed's own, else the first of the body that is not a pixel. */
      if (version == 3)
        g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sources (id, key, kind, name, added_at, updated_at) "
                                           "VALUES (1, 'file', 1, 'file.json', 0, 0);"
                                           "INSERT INTO items (id, source_id, guid, position, first_seen_at, title, "
                                           "image, base_url) VALUES "
                                           "(1, 1, 'a', 0, 0, 'Own', 'https://example.org/own.jpg', NULL),"
                                           "(2, 1, 'b', 1, 0, 'Body', NULL, 'https://example.org/a/'),"
                                           "(3, 1, 'c', 2, 0, 'None', NULL, NULL);"
                                           "INSERT INTO item_bodies (item_id, content_html) VALUES "
                                           "(1, '<img src=\"body.jpg\">'),"
                                           "(2, '<p>Text<img src=\"/p.gif\" width=1 height=1></p><IMG ALT=\"a > b\" "
                                           "SRC=\"pic.jpg\">'),"
                                           "(3, '<p>No picture</p>')",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = chronicle_store_new (path);
      g_assert_true (chronicle_store_wait_open (store, &error));
      g_assert_no_error (error);
      g_assert_null (chronicle_store_get_set_aside (store));
      chronicle_store_close (store);

      g_assert_cmpint (chronicle_test_query_int (path, "PRAGMA user_version"), ==, CHRONICLE_STORE_VERSION);
      g_assert_cmpint (chronicle_test_query_int (path, "PRAGMA journal_mode = WAL"), !=, -1);
      if (version >= 1)
        g_assert_cmpint (chronicle_test_query_int (path, "SELECT read FROM reader_state WHERE key = 'old'"), ==, 1);
      /* Version 3 keeps the titles readers give their subscriptions. */
      g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM pragma_table_info('sources') "
                                                       "WHERE name = 'user_title'"), ==, 1);
      if (version == 3)
        {
          g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM items WHERE id = 1 AND "
                                                           "thumbnail = 'https://example.org/own.jpg'"), ==, 1);
          g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM items WHERE id = 2 AND "
                                                           "thumbnail = 'https://example.org/a/pic.jpg'"), ==, 1);
          g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM items WHERE id = 3 AND "
                                                           "thumbnail IS NULL"), ==, 1);
        }
      if (version == 1)
        {
          sqlite3 *reader = NULL;
          g_autoptr(ChronicleItem) item = NULL;

          g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM item_keys WHERE item_id = 7 AND "
                                                           "search_key = CAST('title summary body' AS BLOB)"), ==, 1);
          g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM pragma_table_info('items') "
                                                           "WHERE name IN ('content_html', 'search_key')"), ==, 0);
          g_assert_cmpint (sqlite3_open (path, &reader), ==, SQLITE_OK);
          item = chronicle_store_read_item (reader, 7, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (chronicle_item_get_title (item), ==, "Title");
          g_assert_cmpstr (chronicle_item_get_summary (item), ==, "Summary");
          g_assert_cmpstr (chronicle_item_get_content_html (item), ==, "<p>Body</p>");
          sqlite3_close (reader);
        }
    }

  /* And the current one is left as it is. */
  make_library (fixture->path);
  {
    g_autoptr(ChronicleStore) store = chronicle_store_new (fixture->path);

    g_assert_true (chronicle_store_wait_open (store, NULL));
    g_assert_null (chronicle_store_get_set_aside (store));
    chronicle_store_close (store);
  }
  g_assert_cmpint (chronicle_test_query_int (fixture->path, "SELECT starred FROM reader_state WHERE key = 'kept'"), ==, 1);
}

static gboolean
add_state_row (sqlite3  *db,
               gpointer  key,
               GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO reader_state (key, changed_at) VALUES ('%s', 1)",
                                          (const char *) key);

  return chronicle_store_exec (db, sql, error);
}

static gint64
count_state_rows (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "SELECT count(*) FROM reader_state", &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Connections that read a large source in parts see one state of the
 * library, whatever the writer commits meanwhile. */
static void
test_store_snapshot (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (fixture->path);
  g_autoptr(GError) error = NULL;
  sqlite3 *readers[3];
  sqlite3 *later;

  g_assert_true (chronicle_store_write_sync (store, add_state_row, "a", &error));
  g_assert_true (chronicle_store_acquire_snapshot (store, readers, G_N_ELEMENTS (readers), &error));
  g_assert_no_error (error);

  /* Committed after the snapshot was taken, before anything was read. */
  g_assert_true (chronicle_store_write_sync (store, add_state_row, "b", &error));
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    g_assert_cmpint (count_state_rows (readers[i]), ==, 1);
  chronicle_store_release_snapshot (store, readers, G_N_ELEMENTS (readers));

  later = chronicle_store_acquire_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_state_rows (later), ==, 2);
  chronicle_store_release_reader (store, later);
  chronicle_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/state-committed", Fixture, NULL, fixture_set_up, test_store_state_committed, fixture_tear_down);
  g_test_add ("/store/state-newer-wins", Fixture, NULL, fixture_set_up, test_store_state_newer_wins, fixture_tear_down);
  g_test_add ("/store/state-before-rows", Fixture, NULL, fixture_set_up, test_store_state_before_rows, fixture_tear_down);
  g_test_add ("/store/legacy/import", Fixture, NULL, fixture_set_up, test_store_legacy_import, fixture_tear_down);
  g_test_add ("/store/legacy/broken", Fixture, NULL, fixture_set_up, test_store_legacy_broken, fixture_tear_down);
  g_test_add_func ("/store/legacy/hostile", test_store_legacy_hostile);
  g_test_add ("/store/damaged/garbage", Fixture, GUINT_TO_POINTER (DAMAGE_GARBAGE), fixture_set_up, test_store_damaged,
              fixture_tear_down);
  g_test_add ("/store/damaged/truncated", Fixture, GUINT_TO_POINTER (DAMAGE_TRUNCATED), fixture_set_up,
              test_store_damaged, fixture_tear_down);
  g_test_add ("/store/damaged/foreign", Fixture, GUINT_TO_POINTER (DAMAGE_FOREIGN), fixture_set_up, test_store_damaged,
              fixture_tear_down);
  g_test_add ("/store/damaged/newer", Fixture, GUINT_TO_POINTER (DAMAGE_NEWER), fixture_set_up, test_store_damaged,
              fixture_tear_down);
  g_test_add ("/store/state-kept-when/disk-full", Fixture, GINT_TO_POINTER (KEPT_WHEN_FULL), fixture_set_up,
              test_store_state_kept_when, fixture_tear_down);
  g_test_add ("/store/state-kept-when/read-only", Fixture, GINT_TO_POINTER (KEPT_WHEN_READ_ONLY), fixture_set_up,
              test_store_state_kept_when, fixture_tear_down);
  g_test_add ("/store/state-kept-when/locked", Fixture, GINT_TO_POINTER (KEPT_WHEN_LOCKED), fixture_set_up,
              test_store_state_kept_when, fixture_tear_down);
  g_test_add ("/store/state-kept-when/no-folder", Fixture, NULL, fixture_set_up, test_store_state_kept_without_folder,
              fixture_tear_down);
  g_test_add ("/store/checkpoint", Fixture, NULL, fixture_set_up, test_store_checkpoint, fixture_tear_down);
  g_test_add ("/store/snapshot", Fixture, NULL, fixture_set_up, test_store_snapshot, fixture_tear_down);
  g_test_add ("/store/migrations", Fixture, NULL, fixture_set_up, test_store_migrations, fixture_tear_down);

  return g_test_run ();
}
