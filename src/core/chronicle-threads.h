/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Large files are read on two threads, each with half of the items. */
#define CHRONICLE_THREADS_MIN_ITEMS 1000

GThread *chronicle_thread_new_background (const char  *name,
                                          GThreadFunc  func,
                                          gpointer     data);
void     chronicle_run_halves            (const char  *name,
                                          GThreadFunc  func,
                                          gpointer     first,
                                          gpointer     second,
                                          guint        n_items);

G_END_DECLS
