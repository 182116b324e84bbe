/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chronicle-article-list.h"
#include "chronicle-bench-images.h"
#include "chronicle-bench-refresh.h"
#include "chronicle-document.h"
#include "chronicle-feed-parser.h"
#include "chronicle-search-provider.h"
#include "chronicle-shell-search.h"
#include "chronicle-store.h"
#include "chronicle-test-utils.h"
#include "chronicle-window.h"

/* One measurement per run, printed as "NAME VALUE"; run-benchmarks.sh runs
 * each several times and prints the medians.
 *
 *   chronicle-bench startup COMMAND [ARG…]   process start to first frame
 *   chronicle-bench parse-floor FILE         json-glib parsing FILE, nothing else
 *   chronicle-bench load FILE N_ITEMS        opening FILE in the window
 *   chronicle-bench search FILE N_ITEMS      keystrokes of a live search
 *   chronicle-bench search-provider FILE N_ITEMS
 *                                            GNOME Shell's searches: results and metas
 *   chronicle-bench open-long FILE           showing the first article of FILE
 *   chronicle-bench check CHRONICLE FILE     "chronicle --check FILE", start to exit
 *   chronicle-bench hostile                  reading the worst inputs of test-hostile
 *   chronicle-bench import FILE N_ITEMS [DB] opening FILE until it is stored; with
 *                                            DB, the store is copied there
 *   chronicle-bench restore DB N_ITEMS       starting on the store DB: the list
 *                                            restored, articles opened, a search,
 *                                            Mark All as Read
 *   chronicle-bench refresh N_FEEDS N_ITEMS  refreshing subscriptions served from
 *                                            127.0.0.1 (chronicle-bench-refresh.c)
 *   chronicle-bench images                   an article of 50 pictures served from
 *                                            127.0.0.1 (chronicle-bench-images.c)
 */

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
bench_startup (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *line;
  int status;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  line = strstr (out, "FIRST_FRAME ");
  if (line == NULL)
    {
      g_printerr ("%s printed no FIRST_FRAME line\n", argv[0]);
      return 1;
    }

  printf ("startup_ms %.1f\n", (g_ascii_strtoll (line + strlen ("FIRST_FRAME "), NULL, 10) - start) / 1000.0);
  return 0;
}

static int
bench_check (const char *chronicle,
             const char *path)
{
  const char *argv[] = { chronicle, "--check", path, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Warnings only: the file is valid. */
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("%s --check %s failed\n", chronicle, path);
      return 1;
    }

  printf ("check_ms %.1f\n", ms_since (start));
  return 0;
}

/* What test-hostile reads, timed here rather than there: a title of 40 MB,
 * and HTML nested 100 000 deep. */
