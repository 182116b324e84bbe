/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chronicle-feed-private.h"
#include "chronicle-item-private.h"
#include "chronicle-store-test.h"

/* A process that writes to the store over and over is killed with SIGKILL
 * at random moments.  Each time, the database must pass SQLite's integrity
 * check and hold exactly what the last write that returned committed, or
 * the write under way then, whole: never an older state, half an import
 * or a mix of two. */

#define N_KEYS 50
#define N_ITEMS 10000

/* Shared between the test and the writer it forks. */
typedef struct
{
  gint64 next;       /* the generation the next writer starts from */
  gint64 completed;  /* the last generation whose write returned */
  gint64 returned[4]; /* when a writer's first four writes returned */
} Progress;

/* Records the write's return in @progress; @n_returned counts the writes of
 * this writer.  The monotonic clock is the same in both processes. */
static void
progress_returned (Progress *progress,
                   gint64    generation,
                   guint    *n_returned)
{
  if (*n_returned < G_N_ELEMENTS (progress->returned))
    progress->returned[*n_returned] = g_get_monotonic_time ();
  (*n_returned)++;
  __atomic_store_n (&progress->completed, generation, __ATOMIC_SEQ_CST);
}

/* Steps of 0.002: the state ignores changes of a position under 0.001. */
static double
position_of (gint64 generation)
{
  return (generation % 500) * 0.002;
}

/* Each generation is one whole state: every key with the same position
 * and read flag, both derived from it, committed in one transaction. */
static void
write_states_forever (const char *path,
                      Progress   *progress)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (path);
  g_autoptr(ChronicleState) state = chronicle_state_new (store);
  guint n_returned = 0;

  for (gint64 generation = progress->next; ; generation++)
    {
      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *key = g_strdup_printf ("story-%u", i);

          chronicle_state_set_position (state, key, position_of (generation));
          chronicle_state_set_read (state, key, generation % 2);
        }

      if (!chronicle_state_flush (state, NULL))
        _exit (2);
      progress_returned (progress, generation, &n_returned);
    }
}

/* Mark All as Read and its undo, over and over: every story read, then
 * every one unread, in one transaction with a marker whose position names
 * the generation. */
static void
mark_all_forever (const char *path,
                  Progress   *progress)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (path);
  g_autoptr(ChronicleState) state = chronicle_state_new (store);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint n_returned = 0;

  for (guint i = 0; i < N_ITEMS; i++)
    g_ptr_array_add (keys, g_strdup_printf ("story-%u", i));

  for (gint64 generation = progress->next; ; generation++)
    {
      g_auto(GStrv) changed = chronicle_state_set_read_many (state, (const char **) keys->pdata, keys->len,
                                                              generation % 2);

      chronicle_state_set_position (state, "marker", position_of (generation));
      if (!chronicle_state_flush (state, NULL))
        _exit (2);
      progress_returned (progress, generation, &n_returned);
    }
}

/* Each generation imports the same source again with N_ITEMS items whose
 * titles name it. */
