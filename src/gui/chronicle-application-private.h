/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-application.h"
#include "chronicle-image-cache.h"
#include "chronicle-image-prefetch.h"
#include "chronicle-subscriptions.h"
#include "chronicle-library.h"
#include "chronicle-search-provider.h"
#include "chronicle-window.h"

G_BEGIN_DECLS

struct _ChronicleApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  ChronicleStore *store;
  ChronicleState *state;
  ChronicleLibrary *library;
  ChronicleSubscriptions *subscriptions;
  ChronicleImageCache *image_cache;
  ChronicleImagePrefetch *image_prefetch;
  ChronicleSearchProvider *search_provider;
  GCancellable   *refresh_cancellable;   /* of the refresh under way */
  gboolean        refreshing_all;        /* not only the due feeds */
  gboolean        refresh_after;         /* asked for meanwhile: due feeds */
  gboolean        refresh_all_after;     /* asked for meanwhile: all feeds */
  GCancellable   *refresh_one_cancellable; /* of refreshes of one subscription */
  GCancellable   *icons_cancellable;     /* of looking for icons */
  gboolean        fetching_icons;
  gboolean        icons_again;           /* asked for while fetching them */
  guint           refresh_timer;
  guint           release_timer;   /* kept pictures of stars taken away */
  GPtrArray      *startup_messages;
  guint           restoring : 1;
  guint           restore_started : 1;
  guint           opening_files : 1;
  guint           initial_pending : 1;   /* --article, --view or --screenshot */

  /* Developer options: take a screenshot of the first window and quit. */
  char           *screenshot_path;
  char           *initial_article;
  char           *initial_view;
  char           *initial_action;
  char           *language_override;
  gboolean        report;
  gboolean        quit_after_first_frame;
  int             exit_status;
  int             geometry_width;
  int             geometry_height;
};

void     chronicle_application_add_options          (ChronicleApplication  *self);
void     chronicle_application_ensure_restoring     (ChronicleApplication  *self);
ChronicleWindow *chronicle_application_present_window (ChronicleApplication *self);
void     chronicle_application_apply_language       (ChronicleApplication  *self);
void     chronicle_application_load_bundled         (ChronicleLibrary      *library);
char    *chronicle_application_dup_store_path       (void);
char    *chronicle_application_describe_store_error (const GError          *error);
int      chronicle_application_print_store_error    (const GError          *error);

/* An asynchronous call the command line waits for
 * (chronicle-application-web-cli.c). */
typedef struct
{
  GAsyncResult *result;
} ChronicleWaiting;

void     chronicle_application_wait_cb              (GObject               *object,
                                                     GAsyncResult          *result,
                                                     gpointer               user_data);
void     chronicle_application_wait                 (ChronicleWaiting      *waiting);

int      chronicle_application_handle_local_options (GApplication          *app,
                                                     GVariantDict          *options);
gboolean chronicle_application_local_command_line   (GApplication          *app,
                                                     char                ***arguments,
                                                     int                   *exit_status);

/* chronicle-application-web.c */
char    *chronicle_application_describe_fetch_error (const GError          *error);
int      chronicle_application_subscribe            (const char            *url);
int      chronicle_application_refresh              (void);
int      chronicle_application_import_opml          (const char            *path);
int      chronicle_application_export_opml          (void);
void     chronicle_application_start_refreshing     (ChronicleApplication  *self);
void     chronicle_application_stop_refreshing      (ChronicleApplication  *self);
void     chronicle_application_refresh_due_action   (GSimpleAction         *action,
                                                     GVariant              *parameter,
                                                     gpointer               user_data);
void     chronicle_application_refresh_one_action   (GSimpleAction         *action,
                                                     GVariant              *parameter,
                                                     gpointer               user_data);
void     chronicle_application_refresh_action       (GSimpleAction         *action,
                                                     GVariant              *parameter,
                                                     gpointer               user_data);

ChronicleWindow *chronicle_application_get_main_window (ChronicleApplication *self);

/* chronicle-application-developer.c */
void     chronicle_application_run_initial_requests (ChronicleApplication  *self,
                                                     ChronicleWindow       *window);
void     chronicle_application_quit_after_first_frame (ChronicleApplication *self,
                                                       ChronicleWindow      *window);

G_END_DECLS
