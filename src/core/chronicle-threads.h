/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Large files are read on two threads, each with half of the items: this
 * one and one named @name.  Small ones are not worth a thread, and both
 * halves are then read here. */
#define CHRONICLE_THREADS_MIN_ITEMS 1000

static inline void
chronicle_run_halves (const char  *name,
                      GThreadFunc  func,
                      gpointer     first,
                      gpointer     second,
                      guint        n_items)
{
  GThread *thread = NULL;

  if (n_items >= CHRONICLE_THREADS_MIN_ITEMS)
    thread = g_thread_new (name, func, second);
  else
    func (second);
  func (first);
  if (thread != NULL)
    g_thread_join (thread);
}

G_END_DECLS
