/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-feed.h"

G_BEGIN_DECLS

char *chronicle_feed_export (GPtrArray *feeds);

G_END_DECLS
