/* cg-export-html.c: the report appendix as one self-contained HTML file
 *
 * No scripts, no links out: styles (screen and print) and the genogram (as
 * inline SVG) are inside the file. Printed, the header row repeats on every
 * page and a cluster's records are not split between pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-export-private.h"

static const char style_sheet[] =
  "@page { size: A4 landscape; margin: 1.2cm 1.5cm; }\n"
  "body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 10pt;\n"
  "       color: #000; background: #fff; margin: 2em auto; max-width: 29.7cm; padding: 0 1em; }\n"
  "h1 { color: #1f3864; font-size: 22pt; margin: 0 0 0.1em; }\n"
  "h2 { color: #1f3864; font-size: 15pt; margin: 1.2em 0 0.4em; }\n"
  ".subtitle { color: #404040; font-size: 14pt; margin: 0 0 0.8em; }\n"
  ".draft { color: #c00000; font-weight: bold; font-size: 16pt; letter-spacing: 0.1em;\n"
  "         margin: 0 0 0.8em; }\n"
  ".personal { color: #c00000; font-weight: bold; }\n"
  "table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 1em; }\n"
  "th, td { border: 0.5pt solid #a6a6a6; padding: 3px 5px; vertical-align: top;\n"
  "         text-align: left; font-size: 8.5pt; overflow-wrap: anywhere; }\n"
  "thead th, table.details th { background: #d9e2f3; color: #1f3864; }\n"
  "table.details th { width: 17%; }\n"
  "thead { display: table-header-group; }\n"
  "tr { break-inside: avoid; page-break-inside: avoid; }\n"
  "tbody.cluster { break-inside: avoid; page-break-inside: avoid; }\n"
  "tbody.cluster td { background: #eef3f8; }\n"
  "tbody.cluster tr:first-child td { border-top: 1.5pt solid #1f3864; }\n"
  "td.retrospective, tbody.cluster td.retrospective { background: #fff2cc; }\n"
  "td p { margin: 0 0 0.25em; }\n"
  ".note, .caption { color: #404040; font-style: italic; font-size: 9pt; }\n"
  ".caption { text-align: center; }\n"
  ".chronology, .genogram { break-before: page; page-break-before: always; }\n"
  ".genogram svg { display: block; margin: 0 auto; max-width: 100%; height: auto; }\n"
  "footer { color: #595959; font-size: 8pt; margin-top: 2em; }\n"
  "@media print { body { margin: 0; max-width: none; padding: 0; } }\n";

/* As XML, but &#39; for the apostrophe: &apos; is not HTML 4, and some
 * readers of HTML still are. */
static void
escaped (GString    *out,
         const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '&':  g_string_append (out, "&amp;"); break;
        case '<':  g_string_append (out, "&lt;"); break;
        case '>':  g_string_append (out, "&gt;"); break;
        case '"':  g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default:
          /* control characters other than tab and line ends are not allowed */
          if ((guchar)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
            g_string_append_c (out, *p);
          break;
        }
    }
}

static void
cell_content (GString            *out,
              const CgExportCell *cell,
              gboolean            lead_inline)
{
  g_auto(GStrv) lines = g_strsplit (cell->text ? cell->text : "", "\n", -1);
  guint first = 0;

  if (cell->lead != NULL)
    {
      g_string_append (out, "<p><strong>");
      escaped (out, cell->lead);
      if (lead_inline && lines[0] != NULL && *lines[0] != '\0')
        {
          g_string_append (out, ":</strong> ");
          escaped (out, lines[0]);
          first = 1;
        }
      else
        g_string_append (out, "</strong>");
      g_string_append (out, "</p>");
    }
  for (guint i = first; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_string_append (out, "<p>");
      escaped (out, lines[i]);
      g_string_append (out, "</p>");
    }
}

