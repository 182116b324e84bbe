/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-article-list"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-article-list.h"
#include "chronicle-day-sections.h"
#include "chronicle-list-pacing.h"
#include "chronicle-list-top.h"
#include "chronicle-menu-button.h"
#include "chronicle-search.h"
#include "chronicle-story-row.h"
#include "chronicle-subscription-properties.h"

/* The sidebar: stories newest first under day headings, narrowed by the
 * All/Unread/Starred filter, the collection the sidebar chose and a live
 * search.  The model
 * chain is library (sorted) → filter → day sections → selection. */

typedef enum
{
  FILTER_ALL,
  FILTER_UNREAD,
  FILTER_STARRED,
} ReadFilter;

struct _ChronicleArticleList
{
  AdwBin               parent_instance;

  ChronicleLibrary    *library;
  ChronicleListPacing *pacing;            /* of the library's listing */
  GtkListItemFactory  *row_factory;
  GSettings           *settings;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  char               **terms;
  char                *query;
  ChronicleSearchResult *result;          /* of terms, for stories there were */
  gboolean             indexing;          /* the library's, when last looked at */
  ReadFilter           read_filter;
  char                *collection;
  ChronicleCollection *watched;           /* the collection chosen, while listed */
  gulong               watched_id;
  gboolean             loading;

  AdwToggleGroup      *filter_group;
  GtkMenuButton       *list_menu_button;
  GMenuModel          *list_menu;
  AdwBanner           *failed_banner;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *results_label;
  GtkStack            *stack;
  GtkListView         *list_view;
};

enum {
  PROP_0,
  PROP_SELECTED_STORY,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChronicleArticleList, chronicle_article_list, ADW_TYPE_BIN)

static gboolean
searching (ChronicleArticleList *self)
{
  return self->terms != NULL && self->terms[0] != NULL;
}

/* A search waits for the keys of the collections just opened. */
static gboolean
search_waits (ChronicleArticleList *self)
{
  return searching (self) && self->indexing;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ChronicleArticleList *self = user_data;
  ChronicleStory *story = item;

  if (self->collection != NULL && self->collection[0] != '\0' &&
      g_strcmp0 (chronicle_story_get_collection_id (story), self->collection) != 0)
    return FALSE;

  if (self->read_filter == FILTER_UNREAD && chronicle_story_get_read (story))
    return FALSE;
  if (self->read_filter == FILTER_STARRED && !chronicle_story_get_starred (story))
    return FALSE;

  if (search_waits (self))
    return FALSE;
  if (searching (self) && !(self->result != NULL ? chronicle_search_result_contains (self->result, story)
                                                : chronicle_story_matches (story, self->terms)))
    return FALSE;

  return TRUE;
}

/* What failed when the subscription shown was last refreshed, and when,
 * or NULL. */
static char *
dup_failure (ChronicleArticleList *self)
{
  return self->watched != NULL ? chronicle_describe_failure (chronicle_collection_get_fetch_state (self->watched))
                               : NULL;
}

static void update_banner (ChronicleArticleList *self);

/* The pages shown instead of the list are made when one first shows:
 * most windows only ever show the list. */
static AdwStatusPage *
show_status_page (ChronicleArticleList *self,
                  const char           *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  if (page == NULL)
    {
      page = adw_status_page_new ();
      gtk_widget_add_css_class (page, "compact");
      if (g_str_equal (name, "loading"))
        {
          /* The spinner turns while its page is mapped: the page's, not
           * the stack's, which would turn it, and draw 60 frames a second,
           * whatever the stack shows. */
          g_autoptr(AdwSpinnerPaintable) spinner = adw_spinner_paintable_new (page);

          adw_status_page_set_paintable (ADW_STATUS_PAGE (page), GDK_PAINTABLE (spinner));
          adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Loading Articles"));
        }
      else if (g_str_equal (name, "no-results"))
        {
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "system-search-symbolic");
          adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Results"));
          adw_status_page_set_description (ADW_STATUS_PAGE (page), _("Try a different search"));
        }
      gtk_stack_add_named (self->stack, page, name);
    }

  gtk_stack_set_visible_child (self->stack, page);
  return ADW_STATUS_PAGE (page);
}