static int
bench_hostile (void)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\","
                                          " \"items\": [{\"id\": \"x\", \"title\": \"");
  g_autoptr(GString) html = g_string_new ("<p>before</p>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(ChronicleDocument) document = NULL;
  gint64 start;

  for (gsize i = 0; i < 40 * 1024 * 1024 / 8; i++)
    g_string_append (json, "Schulman");
  g_string_append (json, "\", \"content_html\": \"<p>short</p>\"}]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  start = g_get_monotonic_time ();
  feed = chronicle_feed_parse (bytes, NULL);
  if (feed == NULL)
    return 1;
  (void) chronicle_item_get_excerpt (chronicle_feed_get_item (feed, 0));
  printf ("hostile_huge_string_ms %.1f\n", ms_since (start));

  for (guint i = 0; i < 100000; i++)
    g_string_append (html, i % 2 ? "<blockquote>" : "<ul><li>");
  g_string_append (html, "deep");
  start = g_get_monotonic_time ();
  document = chronicle_document_new_from_html (html->str, html->len, NULL);
  g_free (chronicle_document_to_text (document));
  printf ("hostile_nested_html_ms %.1f\n", ms_since (start));
  return 0;
}

static int
bench_parse_floor (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 start;

  /* Read first: the floor is parsing, not the disk. */
  if (!g_file_get_contents (path, &contents, &length, &error))
    return 1;

  start = g_get_monotonic_time ();
  if (!json_parser_load_from_data (parser, contents, length, &error))
    return 1;
  printf ("parse_floor_ms %.1f\n", ms_since (start));
  return 0;
}

typedef struct
{
  ChronicleWindow      *window;
  ChronicleArticleList *list;
  ChronicleLibrary     *library;
  guint                 expected;
  gint64                start;
  gint64                last_tick;
  double                max_gap;
  double                first_rows;
  double                loaded;
} Load;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       data)
{
  Load *load = data;
  gint64 now = g_get_monotonic_time ();

  if (load->last_tick > 0)
    load->max_gap = MAX (load->max_gap, (now - load->last_tick) / 1000.0);
  load->last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* Rows count once a frame that shows them is drawn.  The bundled story is
 * always listed: the file's rows come on top. */
static void
load_painted_cb (GdkFrameClock *clock,
                 Load          *load)
{
  if (load->first_rows < 0 && chronicle_article_list_get_n_shown (load->list) > 1)
    load->first_rows = ms_since (load->start);
  if (load->loaded < 0 &&
      g_list_model_get_n_items (chronicle_library_get_stories (load->library)) >= load->expected + 1)
    load->loaded = ms_since (load->start);
}

static gboolean
all_loaded (gpointer data)
{
  Load *load = data;

  return load->loaded >= 0 && load->first_rows >= 0;
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

static void
load_file (Load       *load,
           const char *path,
           guint       expected)
{
  ChronicleApplication *app = chronicle_test_application_get ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  load->library = chronicle_application_get_library (app);
  load->window = chronicle_window_new (app);
  load->list = chronicle_test_get_child (load->window, CHRONICLE_TYPE_WINDOW, "article_list");
  load->expected = expected;
  load->first_rows = load->loaded = -1;
  gtk_window_set_default_size (GTK_WINDOW (load->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (load->window));
  chronicle_test_wait_until ((ChronicleTestCondition) gtk_widget_get_mapped, load->window, 10000);
  chronicle_test_iterate (200);

  /* The bundled story is there from the start: rows of the new file are
   * the first beyond it, with the bundled one filtered out. */
  chronicle_article_list_set_search_text (load->list, NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (load->window), tick_cb, load, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (load->window)), "after-paint",
                    G_CALLBACK (load_painted_cb), load);
  load->start = g_get_monotonic_time ();
  load->last_tick = 0;
  load->max_gap = 0;
  chronicle_window_open_files (load->window, &file, 1);
  chronicle_test_wait_until (all_loaded, load, 600000);
}

static gboolean
indexed (gpointer library)
{
  return !chronicle_library_get_indexing (library);
}

static int
bench_load (const char *path,
            guint       expected)
{
  Load load = { 0 };
  GStatBuf buf;

  load_file (&load, path, expected);
  if (load.loaded < 0)
    return 1;

  /* Then the search keys are folded: the window keeps drawing meanwhile,
   * and they are part of what a loaded collection takes. */
  chronicle_test_wait_until (indexed, load.library, 600000);

  printf ("first_rows_ms %.1f\n", load.first_rows);
  printf ("load_ms %.1f\n", load.loaded);
  printf ("indexed_ms %.1f\n", ms_since (load.start));
  printf ("max_frame_gap_ms %.1f\n", load.max_gap);
  printf ("rss_mb %.1f\n", peak_rss_mb ());
  if (g_stat (path, &buf) == 0)
    printf ("file_mb %.1f\n", buf.st_size / (1024.0 * 1024.0));
  return 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median time of the keystrokes of a few live searches. */
static double
measure_search (ChronicleArticleList *list)
{
  const char *queries[] = { "schulman", "openai", "alignment", "muller", "cafe", "zzyzx", "deepmind" };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  /* One search first, as a reader's first keystroke after opening would
   * not be the one measured. */
  chronicle_article_list_set_search_text (list, "a");
  chronicle_article_list_set_search_text (list, NULL);
  chronicle_test_iterate (100);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (gsize length = 1; length <= strlen (queries[q]); length++)
        {
          g_autofree char *prefix = g_strndup (queries[q], length);
          gint64 start = g_get_monotonic_time ();
          double elapsed;

          chronicle_article_list_set_search_text (list, prefix);
          elapsed = ms_since (start);
          g_array_append_val (times, elapsed);
          /* Let the list draw, as between a reader's keystrokes. */
          chronicle_test_iterate (5);
        }
      chronicle_article_list_set_search_text (list, NULL);
      chronicle_test_iterate (20);
    }

  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static int
bench_search (const char *path,
              guint       expected)
{
  Load load = { 0 };

  load_file (&load, path, expected);
  if (load.loaded < 0)
    return 1;

  /* The search keys are folded once the stories are listed; a search
   * waits for them. */
  chronicle_test_wait_until (indexed, load.library, 600000);

  printf ("search_ms %.2f\n", measure_search (load.list));
  return 0;
}

/* What GNOME Shell asks for each search: the results, then what to show
 * of them; the median over words that find many, few and nothing. */
static int
bench_search_provider (const char *path,
                       guint       expected)
{
  const char *queries[] = { "schulman", "openai", "alignment", "muller", "cafe", "zzyzx", "deepmind", "a" };
  Load load = { 0 };
  g_autoptr(ChronicleSearchProvider) provider = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  load_file (&load, path, expected);
  if (load.loaded < 0)
    return 1;
  chronicle_test_wait_until (indexed, load.library, 600000);
  provider = chronicle_search_provider_new (chronicle_test_application_get ());

  for (guint run = 0; run < 3; run++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        const char *terms[] = { queries[q], NULL };
        gint64 start = g_get_monotonic_time ();
        g_auto(GStrv) results = chronicle_shell_search (load.library, terms, NULL);
        g_autoptr(GVariant) metas = g_variant_ref_sink (
          chronicle_search_provider_get_metas (provider, (const char * const *) results));
        double elapsed = ms_since (start);

        g_array_append_val (times, elapsed);
      }

  g_array_sort (times, compare_doubles);
  printf ("search_provider_ms %.2f\n", g_array_index (times, double, times->len / 2));
  printf ("search_provider_max_ms %.2f\n", g_array_index (times, double, times->len - 1));
  return 0;
}

static gboolean
painted_after (gpointer data)
{
  gint64 *painted = data;

  return *painted > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted)
{
  if (*painted == 0)
    *painted = g_get_monotonic_time ();
}

static int
bench_open_long (const char *path)
{
  Load load = { 0 };
  ChronicleStory *story;
  gint64 start, painted = 0;
  gulong id;

  load_file (&load, path, 1);
  story = chronicle_library_find_story_by_item (load.library, "item-0");
  if (story == NULL)
    return 1;

  chronicle_test_iterate (200);
  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (load.window)), "after-paint",
                         G_CALLBACK (after_paint_cb), &painted);
  start = g_get_monotonic_time ();
  painted = 0;
  chronicle_window_show_story (load.window, story, NULL);
  /* Shown: the article laid out and drawn. */
  chronicle_test_wait_until (painted_after, &painted, 10000);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (load.window)), id);
  printf ("open_long_article_ms %.1f\n", (painted - start) / 1000.0);
  return 0;
}

