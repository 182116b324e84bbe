/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Pictures of articles, without a display: srcset read as the HTML
 * standard reads it, the image chosen for a screen, what the first bytes
 * of an image say, and where a picture's bytes may come from (a web
 * server the test starts on 127.0.0.1, a collection's folder and never
 * outside it, data: addresses), within the limits. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "chronicle-image.h"
#include "chronicle-image-fetch.h"
#include "chronicle-image-prefetch.h"
#include "chronicle-state.h"
#include "chronicle-store-test.h"
#include "chronicle-test-network.h"
#include "chronicle-test-wait.h"

/* The first bytes of each kind of image, enough for its size. */
static const guint8 png_head[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0x03, 0x20, 0, 0, 0x01, 0x90, 8, 2, 0, 0, 0,   /* 800 × 400 */
};
static const guint8 gif_head[] = { 'G', 'I', 'F', '8', '9', 'a', 0x40, 0x01, 0xf0, 0x00 };   /* 320 × 240 */
/* SOI, an APP1 (Exif) segment the size scan must skip, then SOF2. */
static const guint8 jpeg_head[] = {
  0xff, 0xd8, 0xff, 0xe1, 0x00, 0x08, 'E', 'x', 'i', 'f', 0, 0,
  0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03,   /* 800 × 600 */
};
static const guint8 webp_lossy[] = {
  'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ', 0, 0, 0, 0,
  0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01,   /* 640 × 480 */
};
static const guint8 webp_lossless[] = {
  'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0, 0, 0, 0,
  0x2f, 0x3f, 0xc0, 0x3f, 0x00,   /* 64 × 256: 14 bits each of width − 1, height − 1 */
};
static const guint8 webp_extended[] = {
  'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 0, 0, 0, 0,
  0, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00,   /* 1920 × 1080 */
};
static const guint8 avif_head[] = {
  0, 0, 0, 0x1c, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0,
  'm', 'i', 'f', '1', 'a', 'v', 'i', 'f', 'm', 'i', 'a', 'f',
  0, 0, 0, 0x14, 'i', 's', 'p', 'e', 0, 0, 0, 0, 0, 0, 0x05, 0x00, 0, 0, 0x02, 0xd0,   /* 1280 × 720 */
};
static const guint8 bmp_head[] = {
  'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0,
  0x64, 0, 0, 0, 0x9c, 0xff, 0xff, 0xff,   /* 100 × −100: top-down */
};

static GPtrArray *
parse (const char *srcset)
{
  return chronicle_srcset_parse (srcset, NULL);
}

/* "url density/width" for each candidate, one line each. */
static char *
describe_candidates (GPtrArray *candidates)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      const ChronicleImageCandidate *candidate = g_ptr_array_index (candidates, i);

      if (i > 0)
        g_string_append_c (out, '|');
      if (candidate->width > 0)
        g_string_append_printf (out, "%s %uw", candidate->url, candidate->width);
      else
        g_string_append_printf (out, "%s %gx", candidate->url, candidate->density);
    }

  return g_string_free (out, FALSE);
}

#define assert_srcset(srcset, expected) \
  G_STMT_START { \
    g_autoptr(GPtrArray) candidates_ = parse (srcset); \
    g_autofree char *described_ = describe_candidates (candidates_); \
    g_assert_cmpstr (described_, ==, (expected)); \
  } G_STMT_END