static void
import_forever (const char *path,
                Progress   *progress)
{
  g_autoptr(ChronicleStore) store = chronicle_store_new (path);
  guint n_returned = 0;

  for (gint64 generation = progress->next; ; generation++)
    {
      g_autoptr(ChronicleFeed) feed = chronicle_feed_new ();
      g_autoptr(ChronicleStoredSource) source = NULL;

      feed->title = g_strdup ("Imported");
      for (guint i = 0; i < N_ITEMS; i++)
        {
          ChronicleItem *item = chronicle_item_new ();

          item->id = g_strdup_printf ("item-%u", i);
          item->title = g_strdup_printf ("%" G_GINT64_FORMAT " item %u", generation, i);
          item->content_text = g_strdup ("Words to fold for the search key, as articles have.");
          g_ptr_array_add (feed->items, item);
        }
      source = chronicle_stored_source_new ("import", CHRONICLE_SOURCE_FILE, "import.json", feed);

      {
        g_autoptr(GError) error = NULL;

        if (!chronicle_store_write_sync (store, chronicle_store_put_source, source, &error))
          {
            g_printerr ("The import failed: %s\n", error->message);
            _exit (2);
          }
      }
      progress_returned (progress, generation, &n_returned);
    }
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Whether the store's tables are there: the migration that makes them
 * runs in one transaction, so a writer killed in it leaves none. */
static gboolean
has_schema (const char *path)
{
  return chronicle_test_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") > 0;
}

/* A generation is known up to 500 from a position and its parity from a
 * read flag: the one nearest to what was completed. */
static gint64
generation_near (gint64 position,
                 gint64 read,
                 gint64 completed)
{
  for (gint64 generation = MAX (completed - 2, 1); generation <= completed + 2; generation++)
    if (generation % 500 == position && generation % 2 == read)
      return generation;

  g_error ("the stored position %" G_GINT64_FORMAT " and read flag %" G_GINT64_FORMAT " are of no generation near %" G_GINT64_FORMAT,
           position, read, completed);
}

/* The generation of the states in the store, checking that all keys have
 * the same; 0 when there are none. */
static gint64
stored_state_generation (const char *path,
                         gint64      completed)
{
  gint64 n_positions, position, read, n;

  if (!has_schema (path))
    return 0;
  n = chronicle_test_query_int (path, "SELECT count(*) FROM reader_state");
  if (n <= 0)
    return 0;

  g_assert_cmpint (n, ==, N_KEYS);
  n_positions = chronicle_test_query_int (path, "SELECT count(DISTINCT position) FROM reader_state");
  g_assert_cmpint (n_positions, ==, 1);
  g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(DISTINCT read) FROM reader_state"), ==, 1);
  position = chronicle_test_query_int (path, "SELECT CAST(round(position * 500) AS INTEGER) FROM reader_state");
  read = chronicle_test_query_int (path, "SELECT read FROM reader_state");

  return generation_near (position, read, completed);
}

/* The generation of the marker and the read flag, checking that every
 * story has the same flag; 0 when there are none. */
static gint64
stored_mark_generation (const char *path,
                        gint64      completed)
{
  gint64 n, position, read;

  if (!has_schema (path))
    return 0;
  n = chronicle_test_query_int (path, "SELECT count(*) FROM reader_state");
  if (n <= 0)
    return 0;

  g_assert_cmpint (n, ==, N_ITEMS + 1);
  g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(DISTINCT read) FROM reader_state WHERE key != 'marker'"),
                   ==, 1);
  read = chronicle_test_query_int (path, "SELECT read FROM reader_state WHERE key != 'marker' LIMIT 1");
  position = chronicle_test_query_int (path,
                                       "SELECT CAST(round(position * 500) AS INTEGER) FROM reader_state WHERE key = 'marker'");
  return generation_near (position, read, completed);
}

static gint64
stored_import_generation (const char *path,
                          gint64      completed)
{
  gint64 n;

  if (!has_schema (path))
    return 0;
  n = chronicle_test_query_int (path, "SELECT count(*) FROM items");
  if (n <= 0)
    return 0;

  /* Whole or not at all, and of one generation. */
  g_assert_cmpint (n, ==, N_ITEMS);
  g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(DISTINCT substr(title, 1, instr(title, ' '))) FROM items"),
                   ==, 1);
  g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM items LEFT JOIN item_keys ON item_id = id "
                                                   "WHERE search_key IS NULL"), ==, 0);
  g_assert_cmpint (chronicle_test_query_int (path, "SELECT count(*) FROM items LEFT JOIN item_bodies ON item_id = id "
                                                   "WHERE content_text IS NULL"), ==, 0);
  return chronicle_test_query_int (path, "SELECT CAST(substr(title, 1, instr(title, ' ') - 1) AS INTEGER) FROM items");
}

typedef void (*Writer) (const char *path, Progress *progress);
typedef gint64 (*Stored) (const char *path, gint64 completed);

/* Starts @writer in a child process that dies with the test: a failed
 * assertion must not leave a writer running that keeps the test's output
 * open until the harness times out. */
static pid_t
start_writer (Writer      writer,
              const char *path,
              Progress   *progress)
{
  pid_t parent = getpid ();
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != parent)
        _exit (3);
      writer (path, progress);
    }
  return pid;
}

