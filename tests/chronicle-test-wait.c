/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-test-wait.h"

/* Built with AddressSanitizer, everything runs several times slower, and
 * a list view that makes its first rows slice by slice while the other
 * tests load both cores took more than 5 s for 600 stories. */
#if defined(__SANITIZE_ADDRESS__)
#define TIMEOUT_SCALE 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TIMEOUT_SCALE 4
#endif
#endif
#ifndef TIMEOUT_SCALE
#define TIMEOUT_SCALE 1
#endif

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or @timeout_ms (scaled for
 * slow builds) has passed.  The loop wakes every 50 ms too: a condition
 * can come true on another thread, with nothing for the loop to
 * dispatch. */
gboolean
chronicle_test_wait_until (ChronicleTestCondition condition,
                           gpointer               data,
                           guint                  timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms * TIMEOUT_SCALE, timeout_cb, &timed_out);
  guint wake_id = g_timeout_add (50, wake_cb, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_source_remove (wake_id);

  return condition (data);
}