/* What the list would show, and why there is nothing. */
static void
show_empty_page (ChronicleArticleList *self,
                 const char           *failure,
                 guint                 n_all)
{
  AdwStatusPage *page = show_status_page (self, "empty");

  adw_status_page_set_icon_name (page, failure != NULL ? "network-error-symbolic" : "chronicle-articles-symbolic");
  if (failure != NULL)
    {
      adw_status_page_set_title (page, _("The last refresh failed"));
      adw_status_page_set_description (page, failure);
    }
  else if (n_all > 0 && self->read_filter == FILTER_UNREAD)
    {
      adw_status_page_set_title (page, _("No Unread Articles"));
      adw_status_page_set_description (page, _("You have read every article"));
    }
  else if (n_all > 0 && self->read_filter == FILTER_STARRED)
    {
      adw_status_page_set_title (page, _("No Starred Articles"));
      adw_status_page_set_description (page, _("Star an article to find it here"));
    }
  else if (self->collection != NULL && self->collection[0] != '\0')
    {
      adw_status_page_set_title (page, _("No Articles"));
      adw_status_page_set_description (page, _("There are no articles here yet"));
    }
  else
    {
      adw_status_page_set_title (page, _("No Articles"));
      adw_status_page_set_description (page, _("Open a collection to read its articles"));
    }
}

static void
update_page (ChronicleArticleList *self)
{
  g_autofree char *failure = dup_failure (self);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_all = self->library != NULL ? g_list_model_get_n_items (chronicle_library_get_stories (self->library)) : 0;

  if (searching (self))
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u article found", "%u articles found", n_shown), n_shown);
      gtk_label_set_text (self->results_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), searching (self) && !search_waits (self));

  if ((self->loading && n_all == 0) || search_waits (self))
    show_status_page (self, "loading");
  /* Nothing to say before the list has its library: the settings bound
   * while it is built would make the empty page for nothing. */
  else if (self->library == NULL)
    return;
  else if (n_shown > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (searching (self))
    show_status_page (self, "no-results");
  else
    show_empty_page (self, failure, n_all);
  update_banner (self);
}

static gboolean
narrows (ChronicleArticleList *self)
{
  return (self->collection != NULL && self->collection[0] != '\0') ||
         self->read_filter != FILTER_ALL ||
         searching (self);
}

static void
refilter_as (ChronicleArticleList *self,
             GtkFilterChange       change)
{
  /* With nothing to narrow by, a filter without a function matches every
   * story at once, instead of being asked about each one. */
  gboolean has_func = gtk_filter_get_strictness (GTK_FILTER (self->filter)) != GTK_FILTER_MATCH_ALL;

  if (narrows (self) && !has_func)
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  else if (!narrows (self) && has_func)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else if (has_func)
    gtk_filter_changed (GTK_FILTER (self->filter), change);

  update_page (self);
}

static void
refilter (ChronicleArticleList *self)
{
  refilter_as (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_changed_cb (ChronicleArticleList *self,
                   GtkSearchEntry       *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  /* The entry reports its text after a delay even when it was searched
   * for at once (see chronicle_article_list_set_search_text()). */
  if (g_strcmp0 (text, self->query) == 0)
    return;

  /* Typing on narrows what already matched, and deleting widens it: the
   * filter then looks only at what may change. */
  if (self->query != NULL && g_str_has_prefix (text, self->query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query != NULL && g_str_has_prefix (self->query, text))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_set_str (&self->query, text);
  g_strfreev (self->terms);
  self->terms = chronicle_search_terms (text);

  /* The library reads all of its keys at once, and the filter looks
   * stories up in what it found.  Most keystrokes find what the one
   * before found, and then the list has nothing to filter. */
  if (self->library != NULL && searching (self) && !search_waits (self))
    {
      ChronicleSearchResult *narrowing = change == GTK_FILTER_CHANGE_MORE_STRICT ? self->result : NULL;
      g_autoptr(ChronicleSearchResult) old = g_steal_pointer (&self->result);

      self->result = chronicle_library_search (self->library, self->terms, narrowing);
      if (old != NULL && chronicle_search_result_same (old, self->result))
        {
          update_page (self);
          return;
        }
    }
  else
    g_clear_pointer (&self->result, chronicle_search_result_free);

  refilter_as (self, change);
}

static void
search_mode_changed_cb (ChronicleArticleList *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

static void
filter_group_changed_cb (ChronicleArticleList *self)
{
  const char *name = adw_toggle_group_get_active_name (self->filter_group);

  if (g_strcmp0 (name, "unread") == 0)
    self->read_filter = FILTER_UNREAD;
  else if (g_strcmp0 (name, "starred") == 0)
    self->read_filter = FILTER_STARRED;
  else
    self->read_filter = FILTER_ALL;

  refilter (self);
}

static void
selection_changed_cb (ChronicleArticleList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORY]);
}

static void
activate_cb (ChronicleArticleList *self,
             guint                 position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* A subscription whose last refresh failed says so above its articles. */
static void
update_banner (ChronicleArticleList *self)
{
  g_autofree char *failure = dup_failure (self);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  adw_banner_set_title (self->failed_banner, failure != NULL ? failure : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->failed_banner), failure);
  if (self->watched != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->failed_banner), "s",
                                        chronicle_collection_get_id (self->watched));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->failed_banner), "win.subscription-properties");
    }
  /* Without articles, the empty page says it instead. */
  adw_banner_set_revealed (self->failed_banner, failure != NULL && n_shown > 0);
}

