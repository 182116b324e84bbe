/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHRONICLE_ERROR (chronicle_error_quark ())

/**
 * ChronicleError:
 * @CHRONICLE_ERROR_SYNTAX: the file is not well-formed JSON
 * @CHRONICLE_ERROR_NOT_A_FEED: the file is JSON, but not a JSON Feed
 * @CHRONICLE_ERROR_INVALID: a value has the wrong type or an impossible value
 * @CHRONICLE_ERROR_TOO_LARGE: the file is larger than Chronicle opens
 * @CHRONICLE_ERROR_TOO_DEEP: the file nests deeper than Chronicle reads
 * @CHRONICLE_ERROR_ENCODING: the file is not valid UTF-8
 * @CHRONICLE_ERROR_STATE: the saved state could not be read
 * @CHRONICLE_ERROR_STORE: the library's database failed
 * @CHRONICLE_ERROR_STORE_FULL: the disk holding the library is full
 * @CHRONICLE_ERROR_STORE_READ_ONLY: the library's folder cannot be written
 * @CHRONICLE_ERROR_STORE_BUSY: another program holds the library locked
 * @CHRONICLE_ERROR_STORE_DAMAGED: the library's file is not a library of ours
 * @CHRONICLE_ERROR_REDIRECTS: a web server redirected too often, or to
 *   something that is not a web address
 *
 * Errors raised while reading collections, state and feeds on the web.
 */
typedef enum
{
  CHRONICLE_ERROR_SYNTAX,
  CHRONICLE_ERROR_NOT_A_FEED,
  CHRONICLE_ERROR_INVALID,
  CHRONICLE_ERROR_TOO_LARGE,
  CHRONICLE_ERROR_TOO_DEEP,
  CHRONICLE_ERROR_ENCODING,
  CHRONICLE_ERROR_STATE,
  CHRONICLE_ERROR_STORE,
  CHRONICLE_ERROR_STORE_FULL,
  CHRONICLE_ERROR_STORE_READ_ONLY,
  CHRONICLE_ERROR_STORE_BUSY,
  CHRONICLE_ERROR_STORE_DAMAGED,
  CHRONICLE_ERROR_REDIRECTS,
} ChronicleError;

GQuark chronicle_error_quark (void);

/* Errors of web servers: the code is the HTTP status they answered. */
#define CHRONICLE_HTTP_ERROR (chronicle_http_error_quark ())

GQuark chronicle_http_error_quark (void);

G_END_DECLS
