/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-uri"

#include "config.h"

#include "chronicle-uri.h"

/**
 * chronicle_uri_is_safe:
 * @uri: a link from a collection file
 *
 * A file may hold any address.  Only web and e-mail links are opened when
 * the reader clicks them: other schemes could open local files or start
 * programs the reader did not ask for.
 *
 * Returns: %TRUE if @uri is http, https or mailto
 */
gboolean
chronicle_uri_is_safe (const char *uri)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL)
    return FALSE;

  return g_ascii_strcasecmp (scheme, "http") == 0 ||
         g_ascii_strcasecmp (scheme, "https") == 0 ||
         g_ascii_strcasecmp (scheme, "mailto") == 0;
}

/**
 * chronicle_uri_is_web:
 * @uri: (nullable): an address
 *
 * Returns: %TRUE if @uri is http or https: the only addresses Chronicle
 *   fetches, follows a redirect to, or subscribes to
 */
gboolean
chronicle_uri_is_web (const char *uri)
{
  const char *scheme = uri != NULL ? g_uri_peek_scheme (uri) : NULL;

  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}