static void
test_srcset (void)
{
  g_autoptr(GPtrArray) based = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GPtrArray) capped = NULL;

  assert_srcset ("a.jpg", "a.jpg 1x");
  assert_srcset ("a.jpg 1x, b.jpg 2x", "a.jpg 1x|b.jpg 2x");
  assert_srcset ("a.jpg 100w,b.jpg 200w", "a.jpg 100w|b.jpg 200w");
  assert_srcset ("  a.jpg   1.5x  ,\n b.jpg\t3x ", "a.jpg 1.5x|b.jpg 3x");
  /* A URL ends at white space: commas inside it stay; at its end they
   * end the candidate. */
  assert_srcset ("data:image/png;base64,AAA= 1x, b,c.jpg 2x", "data:image/png;base64,AAA= 1x|b,c.jpg 2x");
  assert_srcset ("a.jpg,b.jpg 2x", "a.jpg,b.jpg 2x");
  assert_srcset ("a.jpg,,, , b.jpg", "a.jpg 1x|b.jpg 1x");
  /* Wrong descriptors drop their candidate only. */
  assert_srcset ("a.jpg 1x 2x, b.jpg 100w 2x, c.jpg -1x, d.jpg 100h, e.jpg foo, f.jpg 0w, g.jpg 2x",
                 "g.jpg 2x");
  assert_srcset ("a.jpg 100w 50h, b.jpg 1e1x, c.jpg +2x, d.jpg 1.5w", "a.jpg 100w|b.jpg 10x");
  /* Parentheses hold commas, as future descriptors may. */
  assert_srcset ("a.jpg 1x (x, y), b.jpg 2x", "b.jpg 2x");
  assert_srcset ("javascript:alert(1) 1x, ok.jpg 2x", "ok.jpg 2x");
  assert_srcset ("", "");
  assert_srcset (" , ,, ", "");

  based = chronicle_srcset_parse ("pic.jpg 1x, /root.jpg 2x, https://other.example/x.jpg 3x",
                                  "https://example.com/news/a.html");
  {
    g_autofree char *described = describe_candidates (based);

    g_assert_cmpstr (described, ==,
                     "https://example.com/news/pic.jpg 1x|https://example.com/root.jpg 2x|"
                     "https://other.example/x.jpg 3x");
  }

  /* A hostile srcset: at most 64 candidates are kept. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (many, "i%u.jpg %ux, ", i, i + 1);
  capped = parse (many->str);
  g_assert_cmpuint (capped->len, ==, 64);
}

static gboolean
only_png (const char *type,
          gpointer    user_data)
{
  return g_str_equal (type, "image/png");
}

static ChronicleImage *
image_with (const char *type,
            const char *srcset,
            ...)
{
  ChronicleImage *image = chronicle_image_new ();
  va_list args;

  va_start (args, srcset);
  while (srcset != NULL)
    {
      chronicle_image_add_source (image, type, parse (srcset));
      type = va_arg (args, const char *);
      srcset = type != NULL ? va_arg (args, const char *) : NULL;
    }
  va_end (args);

  return image;
}

static void
test_choose (void)
{
  g_autoptr(ChronicleImage) densities = image_with (NULL, "a.jpg 1x, b.jpg 2x, c.jpg 3x", NULL);
  g_autoptr(ChronicleImage) widths = image_with (NULL, "s.jpg 400w, m.jpg 800w, l.jpg 1600w", NULL);
  g_autoptr(ChronicleImage) low = image_with (NULL, "only.jpg 1x", NULL);
  g_autoptr(ChronicleImage) typed = image_with ("image/avif", "p.avif", "image/png", "p.png", NULL);
  double density = 0;

  /* The lowest density at least the screen's scale. */
  g_assert_cmpstr (chronicle_image_choose (densities, 1, 600, NULL, NULL, &density), ==, "a.jpg");
  g_assert_cmpfloat (density, ==, 1);
  g_assert_cmpstr (chronicle_image_choose (densities, 2, 600, NULL, NULL, &density), ==, "b.jpg");
  g_assert_cmpfloat (density, ==, 2);
  g_assert_cmpstr (chronicle_image_choose (densities, 1.5, 600, NULL, NULL, NULL), ==, "b.jpg");
  /* Denser than anything offered: the densest. */
  g_assert_cmpstr (chronicle_image_choose (densities, 4, 600, NULL, NULL, NULL), ==, "c.jpg");
  g_assert_cmpstr (chronicle_image_choose (low, 2, 600, NULL, NULL, &density), ==, "only.jpg");
  g_assert_cmpfloat (density, ==, 1);

  /* Widths: against the column, or the width the HTML gives. */
  g_assert_cmpstr (chronicle_image_choose (widths, 1, 600, NULL, NULL, NULL), ==, "m.jpg");
  g_assert_cmpstr (chronicle_image_choose (widths, 2, 600, NULL, NULL, &density), ==, "l.jpg");
  g_assert_cmpfloat_with_epsilon (density, 1600.0 / 600, 1e-9);
  g_assert_cmpstr (chronicle_image_choose (widths, 1, 360, NULL, NULL, NULL), ==, "s.jpg");
  widths->width = 200;
  g_assert_cmpstr (chronicle_image_choose (widths, 2, 600, NULL, NULL, NULL), ==, "s.jpg");

  /* A <source> of a type that cannot be read is passed over. */
  g_assert_cmpstr (chronicle_image_choose (typed, 1, 600, only_png, NULL, NULL), ==, "p.png");
  g_assert_cmpstr (chronicle_image_choose (typed, 1, 600, NULL, NULL, NULL), ==, "p.avif");
}

