/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "chronicle-collection.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_SUBSCRIPTION_PROPERTIES (chronicle_subscription_properties_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSubscriptionProperties, chronicle_subscription_properties, CHRONICLE,
                      SUBSCRIPTION_PROPERTIES, AdwDialog)

ChronicleSubscriptionProperties *chronicle_subscription_properties_new (ChronicleCollection *collection);
char *chronicle_describe_fetch_state (const ChronicleFetchState *fetch);
char *chronicle_describe_failure     (const ChronicleFetchState *fetch);

G_END_DECLS
