/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "chronicle-list-top.h"
#include "chronicle-sidebar.h"
#include "chronicle-sidebar-entry.h"
#include "chronicle-sidebar-row.h"

/* The first pane: "All Articles", "Unread", "Starred", then the
 * subscriptions outside folders, each folder, and the collections opened
 * from files, under headings.  Choosing a row chooses what the article
 * list shows, through the settings the list follows ("collection" and
 * "article-filter"), so that the choice outlives the window. */

/* Where each kind of section comes. */
enum {
  SECTION_VIEWS,
  SECTION_SUBSCRIPTIONS,
  SECTION_FOLDERS,   /* and on, one per folder */
};

typedef struct
{
  ChronicleCollection *collection;
  gulong               handler;
} Watch;

struct _ChronicleSidebar
{
  AdwBin              parent_instance;

  ChronicleLibrary   *library;
  GSettings          *settings;
  GListStore         *entries;
  GtkSingleSelection *selection;
  GArray             *watches;        /* of Watch, collections shown */
  guint               rebuild_id;
  gboolean            syncing;        /* setting the selection itself */

  GtkListView        *list_view;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChronicleSidebar, chronicle_sidebar, ADW_TYPE_BIN)

static void
unwatch_all (ChronicleSidebar *self)
{
  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = &g_array_index (self->watches, Watch, i);

      g_signal_handler_disconnect (watch->collection, watch->handler);
      g_object_unref (watch->collection);
    }
  g_array_set_size (self->watches, 0);
}

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  ChronicleCollection *first = *(ChronicleCollection **) a;
  ChronicleCollection *second = *(ChronicleCollection **) b;

  return g_utf8_collate (chronicle_collection_get_title (first), chronicle_collection_get_title (second));
}

static int
compare_folders (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void sync_selection (ChronicleSidebar *self);
static void rebuild_later  (ChronicleSidebar *self);

/* A new title or folder moves the row. */
static void
collection_notify_cb (ChronicleSidebar *self,
                      GParamSpec       *pspec)
{
  if (g_str_equal (pspec->name, "title") || g_str_equal (pspec->name, "folder"))
    rebuild_later (self);
}

/* Entries for @collections, sorted by title, into @entries. */
static void
add_section (GPtrArray   *entries,
             GPtrArray   *collections,
             guint        section,
             const char  *title)
{
  g_ptr_array_sort (collections, compare_titles);
  for (guint i = 0; i < collections->len; i++)
    g_ptr_array_add (entries, chronicle_sidebar_entry_new (CHRONICLE_SIDEBAR_COLLECTION,
                                                           g_ptr_array_index (collections, i), section, title));
}

static void
rebuild (ChronicleSidebar *self)
{
  GListModel *collections = chronicle_library_get_collections (self->library);
  guint n = g_list_model_get_n_items (collections);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autofree const char **names = NULL;
  guint n_folders;

  unwatch_all (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleCollection) collection = g_list_model_get_item (collections, i);
      const char *folder = chronicle_collection_get_folder (collection);
      Watch watch = { g_object_ref (collection), 0 };

      watch.handler = g_signal_connect_swapped (collection, "notify", G_CALLBACK (collection_notify_cb), self);
      g_array_append_val (self->watches, watch);

      if (!chronicle_collection_get_web (collection))
        g_ptr_array_add (files, collection);
      else if (folder == NULL)
        g_ptr_array_add (loose, collection);
      else
        {
          GPtrArray *in_folder = g_hash_table_lookup (folders, folder);

          if (in_folder == NULL)
            g_hash_table_insert (folders, (gpointer) folder, in_folder = g_ptr_array_new ());
          g_ptr_array_add (in_folder, collection);
        }
    }

  g_ptr_array_add (entries, chronicle_sidebar_entry_new (CHRONICLE_SIDEBAR_ALL, NULL, SECTION_VIEWS, NULL));
  g_ptr_array_add (entries, chronicle_sidebar_entry_new (CHRONICLE_SIDEBAR_UNREAD, NULL, SECTION_VIEWS, NULL));
  g_ptr_array_add (entries, chronicle_sidebar_entry_new (CHRONICLE_SIDEBAR_STARRED, NULL, SECTION_VIEWS, NULL));
  add_section (entries, loose, SECTION_SUBSCRIPTIONS, _("Subscriptions"));

  names = (const char **) g_hash_table_get_keys_as_array (folders, &n_folders);
  qsort (names, n_folders, sizeof *names, compare_folders);
  for (guint i = 0; i < n_folders; i++)
    add_section (entries, g_hash_table_lookup (folders, names[i]), SECTION_FOLDERS + i, names[i]);
  add_section (entries, files, SECTION_FOLDERS + n_folders, _("Collections"));

  self->syncing = TRUE;
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  self->syncing = FALSE;
  sync_selection (self);
}

