/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "chronicle-diagnostic.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_PROBLEM_ITEM (chronicle_problem_item_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleProblemItem, chronicle_problem_item, CHRONICLE, PROBLEM_ITEM, GObject)

ChronicleProblemItem *chronicle_problem_item_new         (const char           *place,
                                                          const char           *message);
ChronicleProblemItem *chronicle_problem_item_new_for_diagnostic (const ChronicleDiagnostic *diagnostic);
const char           *chronicle_problem_item_get_place   (ChronicleProblemItem *self);
const char           *chronicle_problem_item_get_message (ChronicleProblemItem *self);

G_END_DECLS
