/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Pictures in the reading view, served by a web server the test starts
 * on 127.0.0.1 and from a collection's folder: each format shown in
 * place, the image chosen by srcset, the place kept before a picture
 * comes, the alt text for what cannot be had (bombs, broken files,
 * paths out of the folder), tracking pixels never asked for, pictures
 * far below asked for only when the reader gets near, and what is
 * pending cancelled when the reader moves on. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "chronicle-article-image.h"
#include "chronicle-article-view.h"
#include "chronicle-image-viewer.h"
#include "chronicle-preferences-dialog.h"
#include "chronicle-screenshot.h"
#include "chronicle-story-row.h"
#include "chronicle-test-utils.h"
#include "chronicle-test-web.h"

/* A GIF of 2 × 2 pixels. */
static const guint8 gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x80, 0, 0, 0xff, 0, 0, 0, 0, 0xff,
  ',', 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, 3, 0x84, 0x1d, 0x05, 0, ';',
};

typedef struct
{
  ChronicleApplication *app;
  ChronicleWindow      *window;
  ChronicleArticleView *view;
  SoupServer           *server;
  char                 *base;
  char                 *dir;
  GHashTable           *bodies;      /* path → GBytes */
  GPtrArray            *requested;   /* paths */
  SoupServerMessage    *slow;        /* held, never answered */
  gboolean              slow_gone;
  const char           *waiting_for;
  guint                 n_to_settle;
  guint                 seen[16];    /* states each picture went through */
  guint                 shown_index;
  GtkAdjustment        *adjustment;
  GSettings            *settings;
} Fixture;

static gboolean
is_shown (Fixture *fixture)
{
  GPtrArray *images = chronicle_article_view_get_images (fixture->view);

  return chronicle_article_image_get_state (g_ptr_array_index (images, fixture->shown_index)) ==
         CHRONICLE_ARTICLE_IMAGE_SHOWN;
}

static gboolean
story_listed (Fixture *fixture)
{
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);

  return chronicle_library_find_story_by_item (library, fixture->waiting_for) != NULL;
}

static gboolean
clipboard_has_texture (GdkClipboard *clipboard)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

static gboolean
server_holds_slow (Fixture *fixture)
{
  return fixture->slow != NULL;
}

/* The client closed the connection of the held request: its socket
 * reads as ended. */
static gboolean
slow_gone (Fixture *fixture)
{
  GSocket *socket = soup_server_message_get_socket (fixture->slow);

  return fixture->slow_gone ||
         (socket != NULL && (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0));
}

/* The whole article laid out: its height no longer grows. */
static gboolean
laid_out (Fixture *fixture)
{
  return gtk_adjustment_get_upper (fixture->adjustment) > 20 * gtk_adjustment_get_page_size (fixture->adjustment);
}

static GBytes *
encode (int         width,
        int         height,
        const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

/* A GIF of 10 000 frames of 1 × 1 pixels on a canvas of 400 × 400: a
 * decoder that kept every frame whole would need 6 GB. */
static GBytes *
many_frames_gif (void)
{
  static const guint8 head[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x90, 0x01, 0x90, 0x01, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
  };
  static const guint8 frame[] = {
    '!', 0xf9, 4, 0, 1, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0,
  };
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, head, sizeof head);
  for (guint i = 0; i < 10000; i++)
    g_byte_array_append (bytes, frame, sizeof frame);
  g_byte_array_append (bytes, (const guint8 *) ";", 1);

  return g_byte_array_free_to_bytes (bytes);
}

