/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-check"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "chronicle-check.h"
#include "chronicle-feed-export.h"
#include "chronicle-feed-parser.h"
#include "chronicle-fetch.h"
#include "chronicle-json-scan.h"
#include "chronicle-subscriptions.h"
#include "chronicle-uri.h"
#include "chronicle-xml-feed.h"

/* `chronicle --check FILE…`: validates collections for the people who
 * write them, one GNU-style line per problem, so that editors can jump to
 * it.  Unlike the window, which reads what it can, it is strict: anything
 * that breaks JSON or the JSON Feed specification is an error.  An http,
 * https or feed: address is fetched as a subscription is, and checked the
 * same way. */

/* Fetches @path when it is a web address: the body, with the address it
 * came from (after redirects) in @url; NULL with the problem in
 * @diagnostics when it could not be fetched, or when @path is no address
 * (then @url is NULL). */
static GBytes *
fetch_address (const char  *path,
               char       **url,
               GPtrArray   *diagnostics)
{
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  *url = NULL;
  if (!chronicle_uri_is_web (path) && g_ascii_strncasecmp (path, "feed:", 5) != 0)
    return NULL;

  address = chronicle_subscriptions_normalize_url (path);
  bytes = address != NULL ? chronicle_fetch_sync (address, url, &error) : NULL;
  if (bytes == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: not a web address", path);
      chronicle_feed_add_read_error (diagnostics, error);
      g_free (*url);
      *url = g_strdup (path);
    }
  return bytes;
}

/* JSON is checked against RFC 8259 first, since json-glib reads more than
 * JSON (comments, single quotes, unknown escapes). */
static ChronicleFeed *
check_bytes (GBytes     *bytes,
             const char *uri,
             GPtrArray  *diagnostics)
{
  ChronicleDiagnostic *problem;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  /* An empty body from a server has no data at all. */
  if (data == NULL)
    data = "";
  if (chronicle_feed_detect_format (data, length) == CHRONICLE_FEED_FORMAT_XML)
    {
      /* libxml2 checks XML as strictly as it is written: every error is
       * reported, even where its recovery reads on. */
      return chronicle_xml_feed_parse (data, length, uri, 0, FALSE, diagnostics);
    }

  problem = chronicle_json_validate (data, length, CHRONICLE_JSON_MAX_DEPTH);
  if (problem != NULL)
    {
      g_ptr_array_add (diagnostics, problem);
      chronicle_json_place (data, length, diagnostics, diagnostics->len - 1);
      return NULL;
    }

  return chronicle_feed_parse (bytes, diagnostics);
}

static ChronicleFeed *
check_path (const char *path,
            GPtrArray  *diagnostics)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  bytes = fetch_address (path, &uri, diagnostics);
  if (bytes != NULL)
    return check_bytes (bytes, uri, diagnostics);
  if (uri != NULL)
    return NULL;

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && !chronicle_feed_check_size (info, diagnostics))
    return NULL;

  if (info == NULL || (bytes = g_file_load_bytes (file, NULL, NULL, &error)) == NULL)
    {
      chronicle_feed_add_read_error (diagnostics, error);
      return NULL;
    }

  uri = g_file_get_uri (file);
  return check_bytes (bytes, uri, diagnostics);
}

/**
 * chronicle_check_print:
 * @diagnostics: (element-type ChronicleDiagnostic): the problems of one
 *   file, in file order
 * @name: the file's name as the user gave it
 * @verbose: print every problem, not the first of each kind
 * @out: where to print
 *
 * Prints the problems of a file, the first %CHRONICLE_DIAGNOSTICS_PER_KIND
 * of each kind, then a note for each kind with more.
 */
void
chronicle_check_print (GPtrArray  *diagnostics,
                       const char *name,
                       gboolean    verbose,
                       FILE       *out)
{
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  listed = chronicle_diagnostics_select (diagnostics, verbose ? 0 : CHRONICLE_DIAGNOSTICS_PER_KIND, &groups);
  for (guint i = 0; i < listed->len; i++)
    {
      g_autofree char *line = chronicle_diagnostic_to_string (g_ptr_array_index (listed, i), name);

      fprintf (out, "%s\n", line);
    }

  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *line = chronicle_diagnostic_group_to_string (&g_array_index (groups, ChronicleDiagnosticGroup, i),
                                                                    name);

      fprintf (out, "%s\n", line);
    }
}

