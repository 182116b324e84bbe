/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-article-view"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-view-private.h"
#include "chronicle-attachment-row.h"
#include "chronicle-date-format.h"
#include "chronicle-document-renderer.h"
#include "chronicle-languages.h"

/* The reading pane: one item of a story, set in a clamped column. */

G_DEFINE_FINAL_TYPE (ChronicleArticleView, chronicle_article_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LINK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_font (ChronicleArticleView *self)
{
  double size = g_settings_get_int (self->settings, "font-size") * g_settings_get_double (self->settings, "zoom");
  g_autofree char *css = NULL;
  char body[G_ASCII_DTOSTR_BUF_SIZE], title[G_ASCII_DTOSTR_BUF_SIZE];

  /* CSS wants a dot as decimal separator whatever the locale. */
  g_ascii_formatd (body, sizeof body, "%.1f", size);
  g_ascii_formatd (title, sizeof title, "%.1f", size * 1.65);
  css = g_strdup_printf (".article-body { font-size: %spt; }\n"
                         ".article-title { font-size: %spt; }\n",
                         body, title);
  gtk_css_provider_load_from_string (self->css, css);
}

static void
update_link_color (ChronicleArticleView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GdkRGBA color;

  /* The standalone accent colour is the one legible as text on the
   * view's background. */
  adw_accent_color_to_standalone_rgba (adw_style_manager_get_accent_color (style),
                                       adw_style_manager_get_dark (style), &color);
  chronicle_document_set_link_color (gtk_text_view_get_buffer (self->text_view), &color);
}

static char *
dup_meta_line (ChronicleItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *authors = chronicle_item_get_authors (item);
  GDateTime *date = chronicle_item_get_date_published (item);
  const char *language = chronicle_item_get_language (item);

  if (chronicle_item_get_source (item) != NULL)
    g_ptr_array_add (parts, g_strdup (chronicle_item_get_source (item)));
  if (authors != NULL && authors[0] != NULL)
    g_ptr_array_add (parts, g_strjoinv (", ", (char **) authors));

  if (date == NULL)
    g_ptr_array_add (parts, g_strdup (_("Unknown date")));
  else if (chronicle_item_get_has_time (item))
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (date, chronicle_local_time_zone ());
      g_ptr_array_add (parts, chronicle_format_date_time (local));
    }
  else
    /* Only the day is known: show it as the publisher dated it. */
    g_ptr_array_add (parts, chronicle_format_date (date));

  if (language != NULL)
    g_ptr_array_add (parts, g_strdup (chronicle_language_display_name (language)));

  g_ptr_array_add (parts, NULL);
  /* The parts of the line under the title: source, authors, date and
   * language. */
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Each language is written in its own name, where readers look for it. */
static const char *
version_name (ChronicleItem *item)
{
  const char *language = chronicle_item_get_language (item);

  return language != NULL ? chronicle_language_native_name (language) : chronicle_item_get_id (item);
}

/* In the order of their names, as language choosers list them. */
static int
compare_version_names (gconstpointer a,
                       gconstpointer b)
{
  return g_utf8_collate (version_name ((ChronicleItem *) a), version_name ((ChronicleItem *) b));
}

static void
update_language_menu (ChronicleArticleView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n = chronicle_story_get_n_items (self->story);
  const char *current = chronicle_item_get_language (self->item);
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_sized_new (n);

  gtk_widget_set_visible (GTK_WIDGET (self->language_button), n > 1);
  if (n <= 1)
    return;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, chronicle_story_get_item (self->story, i));
  g_ptr_array_sort_values (items, compare_version_names);

  for (guint i = 0; i < n; i++)
    {
      ChronicleItem *item = g_ptr_array_index (items, i);
      g_autoptr(GMenuItem) menu_item = g_menu_item_new (version_name (item), NULL);

      g_menu_item_set_action_and_target_value (menu_item, "win.read-in",
                                               g_variant_new_string (chronicle_item_get_id (item)));
      g_menu_append_item (section, menu_item);
    }

  g_menu_append_section (menu, _("Read In"), G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->language_button, G_MENU_MODEL (menu));
  gtk_menu_button_set_label (self->language_button,
                             current != NULL ? chronicle_language_native_name (current) : _("Language"));
}

