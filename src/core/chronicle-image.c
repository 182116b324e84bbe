/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-image"

#include "config.h"

#include <string.h>

#include "chronicle-image.h"

/* Pictures of articles: the srcset attribute, read as the HTML standard
 * reads it, the choice of one image for a screen, and what the first
 * bytes of an image file say of its kind and size, so that its place can
 * be kept before it is decoded and a bomb refused before it is. */

/* A hostile srcset may list thousands; no page offers more than a few. */
#define MAX_CANDIDATES 64

G_DEFINE_BOXED_TYPE (ChronicleImage, chronicle_image, chronicle_image_copy, chronicle_image_free)

void
chronicle_image_candidate_free (ChronicleImageCandidate *candidate)
{
  g_free (candidate->url);
  g_free (candidate);
}

static void
source_free (ChronicleImageSource *source)
{
  g_free (source->type);
  g_ptr_array_unref (source->candidates);
  g_free (source);
}

ChronicleImage *
chronicle_image_new (void)
{
  ChronicleImage *image = g_new0 (ChronicleImage, 1);

  image->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);

  return image;
}

/**
 * chronicle_image_add_source:
 * @candidates: (transfer full) (element-type ChronicleImageCandidate):
 *   what the source offers; an empty array adds nothing
 */
void
chronicle_image_add_source (ChronicleImage *image,
                            const char     *type,
                            GPtrArray      *candidates)
{
  ChronicleImageSource *source;

  if (candidates->len == 0)
    {
      g_ptr_array_unref (candidates);
      return;
    }

  source = g_new0 (ChronicleImageSource, 1);
  source->type = g_strdup (type);
  source->candidates = candidates;
  g_ptr_array_add (image->sources, source);
}

ChronicleImage *
chronicle_image_copy (const ChronicleImage *image)
{
  ChronicleImage *copy = chronicle_image_new ();

  for (guint i = 0; i < image->sources->len; i++)
    {
      const ChronicleImageSource *source = g_ptr_array_index (image->sources, i);
      GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_image_candidate_free);

      for (guint j = 0; j < source->candidates->len; j++)
        {
          const ChronicleImageCandidate *candidate = g_ptr_array_index (source->candidates, j);
          ChronicleImageCandidate *c = g_memdup2 (candidate, sizeof *candidate);

          c->url = g_strdup (candidate->url);
          g_ptr_array_add (candidates, c);
        }
      chronicle_image_add_source (copy, source->type, candidates);
    }
  copy->alt = g_strdup (image->alt);
  copy->href = g_strdup (image->href);
  copy->width = image->width;
  copy->height = image->height;

  return copy;
}

void
chronicle_image_free (ChronicleImage *image)
{
  if (image == NULL)
    return;

  g_ptr_array_unref (image->sources);
  g_free (image->alt);
  g_free (image->href);
  g_free (image);
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A descriptor's number: all of it, or nothing. */
static gboolean
parse_descriptor_number (const char *text,
                         gsize       len,
                         gboolean    integer,
                         double     *number)
{
  g_autofree char *copy = g_strndup (text, len);
  char *end = NULL;

  if (len == 0 || copy[0] == '+' || (integer && !g_ascii_isdigit (copy[0])))
    return FALSE;
  *number = g_ascii_strtod (copy, &end);
  return end == copy + len && *number >= 0 && *number < 1e9 && (!integer || strchr (copy, '.') == NULL);
}

/* The descriptors of one candidate; FALSE drops it, as browsers do. */
static gboolean
parse_descriptors (GPtrArray               *tokens,
                   ChronicleImageCandidate *candidate)
{
  gboolean has_width = FALSE, has_density = FALSE, has_height = FALSE;

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);
      gsize len = strlen (token);
      char last = token[len - 1];
      double number;

      if (last == 'w' && !has_width && !has_density && parse_descriptor_number (token, len - 1, TRUE, &number)
          && number > 0)
        {
          has_width = TRUE;
          candidate->width = (guint) number;
        }
      else if (last == 'x' && !has_width && !has_density && !has_height
               && parse_descriptor_number (token, len - 1, FALSE, &number))
        {
          has_density = TRUE;
          candidate->density = number;
        }
      else if (last == 'h' && !has_height && !has_density && parse_descriptor_number (token, len - 1, TRUE, &number)
               && number > 0)
        {
          has_height = TRUE;
        }
      else
        {
          return FALSE;
        }
    }

  if (has_height && !has_width)
    return FALSE;
  if (!has_width && !has_density)
    candidate->density = 1;

  return TRUE;
}

