/* cg-export.c: writing the integrated chronology out, with the checks of an
 * anonymised export before and after it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cg-errors.h"
#include "cg-export.h"
#include "cg-export-private.h"
#include "cg-zip.h"

static const char * const format_names[CG_N_EXPORT_FORMATS] = {
  [CG_EXPORT_JSON] = "json",
  [CG_EXPORT_CSV]  = "csv",
  [CG_EXPORT_DOCX] = "docx",
  [CG_EXPORT_ODT]  = "odt",
  [CG_EXPORT_PDF]  = "pdf",
  [CG_EXPORT_HTML] = "html",
};

void
cg_export_options_init (CgExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->dates = CG_EXPORT_DATES_EXACT;
}

const char *
cg_export_format_to_string (CgExportFormat format)
{
  g_return_val_if_fail ((guint)format < CG_N_EXPORT_FORMATS, NULL);
  return format_names[format];
}

gboolean
cg_export_format_from_string (const char     *text,
                              CgExportFormat *format)
{
  for (guint i = 0; text && i < CG_N_EXPORT_FORMATS; i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  if (text && g_ascii_strcasecmp (text, "htm") == 0)
    {
      *format = CG_EXPORT_HTML;
      return TRUE;
    }
  return FALSE;
}

gboolean
cg_export_dates_from_string (const char    *text,
                             CgExportDates *dates)
{
  static const char * const names[] = { "exact", "month", "year", "age" };

  for (guint i = 0; text && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *dates = i;
        return TRUE;
      }
  return FALSE;
}

/* Replaces @path atomically, readable by its owner only. */
gboolean
cg_export_write_bytes (const char  *path,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0600, &local))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, CG_ERROR,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                   ? CG_ERROR_NO_SPACE : CG_ERROR_FAILED,
                   _("%s: the export could not be written: %s"), name, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------ shared by formats */

