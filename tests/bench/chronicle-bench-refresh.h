/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int chronicle_bench_refresh (guint n_feeds,
                             guint n_items);

G_END_DECLS