static void
watch_collection (ChronicleArticleList *self)
{
  ChronicleCollection *collection = NULL;

  if (self->library != NULL && self->collection != NULL && self->collection[0] != '\0')
    collection = chronicle_library_find_collection (self->library, self->collection);
  if (collection != self->watched)
    {
      if (self->watched != NULL)
        g_clear_signal_handler (&self->watched_id, self->watched);
      g_set_object (&self->watched, collection);
      if (collection != NULL)
        self->watched_id = g_signal_connect_swapped (collection, "notify::fetch-state", G_CALLBACK (update_page),
                                                     self);
    }
  update_page (self);
}

/* The sidebar chose another collection, through the settings. */
static void
collection_changed_cb (ChronicleArticleList *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "collection");

  if (g_set_str (&self->collection, id))
    refilter (self);
  update_page (self);
  watch_collection (self);
}

static void
items_changed_cb (ChronicleArticleList *self)
{
  update_page (self);
}

static void
library_loading_cb (ChronicleArticleList *self)
{
  gboolean indexing = chronicle_library_get_indexing (self->library);

  if (indexing == self->indexing)
    return;

  /* The search runs again once all keys are there, or waits. */
  self->indexing = indexing;
  g_clear_pointer (&self->result, chronicle_search_result_free);
  if (searching (self) && !indexing)
    self->result = chronicle_library_search (self->library, self->terms, NULL);
  if (searching (self))
    refilter (self);
}

/**
 * chronicle_article_list_set_library:
 *
 * Shows the stories of @library.
 */
void
chronicle_article_list_set_library (ChronicleArticleList *self,
                                    ChronicleLibrary     *library)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));
  g_return_if_fail (CHRONICLE_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_clear_pointer (&self->pacing, chronicle_list_pacing_free);
  self->pacing = chronicle_list_pacing_new (GTK_WIDGET (self), library);
  gtk_filter_list_model_set_model (self->filter_model, chronicle_library_get_stories (library));

  g_signal_connect_object (chronicle_library_get_stories (library), "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::loading",
                           G_CALLBACK (library_loading_cb), self, G_CONNECT_SWAPPED);
  self->indexing = chronicle_library_get_indexing (library);
  g_signal_connect_object (chronicle_library_get_collections (library), "items-changed",
                           G_CALLBACK (watch_collection), self, G_CONNECT_SWAPPED);
  watch_collection (self);
  update_page (self);
}

/**
 * chronicle_article_list_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected story
 */
/**
 * chronicle_article_list_set_thumbnails:
 * @thumbnails: (nullable): where the rows' pictures come from; set before
 *   the list has rows
 */
void
chronicle_article_list_set_thumbnails (ChronicleArticleList *self,
                                       ChronicleThumbnails  *thumbnails)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));

  chronicle_story_row_factory_set_thumbnails (self->row_factory, thumbnails);
}

ChronicleStory *
chronicle_article_list_get_selected (ChronicleArticleList *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * chronicle_article_list_select_story:
 *
 * Selects @story and scrolls to it.
 *
 * Returns: %TRUE if the story is in the list as filtered now
 */
gboolean
chronicle_article_list_select_story (ChronicleArticleList *self,
                                     ChronicleStory       *story)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_LIST (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleStory) item = g_list_model_get_item (model, i);

      if (item == story)
        {
          chronicle_list_let_go (self->list_view);
          gtk_list_view_scroll_to (self->list_view, i, GTK_LIST_SCROLL_SELECT | GTK_LIST_SCROLL_FOCUS, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * chronicle_article_list_select_relative:
 * @offset: 1 for the next story, -1 for the previous one
 *
 * Returns: %TRUE if there was a story to move to
 */
gboolean
chronicle_article_list_select_relative (ChronicleArticleList *self,
                                        int                   offset)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint selected = gtk_single_selection_get_selected (self->selection);
  gint64 target;

  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_LIST (self), FALSE);

  if (n == 0)
    return FALSE;

  if (selected == GTK_INVALID_LIST_POSITION)
    target = offset > 0 ? 0 : (gint64) n - 1;
  else
    target = (gint64) selected + offset;

  if (target < 0 || target >= n)
    return FALSE;

  chronicle_list_let_go (self->list_view);
  gtk_list_view_scroll_to (self->list_view, (guint) target, GTK_LIST_SCROLL_SELECT | GTK_LIST_SCROLL_FOCUS, NULL);
  return TRUE;
}

void
chronicle_article_list_start_search (ChronicleArticleList *self)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * chronicle_article_list_get_search_text:
 *
 * Returns: (nullable): what the reader searches for, or %NULL when the
 *   search is closed
 */
const char *
chronicle_article_list_get_search_text (ChronicleArticleList *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_LIST (self), NULL);

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return NULL;

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/**
 * chronicle_article_list_set_search_text:
 * @text: (nullable): what to search for, or %NULL to close the search
 */
void
chronicle_article_list_set_search_text (ChronicleArticleList *self,
                                        const char           *text)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL);
  if (text == NULL)
    return;

  /* Setting the text empties the entry first, which the entry reports at
   * once; one change is what a reader who types sees, so only the
   * outcome is searched for, at once rather than after the typing delay. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  search_changed_cb (self, self->search_entry);
}

/**
 * chronicle_article_list_set_key_capture:
 *
 * Lets typing in @widget start a search, as in the GNOME file chooser.
 */
