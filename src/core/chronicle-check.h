/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

int  chronicle_check_files       (const char * const *paths,
                                  gboolean            verbose,
                                  FILE               *out);
void chronicle_check_print       (GPtrArray          *diagnostics,
                                  const char         *name,
                                  gboolean            verbose,
                                  FILE               *out);
int  chronicle_check_export_feeds (const char * const *paths,
                                   FILE               *out,
                                   FILE               *problems);
void chronicle_check_print_fatal (GPtrArray          *diagnostics,
                                  const char         *name,
                                  FILE               *out);

G_END_DECLS