static void
assert_sniffed (const guint8         *data,
                gsize                 size,
                ChronicleImageFormat  format,
                guint                 width,
                guint                 height)
{
  guint w = 1234, h = 1234;

  g_assert_cmpint (chronicle_image_sniff (data, size, &w, &h), ==, format);
  g_assert_cmpuint (w, ==, width);
  g_assert_cmpuint (h, ==, height);

  /* Cut anywhere, it says no more than it can, and reads nothing beyond
   * (the sanitizer build checks). */
  for (gsize cut = 0; cut < size; cut++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, cut);

      chronicle_image_sniff (copy, cut, &w, &h);
      g_assert_true ((w == 0 && h == 0) || (w == width && h == height));
    }
}

static void
test_sniff (void)
{
  const char *svg = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  const char *page = "<!DOCTYPE html><html><body>Not found</body></html>";
  guint w, h;

  assert_sniffed (png_head, sizeof png_head, CHRONICLE_IMAGE_FORMAT_PNG, 800, 400);
  assert_sniffed (gif_head, sizeof gif_head, CHRONICLE_IMAGE_FORMAT_GIF, 320, 240);
  assert_sniffed (jpeg_head, sizeof jpeg_head, CHRONICLE_IMAGE_FORMAT_JPEG, 800, 600);
  assert_sniffed (webp_lossy, sizeof webp_lossy, CHRONICLE_IMAGE_FORMAT_WEBP, 640, 480);
  assert_sniffed (webp_lossless, sizeof webp_lossless, CHRONICLE_IMAGE_FORMAT_WEBP, 64, 256);
  assert_sniffed (webp_extended, sizeof webp_extended, CHRONICLE_IMAGE_FORMAT_WEBP, 1920, 1080);
  assert_sniffed (avif_head, sizeof avif_head, CHRONICLE_IMAGE_FORMAT_AVIF, 1280, 720);
  assert_sniffed (bmp_head, sizeof bmp_head, CHRONICLE_IMAGE_FORMAT_BMP, 100, 100);
  assert_sniffed ((const guint8 *) svg, strlen (svg), CHRONICLE_IMAGE_FORMAT_SVG, 0, 0);

  /* What a server sends with image/png that is none. */
  g_assert_cmpint (chronicle_image_sniff ((const guint8 *) page, strlen (page), &w, &h), ==,
                   CHRONICLE_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (chronicle_image_sniff ((const guint8 *) "", 0, &w, &h), ==, CHRONICLE_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpint (chronicle_image_sniff ((const guint8 *) "{\"a\": 1}", 8, &w, &h), ==,
                   CHRONICLE_IMAGE_FORMAT_UNKNOWN);

  /* A JPEG whose segments lie about their length stops the scan. */
  {
    const guint8 lying[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xc0, 0, 0x11, 8, 0, 1, 0, 1 };

    g_assert_cmpint (chronicle_image_sniff (lying, sizeof lying, &w, &h), ==, CHRONICLE_IMAGE_FORMAT_JPEG);
    g_assert_cmpuint (w, ==, 0);
  }
}

/* Fetching. */

typedef struct
{
  ChronicleTestNetwork    net;
  ChronicleImageCache    *cache;       /* NULL but in the cache tests */
  GPtrArray              *requested;   /* paths, in order */
  GPtrArray              *validators;  /* If-None-Match of each request */
  GPtrArray              *held;        /* of SoupServerMessage, under /held/ */
  char                   *feed;        /* served at /feed.json */
} Fixture;

static GBytes *
png_bytes (guint width,
           guint height)
{
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, png_head, sizeof png_head);
  bytes->data[16] = width >> 24;
  bytes->data[17] = width >> 16;
  bytes->data[18] = width >> 8;
  bytes->data[19] = width;
  bytes->data[20] = height >> 24;
  bytes->data[21] = height >> 16;
  bytes->data[22] = height >> 8;
  bytes->data[23] = height;

  return g_byte_array_free_to_bytes (bytes);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Fixture *fixture = data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  guint n_before = fixture->requested->len;

  g_ptr_array_add (fixture->requested, g_strdup (path));
  g_ptr_array_add (fixture->validators, g_strdup (if_none_match != NULL ? if_none_match : ""));

  /* Answered when the test lets them go. */
  if (g_str_has_prefix (path, "/held/"))
    {
      g_ptr_array_add (fixture->held, g_object_ref (msg));
      soup_server_message_pause (msg);
      return;
    }
  if (g_str_equal (path, "/feed.json") && fixture->feed != NULL)
    {
      soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_COPY, fixture->feed,
                                        strlen (fixture->feed));
      soup_server_message_set_status (msg, 200, NULL);
      return;
    }

  if (g_str_equal (path, "/cached.png") || g_str_equal (path, "/etag.png") || g_str_equal (path, "/flaky.png"))
    {
      g_autoptr(GBytes) bytes = png_bytes (320, 200);
      guint n_asked = 0;

      for (guint i = 0; i < n_before; i++)
        n_asked += g_str_equal (g_ptr_array_index (fixture->requested, i), path);

      if (g_str_equal (path, "/flaky.png") && n_asked > 0)
        {
          soup_server_message_set_status (msg, 503, NULL);
          return;
        }
      if (g_str_equal (path, "/etag.png") && g_strcmp0 (if_none_match, "\"v1\"") == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          return;
        }
      soup_message_headers_append (response, "Cache-Control",
                                   g_str_equal (path, "/cached.png") ? "max-age=3600" : "no-cache");
      soup_message_headers_append (response, "ETag", "\"v1\"");
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/picture.png"))
    {
      g_autoptr(GBytes) bytes = png_bytes (800, 400);

      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/page.png"))
    {
      /* A lying content type. */
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "<html>hello</html>", 18);
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/bomb.png"))
    {
      /* A header that says 100 000 × 100 000 pixels. */
      g_autoptr(GBytes) bytes = png_bytes (100000, 100000);

      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/huge.png"))
    {
      /* 21 MB: over the limit of a picture. */
      gsize size = CHRONICLE_IMAGE_MAX_DOWNLOAD + 1024 * 1024;
      guint8 *body = g_malloc0 (size);

      memcpy (body, png_head, sizeof png_head);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_TAKE, (char *) body, size);
      soup_server_message_set_status (msg, 200, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->requested = g_ptr_array_new_with_free_func (g_free);
  fixture->validators = g_ptr_array_new_with_free_func (g_free);
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  chronicle_test_network_start (&fixture->net, handler, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  chronicle_test_network_stop (&fixture->net);
  g_ptr_array_unref (fixture->requested);
  g_ptr_array_unref (fixture->validators);
  g_ptr_array_unref (fixture->held);
  g_free (fixture->feed);
  g_clear_object (&fixture->cache);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The picture's bytes, or NULL with @error set. */
static GBytes *
fetch (Fixture     *fixture,
       const char  *url,
       const char  *location,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chronicle_image_fetch_async (fixture->net.subscriptions, url, location, fixture->cache, FALSE, NULL, store_result, &result);
  g_assert_true (chronicle_test_wait_until (has_result, &result, 20000));

  return chronicle_image_fetch_finish (result, error);
}

static void
test_fetch_web (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *picture = g_strconcat (fixture->net.base, "/picture.png", NULL);
  g_autofree char *feed = g_strconcat (fixture->net.base, "/news/feed.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) relative = NULL;

  bytes = fetch (fixture, picture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, sizeof png_head);

  /* Relative to a subscription's address. */
  relative = fetch (fixture, "../picture.png", feed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (relative);

  /* What is not an image, too large, or not there, is not had. */
  for (guint i = 0; i < 4; i++)
    {
      const char *path = (const char *[]) { "/page.png", "/bomb.png", "/huge.png", "/missing.png" }[i];
      g_autofree char *url = g_strconcat (fixture->net.base, path, NULL);
      g_autoptr(GBytes) none = NULL;

      g_clear_error (&error);
      none = fetch (fixture, url, NULL, &error);
      g_assert_null (none);
      g_assert_nonnull (error);
    }

  /* Without a network, only files and data: addresses. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) none = NULL;
    guint before = fixture->requested->len;

    chronicle_image_fetch_async (NULL, picture, NULL, NULL, FALSE, NULL, store_result, &result);
    g_assert_true (chronicle_test_wait_until (has_result, &result, 5000));
    g_clear_error (&error);
    none = chronicle_image_fetch_finish (result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_cmpuint (fixture->requested->len, ==, before);
  }
}

static void
test_fetch_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *picture = g_strconcat (fixture->net.base, "/picture.png", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  chronicle_image_fetch_async (fixture->net.subscriptions, picture, NULL, NULL, FALSE, cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_true (chronicle_test_wait_until (has_result, &result, 5000));
  bytes = chronicle_image_fetch_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
}

static void
test_fetch_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->net.dir, "collection", NULL);
  g_autofree char *sub = g_build_filename (folder, "pictures", NULL);
  g_autofree char *collection = g_build_filename (folder, "feed.json", NULL);
  g_autofree char *inside = g_build_filename (sub, "in.png", NULL);
  g_autofree char *outside = g_build_filename (fixture->net.dir, "secret.png", NULL);
  g_autofree char *link = g_build_filename (folder, "link.png", NULL);
  g_autofree char *page = g_build_filename (folder, "page.png", NULL);
  g_autofree char *location = NULL;
  g_autofree char *outside_uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *refused[] = { "../secret.png", "pictures/../../secret.png", "link.png", "%2e%2e/secret.png",
                            NULL, "missing.png", "page.png" };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  write_file (collection, (const guint8 *) "{}", 2);
  write_file (inside, png_head, sizeof png_head);
  write_file (outside, png_head, sizeof png_head);
  write_file (page, (const guint8 *) "<html></html>", 13);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  location = g_filename_to_uri (collection, NULL, NULL);
  outside_uri = g_filename_to_uri (outside, NULL, NULL);
  refused[4] = outside_uri;

  bytes = fetch (fixture, "pictures/in.png", location, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, sizeof png_head);

  /* Never outside the collection's folder, by .., by an absolute
   * address or by a link; nor what is missing or no image. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GBytes) none = NULL;

      g_clear_error (&error);
      none = fetch (fixture, refused[i], location, &error);
      g_assert_null (none);
      g_assert_nonnull (error);
    }

  /* A web subscription's pictures are never files. */
  g_clear_error (&error);
  {
    g_autofree char *feed = g_strconcat (fixture->net.base, "/feed.json", NULL);
    g_autoptr(GBytes) none = fetch (fixture, outside_uri, feed, &error);

    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
}

static void
test_fetch_data (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *encoded = g_base64_encode (gif_head, sizeof gif_head);
  g_autofree char *gif = g_strconcat ("data:image/gif;base64,", encoded, NULL);
  g_autoptr(GString) large = g_string_new ("data:image/png;base64,");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fixture, gif, NULL, &error);
  g_autoptr(GBytes) none = NULL;
  g_autoptr(GBytes) text = NULL;
  guint before = fixture->requested->len;

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), gif_head, sizeof gif_head);

  /* Over 1 MB: refused before it is decoded. */
  g_string_append (large, "iVBORw0KGgo");
  for (guint i = 0; i < 1500 * 1024 / 4; i++)
    g_string_append (large, "AAAA");
  none = fetch (fixture, large->str, NULL, &error);
  g_assert_null (none);
  g_assert_nonnull (error);

  g_clear_error (&error);
  text = fetch (fixture, "data:text/plain,hello", NULL, &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_assert_cmpuint (fixture->requested->len, ==, before);
}

/* How many requests were for @path, or below it when it ends in "/". */
static guint
count_requests (Fixture    *fixture,
                const char *path)
{
  gboolean below = g_str_has_suffix (path, "/");
  guint n = 0;

  for (guint i = 0; i < fixture->requested->len; i++)
    {
      const char *requested = g_ptr_array_index (fixture->requested, i);

      n += below ? g_str_has_prefix (requested, path) : g_str_equal (requested, path);
    }

  return n;
}

static void
make_cache (Fixture *fixture,
            guint64  max_size)
{
  g_autofree char *cache_dir = g_build_filename (fixture->net.dir, "cache", NULL);
  g_autofree char *kept_dir = g_build_filename (fixture->net.dir, "kept", NULL);

  fixture->cache = chronicle_image_cache_new (cache_dir, kept_dir, max_size);
}

/* Stores are written after the picture is returned, on a worker. */
static void
wait_stored (Fixture    *fixture,
             const char *url)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(ChronicleCachedImage) cached = chronicle_image_cache_lookup (fixture->cache, url);

      if (cached != NULL)
        return;
      g_usleep (10000);
    }
  g_assert_not_reached ();
}

/* A fresh picture costs no request; a stale one is asked for with its
 * validators, and a 304 serves what is kept; a server that fails serves
 * what is kept too, for reading offline. */
static void
test_cache_http (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *paths[] = { "/cached.png", "/etag.png", "/flaky.png" };

  make_cache (fixture, CHRONICLE_IMAGE_CACHE_MAX_SIZE);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (fixture->net.base, paths[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) first = fetch (fixture, url, NULL, &error);
      g_autoptr(GBytes) second = NULL;

      g_assert_no_error (error);
      wait_stored (fixture, url);
      second = fetch (fixture, url, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (first, second));
    }

  g_assert_cmpuint (count_requests (fixture, "/cached.png"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "/etag.png"), ==, 2);
  g_assert_cmpuint (count_requests (fixture, "/flaky.png"), ==, 2);
  /* The second request of /etag.png sent its validator back. */
  for (guint i = 0, n = 0; i < fixture->requested->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (fixture->requested, i), "/etag.png") && n++ == 1)
        g_assert_cmpstr (g_ptr_array_index (fixture->validators, i), ==, "\"v1\"");
    }
}

static ChronicleCachedImage *
cached_of_size (gsize size)
{
  ChronicleCachedImage *image = g_new0 (ChronicleCachedImage, 1);

  image->body = g_bytes_new_take (g_malloc0 (size), size);
  image->fresh_until = G_MAXINT64;
  return image;
}

/* The least recently used go first past the limit; starred articles'
 * pictures are never trimmed nor cleared. */
static void
test_cache_trim_keep_clear (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ChronicleCachedImage) picture = cached_of_size (1000);
  g_autoptr(ChronicleCachedImage) old = NULL;
  g_autoptr(ChronicleCachedImage) recent = NULL;
  g_autoptr(ChronicleCachedImage) kept = NULL;
  g_autoptr(ChronicleCachedImage) gone = NULL;
  guint64 freed;

  make_cache (fixture, 5000);

  chronicle_image_cache_store (fixture->cache, "https://example.com/kept.png", picture, TRUE);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.com/%u.png", i);
      g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
      g_autofree char *path = g_build_filename (fixture->net.dir, "cache", name, NULL);
      g_autofree char *meta = g_strconcat (path, ".meta", NULL);
      struct utimbuf times = { 1000000 + i * 10, 1000000 + i * 10 };

      chronicle_image_cache_store (fixture->cache, url, picture, FALSE);
      /* Used one after the other, ten seconds apart. */
      g_utime (path, &times);
      g_utime (meta, &times);
    }

  g_assert_cmpuint (chronicle_image_cache_measure (fixture->cache), <=, 5000);
  old = chronicle_image_cache_lookup (fixture->cache, "https://example.com/0.png");
  recent = chronicle_image_cache_lookup (fixture->cache, "https://example.com/9.png");
  g_assert_null (old);
  g_assert_nonnull (recent);
  g_assert_cmpuint (g_bytes_get_size (recent->body), ==, 1000);

  freed = chronicle_image_cache_clear (fixture->cache);
  g_assert_cmpuint (freed, >, 1000);
  g_assert_cmpuint (chronicle_image_cache_measure (fixture->cache), ==, 0);
  gone = chronicle_image_cache_lookup (fixture->cache, "https://example.com/9.png");
  g_assert_null (gone);
  kept = chronicle_image_cache_lookup (fixture->cache, "https://example.com/kept.png");
  g_assert_nonnull (kept);
}

/* Answers the held requests with a picture that stays fresh an hour. */
static void
answer_held (Fixture *fixture)
{
  g_autoptr(GBytes) bytes = png_bytes (320, 200);

  for (guint i = 0; i < fixture->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (fixture->held, i);

      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Cache-Control", "max-age=3600");
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes));
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (fixture->held, 0);
}

