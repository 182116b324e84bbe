/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GThread *chronicle_thread_new_background (const char  *name,
                                          GThreadFunc  func,
                                          gpointer     data);
void     chronicle_run_halves            (const char  *name,
                                          GThreadFunc  func,
                                          gpointer     first,
                                          gpointer     second,
                                          guint        n_items);

G_END_DECLS
