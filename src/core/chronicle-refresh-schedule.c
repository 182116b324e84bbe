/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-refresh"

#include "config.h"

#include "chronicle-refresh-schedule.h"

/* When to fetch a feed again, from what the reader chose and what the
 * server said: the rules publishers of feeds check readers against. */

/**
 * chronicle_refresh_not_before:
 * @times: what the last fetch said
 *
 * Returns: the earliest time the feed may be fetched at all, a refresh
 *   the reader asks for included, in seconds since 1970; 0 for any time
 */
gint64
chronicle_refresh_not_before (const ChronicleRefreshTimes *times)
{
  g_return_val_if_fail (times != NULL, 0);

  if (times->retry_after <= times->now)
    return 0;

  return MIN (times->retry_after, times->now + CHRONICLE_REFRESH_MAX_RETRY_AFTER_S);
}

/**
 * chronicle_refresh_next_fetch:
 * @times: what the last fetch said
 *
 * The next automatic fetch: the reader's interval (never under
 * %CHRONICLE_REFRESH_MIN_INTERVAL_S), pushed later by the server's
 * freshness and the feed's ttl up to %CHRONICLE_REFRESH_MAX_INTERVAL_S;
 * after failures, the interval doubled for each one up to the same cap;
 * when the server asked to be left alone, not before then.
 *
 * Returns: when to fetch next, in seconds since 1970; 0 for never on its
 *   own (the interval is "manual")
 */
gint64
chronicle_refresh_next_fetch (const ChronicleRefreshTimes *times)
{
  gint64 step, next, later;

  g_return_val_if_fail (times != NULL, 0);

  if (times->interval <= 0)
    return 0;

  step = MAX (times->interval, CHRONICLE_REFRESH_MIN_INTERVAL_S);

  if (times->failures > 0)
    {
      gint64 delay = step;

      for (guint i = 1; i < times->failures && delay < CHRONICLE_REFRESH_MAX_INTERVAL_S; i++)
        delay *= 2;
      next = times->now + MIN (delay, MAX (step, CHRONICLE_REFRESH_MAX_INTERVAL_S));
    }
  else
    {
      next = times->now + step;
      later = MAX (times->fresh_until, times->ttl > 0 ? times->now + times->ttl : 0);
      if (later > next)
        next = MIN (later, times->now + MAX (step, CHRONICLE_REFRESH_MAX_INTERVAL_S));
    }

  return MAX (next, chronicle_refresh_not_before (times));
}
