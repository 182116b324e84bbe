/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-sidebar-entry"

#include "config.h"

#include "chronicle-sidebar-entry.h"

/* One row of the sidebar: a view of all articles, or a collection, in the
 * section (a folder, the subscriptions outside folders, the collections)
 * it is listed under. */

struct _ChronicleSidebarEntry
{
  GObject               parent_instance;

  ChronicleSidebarKind  kind;
  ChronicleCollection  *collection;
  guint                 section;
  char                 *section_title;
};

G_DEFINE_FINAL_TYPE (ChronicleSidebarEntry, chronicle_sidebar_entry, G_TYPE_OBJECT)

static void
chronicle_sidebar_entry_finalize (GObject *object)
{
  ChronicleSidebarEntry *self = CHRONICLE_SIDEBAR_ENTRY (object);

  g_clear_object (&self->collection);
  g_free (self->section_title);

  G_OBJECT_CLASS (chronicle_sidebar_entry_parent_class)->finalize (object);
}

static void
chronicle_sidebar_entry_class_init (ChronicleSidebarEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronicle_sidebar_entry_finalize;
}

static void
chronicle_sidebar_entry_init (ChronicleSidebarEntry *self)
{
}

/**
 * chronicle_sidebar_entry_new:
 * @collection: (nullable): for %CHRONICLE_SIDEBAR_COLLECTION, the
 *   collection
 * @section: where its section comes in the sidebar
 * @section_title: (nullable): what its section is headed, in the
 *   interface's language
 */
ChronicleSidebarEntry *
chronicle_sidebar_entry_new (ChronicleSidebarKind  kind,
                             ChronicleCollection  *collection,
                             guint                 section,
                             const char           *section_title)
{
  ChronicleSidebarEntry *self;

  g_return_val_if_fail ((kind == CHRONICLE_SIDEBAR_COLLECTION) == (collection != NULL), NULL);

  self = g_object_new (CHRONICLE_TYPE_SIDEBAR_ENTRY, NULL);
  self->kind = kind;
  g_set_object (&self->collection, collection);
  self->section = section;
  self->section_title = g_strdup (section_title);
  return self;
}

ChronicleSidebarKind
chronicle_sidebar_entry_get_kind (ChronicleSidebarEntry *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SIDEBAR_ENTRY (self), CHRONICLE_SIDEBAR_ALL);

  return self->kind;
}

/**
 * chronicle_sidebar_entry_get_collection:
 *
 * Returns: (transfer none) (nullable): the collection it lists
 */
ChronicleCollection *
chronicle_sidebar_entry_get_collection (ChronicleSidebarEntry *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SIDEBAR_ENTRY (self), NULL);

  return self->collection;
}

guint
chronicle_sidebar_entry_get_section (ChronicleSidebarEntry *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SIDEBAR_ENTRY (self), 0);

  return self->section;
}

/**
 * chronicle_sidebar_entry_get_section_title:
 *
 * Returns: (nullable): what its section is headed
 */
const char *
chronicle_sidebar_entry_get_section_title (ChronicleSidebarEntry *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SIDEBAR_ENTRY (self), NULL);

  return self->section_title;
}
