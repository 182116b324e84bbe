/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-subscription-properties"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "chronicle-application-private.h"
#include "chronicle-date-format.h"
#include "chronicle-error.h"
#include "chronicle-subscription-properties.h"

/* What Chronicle knows of a subscription: where it fetches it, when it
 * did and will, what failed, and the validators it sends back. */

struct _ChronicleSubscriptionProperties
{
  AdwDialog             parent_instance;

  AdwPreferencesGroup  *feed_group;
  AdwActionRow         *url_row;
  AdwActionRow         *site_row;
  AdwActionRow         *error_row;
  AdwActionRow         *last_row;
  AdwActionRow         *next_row;
  AdwActionRow         *etag_row;
  AdwActionRow         *modified_row;
};

G_DEFINE_FINAL_TYPE (ChronicleSubscriptionProperties, chronicle_subscription_properties, ADW_TYPE_DIALOG)

/**
 * chronicle_describe_fetch_state:
 *
 * Returns: (transfer full) (nullable): what failed when @fetch's feed was
 *   last fetched, in the reader's words; %NULL when nothing did
 */
char *
chronicle_describe_fetch_state (const ChronicleFetchState *fetch)
{
  g_autoptr(GError) error = NULL;

  if (fetch == NULL || (!fetch->gone && fetch->last_error == NULL))
    return NULL;

  /* The store keeps the status, not the error: the status says most. */
  if (fetch->gone)
    error = g_error_new_literal (CHRONICLE_HTTP_ERROR, SOUP_STATUS_GONE, "");
  else if (fetch->last_status >= 400)
    error = g_error_new_literal (CHRONICLE_HTTP_ERROR, (int) fetch->last_status, "");
  else
    return g_strdup (_("The feed could not be fetched or read"));
  return chronicle_application_describe_fetch_error (error);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? chronicle_format_date_time (local) : g_strdup ("");
}

/**
 * chronicle_describe_failure:
 *
 * Returns: (transfer full) (nullable): what failed when @fetch's feed was
 *   last fetched, and when, and until when its server asked to wait;
 *   %NULL when nothing failed
 */
char *
chronicle_describe_failure (const ChronicleFetchState *fetch)
{
  g_autofree char *sentence = chronicle_describe_fetch_state (fetch);
  g_autofree char *when = NULL;
  GString *text;

  if (sentence == NULL)
    return NULL;

  if (fetch->fetched_at > 0)
    {
      when = format_time (fetch->fetched_at);
      /* Translators: %1$s is a date and time, %2$s what went wrong */
      text = g_string_new_take (g_strdup_printf (_("Refreshing failed on %1$s: %2$s"), when, sentence));
    }
  else
    text = g_string_new_take (g_steal_pointer (&sentence));

  if (!fetch->gone && fetch->retry_after > g_get_real_time () / G_USEC_PER_SEC)
    {
      g_autofree char *until = format_time (fetch->retry_after);

      g_string_append_c (text, '\n');
      /* Translators: %s is a date and time */
      g_string_append_printf (text, _("Not before %s, as the server asked"), until);
    }
  return g_string_free (text, FALSE);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text,
              const char   *fallback)
{
  adw_action_row_set_subtitle (row, text != NULL && text[0] != '\0' ? text : fallback);
}

static char *
dup_next_refresh (const ChronicleFetchState *fetch)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *time = NULL;

  if (fetch->gone)
    return g_strdup (_("Never: the feed is gone for good"));
  if (fetch->retry_after > now)
    {
      time = format_time (fetch->retry_after);
      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Not before %s, as the server asked"), time);
    }
  if (fetch->next_fetch_at > 0)
    return format_time (fetch->next_fetch_at);
  /* Translators: when a subscription is refreshed next */
  return g_strdup (_("At the next refresh"));
}

static void
fill (ChronicleSubscriptionProperties *self,
      ChronicleCollection             *collection)
{
  const ChronicleFetchState *fetch = chronicle_collection_get_fetch_state (collection);
  ChronicleFeed *feed = chronicle_collection_get_feed (collection);
  g_autofree char *sentence = chronicle_describe_fetch_state (fetch);
  g_autofree char *next = NULL;
  g_autofree char *last = NULL;

  adw_preferences_group_set_title (self->feed_group, chronicle_collection_get_title (collection));
  /* Translators: the value of a property that has none, such as a feed
   * without a website */
  set_subtitle (self->url_row, chronicle_collection_get_location (collection), _("None"));
  set_subtitle (self->site_row, chronicle_feed_get_home_page_url (feed), _("None"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_row), sentence != NULL);
  if (sentence != NULL)
    {
      g_autofree char *text = fetch->last_error != NULL ? g_strdup_printf ("%s\n%s", sentence, fetch->last_error)
                                                        : g_strdup (sentence);
      adw_action_row_set_subtitle (self->error_row, text);
    }

  if (fetch != NULL && fetch->fetched_at > 0)
    last = format_time (fetch->fetched_at);
  /* Translators: when a subscription was last refreshed: never yet */
  set_subtitle (self->last_row, last, _("Never"));
  next = fetch != NULL ? dup_next_refresh (fetch) : g_strdup (_("At the next refresh"));
  set_subtitle (self->next_row, next, NULL);
  set_subtitle (self->etag_row, fetch != NULL ? fetch->etag : NULL, _("None"));
  set_subtitle (self->modified_row, fetch != NULL ? fetch->last_modified : NULL, _("None"));
}

static void
chronicle_subscription_properties_class_init (ChronicleSubscriptionPropertiesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle_reader/Chronicle/chronicle-subscription-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, feed_group);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, url_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, site_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, error_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, last_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, next_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, etag_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscriptionProperties, modified_row);
}

static void
chronicle_subscription_properties_init (ChronicleSubscriptionProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chronicle_subscription_properties_new:
 * @collection: a subscription
 *
 * Shows what is known of @collection as it is now.
 */
ChronicleSubscriptionProperties *
chronicle_subscription_properties_new (ChronicleCollection *collection)
{
  ChronicleSubscriptionProperties *self;

  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (collection), NULL);

  self = g_object_new (CHRONICLE_TYPE_SUBSCRIPTION_PROPERTIES, NULL);
  fill (self, collection);
  return self;
}
