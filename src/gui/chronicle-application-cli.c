/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-application-private.h"
#include "chronicle-check.h"
#include "chronicle-feed-parser.h"
#include "chronicle-languages.h"
#include "chronicle-timeline.h"

/* The command line: one table of options, one parse of it for every mode
 * (the window, --check, --export-timeline, --help), and --language read
 * before anything is printed. */

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check collection files for errors and exit, without opening a window"), NULL },
  { "verbose", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --check, also report files that are valid"), NULL },
  { "export-timeline", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Write the timeline to standard output as csv or ics, without opening a window"), N_("FORMAT") },
  { "export-feed", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Write what Chronicle reads of the files to standard output, as one JSON Feed, without opening a window"), NULL },
  { "subscribe", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Subscribe to the feed at URL, or to the feed of the web page at URL, without opening a window"), N_("URL") },
  { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Refresh every subscription without opening a window"), NULL },
  { "import-opml", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Add the subscriptions of an OPML file, with their folders, without opening a window"), N_("FILE") },
  { "export-opml", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Write the subscriptions to standard output as OPML, without opening a window"), NULL },
  /* Developer options, used by build-aux/devenv and the screenshots.  They
   * are hidden from --help, so their descriptions are not translated. */
  { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, "Save a screenshot of the window to FILE and quit", "FILE" },
  { "geometry", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, "Open the window at the size WIDTHxHEIGHT", "SIZE" },
  { "article", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, "Open the article with the id ID", "ID" },
  { "view", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, "Show the view NAME: articles or timeline", "NAME" },
  { "language", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use the language CODE for this run, such as de or ja"), N_("CODE") },
  { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, "Print when the window has drawn its first frame, and quit", NULL },
  { "report", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, "With --screenshot, print what the window shows", NULL },
  { "action", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, "Activate the action NAME once the window is shown", "NAME" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

void
chronicle_application_add_options (ChronicleApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

static gboolean
parse_geometry (const char *text,
                int        *width,
                int        *height)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", 2);
  guint64 w, h;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 200, 10000, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 200, 10000, &h, NULL))
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
open_files (ChronicleApplication  *self,
            const char * const    *paths,
            int                   *exit_status)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));

  /* As GApplication does with the files it is given: a running instance
   * opens them. */
  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      *exit_status = 1;
      return FALSE;
    }

  g_application_open (G_APPLICATION (self), (GFile **) files->pdata, files->len, "");
  return TRUE;
}

/* "chronicle --check FILE…" validates collections without a window. */
static int
check_files (const char * const *files,
             gboolean            verbose)
{
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s\n", _("--check needs at least one file: chronicle --check FILE…"));
      return 2;
    }

  return chronicle_check_files (files, verbose, stdout);
}

/* "chronicle --export-timeline=csv|ics [FILE…]" writes the timeline of the
 * bundled and the saved collections, and of the files given, to standard
 * output without a window: the events the window would show. */
static int
export_timeline (const char         *format,
                 const char * const *files)
{
  g_autofree char *path = NULL;
  g_autoptr(ChronicleStore) store = NULL;
  g_autoptr(ChronicleState) state = NULL;
  g_autoptr(ChronicleLibrary) library = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleWaiting restoring = { NULL };

  if (!g_str_equal (format, "csv") && !g_str_equal (format, "ics"))
    {
      /* Translators: do not translate --export-timeline, csv and ics */
      g_printerr ("%s\n", _("--export-timeline takes csv or ics: chronicle --export-timeline=csv"));
      return 2;
    }

  /* The store is read as the window reads it; a running window neither
   * waits for this nor makes it wait (WAL readers). */
  path = chronicle_application_dup_store_path ();
  store = chronicle_store_new (path);
  state = chronicle_state_new (store);
  library = chronicle_library_new (state);
  chronicle_application_load_bundled (library);
  chronicle_library_index_bundled (library);

  chronicle_library_restore_async (library, NULL, chronicle_application_wait_cb, &restoring);
  chronicle_application_wait (&restoring);
  if (!chronicle_library_restore_finish (library, restoring.result, &error))
    chronicle_application_print_store_error (error);
  g_clear_object (&restoring.result);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
      g_autoptr(ChronicleFeed) feed = chronicle_feed_load_file (file, diagnostics, NULL);

      if (feed == NULL)
        {
          chronicle_check_print_fatal (diagnostics, files[i], stderr);
          return 1;
        }
      chronicle_library_add_feed (library, files[i], files[i], feed, FALSE);
    }

  events = chronicle_timeline_sorted (chronicle_library_get_events (library), FALSE);
  now = g_date_time_new_now_utc ();
  text = g_str_equal (format, "ics") ? chronicle_timeline_to_ics (events, now) : chronicle_timeline_to_csv (events);
  fputs (text, stdout);
  fflush (stdout);

  chronicle_store_close (store);
  return 0;
}

/* All modes are told apart here, after one parse of every option, so that
 * an option such as --language works in each of them. */
int
chronicle_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);
  g_autofree const char **files = NULL;
  g_autofree char *format = NULL;
  g_autofree char *subscribe = NULL;
  g_autofree char *import_opml = NULL;
  const char *geometry = NULL;
  gboolean check, verbose, export_feed, refresh;
  int exit_status = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (options, "export-timeline", "s", &format);
  check = g_variant_dict_contains (options, "check");
  verbose = g_variant_dict_contains (options, "verbose");
  export_feed = g_variant_dict_contains (options, "export-feed");
  g_variant_dict_lookup (options, "subscribe", "s", &subscribe);
  refresh = g_variant_dict_contains (options, "refresh");

  if (check + export_feed + (format != NULL) + (subscribe != NULL) + refresh > 1)
    {
      /* Translators: do not translate the options */
      g_printerr ("%s\n", _("Only one of --check, --export-feed, --export-timeline, --subscribe and --refresh can be used at a time"));
      return 2;
    }
  /* Reading lists, before the other modes. */
  if (g_variant_dict_lookup (options, "import-opml", "^ay", &import_opml))
    return chronicle_application_import_opml (import_opml);
  if (g_variant_dict_contains (options, "export-opml"))
    return chronicle_application_export_opml ();
  if (subscribe != NULL)
    return chronicle_application_subscribe (subscribe);
  if (refresh)
    return chronicle_application_refresh ();
  if (check)
    return check_files (files, verbose);
  if (export_feed)
    {
      if (files == NULL || files[0] == NULL)
        {
          g_printerr ("%s\n", _("--export-feed needs at least one file: chronicle --export-feed FILE…"));
          return 2;
        }
      return chronicle_check_export_feeds (files, stdout, stderr);
    }
  if (format != NULL)
    return export_timeline (format, files);

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path);
  self->report = g_variant_dict_contains (options, "report");
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");
  g_variant_dict_lookup (options, "article", "s", &self->initial_article);
  g_variant_dict_lookup (options, "view", "s", &self->initial_view);
  g_variant_dict_lookup (options, "action", "s", &self->initial_action);

  if (g_variant_dict_lookup (options, "geometry", "&s", &geometry) &&
      !parse_geometry (geometry, &self->geometry_width, &self->geometry_height))
    {
      /* Translators: %s is what the user typed after --geometry */
      g_printerr (_("Invalid window size “%s”: expected WIDTHxHEIGHT, such as 1200x800\n"), geometry);
      return 2;
    }

  /* A screenshot run must not hand its work to an instance already running. */
  if (self->screenshot_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  if (files == NULL || files[0] == NULL)
    return -1;

  open_files (self, files, &exit_status);
  return exit_status;
}