static void
starred_cb (ChronicleArticleView *self)
{
  if (chronicle_story_get_starred (self->story))
    chronicle_article_view_keep_images (self);
}

static void
update_star (ChronicleArticleView *self)
{
  gboolean starred = self->story != NULL && chronicle_story_get_starred (self->story);
  const char *label = starred ? _("Remove Star") : _("Star");

  gtk_button_set_icon_name (self->star_button, starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
remeasure_text_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  gtk_widget_queue_resize (widget);
  return G_SOURCE_REMOVE;
}

/* GtkTextView gives as its height that of its text laid out at the width
 * it last had, and does not ask for more room once the text is laid out
 * at a new one: a short article shown first in the folded, zero-wide
 * pane of a narrow window kept a height of 0.  When the width changes,
 * it is measured again on the next frame, after its text is laid out. */
static void
width_changed_cb (ChronicleArticleView *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), remeasure_text_cb, NULL, NULL);
  chronicle_article_view_resize_images (self);
}

/* A podcast's episode or a video comes before the notes about it. */
static void
update_attachments (ChronicleArticleView *self)
{
  GPtrArray *attachments = chronicle_item_get_attachments (self->item);

  gtk_list_box_remove_all (self->attachments_list);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    gtk_list_box_append (self->attachments_list,
                         GTK_WIDGET (chronicle_attachment_row_new (g_ptr_array_index (attachments, i))));
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_list), attachments != NULL && attachments->len > 0);
}

static void
attachment_activated_cb (ChronicleArticleView *self,
                         GtkListBoxRow        *row)
{
  const ChronicleAttachment *attachment = chronicle_attachment_row_get_attachment (CHRONICLE_ATTACHMENT_ROW (row));

  g_signal_emit (self, signals[LINK_ACTIVATED], 0, attachment->url);
}

static void
show_header (ChronicleArticleView *self)
{
  g_autofree char *title = chronicle_item_dup_display_title (self->item);
  g_autofree char *meta = dup_meta_line (self->item);
  const char *translated_from = chronicle_item_get_translated_from (self->item);
  g_autoptr(PangoAttrList) language = chronicle_language_attributes_new (chronicle_item_get_language (self->item));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_attributes (self->title_label, language);
  gtk_label_set_text (self->meta_label, meta);

  gtk_widget_set_visible (GTK_WIDGET (self->translated_label), translated_from != NULL);
  if (translated_from != NULL)
    {
      /* Translators: %s is a language, such as "German" */
      g_autofree char *text = g_strdup_printf (_("Translated from %s"),
                                               chronicle_language_display_name (translated_from));
      gtk_label_set_text (self->translated_label, text);
    }
}

static void
show_body (ChronicleArticleView *self)
{
  ChronicleDocument *document = chronicle_item_get_document (self->item);
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);

  update_attachments (self);
  chronicle_article_view_stop_images (self);
  chronicle_document_render (document,
                             chronicle_item_get_language (self->item),
                             gtk_text_view_get_buffer (self->text_view),
                             self->block_starts,
                             anchors);
  chronicle_article_view_place_images (self, document, anchors);

  /* Back where the reader left it, or where the timeline asked. */
  self->restoring_position = TRUE;
  self->applying_position = TRUE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  self->applying_position = FALSE;
  if (self->pending_paragraph >= 0)
    {
      guint paragraph = self->pending_paragraph;

      self->pending_paragraph = -1;
      chronicle_article_view_show_paragraph (self, paragraph);
    }
  else
    chronicle_article_view_apply_saved_position (self);
}