/* Reads the descriptors after a URL, up to the comma that ends them. */
static const char *
collect_descriptors (const char *p,
                     GPtrArray  *tokens)
{
  g_autoptr(GString) current = g_string_new (NULL);
  gboolean in_parens = FALSE;

  while (is_space (*p))
    p++;

  for (; *p != '\0'; p++)
    {
      if (in_parens)
        {
          if (*p == ')')
            in_parens = FALSE;
          g_string_append_c (current, *p);
          continue;
        }
      if (is_space (*p) || *p == ',')
        {
          if (current->len > 0)
            g_ptr_array_add (tokens, g_strdup (current->str));
          g_string_truncate (current, 0);
          if (*p == ',')
            return p + 1;
          continue;
        }
      if (*p == '(')
        in_parens = TRUE;
      g_string_append_c (current, *p);
    }

  if (current->len > 0)
    g_ptr_array_add (tokens, g_strdup (current->str));

  return p;
}

static char *
resolve (const char *url,
         const char *base_url)
{
  const char *scheme = g_uri_peek_scheme (url);
  char *resolved;

  if (g_strcmp0 (scheme, "javascript") == 0 || g_strcmp0 (scheme, "vbscript") == 0)
    return NULL;
  if (base_url != NULL && scheme == NULL)
    {
      resolved = g_uri_resolve_relative (base_url, url, G_URI_FLAGS_NONE, NULL);
      if (resolved != NULL)
        return resolved;
    }

  return g_strdup (url);
}

/**
 * chronicle_srcset_parse:
 * @srcset: the value of a srcset attribute
 * @base_url: (nullable): what relative addresses are resolved against
 *
 * Reads a srcset as the HTML standard does: candidates whose descriptors
 * are wrong are left out, the others kept in their order (at most 64).
 *
 * Returns: (transfer full) (element-type ChronicleImageCandidate): the
 *   candidates, maybe none
 */
GPtrArray *
chronicle_srcset_parse (const char *srcset,
                        const char *base_url)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_image_candidate_free);
  const char *p = srcset;

  while (p != NULL && *p != '\0' && candidates->len < MAX_CANDIDATES)
    {
      g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *url = NULL;
      ChronicleImageCandidate *candidate;
      const char *start;
      gsize len;

      while (is_space (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !is_space (*p))
        p++;
      len = p - start;

      if (start[len - 1] == ',')
        {
          /* "a.jpg," ends its candidate there, with no descriptor. */
          while (len > 0 && start[len - 1] == ',')
            len--;
        }
      else
        {
          p = collect_descriptors (p, tokens);
        }

      if (len == 0)
        continue;

      candidate = g_new0 (ChronicleImageCandidate, 1);
      url = g_strndup (start, len);
      candidate->url = resolve (url, base_url);
      if (candidate->url == NULL || !g_utf8_validate (candidate->url, -1, NULL)
          || !parse_descriptors (tokens, candidate))
        {
          chronicle_image_candidate_free (candidate);
          continue;
        }
      g_ptr_array_add (candidates, candidate);
    }

  return candidates;
}

/**
 * chronicle_image_choose:
 * @scale: the screen's scale factor, 2 on HiDPI
 * @width: in CSS pixels, the width the picture will take when the HTML
 *   does not say it; for "w" descriptors
 * @supported: (scope call) (nullable): whether a <source>'s type can be
 *   read; a source without a type always can
 * @density: (out) (optional): the image's pixels per CSS pixel
 *
 * Picks the image to show on this screen: of the first source that can
 * be read, the candidate of the lowest density at least @scale, else the
 * densest one.
 *
 * Returns: (transfer none) (nullable): its address
 */
