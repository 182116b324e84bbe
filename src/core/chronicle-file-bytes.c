/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chronicle-file-bytes.h"

/* Large files are mapped rather than read: reading one of 345 MB into new
 * memory took a second, almost all of it the kernel handing out and
 * clearing pages, and mapping it takes a tenth of that.
 *
 * A mapped file that is cut short while it is read (written over in
 * place) makes the pages past its new end raise SIGBUS.  The handler
 * below puts pages of zeros there instead, which parse as a broken file,
 * and notes it: chronicle_file_bytes_get_changed() then tells the caller
 * to read the file again, as it is now.  A file written over with a
 * shorter text may only show zeros at the end of its last page, and a
 * parser may stop there: its size and time of change tell then. */

#define MAP_MIN_SIZE (1024 * 1024)
#define MAX_MAPPINGS 32

typedef struct
{
  guintptr start;     /* 0 when the slot is free */
  gsize    length;
  int      changed;   /* set by the handler */
  /* What the file was when mapped; only the slot's owner reads them. */
  char    *path;
  GStatBuf stat;
} Mapping;

static Mapping mappings[MAX_MAPPINGS];
static struct sigaction previous_action;
static guintptr page_size;   /* read before the handler is installed */

static void
bus_error_handler (int        signal_number,
                   siginfo_t *info,
                   void      *context)
{
  guintptr address = (guintptr) info->si_addr;

  for (guint i = 0; i < MAX_MAPPINGS; i++)
    {
      guintptr start = __atomic_load_n (&mappings[i].start, __ATOMIC_SEQ_CST);
      guintptr end = start + __atomic_load_n (&mappings[i].length, __ATOMIC_SEQ_CST);
      guintptr page = address & ~(page_size - 1);

      if (start == 0 || address < start || address >= end)
        continue;

      /* Zeros from the faulting page to the end; the read then goes on. */
      if (mmap ((void *) page, end - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        break;
      __atomic_store_n (&mappings[i].changed, 1, __ATOMIC_SEQ_CST);
      return;
    }

  /* Not ours: as if this handler were not there. */
  sigaction (SIGBUS, &previous_action, NULL);
}

static gpointer
install_handler (gpointer data)
{
  struct sigaction action = { 0 };

  page_size = sysconf (_SC_PAGESIZE);
  action.sa_sigaction = bus_error_handler;
  action.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset (&action.sa_mask);
  return GINT_TO_POINTER (sigaction (SIGBUS, &action, &previous_action) == 0);
}

static Mapping *
find_mapping (gconstpointer data)
{
  for (guint i = 0; i < MAX_MAPPINGS; i++)
    if (data != NULL && __atomic_load_n (&mappings[i].start, __ATOMIC_SEQ_CST) == (guintptr) data)
      return &mappings[i];
  return NULL;
}

static void
unmap (gpointer data)
{
  Mapping *mapping = find_mapping (data);
  gsize length;

  g_return_if_fail (mapping != NULL);
  length = mapping->length;

  g_clear_pointer (&mapping->path, g_free);
  __atomic_store_n (&mapping->length, 0, __ATOMIC_SEQ_CST);
  __atomic_store_n (&mapping->start, 0, __ATOMIC_SEQ_CST);
  munmap (data, length);
}

/* Maps @fd, of @length bytes, into a free slot; %NULL when there is none
 * or the system refuses. */
static GBytes *
map_guarded (int             fd,
             const char     *path,
             const GStatBuf *buf)
{
  gsize length = buf->st_size;
  static GOnce handler_once = G_ONCE_INIT;
  void *data;

  if (!GPOINTER_TO_INT (g_once (&handler_once, install_handler, NULL)))
    return NULL;

  data = mmap (NULL, length, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED)
    return NULL;

  /* Until the slot's length is set, the handler takes no address for
   * this mapping's; none is read before it is returned. */
  for (guint i = 0; i < MAX_MAPPINGS; i++)
    {
      guintptr free_slot = 0;

      if (__atomic_compare_exchange_n (&mappings[i].start, &free_slot, (guintptr) data, FALSE,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        {
          mappings[i].path = g_strdup (path);
          mappings[i].stat = *buf;
          __atomic_store_n (&mappings[i].changed, 0, __ATOMIC_SEQ_CST);
          __atomic_store_n (&mappings[i].length, length, __ATOMIC_SEQ_CST);
          return g_bytes_new_with_free_func (data, length, unmap, data);
        }
    }

  munmap (data, length);
  return NULL;
}

/**
 * chronicle_file_read_bytes:
 *
 * The contents of @file: mapped for a large local file, read otherwise.
 * What is read from them must not be trusted to stay the file's text; see
 * chronicle_file_bytes_get_changed().
 *
 * Returns: (transfer full) (nullable): the contents
 */
GBytes *
chronicle_file_read_bytes (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const char *path = g_file_peek_path (file);
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (path != NULL)
    {
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      GStatBuf buf;
      GBytes *bytes = NULL;

      if (fd >= 0 && fstat (fd, &buf) == 0 && S_ISREG (buf.st_mode) && buf.st_size >= MAP_MIN_SIZE &&
          (guint64) buf.st_size <= G_MAXSIZE)
        bytes = map_guarded (fd, path, &buf);
      if (fd >= 0)
        close (fd);
      if (bytes != NULL)
        return bytes;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/**
 * chronicle_file_bytes_get_changed:
 * @bytes: what chronicle_file_read_bytes() gave
 *
 * Returns: whether the file was cut short while @bytes were read, so that
 *   some of them read as zeros
 */
gboolean
chronicle_file_bytes_get_changed (GBytes *bytes)
{
  Mapping *mapping = find_mapping (g_bytes_get_data (bytes, NULL));
  GStatBuf now;

  if (mapping == NULL)
    return FALSE;
  if (__atomic_load_n (&mapping->changed, __ATOMIC_SEQ_CST))
    return TRUE;
  return g_stat (mapping->path, &now) != 0 || now.st_ino != mapping->stat.st_ino ||
         now.st_size != mapping->stat.st_size || now.st_mtim.tv_sec != mapping->stat.st_mtim.tv_sec ||
         now.st_mtim.tv_nsec != mapping->stat.st_mtim.tv_nsec;
}