static void
stop_loading (ChronicleArticleView *self)
{
  if (self->loading == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
item_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChronicleArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleItem) item = chronicle_library_load_item_finish (CHRONICLE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->loading);

  /* What the list knows is shown even when the body cannot be read. */
  if (item == NULL)
    {
      g_warning ("The article %s could not be read from the library: %s",
                 chronicle_item_get_id (self->item), error->message);
      self->pending_paragraph = -1;
    }
  else
    {
      g_set_object (&self->item, item);
      show_header (self);
      show_body (self);
    }

  /* Once the whole item is there: its link, for one. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The article's font size is a style of the display's, added once an
 * article shows: every style in the window is looked up again when it is
 * added, and looked up through it from then on, which cost every start
 * 3 to 5 ms for a page that shows no article. */
static void
attach_font_css (ChronicleArticleView *self)
{
  if (self->css_attached || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  self->css_attached = TRUE;
}

/**
 * chronicle_article_view_set_story:
 * @item: (nullable): which of the story's items to show, or %NULL for the
 *   one in the reader's language
 */
void
chronicle_article_view_set_story (ChronicleArticleView *self,
                                  ChronicleStory       *story,
                                  ChronicleItem        *item)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self));

  chronicle_article_view_clear_highlight (self);
  stop_loading (self);
  chronicle_article_view_stop_images (self);
  self->pending_paragraph = -1;

  if (self->story != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->story, update_star, self);
      g_signal_handlers_disconnect_by_func (self->story, starred_cb, self);
    }

  if (story == NULL)
    {
      g_clear_object (&self->story);
      g_clear_object (&self->item);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_visible (GTK_WIDGET (self->language_button), FALSE);
      update_star (self);
      return;
    }

  if (item == NULL)
    item = chronicle_story_get_preferred (story);

  g_set_object (&self->story, story);
  g_set_object (&self->item, item);
  g_signal_connect_object (story, "notify::starred", G_CALLBACK (update_star), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (story, "notify::starred", G_CALLBACK (starred_cb), self, G_CONNECT_SWAPPED);
  update_star (self);

  attach_font_css (self);
  show_header (self);
  update_language_menu (self);
  gtk_stack_set_visible_child_name (self->stack, "article");

  /* An article restored from the store has its list fields only; its body
   * comes from a worker, in a few milliseconds. */
  if (chronicle_item_get_partial (item) && self->library != NULL)
    {
      gtk_list_box_remove_all (self->attachments_list);
      gtk_widget_set_visible (GTK_WIDGET (self->attachments_list), FALSE);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
      g_array_set_size (self->block_starts, 0);
      self->loading = g_cancellable_new ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      chronicle_library_load_item_async (self->library, item, self->loading, item_loaded_cb, g_object_ref (self));
      return;
    }

  show_body (self);
}

/**
 * chronicle_article_view_get_story:
 *
 * Returns: (transfer none) (nullable): the story shown
 */
ChronicleStory *
chronicle_article_view_get_story (ChronicleArticleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), NULL);

  return self->story;
}

/**
 * chronicle_article_view_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown, the story's
 *   translation the reader reads
 */
ChronicleItem *
chronicle_article_view_get_item (ChronicleArticleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), NULL);

  return self->item;
}

/**
 * chronicle_article_view_dup_text:
 *
 * Returns: the text shown, for tests and accessibility checks
 */
char *
chronicle_article_view_dup_text (ChronicleArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
click_released_cb (ChronicleArticleView *self,
                   int                   n_press,
                   double                x,
                   double                y,
                   GtkGestureClick      *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  const char *href;
  int bx, by;

  /* A click that ends a selection is not a click on a link. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;

  href = chronicle_document_link_at_iter (&iter);
  if (href != NULL)
    g_signal_emit (self, signals[LINK_ACTIVATED], 0, href);
}

/* A link the reader follows, from the text, a file or a picture. */
void
chronicle_article_view_activate_link (ChronicleArticleView *self,
                                      const char           *uri)
{
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, uri);
}

static void
motion_cb (ChronicleArticleView     *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  GtkTextIter iter;
  int bx, by;
  gboolean over_link = FALSE;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    over_link = chronicle_document_link_at_iter (&iter) != NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), over_link ? "pointer" : "text");
}