static void
slow_gone_cb (SoupServerMessage *msg,
              Fixture           *fixture)
{
  fixture->slow_gone = TRUE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Fixture *fixture = data;
  GBytes *body = g_hash_table_lookup (fixture->bodies, path);

  g_ptr_array_add (fixture->requested, g_strdup (path));

  if (g_str_equal (path, "/slow.png"))
    {
      /* Held until the reader leaves; the client's cancelling closes the
       * connection. */
      fixture->slow = msg;
      g_signal_connect (msg, "disconnected", G_CALLBACK (slow_gone_cb), fixture);
      soup_server_message_pause (msg);
      return;
    }
  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
serve (Fixture    *fixture,
       const char *path,
       GBytes     *bytes)
{
  g_hash_table_insert (fixture->bodies, g_strdup (path), bytes);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\">"
                    "<rect width=\"120\" height=\"60\" fill=\"#e01b24\"/></svg>";
  g_autoptr(GBytes) png = encode (800, 400, "png");
  gsize size;
  const guint8 *bytes = g_bytes_get_data (png, &size);
  GByteArray *bomb = g_byte_array_new ();

  /* The list's thumbnails would ask for the articles' first pictures:
   * only their own test has them. */
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_boolean (fixture->settings, "show-thumbnails", FALSE);
  fixture->app = chronicle_test_application_get ();
  fixture->window = chronicle_test_window_new ();
  fixture->view = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_view");

  fixture->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  fixture->requested = g_ptr_array_new_with_free_func (g_free);
  serve (fixture, "/a.png", g_bytes_ref (png));
  serve (fixture, "/b.jpg", encode (640, 480, "jpeg"));
  serve (fixture, "/c.gif", g_bytes_new_static (gif, sizeof gif));
  serve (fixture, "/d.svg", g_bytes_new_static (svg, strlen (svg)));
  serve (fixture, "/e.bmp", encode (300, 200, "bmp"));
  serve (fixture, "/lo.png", encode (400, 200, "png"));
  serve (fixture, "/hi.png", encode (800, 400, "png"));
  serve (fixture, "/far.png", encode (200, 100, "png"));
  serve (fixture, "/frames.gif", many_frames_gif ());
  /* Cut short, and a header that says 100 000 × 100 000 pixels. */
  serve (fixture, "/cut.png", g_bytes_new (bytes, 100));
  g_byte_array_append (bomb, bytes, 33);
  bomb->data[16] = 0, bomb->data[17] = 1, bomb->data[18] = 0x86, bomb->data[19] = 0xa0;
  bomb->data[20] = 0, bomb->data[21] = 1, bomb->data[22] = 0x86, bomb->data[23] = 0xa0;
  serve (fixture, "/bomb.png", g_byte_array_free_to_bytes (bomb));

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  fixture->base = chronicle_test_web_listen (fixture->server, FALSE);

  fixture->dir = g_dir_make_tmp ("chronicle-pictures-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->slow != NULL && !fixture->slow_gone)
    soup_server_message_unpause (fixture->slow);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  chronicle_test_drain ();
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_free (fixture->base);
  g_hash_table_unref (fixture->bodies);
  g_ptr_array_unref (fixture->requested);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_settings_reset (fixture->settings, "show-thumbnails");
  g_object_unref (fixture->settings);
}

static gboolean
was_requested (Fixture    *fixture,
               const char *path)
{
  for (guint i = 0; i < fixture->requested->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (fixture->requested, i), path))
        return TRUE;
    }

  return FALSE;
}

/* Each picture's states as they come, a bit for each: pictures far from
 * the view are let go once shown. */
static void
state_cb (ChronicleArticleImage *image,
          GParamSpec            *pspec,
          Fixture               *fixture)
{
  GPtrArray *images = chronicle_article_view_get_images (fixture->view);
  guint index;

  if (g_ptr_array_find (images, image, &index) && index < G_N_ELEMENTS (fixture->seen))
    fixture->seen[index] |= 1u << chronicle_article_image_get_state (image);
}

static void
watch_states (Fixture *fixture)
{
  GPtrArray *images = chronicle_article_view_get_images (fixture->view);

  memset (fixture->seen, 0, sizeof fixture->seen);
  for (guint i = 0; i < images->len; i++)
    g_signal_connect (g_ptr_array_index (images, i), "notify::state", G_CALLBACK (state_cb), fixture);
}