const char *
chronicle_image_choose (const ChronicleImage   *image,
                        double                  scale,
                        guint                   width,
                        ChronicleImageTypeFunc  supported,
                        gpointer                user_data,
                        double                 *density)
{
  guint shown = image->width > 0 ? image->width : width;

  for (guint i = 0; i < image->sources->len; i++)
    {
      const ChronicleImageSource *source = g_ptr_array_index (image->sources, i);
      const ChronicleImageCandidate *best = NULL, *densest = NULL;
      double best_density = 0, densest_density = -1;

      if (source->type != NULL && supported != NULL && !supported (source->type, user_data))
        continue;

      for (guint j = 0; j < source->candidates->len; j++)
        {
          const ChronicleImageCandidate *candidate = g_ptr_array_index (source->candidates, j);
          double d = candidate->width > 0 ? (double) candidate->width / MAX (shown, 1) : candidate->density;

          if (d >= scale && (best == NULL || d < best_density))
            {
              best = candidate;
              best_density = d;
            }
          if (d > densest_density)
            {
              densest = candidate;
              densest_density = d;
            }
        }

      if (densest == NULL)
        continue;
      if (density != NULL)
        *density = best != NULL ? best_density : densest_density;
      return best != NULL ? best->url : densest->url;
    }

  return NULL;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint
read_le16 (const guint8 *p)
{
  return ((guint) p[1] << 8) | p[0];
}

static guint32
read_le24 (const guint8 *p)
{
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/* The frame header of a JPEG, after the markers before it. */
static gboolean
sniff_jpeg (const guint8 *data,
            gsize         size,
            guint        *width,
            guint        *height)
{
  gsize i = 2;

  while (i + 4 <= size)
    {
      guint8 marker;

      if (data[i] != 0xff)
        return FALSE;
      while (i < size && data[i] == 0xff)
        i++;
      if (i >= size)
        return FALSE;
      marker = data[i++];

      /* Markers without a length. */
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd9))
        continue;
      if (i + 2 > size)
        return FALSE;

      /* SOF0 to SOF15, but DHT, JPG and DAC share the range. */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (i + 7 > size)
            return FALSE;
          *height = read_be16 (data + i + 3);
          *width = read_be16 (data + i + 5);
          return TRUE;
        }
      if (read_be16 (data + i) < 2)
        return FALSE;
      i += read_be16 (data + i);
    }

  return FALSE;
}

static gboolean
sniff_webp (const guint8 *data,
            gsize         size,
            guint        *width,
            guint        *height)
{
  if (size >= 30 && memcmp (data + 12, "VP8 ", 4) == 0 && memcmp (data + 23, "\x9d\x01\x2a", 3) == 0)
    {
      *width = read_le16 (data + 26) & 0x3fff;
      *height = read_le16 (data + 28) & 0x3fff;
      return TRUE;
    }
  if (size >= 25 && memcmp (data + 12, "VP8L", 4) == 0 && data[20] == 0x2f)
    {
      const guint8 *b = data + 21;

      *width = 1 + (((guint) (b[1] & 0x3f) << 8) | b[0]);
      *height = 1 + (((guint) (b[3] & 0x0f) << 10) | ((guint) b[2] << 2) | ((b[1] & 0xc0) >> 6));
      return TRUE;
    }
  if (size >= 30 && memcmp (data + 12, "VP8X", 4) == 0)
    {
      *width = 1 + read_le24 (data + 24);
      *height = 1 + read_le24 (data + 27);
      return TRUE;
    }

  return FALSE;
}

/* The image's size in an AVIF is in an "ispe" box, in the first few
 * kilobytes of the file. */
