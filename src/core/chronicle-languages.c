/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-languages"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chronicle-languages.h"

/* The languages of the interface: English and the 13 of the bundled
 * article's source site, each with its name in its own script (for menus
 * where readers look for their language) and in English (translated, for
 * sentences such as "Translated from German"). */
static const ChronicleLanguage languages[] = {
  { "en", "English", N_("English") },
  { "de", "Deutsch", N_("German") },
  { "el", "Ελληνικά", N_("Greek") },
  { "es", "Español", N_("Spanish") },
  { "fi", "Suomi", N_("Finnish") },
  { "fr", "Français", N_("French") },
  { "id", "Bahasa Indonesia", N_("Indonesian") },
  { "it", "Italiano", N_("Italian") },
  { "ja", "日本語", N_("Japanese") },
  { "la", "Latina", N_("Latin") },
  { "pt", "Português", N_("Portuguese") },
  { "ru", "Русский", N_("Russian") },
  { "sa", "संस्कृतम्", N_("Sanskrit") },
  { "zh_CN", "中文（简体）", N_("Chinese (Simplified)") },
};

const ChronicleLanguage *
chronicle_languages_get_all (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

/**
 * chronicle_languages_lookup:
 * @code: a language code such as "de", "de-AT", "zh-CN" or "ja_JP.UTF-8"
 *
 * Returns: (nullable): the language, matching first the whole code and
 *   then the language alone ("zh" gives Chinese)
 */
const ChronicleLanguage *
chronicle_languages_lookup (const char *code)
{
  g_autofree char *normal = NULL;
  gsize base;

  if (code == NULL || code[0] == '\0')
    return NULL;

  normal = g_strndup (code, strcspn (code, ".@"));
  g_strdelimit (normal, "-", '_');
  base = strcspn (normal, "_");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (languages[i].code, normal) == 0)
      return &languages[i];

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strlen (languages[i].code) >= base && g_ascii_strncasecmp (languages[i].code, normal, base) == 0 &&
        (languages[i].code[base] == '\0' || languages[i].code[base] == '_'))
      return &languages[i];

  return NULL;
}

/**
 * chronicle_language_native_name:
 *
 * Returns: the language's name in its own script, or @code itself when
 *   Chronicle does not know it
 */
const char *
chronicle_language_native_name (const char *code)
{
  const ChronicleLanguage *language = chronicle_languages_lookup (code);

  return language != NULL ? language->native_name : code;
}

/**
 * chronicle_language_display_name:
 *
 * Returns: the language's name in the interface's language, or @code
 *   itself when Chronicle does not know it
 */
const char *
chronicle_language_display_name (const char *code)
{
  const ChronicleLanguage *language = chronicle_languages_lookup (code);

  return language != NULL ? _(language->name) : code;
}
