/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "chronicle-xml-feed"

#include "config.h"

#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/chvalid.h>
#include <string.h>

#include "chronicle-xml-decode.h"

/* The text of a feed, made UTF-8 before libxml2 reads it.  libxml2 2.9's
 * own decoding stops the whole reading at the first byte that is not in
 * the declared encoding, and switches a "UTF-8" file that is not to
 * Latin-1 in ways that lose items; feeds are often labelled wrongly.
 * So Chronicle decodes the text itself, as browsers do (WHATWG: Latin-1
 * labels are Windows-1252), keeps reading past bad bytes, says where the
 * first one was, and hands libxml2 UTF-8 only.  The same pass replaces
 * characters XML does not allow and escapes a "<" that starts no markup,
 * which would otherwise end libxml2's push parser there. */

/* Problems of one kind after which the rest are not listed. */
#define MAX_REPORTED 100

/* Windows-1252's characters for the bytes 0x80 to 0x9F; 0 where it has none. */
static const gunichar cp1252[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/**
 * chronicle_xml_windows_1252:
 * @byte: a byte of Windows-1252 text
 *
 * Returns: the character, U+FFFD for the five bytes it leaves undefined
 */
gunichar
chronicle_xml_windows_1252 (guchar byte)
{
  if (byte >= 0x80 && byte < 0xA0)
    return cp1252[byte - 0x80] != 0 ? cp1252[byte - 0x80] : 0xFFFD;
  return byte;
}

typedef struct
{
  GPtrArray *diagnostics;
  guint      n_invalid;
  guint      n_less_than;
} Decoding;

/* Where @at is in @text, as libxml2 counts: lines, and characters since
 * the start of the line. */
static void
position_of (const char            *text,
             gsize                  at,
             ChronicleTextPosition *position)
{
  const char *line_start = text;

  position->line = 1;
  for (const char *p = memchr (text, '\n', at); p != NULL; p = memchr (p + 1, '\n', text + at - (p + 1)))
    {
      position->line++;
      line_start = p + 1;
    }
  position->column = 1 + g_utf8_strlen (line_start, text + at - line_start);
  position->offset = CHRONICLE_OFFSET_UNKNOWN;
}

static ChronicleDiagnostic *
report (Decoding         *decoding,
        ChronicleSeverity severity,
        ChronicleProblem  problem,
        const char       *text,
        gsize             at)
{
  ChronicleDiagnostic *diagnostic = chronicle_diagnostic_new (severity, problem, NULL);

  position_of (text, at, &diagnostic->position);
  g_ptr_array_add (decoding->diagnostics, diagnostic);
  return diagnostic;
}

/* The encoding named in the XML declaration, or %NULL. */
static char *
declared_encoding (const char *data,
                   gsize       length)
{
  gsize limit;
  const char *end, *name, *p;
  char quote;

  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  limit = MIN (length, 1024);
  if (limit < 6 || strncmp (data, "<?xml", 5) != 0 || (end = g_strstr_len (data, limit, "?>")) == NULL)
    return NULL;

  p = g_strstr_len (data, end - data, "encoding");
  if (p == NULL)
    return NULL;
  p += strlen ("encoding");
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p++ != '=')
    return NULL;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || (*p != '"' && *p != '\''))
    return NULL;
  quote = *p++;
  name = p;
  while (p < end && *p != quote)
    p++;
  return p < end && p > name ? g_strstrip (g_strndup (name, p - name)) : NULL;
}

