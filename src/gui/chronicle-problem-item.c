/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-problem-item"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-problem-item.h"

/* One line of the list of a file's problems, as the reader sees it: where,
 * and what.  Both are worded on the main thread when the list is made. */

struct _ChronicleProblemItem
{
  GObject  parent_instance;

  char    *place;
  char    *message;
};

enum {
  PROP_0,
  PROP_PLACE,
  PROP_MESSAGE,
  PROP_HAS_PLACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleProblemItem, chronicle_problem_item, G_TYPE_OBJECT)

static void
chronicle_problem_item_finalize (GObject *object)
{
  ChronicleProblemItem *self = CHRONICLE_PROBLEM_ITEM (object);

  g_free (self->place);
  g_free (self->message);

  G_OBJECT_CLASS (chronicle_problem_item_parent_class)->finalize (object);
}

static void
chronicle_problem_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChronicleProblemItem *self = CHRONICLE_PROBLEM_ITEM (object);

  switch (prop_id)
    {
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_HAS_PLACE:
      g_value_set_boolean (value, self->place != NULL && self->place[0] != '\0');
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_problem_item_class_init (ChronicleProblemItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_problem_item_finalize;
  object_class->get_property = chronicle_problem_item_get_property;

  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_HAS_PLACE] =
    g_param_spec_boolean ("has-place", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_problem_item_init (ChronicleProblemItem *self)
{
}

/**
 * chronicle_problem_item_new:
 * @place: (nullable): where the problem is, such as "Line 3, column 5"
 * @message: what is wrong
 */
ChronicleProblemItem *
chronicle_problem_item_new (const char *place,
                            const char *message)
{
  ChronicleProblemItem *self = g_object_new (CHRONICLE_TYPE_PROBLEM_ITEM, NULL);

  self->place = g_strdup (place);
  self->message = g_strdup (message);
  return self;
}

const char *
chronicle_problem_item_get_place (ChronicleProblemItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_PROBLEM_ITEM (self), NULL);

  return self->place;
}

const char *
chronicle_problem_item_get_message (ChronicleProblemItem *self)
{
  g_return_val_if_fail (CHRONICLE_IS_PROBLEM_ITEM (self), NULL);

  return self->message;
}

/**
 * chronicle_problem_item_new_for_diagnostic:
 *
 * Words @diagnostic for the window: its line and column with its JSON
 * path, and its message.
 */
ChronicleProblemItem *
chronicle_problem_item_new_for_diagnostic (const ChronicleDiagnostic *diagnostic)
{
  g_autofree char *position = NULL;
  g_autofree char *place = NULL;
  g_autofree char *message = chronicle_diagnostic_dup_message (diagnostic);
  const char *path = diagnostic->path != NULL && diagnostic->path[0] != '\0' ? diagnostic->path : NULL;

  if (diagnostic->position.line > 0)
    /* Translators: where a problem is in a file: %1$u is the line, %2$u the column */
    position = g_strdup_printf (_("Line %1$u, column %2$u"), diagnostic->position.line, diagnostic->position.column);

  if (position != NULL && path != NULL)
    place = g_strdup_printf ("%s · %s", position, path);
  else
    place = g_strdup (position != NULL ? position : path);

  return chronicle_problem_item_new (place, message);
}
