/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-feed-parser"

#include "config.h"

#include "chronicle-feed-parser.h"
#include "chronicle-file-bytes.h"

/* Reading feeds from files, large ones mapped (see chronicle-file-bytes.c). */

/**
 * chronicle_feed_parse_file_bytes:
 * @bytes: (transfer full): the contents of @file from
 *   chronicle_file_read_bytes()
 * @diagnostics: (element-type ChronicleDiagnostic): where to add the
 *   problems found
 *
 * chronicle_feed_parse_consuming() of @bytes; when @file was cut short
 * while they were read, it is read again as it is then, into memory of
 * its own, and that is parsed instead.
 *
 * Returns: (transfer full) (nullable): the feed
 */
ChronicleFeed *
chronicle_feed_parse_file_bytes (GBytes        *bytes,
                                 GFile         *file,
                                 GPtrArray     *diagnostics,
                                 GCancellable  *cancellable)
{
  g_autoptr(ChronicleFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint n_before = diagnostics->len;
  gboolean changed;
  gsize length;

  feed = chronicle_feed_parse_consuming (bytes, file, diagnostics);
  changed = chronicle_file_bytes_get_changed (bytes);
  g_bytes_unref (bytes);
  if (!changed)
    return g_steal_pointer (&feed);

  g_clear_object (&feed);
  g_ptr_array_set_size (diagnostics, n_before);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      chronicle_feed_add_read_error (diagnostics, error);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  feed = chronicle_feed_parse_consuming (bytes, file, diagnostics);
  g_bytes_unref (bytes);
  return g_steal_pointer (&feed);
}

/**
 * chronicle_feed_load_file:
 * @diagnostics: (element-type ChronicleDiagnostic): where to add the
 *   problems found, with the one that stopped the reading when there is
 *   no feed
 *
 * Reads and parses @file, refusing files above %CHRONICLE_FEED_MAX_SIZE
 * before reading them.
 *
 * Returns: (transfer full) (nullable): the feed
 */
ChronicleFeed *
chronicle_feed_load_file (GFile         *file,
                          GPtrArray     *diagnostics,
                          GCancellable  *cancellable)
{
  g_autoptr(GPtrArray) own_diagnostics = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (diagnostics == NULL)
    diagnostics = own_diagnostics = chronicle_diagnostics_new ();

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info != NULL && !chronicle_feed_check_size (info, diagnostics))
    return NULL;

  if (info == NULL || (bytes = chronicle_file_read_bytes (file, cancellable, &error)) == NULL)
    {
      chronicle_feed_add_read_error (diagnostics, error);
      return NULL;
    }

  return chronicle_feed_parse_file_bytes (bytes, file, diagnostics, cancellable);
}
