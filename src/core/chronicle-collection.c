/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-collection"

#include "config.h"

#include "chronicle-collection.h"

/* A feed as the reader knows it: where it came from and what to call it. */

struct _ChronicleCollection
{
  GObject        parent_instance;

  char          *id;
  char          *name;
  ChronicleFeed *feed;
  gboolean       builtin;
  GCancellable  *cancellable;   /* what is still being done for it */
  GPtrArray     *diagnostics;   /* the problems read around, in file order */
  char          *location;      /* the URI it was read from */
  char          *content_hash;  /* of the text it was read from */
  gboolean       web;           /* a subscription */
  char          *folder;        /* a subscription's, or NULL */
  char          *user_title;    /* the title the reader gave it, or NULL */
  ChronicleFetchState *fetch;   /* how fetching a subscription went */
  GBytes        *icon;          /* a subscription's, as its server sent it */
  guint          n_unread;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_FOLDER,
  PROP_FETCH_STATE,
  PROP_FAILED,
  PROP_N_UNREAD,
  PROP_ICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleCollection, chronicle_collection, G_TYPE_OBJECT)

static void
chronicle_collection_finalize (GObject *object)
{
  ChronicleCollection *self = CHRONICLE_COLLECTION (object);

  g_free (self->id);
  g_free (self->name);
  g_clear_object (&self->feed);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_free (self->location);
  g_free (self->content_hash);
  g_free (self->folder);
  g_free (self->user_title);
  g_clear_pointer (&self->fetch, chronicle_fetch_state_free);
  g_clear_pointer (&self->icon, g_bytes_unref);

  G_OBJECT_CLASS (chronicle_collection_parent_class)->finalize (object);
}

static void
chronicle_collection_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronicleCollection *self = CHRONICLE_COLLECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, chronicle_collection_get_title (self));
      break;

    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    case PROP_FETCH_STATE:
      g_value_set_boxed (value, self->fetch);
      break;

    case PROP_FAILED:
      g_value_set_boolean (value, chronicle_collection_get_failed (self));
      break;

    case PROP_N_UNREAD:
      g_value_set_uint (value, self->n_unread);
      break;

    case PROP_ICON:
      g_value_set_boxed (value, self->icon);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_collection_class_init (ChronicleCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_collection_finalize;
  object_class->get_property = chronicle_collection_get_property;

  /* Shown by the sidebar, which follows it. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FETCH_STATE] =
    g_param_spec_boxed ("fetch-state", NULL, NULL, CHRONICLE_TYPE_FETCH_STATE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_UNREAD] =
    g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ICON] =
    g_param_spec_boxed ("icon", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_collection_init (ChronicleCollection *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * chronicle_collection_new:
 * @id: a stable identifier, the same across restarts
 * @name: the file name the reader opened, for messages
 * @builtin: whether it ships with Chronicle and cannot be removed
 */
ChronicleCollection *
chronicle_collection_new (const char    *id,
                          const char    *name,
                          ChronicleFeed *feed,
                          gboolean       builtin)
{
  ChronicleCollection *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (CHRONICLE_IS_FEED (feed), NULL);

  self = g_object_new (CHRONICLE_TYPE_COLLECTION, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->feed = g_object_ref (feed);
  self->builtin = builtin;

  return self;
}

const char *
chronicle_collection_get_id (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->id;
}

const char *
chronicle_collection_get_name (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->name;
}

/**
 * chronicle_collection_get_title:
 *
 * Returns: the title the reader gave it, else the feed's title, else the
 *   file's name
 */
const char *
chronicle_collection_get_title (ChronicleCollection *self)
{
  const char *title;

  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  if (self->user_title != NULL)
    return self->user_title;

  title = chronicle_feed_get_title (self->feed);
  if (title != NULL && title[0] != '\0')
    return title;

  return self->name;
}

ChronicleFeed *
chronicle_collection_get_feed (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->feed;
}

gboolean
chronicle_collection_get_builtin (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), FALSE);

  return self->builtin;
}

/**
 * chronicle_collection_get_cancellable:
 *
 * The work still being done for the collection (its stories entering the
 * list, its search keys being folded) is owned by it: removing the
 * collection cancels this, and all of it stops.
 *
 * Returns: (transfer none): the collection's cancellable
 */
GCancellable *
chronicle_collection_get_cancellable (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->cancellable;
}

/**
 * chronicle_collection_get_diagnostics:
 *
 * Returns: (transfer none) (nullable) (element-type ChronicleDiagnostic):
 *   the problems its file was read around, in file order
 */
GPtrArray *
chronicle_collection_get_diagnostics (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->diagnostics;
}

void
chronicle_collection_set_diagnostics (ChronicleCollection *self,
                                      GPtrArray           *diagnostics)
{
  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));

  if (diagnostics != NULL)
    g_ptr_array_ref (diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = diagnostics;
}

/**
 * chronicle_collection_set_origin:
 * @location: (nullable): the URI it was read from
 * @content_hash: (nullable): a checksum of the text, which tells whether
 *   reading it again would change anything
 */