static gboolean
rebuild_cb (gpointer data)
{
  ChronicleSidebar *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Many collections change together after a refresh: one rebuild. */
static void
rebuild_later (ChronicleSidebar *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* The row of what the settings say is shown. */
static void
sync_selection (ChronicleSidebar *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "collection");
  g_autofree char *filter = g_settings_get_string (self->settings, "article-filter");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && selected == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(ChronicleSidebarEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
      ChronicleCollection *collection = chronicle_sidebar_entry_get_collection (entry);

      switch (chronicle_sidebar_entry_get_kind (entry))
        {
        case CHRONICLE_SIDEBAR_ALL:
          if (id[0] == '\0' && g_str_equal (filter, "all"))
            selected = i;
          break;
        case CHRONICLE_SIDEBAR_UNREAD:
          if (id[0] == '\0' && g_str_equal (filter, "unread"))
            selected = i;
          break;
        case CHRONICLE_SIDEBAR_STARRED:
          if (id[0] == '\0' && g_str_equal (filter, "starred"))
            selected = i;
          break;
        case CHRONICLE_SIDEBAR_COLLECTION:
        default:
          if (g_str_equal (id, chronicle_collection_get_id (collection)))
            selected = i;
          break;
        }
    }

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, selected);
  self->syncing = FALSE;
}

static void
selected_cb (ChronicleSidebar *self)
{
  ChronicleSidebarEntry *entry = gtk_single_selection_get_selected_item (self->selection);
  ChronicleCollection *collection;

  if (self->syncing || entry == NULL)
    return;

  collection = chronicle_sidebar_entry_get_collection (entry);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "collection", collection != NULL ? chronicle_collection_get_id (collection) : "");
  switch (chronicle_sidebar_entry_get_kind (entry))
    {
    case CHRONICLE_SIDEBAR_ALL:
      g_settings_set_string (self->settings, "article-filter", "all");
      break;
    case CHRONICLE_SIDEBAR_UNREAD:
      g_settings_set_string (self->settings, "article-filter", "unread");
      break;
    case CHRONICLE_SIDEBAR_STARRED:
      g_settings_set_string (self->settings, "article-filter", "starred");
      break;
    case CHRONICLE_SIDEBAR_COLLECTION:
    default:
      break;
    }
  g_settings_apply (self->settings);
}