static Progress *
progress_new (void)
{
  Progress *progress = mmap (NULL, sizeof *progress, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

  g_assert_true (progress != MAP_FAILED);
  progress->next = 1;
  progress->completed = 0;
  return progress;
}

/* How long a writer takes, in µs, to open the store and complete its first
 * write, and then each further write, with this build on this machine: a
 * build with sanitizers is several times slower, and kills drawn over a
 * fixed span would then never see a write return. */
static void
time_writer (Writer  writer,
             gint64 *first,
             gint64 *each)
{
  g_autofree char *directory = chronicle_test_make_data_dir ();
  g_autofree char *path = g_build_filename (directory, CHRONICLE_STORE_FILE, NULL);
  Progress *progress = progress_new ();
  gint64 start = g_get_monotonic_time (), deadline = start + 120 * G_USEC_PER_SEC;
  pid_t pid = start_writer (writer, path, progress);

  /* Up to the fourth write: those after the first merge into what is
   * there, as most of the killed ones do.  The writer notes the times
   * itself, so a test process that is not scheduled meanwhile does not
   * miss them. */
  while (__atomic_load_n (&progress->completed, __ATOMIC_SEQ_CST) < 4)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  *first = MAX (progress->returned[0] - start, 1);
  *each = MAX ((progress->returned[3] - progress->returned[0]) / 3, 1);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  munmap (progress, sizeof *progress);
  chronicle_test_remove_tree (directory);
  g_test_message ("the first write returns after %" G_GINT64_FORMAT " us, each further one takes %" G_GINT64_FORMAT " us",
                  *first, *each);
}

/* Each writer is killed after a random delay of up to its first write and
 * @n_writes more, timed first: some kills land before the first write
 * returned, some after it or others did. */
static void
kill_writers (Writer writer,
              Stored stored,
              double n_writes,
              guint  n_kills)
{
  g_autofree char *directory = chronicle_test_make_data_dir ();
  g_autofree char *path = g_build_filename (directory, CHRONICLE_STORE_FILE, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240806);
  Progress *progress = progress_new ();
  guint newer = 0, writing = 0;
  gint64 first, each;
  guint max_delay_us;

  time_writer (writer, &first, &each);
  max_delay_us = first + each * n_writes;

  for (guint kill_number = 0; kill_number < n_kills; kill_number++)
    {
      gint64 before = progress->completed;
      gint64 completed, loaded;
      pid_t pid = start_writer (writer, path, progress);
      int status;

      g_usleep (g_rand_int_range (rand, 0, max_delay_us));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      completed = __atomic_load_n (&progress->completed, __ATOMIC_SEQ_CST);
      /* A writer killed before it opened the store leaves none. */
      loaded = 0;
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          assert_integrity (path);
          loaded = stored (path, MAX (completed, progress->next));
        }

      /* The last completed write, or the one under way when the process
       * died; if this writer completed none, what the one before left. */
      if (completed == before ? loaded != before && loaded != progress->next
                              : loaded != completed && loaded != completed + 1)
        g_error ("kill %u: the store holds generation %" G_GINT64_FORMAT ", the writer started at %" G_GINT64_FORMAT
                 " and completed %" G_GINT64_FORMAT " (the one before left %" G_GINT64_FORMAT ")",
                 kill_number, loaded, progress->next, completed, before);
      if (loaded == completed + 1 || (completed == before && loaded == progress->next))
        newer++;
      if (completed != before)
        writing++;

      /* The next writer goes on after everything this one may have done. */
      progress->completed = loaded;
      progress->next = MAX (completed, loaded) + 2;
    }

  /* Otherwise nothing was tested. */
  g_test_message ("%u of %u writers completed a write; %u kills left the write under way committed",
                  writing, n_kills, newer);
  g_assert_cmpuint (writing, >, 0);

  munmap (progress, sizeof *progress);
  chronicle_test_remove_tree (directory);
}

static void
test_kill_states (void)
{
  kill_writers (write_states_forever, stored_state_generation, 40, 200);
}

static void
test_kill_mark_all (void)
{
  kill_writers (mark_all_forever, stored_mark_generation, 4, 200);
}

static void
test_kill_import (void)
{
  kill_writers (import_forever, stored_import_generation, 1, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/kill/states", test_kill_states);
  g_test_add_func ("/store/kill/mark-all-read", test_kill_mark_all);
  g_test_add_func ("/store/kill/import", test_kill_import);

  return g_test_run ();
}