static gboolean
stored (gpointer library)
{
  return !chronicle_library_get_loading (library) && !chronicle_library_get_storing (library);
}

static char *
dup_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chronicle", CHRONICLE_STORE_FILE, NULL);
}

/* Opening a file until it is in the store: listed, indexed, written and
 * committed.  With @copy_to, the store is closed and copied there, for
 * "restore". */
static int
bench_import (const char *path,
              guint       expected,
              const char *copy_to)
{
  Load load = { 0 };

  load_file (&load, path, expected);
  if (load.loaded < 0)
    return 1;

  chronicle_test_wait_until (stored, load.library, 600000);
  printf ("load_ms %.1f\n", load.loaded);
  printf ("import_ms %.1f\n", ms_since (load.start));
  printf ("import_max_frame_gap_ms %.1f\n", load.max_gap);

  if (copy_to != NULL)
    {
      g_autofree char *store_path = dup_store_path ();
      g_autoptr(GFile) from = g_file_new_for_path (store_path);
      g_autoptr(GFile) to = g_file_new_for_path (copy_to);
      g_autoptr(GError) error = NULL;

      chronicle_store_close (chronicle_library_get_store (load.library));
      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

typedef struct
{
  ChronicleWindow      *window;
  ChronicleArticleList *list;
  ChronicleLibrary     *library;
  ChronicleState       *state;
  guint                 expected;
  gint64                start;
  gint64                last_tick;
  double                max_gap;
  double                listing_gap;   /* from the first rows until all are listed */
  double                first_rows;
  double                restored;
} Restore;

static gboolean
restore_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       data)
{
  Restore *restore = data;
  gint64 now = g_get_monotonic_time ();

  if (restore->last_tick > 0)
    restore->max_gap = MAX (restore->max_gap, (now - restore->last_tick) / 1000.0);
  if (restore->last_tick > 0 && restore->first_rows >= 0 && restore->restored < 0)
    restore->listing_gap = MAX (restore->listing_gap, (now - restore->last_tick) / 1000.0);
  restore->last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* As for loading: once a frame that shows them is drawn. */
static void
restore_painted_cb (GdkFrameClock *clock,
                    Restore       *restore)
{
  if (restore->first_rows < 0 && chronicle_article_list_get_n_shown (restore->list) > 1)
    restore->first_rows = ms_since (restore->start);
  if (restore->restored < 0 &&
      g_list_model_get_n_items (chronicle_library_get_stories (restore->library)) >= restore->expected + 1)
    restore->restored = ms_since (restore->start);
}

static gboolean
restored (gpointer data)
{
  Restore *restore = data;

  return restore->restored >= 0 && restore->first_rows >= 0 && !chronicle_library_get_loading (restore->library);
}

static gboolean
article_shown (gpointer data)
{
  ChronicleArticleView *view = data;

  return !chronicle_article_view_get_loading (view);
}

static gboolean
committed (gpointer state)
{
  return !chronicle_state_get_pending (state);
}

static gboolean
marked_and_committed (gpointer data)
{
  Restore *restore = data;

  return !chronicle_window_get_marking (restore->window) && committed (restore->state);
}

typedef struct
{
  double shown_ms;    /* until its body is in the view */
  double painted_ms;  /* until the frame with it is drawn */
} Opening;

#define N_OPENINGS 21

/* Opens the article at @position, which the reader sees in the list,
 * restored with its list fields only: its body is read from the store. */
static Opening
measure_open_stored (ChronicleWindow  *window,
                     ChronicleLibrary *library,
                     guint             position)
{
  GListModel *stories = chronicle_library_get_stories (library);
  g_autoptr(ChronicleStory) story = g_list_model_get_item (stories, MIN (position, g_list_model_get_n_items (stories) - 1));
  ChronicleArticleView *view = chronicle_window_get_article_view (window);
  gint64 start, painted = 0;
  Opening opening;
  gulong id;

  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                         G_CALLBACK (after_paint_cb), &painted);
  start = g_get_monotonic_time ();
  chronicle_window_show_story (window, story, NULL);
  chronicle_test_wait_until (article_shown, view, 10000);
  opening.shown_ms = ms_since (start);
  painted = 0;
  chronicle_test_wait_until (painted_after, &painted, 10000);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);
  opening.painted_ms = (painted - start) / 1000.0;
  return opening;
}