static void
chosen_cb (ChronicleSidebar *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ChronicleSidebar         *self)
{
  GtkWidget *row = g_object_new (CHRONICLE_TYPE_SIDEBAR_ROW, NULL);

  gtk_list_item_set_child (item, row);
  g_object_bind_property (row, "description", item, "accessible-label", G_BINDING_SYNC_CREATE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ChronicleSidebar         *self)
{
  chronicle_sidebar_row_set_entry (CHRONICLE_SIDEBAR_ROW (gtk_list_item_get_child (item)),
                                   gtk_list_item_get_item (item), self->library);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ChronicleSidebar         *self)
{
  chronicle_sidebar_row_set_entry (CHRONICLE_SIDEBAR_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
setup_header_cb (GtkSignalListItemFactory *factory,
                 GtkListHeader            *header)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "sidebar-heading");
  gtk_list_header_set_child (header, label);
}

static void
bind_header_cb (GtkSignalListItemFactory *factory,
                GtkListHeader            *header)
{
  ChronicleSidebarEntry *entry = gtk_list_header_get_item (header);
  const char *title = chronicle_sidebar_entry_get_section_title (entry);
  GtkWidget *label = gtk_list_header_get_child (header);

  gtk_label_set_text (GTK_LABEL (label), title != NULL ? title : "");
  gtk_widget_set_visible (label, title != NULL);
}

static int
compare_sections (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint first = chronicle_sidebar_entry_get_section ((ChronicleSidebarEntry *) a);
  guint second = chronicle_sidebar_entry_get_section ((ChronicleSidebarEntry *) b);

  return first < second ? GTK_ORDERING_SMALLER : first > second ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/**
 * chronicle_sidebar_set_library:
 *
 * Lists @library's collections, and counts its articles.
 */
void
chronicle_sidebar_set_library (ChronicleSidebar *self,
                               ChronicleLibrary *library)
{
  g_return_if_fail (CHRONICLE_IS_SIDEBAR (self));
  g_return_if_fail (CHRONICLE_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_signal_connect_object (chronicle_library_get_collections (library), "items-changed",
                           G_CALLBACK (rebuild_later), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

/**
 * chronicle_sidebar_get_model:
 *
 * Returns: (transfer none): the sidebar's rows, of #ChronicleSidebarEntry,
 *   with the row shown as chosen selected
 */
GListModel *
chronicle_sidebar_get_model (ChronicleSidebar *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->selection);
}

static void
chronicle_sidebar_dispose (GObject *object)
{
  ChronicleSidebar *self = CHRONICLE_SIDEBAR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->watches != NULL)
    unwatch_all (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (chronicle_sidebar_parent_class)->dispose (object);
}

static void
chronicle_sidebar_finalize (GObject *object)
{
  ChronicleSidebar *self = CHRONICLE_SIDEBAR (object);

  g_array_unref (self->watches);

  G_OBJECT_CLASS (chronicle_sidebar_parent_class)->finalize (object);
}

static void
chronicle_sidebar_class_init (ChronicleSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_sidebar_dispose;
  object_class->finalize = chronicle_sidebar_finalize;

  /**
   * ChronicleSidebar::activated:
   *
   * The reader chose a row (a click, Enter), and wants to see its
   * articles.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronicle_reader/Chronicle/chronicle-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleSidebar, list_view);
}

static void
chronicle_sidebar_init (ChronicleSidebar *self)
{
  GtkListItemFactory *factory;
  GtkListItemFactory *header_factory;
  GtkSortListModel *sorted;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->watches = g_array_new (FALSE, FALSE, sizeof (Watch));
  self->settings = g_settings_new (BASE_ID);
  self->entries = g_list_store_new (CHRONICLE_TYPE_SIDEBAR_ENTRY);

  /* Entries come in order; the sorter makes the sections of it. */
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)), NULL);
  gtk_sort_list_model_set_section_sorter (sorted, GTK_SORTER (gtk_custom_sorter_new (compare_sections, NULL, NULL)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  header_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (header_factory, "setup", G_CALLBACK (setup_header_cb), NULL);
  g_signal_connect (header_factory, "bind", G_CALLBACK (bind_header_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_header_factory (self->list_view, header_factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  /* Made again whole when the collections change: the top stays in sight. */
  chronicle_list_keep_top (self->list_view, G_LIST_MODEL (self->selection));
  g_object_unref (factory);
  g_object_unref (header_factory);

  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (chosen_cb), self, G_CONNECT_SWAPPED);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (self->settings, "changed::collection", G_CALLBACK (sync_selection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::article-filter", G_CALLBACK (sync_selection), self,
                           G_CONNECT_SWAPPED);
}