static gboolean
was (Fixture                    *fixture,
     guint                       index,
     ChronicleArticleImageState  state)
{
  return (fixture->seen[index] & (1u << state)) != 0;
}

/* Writes a collection of one article with @html and shows it. */
static void
show_article (Fixture    *fixture,
              const char *id,
              const char *html)
{
  ChronicleLibrary *library = chronicle_application_get_library (fixture->app);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleStory *story;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "https://jsonfeed.org/version/1.1");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Pictures");
  json_builder_set_member_name (builder, "content_html");
  json_builder_add_string_value (builder, html);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  chronicle_window_open_files (fixture->window, &file, 1);
  fixture->waiting_for = id;
  chronicle_test_assert_until (story_listed, fixture);
  story = chronicle_library_find_story_by_item (library, id);
  g_assert_true (chronicle_window_show_story (fixture->window, story, NULL));
  watch_states (fixture);
  chronicle_test_wait_frames (fixture->window, 2);
}

static ChronicleArticleImage *
image_at (Fixture *fixture,
          guint    index)
{
  GPtrArray *images = chronicle_article_view_get_images (fixture->view);

  g_assert_cmpuint (index, <, images->len);
  return g_ptr_array_index (images, index);
}

static ChronicleArticleImageState
state_of (Fixture *fixture,
          guint    index)
{
  return chronicle_article_image_get_state (image_at (fixture, index));
}

/* Whether each of the first @n pictures was shown or failed. */
static gboolean
settled (Fixture *fixture)
{
  for (guint i = 0; i < fixture->n_to_settle; i++)
    {
      if (!was (fixture, i, CHRONICLE_ARTICLE_IMAGE_SHOWN) && !was (fixture, i, CHRONICLE_ARTICLE_IMAGE_FAILED))
        return FALSE;
    }

  return TRUE;
}

static void
wait_settled (Fixture *fixture,
              guint    n)
{
  fixture->n_to_settle = n;
  if (!chronicle_test_wait_until ((ChronicleTestCondition) settled, fixture, 20000))
    {
      for (guint i = 0; i < n; i++)
        g_test_message ("picture %u: %d", i, state_of (fixture, i));
      g_assert_not_reached ();
    }
}

/* Scrolls down a screen at a time, as a reader does, to the end. */
static void
read_to_end (Fixture *fixture)
{
  GtkScrolledWindow *scrolled = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW,
                                                          "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  for (guint i = 0; i < 50; i++)
    {
      double value = gtk_adjustment_get_value (adjustment);

      gtk_adjustment_set_value (adjustment, value + gtk_adjustment_get_page_size (adjustment));
      chronicle_test_wait_frames (fixture->window, 3);
      if (gtk_adjustment_get_value (adjustment) == value)
        break;
    }
}