/* Starting on a library of @expected stored items, as after a restart. */
static int
bench_restore (const char *db,
               guint       expected)
{
  g_autofree char *store_path = dup_store_path ();
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autoptr(GFile) from = g_file_new_for_path (db);
  g_autoptr(GFile) to = g_file_new_for_path (store_path);
  g_autoptr(GError) error = NULL;
  ChronicleApplication *app;
  ChronicleWindow *window;
  Restore restore = { 0 };
  Opening first, openings[N_OPENINGS];
  double painted[N_OPENINGS], shown[N_OPENINGS];
  guint tick;
  double search_ms, mark_ms;

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Written out before the start: the kernel writing the copy's 464 MB
   * back meanwhile made single restores up to 300 ms slower. */
  {
    int fd = g_open (store_path, O_RDONLY, 0);

    if (fd < 0 || fsync (fd) != 0)
      {
        g_printerr ("%s: %s\n", store_path, g_strerror (errno));
        return 1;
      }
    close (fd);
  }

  /* From the application's start, which starts reading the store. */
  restore.start = g_get_monotonic_time ();
  restore.first_rows = restore.restored = -1;
  restore.expected = expected;
  app = chronicle_test_application_get ();
  restore.library = chronicle_application_get_library (app);
  restore.state = chronicle_library_get_state (restore.library);
  window = chronicle_window_new (app);
  restore.window = window;
  restore.list = chronicle_test_get_child (window, CHRONICLE_TYPE_WINDOW, "article_list");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), restore_tick_cb, &restore, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (restore_painted_cb), &restore);
  if (!chronicle_test_wait_until (restored, &restore, 600000))
    return 1;

  printf ("restore_first_rows_ms %.1f\n", restore.first_rows);
  printf ("restore_ms %.1f\n", restore.restored);
  printf ("restore_max_frame_gap_ms %.1f\n", restore.max_gap);
  printf ("restore_listing_max_frame_gap_ms %.1f\n", restore.listing_gap);
  printf ("restore_rss_mb %.1f\n", peak_rss_mb ());
  /* From here the window draws when something changes, as it does while
   * someone reads: the tick that times frames kept it drawing 60 frames
   * a second, and each article opened waited for the next of them. */
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  chronicle_test_iterate (200);

  /* The first article opened makes the reading view's widgets.  The
   * next few draw kinds of text the process has not drawn yet, which
   * llvmpipe compiles for (30 to 40 ms of the second one's frame, in
   * LLVM): what opening an article takes from then on is the median of
   * the next ones. */
  first = measure_open_stored (window, restore.library, 5);
  chronicle_test_iterate (200);
  for (guint i = 0; i < N_OPENINGS; i++)
    {
      openings[i] = measure_open_stored (window, restore.library, 6 + i);
      painted[i] = openings[i].painted_ms;
      shown[i] = openings[i].shown_ms;
      chronicle_test_iterate (50);
    }
  qsort (painted, N_OPENINGS, sizeof (double), compare_doubles);
  qsort (shown, N_OPENINGS, sizeof (double), compare_doubles);
  printf ("open_first_article_stored_ms %.1f\n", first.painted_ms);
  printf ("open_second_article_stored_ms %.1f\n", openings[0].painted_ms);
  printf ("open_article_stored_ms %.1f\n", painted[N_OPENINGS / 2]);
  printf ("open_article_stored_read_ms %.1f\n", shown[N_OPENINGS / 2]);

  search_ms = measure_search (restore.list);
  printf ("search_restored_ms %.2f\n", search_ms);

  /* Every article, with the window drawing meanwhile, until committed. */
  chronicle_test_iterate (200);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), restore_tick_cb, &restore, NULL);
  restore.max_gap = 0;
  {
    gint64 start = g_get_monotonic_time ();

    /* The action's own time holds up the next frame, and counts. */
    restore.last_tick = start;
    gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-all-read", NULL);
    chronicle_test_wait_until (marked_and_committed, &restore, 60000);
    mark_ms = ms_since (start);
  }
  chronicle_test_iterate (50);
  printf ("mark_all_read_ms %.1f\n", mark_ms);
  printf ("mark_all_read_max_frame_gap_ms %.1f\n", restore.max_gap);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint64 n = 0;

  if (argc >= 3 && g_str_equal (argv[1], "startup"))
    return bench_startup (argv + 2);
  if (argc == 3 && g_str_equal (argv[1], "parse-floor"))
    return bench_parse_floor (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "check"))
    return bench_check (argv[2], argv[3]);
  if (argc == 2 && g_str_equal (argv[1], "hostile"))
    return bench_hostile ();
  if (argc == 2 && g_str_equal (argv[1], "images"))
    {
      char *args[] = { argv[0], NULL };
      int n_args = 1;
      char **pargs = args;

      chronicle_test_init_ui (&n_args, &pargs);
      return chronicle_bench_images ();
    }

  if (argc >= 3)
    {
      char *args[] = { argv[0], NULL };
      int n_args = 1;
      char **pargs = args;

      if (argc >= 4)
        g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXUINT, &n, NULL);
      chronicle_test_init_ui (&n_args, &pargs);

      if (g_str_equal (argv[1], "load") && n > 0)
        return bench_load (argv[2], n);
      if (g_str_equal (argv[1], "search") && n > 0)
        return bench_search (argv[2], n);
      if (g_str_equal (argv[1], "search-provider") && n > 0)
        return bench_search_provider (argv[2], n);
      if (g_str_equal (argv[1], "open-long"))
        return bench_open_long (argv[2]);
      if (g_str_equal (argv[1], "import") && n > 0)
        return bench_import (argv[2], n, argc >= 5 ? argv[4] : NULL);
      if (g_str_equal (argv[1], "restore") && n > 0)
        return bench_restore (argv[2], n);
      if (g_str_equal (argv[1], "refresh") && n > 0)
        {
          guint64 n_feeds = 0;

          if (g_ascii_string_to_unsigned (argv[2], 10, 1, 100000, &n_feeds, NULL))
            return chronicle_bench_refresh ((guint) n_feeds, n);
        }
    }

  g_printerr ("usage: see the comment at the top of chronicle-bench.c\n");
  return 2;
}
