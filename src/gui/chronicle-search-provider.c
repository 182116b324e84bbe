/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-application-private.h"
#include "chronicle-search-provider.h"
#include "chronicle-shell-search.h"
#include "chronicle-shell-search-dbus.h"
#include "chronicle-story-row.h"
#include "chronicle-timeline.h"
#include "chronicle-window.h"

/* GNOME Shell's search asks Chronicle over D-Bus: which articles and
 * timeline events match what is typed in the Activities overview, what to
 * show for each, and to open one.  Chronicle answers from its library as
 * it is, even while it is still being read from the store: the Shell asks
 * again as the reader types.  Each call holds the application, so that a
 * Chronicle started only to answer stays a moment for the next keystroke. */

struct _ChronicleSearchProvider
{
  GObject                        parent_instance;

  ChronicleApplication          *application;  /* unowned: it owns this */
  ChronicleShellSearchProvider2 *skeleton;
};

G_DEFINE_FINAL_TYPE (ChronicleSearchProvider, chronicle_search_provider, G_TYPE_OBJECT)

static ChronicleLibrary *
begin_call (ChronicleSearchProvider *self)
{
  g_application_hold (G_APPLICATION (self->application));
  chronicle_application_ensure_restoring (self->application);
  return chronicle_application_get_library (self->application);
}

static void
end_call (ChronicleSearchProvider *self)
{
  g_application_release (G_APPLICATION (self->application));
}

static gboolean
get_initial_result_set_cb (ChronicleSearchProvider *self,
                           GDBusMethodInvocation   *invocation,
                           const char * const      *terms)
{
  g_auto(GStrv) results = chronicle_shell_search (begin_call (self), terms, NULL);

  chronicle_shell_search_provider2_complete_get_initial_result_set (self->skeleton, invocation,
                                                                    (const char * const *) results);
  end_call (self);
  return TRUE;
}

static gboolean
get_subsearch_result_set_cb (ChronicleSearchProvider *self,
                             GDBusMethodInvocation   *invocation,
                             const char * const      *previous,
                             const char * const      *terms)
{
  g_auto(GStrv) results = chronicle_shell_search (begin_call (self), terms, previous);

  chronicle_shell_search_provider2_complete_get_subsearch_result_set (self->skeleton, invocation,
                                                                      (const char * const *) results);
  end_call (self);
  return TRUE;
}

/* The feed's icon, else Chronicle's. */
static GVariant *
serialize_icon (ChronicleLibrary *library,
                ChronicleStory   *story)
{
  ChronicleCollection *collection = NULL;
  g_autoptr(GIcon) icon = NULL;

  if (story != NULL)
    collection = chronicle_library_find_collection (library, chronicle_story_get_collection_id (story));
  if (collection != NULL && chronicle_collection_get_icon (collection) != NULL)
    icon = g_bytes_icon_new (chronicle_collection_get_icon (collection));
  else
    icon = g_themed_icon_new (APP_ID "-symbolic");
  return g_icon_serialize (icon);
}

static gboolean
add_meta (GVariantBuilder  *metas,
          ChronicleLibrary *library,
          const char       *result)
{
  ChronicleStory *story = chronicle_shell_result_get_story (library, result);
  ChronicleEvent *event = story == NULL ? chronicle_shell_result_get_event (library, result) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GVariant) icon = NULL;

  if (story != NULL)
    {
      name = g_strdup (chronicle_story_get_title (story));
      description = chronicle_story_dup_meta (story);
    }
  else if (event != NULL)
    {
      g_autofree char *date = chronicle_event_format_date (event);

      /* Translators: the title of a timeline event among the results of
       * the desktop's search; %s is its date, such as "6 August 2024" */
      name = g_strdup_printf (_("Timeline, %s"), date);
      description = chronicle_event_dup_sentence (event);
    }
  else
    return FALSE;

  icon = serialize_icon (library, story);
  g_variant_builder_open (metas, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (metas, "{sv}", "id", g_variant_new_string (result));
  g_variant_builder_add (metas, "{sv}", "name", g_variant_new_string (name != NULL ? name : ""));
  g_variant_builder_add (metas, "{sv}", "description", g_variant_new_string (description));
  if (icon != NULL)
    g_variant_builder_add (metas, "{sv}", "icon", icon);
  g_variant_builder_close (metas);
  return TRUE;
}

/**
 * chronicle_search_provider_get_metas:
 * @results: results of chronicle_shell_search()
 *
 * Returns: (transfer floating): what the Shell shows of each of @results
 *   that is still there, as `aa{sv}`
 */
