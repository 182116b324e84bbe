/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-attachment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-attachment-row.h"

/* One file that comes with an article, in the boxed list above its text:
 * activating the row opens the file with the reader's application for it. */

struct _ChronicleAttachmentRow
{
  AdwActionRow         parent_instance;

  ChronicleAttachment *attachment;

  GtkImage            *icon;
};

G_DEFINE_FINAL_TYPE (ChronicleAttachmentRow, chronicle_attachment_row, ADW_TYPE_ACTION_ROW)

static const char *
kind_of (const ChronicleAttachment *attachment)
{
  const char *type = attachment->mime_type != NULL ? attachment->mime_type : "";

  if (g_str_has_prefix (type, "audio/"))
    return _("Audio");
  if (g_str_has_prefix (type, "video/"))
    return _("Video");
  if (g_str_has_prefix (type, "image/"))
    return _("Image");
  if (g_str_has_prefix (type, "text/") || g_str_equal (type, "application/pdf"))
    return _("Document");
  return _("File");
}

static char *
format_duration (guint64 seconds)
{
  guint64 hours = seconds / 3600;

  /* Clock-like, as media players show a length. */
  if (hours > 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", hours,
                            (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  return g_strdup_printf ("%u:%02u", (guint) (seconds / 60), (guint) (seconds % 60));
}

/**
 * chronicle_attachment_describe:
 *
 * Returns: the line under the file's name: what kind of file it is, its
 *   size and how long it plays, as far as the feed says
 */
char *
chronicle_attachment_describe (const ChronicleAttachment *attachment)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (kind_of (attachment)));
  if (attachment->size > 0)
    g_ptr_array_add (parts, g_format_size (attachment->size));
  if (attachment->duration > 0)
    g_ptr_array_add (parts, format_duration (attachment->duration));
  g_ptr_array_add (parts, NULL);

  /* As the line under the article's title joins its parts. */
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
chronicle_attachment_row_finalize (GObject *object)
{
  ChronicleAttachmentRow *self = CHRONICLE_ATTACHMENT_ROW (object);

  chronicle_attachment_free (self->attachment);

  G_OBJECT_CLASS (chronicle_attachment_row_parent_class)->finalize (object);
}

static void
chronicle_attachment_row_class_init (ChronicleAttachmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chronicle_attachment_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-attachment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleAttachmentRow, icon);
}

static void
chronicle_attachment_row_init (ChronicleAttachmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ChronicleAttachmentRow *
chronicle_attachment_row_new (const ChronicleAttachment *attachment)
{
  ChronicleAttachmentRow *self;
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (attachment != NULL, NULL);

  self = g_object_new (CHRONICLE_TYPE_ATTACHMENT_ROW, NULL);
  self->attachment = chronicle_attachment_copy (attachment);

  name = chronicle_attachment_dup_name (attachment);
  details = chronicle_attachment_describe (attachment);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), details);
  gtk_image_set_from_icon_name (self->icon, chronicle_attachment_get_icon_name (attachment));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), attachment->url);
  return self;
}

/**
 * chronicle_attachment_row_get_attachment:
 *
 * Returns: (transfer none): the file the row stands for
 */
const ChronicleAttachment *
chronicle_attachment_row_get_attachment (ChronicleAttachmentRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ATTACHMENT_ROW (self), NULL);

  return self->attachment;
}
