/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-collection.h"

G_BEGIN_DECLS

/**
 * ChronicleSidebarKind:
 * @CHRONICLE_SIDEBAR_ALL: every article
 * @CHRONICLE_SIDEBAR_UNREAD: the unread articles
 * @CHRONICLE_SIDEBAR_STARRED: the starred articles
 * @CHRONICLE_SIDEBAR_COLLECTION: the articles of one collection
 */
typedef enum
{
  CHRONICLE_SIDEBAR_ALL,
  CHRONICLE_SIDEBAR_UNREAD,
  CHRONICLE_SIDEBAR_STARRED,
  CHRONICLE_SIDEBAR_COLLECTION,
} ChronicleSidebarKind;

#define CHRONICLE_TYPE_SIDEBAR_ENTRY (chronicle_sidebar_entry_get_type ())

G_DECLARE_FINAL_TYPE (ChronicleSidebarEntry, chronicle_sidebar_entry, CHRONICLE, SIDEBAR_ENTRY, GObject)

ChronicleSidebarEntry *chronicle_sidebar_entry_new            (ChronicleSidebarKind   kind,
                                                               ChronicleCollection   *collection,
                                                               guint                  section,
                                                               const char            *section_title);
ChronicleSidebarKind   chronicle_sidebar_entry_get_kind       (ChronicleSidebarEntry *self);
ChronicleCollection   *chronicle_sidebar_entry_get_collection (ChronicleSidebarEntry *self);
guint                  chronicle_sidebar_entry_get_section    (ChronicleSidebarEntry *self);
const char            *chronicle_sidebar_entry_get_section_title (ChronicleSidebarEntry *self);

G_END_DECLS
