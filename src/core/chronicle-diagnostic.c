/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-diagnostic"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-diagnostic.h"

G_DEFINE_BOXED_TYPE (ChronicleDiagnostic, chronicle_diagnostic,
                     chronicle_diagnostic_copy, chronicle_diagnostic_free)

ChronicleDiagnostic *
chronicle_diagnostic_new (ChronicleSeverity  severity,
                          const char        *path,
                          const char        *message)
{
  ChronicleDiagnostic *self = g_new0 (ChronicleDiagnostic, 1);

  self->severity = severity;
  self->path = g_strdup (path);
  self->message = g_strdup (message);

  return self;
}

ChronicleDiagnostic *
chronicle_diagnostic_copy (const ChronicleDiagnostic *self)
{
  ChronicleDiagnostic *copy = chronicle_diagnostic_new (self->severity, self->path, self->message);

  copy->line = self->line;
  copy->column = self->column;
  return copy;
}

void
chronicle_diagnostic_free (ChronicleDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->message);
  g_free (self);
}

/**
 * chronicle_diagnostic_to_string:
 * @filename: (nullable): the file's name as the user knows it
 *
 * Formats the problem in the GNU style that editors and build tools
 * understand: "FILE:LINE:COLUMN: error: PATH: MESSAGE".  The words "error"
 * and "warning" stay untranslated there, as compilers keep them, so that
 * tools can match them.
 */
char *
chronicle_diagnostic_to_string (const ChronicleDiagnostic *self,
                                const char                *filename)
{
  GString *out = g_string_new (NULL);

  if (filename != NULL)
    g_string_append_printf (out, "%s:", filename);
  if (self->line > 0)
    g_string_append_printf (out, "%u:%u:", self->line, self->column);
  if (out->len > 0)
    g_string_append_c (out, ' ');

  g_string_append (out, self->severity == CHRONICLE_SEVERITY_ERROR ? "error: " : "warning: ");

  if (self->path != NULL && self->path[0] != '\0')
    g_string_append_printf (out, "%s: ", self->path);
  g_string_append (out, self->message);

  return g_string_free (out, FALSE);
}