static void
test_formats (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *html = NULL;
  g_autofree char *outside = g_build_filename (fixture->dir, "..", "outside.png", NULL);
  g_autofree char *local = g_build_filename (fixture->dir, "local.png", NULL);
  g_autoptr(GBytes) png = encode (64, 32, "png");
  const char *b = fixture->base;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (fixture->view));

  g_file_set_contents (local, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);
  html = g_strdup_printf ("<p>Before the pictures.</p>"
                          "<img src=\"%s/a.png\" alt=\"PNG\">"
                          "<img src=\"%s/b.jpg\" alt=\"JPEG\">"
                          "<img src=\"%s/c.gif\" alt=\"GIF\">"
                          "<img src=\"%s/d.svg\" alt=\"SVG\">"
                          "<img src=\"%s/e.bmp\" alt=\"BMP\">"
                          "<img src=\"local.png\" alt=\"Beside the collection\">"
                          "<img srcset=\"%s/lo.png 1x, %s/hi.png 2x\" alt=\"Sharp\">"
                          "<img src=\"%s/missing.png\" alt=\"Missing\">"
                          "<img src=\"%s/cut.png\" alt=\"Cut short\">"
                          "<img src=\"%s/bomb.png\" alt=\"Bomb\">"
                          "<img src=\"../outside.png\" alt=\"Outside\">"
                          "<img src=\"%s/pixel.gif\" width=\"1\" height=\"1\">"
                          "<img src=\"%s/frames.gif\" alt=\"Ten thousand frames\">"
                          "<p>After the pictures.</p>",
                          b, b, b, b, b, b, b, b, b, b, b, b);
  g_file_set_contents (outside, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);

  show_article (fixture, "formats", html);
  g_assert_cmpuint (chronicle_article_view_get_images (fixture->view)->len, ==, 12);
  wait_settled (fixture, 1);
  read_to_end (fixture);
  wait_settled (fixture, 12);
  /* The GIF of 10 000 frames shows its first, at its size. */
  g_assert_true (was (fixture, 11, CHRONICLE_ARTICLE_IMAGE_SHOWN));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image_at (fixture, 11))), ==, 400);

  /* Back at the top, the first pictures are shown (again, if they were
   * let go while the reader was far below). */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
    chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "scrolled_window")), 0);
  for (guint i = 0; i < 7; i++)
    {
      ChronicleArticleImage *image = image_at (fixture, i);
      GdkTexture *texture;

      g_assert_true (was (fixture, i, CHRONICLE_ARTICLE_IMAGE_SHOWN));
      if (i < 2)
        {
          fixture->shown_index = i;
          chronicle_test_assert_until (is_shown, fixture);
          texture = chronicle_article_image_get_texture (image);
          g_assert_nonnull (texture);
          /* Decoded no wider than the column can show. */
          g_assert_cmpint (gdk_texture_get_width (texture), <=, 720 * scale);
        }
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image)), >, 0);
    }
  /* Never scaled up: the GIF of 2 × 2 pixels stays that small; the places
   * of pictures let go stay. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image_at (fixture, 2))), ==, 2);
  /* The SVG tells its size once read. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image_at (fixture, 3))), ==, 120);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (image_at (fixture, 3))), ==, 60);

  /* The image for this screen's scale. */
  g_assert_true (was_requested (fixture, scale > 1 ? "/hi.png" : "/lo.png"));
  g_assert_false (was_requested (fixture, scale > 1 ? "/lo.png" : "/hi.png"));

  /* What cannot be had shows its alt text; a file cut short may show
   * what it has, as browsers do; nothing stalls. */
  g_assert_cmpint (state_of (fixture, 7), ==, CHRONICLE_ARTICLE_IMAGE_FAILED);
  g_assert_cmpint (state_of (fixture, 9), ==, CHRONICLE_ARTICLE_IMAGE_FAILED);
  g_assert_cmpint (state_of (fixture, 10), ==, CHRONICLE_ARTICLE_IMAGE_FAILED);
  g_assert_false (was (fixture, 7, CHRONICLE_ARTICLE_IMAGE_SHOWN));
  /* The tracking pixel is not even asked for. */
  g_assert_false (was_requested (fixture, "/pixel.gif"));

  g_unlink (outside);
}

/* WebP and AVIF, as the GNOME runtime reads them (the loaders are in
 * the environment's root and the Flatpak's stand-in). */
static void
test_webp_avif (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *html = g_strdup_printf ("<img src=\"%s/w.webp\" alt=\"WebP\"><img src=\"%s/v.avif\" alt=\"AVIF\">",
                                           fixture->base, fixture->base);

  serve (fixture, "/w.webp", encode (300, 150, "webp"));
  serve (fixture, "/v.avif", encode (200, 100, "avif"));
  show_article (fixture, "webp-avif", html);
  wait_settled (fixture, 2);
  g_assert_cmpint (state_of (fixture, 0), ==, CHRONICLE_ARTICLE_IMAGE_SHOWN);
  g_assert_cmpint (state_of (fixture, 1), ==, CHRONICLE_ARTICLE_IMAGE_SHOWN);
  /* At their size once laid out again. */
  chronicle_test_wait_frames (fixture->window, 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image_at (fixture, 0))), ==, 300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image_at (fixture, 1))), ==, 200);
}

