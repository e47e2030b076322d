/* cg-export-odt.c: the report appendix as an OpenDocument text (.odt)
 *
 * The same document as the Word one: landscape A4, title block, agency key,
 * one table with repeated header rows (table:table-header-rows), the genogram
 * on its own page. The "mimetype" entry comes first and is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-export-private.h"
#include "cg-zip.h"

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ODF_NAMESPACES \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
  "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" " \
  "xmlns:xlink=\"http://www.w3.org/1999/xlink\" " \
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" " \
  "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" " \
  "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" " \
  "office:version=\"1.3\""
#define MIMETYPE "application/vnd.oasis.opendocument.text"

/* Centimetres: A4 landscape with 1.5 cm side margins. */
#define TEXT_W_CM 26.7

#define FONT_FACES \
  "<office:font-face-decls><style:font-face style:name=\"Liberation Sans\" " \
  "svg:font-family=\"&apos;Liberation Sans&apos;\" style:font-family-generic=\"swiss\" " \
  "style:font-pitch=\"variable\"/></office:font-face-decls>"

static void
append_chunk (GString    *out,
              const char *start,
              const char *end)
{
  g_autofree char *chunk = g_strndup (start, end - start);

  _cg_xml_append_escaped (out, chunk);
}

static void
span (GString    *out,
      const char *text,
      gboolean    bold)
{
  const char *start = text;
  const char *p;

  if (text == NULL || *text == '\0')
    return;
  if (bold)
    g_string_append (out, "<text:span text:style-name=\"Bold\">");
  /* Runs of spaces and tabs would collapse: write them as ODF wants. */
  for (p = text; *p; p++)
    {
      if (*p == '\t')
        {
          append_chunk (out, start, p);
          g_string_append (out, "<text:tab/>");
          start = p + 1;
        }
      else if (*p == ' ' && (p == text || p[1] == ' ' || p[1] == '\0'))
        {
          append_chunk (out, start, p);
          g_string_append (out, "<text:s/>");
          start = p + 1;
        }
    }
  append_chunk (out, start, p);
  if (bold)
    g_string_append (out, "</text:span>");
}

static void
paragraph (GString    *out,
           const char *style,
           const char *text)
{
  g_string_append_printf (out, "<text:p text:style-name=\"%s\">", style);
  span (out, text, FALSE);
  g_string_append (out, "</text:p>");
}

static void
heading (GString    *out,
         const char *style,
         const char *text)
{
  g_string_append_printf (out, "<text:h text:style-name=\"%s\" text:outline-level=\"1\">", style);
  span (out, text, FALSE);
  g_string_append (out, "</text:h>");
}

static void
cell_content (GString            *out,
              const CgExportCell *cell,
              gboolean            lead_inline,
              const char         *style)
{
  g_auto(GStrv) lines = g_strsplit (cell->text ? cell->text : "", "\n", -1);
  guint first = 0;
  gboolean any = FALSE;

  if (cell->lead != NULL)
    {
      g_string_append_printf (out, "<text:p text:style-name=\"%s\">", style);
      span (out, cell->lead, TRUE);
      if (lead_inline && lines[0] != NULL && *lines[0] != '\0')
        {
          span (out, ": ", TRUE);
          span (out, lines[0], FALSE);
          first = 1;
        }
      g_string_append (out, "</text:p>");
      any = TRUE;
    }
  for (guint i = first; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      paragraph (out, style, lines[i]);
      any = TRUE;
    }
  if (!any)
    g_string_append_printf (out, "<text:p text:style-name=\"%s\"/>", style);
}

static void
cell (GString            *out,
      const char         *cell_style,
      const CgExportCell *content,
      gboolean            lead_inline,
      const char         *paragraph_style)
{
  g_string_append_printf (out, "<table:table-cell table:style-name=\"%s\" "
                               "office:value-type=\"string\">",
                          cell_style);
  cell_content (out, content, lead_inline, paragraph_style);
  g_string_append (out, "</table:table-cell>");
}

