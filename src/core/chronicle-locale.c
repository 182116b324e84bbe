/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-locale"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "chronicle-languages.h"
#include "chronicle-locale.h"

/* Switching the interface language inside the running program.
 *
 * gettext picks the catalog from LANGUAGE, but ignores LANGUAGE while the
 * messages locale (LC_MESSAGES) is C or C.UTF-8, which is what a session
 * started with LANG=C has, and what minimal containers have.  So the
 * messages locale is set to an installed UTF-8 locale: the language's own
 * when the system has it, else any other.  Where the system has none (no
 * glibc locale exists for Latin at all, and some sandboxes have only C),
 * Chronicle makes a private one: the messages category of C.UTF-8 under
 * another name, in a folder given to glibc through LOCPATH for the one
 * setlocale() call.  Only LC_MESSAGES changes; the rest of the locale
 * (LC_CTYPE, LC_TIME, …) stays as the system set it. */

#define PRIVATE_LOCALE "en_US.UTF-8"

/* The LC_MESSAGES data of glibc's C.UTF-8 locale (yes/no expressions and
 * the codeset), for systems that do not even have C.UTF-8 on disk.  The
 * format has been stable since glibc 2.3. */
static const guint8 c_utf8_messages[48] = {
  0x10, 0x11, 0x03, 0x20, 0x05, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x22, 0x00, 0x00, 0x00,
  0x28, 0x00, 0x00, 0x00, 0x29, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x5e, 0x5b, 0x79, 0x59,
  0x5d, 0x00, 0x5e, 0x5b, 0x6e, 0x4e, 0x5d, 0x00, 0x00, 0x00, 0x55, 0x54, 0x46, 0x2d, 0x38, 0x00,
};

static char *system_language_env;
static char *system_messages_locale;
static char *current_language;
static gboolean initialized;

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

/**
 * chronicle_locale_init:
 *
 * Sets the process locale from the environment, binds Chronicle's catalogs
 * (the build tree's when CHRONICLE_LOCALEDIR is set, for "meson devenv" and
 * the tests) and remembers the system's language settings, so that
 * "System Default" can go back to them.  Call it at start, before anything
 * is translated; later calls do nothing.
 */
void
chronicle_locale_init (void)
{
  const char *localedir = g_getenv ("CHRONICLE_LOCALEDIR");
  const char *messages;

  if (initialized)
    return;

  initialized = TRUE;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  system_language_env = g_strdup (g_getenv ("LANGUAGE"));
  messages = setlocale (LC_MESSAGES, NULL);
  system_messages_locale = g_strdup (messages != NULL ? messages : "C");

  /* GLib decides once, at the first translation, whether to translate at
   * all: it does not when the system's language has no catalog.  Decide it
   * under the C locale, where it always translates, so that switching to a
   * language with a catalog works whatever the system's language is. */
  setlocale (LC_MESSAGES, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_MESSAGES, system_messages_locale);
}

