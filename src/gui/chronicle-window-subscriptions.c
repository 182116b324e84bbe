/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-window-subscriptions"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-subscribe-dialog.h"
#include "chronicle-window-private.h"

/* The window's part in subscriptions: the "Add Subscription" dialog, and
 * the header saying how far a refresh has come. */

/* The application's subscriptions, or NULL without a store. */
ChronicleSubscriptions *
chronicle_window_get_subscriptions (ChronicleWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CHRONICLE_IS_APPLICATION (app) ? chronicle_application_get_subscriptions (CHRONICLE_APPLICATION (app))
                                        : NULL;
}

static void
update_refresh_status (ChronicleWindow        *self,
                       GParamSpec             *pspec,
                       ChronicleSubscriptions *subscriptions)
{
  guint n_to_refresh = chronicle_subscriptions_get_n_to_refresh (subscriptions);
  guint n_refreshed = chronicle_subscriptions_get_n_refreshed (subscriptions);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->refresh_status, n_to_refresh > 0);
  if (n_to_refresh == 0)
    return;

  /* Translators: said while subscriptions are refreshed, such as
   * “Updating 12 of 140” */
  text = g_strdup_printf (_("Updating %u of %u"), MIN (n_refreshed + 1, n_to_refresh), n_to_refresh);
  gtk_label_set_text (self->refresh_label, text);
  gtk_widget_set_tooltip_text (self->refresh_status, text);
}

void
chronicle_window_init_subscriptions (ChronicleWindow *self)
{
  ChronicleSubscriptions *subscriptions = chronicle_window_get_subscriptions (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-subscription", subscriptions != NULL);
  if (subscriptions == NULL)
    return;

  g_signal_connect_object (subscriptions, "notify::n-to-refresh", G_CALLBACK (update_refresh_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (subscriptions, "notify::n-refreshed", G_CALLBACK (update_refresh_status), self,
                           G_CONNECT_SWAPPED);
  update_refresh_status (self, NULL, subscriptions);
}

static void
subscribed_cb (ChronicleWindow *self,
               const char      *key,
               const char      *title)
{
  g_autofree char *message = NULL;

  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  chronicle_library_reload_source_async (self->library, key, NULL, NULL, NULL);
  if (CHRONICLE_IS_APPLICATION (app))
    chronicle_application_fetch_icons (CHRONICLE_APPLICATION (app));
  /* Translators: %s is the title of a feed */
  message = g_strdup_printf (_("Subscribed to “%s”"), title);
  chronicle_window_add_toast (self, message);
}

static ChronicleSubscribeDialog *
present_dialog (ChronicleWindow *self,
                const char      *url)
{
  ChronicleSubscriptions *subscriptions = chronicle_window_get_subscriptions (self);
  ChronicleSubscribeDialog *dialog;

  if (subscriptions == NULL)
    return NULL;

  dialog = chronicle_subscribe_dialog_new (subscriptions, url);
  g_signal_connect_object (dialog, "subscribed", G_CALLBACK (subscribed_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
  return dialog;
}

void
chronicle_window_add_subscription_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  present_dialog (CHRONICLE_WINDOW (widget), NULL);
}

/**
 * chronicle_window_subscribe_to:
 * @url: an http, https or feed: address a browser or the command line
 *   gave
 *
 * Subscribes to @url in the "Add Subscription" dialog, so that the reader
 * sees it happen, and what went wrong if it did.
 */
void
chronicle_window_subscribe_to (ChronicleWindow *self,
                               const char      *url)
{
  ChronicleSubscribeDialog *dialog;

  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  dialog = present_dialog (self, url);
  if (dialog != NULL)
    chronicle_subscribe_dialog_start (dialog);
}
