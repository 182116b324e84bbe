/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes   *chronicle_file_read_bytes        (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
gboolean  chronicle_file_bytes_get_changed (GBytes        *bytes);

G_END_DECLS
