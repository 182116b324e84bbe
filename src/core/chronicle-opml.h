/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* More subscriptions than this in one file is not a reading list. */
#define CHRONICLE_OPML_MAX_ENTRIES 10000

/**
 * ChronicleOpmlEntry:
 * @url: the feed's address (xmlUrl), http or https
 * @title: (nullable): its title (title, else text)
 * @home_page_url: (nullable): its site (htmlUrl)
 * @folder: (nullable): the folder it is in, "A/B" for folders in folders
 *
 * A subscription of an OPML reading list.
 */
typedef struct
{
  char *url;
  char *title;
  char *home_page_url;
  char *folder;
} ChronicleOpmlEntry;

void       chronicle_opml_entry_free (ChronicleOpmlEntry *entry);

GPtrArray *chronicle_opml_parse      (const char         *data,
                                      gsize               length,
                                      GError            **error);
char      *chronicle_opml_write      (GPtrArray          *entries,
                                      const char         *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleOpmlEntry, chronicle_opml_entry_free)

G_END_DECLS