static gboolean
more_than_two_held (Fixture *fixture)
{
  return fixture->held->len > 2;
}

static gboolean
two_held (Fixture *fixture)
{
  return fixture->held->len == 2;
}

static gboolean
prefetch_done (ChronicleImagePrefetch *prefetch)
{
  return chronicle_image_prefetch_get_n_pending (prefetch) == 0;
}

static gboolean
cached (Fixture    *fixture,
        const char *path)
{
  g_autofree char *url = g_strconcat (fixture->net.base, path, NULL);
  g_autoptr(ChronicleCachedImage) image = chronicle_image_cache_lookup (fixture->cache, url);

  return image != NULL;
}

/* Whether the picture at @path is kept beside the library. */
static gboolean
kept (Fixture    *fixture,
      const char *path)
{
  g_autofree char *url = g_strconcat (fixture->net.base, path, NULL);
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *file = g_build_filename (fixture->net.dir, "kept", name, NULL);

  return g_file_test (file, G_FILE_TEST_IS_REGULAR);
}

static gboolean
kept_2a (Fixture *fixture)
{
  return kept (fixture, "/held/2-a.png");
}

static gboolean
kept_2b (Fixture *fixture)
{
  return kept (fixture, "/held/2-b.png");
}

/* After a refresh, the pictures of the new articles come into the cache,
 * at most 2 at a time from one host, never a tracking pixel; a second
 * time, those still fresh cost no request; those of a starred article
 * are kept when the cache is cleared, until the star is taken away. */