void
chronicle_article_list_set_key_capture (ChronicleArticleList *self,
                                        GtkWidget            *widget)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

/**
 * chronicle_article_list_get_n_shown:
 *
 * Returns: the number of stories the list shows with its filters
 */
guint
chronicle_article_list_get_n_shown (ChronicleArticleList *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

void
chronicle_article_list_set_loading (ChronicleArticleList *self,
                                    gboolean              loading)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));

  self->loading = loading;
  update_page (self);
}

/**
 * chronicle_article_list_refresh:
 *
 * Applies the filters again, as after reading starred or unread articles,
 * and redraws dates and titles (after a change of language).
 */
void
chronicle_article_list_refresh (ChronicleArticleList *self)
{
  g_return_if_fail (CHRONICLE_IS_ARTICLE_LIST (self));

  refilter (self);
}

static void
chronicle_article_list_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChronicleArticleList *self = CHRONICLE_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_STORY:
      g_value_set_object (value, chronicle_article_list_get_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_article_list_dispose (GObject *object)
{
  ChronicleArticleList *self = CHRONICLE_ARTICLE_LIST (object);

  g_clear_pointer (&self->pacing, chronicle_list_pacing_free);
  if (self->watched != NULL)
    g_clear_signal_handler (&self->watched_id, self->watched);
  g_clear_object (&self->watched);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_ARTICLE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->library);
  g_clear_object (&self->row_factory);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chronicle_article_list_parent_class)->dispose (object);
}

static void
chronicle_article_list_finalize (GObject *object)
{
  ChronicleArticleList *self = CHRONICLE_ARTICLE_LIST (object);

  g_strfreev (self->terms);
  g_free (self->query);
  g_clear_pointer (&self->result, chronicle_search_result_free);
  g_free (self->collection);

  G_OBJECT_CLASS (chronicle_article_list_parent_class)->finalize (object);
}

static void
chronicle_article_list_class_init (ChronicleArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_article_list_dispose;
  object_class->finalize = chronicle_article_list_finalize;
  object_class->get_property = chronicle_article_list_get_property;

  properties[PROP_SELECTED_STORY] =
    g_param_spec_object ("selected-story", NULL, NULL,
                         CHRONICLE_TYPE_STORY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleArticleList::activated:
   *
   * The reader chose the selected story, with a click or Enter.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (CHRONICLE_TYPE_STORY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronicle-article-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, filter_group);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, list_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, list_menu);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, failed_banner);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, results_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleArticleList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  /* Single keys act only while the list has the focus, never in an entry. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "win.toggle-star", NULL);
}

static void
chronicle_article_list_init (ChronicleArticleList *self)
{
  g_autoptr(GtkListItemFactory) header_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  chronicle_menu_button_defer_menu (self->list_menu_button, self->list_menu);

  /* The entry sits in a box with the count of results, so the bar does
   * not find it by itself; typing in the window goes to it. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->settings = g_settings_new (BASE_ID);

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (chronicle_day_sections_new (G_LIST_MODEL (self->filter_model))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  chronicle_list_keep_top (self->list_view, G_LIST_MODEL (self->selection));

  self->row_factory = chronicle_story_row_factory_new ();
  gtk_list_view_set_factory (self->list_view, self->row_factory);

  header_factory = chronicle_day_sections_header_factory_new ();
  gtk_list_view_set_header_factory (self->list_view, header_factory);

  self->collection = g_settings_get_string (self->settings, "collection");

  g_settings_bind (self->settings, "article-filter", self->filter_group, "active-name", G_SETTINGS_BIND_DEFAULT);
  filter_group_changed_cb (self);

  g_signal_connect_object (self->filter_group, "notify::active-name",
                           G_CALLBACK (filter_group_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::collection",
                           G_CALLBACK (collection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * chronicle_article_list_get_shown:
 *
 * Returns: (transfer none): the stories the list shows now, in its order:
 *   the collection, filter and search applied
 */
GListModel *
chronicle_article_list_get_shown (ChronicleArticleList *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ARTICLE_LIST (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}
