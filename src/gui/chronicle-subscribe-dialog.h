/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-subscriptions.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_SUBSCRIBE_DIALOG (chronicle_subscribe_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSubscribeDialog, chronicle_subscribe_dialog, CHRONICLE, SUBSCRIBE_DIALOG, AdwDialog)

ChronicleSubscribeDialog *chronicle_subscribe_dialog_new     (ChronicleSubscriptions   *subscriptions,
                                                              const char               *url);
void                      chronicle_subscribe_dialog_start    (ChronicleSubscribeDialog *self);
gboolean                  chronicle_subscribe_dialog_get_busy (ChronicleSubscribeDialog *self);

G_END_DECLS