void
chronicle_collection_set_origin (ChronicleCollection *self,
                                 const char          *location,
                                 const char          *content_hash)
{
  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));

  g_set_str (&self->location, location);
  g_set_str (&self->content_hash, content_hash);
}

/**
 * chronicle_collection_refill:
 * @name: its name now
 * @feed: what it holds now
 *
 * The same collection, read again (a refreshed subscription): what was
 * being done for what it held stops, and it holds @feed.  Lists that show
 * it keep it where it is.
 */
void
chronicle_collection_refill (ChronicleCollection *self,
                             const char          *name,
                             ChronicleFeed       *feed)
{
  g_autofree char *old_title = NULL;

  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));
  g_return_if_fail (CHRONICLE_IS_FEED (feed));

  old_title = g_strdup (chronicle_collection_get_title (self));
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_set_str (&self->name, name);
  g_set_object (&self->feed, feed);
  if (g_strcmp0 (old_title, chronicle_collection_get_title (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
chronicle_collection_get_location (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->location;
}

const char *
chronicle_collection_get_content_hash (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->content_hash;
}

/**
 * chronicle_collection_get_web:
 *
 * Returns: whether it is a subscription to a web feed
 */
gboolean
chronicle_collection_get_web (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), FALSE);

  return self->web;
}

/**
 * chronicle_collection_get_folder:
 *
 * Returns: (nullable): a subscription's folder, "A/B" for a folder in a
 *   folder
 */
const char *
chronicle_collection_get_folder (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->folder;
}

void
chronicle_collection_set_folder (ChronicleCollection *self,
                                 const char          *folder)
{
  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));

  if (folder != NULL && folder[0] == '\0')
    folder = NULL;
  if (g_set_str (&self->folder, folder))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

/**
 * chronicle_collection_get_user_title:
 *
 * Returns: (nullable): the title the reader gave it
 */
const char *
chronicle_collection_get_user_title (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->user_title;
}

/**
 * chronicle_collection_set_user_title:
 * @title: (nullable): the title the reader gives it; %NULL or empty for
 *   the feed's own
 */
void
chronicle_collection_set_user_title (ChronicleCollection *self,
                                     const char          *title)
{
  g_autofree char *old_title = NULL;

  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));

  if (title != NULL && title[0] == '\0')
    title = NULL;
  old_title = g_strdup (chronicle_collection_get_title (self));
  g_set_str (&self->user_title, title);
  if (g_strcmp0 (old_title, chronicle_collection_get_title (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * chronicle_collection_get_fetch_state:
 *
 * Returns: (nullable): how fetching a subscription last went, as the store
 *   had it when it was last read; %NULL for other collections
 */
const ChronicleFetchState *
chronicle_collection_get_fetch_state (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->fetch;
}

/**
 * chronicle_collection_set_web_state:
 * @folder: (nullable): its folder
 * @user_title: (nullable): the title the reader gave it
 * @fetch: how fetching it went
 *
 * Makes it a subscription, as the store has it.
 */
void
chronicle_collection_set_web_state (ChronicleCollection       *self,
                                    const char                *folder,
                                    const char                *user_title,
                                    const ChronicleFetchState *fetch)
{
  gboolean failed;

  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));
  g_return_if_fail (fetch != NULL);

  self->web = TRUE;
  g_object_freeze_notify (G_OBJECT (self));
  chronicle_collection_set_folder (self, folder);
  chronicle_collection_set_user_title (self, user_title);
  if (!chronicle_fetch_state_equal (self->fetch, fetch))
    {
      failed = chronicle_collection_get_failed (self);
      g_clear_pointer (&self->fetch, chronicle_fetch_state_free);
      self->fetch = chronicle_fetch_state_copy (fetch);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCH_STATE]);
      if (failed != chronicle_collection_get_failed (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * chronicle_collection_get_failed:
 *
 * Returns: whether the last refresh of a subscription failed, or its feed
 *   is gone
 */
gboolean
chronicle_collection_get_failed (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), FALSE);

  return self->fetch != NULL && (self->fetch->gone || self->fetch->last_error != NULL);
}

guint
chronicle_collection_get_n_unread (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), 0);

  return self->n_unread;
}

void
chronicle_collection_set_n_unread (ChronicleCollection *self,
                                   guint                n_unread)
{
  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));

  if (self->n_unread == n_unread)
    return;
  self->n_unread = n_unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREAD]);
}

/**
 * chronicle_collection_get_icon:
 *
 * Returns: (transfer none) (nullable): a subscription's icon, as its
 *   server sent it (an image of a kind chronicle_icon_sniff() accepts)
 */
GBytes *
chronicle_collection_get_icon (ChronicleCollection *self)
{
  g_return_val_if_fail (CHRONICLE_IS_COLLECTION (self), NULL);

  return self->icon;
}

void
chronicle_collection_set_icon (ChronicleCollection *self,
                               GBytes              *icon)
{
  g_return_if_fail (CHRONICLE_IS_COLLECTION (self));

  if (self->icon == icon || (self->icon != NULL && icon != NULL && g_bytes_equal (self->icon, icon)))
    return;
  g_clear_pointer (&self->icon, g_bytes_unref);
  self->icon = icon != NULL ? g_bytes_ref (icon) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON]);
}