static void
details (GString       *out,
         CgExportModel *model)
{
  g_string_append (out, "<table class=\"details\"><tbody>\n");
  for (guint i = 0; i < model->details->len; i++)
    {
      CgExportDetail *detail = g_ptr_array_index (model->details, i);

      g_string_append (out, "<tr><th scope=\"row\">");
      escaped (out, detail->label);
      g_string_append (out, "</th><td>");
      escaped (out, detail->value);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
agency_key (GString       *out,
            CgExportModel *model)
{
  g_string_append (out, "<h2>");
  escaped (out, _("Agency key"));
  g_string_append_printf (out, "</h2>\n<table class=\"key\"><colgroup><col style=\"width:9%%\">"
                               "<col style=\"width:28%%\"><col style=\"width:12%%\"><col>"
                               "</colgroup>"
                               "<thead><tr>");
  {
    const char * const titles[4] = { _("Code"), _("Agency"), _("Records shown"), _("Files") };

    for (guint k = 0; k < 4; k++)
      {
        g_string_append (out, "<th scope=\"col\">");
        escaped (out, titles[k]);
        g_string_append (out, "</th>");
      }
  }
  g_string_append (out, "</tr></thead><tbody>\n");
  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
      g_autofree char *name = cg_export_model_text (model, agency->name);

      g_string_append (out, "<tr><td><strong>");
      escaped (out, agency->code);
      g_string_append (out, "</strong></td><td>");
      escaped (out, name);
      g_string_append_printf (out, "</td><td>%u</td><td>", agency->n_records);
      escaped (out, agency->files);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
chronology (GString       *out,
            CgExportModel *model)
{
  double total = 0;
  guint current = 0;

  for (guint k = 0; k < model->columns->len; k++)
    total += _cg_export_column_weight (g_array_index (model->columns, CgExportColumn, k));

  g_string_append (out, "<section class=\"chronology\"><h2>");
  escaped (out, model->subtitle);
  g_string_append (out, "</h2>\n<p class=\"note\">");
  escaped (out, _("Records of one occurrence made by several agencies are kept together and "
                  "shaded, with a heavier line above the first. Retrospective records are marked "
                  "in the Recording column."));
  g_string_append (out, "</p>\n<table class=\"chronology-table\"><colgroup>");
  for (guint k = 0; k < model->columns->len; k++)
    {
      double weight = _cg_export_column_weight (g_array_index (model->columns, CgExportColumn, k));
      char width[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (width, sizeof width, "%.1f", 100.0 * weight / total);
      g_string_append_printf (out, "<col style=\"width:%s%%\">", width);
    }
  g_string_append (out, "</colgroup>\n<thead><tr>");
  for (guint k = 0; k < model->columns->len; k++)
    {
      g_string_append (out, "<th scope=\"col\">");
      escaped (out, model->column_titles[g_array_index (model->columns, CgExportColumn, k)]);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n");

  /* One tbody per cluster, and one for each run of other records. */
  for (guint i = 0; i < model->display->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->display, i);

      if (i == 0 || row->group != current)
        {
          if (i > 0)
            g_string_append (out, "</tbody>\n");
          g_string_append (out, row->group ? "<tbody class=\"cluster\">\n" : "<tbody>\n");
          current = row->group;
        }
      g_string_append (out, "<tr>");
      for (guint k = 0; k < model->columns->len; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

          if (column == CG_EXPORT_COLUMN_RECORDING && row->retrospective)
            g_string_append (out, "<td class=\"retrospective\">");
          else
            g_string_append (out, "<td>");
          cell_content (out, &row->cells[column], _cg_export_lead_inline (column));
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, model->display->len ? "</tbody>\n" : "<tbody></tbody>\n");
  g_string_append (out, "</table></section>\n");
}

/* The genogram's SVG without its XML declaration, to sit inside the page. */
static void
genogram (GString       *out,
          CgExportModel *model)
{
  g_autoptr(GBytes) svg = cg_genogram_to_svg (model->genogram);
  gsize len = 0;
  const char *data = g_bytes_get_data (svg, &len);
  const char *start = g_strstr_len (data, len, "<svg");

  g_string_append (out, "<section class=\"genogram\"><h2>");
  escaped (out, model->genogram_heading);
  g_string_append (out, "</h2>\n");
  if (start != NULL)
    g_string_append_len (out, start, len - (start - data));
  g_string_append (out, "\n<p class=\"caption\">");
  escaped (out, model->options.anonymise
                ? _("People are shown by their role in the review. The key explains the symbols.")
                : _("The key explains the symbols."));
  g_string_append (out, "</p></section>\n");
}

GBytes *
_cg_export_render_html (CgExportModel  *model,
                        GError        **error)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta "
                               "charset=\"utf-8\">\n");

  g_string_append (out, "<meta name=\"generator\" content=\"Chronogram "
                        "" PACKAGE_VERSION "\">\n<title>");
  escaped (out, model->title);
  g_string_append (out, " — ");
  escaped (out, model->subtitle);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
                          style_sheet);
  escaped (out, model->title);
  g_string_append (out, "</h1>\n<p class=\"subtitle\">");
  escaped (out, model->subtitle);
  g_string_append (out, "</p>\n");
  if (model->draft)
    {
      g_string_append (out, "<p class=\"draft\">");
      escaped (out, _("DRAFT"));
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</header>\n");
  details (out, model);
  agency_key (out, model);
  chronology (out, model);
  if (model->genogram != NULL)
    genogram (out, model);
  g_string_append (out, "<footer>");
  escaped (out, model->footer);
  if (!model->options.anonymise)
    {
      g_string_append (out, " — <span class=\"personal\">");
      escaped (out, _("Contains personal data: not for publication"));
      g_string_append (out, "</span>");
    }
  g_string_append (out, "</footer>\n</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}
