/* SPDX-License-Identifier: GPL-3.0-or-later */

/* "chronicle-bench images": an article with 50 pictures (PNG, JPEG, BMP
 * and SVG, most of them larger than the column), served from a web
 * server on 127.0.0.1 on a thread of its own, opened and read to its end
 * a screen at a time, as a reader does.  Prints the time until its text
 * is shown, the longest frame while the pictures arrive and decode, the
 * time until all are shown, and the memory the article takes above the
 * window without it. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "chronicle-article-image.h"
#include "chronicle-article-view.h"
#include "chronicle-bench-images.h"
#include "chronicle-bench-refresh.h"
#include "chronicle-test-utils.h"
#include "chronicle-test-web.h"

#define N_PICTURES 50

typedef struct
{
  GBytes *bytes[5];   /* by format, served under 50 addresses */
} Pictures;

static const char *const extensions[] = { "png", "jpg", "jpg", "bmp", "svg" };

static GBytes *
encode (int         width,
        int         height,
        const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize size = 0;

  /* A photograph's worth of detail, so that encoders cannot cheat. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * rowstride + x * 3;

        p[0] = (guint8) (x * 255 / width);
        p[1] = (guint8) ((x ^ y) & 0xff);
        p[2] = (guint8) (y * 255 / height);
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, NULL, NULL);
  return g_bytes_new_take (buffer, size);
}

static void
picture_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  Pictures *pictures = data;
  guint n;

  if (!g_str_has_prefix (path, "/img/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  n = (guint) g_ascii_strtoull (path + strlen ("/img/"), NULL, 10) % G_N_ELEMENTS (pictures->bytes);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/octet-stream", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (pictures->bytes[n], NULL),
                                    g_bytes_get_size (pictures->bytes[n]));
}

static char *
write_collection (const char *base)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *path = g_build_filename (g_get_user_cache_dir (), "pictures-50.json", NULL);

  for (guint i = 0; i < N_PICTURES; i++)
    {
      g_string_append_printf (html, "<p>Paragraph %u, before picture %u: people who left, joined or moved, "
                              "and when the article says so.</p>", i, i);
      /* Half say their size, as most sites do. */
      if (i % 2 == 0 && i % 5 != 4)
        g_string_append_printf (html, "<figure><img src=\"%s/img/%u.%s\" width=\"1600\" height=\"900\" "
                                "alt=\"Picture %u\"><figcaption>Caption %u</figcaption></figure>",
                                base, i, extensions[i % 5], i, i);
      else
        g_string_append_printf (html, "<figure><img src=\"%s/img/%u.%s\" alt=\"Picture %u\">"
                                "<figcaption>Caption %u</figcaption></figure>", base, i, extensions[i % 5], i, i);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "https://jsonfeed.org/version/1.1");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Pictures");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "pictures-50");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Fifty pictures");
  json_builder_set_member_name (builder, "content_html");
  json_builder_add_string_value (builder, html->str);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "plain");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "No pictures");
  json_builder_set_member_name (builder, "content_html");
  json_builder_add_string_value (builder, "<p>Just text.</p>");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  if (!json_generator_to_file (generator, path, NULL))
    g_clear_pointer (&path, g_free);

  return path;
}

typedef struct
{
  ChronicleLibrary     *library;
  ChronicleArticleView *view;
  gint64                last_tick;
  double                max_gap;
  gint64                painted;
  gboolean              came[N_PICTURES];   /* shown or failed, once */
} Reading;

static guint n_settled (Reading *reading);

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Reading *reading = data;
  gint64 now = g_get_monotonic_time ();

  if (reading->last_tick > 0)
    reading->max_gap = MAX (reading->max_gap, (now - reading->last_tick) / 1000.0);
  if (reading->last_tick > 0 && now - reading->last_tick > 50000 && g_getenv ("CHRONICLE_BENCH_GAPS") != NULL)
    g_printerr ("gap %.1f ms ending at %.1f ms, %u came\n", (now - reading->last_tick) / 1000.0, now / 1000.0,
                n_settled (reading));
  reading->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Reading       *reading)
{
  if (reading->painted == 0)
    reading->painted = g_get_monotonic_time ();
}

static gboolean
listed (gpointer data)
{
  Reading *reading = data;

  return chronicle_library_find_story_by_item (reading->library, "pictures-50") != NULL;
}

static gboolean
painted (gpointer data)
{
  return ((Reading *) data)->painted > 0;
}

/* Pictures far above are let go once shown: what counts is that each
 * came. */
