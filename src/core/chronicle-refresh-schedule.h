/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whatever the settings and the servers say, a feed is fetched on its own
 * at most this often, and at least this often unless it failed or asked
 * to be left alone longer. */
#define CHRONICLE_REFRESH_MIN_INTERVAL_S (15 * 60)
#define CHRONICLE_REFRESH_MAX_INTERVAL_S (24 * 60 * 60)

/* How long a server may ask to be left alone (Retry-After): longer than
 * this and it is asked again anyway. */
#define CHRONICLE_REFRESH_MAX_RETRY_AFTER_S (7 * 24 * 60 * 60)

/**
 * ChronicleRefreshTimes:
 * @now: when the fetch ended, in seconds since 1970
 * @interval: the reader's refresh interval in seconds, 0 for "manual"
 * @fresh_until: until when the server said its answer stays fresh
 *   (Cache-Control max-age, Expires), 0 if it did not say
 * @ttl: the feed's own time to live in seconds (RSS `ttl`), 0 if none
 * @failures: how many fetches in a row failed, this one included; 0 when
 *   it succeeded
 * @retry_after: until when the server asked to be left alone
 *   (Retry-After), 0 if it did not ask
 *
 * What decides when a feed is fetched next.
 */
typedef struct
{
  gint64 now;
  gint64 interval;
  gint64 fresh_until;
  gint64 ttl;
  guint  failures;
  gint64 retry_after;
} ChronicleRefreshTimes;

gint64 chronicle_refresh_next_fetch (const ChronicleRefreshTimes *times);
gint64 chronicle_refresh_not_before (const ChronicleRefreshTimes *times);

G_END_DECLS
