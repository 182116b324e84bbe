/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONICLE_SEVERITY_WARNING,
  CHRONICLE_SEVERITY_ERROR,
} ChronicleSeverity;

/**
 * ChronicleDiagnostic:
 * @severity: an error makes the file unusable; a warning does not
 * @path: (nullable): where in the JSON tree, such as "items[3].title"
 * @line: 1-based line, or 0 when unknown
 * @column: 1-based column in characters, or 0 when unknown
 * @message: what is wrong, for the person who wrote the file
 *
 * One problem found in a collection file.
 */
typedef struct
{
  ChronicleSeverity  severity;
  char              *path;
  guint              line;
  guint              column;
  char              *message;
} ChronicleDiagnostic;

#define CHRONICLE_TYPE_DIAGNOSTIC (chronicle_diagnostic_get_type ())

GType                chronicle_diagnostic_get_type  (void) G_GNUC_CONST;
ChronicleDiagnostic *chronicle_diagnostic_new       (ChronicleSeverity          severity,
                                                     const char                *path,
                                                     const char                *message);
ChronicleDiagnostic *chronicle_diagnostic_copy      (const ChronicleDiagnostic *self);
void                 chronicle_diagnostic_free      (ChronicleDiagnostic       *self);
char                *chronicle_diagnostic_to_string (const ChronicleDiagnostic *self,
                                                     const char                *filename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleDiagnostic, chronicle_diagnostic_free)

G_END_DECLS
