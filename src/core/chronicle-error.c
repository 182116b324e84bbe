/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "chronicle-error.h"

G_DEFINE_QUARK (chronicle-error-quark, chronicle_error)
G_DEFINE_QUARK (chronicle-http-error-quark, chronicle_http_error)