static void
state_cb (ChronicleArticleImage *image,
          GParamSpec            *pspec,
          Reading               *reading)
{
  GPtrArray *images = chronicle_article_view_get_images (reading->view);
  ChronicleArticleImageState state = chronicle_article_image_get_state (image);
  guint index;

  if ((state == CHRONICLE_ARTICLE_IMAGE_SHOWN || state == CHRONICLE_ARTICLE_IMAGE_FAILED) &&
      g_ptr_array_find (images, image, &index) && index < N_PICTURES)
    reading->came[index] = TRUE;
}

static guint
n_settled (Reading *reading)
{
  guint n = 0;

  for (guint i = 0; i < N_PICTURES; i++)
    n += reading->came[i];

  return n;
}

int
chronicle_bench_images (void)
{
  Pictures pictures = { 0 };
  ChronicleTestWebThread thread;
  ChronicleApplication *app = chronicle_test_application_get ();
  Reading reading = { chronicle_application_get_library (app), NULL, 0, 0, 0 };
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  ChronicleWindow *window;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  gint64 start, deadline;
  double before, open_ms, all_ms;
  gulong id;

  pictures.bytes[0] = encode (1600, 900, "png");
  pictures.bytes[1] = encode (1600, 900, "jpeg");
  pictures.bytes[2] = encode (3000, 2000, "jpeg");
  pictures.bytes[3] = encode (800, 600, "bmp");
  pictures.bytes[4] = g_bytes_new_static ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"600\">"
                                          "<rect width=\"1200\" height=\"600\" fill=\"#3584e4\"/>"
                                          "<circle cx=\"600\" cy=\"300\" r=\"250\" fill=\"#f6d32d\"/></svg>", 172);
  chronicle_test_web_thread_start (&thread, picture_handler, &pictures);

  path = write_collection (thread.base);
  if (path == NULL)
    return 1;
  file = g_file_new_for_path (path);

  window = chronicle_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  reading.view = chronicle_window_get_article_view (window);
  chronicle_window_open_files (window, &file, 1);
  if (!chronicle_test_wait_until (listed, &reading, 60000))
    return 1;

  /* The window with an article without pictures: the memory to compare. */
  chronicle_window_show_story (window, chronicle_library_find_story_by_item (reading.library, "plain"), NULL);
  chronicle_test_iterate (1000);
  before = chronicle_bench_rss_mb ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &reading);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &reading, NULL);
  start = g_get_monotonic_time ();
  reading.last_tick = start;
  chronicle_window_show_story (window, chronicle_library_find_story_by_item (reading.library, "pictures-50"), NULL);
  chronicle_test_wait_until (painted, &reading, 10000);
  open_ms = (reading.painted - start) / 1000.0;
  for (guint i = 0; i < chronicle_article_view_get_images (reading.view)->len; i++)
    g_signal_connect (g_ptr_array_index (chronicle_article_view_get_images (reading.view), i), "notify::state",
                      G_CALLBACK (state_cb), &reading);
  g_signal_handler_disconnect (clock, id);

  /* Read to the end, a screen every 150 ms, until every picture came. */
  adjustment = gtk_scrolled_window_get_vadjustment (
    chronicle_test_get_child (reading.view, CHRONICLE_TYPE_ARTICLE_VIEW, "scrolled_window"));
  deadline = start + 120 * G_USEC_PER_SEC;
  while (n_settled (&reading) < N_PICTURES && g_get_monotonic_time () < deadline)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment));
      chronicle_test_iterate (150);
    }
  all_ms = (g_get_monotonic_time () - start) / 1000.0;
  chronicle_test_iterate (500);

  printf ("open_article_50_images_ms %.1f\n", open_ms);
  printf ("images_max_frame_gap_ms %.1f\n", reading.max_gap);
  printf ("images_all_shown_ms %.1f\n", all_ms);
  printf ("images_shown %u\n", n_settled (&reading));
  printf ("images_rss_above_mb %.1f\n", chronicle_bench_rss_mb () - before);
  for (guint i = 0; i < chronicle_article_view_get_images (reading.view)->len; i++)
    {
      ChronicleArticleImage *image = g_ptr_array_index (chronicle_article_view_get_images (reading.view), i);
      ChronicleArticleImageState state = chronicle_article_image_get_state (image);

      /* What did not come, to say why the run failed. */
      if (!reading.came[i])
        g_printerr ("picture %u: state %d, %s\n", i, state, chronicle_article_image_get_url (image));
    }

  chronicle_test_web_thread_stop (&thread);
  for (guint i = 0; i < G_N_ELEMENTS (pictures.bytes); i++)
    g_bytes_unref (pictures.bytes[i]);
  return n_settled (&reading) == N_PICTURES ? 0 : 1;
}