/* Finds --language before the options are parsed, so that --help and
 * every message of the parse speak it; the parse then reads it again. */
static gboolean
take_language_option (ChronicleApplication  *self,
                      char                 **arguments)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) args = g_strdupv (arguments);
  g_autofree char *code = NULL;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &code, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);

  /* A mistake in the options is reported by the parse proper. */
  if (!g_option_context_parse_strv (context, &args, NULL) || code == NULL)
    return TRUE;

  if (code[0] != '\0' && chronicle_languages_lookup (code) == NULL)
    {
      /* Translators: %s is what the user typed after --language */
      g_printerr (_("Unknown language “%s”; Chronicle speaks de, el, en, es, fi, fr, id, it, ja, la, pt, ru, sa and zh_CN\n"),
                  code);
      return FALSE;
    }

  g_set_str (&self->language_override, code);
  return TRUE;
}

gboolean
chronicle_application_local_command_line (GApplication   *app,
                                          char         ***arguments,
                                          int            *exit_status)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (app);

  if (!take_language_option (self, *arguments))
    {
      *exit_status = 2;
      return TRUE;
    }

  chronicle_application_apply_language (self);
  g_application_set_option_context_parameter_string (app, _("[FILE…]"));
  g_application_set_option_context_summary (app, _("Read news from RSS, Atom and JSON Feed files."));

  return G_APPLICATION_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (app)))->local_command_line (app, arguments,
                                                                                                       exit_status);
}