static void
table_start (GString    *out,
             const char *name,
             guint       n)
{
  g_string_append_printf (out, "<table:table table:name=\"%s\" table:style-name=\"%s\">"
                               "", name, name);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "<table:table-column table:style-name=\"%s.C%u\"/>", name, i + 1);
}

static void
header_row (GString            *out,
            const char * const *titles,
            guint               n)
{
  g_string_append (out, "<table:table-header-rows><table:table-row table:style-name=\"Row\">");
  for (guint i = 0; i < n; i++)
    {
      CgExportCell content = { NULL, (char *)titles[i] };

      cell (out, "CellHeader", &content, FALSE, "Table_20_Heading");
    }
  g_string_append (out, "</table:table-row></table:table-header-rows>");
}

static void
table_styles (GString      *out,
              const char   *name,
              const double *widths_cm,
              guint         n)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    total += widths_cm[i];
  g_string_append_printf (out, "<style:style style:name=\"%s\" style:family=\"table\">"
                               "<style:table-properties style:width=\"%.2fcm\" "
                               "table:align=\"left\" "
                               "fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.2cm\"/></style:style>",
                          name, total);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "<style:style style:name=\"%s.C%u\" style:family=\"table-column\">"
                                 "<style:table-column-properties style:column-width=\"%.2fcm\"/>"
                                 "</style:style>", name, i + 1, widths_cm[i]);
}

static void
chronology_widths (CgExportModel *model,
                   double        *widths)
{
  double total = 0;

  for (guint k = 0; k < model->columns->len; k++)
    total += _cg_export_column_weight (g_array_index (model->columns, CgExportColumn, k));
  for (guint k = 0; k < model->columns->len; k++)
    widths[k] = TEXT_W_CM * _cg_export_column_weight (g_array_index (model->columns,
                                                                     CgExportColumn, k)) / total;
}

#define BORDER "0.5pt solid #a6a6a6"

static const char cell_styles[] =
  "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties "
  "fo:padding-top=\"0.06cm\" fo:padding-bottom=\"0.06cm\" fo:padding-left=\"0.1cm\" "
  "fo:padding-right=\"0.1cm\" fo:border=\"" BORDER "\"/></style:style>"
  "<style:style style:name=\"CellHeader\" style:family=\"table-cell\"><style:table-cell-properties "
  "fo:background-color=\"#d9e2f3\" fo:padding-top=\"0.06cm\" fo:padding-bottom=\"0.06cm\" "
  "fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\" fo:border=\"" BORDER "\"/></style:style>"
  "<style:style style:name=\"CellCluster\" style:family=\"table-cell\">"
  "<style:table-cell-properties "
  "fo:background-color=\"#eef3f8\" fo:padding-top=\"0.06cm\" fo:padding-bottom=\"0.06cm\" "
  "fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\" fo:border=\"" BORDER "\"/></style:style>"
  "<style:style style:name=\"CellClusterFirst\" style:family=\"table-cell\">"
  "<style:table-cell-properties fo:background-color=\"#eef3f8\" fo:padding-top=\"0.06cm\" "
  "fo:padding-bottom=\"0.06cm\" fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\" "
  "fo:border-left=\"" BORDER "\" fo:border-right=\"" BORDER "\" fo:border-bottom=\"" BORDER "\" "
  "fo:border-top=\"1.5pt solid #1f3864\"/></style:style>"
  "<style:style style:name=\"CellRetro\" style:family=\"table-cell\"><style:table-cell-properties "
  "fo:background-color=\"#fff2cc\" fo:padding-top=\"0.06cm\" fo:padding-bottom=\"0.06cm\" "
  "fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\" fo:border=\"" BORDER "\"/></style:style>"
  "<style:style style:name=\"CellRetroFirst\" style:family=\"table-cell\">"
  "<style:table-cell-properties fo:background-color=\"#fff2cc\" fo:padding-top=\"0.06cm\" "
  "fo:padding-bottom=\"0.06cm\" fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\" "
  "fo:border-left=\"" BORDER "\" fo:border-right=\"" BORDER "\" fo:border-bottom=\"" BORDER "\" "
  "fo:border-top=\"1.5pt solid #1f3864\"/></style:style>"
  "<style:style style:name=\"Row\" style:family=\"table-row\"><style:table-row-properties "
  "fo:keep-together=\"always\"/></style:style>"
  "<style:style style:name=\"RowBreakable\" style:family=\"table-row\"><style:table-row-properties "
  "fo:keep-together=\"auto\"/></style:style>"
  "<style:style style:name=\"Bold\" style:family=\"text\"><style:text-properties "
  "fo:font-weight=\"bold\"/></style:style>"
  "<style:style style:name=\"TableKeep\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Table_20_Contents\"><style:paragraph-properties "
  "fo:keep-with-next=\"always\"/></style:style>"
  "<style:style style:name=\"HeadingNewPage\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Heading_20_1\"><style:paragraph-properties "
  "fo:break-before=\"page\"/></style:style>"
  "<style:style style:name=\"Picture\" style:family=\"graphic\"><style:graphic-properties "
  "style:wrap=\"none\" style:vertical-pos=\"top\" style:horizontal-pos=\"center\" "
  "style:horizontal-rel=\"paragraph\" fo:border=\"none\"/></style:style>";

