/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GThread *chronicle_thread_new_background (const char  *name,
                                          GThreadFunc  func,
                                          gpointer     data);
guint    chronicle_n_parts               (guint        n_items);
void     chronicle_force_n_parts         (guint        n_parts);
void     chronicle_run_parts             (GThreadFunc  func,
                                          gpointer     parts,
                                          gsize        part_size,
                                          guint        n_parts);
void     chronicle_task_run_in_background (GTask           *task,
                                          GTaskThreadFunc  func);

G_END_DECLS
