/* cg-encoding.c
 *
 * Windows-1252 is decoded with our own table: glibc's converter rejects the
 * five bytes Microsoft left undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), which
 * Excel files can hold. They map to the C1 controls of the same number, as
 * Windows itself does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-encoding"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-encoding.h"

struct _CgDecoder
{
  CgEncoding encoding;
  guint8     pending[4];   /* bytes of a character cut by the end of a chunk */
  guint      n_pending;
  gunichar   high_surrogate;
};

static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

const char *
cg_encoding_to_string (CgEncoding encoding)
{
  switch (encoding)
    {
    case CG_ENCODING_UTF8:         return "UTF-8";
    case CG_ENCODING_UTF8_BOM:     return "UTF-8 with BOM";
    case CG_ENCODING_UTF16LE:      return "UTF-16LE";
    case CG_ENCODING_UTF16BE:      return "UTF-16BE";
    case CG_ENCODING_WINDOWS_1252: return "Windows-1252";
    default:                       return "UTF-8";
    }
}

gboolean
cg_encoding_from_string (const char *text,
                         CgEncoding *encoding)
{
  for (CgEncoding e = CG_ENCODING_UTF8; e <= CG_ENCODING_WINDOWS_1252; e++)
    if (g_ascii_strcasecmp (text, cg_encoding_to_string (e)) == 0)
      {
        *encoding = e;
        return TRUE;
      }
  if (g_ascii_strcasecmp (text, "cp1252") == 0 || g_ascii_strcasecmp (text, "windows1252") == 0)
    {
      *encoding = CG_ENCODING_WINDOWS_1252;
      return TRUE;
    }
  return FALSE;
}

gboolean
cg_encoding_sniff (const guint8  *data,
                   gsize          len,
                   CgEncoding    *encoding,
                   const char   **binary_kind)
{
  gsize zeros_even = 0, zeros_odd = 0, n = MIN (len, 4096);

  *binary_kind = NULL;
  *encoding = CG_ENCODING_UTF8;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      *encoding = CG_ENCODING_UTF8_BOM;
      return TRUE;
    }
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *encoding = CG_ENCODING_UTF16LE;
      return TRUE;
    }
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *encoding = CG_ENCODING_UTF16BE;
      return TRUE;
    }

  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    *binary_kind = _("a zipped document (an Excel .xlsx workbook or similar), not a CSV file; "
                     "save it from Excel as “CSV UTF-8” and import that");
  else if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    *binary_kind = _("an old-style Excel (.xls) or Word document, not a CSV file; "
                     "save it from Excel as “CSV UTF-8” and import that");
  else if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    *binary_kind = _("a PDF document, not a CSV file; ask the agency for its chronology "
                     "as a spreadsheet saved as CSV");
  else if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    *binary_kind = _("a picture, not a CSV file");
  else if (len >= 15 && memcmp (data, "SQLite format 3", 15) == 0)
    *binary_kind = _("a database (perhaps a Chronogram case file), not a CSV file");
  if (*binary_kind != NULL)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (data[i] == 0)
      {
        if (i % 2 == 0)
          zeros_even++;
        else
          zeros_odd++;
      }

  /* UTF-16 without a byte-order mark: every other byte of ASCII text is zero. */
  if (n >= 4 && zeros_odd > n / 4 && zeros_even == 0)
    {
      *encoding = CG_ENCODING_UTF16LE;
      return TRUE;
    }
  if (n >= 4 && zeros_even > n / 4 && zeros_odd == 0)
    {
      *encoding = CG_ENCODING_UTF16BE;
      return TRUE;
    }
  if (zeros_even + zeros_odd > 0)
    {
      *binary_kind = _("binary data, not text (it holds NUL bytes near the start)");
      return FALSE;
    }
  return TRUE;
}

CgDecoder *
cg_decoder_new (CgEncoding encoding)
{
  CgDecoder *decoder = g_new0 (CgDecoder, 1);

  decoder->encoding = encoding;
  return decoder;
}

void
cg_decoder_free (CgDecoder *decoder)
{
  g_free (decoder);
}

static void
append_char (GString  *out,
             gunichar  c)
{
  /* A NUL inside text would cut every C string that holds it. */
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  if (c < 0x80)
    g_string_append_c (out, (char)c);
  else
    g_string_append_unichar (out, c);
}