static const char *
row_cell_style (CgExportRow    *row,
                CgExportColumn  column)
{
  gboolean retro = column == CG_EXPORT_COLUMN_RECORDING && row->retrospective;

  if (row->group_first)
    return retro ? "CellRetroFirst" : "CellClusterFirst";
  if (retro)
    return "CellRetro";
  return row->group ? "CellCluster" : "Cell";
}

static void
chronology_table (GString       *out,
                  CgExportModel *model)
{
  g_autofree const char **titles = g_new0 (const char *, model->columns->len);

  for (guint k = 0; k < model->columns->len; k++)
    titles[k] = model->column_titles[g_array_index (model->columns, CgExportColumn, k)];
  table_start (out, "Chronology", model->columns->len);
  header_row (out, titles, model->columns->len);
  for (guint i = 0; i < model->display->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->display, i);
      gboolean fits = _cg_export_row_fits_page (row);
      const char *paragraph_style = row->group && !row->group_last && fits ? "TableKeep"
                                                                           : "Table_20_Contents";

      g_string_append_printf (out, "<table:table-row table:style-name=\"%s\">",
                              fits ? "Row" : "RowBreakable");
      for (guint k = 0; k < model->columns->len; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

          cell (out, row_cell_style (row, column), &row->cells[column],
                _cg_export_lead_inline (column), paragraph_style);
        }
      g_string_append (out, "</table:table-row>");
    }
  g_string_append (out, "</table:table>");
}

static void
details_table (GString       *out,
               CgExportModel *model)
{
  table_start (out, "Details", 2);
  for (guint i = 0; i < model->details->len; i++)
    {
      CgExportDetail *detail = g_ptr_array_index (model->details, i);
      CgExportCell label = { detail->label, NULL };
      CgExportCell value = { NULL, detail->value };

      g_string_append (out, "<table:table-row table:style-name=\"Row\">");
      cell (out, "CellHeader", &label, FALSE, "Table_20_Contents");
      cell (out, "Cell", &value, FALSE, "Table_20_Contents");
      g_string_append (out, "</table:table-row>");
    }
  g_string_append (out, "</table:table>");
}

static void
agency_key (GString       *out,
            CgExportModel *model)
{
  const char * const titles[4] = { _("Code"), _("Agency"), _("Records shown"), _("Files") };

  heading (out, "Heading_20_1", _("Agency key"));
  table_start (out, "Key", 4);
  header_row (out, titles, 4);
  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
      g_autofree char *name = cg_export_model_text (model, agency->name);
      g_autofree char *count = g_strdup_printf ("%u", agency->n_records);
      CgExportCell cells[4] = {
        { agency->code, NULL }, { NULL, name }, { NULL, count }, { NULL, agency->files },
      };

      g_string_append (out, "<table:table-row table:style-name=\"Row\">");
      for (guint k = 0; k < 4; k++)
        cell (out, "Cell", &cells[k], FALSE, "Table_20_Contents");
      g_string_append (out, "</table:table-row>");
    }
  g_string_append (out, "</table:table>");
}

