/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-image-prefetch"

#include "config.h"

#include "chronicle-document.h"
#include "chronicle-image-fetch.h"
#include "chronicle-image-prefetch.h"
#include "chronicle-image.h"
#include "chronicle-item-private.h"
#include "chronicle-store-private.h"

/* Pictures fetched ahead of reading, into the disk cache: those of the
 * new articles of a refresh, for reading offline, and those of articles
 * starred from the list, into the folder that keeps them.  The articles'
 * bodies are read from the store on a worker; the pictures are fetched
 * through the subscriptions' one session, at most 2 at a time from one
 * host, as the session itself allows, and 4 in all, so that the reader's
 * own pictures are not kept waiting.  A picture fresh in the cache costs
 * no request (see chronicle_image_fetch_async()). */
#define MAX_FETCHING       4
#define MAX_PER_HOST       2
/* A refresh may bring a subscription's whole backlog: only its newest
 * articles are fetched for, and only so many pictures of each. */
#define MAX_ARTICLES       20
#define MAX_PER_ARTICLE    16
/* Pictures are chosen for the widest column the reading view has. */
#define COLUMN_WIDTH       720

struct _ChronicleImagePrefetch
{
  GObject                 parent_instance;

  ChronicleStore         *store;
  ChronicleSubscriptions *network;
  ChronicleImageCache    *cache;
  GCancellable           *cancellable;

  GQueue                  waiting;   /* of Job */
  GHashTable             *known;     /* url, waiting or fetching */
  GHashTable             *per_host;  /* host → how many fetching */
  guint                   n_fetching;
  guint                   n_reading;
};

typedef struct
{
  ChronicleImagePrefetch *self;   /* while fetching */
  char                   *url;
  char                   *location;
  char                   *host;
  gboolean                keep;
} Job;

typedef struct
{
  char   *source_key;
  guint   limit;
  GArray *ids;
  double  scale;
  gboolean keep;
  /* Not to fetch: the kept pictures no starred article shows are let go,
   * but for these, which are being kept. */
  GHashTable *releasing;
} Request;

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronicleImagePrefetch, chronicle_image_prefetch, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_free (job->url);
  g_free (job->location);
  g_free (job->host);
  g_free (job);
}

static void
request_free (Request *request)
{
  g_free (request->source_key);
  g_clear_pointer (&request->ids, g_array_unref);
  g_clear_pointer (&request->releasing, g_hash_table_unref);
  g_free (request);
}

static void
chronicle_image_prefetch_dispose (GObject *object)
{
  ChronicleImagePrefetch *self = CHRONICLE_IMAGE_PREFETCH (object);

  chronicle_image_prefetch_stop (self);
  g_clear_object (&self->store);
  g_clear_object (&self->network);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (chronicle_image_prefetch_parent_class)->dispose (object);
}

static void
chronicle_image_prefetch_finalize (GObject *object)
{
  ChronicleImagePrefetch *self = CHRONICLE_IMAGE_PREFETCH (object);

  g_queue_clear_full (&self->waiting, (GDestroyNotify) job_free);
  g_hash_table_unref (self->known);
  g_hash_table_unref (self->per_host);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (chronicle_image_prefetch_parent_class)->finalize (object);
}

