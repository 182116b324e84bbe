/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int    chronicle_bench_refresh (guint n_feeds,
                                guint n_items);
double chronicle_bench_rss_mb   (void);

G_END_DECLS