static void
chronicle_article_view_realize (GtkWidget *widget)
{
  ChronicleArticleView *self = CHRONICLE_ARTICLE_VIEW (widget);

  GTK_WIDGET_CLASS (chronicle_article_view_parent_class)->realize (widget);

  if (self->story != NULL)
    attach_font_css (self);
}

static void
chronicle_article_view_unrealize (GtkWidget *widget)
{
  ChronicleArticleView *self = CHRONICLE_ARTICLE_VIEW (widget);

  if (self->css_attached)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (widget),
                                                   GTK_STYLE_PROVIDER (self->css));
  self->css_attached = FALSE;

  GTK_WIDGET_CLASS (chronicle_article_view_parent_class)->unrealize (widget);
}

static void
chronicle_article_view_dispose (GObject *object)
{
  ChronicleArticleView *self = CHRONICLE_ARTICLE_VIEW (object);

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_handle_id (&self->restore_source, g_source_remove);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  chronicle_article_view_stop_images (self);
  g_clear_object (&self->network);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->library);
  if (self->story != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->story, update_star, self);
      g_signal_handlers_disconnect_by_func (self->story, starred_cb, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_ARTICLE_VIEW);
  g_clear_object (&self->story);
  g_clear_object (&self->item);
  g_clear_object (&self->settings);
  g_clear_object (&self->css);

  G_OBJECT_CLASS (chronicle_article_view_parent_class)->dispose (object);
}

static void
chronicle_article_view_finalize (GObject *object)
{
  ChronicleArticleView *self = CHRONICLE_ARTICLE_VIEW (object);

  g_array_unref (self->block_starts);
  g_ptr_array_unref (self->images);

  G_OBJECT_CLASS (chronicle_article_view_parent_class)->finalize (object);
}

static void
chronicle_article_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChronicleArticleView *self = CHRONICLE_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, chronicle_article_view_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_article_view_class_init (ChronicleArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_article_view_dispose;
  object_class->finalize = chronicle_article_view_finalize;
  object_class->get_property = chronicle_article_view_get_property;

  /**
   * ChronicleArticleView:loading:
   *
   * Whether the article's body is being read from the library.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->realize = chronicle_article_view_realize;
  widget_class->unrealize = chronicle_article_view_unrealize;

  /**
   * ChronicleArticleView::link-activated:
   * @href: the link's address
   *
   * The reader clicked a link in the article.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, language_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, star_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, translated_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, text_view);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleView, clamp);
  gtk_widget_class_bind_template_callback (widget_class, attachment_activated_cb);

  /* Single keys act only while the article has the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "win.toggle-star", NULL);
}

static void
chronicle_article_view_init (ChronicleArticleView *self)
{
  GtkGesture *click;
  GtkEventController *motion;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->block_starts = g_array_new (FALSE, FALSE, sizeof (int));
  self->images = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_paragraph = -1;
  self->settings = g_settings_new (BASE_ID);
  self->css = gtk_css_provider_new ();

  g_signal_connect_object (self->settings, "changed::font-size", G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::zoom", G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::load-images", G_CALLBACK (chronicle_article_view_reconsider_images),
                           self, G_CONNECT_SWAPPED);
  update_font (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_link_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::accent-color",
                           G_CALLBACK (update_link_color), self, G_CONNECT_SWAPPED);
  update_link_color (self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (chronicle_article_view_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (chronicle_article_view_text_grew_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled_window), "notify::page-size",
                           G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * chronicle_article_view_set_library:
 *
 * Where the bodies of articles restored from the store are read from.
 */
void
chronicle_article_view_set_library (ChronicleArticleView *self,
                                    ChronicleLibrary     *library)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self));
  g_return_if_fail (library == NULL || CHRONICLE_IS_LIBRARY (library));

  g_set_object (&self->library, library);
}

/**
 * chronicle_article_view_get_loading:
 *
 * Returns: whether the article's body is being read from the library
 */
gboolean
chronicle_article_view_get_loading (ChronicleArticleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_VIEW (self), FALSE);

  return self->loading != NULL;
}