static void
test_prefetch (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *store_path = g_build_filename (fixture->net.dir, CHRONICLE_STORE_FILE, NULL);
  g_autofree char *url = g_strconcat (fixture->net.base, "/feed.json", NULL);
  g_autoptr(ChronicleImagePrefetch) prefetch = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleRefreshReport *report;
  GString *feed = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Pictures\", "
                                "\"items\": [");
  g_autoptr(ChronicleState) state = NULL;
  gint64 starred, unstarred;
  guint before;

  make_cache (fixture, 500 * 1024 * 1024);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (feed, "%s{\"id\": \"a%u\", \"title\": \"Article %u\", \"content_html\": "
                            "\"<p>Text<img src='%s/px.gif' width='1' height='1'></p>"
                            "<img src='%s/held/%u-a.png'><img src='%s/held/%u-b.png'>\"}",
                            i > 0 ? ", " : "", i, i, fixture->net.base, fixture->net.base, i, fixture->net.base, i);
  g_string_append (feed, "]}");
  fixture->feed = g_string_free (feed, FALSE);

  chronicle_subscriptions_subscribe_async (fixture->net.subscriptions, url, CHRONICLE_SUBSCRIBE_FIRST, NULL, store_result,
                                           &result);
  g_assert_true (chronicle_test_wait_until (has_result, &result, 20000));
  report = chronicle_subscriptions_subscribe_finish (fixture->net.subscriptions, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 3);

  prefetch = chronicle_image_prefetch_new (fixture->net.store, fixture->net.subscriptions, fixture->cache);
  chronicle_image_prefetch_new_articles (prefetch, report->key, report->n_new, 1);
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) two_held, fixture, 20000));
  /* Six wait; two at a time are asked for, the host's share. */
  g_assert_false (chronicle_test_wait_until ((ChronicleTestCondition) more_than_two_held, fixture, 300));
  g_assert_cmpuint (fixture->held->len, ==, 2);
  g_assert_cmpuint (chronicle_image_prefetch_get_n_pending (prefetch), ==, 6);
  while (!prefetch_done (prefetch))
    {
      answer_held (fixture);
      chronicle_test_wait_until ((ChronicleTestCondition) prefetch_done, prefetch, 200);
    }
  g_assert_cmpuint (count_requests (fixture, "/held/"), ==, 6);
  g_assert_cmpuint (count_requests (fixture, "/px.gif"), ==, 0);
  /* Each is stored once it came, on a worker. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = g_strdup_printf ("%s/held/%u-a.png", fixture->net.base, i);
      g_autofree char *b = g_strdup_printf ("%s/held/%u-b.png", fixture->net.base, i);

      wait_stored (fixture, a);
      wait_stored (fixture, b);
    }

  /* Fresh in the cache: nothing is asked for again. */
  before = fixture->requested->len;
  chronicle_image_prefetch_new_articles (prefetch, report->key, report->n_new, 1);
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) prefetch_done, prefetch, 20000));
  g_assert_cmpuint (fixture->requested->len, ==, before);

  /* Starred: its pictures stay when the cache is cleared. */
  starred = chronicle_test_query_int (store_path, "SELECT id FROM items WHERE guid = 'a1'");
  chronicle_image_prefetch_items (prefetch, &starred, 1, 1, TRUE);
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) prefetch_done, prefetch, 20000));
  chronicle_image_cache_clear (fixture->cache);
  g_assert_true (cached (fixture, "/held/1-a.png"));
  g_assert_true (cached (fixture, "/held/1-b.png"));
  g_assert_false (cached (fixture, "/held/0-a.png"));

  /* a2 was kept as well, and its star taken away; a1 is starred still.
   * a2's pictures go into the cache, a1's stay kept. */
  unstarred = chronicle_test_query_int (store_path, "SELECT id FROM items WHERE guid = 'a2'");
  chronicle_image_prefetch_items (prefetch, &unstarred, 1, 1, TRUE);
  while (!prefetch_done (prefetch))
    {
      answer_held (fixture);
      chronicle_test_wait_until ((ChronicleTestCondition) prefetch_done, prefetch, 200);
    }
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) kept_2a, fixture, 20000));
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) kept_2b, fixture, 20000));
  state = chronicle_state_new (fixture->net.store);
  chronicle_state_set_starred (state, "a1", TRUE);
  g_assert_true (chronicle_state_flush (state, &error));
  chronicle_image_prefetch_release_unstarred (prefetch);
  g_assert_true (chronicle_test_wait_until ((ChronicleTestCondition) prefetch_done, prefetch, 20000));
  g_assert_true (kept (fixture, "/held/1-a.png"));
  g_assert_true (kept (fixture, "/held/1-b.png"));
  g_assert_false (kept (fixture, "/held/2-a.png"));
  g_assert_false (kept (fixture, "/held/2-b.png"));
  g_assert_true (cached (fixture, "/held/2-a.png"));
  g_assert_true (cached (fixture, "/held/2-b.png"));
  chronicle_image_cache_clear (fixture->cache);
  g_assert_false (cached (fixture, "/held/2-a.png"));
  g_assert_true (cached (fixture, "/held/1-a.png"));

  chronicle_refresh_report_free (report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image/srcset", test_srcset);
  g_test_add_func ("/image/choose", test_choose);
  g_test_add_func ("/image/sniff", test_sniff);
  g_test_add ("/image/fetch/web", Fixture, NULL, fixture_set_up, test_fetch_web, fixture_tear_down);
  g_test_add ("/image/fetch/cancel", Fixture, NULL, fixture_set_up, test_fetch_cancel, fixture_tear_down);
  g_test_add ("/image/fetch/file", Fixture, NULL, fixture_set_up, test_fetch_file, fixture_tear_down);
  g_test_add ("/image/fetch/data", Fixture, NULL, fixture_set_up, test_fetch_data, fixture_tear_down);
  g_test_add ("/image/prefetch", Fixture, NULL, fixture_set_up, test_prefetch, fixture_tear_down);
  g_test_add ("/image/cache/http", Fixture, NULL, fixture_set_up, test_cache_http, fixture_tear_down);
  g_test_add ("/image/cache/trim-keep-clear", Fixture, NULL, fixture_set_up, test_cache_trim_keep_clear,
              fixture_tear_down);

  return g_test_run ();
}
