/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-check"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "chronicle-check.h"
#include "chronicle-feed-parser.h"

/* `chronicle --check FILE…`: validates collections for the people who
 * write them, one GNU-style line per problem, so that editors can jump to
 * it. */

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const ChronicleDiagnostic *da = *(const ChronicleDiagnostic **) a;
  const ChronicleDiagnostic *db = *(const ChronicleDiagnostic **) b;

  if (da->line != db->line)
    return da->line < db->line ? -1 : 1;
  return (da->column > db->column) - (da->column < db->column);
}

/**
 * chronicle_check_files:
 * @paths: the files, as given on the command line
 * @verbose: also say so when a file is valid
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
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronicleFeed) feed = NULL;
      gboolean has_errors = FALSE;

      feed = chronicle_feed_load_file (file, diagnostics, NULL, &error);

      /* Errors of reading the file itself come with no diagnostic. */
      if (feed == NULL && diagnostics->len == 0)
        g_ptr_array_add (diagnostics, chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, NULL, error->message));

      /* In the order of the file, as a compiler reports. */
      g_ptr_array_sort (diagnostics, compare_position);
      for (guint j = 0; j < diagnostics->len; j++)
        {
          const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, j);
          g_autofree char *line = chronicle_diagnostic_to_string (diagnostic, paths[i]);

          fprintf (out, "%s\n", line);
          if (diagnostic->severity == CHRONICLE_SEVERITY_ERROR)
            has_errors = TRUE;
        }

      if (feed == NULL || has_errors)
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
