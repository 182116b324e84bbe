/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-application.h"
#include "chronicle-test-wait.h"
#include "chronicle-window.h"

G_BEGIN_DECLS

void                  chronicle_test_init_ui              (int                    *argc,
                                                           char                 ***argv);
ChronicleApplication *chronicle_test_application_get      (void);
void                  chronicle_test_iterate              (guint                   ms);
void                  chronicle_test_wait_frames          (gpointer                widget,
                                                           guint                   n);
void                  chronicle_test_drain                (void);
ChronicleWindow      *chronicle_test_window_new           (void);
GFile                *chronicle_test_write_file           (const char             *name,
                                                           const char             *contents);
gpointer              chronicle_test_get_child            (gpointer                widget,
                                                           GType                   widget_type,
                                                           const char             *name);

#define chronicle_test_assert_until(cond, data) \
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) (cond), (data), 5000))

G_END_DECLS