/* The text shows at once; a picture's place is kept from its width and
 * height while it comes; leaving the article cancels it. */
static void
test_place_and_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *html = g_strdup_printf ("<p>Text first.</p><img src=\"%s/slow.png\" width=\"400\" height=\"300\">"
                                           "<p>Text after.</p>", fixture->base);
  g_autofree char *text = NULL;
  ChronicleArticleImage *image;

  show_article (fixture, "slow", html);
  text = chronicle_article_view_dup_text (fixture->view);
  g_assert_nonnull (strstr (text, "Text after."));

  image = image_at (fixture, 0);
  chronicle_test_assert_until (server_holds_slow, fixture);
  chronicle_test_wait_frames (fixture->window, 2);
  g_assert_cmpint (chronicle_article_image_get_state (image), ==, CHRONICLE_ARTICLE_IMAGE_LOADING);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image)), ==, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (image)), ==, 300);

  /* The reader moves on: the fetch is cancelled, and the server sees it. */
  show_article (fixture, "next", "<p>Another article.</p>");
  chronicle_test_assert_until (slow_gone, fixture);
}

/* Pictures far below the view are asked for when the reader gets near. */
static void
test_far_below (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) html = g_string_new ("<p>Start.</p>");
  GtkScrolledWindow *scrolled = chronicle_test_get_child (fixture->view, CHRONICLE_TYPE_ARTICLE_VIEW, "scrolled_window");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (html, "<p>Paragraph %u of a long article, long enough to fill many screens.</p>", i);
  g_string_append_printf (html, "<img src=\"%s/far.png\" alt=\"Far\"><p>End.</p>", fixture->base);

  show_article (fixture, "far", html->str);
  chronicle_test_iterate (300);
  g_assert_cmpint (state_of (fixture, 0), ==, CHRONICLE_ARTICLE_IMAGE_WAITING);
  g_assert_false (was_requested (fixture, "/far.png"));

  /* One jump to the end, as the End key or the scroll bar makes. */
  fixture->adjustment = adjustment;
  chronicle_test_assert_until (laid_out, fixture);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_settled (fixture, 1);
  g_assert_cmpint (state_of (fixture, 0), ==, CHRONICLE_ARTICLE_IMAGE_SHOWN);
  g_assert_true (was_requested (fixture, "/far.png"));
}

/* The reader's choice: no pictures at all, or those of opened files
 * only (this article's collection is an opened file). */
static void
test_load_images_setting (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *html = g_strdup_printf ("<img src=\"%s/a.png\" alt=\"Not wanted\">", fixture->base);
  g_autofree char *again = g_strdup_printf ("<img src=\"%s/e.bmp\" alt=\"Wanted\">", fixture->base);

  g_settings_set_enum (settings, "load-images", 2);
  show_article (fixture, "never", html);
  wait_settled (fixture, 1);
  g_assert_cmpint (state_of (fixture, 0), ==, CHRONICLE_ARTICLE_IMAGE_FAILED);
  g_assert_false (was_requested (fixture, "/a.png"));

  /* Let again, the article's pictures come without opening it again. */
  g_settings_set_enum (settings, "load-images", 1);
  watch_states (fixture);
  wait_settled (fixture, 1);
  g_assert_cmpint (state_of (fixture, 0), ==, CHRONICLE_ARTICLE_IMAGE_SHOWN);
  g_assert_true (was_requested (fixture, "/a.png"));

  show_article (fixture, "opened", again);
  wait_settled (fixture, 1);
  g_assert_cmpint (state_of (fixture, 0), ==, CHRONICLE_ARTICLE_IMAGE_SHOWN);
  g_settings_reset (settings, "load-images");
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* The row of the article list that shows the story @id. */
static ChronicleStoryRow *
find_row (GtkWidget  *widget,
          const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ChronicleStoryRow *row;

      if (CHRONICLE_IS_STORY_ROW (child))
        {
          ChronicleStory *story = chronicle_story_row_get_story (CHRONICLE_STORY_ROW (child));

          if (story != NULL && g_strcmp0 (chronicle_item_get_id (chronicle_story_get_original (story)), id) == 0)
            return CHRONICLE_STORY_ROW (child);
          continue;
        }
      row = find_row (child, id);
      if (row != NULL)
        return row;
    }

  return NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
} Thumbnail;