static void
genogram_page (GString       *out,
               CgExportModel *model,
               double         width_pt,
               double         height_pt)
{
  double max_w = TEXT_W_CM / 2.54 * 72;
  double max_h = 595.28 - 2 * 28.35 - 120;
  double scale = MIN (MIN (max_w / width_pt, max_h / height_pt), 1.5);

  heading (out, "HeadingNewPage", model->genogram_heading);
  g_string_append_printf (out, "<text:p text:style-name=\"Centre\"><draw:frame "
                               "draw:style-name=\"Picture\" "
                               "draw:name=\"Genogram\" text:anchor-type=\"as-char\" "
                               "svg:width=\"%.1fpt\" svg:height=\"%.1fpt\" draw:z-index=\"0\">"
                               "<draw:image xlink:href=\"Pictures/genogram.png\" "
                               "xlink:type=\"simple\" "
                               "xlink:show=\"embed\" xlink:actuate=\"onLoad\"/><svg:desc>",
                          width_pt * scale, height_pt * scale);
  _cg_xml_append_escaped (out, model->genogram_title);
  g_string_append (out, "</svg:desc></draw:frame></text:p>");
  paragraph (out, "Caption",
             model->options.anonymise
             ? _("People are shown by their role in the review. The key explains the symbols.")
             : _("The key explains the symbols."));
}

static char *
content_xml (CgExportModel *model,
             double         genogram_w,
             double         genogram_h)
{
  GString *out = g_string_new (XML_HEAD);
  g_autofree double *widths = g_new0 (double, MAX (model->columns->len, 1));
  const double details_widths[2] = { 4.6, TEXT_W_CM - 4.6 };
  const double key_widths[4] = { 2.3, 7.4, 3.4, TEXT_W_CM - 13.1 };

  chronology_widths (model, widths);
  g_string_append (out, "<office:document-content " ODF_NAMESPACES ">" FONT_FACES
                        "<office:automatic-styles>");
  g_string_append (out, cell_styles);
  table_styles (out, "Details", details_widths, 2);
  table_styles (out, "Key", key_widths, 4);
  table_styles (out, "Chronology", widths, model->columns->len);
  g_string_append (out, "</office:automatic-styles><office:body><office:text>");

  paragraph (out, "Title", model->title);
  paragraph (out, "Subtitle", model->subtitle);
  if (model->draft)
    paragraph (out, "Draft", _("DRAFT"));
  details_table (out, model);
  agency_key (out, model);
  heading (out, "HeadingNewPage", model->subtitle);
  paragraph (out, "Note",
             _("Records of one occurrence made by several agencies are kept together and "
               "shaded, with a heavier line above the first. Retrospective records are marked "
               "in the Recording column."));
  chronology_table (out, model);
  if (model->genogram != NULL)
    genogram_page (out, model, genogram_w, genogram_h);
  g_string_append (out, "</office:text></office:body></office:document-content>");
  return g_string_free (out, FALSE);
}