static void
decode_1252 (const guint8 *data,
             gsize         len,
             GString      *out)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b >= 0x80 && b < 0xA0)
        append_char (out, cp1252_high[b - 0x80]);
      else
        append_char (out, b);
    }
}

static gboolean
decode_utf8 (CgDecoder    *decoder,
             const guint8 *data,
             gsize         len,
             gboolean      last,
             GString      *out)
{
  const char *end;
  gsize start = 0;

  /* Complete a character cut by the previous chunk. */
  while (decoder->n_pending > 0 && start < len && decoder->n_pending < 4)
    {
      gunichar c;

      decoder->pending[decoder->n_pending++] = data[start++];
      c = g_utf8_get_char_validated ((const char *)decoder->pending, decoder->n_pending);
      if (c == (gunichar)-2)
        continue;
      if (c == (gunichar)-1)
        return FALSE;
      g_string_append_len (out, (const char *)decoder->pending, decoder->n_pending);
      decoder->n_pending = 0;
    }
  if (decoder->n_pending > 0 && (start >= len ? last : TRUE))
    return FALSE;

  data += start;
  len -= start;

  if (!g_utf8_validate_len ((const char *)data, len, &end))
    {
      gsize good = end - (const char *)data;
      gsize rest = len - good;
      gunichar c = rest > 0 ? g_utf8_get_char_validated (end, rest) : (gunichar)-1;

      /* Only a sequence cut at the very end of the chunk may wait for more. */
      if (last || rest >= 4 || c != (gunichar)-2)
        return FALSE;
      memcpy (decoder->pending, end, rest);
      decoder->n_pending = rest;
      len = good;
    }

  /* NUL bytes are valid UTF-8 but not text: replace them. */
  if (memchr (data, 0, len) == NULL)
    g_string_append_len (out, (const char *)data, len);
  else
    for (gsize i = 0; i < len; i++)
      {
        if (data[i] == 0)
          g_string_append (out, "\xEF\xBF\xBD");
        else
          g_string_append_c (out, data[i]);
      }
  return TRUE;
}

static void
decode_utf16 (CgDecoder    *decoder,
              const guint8 *data,
              gsize         len,
              gboolean      last,
              GString      *out)
{
  gboolean le = decoder->encoding == CG_ENCODING_UTF16LE;
  gsize i = 0;

  while (TRUE)
    {
      guint8 b[2];
      gunichar unit;

      if (decoder->n_pending == 1)
        {
          if (i >= len)
            break;
          b[0] = decoder->pending[0];
          b[1] = data[i++];
          decoder->n_pending = 0;
        }
      else
        {
          if (i + 1 >= len)
            {
              if (i < len)
                {
                  decoder->pending[0] = data[i];
                  decoder->n_pending = 1;
                }
              break;
            }
          b[0] = data[i];
          b[1] = data[i + 1];
          i += 2;
        }

      unit = le ? (b[0] | (b[1] << 8)) : ((b[0] << 8) | b[1]);
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          if (decoder->high_surrogate)
            append_char (out, 0xFFFD);
          decoder->high_surrogate = unit;
          continue;
        }
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          if (decoder->high_surrogate)
            append_char (out, 0x10000 + ((decoder->high_surrogate - 0xD800) << 10) + (unit - 0xDC00));
          else
            append_char (out, 0xFFFD);
          decoder->high_surrogate = 0;
          continue;
        }
      if (decoder->high_surrogate)
        {
          append_char (out, 0xFFFD);
          decoder->high_surrogate = 0;
        }
      append_char (out, unit);
    }

  if (last && (decoder->n_pending || decoder->high_surrogate))
    {
      append_char (out, 0xFFFD);
      decoder->n_pending = 0;
      decoder->high_surrogate = 0;
    }
}

gboolean
cg_decoder_decode (CgDecoder    *decoder,
                   const guint8 *data,
                   gsize         len,
                   gboolean      last,
                   GString      *out)
{
  switch (decoder->encoding)
    {
    case CG_ENCODING_WINDOWS_1252:
      decode_1252 (data, len, out);
      return TRUE;
    case CG_ENCODING_UTF16LE:
    case CG_ENCODING_UTF16BE:
      decode_utf16 (decoder, data, len, last, out);
      return TRUE;
    case CG_ENCODING_UTF8:
    case CG_ENCODING_UTF8_BOM:
    default:
      return decode_utf8 (decoder, data, len, last, out);
    }
}
