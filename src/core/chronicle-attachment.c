/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-attachment"

#include "config.h"

#include <string.h>

#include "chronicle-attachment.h"

G_DEFINE_BOXED_TYPE (ChronicleAttachment, chronicle_attachment,
                     chronicle_attachment_copy, chronicle_attachment_free)

ChronicleAttachment *
chronicle_attachment_new (const char *url)
{
  ChronicleAttachment *self = g_new0 (ChronicleAttachment, 1);

  self->url = g_strdup (url);
  return self;
}

ChronicleAttachment *
chronicle_attachment_copy (const ChronicleAttachment *self)
{
  ChronicleAttachment *copy = g_memdup2 (self, sizeof *self);

  copy->url = g_strdup (self->url);
  copy->mime_type = g_strdup (self->mime_type);
  copy->title = g_strdup (self->title);
  return copy;
}

void
chronicle_attachment_free (ChronicleAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->url);
  g_free (self->mime_type);
  g_free (self->title);
  g_free (self);
}

/**
 * chronicle_attachment_dup_name:
 *
 * Returns: what to call the file: its title, else the last part of its
 *   URL's path, unescaped, else the URL
 */
char *
chronicle_attachment_dup_name (const ChronicleAttachment *self)
{
  g_autofree char *path = NULL;
  const char *slash;

  if (self->title != NULL && self->title[0] != '\0')
    return g_strdup (self->title);

  if (!g_uri_split (self->url, G_URI_FLAGS_NONE, NULL, NULL, NULL, NULL, &path, NULL, NULL, NULL) ||
      path == NULL || (slash = strrchr (path, '/')) == NULL || slash[1] == '\0')
    return g_strdup (self->url);

  /* The path is unescaped: its bytes may be in any encoding, or none. */
  return g_utf8_make_valid (slash + 1, -1);
}

/**
 * chronicle_attachment_get_icon_name:
 *
 * Returns: a symbolic icon for the kind of file
 */
const char *
chronicle_attachment_get_icon_name (const ChronicleAttachment *self)
{
  const char *type = self->mime_type != NULL ? self->mime_type : "";

  if (g_str_has_prefix (type, "audio/"))
    return "audio-x-generic-symbolic";
  if (g_str_has_prefix (type, "video/"))
    return "video-x-generic-symbolic";
  if (g_str_has_prefix (type, "image/"))
    return "image-x-generic-symbolic";
  if (g_str_has_prefix (type, "text/"))
    return "text-x-generic-symbolic";
  return "mail-attachment-symbolic";
}