static GtkWidget *
thumbnail_widget (Fixture    *fixture,
                  const char *id)
{
  GtkWidget *list = chronicle_test_get_child (fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");
  ChronicleStoryRow *row = find_row (list, id);

  for (GtkWidget *child = row != NULL ? gtk_widget_get_first_child (GTK_WIDGET (row)) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "thumbnail"))
        return child;
    }

  return NULL;
}

/* The row's thumbnail when it is shown with its picture, else NULL. */
static GdkPaintable *
thumbnail_of (Fixture    *fixture,
              const char *id)
{
  GtkWidget *widget = thumbnail_widget (fixture, id);

  return widget != NULL && gtk_widget_get_visible (widget) ? gtk_image_get_paintable (GTK_IMAGE (widget)) : NULL;
}

/* The row keeps no room for a thumbnail. */
static gboolean
thumbnail_gone (Thumbnail *thumbnail)
{
  GtkWidget *widget = thumbnail_widget (thumbnail->fixture, thumbnail->id);

  return widget == NULL || !gtk_widget_get_visible (widget);
}

static gboolean
thumbnail_shown (Thumbnail *thumbnail)
{
  return thumbnail_of (thumbnail->fixture, thumbnail->id) != NULL;
}

static gboolean
row_listed (Thumbnail *thumbnail)
{
  GtkWidget *list = chronicle_test_get_child (thumbnail->fixture->window, CHRONICLE_TYPE_WINDOW, "article_list");

  return find_row (list, thumbnail->id) != NULL;
}

/* The list shows the first picture of an article beside it, the middle
 * of it, square, never a tracking pixel; none for an article without a
 * picture or whose picture cannot be had; none at all when the reader
 * turns them off, and again at once from memory when turned on. */
static void
test_thumbnails (Fixture       *fixture,
                 gconstpointer  data)
{
  GSettings *settings = fixture->settings;
  g_autofree char *html = g_strdup_printf ("<p>Text <img src=\"%s/px.gif\" width=\"1\" height=\"1\"></p>"
                                           "<p>More</p><img src=\"%s/lo.png\" alt=\"Low\">",
                                           fixture->base, fixture->base);
  g_autofree char *missing = g_strdup_printf ("<img src=\"%s/missing.png\">", fixture->base);
  Thumbnail with = { fixture, "with" }, gone = { fixture, "gone" }, none = { fixture, "none" };
  GdkPaintable *paintable;
  int scale;

  g_settings_set_boolean (settings, "show-thumbnails", TRUE);
  show_article (fixture, "with", html);
  chronicle_test_assert_until (thumbnail_shown, &with);
  paintable = thumbnail_of (fixture, "with");
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (fixture->window));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 64 * scale);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 64 * scale);
  g_assert_true (was_requested (fixture, "/lo.png"));
  g_assert_false (was_requested (fixture, "/px.gif"));

  /* The room kept for a picture that fails goes to the text. */
  show_article (fixture, "gone", missing);
  chronicle_test_assert_until (row_listed, &gone);
  chronicle_test_assert_until (thumbnail_gone, &gone);
  g_assert_true (was_requested (fixture, "/missing.png"));
  show_article (fixture, "none", "<p>No picture</p>");
  chronicle_test_assert_until (row_listed, &none);
  chronicle_test_wait_frames (fixture->window, 3);
  g_assert_true (thumbnail_gone (&none));

  g_settings_set_boolean (settings, "show-thumbnails", FALSE);
  g_assert_null (thumbnail_of (fixture, "with"));
  g_ptr_array_set_size (fixture->requested, 0);
  g_settings_set_boolean (settings, "show-thumbnails", TRUE);
  g_assert_true (thumbnail_of (fixture, "with") == paintable);
  g_assert_false (was_requested (fixture, "/lo.png"));
}