static const char *
own_locale (const char *code)
{
  static const struct {
    const char *code;
    const char *locale;
  } locales[] = {
    { "en", "en_US.UTF-8" }, { "de", "de_DE.UTF-8" }, { "el", "el_GR.UTF-8" },
    { "es", "es_ES.UTF-8" }, { "fi", "fi_FI.UTF-8" }, { "fr", "fr_FR.UTF-8" },
    { "id", "id_ID.UTF-8" }, { "it", "it_IT.UTF-8" }, { "ja", "ja_JP.UTF-8" },
    { "pt", "pt_PT.UTF-8" }, { "ru", "ru_RU.UTF-8" }, { "sa", "sa_IN" },
    { "zh_CN", "zh_CN.UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (g_str_equal (locales[i].code, code))
      return locales[i].locale;

  return NULL;
}

static gboolean
try_messages_locale (const char *name)
{
  const char *set;

  if (name == NULL)
    return FALSE;

  set = setlocale (LC_MESSAGES, name);
  return set != NULL && !is_c_locale (set);
}

/* Writes the private locale's messages category, copied from C.UTF-8 where
 * the system has it on disk. */
static char *
ensure_private_locale (void)
{
  g_autofree char *base = g_build_filename (g_get_user_runtime_dir (), "chronicle", "locale", NULL);
  g_autofree char *dir = g_build_filename (base, PRIVATE_LOCALE, "LC_MESSAGES", NULL);
  g_autofree char *file = g_build_filename (dir, "SYS_LC_MESSAGES", NULL);
  const char *sources[] = {
    "/usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES",
    "/usr/lib/locale/C.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES",
  };
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&base);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;

  for (guint i = 0; contents == NULL && i < G_N_ELEMENTS (sources); i++)
    if (!g_file_get_contents (sources[i], &contents, &length, NULL))
      g_clear_pointer (&contents, g_free);

  if (contents == NULL)
    {
      contents = g_memdup2 (c_utf8_messages, sizeof c_utf8_messages);
      length = sizeof c_utf8_messages;
    }

  if (!g_file_set_contents (file, contents, length, NULL))
    return NULL;

  return g_steal_pointer (&base);
}

static gboolean
use_private_locale (void)
{
  g_autofree char *path = ensure_private_locale ();
  g_autofree char *saved = g_strdup (g_getenv ("LOCPATH"));
  gboolean ok;

  if (path == NULL)
    return FALSE;

  /* LOCPATH is read by setlocale() itself; it is set for this call only,
   * so that nothing else looks for locales there. */
  g_setenv ("LOCPATH", path, TRUE);
  ok = try_messages_locale (PRIVATE_LOCALE);
  if (saved != NULL)
    g_setenv ("LOCPATH", saved, TRUE);
  else
    g_unsetenv ("LOCPATH");

  return ok;
}

/* Makes gettext honour LANGUAGE: a messages locale that is not C. */
static gboolean
ensure_messages_locale (const char *code)
{
  const char *fallbacks[] = { "en_US.UTF-8", "en_GB.UTF-8", "C.UTF-8", NULL };

  if (try_messages_locale (own_locale (code)))
    return TRUE;

  if (!is_c_locale (system_messages_locale) && try_messages_locale (system_messages_locale))
    return TRUE;

  /* Any other installed UTF-8 locale will do: only the catalog matters. */
  for (guint i = 0; fallbacks[i] != NULL; i++)
    if (try_messages_locale (fallbacks[i]))
      return TRUE;

  return use_private_locale ();
}

/**
 * chronicle_locale_set_language:
 * @code: (nullable): a language of the interface such as "de" or "zh_CN",
 *   or %NULL or "" for the system's
 *
 * Switches the language of translations, dates and GTK's own strings for
 * everything translated from now on.  Windows must be rebuilt to show it.
 *
 * Returns: %TRUE if the language is one Chronicle has
 */
gboolean
chronicle_locale_set_language (const char *code)
{
  const ChronicleLanguage *language;

  chronicle_locale_init ();

  if (code == NULL || code[0] == '\0')
    {
      if (system_language_env != NULL)
        g_setenv ("LANGUAGE", system_language_env, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      setlocale (LC_MESSAGES, system_messages_locale);
      g_clear_pointer (&current_language, g_free);
      return TRUE;
    }

  language = chronicle_languages_lookup (code);
  if (language == NULL)
    return FALSE;

  g_setenv ("LANGUAGE", language->code, TRUE);
  if (!ensure_messages_locale (language->code))
    g_warning ("No locale could be set for messages; the interface stays in English");

  g_free (current_language);
  current_language = g_strdup (language->code);
  return TRUE;
}

/**
 * chronicle_locale_get_language:
 *
 * Returns: (nullable): the language chosen in Chronicle, or %NULL when it
 *   follows the system
 */
const char *
chronicle_locale_get_language (void)
{
  return current_language;
}

/**
 * chronicle_locale_get_messages_locale:
 *
 * Returns: the locale now set for messages, for diagnostics
 */
const char *
chronicle_locale_get_messages_locale (void)
{
  return setlocale (LC_MESSAGES, NULL);
}