static gboolean
is_one_of (const char         *name,
           const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_utf8_label (const char *name)
{
  static const char * const names[] = { "utf-8", "utf8", "unicode-1-1-utf-8", NULL };

  return is_one_of (name, names);
}

/* Labels that WHATWG, and every browser, read as Windows-1252. */
static gboolean
is_windows_1252_label (const char *name)
{
  static const char * const names[] = {
    "windows-1252", "windows_1252", "win-1252", "cp1252", "cp-1252", "x-cp1252", "iso-8859-1", "iso8859-1",
    "iso_8859-1", "iso-8859-1:1987", "iso_8859-1:1987", "iso-ir-100", "latin1", "latin-1", "l1", "csisolatin1",
    "ibm819", "cp819", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-6", "iso646-us", "us", NULL,
  };

  return is_one_of (name, names);
}

/* The name iconv knows for a label written otherwise: Python's and
 * Microsoft's spellings, and code pages by number alone. */
static char *
iconv_name (const char *label)
{
  static const struct { const char *label; const char *name; } aliases[] = {
    { "x-sjis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" }, { "ms_kanji", "SHIFT_JIS" },
    { "macroman", "MACINTOSH" }, { "mac-roman", "MACINTOSH" }, { "x-mac-roman", "MACINTOSH" }, { "mac", "MACINTOSH" },
    { "maccyrillic", "MAC-CYRILLIC" }, { "x-mac-cyrillic", "MAC-CYRILLIC" }, { "x-euc-jp", "EUC-JP" },
    { "x-gbk", "GBK" }, { "gb_2312-80", "GB2312" }, { "ks_c_5601-1987", "CP949" }, { "x-big5", "BIG5" },
  };
  g_autofree char *name = g_ascii_strdown (label, -1);

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (name, aliases[i].label))
      return g_strdup (aliases[i].name);

  g_strdelimit (name, "_", '-');
  if (g_str_has_prefix (name, "win-"))
    return g_strconcat ("WINDOWS-", name + 4, NULL);
  if (name[0] != '\0' && strspn (name, "0123456789") == strlen (name))
    return g_strconcat ("CP", name, NULL);
  return g_steal_pointer (&name);
}

/* Whether @data is UTF-8 with at least one character beyond ASCII: text
 * that a Latin-1 label cannot be right about. */
static gboolean
is_utf8_beyond_ascii (const char *data,
                      gsize       length)
{
  gboolean beyond = FALSE;

  for (gsize i = 0; i < length && !beyond; i++)
    beyond = (guchar) data[i] >= 0x80;
  return beyond && g_utf8_validate_len (data, length, NULL);
}

/* Single-byte Windows-1252, as WHATWG decodes it. */
static char *
decode_windows_1252 (const char *data,
                     gsize       length,
                     gsize      *out_length)
{
  GString *text = g_string_sized_new (length + length / 8);

  for (gsize i = 0; i < length; i++)
    {
      guchar byte = (guchar) data[i];

      if (byte < 0x80)
        g_string_append_c (text, (char) byte);
      else
        g_string_append_unichar (text, chronicle_xml_windows_1252 (byte));
    }

  *out_length = text->len;
  return g_string_free (text, FALSE);
}

/* Any other encoding, through iconv; bytes that are not in it are shown
 * as U+FFFD and the reading goes on.  %NULL when iconv does not know it. */