static const char named_styles[] =
  "<office:styles>"
  "<style:default-style style:family=\"paragraph\"><style:paragraph-properties "
  "fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\" fo:hyphenation-ladder-count=\"no-limit\"/>"
  "<style:text-properties style:font-name=\"Liberation Sans\" fo:font-size=\"10pt\" "
  "fo:language=\"en\" fo:country=\"GB\" fo:hyphenate=\"false\"/></style:default-style>"
  "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>"
  "<style:style style:name=\"Title\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\" "
  "style:class=\"chapter\"><style:paragraph-properties fo:margin-bottom=\"0.1cm\"/>"
  "<style:text-properties fo:font-size=\"22pt\" fo:font-weight=\"bold\" fo:color=\"#1f3864\"/>"
  "</style:style>"
  "<style:style style:name=\"Subtitle\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\" "
  "style:class=\"chapter\"><style:paragraph-properties fo:margin-bottom=\"0.35cm\"/>"
  "<style:text-properties fo:font-size=\"14pt\" fo:color=\"#404040\"/></style:style>"
  "<style:style style:name=\"Draft\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.35cm\"/><style:text-properties "
  "fo:font-size=\"16pt\" fo:font-weight=\"bold\" fo:color=\"#c00000\" "
  "fo:letter-spacing=\"0.07cm\"/>"
  "</style:style>"
  "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" "
  "style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\" style:default-outline-level=\"1\" style:class=\"text\">"
  "<style:paragraph-properties fo:margin-top=\"0.5cm\" fo:margin-bottom=\"0.2cm\" "
  "fo:keep-with-next=\"always\"/><style:text-properties fo:font-size=\"15pt\" "
  "fo:font-weight=\"bold\" "
  "fo:color=\"#1f3864\"/></style:style>"
  "<style:style style:name=\"Note\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"/>"
  "<style:text-properties fo:font-size=\"9pt\" fo:font-style=\"italic\" fo:color=\"#404040\"/>"
  "</style:style>"
  "<style:style style:name=\"Caption\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\">"
  "<style:paragraph-properties fo:margin-top=\"0.2cm\" fo:text-align=\"center\"/>"
  "<style:text-properties fo:font-size=\"9pt\" fo:font-style=\"italic\" fo:color=\"#404040\"/>"
  "</style:style>"
  "<style:style style:name=\"Centre\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\">"
  "<style:paragraph-properties fo:text-align=\"center\"/></style:style>"
  "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" "
  "style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.07cm\"/>"
  "<style:text-properties fo:font-size=\"8.5pt\"/></style:style>"
  "<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" "
  "style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\">"
  "<style:text-properties fo:font-weight=\"bold\" fo:color=\"#1f3864\"/></style:style>"
  "<style:style style:name=\"Header\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\" "
  "style:class=\"extra\"><style:paragraph-properties fo:text-align=\"end\"/>"
  "<style:text-properties fo:font-size=\"8pt\" fo:color=\"#595959\"/></style:style>"
  "<style:style style:name=\"Footer\" style:family=\"paragraph\" "
  "style:parent-style-name=\"Standard\" "
  "style:class=\"extra\"><style:paragraph-properties><style:tab-stops><style:tab-stop "
  "style:position=\"26.7cm\" style:type=\"right\"/></style:tab-stops></style:paragraph-properties>"
  "<style:text-properties fo:font-size=\"8pt\" fo:color=\"#595959\"/></style:style>"
  "</office:styles>";

static char *
styles_xml (CgExportModel *model)
{
  GString *out = g_string_new (XML_HEAD);
  g_autofree char *running = g_strdup_printf ("%s — %s", model->title, model->subtitle);
  g_auto(GStrv) parts = g_strsplit (_("Page %s of %s"), "%s", 3);

  g_string_append (out, "<office:document-styles " ODF_NAMESPACES ">" FONT_FACES);
  g_string_append (out, named_styles);
  g_string_append (out,
                   "<office:automatic-styles><style:page-layout style:name=\"Page\">"
                   "<style:page-layout-properties fo:page-width=\"29.7cm\" fo:page-height=\"21cm\" "
                   "style:print-orientation=\"landscape\" fo:margin-top=\"1cm\" "
                   "fo:margin-bottom=\"1cm\" fo:margin-left=\"1.5cm\" fo:margin-right=\"1.5cm\"/>"
                   "<style:header-style><style:header-footer-properties fo:min-height=\"0cm\" "
                   "fo:margin-bottom=\"0.3cm\"/></style:header-style><style:footer-style>"
                   "<style:header-footer-properties fo:min-height=\"0cm\" fo:margin-top=\"0.3cm\"/>"
                   "</style:footer-style></style:page-layout>"
                   "<style:style style:name=\"DraftMark\" style:family=\"text\">"
                   "<style:text-properties "
                   "fo:font-weight=\"bold\" fo:color=\"#c00000\"/></style:style>"
                   "</office:automatic-styles><office:master-styles>"
                   "<style:master-page style:name=\"Standard\" style:page-layout-name=\"Page\">"
                   "<style:header><text:p text:style-name=\"Header\">");
  span (out, running, FALSE);
  if (model->draft)
    {
      g_string_append (out, "<text:span text:style-name=\"DraftMark\"> — ");
      _cg_xml_append_escaped (out, _("DRAFT"));
      g_string_append (out, "</text:span>");
    }
  g_string_append (out, "</text:p></style:header><style:footer><text:p "
                        "text:style-name=\"Footer\">");
  if (!model->options.anonymise)
    span (out, _("Contains personal data: not for publication"), FALSE);
  g_string_append (out, "<text:tab/>");
  if (g_strv_length (parts) == 3)
    {
      span (out, parts[0], FALSE);
      g_string_append (out, "<text:page-number text:select-page=\"current\">1</text:page-number>");
      span (out, parts[1], FALSE);
      g_string_append (out, "<text:page-count>1</text:page-count>");
      span (out, parts[2], FALSE);
    }
  g_string_append (out, "</text:p></style:footer></style:master-page></office:master-styles>"
                        "</office:document-styles>");
  return g_string_free (out, FALSE);
}

