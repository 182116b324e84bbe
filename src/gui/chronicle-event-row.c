/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-event-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chronicle-event-row.h"
#include "chronicle-timeline.h"

/* One event of the timeline: its date at its precision, the sentence that
 * tells it, and buttons that filter to its person or organisations or
 * show the sentence that reports it. */

struct _ChronicleEventRow
{
  GtkWidget       parent_instance;

  ChronicleEvent *event;
  char           *description;

  GtkWidget      *box;
  GtkImage       *kind_image;
  GtkLabel       *date_label;
  GtkLabel       *sentence_label;
  GtkWidget      *person_button;
  AdwAvatar      *avatar;
  GtkLabel       *person_label;
  GtkWidget      *organization_button;
  GtkLabel       *organization_label;
  GtkWidget      *to_organization_button;
  GtkLabel       *to_organization_label;
  GtkWidget      *source_button;
};

enum {
  PROP_0,
  PROP_EVENT,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleEventRow, chronicle_event_row, GTK_TYPE_WIDGET)

/* The action is set with its target: an action that takes a string
 * cannot be attached to a button without one. */
static void
set_action (GtkWidget  *button,
            const char *action,
            const char *target)
{
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
}

static void
set_filter_button (GtkWidget  *button,
                   GtkLabel   *label,
                   const char *action,
                   const char *name,
                   const char *tooltip_format)
{
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (label, name);
  set_action (button, action, name);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  tooltip = g_strdup_printf (tooltip_format, name);
#pragma GCC diagnostic pop
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
update (ChronicleEventRow *self)
{
  g_autofree char *date = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *description = NULL;
  ChronicleEventKind kind;
  const char *to_organization;

  if (self->event == NULL)
    return;

  kind = chronicle_event_get_kind (self->event);
  date = chronicle_event_format_date (self->event);
  sentence = chronicle_event_dup_sentence (self->event);
  icon = g_strdup_printf ("chronicle-%s-symbolic", chronicle_event_kind_to_string (kind));

  gtk_image_set_from_icon_name (self->kind_image, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_image), chronicle_event_kind_get_label (kind));
  gtk_label_set_text (self->date_label, date);
  gtk_label_set_text (self->sentence_label, sentence);
  adw_avatar_set_text (self->avatar, chronicle_event_get_person (self->event));

  /* Translators: tooltip of a person's name in the timeline; %s is the name */
  set_filter_button (self->person_button, self->person_label, "timeline.filter-person",
                     chronicle_event_get_person (self->event),
                     _("Show only events of %s"));
  /* Translators: tooltip of an organisation's name in the timeline; %s is the name */
  set_filter_button (self->organization_button, self->organization_label, "timeline.filter-organization",
                     chronicle_event_get_organization (self->event), _("Show only events of %s"));

  to_organization = chronicle_event_get_to_organization (self->event);
  gtk_widget_set_visible (self->to_organization_button, to_organization != NULL);
  if (to_organization != NULL)
    set_filter_button (self->to_organization_button, self->to_organization_label, "timeline.filter-organization",
                       to_organization, _("Show only events of %s"));

  gtk_widget_set_visible (self->source_button, chronicle_event_get_n_sources (self->event) > 0);
  set_action (self->source_button, "timeline.show-source", chronicle_event_get_id (self->event));

  /* Translators: what a screen reader says for a timeline event: %1$s is its
   * date, %2$s the sentence, %3$s the kind of change */
  description = g_strdup_printf (_("%1$s: %2$s (%3$s)"), date, sentence, chronicle_event_kind_get_label (kind));
  if (g_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

ChronicleEvent *
chronicle_event_row_get_event (ChronicleEventRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_ROW (self), NULL);

  return self->event;
}

void
chronicle_event_row_set_event (ChronicleEventRow *self,
                               ChronicleEvent    *event)
{
  g_return_if_fail (CHRONICLE_IS_EVENT_ROW (self));

  if (g_set_object (&self->event, event))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
    }
}

static void
chronicle_event_row_dispose (GObject *object)
{
  ChronicleEventRow *self = CHRONICLE_EVENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_EVENT_ROW);
  g_clear_object (&self->event);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (chronicle_event_row_parent_class)->dispose (object);
}

static void
chronicle_event_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ChronicleEventRow *self = CHRONICLE_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ChronicleEventRow *self = CHRONICLE_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      chronicle_event_row_set_event (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_row_class_init (ChronicleEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_event_row_dispose;
  object_class->get_property = chronicle_event_row_get_property;
  object_class->set_property = chronicle_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL,
                         CHRONICLE_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the row says to a screen reader: the whole event. */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, person_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, person_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, organization_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, organization_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, to_organization_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, to_organization_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, source_button);
  gtk_widget_class_set_css_name (widget_class, "eventrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chronicle_event_row_init (ChronicleEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