static char *
decode_iconv (Decoding   *decoding,
              const char *data,
              gsize       length,
              const char *name,
              const char *label,
              gsize      *out_length)
{
  GIConv converter = g_iconv_open ("UTF-8", name);
  GString *text;
  gchar *in = (gchar *) data;
  gsize in_left = length;
  gssize first_bad = -1;
  char buffer[8192];

  if (converter == (GIConv) -1)
    return NULL;

  text = g_string_sized_new (length + length / 2);
  while (in_left > 0)
    {
      gchar *out = buffer;
      gsize out_left = sizeof buffer;
      gsize result = g_iconv (converter, &in, &in_left, &out, &out_left);
      int saved = errno;

      g_string_append_len (text, buffer, out - buffer);
      if (result != (gsize) -1 || saved == E2BIG)
        continue;

      /* EILSEQ, or EINVAL at the end: one byte is skipped. */
      if (first_bad < 0)
        first_bad = text->len;
      g_string_append (text, "\xEF\xBF\xBD");
      in++;
      in_left--;
      g_iconv (converter, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (converter);

  if (first_bad >= 0)
    report (decoding, CHRONICLE_SEVERITY_WARNING, CHRONICLE_PROBLEM_XML_UNDECODABLE, text->str,
            first_bad)->text = g_strdup (label);

  *out_length = text->len;
  return g_string_free (text, FALSE);
}

/* Whether the "<" at @p starts markup: a tag, an end tag, a comment, a
 * CDATA section, a declaration or a processing instruction. */
static gboolean
starts_markup (const char *p,
               const char *end)
{
  guchar next;

  if (p + 1 >= end)
    return FALSE;
  next = (guchar) p[1];
  return g_ascii_isalpha (next) || next == '_' || next == ':' || next == '/' || next == '!' || next == '?' ||
         next >= 0x80;
}

/* Where what XML reads as it is written ends: a comment, a CDATA section
 * or a processing instruction starting at @p; else @p + 1. */
static const char *
skip_verbatim (const char *p,
               const char *end)
{
  static const struct { const char *start; const char *close; } spans[] = {
    { "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?", "?>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      gsize n = strlen (spans[i].start);

      if ((gsize) (end - p) >= n && memcmp (p, spans[i].start, n) == 0)
        {
          const char *close = memmem (p + n, end - (p + n), spans[i].close, strlen (spans[i].close));

          return close != NULL ? close + strlen (spans[i].close) : end;
        }
    }

  return p + 1;
}

/* The bytes the pass over UTF-8 text looks at: control characters but
 * tab, line feed and carriage return; "<"; and all beyond ASCII. */
static const guint8 special[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  [0x3C] = 1,
  [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The length of the UTF-8 character at @p, or 0 when it is none: the
 * checks of RFC 3629 (no overlong forms, no surrogates, nothing past
 * U+10FFFF), inline, as most text beyond ASCII goes through here. */
static inline gsize
utf8_length (const guchar *p,
             const guchar *end)
{
  gsize left = end - p;

  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    return left >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (p[0] >= 0xE0 && p[0] <= 0xEF)
    {
      if (left < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
      if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))
        return 0;
      return 3;
    }
  if (p[0] >= 0xF0 && p[0] <= 0xF4)
    {
      if (left < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        return 0;
      if ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
      return 4;
    }
  return 0;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether any of the eight bytes at @p is special: beyond ASCII, below
 * 0x20 (tab, line feed and carriage return too: the byte loop sorts them
 * out) or "<". */
static inline gboolean
has_special (const char *p)
{
  guint64 word;
  guint64 less_than;

  memcpy (&word, p, sizeof word);
  less_than = word ^ (ONES * '<');
  return ((word | ((word - ONES * 0x20) & ~word) | ((less_than - ONES) & ~less_than)) & HIGHS) != 0;
}

/* The pass over UTF-8 text: bytes that are not UTF-8 are read as
 * Windows-1252, characters XML does not allow are left out (as other
 * readers do: they are invisible anyway), and a "<" that starts nothing
 * becomes "&lt;".  %NULL when the text needs none
 * of that. */
static char *
repair_utf8 (Decoding   *decoding,
             const char *data,
             gsize       length,
             gsize      *out_length)
{
  const char *end = data + length;
  const char *p = data;
  const char *copied = data;
  GString *text = NULL;
  gboolean mismatch_reported = FALSE;
  const char *verbatim_end = data;

  while (p < end)
    {
      guchar byte;

      /* Most of a feed is ASCII text and tags: eight bytes at a time,
       * then one look-up a byte. */
      while (end - p >= 8 && !has_special (p))
        p += 8;
      while (p < end && !special[(guchar) *p])
        p++;
      if (p >= end)
        break;

      byte = (guchar) *p;
      if (byte == '<')
        {
          /* Inside a comment or CDATA section a "<" is text; the bytes
           * are still checked. */
          if (p < verbatim_end)
            {
              p++;
              continue;
            }
          if (starts_markup (p, end))
            {
              if (p[1] == '!' || p[1] == '?')
                verbatim_end = skip_verbatim (p, end);
              p++;
              continue;
            }
          if (text == NULL)
            text = g_string_sized_new (length + 64);
          g_string_append_len (text, copied, p - copied);
          if (decoding->n_less_than++ < MAX_REPORTED)
            report (decoding, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_BARE_LESS_THAN, data, p - data);
          g_string_append (text, "&lt;");
          copied = ++p;
          continue;
        }
      if (byte >= 0x80)
        {
          gsize n = utf8_length ((const guchar *) p, (const guchar *) end);

          if (n > 0)
            {
              /* U+FFFE and U+FFFF are no characters of XML's. */
              if (n != 3 || byte != 0xEF || (guchar) p[1] != 0xBF || (guchar) p[2] < 0xBE)
                {
                  p += n;
                  continue;
                }
            }
          else
            {
              /* Not UTF-8: Latin-1 and Windows-1252 are what such files are. */
              if (text == NULL)
                text = g_string_sized_new (length + 64);
              g_string_append_len (text, copied, p - copied);
              if (!mismatch_reported)
                {
                  ChronicleDiagnostic *diagnostic = report (decoding, CHRONICLE_SEVERITY_WARNING,
                                                            CHRONICLE_PROBLEM_XML_ENCODING_MISMATCH, data, p - data);

                  diagnostic->text = g_strdup ("UTF-8");
                  diagnostic->text2 = g_strdup ("Windows-1252");
                  mismatch_reported = TRUE;
                }
              g_string_append_unichar (text, chronicle_xml_windows_1252 (byte));
              copied = ++p;
              continue;
            }
        }

      /* A control character, U+FFFE or U+FFFF: not allowed in XML. */
      if (text == NULL)
        text = g_string_sized_new (length + 64);
      g_string_append_len (text, copied, p - copied);
      if (decoding->n_invalid++ < MAX_REPORTED)
        report (decoding, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_INVALID_CHARACTER, data,
                p - data)->number = byte < 0x80 ? byte : g_utf8_get_char (p);
      p += byte < 0x80 ? 1 : g_utf8_skip[byte];
      copied = p;
    }

  if (text == NULL)
    return NULL;

  g_string_append_len (text, copied, end - copied);
  *out_length = text->len;
  return g_string_free (text, FALSE);
}

/* UTF-16 and UTF-32, told by their byte order mark or by how "<" is
 * written, which XML requires at the start. */
static const char *
wide_encoding (const guchar *b,
               gsize         length,
               gsize        *bom)
{
  *bom = 0;
  if (length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
    return *bom = 4, "UTF-32LE";
  if (length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
    return *bom = 4, "UTF-32BE";
  if (length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
    return *bom = 2, "UTF-16LE";
  if (length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
    return *bom = 2, "UTF-16BE";
  if (length >= 4 && b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0)
    return "UTF-32LE";
  if (length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<')
    return "UTF-32BE";
  if (length >= 2 && b[0] == '<' && b[1] == 0)
    return "UTF-16LE";
  if (length >= 2 && b[0] == 0 && b[1] == '<')
    return "UTF-16BE";
  return NULL;
}

/**
 * chronicle_xml_is_ebcdic:
 *
 * Returns: whether @data starts with "<?xm" in EBCDIC, which libxml2
 *   decodes itself
 */
gboolean
chronicle_xml_is_ebcdic (const char *data,
                         gsize       length)
{
  return length >= 4 && memcmp (data, "\x4C\x6F\xA7\x94", 4) == 0;
}

/**
 * chronicle_xml_decode:
 * @data: a feed's bytes
 * @out_length: (out): the length of the text returned
 * @diagnostics: where to add the problems found, with their places
 *
 * Makes the text of @data UTF-8 that libxml2 reads whole: decoded from the
 * encoding its byte order mark or declaration names (or the one it is in,
 * when the declaration is wrong), with bytes that are not in it replaced
 * and each first such problem reported.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @data can
 *   be read as it is
 */
char *
chronicle_xml_decode (const char *data,
                      gsize       length,
                      gsize      *out_length,
                      GPtrArray  *diagnostics)
{
  Decoding decoding = { diagnostics, 0, 0 };
  g_autofree char *label = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *name = NULL;
  const char *wide;
  gsize decoded_length = 0, bom = 0;
  char *repaired;

  if (chronicle_xml_is_ebcdic (data, length))
    return NULL;

  wide = wide_encoding ((const guchar *) data, length, &bom);
  if (wide != NULL)
    {
      decoded = decode_iconv (&decoding, data + bom, length - bom, wide, wide, &decoded_length);
    }
  else
    {
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        bom = 3;
      label = bom == 0 ? declared_encoding (data, length) : NULL;

      if (label != NULL && !is_utf8_label (label))
        {
          if (is_utf8_beyond_ascii (data, length) ||
              ((g_ascii_strncasecmp (label, "utf-16", 6) == 0 || g_ascii_strncasecmp (label, "utf-32", 6) == 0)))
            {
              /* A server's or a template's label, over UTF-8 text. */
              ChronicleDiagnostic *diagnostic = report (&decoding, CHRONICLE_SEVERITY_WARNING,
                                                        CHRONICLE_PROBLEM_XML_WRONG_ENCODING, data, 0);

              diagnostic->text = g_strdup (label);
              diagnostic->text2 = g_strdup ("UTF-8");
            }
          else if (is_windows_1252_label (label))
            decoded = decode_windows_1252 (data, length, &decoded_length);
          else if ((decoded = decode_iconv (&decoding, data, length, (name = iconv_name (label)), label,
                                            &decoded_length)) == NULL)
            report (&decoding, CHRONICLE_SEVERITY_ERROR, CHRONICLE_PROBLEM_XML_UNKNOWN_ENCODING, data,
                    0)->text = g_strdup (label);
        }
    }

  if (decoded != NULL)
    {
      repaired = repair_utf8 (&decoding, decoded, decoded_length, out_length);
      if (repaired != NULL)
        return repaired;
      *out_length = decoded_length;
      return g_steal_pointer (&decoded);
    }

  return repair_utf8 (&decoding, data, length, out_length);
}

/**
 * chronicle_xml_unescape:
 *
 * What an attribute's text means, leniently: the five XML entities,
 * character references and HTML's entities are replaced, anything else
 * is kept as written; white space is normalized as XML does.
 *
 * Returns: (transfer full): the value
 */
char *
chronicle_xml_unescape (const char *raw,
                        gsize       length)
{
  GString *value = g_string_sized_new (length);
  const char *end = raw + length;

  for (const char *p = raw; p < end; p++)
    {
      const char *semicolon;
      gunichar c = 0;

      if (*p == '\t' || *p == '\n' || *p == '\r')
        {
          g_string_append_c (value, ' ');
          continue;
        }
      if (*p != '&' || (semicolon = memchr (p, ';', MIN ((gsize) (end - p), 34))) == NULL)
        {
          g_string_append_c (value, *p);
          continue;
        }

      {
        g_autofree char *name = g_strndup (p + 1, semicolon - p - 1);
        const htmlEntityDesc *entity;
        guint64 number;

        if (name[0] == '#' && (name[1] == 'x' || name[1] == 'X') &&
            g_ascii_string_to_unsigned (name + 2, 16, 1, 0x10FFFF, &number, NULL))
          c = (gunichar) number;
        else if (name[0] == '#' && g_ascii_string_to_unsigned (name + 1, 10, 1, 0x10FFFF, &number, NULL))
          c = (gunichar) number;
        else if (g_str_equal (name, "apos"))
          c = '\'';
        else if ((entity = htmlEntityLookup ((const xmlChar *) name)) != NULL)
          c = entity->value;
      }

      if (c != 0 && xmlIsCharQ (c))
        {
          g_string_append_unichar (value, c);
          p = semicolon;
        }
      else
        g_string_append_c (value, '&');
    }

  return g_string_free (value, FALSE);
}

/**
 * chronicle_xml_map_c1:
 * @text: (transfer full): text read from a feed
 *
 * Control characters U+0080 to U+009F are shown as nothing; in feeds they
 * come from "&#146;" and the like, written for Windows-1252, and HTML
 * reads them as its characters.  So does Chronicle.
 *
 * Returns: (transfer full): @text, with those characters replaced
 */
char *
chronicle_xml_map_c1 (char *text)
{
  GString *mapped;

  if (text == NULL || strstr (text, "\xC2") == NULL)
    return text;

  mapped = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) p[0] == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] < 0xA0)
        {
          g_string_append_unichar (mapped, chronicle_xml_windows_1252 ((guchar) p[1]));
          p++;
        }
      else
        g_string_append_c (mapped, *p);
    }

  g_free (text);
  return g_string_free (mapped, FALSE);
}