void
_cg_xml_append_escaped (GString    *out,
                        const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':  g_string_append (out, "&amp;"); break;
        case '<':  g_string_append (out, "&lt;"); break;
        case '>':  g_string_append (out, "&gt;"); break;
        case '"':  g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        default:
          /* XML 1.0 allows tab, line ends and everything from space up,
           * except surrogates and U+FFFE/U+FFFF. */
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
              || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
            break;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

gboolean
_cg_export_lead_inline (CgExportColumn column)
{
  return column == CG_EXPORT_COLUMN_TEXT;
}

gboolean
_cg_export_row_fits_page (const CgExportRow *row)
{
  gsize longest = 0;

  /* The narrowest text column holds about 40 characters a line and a page
   * about 45 lines: well under that, a row always fits. */
  for (guint i = 0; i < CG_N_EXPORT_COLUMNS; i++)
    longest = MAX (longest, row->cells[i].text ? strlen (row->cells[i].text) : 0);
  return longest < 1200;
}

char *
_cg_export_cell_plain (const CgExportCell *cell)
{
  if (cell->lead && cell->text)
    return g_strdup_printf ("%s: %s", cell->lead, cell->text);
  return g_strdup (cell->lead ? cell->lead : cell->text ? cell->text : "");
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
_cg_export_genogram_png (CgExportModel  *model,
                         double          dpi,
                         double         *width_pt,
                         double         *height_pt,
                         GError        **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width = 0, height = 0;
  double scale = dpi / 72.0;
  int pixels_w, pixels_h;

  cg_genogram_get_size (model->genogram, &width, &height);
  /* A very large family still makes a picture a word processor can open. */
  if (MAX (width, height) * scale > 6000)
    scale = 6000 / MAX (width, height);
  pixels_w = MAX (1, (int)(width * scale + 0.5));
  pixels_h = MAX (1, (int)(height * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pixels_w, pixels_h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cg_genogram_draw (model->genogram, cr, scale);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("the genogram could not be drawn: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  *width_pt = width;
  *height_pt = height;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* ------------------------------------------------------------------- CSV */

static void
append_csv_cell (GString    *out,
                 const char *text)
{
  if (text == NULL)
    text = "";
  /* A cell Excel would run as a formula is written as text. */
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      char *end = NULL;

      g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        {
          g_autofree char *quoted = g_strconcat ("'", text, NULL);
          append_csv_cell (out, quoted);
          return;
        }
    }
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* UTF-8 with a byte-order mark, so that Excel reads it as UTF-8. */
GBytes *
_cg_export_render_csv (CgExportModel  *model,
                       GError        **error)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (guint k = 0; k < model->columns->len; k++)
    {
      CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

      if (k > 0)
        g_string_append_c (out, ',');
      append_csv_cell (out, model->column_titles[column]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < model->display->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->display, i);

      for (guint k = 0; k < model->columns->len; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);
          g_autofree char *cell = _cg_export_cell_plain (&row->cells[column]);

          if (k > 0)
            g_string_append_c (out, ',');
          append_csv_cell (out, cell);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------ rendering */

GBytes *
cg_export_model_render (CgExportModel  *model,
                        CgExportFormat  format,
                        GError        **error)
{
  g_autoptr(GString) drawn = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  switch (format)
    {
    case CG_EXPORT_JSON:
      return _cg_export_render_json (model, error);
    case CG_EXPORT_CSV:
      return _cg_export_render_csv (model, error);
    case CG_EXPORT_DOCX:
      return _cg_export_render_docx (model, error);
    case CG_EXPORT_ODT:
      return _cg_export_render_odt (model, error);
    case CG_EXPORT_HTML:
      return _cg_export_render_html (model, error);
    case CG_EXPORT_PDF:
      drawn = g_string_new (NULL);
      return _cg_export_render_pdf (model, drawn, error);
    case CG_N_EXPORT_FORMATS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------- the check after writing */

/* &amp; &#233; &#xE9; as the characters they stand for. */
static char *
decode_entities (const char *data,
                 gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      const char *p = data + i;
      const char *semi;

      if (*p != '&' || !(semi = memchr (p, ';', MIN (len - i, 12))))
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_str_has_prefix (p, "&amp;"))
        g_string_append_c (out, '&');
      else if (g_str_has_prefix (p, "&lt;"))
        g_string_append_c (out, '<');
      else if (g_str_has_prefix (p, "&gt;"))
        g_string_append_c (out, '>');
      else if (g_str_has_prefix (p, "&quot;"))
        g_string_append_c (out, '"');
      else if (g_str_has_prefix (p, "&apos;"))
        g_string_append_c (out, '\'');
      else if (p[1] == '#')
        {
          gunichar c = (p[2] == 'x' || p[2] == 'X') ? g_ascii_strtoull (p + 3, NULL, 16)
                                                    : g_ascii_strtoull (p + 2, NULL, 10);

          if (g_unichar_validate (c) && c != 0)
            g_string_append_unichar (out, c);
        }
      else
        {
          g_string_append_c (out, *p);
          continue;
        }
      i = semi - data;
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  CgExportModel *model;
  const char    *file;       /* base name of the export */
} LeakCheck;

static gboolean
check_text (LeakCheck   *check,
            const char  *part,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autofree char *decoded = decode_entities (data, len);
  g_autofree char *leak = cg_anonymiser_find_leak (check->model->anonymiser, data, len);

  if (leak == NULL)
    leak = cg_anonymiser_find_leak (check->model->anonymiser, decoded, strlen (decoded));
  if (leak != NULL)
    {
      if (part != NULL)
        g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                     _("%s: the anonymised export still contains the name “%s” (in %s), so it "
                       "was not kept; add the word to the people register or the glossary"),
                     check->file, leak, part);
      else
        g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                     _("%s: the anonymised export still contains the name “%s”, so it was not "
                       "kept; add the word to the people register or the glossary"),
                     check->file, leak);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_zip_entry (const char  *name,
                 GBytes      *data,
                 gpointer     user_data,
                 GError     **error)
{
  gsize len = 0;
  const char *bytes = g_bytes_get_data (data, &len);

  return check_text (user_data, name, bytes, len, error);
}

static gboolean
check_output (CgExportModel  *model,
              CgExportFormat  format,
              const char     *path,
              GBytes         *bytes,
              GString        *drawn,
              GError        **error)
{
  g_autofree char *file = g_path_get_basename (path);
  LeakCheck check = { model, file };
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (model->anonymiser == NULL)
    return TRUE;

  if (!check_text (&check, _("its file name"), file, strlen (file), error))
    return FALSE;
  if (format == CG_EXPORT_DOCX || format == CG_EXPORT_ODT)
    {
      if (!cg_zip_foreach_entry (bytes, check_zip_entry, &check, error))
        return FALSE;
    }
  else if (!check_text (&check, NULL, data, len, error))
    return FALSE;
  if (drawn != NULL && !check_text (&check, NULL, drawn->str, drawn->len, error))
    return FALSE;
  /* The genogram is a picture in a word-processor file: check its words. */
  if (model->genogram != NULL && format != CG_EXPORT_JSON && format != CG_EXPORT_CSV)
    {
      g_autoptr(GBytes) svg = cg_genogram_to_svg (model->genogram);
      const char *svg_data = g_bytes_get_data (svg, &len);

      if (!check_text (&check, _("the genogram"), svg_data, len, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cg_export_model_write (CgExportModel  *model,
                       CgExportFormat  format,
                       const char     *path,
                       GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) drawn = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *written = NULL;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == CG_EXPORT_PDF)
    {
      drawn = g_string_new (NULL);
      bytes = _cg_export_render_pdf (model, drawn, error);
    }
  else
    bytes = cg_export_model_render (model, format, error);
  if (bytes == NULL)
    return FALSE;

  /* Nothing with a real name in it reaches the disk... */
  if (!check_output (model, format, path, bytes, drawn, error))
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (!cg_export_write_bytes (path, data, len, error))
    return FALSE;
  g_free (model->written_sha256);
  model->written_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (model->anonymiser == NULL)
    return TRUE;

  /* ...and what is on the disk is checked again, as a reader would open it. */
  if (!g_file_get_contents (path, &written, &len, &local))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_unlink (path);
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s: the export could not be read back to check it, so it was removed: %s"),
                   name, local->message);
      return FALSE;
    }
  {
    g_autoptr(GBytes) on_disk = g_bytes_new_take (g_steal_pointer (&written), len);

    if (!check_output (model, format, path, on_disk, drawn, error))
      {
        g_unlink (path);
        return FALSE;
      }
  }
  return TRUE;
}

gboolean
cg_export_model_log (CgExportModel  *model,
                     CgStore        *store,
                     CgExportFormat  format,
                     const char     *path,
                     GError        **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *detail = NULL;
  static const char * const dates[] = { "exact", "month", "year", "age" };

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  detail = g_strdup_printf ("%s, %s, dates %s, %u records, %s, sha256 %s",
                            cg_export_format_to_string (format),
                            model->options.anonymise ? "anonymised" : "not anonymised",
                            dates[model->options.dates], model->rows->len, name,
                            model->written_sha256 ? model->written_sha256 : "?");
  return cg_store_log (store, "export", detail, error);
}

gboolean
cg_export_write (CgStore         *store,
                 CgExportFormat   format,
                 const char      *path,
                 GError         **error)
{
  g_autoptr(CgExportModel) model = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(model = cg_export_model_new (store, NULL, error)))
    return FALSE;
  return cg_export_model_write (model, format, path, error);
}