/* Metadata names the tool, never the author: the file may be published. */
static char *
meta_xml (CgExportModel *model)
{
  GString *out = g_string_new (XML_HEAD);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *title = g_strdup_printf ("%s — %s", model->title, model->subtitle);

  g_string_append (out, "<office:document-meta " ODF_NAMESPACES "><office:meta>"
                        "<meta:generator>Chronogram/" PACKAGE_VERSION "</meta:generator>"
                                                                      "<dc:title>");
  _cg_xml_append_escaped (out, title);
  g_string_append_printf (out, "</dc:title><dc:language>en-GB</dc:language>"
                               "<meta:creation-date>%s</meta:creation-date><dc:date>%s</dc:date>"
                               "</office:meta></office:document-meta>", stamp, stamp);
  return g_string_free (out, FALSE);
}

static char *
manifest_xml (gboolean genogram)
{
  return g_strconcat (XML_HEAD,
                      "<manifest:manifest "
                      "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
                      "manifest:version=\"1.3\">"
                      "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
                      "manifest:media-type=\"" MIMETYPE "\"/>"
                      "<manifest:file-entry manifest:full-path=\"content.xml\" "
                      "manifest:media-type=\"text/xml\"/>"
                      "<manifest:file-entry manifest:full-path=\"styles.xml\" "
                      "manifest:media-type=\"text/xml\"/>"
                      "<manifest:file-entry manifest:full-path=\"meta.xml\" "
                      "manifest:media-type=\"text/xml\"/>",
                      genogram ? "<manifest:file-entry "
                                 "manifest:full-path=\"Pictures/genogram.png\" "
                                 "manifest:media-type=\"image/png\"/>" : "",
                      "</manifest:manifest>", NULL);
}

static gboolean
add_part (CgZipWriter  *zip,
          const char   *name,
          char         *text,
          GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  return cg_zip_writer_add (zip, name, bytes, TRUE, error);
}

GBytes *
_cg_export_render_odt (CgExportModel  *model,
                       GError        **error)
{
  g_autoptr(CgZipWriter) zip = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) mimetype = g_bytes_new_static (MIMETYPE, strlen (MIMETYPE));
  double width = 0, height = 0;
  gboolean genogram = model->genogram != NULL;

  if (genogram && !(png = _cg_export_genogram_png (model, 200, &width, &height, error)))
    return NULL;
  if (!(zip = cg_zip_writer_new (error)))
    return NULL;
  if (!cg_zip_writer_add (zip, "mimetype", mimetype, FALSE, error)
      || !add_part (zip, "content.xml", content_xml (model, width, height), error)
      || !add_part (zip, "styles.xml", styles_xml (model), error)
      || !add_part (zip, "meta.xml", meta_xml (model), error)
      || !add_part (zip, "META-INF/manifest.xml", manifest_xml (genogram), error))
    return NULL;
  if (genogram && !cg_zip_writer_add (zip, "Pictures/genogram.png", png, FALSE, error))
    return NULL;
  return cg_zip_writer_finish (zip, error);
}