static void
sniff_avif (const guint8 *data,
            gsize         size,
            guint        *width,
            guint        *height)
{
  gsize end = MIN (size, 64 * 1024);

  for (gsize i = 0; i + 16 <= end; i++)
    {
      if (memcmp (data + i, "ispe", 4) == 0)
        {
          *width = read_be32 (data + i + 8);
          *height = read_be32 (data + i + 12);
          return;
        }
    }
}

static gboolean
looks_like_svg (const guint8 *data,
                gsize         size)
{
  g_autofree char *head = g_strndup ((const char *) data, MIN (size, 4096));
  const char *p = head;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (is_space (*p))
    p++;

  return *p == '<' && strstr (p, "<svg") != NULL;
}

/**
 * chronicle_image_choose_thumbnail:
 *
 * Picks the image for a thumbnail, the same for every screen since it is
 * chosen once, when the article is stored: the smallest candidate that
 * fills a thumbnail at scale 2, whatever width the HTML gives the picture.
 *
 * Returns: (transfer none) (nullable): its address
 */
const char *
chronicle_image_choose_thumbnail (const ChronicleImage *image)
{
  ChronicleImage small = *image;

  small.width = 0;
  small.height = 0;
  return chronicle_image_choose (&small, 1, 2 * CHRONICLE_IMAGE_THUMBNAIL_SIDE, NULL, NULL, NULL);
}

/**
 * chronicle_image_sniff:
 * @data: the first bytes of an image file: a few hundred bytes tell most,
 *   a JPEG may need more
 * @width: (out): its width in pixels, 0 when they do not say
 * @height: (out): its height in pixels, 0 when they do not say
 *
 * Tells from its first bytes what an image is, whatever a server said.
 *
 * Returns: its format, %CHRONICLE_IMAGE_FORMAT_UNKNOWN when it is none
 *   Chronicle reads
 */
ChronicleImageFormat
chronicle_image_sniff (const guint8 *data,
                       gsize         size,
                       guint        *width,
                       guint        *height)
{
  *width = 0;
  *height = 0;

  if (data == NULL || size == 0)
    return CHRONICLE_IMAGE_FORMAT_UNKNOWN;
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    {
      if (size >= 24 && memcmp (data + 12, "IHDR", 4) == 0)
        {
          *width = read_be32 (data + 16);
          *height = read_be32 (data + 20);
        }
      return CHRONICLE_IMAGE_FORMAT_PNG;
    }
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    {
      if (size >= 10)
        {
          *width = read_le16 (data + 6);
          *height = read_le16 (data + 8);
        }
      return CHRONICLE_IMAGE_FORMAT_GIF;
    }
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    {
      if (!sniff_jpeg (data, size, width, height))
        *width = *height = 0;
      return CHRONICLE_IMAGE_FORMAT_JPEG;
    }
  if (size >= 16 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    {
      if (!sniff_webp (data, size, width, height))
        *width = *height = 0;
      return CHRONICLE_IMAGE_FORMAT_WEBP;
    }
  if (size >= 12 && memcmp (data + 4, "ftyp", 4) == 0
      && (memcmp (data + 8, "avif", 4) == 0 || memcmp (data + 8, "avis", 4) == 0))
    {
      sniff_avif (data, size, width, height);
      return CHRONICLE_IMAGE_FORMAT_AVIF;
    }
  if (size >= 26 && memcmp (data, "BM", 2) == 0)
    {
      gint32 w = (gint32) (data[18] | (data[19] << 8) | (data[20] << 16) | ((guint32) data[21] << 24));
      gint32 h = (gint32) (data[22] | (data[23] << 8) | (data[24] << 16) | ((guint32) data[25] << 24));

      *width = w > 0 ? (guint) w : 0;
      *height = h == G_MININT32 ? 0 : (guint) ABS (h);
      return CHRONICLE_IMAGE_FORMAT_BMP;
    }
  if (looks_like_svg (data, size))
    return CHRONICLE_IMAGE_FORMAT_SVG;

  return CHRONICLE_IMAGE_FORMAT_UNKNOWN;
}
