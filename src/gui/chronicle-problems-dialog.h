/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONICLE_TYPE_PROBLEMS_DIALOG (chronicle_problems_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleProblemsDialog, chronicle_problems_dialog, CHRONICLE, PROBLEMS_DIALOG, AdwDialog)

AdwDialog *chronicle_problems_dialog_new (const char *name,
                                          GPtrArray  *diagnostics,
                                          guint       n_items_left_out,
                                          guint       n_events_left_out);

G_END_DECLS
