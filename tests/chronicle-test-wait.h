/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*ChronicleTestCondition) (gpointer data);

gboolean chronicle_test_wait_until (ChronicleTestCondition condition,
                                    gpointer               data,
                                    guint                  timeout_ms);

G_END_DECLS