static void
chronicle_image_prefetch_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ChronicleImagePrefetch *self = CHRONICLE_IMAGE_PREFETCH (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, chronicle_image_prefetch_get_n_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_image_prefetch_class_init (ChronicleImagePrefetchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronicle_image_prefetch_dispose;
  object_class->finalize = chronicle_image_prefetch_finalize;
  object_class->get_property = chronicle_image_prefetch_get_property;

  /* Articles being read and pictures waiting or being fetched: 0 once
   * all is done. */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_image_prefetch_init (ChronicleImagePrefetch *self)
{
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * chronicle_image_prefetch_new:
 * @network: what fetches from the web
 * @cache: where the pictures are kept
 */
ChronicleImagePrefetch *
chronicle_image_prefetch_new (ChronicleStore         *store,
                              ChronicleSubscriptions *network,
                              ChronicleImageCache    *cache)
{
  ChronicleImagePrefetch *self;

  g_return_val_if_fail (CHRONICLE_IS_STORE (store), NULL);
  g_return_val_if_fail (CHRONICLE_IS_SUBSCRIPTIONS (network), NULL);
  g_return_val_if_fail (CHRONICLE_IS_IMAGE_CACHE (cache), NULL);

  self = g_object_new (CHRONICLE_TYPE_IMAGE_PREFETCH, NULL);
  self->store = g_object_ref (store);
  self->network = g_object_ref (network);
  self->cache = g_object_ref (cache);

  return self;
}

guint
chronicle_image_prefetch_get_n_pending (ChronicleImagePrefetch *self)
{
  g_return_val_if_fail (CHRONICLE_IS_IMAGE_PREFETCH (self), 0);

  return self->n_reading + self->waiting.length + self->n_fetching;
}

/* The web pictures of @item's body, chosen for this screen. */
static void
add_jobs (GPtrArray     *jobs,
          ChronicleItem *item,
          const char    *location,
          double         scale,
          gboolean       keep)
{
  ChronicleDocument *document = chronicle_item_get_document (item);
  guint found = 0;

  for (guint i = 0; i < chronicle_document_get_n_blocks (document) && found < MAX_PER_ARTICLE; i++)
    {
      const ChronicleBlock *block = chronicle_document_get_block (document, i);
      g_autoptr(GUri) uri = NULL;
      const char *url;
      Job *job;

      if (block->kind != CHRONICLE_BLOCK_IMAGE)
        continue;
      url = chronicle_image_choose (block->image, scale, COLUMN_WIDTH, NULL, NULL, NULL);
      uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
      if (uri == NULL || g_uri_get_host (uri) == NULL ||
          (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        continue;

      job = g_new0 (Job, 1);
      job->url = g_strdup (url);
      job->location = g_strdup (location);
      job->host = g_ascii_strdown (g_uri_get_host (uri), -1);
      job->keep = keep;
      g_ptr_array_add (jobs, job);
      found++;
    }
}

/* The ids of the @limit articles of @source_key stored last. */
static GArray *
read_newest (sqlite3     *db,
             const char  *source_key,
             guint        limit,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT items.id FROM items JOIN sources ON sources.id = items.source_id "
                                  "WHERE sources.key = ? ORDER BY items.first_seen_at DESC, items.position DESC "
                                  "LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  chronicle_store_bind_text (stmt, 1, source_key);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      chronicle_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static char *
read_location (sqlite3 *db,
               gint64   id)
{
  g_autoptr(sqlite3_stmt) stmt = chronicle_store_prepare (db, "SELECT sources.location FROM items JOIN sources "
                                                          "ON sources.id = items.source_id WHERE items.id = ?",
                                                          NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? chronicle_store_column_dup (stmt, 0) : NULL;
}

/* Adds to @urls every address @item's pictures offer, at any scale. */
static void
add_picture_urls (GHashTable    *urls,
                  ChronicleItem *item)
{
  ChronicleDocument *document = chronicle_item_get_document (item);

  for (guint i = 0; i < chronicle_document_get_n_blocks (document); i++)
    {
      const ChronicleBlock *block = chronicle_document_get_block (document, i);

      if (block->kind != CHRONICLE_BLOCK_IMAGE)
        continue;
      for (guint s = 0; s < block->image->sources->len; s++)
        {
          ChronicleImageSource *source = g_ptr_array_index (block->image->sources, s);

          for (guint c = 0; c < source->candidates->len; c++)
            {
              ChronicleImageCandidate *candidate = g_ptr_array_index (source->candidates, c);

              g_hash_table_add (urls, g_strdup (candidate->url));
            }
        }
    }
}

/* Lets the kept pictures that no starred article shows go into the cache,
 * but for @needed (which it adds to). */
static void
release_unstarred (ChronicleImagePrefetch  *self,
                   sqlite3                 *db,
                   GHashTable              *needed,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint released;
  int rc;

  stmt = chronicle_store_prepare (db, "SELECT id FROM items WHERE coalesce(story, guid) IN "
                                  "(SELECT key FROM reader_state WHERE starred)", error);
  if (stmt == NULL)
    return;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      chronicle_store_set_error (db, rc, error);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ChronicleItem) item = chronicle_store_read_item (db, g_array_index (ids, gint64, i), NULL);

      /* Nothing is let go on what was not read whole. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return;
      if (item != NULL)
        add_picture_urls (needed, item);
    }

  released = chronicle_image_cache_release_except (self->cache, needed);
  g_debug ("%u kept pictures no starred article shows went into the cache", released);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ChronicleImagePrefetch *self = source_object;
  Request *request = task_data;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  sqlite3 *db;

  db = chronicle_store_acquire_reader (self->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (request->releasing != NULL)
    {
      release_unstarred (self, db, request->releasing, cancellable, &error);
      chronicle_store_release_reader (self->store, db);
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_steal_pointer (&jobs), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if (request->source_key != NULL)
    ids = read_newest (db, request->source_key, request->limit, &error);
  else
    ids = g_array_ref (request->ids);

  for (guint i = 0; ids != NULL && i < ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(ChronicleItem) item = chronicle_store_read_item (db, id, NULL);
      g_autofree char *location = NULL;

      if (item == NULL)
        continue;
      location = read_location (db, id);
      add_jobs (jobs, item, location, request->scale, request->keep);
    }
  chronicle_store_release_reader (self->store, db);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&jobs), (GDestroyNotify) g_ptr_array_unref);
}

static void pump (ChronicleImagePrefetch *self);

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Job *job = data;
  g_autoptr(ChronicleImagePrefetch) self = g_steal_pointer (&job->self);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint on_host;

  bytes = chronicle_image_fetch_finish (result, &error);
  if (bytes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s: %s", job->url, error->message);

  on_host = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, job->host));
  if (on_host <= 1)
    g_hash_table_remove (self->per_host, job->host);
  else
    g_hash_table_insert (self->per_host, g_strdup (job->host), GUINT_TO_POINTER (on_host - 1));
  g_hash_table_remove (self->known, job->url);
  self->n_fetching--;
  job_free (job);

  pump (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static gboolean
is_metered (void)
{
  return g_network_monitor_get_network_metered (g_network_monitor_get_default ());
}

static void
start (ChronicleImagePrefetch *self,
       Job                    *job)
{
  guint on_host = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, job->host));

  job->self = g_object_ref (self);
  g_hash_table_insert (self->per_host, g_strdup (job->host), GUINT_TO_POINTER (on_host + 1));
  self->n_fetching++;
  chronicle_image_fetch_async (self->network, job->url, job->location, self->cache, job->keep, self->cancellable,
                               fetched_cb, job);
}

/* A metered connection costs the reader money: pictures for reading
 * offline are not fetched there, and those waiting are let go; those of
 * articles the reader starred still are. */
static void
pump (ChronicleImagePrefetch *self)
{
  gboolean metered = self->waiting.length > 0 && is_metered ();
  GList *link = self->waiting.head;

  while (link != NULL && (metered || self->n_fetching < MAX_FETCHING))
    {
      GList *next = link->next;
      Job *job = link->data;

      if (metered && !job->keep)
        {
          g_hash_table_remove (self->known, job->url);
          g_queue_delete_link (&self->waiting, link);
          job_free (job);
        }
      else if (self->n_fetching < MAX_FETCHING &&
               GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, job->host)) < MAX_PER_HOST)
        {
          g_queue_delete_link (&self->waiting, link);
          start (self, job);
        }
      link = next;
    }
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  ChronicleImagePrefetch *self = CHRONICLE_IMAGE_PREFETCH (source);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  self->n_reading--;
  jobs = g_task_propagate_pointer (G_TASK (result), &error);
  if (jobs == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The pictures of new articles could not be read: %s", error->message);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (!g_hash_table_add (self->known, g_strdup (job->url)))
        continue;
      g_queue_push_tail (&self->waiting, g_ptr_array_steal_index (jobs, i--));
    }

  pump (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
read_async (ChronicleImagePrefetch *self,
            Request                *request)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, read_cb, NULL);

  g_task_set_source_tag (task, read_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  self->n_reading++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_task_run_in_thread (task, read_thread);
}

/**
 * chronicle_image_prefetch_new_articles:
 * @source_key: the subscription a refresh brought new articles to
 * @n_new: how many
 * @scale: the screen's scale factor, for the pictures' srcset
 *
 * Fetches the pictures of the newest of those articles into the cache.
 */
void
chronicle_image_prefetch_new_articles (ChronicleImagePrefetch *self,
                                       const char             *source_key,
                                       guint                   n_new,
                                       double                  scale)
{
  Request *request;

  g_return_if_fail (CHRONICLE_IS_IMAGE_PREFETCH (self));
  g_return_if_fail (source_key != NULL);

  if (n_new == 0 || is_metered ())
    return;

  request = g_new0 (Request, 1);
  request->source_key = g_strdup (source_key);
  request->limit = MIN (n_new, MAX_ARTICLES);
  request->scale = scale;
  read_async (self, request);
}

/**
 * chronicle_image_prefetch_items:
 * @store_ids: (array length=n_ids): the articles, as the store knows them
 * @keep: whether to keep the pictures for good, for starred articles
 *
 * Fetches the pictures of the articles, whatever the connection: the
 * reader asked for them.
 */
void
chronicle_image_prefetch_items (ChronicleImagePrefetch *self,
                                const gint64           *store_ids,
                                guint                   n_ids,
                                double                  scale,
                                gboolean                keep)
{
  Request *request;

  g_return_if_fail (CHRONICLE_IS_IMAGE_PREFETCH (self));

  if (n_ids == 0)
    return;

  request = g_new0 (Request, 1);
  request->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (request->ids, store_ids, n_ids);
  request->scale = scale;
  request->keep = keep;
  read_async (self, request);
}

/**
 * chronicle_image_prefetch_release_unstarred:
 *
 * Lets the pictures kept for starred articles that are starred no more,
 * or gone, into the cache, on a worker.  Call it once the reader's state
 * is stored: it reads which articles are starred from the store.
 */
void
chronicle_image_prefetch_release_unstarred (ChronicleImagePrefetch *self)
{
  Request *request;
  GHashTableIter iter;
  gpointer url;

  g_return_if_fail (CHRONICLE_IS_IMAGE_PREFETCH (self));

  request = g_new0 (Request, 1);
  request->releasing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Those fetched now may be for an article just starred. */
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &url, NULL))
    g_hash_table_add (request->releasing, g_strdup (url));
  read_async (self, request);
}

/**
 * chronicle_image_prefetch_stop:
 *
 * Cancels what is being read and fetched, and forgets what waits.
 */
void
chronicle_image_prefetch_stop (ChronicleImagePrefetch *self)
{
  g_return_if_fail (CHRONICLE_IS_IMAGE_PREFETCH (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    g_hash_table_remove (self->known, ((Job *) l->data)->url);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) job_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}