/**
 * chronicle_check_print_fatal:
 *
 * Prints the problem that left no feed, for the modes that read files
 * without checking them.
 */
void
chronicle_check_print_fatal (GPtrArray  *diagnostics,
                             const char *name,
                             FILE       *out)
{
  const ChronicleDiagnostic *fatal = chronicle_diagnostics_find_fatal (diagnostics);

  if (fatal != NULL)
    {
      g_autofree char *line = chronicle_diagnostic_to_string (fatal, name);

      fprintf (out, "%s\n", line);
    }
}

/**
 * chronicle_check_export_feeds:
 * @paths: the files, as given on the command line
 * @out: where to write the JSON Feed document
 * @problems: where to write the files' problems, as --check does
 *
 * `chronicle --export-feed FILE…`: what Chronicle read of the files, the
 * way the window reads them, as one JSON Feed 1.1 document.
 *
 * Returns: the exit status, as chronicle_check_files() says it
 */
int
chronicle_check_export_feeds (const char * const *paths,
                              FILE               *out,
                              FILE               *problems)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  int status = 0;

  g_return_val_if_fail (paths != NULL, 2);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
      g_autofree char *url = NULL;
      g_autoptr(GBytes) bytes = fetch_address (paths[i], &url, diagnostics);
      ChronicleFeed *feed = NULL;

      if (bytes != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (url);

          feed = chronicle_feed_parse_consuming (bytes, file, diagnostics);
        }
      else if (url == NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);

          feed = chronicle_feed_load_file (file, diagnostics, NULL);
        }

      chronicle_diagnostics_sort (diagnostics);
      chronicle_check_print (diagnostics, paths[i], FALSE, problems);
      if (feed == NULL || chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR) > 0)
        status = 1;
      if (feed != NULL)
        g_ptr_array_add (feeds, feed);
    }

  text = chronicle_feed_export (feeds);
  fputs (text, out);
  fflush (out);
  fflush (problems);
  return status;
}

/**
 * chronicle_check_files:
 * @paths: the files, as given on the command line
 * @verbose: print every problem, and say so when a file is valid
 * @out: where to write the report
 *
 * Returns: the exit status: 0 when every file is valid (warnings allowed),
 *   1 when any has an error
 */
int
chronicle_check_files (const char * const *paths,
                       gboolean            verbose,
                       FILE               *out)
{
  int status = 0;

  g_return_val_if_fail (paths != NULL, 2);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) diagnostics = chronicle_diagnostics_new ();
      g_autoptr(ChronicleFeed) feed = NULL;

      feed = check_path (paths[i], diagnostics);

      /* In the order of the file, as a compiler reports. */
      chronicle_diagnostics_sort (diagnostics);
      chronicle_check_print (diagnostics, paths[i], verbose, out);

      if (feed == NULL || chronicle_diagnostics_count (diagnostics, CHRONICLE_SEVERITY_ERROR) > 0)
        status = 1;
      else if (verbose)
        {
          guint n_items = chronicle_feed_get_n_items (feed);
          guint n_events = chronicle_feed_get_events (feed)->len;
          g_autofree char *articles = NULL;
          g_autofree char *events = NULL;

          /* Translators: %1$s is a file name, %2$u a number of articles; the
           * line goes on with the number of timeline events */
          articles = g_strdup_printf (ngettext ("%1$s: valid, %2$u article", "%1$s: valid, %2$u articles", n_items),
                                      paths[i], n_items);
          events = g_strdup_printf (ngettext (", %u timeline event\n", ", %u timeline events\n", n_events), n_events);
          fprintf (out, "%s%s", articles, events);
        }
    }

  fflush (out);
  return status;
}
