/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-subscribe-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-application-private.h"
#include "chronicle-subscribe-dialog.h"

/* "Add Subscription": the reader types or pastes an address; the dialog
 * stays while the feed is looked for and fetched, and says what went
 * wrong in words, with the detail below.  It closes once the feed is
 * stored, and says so with ::subscribed. */

struct _ChronicleSubscribeDialog
{
  AdwDialog               parent_instance;

  ChronicleSubscriptions *subscriptions;
  GCancellable           *cancellable;   /* of the subscription under way */

  AdwEntryRow            *url_row;
  GtkButton              *subscribe_button;
  AdwSpinner             *spinner;
  GtkWidget              *choices_group;
  GtkListBox             *choices_list;
  GPtrArray              *choices;       /* of ChronicleFeedLink, offered */
  GPtrArray              *checks;        /* their radio buttons */
  GtkWidget              *error_group;
  GtkLabel               *error_label;
  GtkLabel               *detail_label;
};

G_DEFINE_FINAL_TYPE (ChronicleSubscribeDialog, chronicle_subscribe_dialog, ADW_TYPE_DIALOG)

enum {
  SUBSCRIBED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_sensitivity (ChronicleSubscribeDialog *self)
{
  gboolean busy = self->cancellable != NULL;
  g_autofree char *url = chronicle_subscriptions_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->subscribe_button), !busy && url != NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (self->choices_group != NULL)
    gtk_widget_set_sensitive (self->choices_group, !busy);
}

static void
clear_choices (ChronicleSubscribeDialog *self)
{
  gtk_list_box_remove_all (self->choices_list);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  gtk_widget_set_visible (self->choices_group, FALSE);
}

/* The feeds a page names, one row each: its title (or address) and its
 * kind; the first is chosen. */
static void
show_choices (ChronicleSubscribeDialog *self,
              GPtrArray                *choices)
{
  static const char * const kinds[] = {
    [CHRONICLE_FEED_KIND_UNKNOWN] = NULL,
    [CHRONICLE_FEED_KIND_RSS] = "RSS",
    [CHRONICLE_FEED_KIND_ATOM] = "Atom",
    [CHRONICLE_FEED_KIND_JSON_FEED] = "JSON Feed",
  };
  GtkCheckButton *group = NULL;

  clear_choices (self);
  self->choices = g_ptr_array_ref (choices);
  self->checks = g_ptr_array_new ();
  for (guint i = 0; i < choices->len; i++)
    {
      const ChronicleFeedLink *link = g_ptr_array_index (choices, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *subtitle = kinds[link->kind] != NULL ? g_strdup_printf ("%s · %s", kinds[link->kind], link->url)
                                                            : g_strdup (link->url);

      /* Titles and addresses come from the page: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->title != NULL ? link->title : link->url);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      group = group != NULL ? group : GTK_CHECK_BUTTON (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->choices_list, row);
      g_ptr_array_add (self->checks, check);
    }
  gtk_widget_set_visible (self->choices_group, TRUE);
}

/* The feed chosen among those offered, or NULL when none are. */
static const char *
chosen_url (ChronicleSubscribeDialog *self)
{
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return ((ChronicleFeedLink *) g_ptr_array_index (self->choices, i))->url;
  return NULL;
}

static void
url_changed_cb (ChronicleSubscribeDialog *self)
{
  clear_choices (self);
  gtk_widget_set_visible (self->error_group, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  update_sensitivity (self);
}

static void
subscribed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChronicleSubscribeDialog) self = user_data;
  g_autoptr(ChronicleRefreshReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  report = chronicle_subscriptions_subscribe_finish (CHRONICLE_SUBSCRIPTIONS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  update_sensitivity (self);

  if (report != NULL && report->choices != NULL)
    {
      show_choices (self, report->choices);
      return;
    }

  if (report != NULL)
    {
      g_signal_emit (self, signals[SUBSCRIBED], 0, report->key, report->title);
      adw_dialog_force_close (ADW_DIALOG (self));
      return;
    }

  sentence = chronicle_application_describe_fetch_error (error);
  gtk_label_set_text (self->error_label, sentence);
  gtk_label_set_text (self->detail_label, error->message);
  gtk_widget_set_visible (self->error_group, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
subscribe_clicked_cb (ChronicleSubscribeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *chosen = chosen_url (self);
  g_autofree char *url = chronicle_subscriptions_normalize_url (chosen != NULL ? chosen : text);

  if (self->cancellable != NULL || url == NULL)
    return;

  gtk_widget_set_visible (self->error_group, FALSE);
  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);
  /* The page's feeds are offered once; the one chosen is subscribed to. */
  chronicle_subscriptions_subscribe_async (self->subscriptions, url,
                                           chosen != NULL ? CHRONICLE_SUBSCRIBE_FIRST : CHRONICLE_SUBSCRIBE_ASK,
                                           self->cancellable, subscribed_cb, g_object_ref (self));
}

/* Closing gives up the search, and nothing is stored. */
static void
chronicle_subscribe_dialog_closed (AdwDialog *dialog)
{
  ChronicleSubscribeDialog *self = CHRONICLE_SUBSCRIBE_DIALOG (dialog);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
chronicle_subscribe_dialog_dispose (GObject *object)
{
  ChronicleSubscribeDialog *self = CHRONICLE_SUBSCRIBE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_SUBSCRIBE_DIALOG);
  g_clear_object (&self->subscriptions);

  G_OBJECT_CLASS (chronicle_subscribe_dialog_parent_class)->dispose (object);
}

static void
chronicle_subscribe_dialog_class_init (ChronicleSubscribeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwDialogClass *dialog_class = ADW_DIALOG_CLASS (klass);

  object_class->dispose = chronicle_subscribe_dialog_dispose;
  dialog_class->closed = chronicle_subscribe_dialog_closed;

  /**
   * ChronicleSubscribeDialog::subscribed:
   * @key: the subscription's source key in the store
   * @title: its title
   *
   * The feed was found, fetched and stored; the dialog closes.
   */
  signals[SUBSCRIBED] = g_signal_new ("subscribed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-subscribe-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, subscribe_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, choices_group);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, choices_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSubscribeDialog, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subscribe_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, adw_dialog_close);
}

static void
chronicle_subscribe_dialog_init (ChronicleSubscribeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chronicle_subscribe_dialog_new:
 * @url: (nullable): an address to start with, as from a feed: link
 */
ChronicleSubscribeDialog *
chronicle_subscribe_dialog_new (ChronicleSubscriptions *subscriptions,
                                const char             *url)
{
  ChronicleSubscribeDialog *self;

  g_return_val_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (subscriptions), NULL);

  self = g_object_new (CHRONICLE_TYPE_SUBSCRIBE_DIALOG, NULL);
  self->subscriptions = g_object_ref (subscriptions);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  update_sensitivity (self);
  return self;
}

/**
 * chronicle_subscribe_dialog_start:
 *
 * Subscribes to the address the dialog holds, as the Subscribe button
 * does.
 */
void
chronicle_subscribe_dialog_start (ChronicleSubscribeDialog *self)
{
  g_return_if_fail (CHRONICLE_IS_SUBSCRIBE_DIALOG (self));

  subscribe_clicked_cb (self);
}

/**
 * chronicle_subscribe_dialog_get_busy:
 *
 * Returns: whether a subscription is being looked for
 */
gboolean
chronicle_subscribe_dialog_get_busy (ChronicleSubscribeDialog *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SUBSCRIBE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