static void
screenshot_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chronicle_screenshot_save_finish (result, &error));
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* For looking at by a person: CHRONICLE_TEST_SCREENSHOTS names a folder
 * to save the window in. */
static void
maybe_screenshot (Fixture    *fixture,
                  const char *name)
{
  const char *dir = g_getenv ("CHRONICLE_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  gboolean done = FALSE;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  chronicle_screenshot_save_async (GTK_WIDGET (fixture->window), path, NULL, screenshot_done_cb, &done);
  g_assert_true (chronicle_test_wait_until (is_true, &done, 20000));
}

static gboolean
viewer_shows_large (Fixture *fixture)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
  GtkPicture *picture;
  GdkPaintable *paintable;

  if (!CHRONICLE_IS_IMAGE_VIEWER (dialog))
    return FALSE;
  picture = chronicle_test_get_child (dialog, CHRONICLE_TYPE_IMAGE_VIEWER, "picture");
  paintable = gtk_picture_get_paintable (picture);

  return paintable != NULL && gdk_paintable_get_intrinsic_width (paintable) == 1600;
}

static gboolean
no_dialog (Fixture *fixture)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)) == NULL;
}

/* A picture opens large, read again in full, and zooms; the context
 * menu copies it. */
static void
test_viewer (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *html = g_strdup_printf ("<p>A picture:</p><img src=\"%s/big.png\" alt=\"A big picture\">",
                                           fixture->base);
  ChronicleArticleImage *image;
  ChronicleImageViewer *viewer;
  GdkClipboard *clipboard;

  serve (fixture, "/big.png", encode (1600, 900, "png"));
  show_article (fixture, "viewer", html);
  wait_settled (fixture, 1);
  image = image_at (fixture, 0);
  g_assert_cmpint (chronicle_article_image_get_state (image), ==, CHRONICLE_ARTICLE_IMAGE_SHOWN);
  /* The reading view keeps only what the column shows. */
  g_assert_cmpint (gdk_texture_get_width (chronicle_article_image_get_texture (image)), <=,
                   720 * gtk_widget_get_scale_factor (GTK_WIDGET (image)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (image), "image.show", NULL));
  chronicle_test_assert_until (viewer_shows_large, fixture);
  viewer = CHRONICLE_IMAGE_VIEWER (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)));
  chronicle_test_wait_frames (fixture->window, 3);
  maybe_screenshot (fixture, "viewer.png");

  g_assert_cmpfloat (chronicle_image_viewer_get_zoom (viewer), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (chronicle_image_viewer_get_zoom (viewer), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL));
  g_assert_cmpfloat (chronicle_image_viewer_get_zoom (viewer), ==, 0);

  adw_dialog_close (ADW_DIALOG (viewer));
  chronicle_test_assert_until (no_dialog, fixture);

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (image));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (image), "image.copy", NULL));
  chronicle_test_assert_until (clipboard_has_texture, clipboard);

  /* Save Image As… writes the file as it came, not as it is shown; a
   * folder that is not there says so. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "saved.png", NULL);
    g_autofree char *nowhere = g_build_filename (fixture->dir, "missing", "saved.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) bad = g_file_new_for_path (nowhere);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) failed = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;
    GBytes *served = g_hash_table_lookup (fixture->bodies, "/big.png");

    chronicle_article_image_save_async (image, file, NULL, got_result, &result);
    chronicle_test_assert_until (has_result, &result);
    g_assert_true (chronicle_article_image_save_finish (image, result, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpmem (contents, length, g_bytes_get_data (served, NULL), g_bytes_get_size (served));

    chronicle_article_image_save_async (image, bad, NULL, got_result, &failed);
    chronicle_test_assert_until (has_result, &failed);
    g_assert_false (chronicle_article_image_save_finish (image, failed, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

static gboolean
button_sensitive (GtkWidget *button)
{
  return gtk_widget_get_sensitive (button);
}

static gboolean
cache_empty (ChronicleImageCache *cache)
{
  return chronicle_image_cache_measure (cache) == 0;
}

/* Preferences say how much the cache of pictures holds, and clear it;
 * the pictures of starred articles stay. */
