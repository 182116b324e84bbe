/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "chronicle-diagnostic.h"

G_BEGIN_DECLS

/* Reading typed members out of a json-glib tree while collecting problems
 * with their JSON path: shared by the feed, timeline and state readers. */
typedef struct
{
  GPtrArray  *diagnostics;
  guint       n_errors;
  gboolean    version_1;
  const char *base_url;
  const char *language;
} ChronicleJsonReader;

ChronicleDiagnostic *chronicle_json_reader_report (ChronicleJsonReader *reader,
                                                ChronicleSeverity    severity,
                                                ChronicleProblem     problem,
                                                const char          *path);
void        chronicle_json_reader_report_text  (ChronicleJsonReader *reader,
                                                ChronicleSeverity    severity,
                                                ChronicleProblem     problem,
                                                const char          *path,
                                                const char          *text,
                                                const char          *text2);
void        chronicle_json_reader_report_type  (ChronicleJsonReader *reader,
                                                const char          *prefix,
                                                const char          *name,
                                                ChronicleJsonKind    expected,
                                                JsonNode            *found,
                                                ChronicleRemedy      remedy);
void        chronicle_json_reader_repair_names (ChronicleJsonReader *reader,
                                                JsonObject          *object,
                                                const char          *prefix);
char       *chronicle_json_reader_get_string   (ChronicleJsonReader *reader,
                                                JsonObject          *object,
                                                const char          *prefix,
                                                const char          *name);
char       *chronicle_json_reader_get_url      (ChronicleJsonReader *reader,
                                                JsonObject          *object,
                                                const char          *prefix,
                                                const char          *name);
char      **chronicle_json_reader_get_authors  (ChronicleJsonReader *reader,
                                                JsonObject          *object,
                                                const char          *prefix);
char      **chronicle_json_reader_get_strv     (ChronicleJsonReader *reader,
                                                JsonObject          *object,
                                                const char          *prefix,
                                                const char          *name);
GDateTime  *chronicle_json_reader_get_date     (ChronicleJsonReader *reader,
                                                JsonObject          *object,
                                                const char          *prefix,
                                                const char          *name,
                                                gboolean            *has_time);
ChronicleJsonKind chronicle_json_kind_of       (JsonNode            *node);
char       *chronicle_json_member_path         (const char          *prefix,
                                                const char          *name);
gboolean    chronicle_json_is_string           (JsonNode            *node);
gboolean    chronicle_url_is_absolute          (const char          *url);

G_END_DECLS