GVariant *
chronicle_search_provider_get_metas (ChronicleSearchProvider *self,
                                     const char * const      *results)
{
  ChronicleLibrary *library;
  GVariantBuilder metas;

  g_return_val_if_fail (CHRONICLE_IS_SEARCH_PROVIDER (self), NULL);
  g_return_val_if_fail (results != NULL, NULL);

  library = chronicle_application_get_library (self->application);
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; results[i] != NULL; i++)
    add_meta (&metas, library, results[i]);
  return g_variant_builder_end (&metas);
}

static gboolean
get_result_metas_cb (ChronicleSearchProvider *self,
                     GDBusMethodInvocation   *invocation,
                     const char * const      *results)
{
  begin_call (self);
  chronicle_shell_search_provider2_complete_get_result_metas (self->skeleton, invocation,
                                                              chronicle_search_provider_get_metas (self, results));
  end_call (self);
  return TRUE;
}

static gboolean
activate_result_cb (ChronicleSearchProvider *self,
                    GDBusMethodInvocation   *invocation,
                    const char              *result,
                    const char * const      *terms,
                    guint                    timestamp)
{
  ChronicleLibrary *library = begin_call (self);
  ChronicleWindow *window = chronicle_application_present_window (self->application);
  ChronicleStory *story = chronicle_shell_result_get_story (library, result);
  ChronicleEvent *event = chronicle_shell_result_get_event (library, result);

  if (story != NULL)
    {
      chronicle_window_show_story (window, story, NULL);
      chronicle_window_set_view (window, "articles");
    }
  else if (event != NULL)
    chronicle_window_show_event (window, chronicle_event_get_id (event));
  else
    {
      /* Gone since the search, or not read yet: what was searched for. */
      g_autofree char *text = g_strjoinv (" ", (char **) terms);

      chronicle_window_search (window, text);
    }

  chronicle_shell_search_provider2_complete_activate_result (self->skeleton, invocation);
  end_call (self);
  return TRUE;
}

static gboolean
launch_search_cb (ChronicleSearchProvider *self,
                  GDBusMethodInvocation   *invocation,
                  const char * const      *terms,
                  guint                    timestamp)
{
  g_autofree char *text = g_strjoinv (" ", (char **) terms);

  begin_call (self);
  chronicle_window_search (chronicle_application_present_window (self->application), text);
  chronicle_shell_search_provider2_complete_launch_search (self->skeleton, invocation);
  end_call (self);
  return TRUE;
}

/**
 * chronicle_search_provider_export:
 *
 * Answers the Shell's search at @object_path on @connection.
 */
gboolean
chronicle_search_provider_export (ChronicleSearchProvider  *self,
                                  GDBusConnection          *connection,
                                  const char               *object_path,
                                  GError                  **error)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_PROVIDER (self), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton), connection, object_path,
                                           error);
}

void
chronicle_search_provider_unexport (ChronicleSearchProvider *self)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

static void
chronicle_search_provider_dispose (GObject *object)
{
  ChronicleSearchProvider *self = CHRONICLE_SEARCH_PROVIDER (object);

  if (self->skeleton != NULL)
    chronicle_search_provider_unexport (self);
  g_clear_object (&self->skeleton);

  G_OBJECT_CLASS (chronicle_search_provider_parent_class)->dispose (object);
}

static void
chronicle_search_provider_class_init (ChronicleSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = chronicle_search_provider_dispose;
}

static void
chronicle_search_provider_init (ChronicleSearchProvider *self)
{
  self->skeleton = chronicle_shell_search_provider2_skeleton_new ();
  g_signal_connect_swapped (self->skeleton, "handle-get-initial-result-set",
                            G_CALLBACK (get_initial_result_set_cb), self);
  g_signal_connect_swapped (self->skeleton, "handle-get-subsearch-result-set",
                            G_CALLBACK (get_subsearch_result_set_cb), self);
  g_signal_connect_swapped (self->skeleton, "handle-get-result-metas", G_CALLBACK (get_result_metas_cb), self);
  g_signal_connect_swapped (self->skeleton, "handle-activate-result", G_CALLBACK (activate_result_cb), self);
  g_signal_connect_swapped (self->skeleton, "handle-launch-search", G_CALLBACK (launch_search_cb), self);
}

ChronicleSearchProvider *
chronicle_search_provider_new (ChronicleApplication *application)
{
  ChronicleSearchProvider *self;

  g_return_val_if_fail (CHRONICLE_IS_APPLICATION (application), NULL);

  self = g_object_new (CHRONICLE_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}
