/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-article-list.h"
#include "chronicle-article-view.h"
#include "chronicle-event.h"
#include "chronicle-sidebar.h"
#include "chronicle-timeline-view.h"
#include "chronicle-window.h"

G_BEGIN_DECLS

typedef struct _ChronicleMarking ChronicleMarking;

struct _ChronicleWindow
{
  AdwApplicationWindow    parent_instance;

  GSettings              *settings;
  ChronicleLibrary       *library;
  gboolean                showing_story;
  guint                   files_loading;
  gboolean                busy;
  guint                   spinner_id;      /* shows the spinner, once busy long enough */
  GHashTable             *undos;           /* serial → keys marked read */
  guint                   undo_serial;
  ChronicleMarking       *marking;         /* under way, or NULL */
  GHashTable             *removals;        /* key → AdwToast: removals that can be undone */

  AdwToastOverlay        *toast_overlay;
  AdwHeaderBar           *header_bar;
  GtkMenuButton          *primary_menu_button;
  GMenuModel             *primary_menu;
  AdwBanner              *problems_banner;
  GtkWidget              *loading_spinner;
  GtkWidget              *refresh_status;
  GtkLabel               *refresh_label;
  AdwViewSwitcher        *switcher;
  AdwViewStack           *stack;
  GtkWidget              *sidebar_button;
  GtkToggleButton        *search_button;
  AdwOverlaySplitView    *sources_split;
  ChronicleSidebar       *sidebar;
  AdwNavigationSplitView *split_view;
  AdwViewSwitcherBar     *switcher_bar;
  ChronicleArticleList   *article_list;
  AdwNavigationPage      *article_page;
  ChronicleArticleView   *article_view;
  AdwBin                 *timeline_bin;
  ChronicleTimelineView  *timeline_view; /* made when first shown */
};

void chronicle_window_init_dnd     (ChronicleWindow *self);
void chronicle_window_init_layout  (ChronicleWindow *self);
void chronicle_window_init_sources (ChronicleWindow *self);
void chronicle_window_sidebar_activated_cb (ChronicleWindow *self);
void chronicle_window_switcher_bar_revealed_cb (ChronicleWindow *self);
void chronicle_window_search_toggled_cb (ChronicleWindow *self);
void chronicle_window_toggle_sidebar_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
void chronicle_window_show_source_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);
void chronicle_window_mark_source_read_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void chronicle_window_rename_subscription_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);
void chronicle_window_subscription_properties_action (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
void chronicle_window_remove_source_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void chronicle_window_init_subscriptions (ChronicleWindow *self);
ChronicleSubscriptions *chronicle_window_get_subscriptions (ChronicleWindow *self);
void chronicle_window_import_opml_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);
void chronicle_window_export_opml_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);
void chronicle_window_add_subscription_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void chronicle_window_update_banner (ChronicleWindow *self);
void chronicle_window_update_loading (ChronicleWindow *self);
void chronicle_window_export_action (GtkWidget      *widget,
                                    const char      *action_name,
                                    GVariant        *parameter);
void chronicle_window_show_source  (ChronicleWindow *self,
                                    ChronicleEvent  *event);
void chronicle_window_show_problems_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void chronicle_window_mark_all_read_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void chronicle_window_mark_older_read_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);
void chronicle_window_undo_mark_read_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
void chronicle_window_update_marking (ChronicleWindow *self);
void chronicle_marking_free          (ChronicleMarking *marking);
void chronicle_window_open_action  (GtkWidget       *widget,
                                    const char      *action_name,
                                    GVariant        *parameter);

G_END_DECLS
