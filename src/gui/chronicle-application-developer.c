/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include <string.h>

#include "chronicle-application-private.h"
#include "chronicle-locale.h"
#include "chronicle-screenshot.h"

/* The developer's options: --article, --view, --action, --screenshot,
 * --report and --quit-after-first-frame, for the tests, the benchmarks and
 * the Flatpak check. */

/* For the Flatpak check: what the window shows, in lines that a script
 * can compare. */
static void
print_report (ChronicleApplication *self)
{
  ChronicleWindow *window = chronicle_application_get_main_window (self);
  const char *language = chronicle_locale_get_language ();

  if (window == NULL)
    return;

  g_print ("title: %s\n", gtk_window_get_title (GTK_WINDOW (window)));
  chronicle_window_print_report (window);
  g_print ("stories: %u\n", g_list_model_get_n_items (chronicle_library_get_stories (self->library)));
  g_print ("events: %u\n", g_list_model_get_n_items (chronicle_library_get_events (self->library)));
  g_print ("language: %s\n", language != NULL ? language : "system");
  g_print ("messages-locale: %s\n", chronicle_locale_get_messages_locale ());
}

static void
screenshot_taken_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChronicleApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!chronicle_screenshot_save_finish (result, &error))
    {
      g_printerr ("%s\n", error->message);
      self->exit_status = 1;
    }
  else if (self->report)
    print_report (self);

  g_application_quit (G_APPLICATION (self));
}

/* For the start-up benchmark: the moment the first frame is drawn, on the
 * monotonic clock the benchmark reads too. */
static void
first_frame_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  ChronicleApplication *self = user_data;

  g_print ("FIRST_FRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
window_realized_cb (GtkWidget *window,
                    gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb), user_data);
}

/* --quit-after-first-frame: says when @window's first frame is drawn, and
 * quits. */
void
chronicle_application_quit_after_first_frame (ChronicleApplication *self,
                                              ChronicleWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), self);
}

static void article_loaded_cb (ChronicleArticleView *article_view,
                               GParamSpec           *pspec,
                               ChronicleApplication *self);

/* The screenshot shows the article as the reader sees it: once its body is
 * read from the library. */
static void
take_screenshot (ChronicleApplication *self,
                 ChronicleWindow      *window)
{
  ChronicleArticleView *article_view = chronicle_window_get_article_view (window);

  if (chronicle_article_view_get_loading (article_view))
    {
      g_signal_connect_object (article_view, "notify::loading", G_CALLBACK (article_loaded_cb), self, 0);
      return;
    }

  chronicle_screenshot_save_async (GTK_WIDGET (window),
                                   self->screenshot_path,
                                   NULL,
                                   screenshot_taken_cb,
                                   g_object_ref (self));
}

static void
article_loaded_cb (ChronicleArticleView *article_view,
                   GParamSpec           *pspec,
                   ChronicleApplication *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (article_view));

  if (chronicle_article_view_get_loading (article_view))
    return;

  g_signal_handlers_disconnect_by_func (article_view, article_loaded_cb, self);
  if (CHRONICLE_IS_WINDOW (root))
    take_screenshot (self, CHRONICLE_WINDOW (root));
}

/* --article, --view, --action and --screenshot act on the library as the reader
 * would see it: once the saved collections and the files given on the
 * command line are in. */
void
chronicle_application_run_initial_requests (ChronicleApplication *self,
                                            ChronicleWindow      *window)
{
  if (self->initial_article != NULL)
    {
      ChronicleStory *story = chronicle_library_find_story_by_item (self->library, self->initial_article);

      if (story != NULL)
        chronicle_window_show_story (window, story, NULL);
      else
        {
          g_printerr ("No article has the id “%s”\n", self->initial_article);
          self->exit_status = 1;
        }
    }

  if (self->initial_view != NULL || self->initial_article != NULL)
    chronicle_window_set_view (window, self->initial_view != NULL ? self->initial_view : "articles");

  /* Once the library is listed, so that it can name a collection. */
  if (self->initial_action != NULL)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GError) error = NULL;

      /* "win.show-source('key')" names a target as menus do. */
      if (!g_action_parse_detailed_name (self->initial_action, &name, &target, &error))
        g_warning ("--action=%s: %s", self->initial_action, error->message);
      else if (g_str_has_prefix (name, "app."))
        g_action_group_activate_action (G_ACTION_GROUP (self), name + strlen ("app."), target);
      else
        gtk_widget_activate_action_variant (GTK_WIDGET (window), name, target);
      g_clear_pointer (&self->initial_action, g_free);
    }

  if (self->screenshot_path != NULL)
    take_screenshot (self, window);
}
