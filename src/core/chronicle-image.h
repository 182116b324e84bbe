/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A picture of an article, as its HTML describes it: no GTK here, the
 * window loads and draws it. */

#define CHRONICLE_TYPE_IMAGE (chronicle_image_get_type ())

/* What a picture may cost: beyond these, its alternative text shows. */
#define CHRONICLE_IMAGE_MAX_DOWNLOAD  (20 * 1024 * 1024)
#define CHRONICLE_IMAGE_MAX_DATA_URI  (1024 * 1024)
#define CHRONICLE_IMAGE_MAX_PIXELS    (50 * 1000 * 1000)
/* A list's thumbnail is at most this many CSS pixels a side. */
#define CHRONICLE_IMAGE_THUMBNAIL_SIDE 64
#define CHRONICLE_IMAGE_TIMEOUT_S     30

/**
 * ChronicleImageCandidate:
 * @url: an address, absolute when the document had a base address
 * @density: the pixel density its "x" descriptor gives, or 0
 * @width: the width in pixels its "w" descriptor gives, or 0
 *
 * One image a srcset offers.  Without a descriptor, @density is 1.
 */
typedef struct
{
  char   *url;
  double  density;
  guint   width;
} ChronicleImageCandidate;

/**
 * ChronicleImageSource:
 * @type: (nullable): the media type a <source> of a <picture> declares
 * @candidates: (element-type ChronicleImageCandidate): never empty
 */
typedef struct
{
  char      *type;
  GPtrArray *candidates;
} ChronicleImageSource;

/**
 * ChronicleImage:
 * @sources: (element-type ChronicleImageSource): what a <picture> offers,
 *   in its order, the <img>'s own srcset and src last; never empty
 * @alt: (nullable): the alternative text, the picture's accessible name
 * @href: (nullable): where a link around the picture leads
 * @width: its width in CSS pixels as the HTML says, or 0
 * @height: its height in CSS pixels as the HTML says, or 0
 */
typedef struct
{
  GPtrArray *sources;
  char      *alt;
  char      *href;
  guint      width;
  guint      height;
} ChronicleImage;

/**
 * ChronicleImageFormat:
 *
 * What the first bytes of an image say it is.
 */
typedef enum
{
  CHRONICLE_IMAGE_FORMAT_UNKNOWN,
  CHRONICLE_IMAGE_FORMAT_PNG,
  CHRONICLE_IMAGE_FORMAT_JPEG,
  CHRONICLE_IMAGE_FORMAT_GIF,
  CHRONICLE_IMAGE_FORMAT_WEBP,
  CHRONICLE_IMAGE_FORMAT_AVIF,
  CHRONICLE_IMAGE_FORMAT_BMP,
  CHRONICLE_IMAGE_FORMAT_SVG,
} ChronicleImageFormat;

/* Tells whether the window can read images of a media type. */
typedef gboolean (*ChronicleImageTypeFunc) (const char *type,
                                            gpointer    user_data);

GType                 chronicle_image_get_type     (void) G_GNUC_CONST;
ChronicleImage       *chronicle_image_new          (void);
ChronicleImage       *chronicle_image_copy         (const ChronicleImage   *image);
void                  chronicle_image_free         (ChronicleImage         *image);
void                  chronicle_image_add_source   (ChronicleImage         *image,
                                                    const char             *type,
                                                    GPtrArray              *candidates);

GPtrArray            *chronicle_srcset_parse       (const char             *srcset,
                                                    const char             *base_url);
void                  chronicle_image_candidate_free (ChronicleImageCandidate *candidate);

const char           *chronicle_image_choose       (const ChronicleImage   *image,
                                                    double                  scale,
                                                    guint                   width,
                                                    ChronicleImageTypeFunc  supported,
                                                    gpointer                user_data,
                                                    double                 *density);

const char           *chronicle_image_choose_thumbnail (const ChronicleImage *image);

ChronicleImageFormat  chronicle_image_sniff        (const guint8           *data,
                                                    gsize                   size,
                                                    guint                  *width,
                                                    guint                  *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleImage, chronicle_image_free)

G_END_DECLS