static void
test_clear_cache (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *cache_dir = g_build_filename (fixture->dir, "cache", NULL);
  g_autofree char *kept_dir = g_build_filename (fixture->dir, "kept", NULL);
  g_autoptr(ChronicleImageCache) cache = chronicle_image_cache_new (cache_dir, kept_dir, 1024 * 1024);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  ChronicleCachedImage image = { g_bytes_new_take (g_malloc0 (200000), 200000), NULL, NULL, 0 };
  g_autoptr(ChronicleCachedImage) kept = NULL;
  ChroniclePreferencesDialog *dialog;
  GtkButton *button;

  chronicle_image_cache_store (cache, "https://example.com/a.png", &image, FALSE);
  chronicle_image_cache_store (cache, "https://example.com/starred.png", &image, TRUE);
  g_bytes_unref (image.body);

  dialog = chronicle_preferences_dialog_new (settings);
  chronicle_preferences_dialog_set_image_cache (dialog, cache);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (fixture->window));
  button = chronicle_test_get_child (dialog, CHRONICLE_TYPE_PREFERENCES_DIALOG, "clear_cache_button");
  chronicle_test_assert_until (button_sensitive, button);
  /* It says how much it frees: 200 kB and the picture's key file. */
  g_assert_true (g_str_has_prefix (gtk_button_get_label (button), "Clear 200"));

  g_signal_emit_by_name (button, "clicked");
  chronicle_test_assert_until (cache_empty, cache);
  chronicle_test_wait_frames (fixture->window, 2);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  kept = chronicle_image_cache_lookup (cache, "https://example.com/starred.png");
  g_assert_nonnull (kept);
  adw_dialog_force_close (ADW_DIALOG (dialog));
}

int
main (int   argc,
      char *argv[])
{
  chronicle_test_init_ui (&argc, &argv);

  g_test_add ("/pictures/formats", Fixture, NULL, fixture_set_up, test_formats, fixture_tear_down);
  g_test_add ("/pictures/webp-avif", Fixture, NULL, fixture_set_up, test_webp_avif, fixture_tear_down);
  g_test_add ("/pictures/place-and-cancel", Fixture, NULL, fixture_set_up, test_place_and_cancel, fixture_tear_down);
  g_test_add ("/pictures/far-below", Fixture, NULL, fixture_set_up, test_far_below, fixture_tear_down);
  g_test_add ("/pictures/load-images-setting", Fixture, NULL, fixture_set_up, test_load_images_setting,
              fixture_tear_down);
  g_test_add ("/pictures/thumbnails", Fixture, NULL, fixture_set_up, test_thumbnails, fixture_tear_down);
  g_test_add ("/pictures/viewer", Fixture, NULL, fixture_set_up, test_viewer, fixture_tear_down);
  g_test_add ("/pictures/clear-cache", Fixture, NULL, fixture_set_up, test_clear_cache, fixture_tear_down);

  return g_test_run ();
}
