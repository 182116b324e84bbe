/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "chronicle-event.h"
#include "chronicle-library.h"

G_BEGIN_DECLS

/* What the desktop's search finds in the library: results are named by
 * strings that say what they are, "article:" and an article's id, or
 * "event:" and a timeline event's id. */
#define CHRONICLE_SHELL_MAX_ARTICLES 10
#define CHRONICLE_SHELL_MAX_EVENTS   5

char          **chronicle_shell_search           (ChronicleLibrary   *library,
                                                  const char * const *terms,
                                                  const char * const *previous);
ChronicleStory *chronicle_shell_result_get_story (ChronicleLibrary   *library,
                                                  const char         *result);
ChronicleEvent *chronicle_shell_result_get_event (ChronicleLibrary   *library,
                                                  const char         *result);

G_END_DECLS
