/* cg-export-docx.c: the report appendix as a Word document (.docx)
 *
 * WordprocessingML written by hand, every text escaped: landscape A4, a
 * title block, the agency key, and one table whose header row repeats on
 * every page, with each cluster's records kept together; the genogram on a
 * page of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-export-private.h"
#include "cg-zip.h"

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W     "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R     "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define NS_WP    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_PKG   "http://schemas.openxmlformats.org/package/2006/"

/* Twentieths of a point: A4 landscape with 1.5 cm margins. */
#define PAGE_W   16838
#define PAGE_H   11906
#define MARGIN   850
#define TEXT_W   (PAGE_W - 2 * MARGIN)
#define EMU_PER_POINT 12700

#define COLOUR_HEADING  "1F3864"
#define COLOUR_HEADER   "D9E2F3"
#define COLOUR_CLUSTER  "EEF3F8"
#define COLOUR_RETRO    "FFF2CC"
#define COLOUR_BORDER   "A6A6A6"
#define COLOUR_DRAFT    "C00000"

static void
run (GString    *out,
     const char *text,
     gboolean    bold)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append (out, "<w:r>");
  if (bold)
    g_string_append (out, "<w:rPr><w:b/></w:rPr>");
  g_string_append (out, "<w:t xml:space=\"preserve\">");
  _cg_xml_append_escaped (out, text);
  g_string_append (out, "</w:t></w:r>");
}

/* One paragraph of style @style holding @text. */
static void
paragraph (GString    *out,
           const char *style,
           const char *text,
           gboolean    page_break_before)
{
  g_string_append (out, "<w:p><w:pPr>");
  if (style)
    g_string_append_printf (out, "<w:pStyle w:val=\"%s\"/>", style);
  if (page_break_before)
    g_string_append (out, "<w:pageBreakBefore/>");
  g_string_append (out, "</w:pPr>");
  run (out, text, FALSE);
  g_string_append (out, "</w:p>");
}

static void
cell_paragraph_start (GString  *out,
                      gboolean  keep_next)
{
  g_string_append (out, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
  if (keep_next)
    g_string_append (out, "<w:keepNext/>");
  g_string_append (out, "</w:pPr>");
}

/* A cell's lead and lines, each line a paragraph. */
static void
cell_content (GString            *out,
              const CgExportCell *cell,
              gboolean            lead_inline,
              gboolean            keep_next)
{
  g_auto(GStrv) lines = g_strsplit (cell->text ? cell->text : "", "\n", -1);
  guint first = 0;

  if (cell->lead != NULL)
    {
      cell_paragraph_start (out, keep_next);
      run (out, cell->lead, TRUE);
      if (lead_inline && lines[0] != NULL && *lines[0] != '\0')
        {
          run (out, ": ", TRUE);
          run (out, lines[0], FALSE);
          first = 1;
        }
      g_string_append (out, "</w:p>");
    }
  for (guint i = first; lines[i]; i++)
    {
      if (*lines[i] == '\0' && (cell->lead != NULL || lines[i + 1] != NULL))
        continue;
      cell_paragraph_start (out, keep_next);
      run (out, lines[i], FALSE);
      g_string_append (out, "</w:p>");
    }
  /* Every cell needs a paragraph, even an empty one. */
  if (cell->lead == NULL && (lines[0] == NULL || (*lines[0] == '\0' && lines[1] == NULL)))
    {
      cell_paragraph_start (out, keep_next);
      g_string_append (out, "</w:p>");
    }
}

static void
table_start (GString   *out,
             const int *widths,
             guint      n)
{
  g_string_append (out,
                   "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>"
                   "<w:tblBorders>"
                   "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                   "w:color=\"" COLOUR_BORDER "\"/>"
                   "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                   "w:color=\"" COLOUR_BORDER "\"/>"
                   "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                   "w:color=\"" COLOUR_BORDER "\"/>"
                   "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                   "w:color=\"" COLOUR_BORDER "\"/>"
                   "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                   "w:color=\"" COLOUR_BORDER "\"/>"
                   "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                   "w:color=\"" COLOUR_BORDER "\"/>"
                   "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                   "<w:tblCellMar><w:top w:w=\"45\" w:type=\"dxa\"/><w:left w:w=\"70\" "
                   "w:type=\"dxa\"/>"
                   "<w:bottom w:w=\"45\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/>"
                   "</w:tblCellMar><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" "
                   "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
                   "</w:tblPr><w:tblGrid>");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "<w:gridCol w:w=\"%d\"/>", widths[i]);
  g_string_append (out, "</w:tblGrid>");
}

static void
cell_start (GString    *out,
            int         width,
            const char *fill,
            gboolean    thick_top)
{
  g_string_append_printf (out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
  if (thick_top)
    g_string_append (out, "<w:tcBorders><w:top w:val=\"single\" w:sz=\"12\" w:space=\"0\" "
                          "w:color=\"" COLOUR_HEADING "\"/></w:tcBorders>");
  if (fill)
    g_string_append_printf (out, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", fill);
  g_string_append (out, "</w:tcPr>");
}

static void
header_row (GString            *out,
            const int          *widths,
            const char * const *titles,
            guint               n)
{
  g_string_append (out, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
  for (guint i = 0; i < n; i++)
    {
      cell_start (out, widths[i], COLOUR_HEADER, FALSE);
      g_string_append (out, "<w:p><w:pPr><w:pStyle w:val=\"TableHeading\"/><w:keepNext/></w:pPr>");
      run (out, titles[i], FALSE);
      g_string_append (out, "</w:p></w:tc>");
    }
  g_string_append (out, "</w:tr>");
}

static void
details_table (GString       *out,
               CgExportModel *model)
{
  const int widths[2] = { 2600, TEXT_W - 2600 };

  table_start (out, widths, 2);
  for (guint i = 0; i < model->details->len; i++)
    {
      CgExportDetail *detail = g_ptr_array_index (model->details, i);
      CgExportCell label = { detail->label, NULL };
      CgExportCell value = { NULL, detail->value };

      g_string_append (out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
      cell_start (out, widths[0], COLOUR_HEADER, FALSE);
      cell_content (out, &label, FALSE, FALSE);
      g_string_append (out, "</w:tc>");
      cell_start (out, widths[1], NULL, FALSE);
      cell_content (out, &value, FALSE, FALSE);
      g_string_append (out, "</w:tc></w:tr>");
    }
  g_string_append (out, "</w:tbl>");
}

static void
agency_key (GString       *out,
            CgExportModel *model)
{
  const int widths[4] = { 1300, 4200, 1900, TEXT_W - 7400 };
  const char * const titles[4] = { _("Code"), _("Agency"), _("Records shown"), _("Files") };

  paragraph (out, "Heading1", _("Agency key"), FALSE);
  table_start (out, widths, 4);
  header_row (out, widths, titles, 4);
  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
      g_autofree char *name = cg_export_model_text (model, agency->name);
      g_autofree char *count = g_strdup_printf ("%u", agency->n_records);
      CgExportCell cells[4] = {
        { agency->code, NULL }, { NULL, name }, { NULL, count }, { NULL, agency->files },
      };

      g_string_append (out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
      for (guint k = 0; k < 4; k++)
        {
          cell_start (out, widths[k], NULL, FALSE);
          cell_content (out, &cells[k], FALSE, FALSE);
          g_string_append (out, "</w:tc>");
        }
      g_string_append (out, "</w:tr>");
    }
  g_string_append (out, "</w:tbl>");
}

static void
column_widths (CgExportModel *model,
               int           *widths)
{
  double total = 0;
  int used = 0;

  for (guint k = 0; k < model->columns->len; k++)
    total += _cg_export_column_weight (g_array_index (model->columns, CgExportColumn, k));
  for (guint k = 0; k < model->columns->len; k++)
    {
      CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

      widths[k] = (int)floor (TEXT_W * _cg_export_column_weight (column) / total);
      used += widths[k];
    }
  if (model->columns->len > 0)
    widths[model->columns->len - 1] += TEXT_W - used;
}

static void
chronology_table (GString       *out,
                  CgExportModel *model)
{
  g_autofree int *widths = g_new0 (int, model->columns->len);
  g_autofree const char **titles = g_new0 (const char *, model->columns->len);

  column_widths (model, widths);
  for (guint k = 0; k < model->columns->len; k++)
    titles[k] = model->column_titles[g_array_index (model->columns, CgExportColumn, k)];

  table_start (out, widths, model->columns->len);
  header_row (out, widths, titles, model->columns->len);
  for (guint i = 0; i < model->display->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->display, i);
      /* A cluster's rows stay on one page: each keeps with the next. */
      gboolean fits = _cg_export_row_fits_page (row);
      gboolean keep = row->group != 0 && !row->group_last && fits;

      g_string_append (out, fits ? "<w:tr><w:trPr><w:cantSplit/></w:trPr>" : "<w:tr>");
      for (guint k = 0; k < model->columns->len; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);
          const char *fill = row->group ? COLOUR_CLUSTER : NULL;

          if (column == CG_EXPORT_COLUMN_RECORDING && row->retrospective)
            fill = COLOUR_RETRO;
          cell_start (out, widths[k], fill, row->group_first);
          cell_content (out, &row->cells[column], _cg_export_lead_inline (column), keep);
          g_string_append (out, "</w:tc>");
        }
      g_string_append (out, "</w:tr>");
    }
  g_string_append (out, "</w:tbl>");
}

static void
genogram_page (GString       *out,
               CgExportModel *model,
               double         width_pt,
               double         height_pt)
{
  double max_w = TEXT_W / 20.0;
  double max_h = PAGE_H / 20.0 - 2 * MARGIN / 20.0 - 110;
  double scale = MIN (MIN (max_w / width_pt, max_h / height_pt), 1.5);
  gint64 cx = (gint64)(width_pt * scale * EMU_PER_POINT);
  gint64 cy = (gint64)(height_pt * scale * EMU_PER_POINT);

  paragraph (out, "Heading1", model->genogram_heading, TRUE);
  g_string_append_printf (out,
                          "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
                          "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                          "<wp:extent cx=\"%" G_GINT64_FORMAT "\" cy=\"%" G_GINT64_FORMAT "\"/>"
                          "<wp:docPr id=\"1\" name=\"Genogram\" descr=\"",
                          cx, cy);
  _cg_xml_append_escaped (out, model->genogram_title);
  g_string_append_printf (out,
                          "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
                          "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
                          "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
                          "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"genogram.png\"/>"
                          "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip "
                          "r:embed=\"rIdGenogram\"/>"
                          "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
                          "<a:off x=\"0\" y=\"0\"/><a:ext cx=\"%" G_GINT64_FORMAT "\" cy=\"%"
                          G_GINT64_FORMAT "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
                          "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
                          "</wp:inline></w:drawing></w:r></w:p>",
                          cx, cy);
  paragraph (out, "Caption",
             model->options.anonymise
             ? _("People are shown by their role in the review. The key explains the symbols.")
             : _("The key explains the symbols."), FALSE);
}

static char *
document_xml (CgExportModel *model,
              double         genogram_w,
              double         genogram_h)
{
  GString *out = g_string_new (XML_HEAD);

  g_string_append (out,
                   "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
                   "xmlns:wp=\"" NS_WP "\" "
                   "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                   "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
                   "<w:body>");
  paragraph (out, "Title", model->title, FALSE);
  paragraph (out, "Subtitle", model->subtitle, FALSE);
  if (model->draft)
    paragraph (out, "Draft", _("DRAFT"), FALSE);
  details_table (out, model);
  agency_key (out, model);

  paragraph (out, "Heading1", model->subtitle, TRUE);
  paragraph (out, "Note",
             _("Records of one occurrence made by several agencies are kept together and "
               "shaded, with a heavier line above the first. Retrospective records are marked "
               "in the Recording column."), FALSE);
  chronology_table (out, model);
  if (model->genogram != NULL)
    genogram_page (out, model, genogram_w, genogram_h);

  g_string_append_printf (out,
                          "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
                          "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
                          "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>"
                          "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
                          "w:header=\"425\" w:footer=\"425\" w:gutter=\"0\"/></w:sectPr>"
                          "</w:body></w:document>",
                          PAGE_W, PAGE_H, MARGIN, MARGIN, MARGIN, MARGIN);
  return g_string_free (out, FALSE);
}

static char *
header_xml (CgExportModel *model)
{
  GString *out = g_string_new (XML_HEAD);
  g_autofree char *running = g_strdup_printf ("%s — %s", model->title, model->subtitle);

  g_string_append (out, "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
                        "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>");
  run (out, running, FALSE);
  if (model->draft)
    {
      g_string_append (out, "<w:r><w:rPr><w:b/><w:color w:val=\"" COLOUR_DRAFT "\"/></w:rPr>"
                            "<w:t xml:space=\"preserve\"> — ");
      _cg_xml_append_escaped (out, _("DRAFT"));
      g_string_append (out, "</w:t></w:r>");
    }
  g_string_append (out, "</w:p></w:hdr>");
  return g_string_free (out, FALSE);
}

static char *
footer_xml (CgExportModel *model)
{
  GString *out = g_string_new (XML_HEAD);
  g_auto(GStrv) parts = g_strsplit (_("Page %s of %s"), "%s", 3);

  g_string_append (out, "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
                        "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
  if (!model->options.anonymise)
    {
      run (out, _("Contains personal data: not for publication"), FALSE);
      g_string_append (out, "<w:r><w:tab/></w:r>");
    }
  else
    g_string_append (out, "<w:r><w:tab/></w:r>");
  if (g_strv_length (parts) == 3)
    {
      run (out, parts[0], FALSE);
      g_string_append (out, "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r>"
                            "</w:fldSimple>");
      run (out, parts[1], FALSE);
      g_string_append (out, "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r>"
                            "</w:fldSimple>");
      run (out, parts[2], FALSE);
    }
  g_string_append (out, "</w:p></w:ftr>");
  return g_string_free (out, FALSE);
}

static const char styles_xml[] =
  XML_HEAD
  "<w:styles xmlns:w=\"" NS_W "\">"
  "<w:docDefaults><w:rPrDefault><w:rPr>"
  "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>"
  "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" "
  "w:bidi=\"ar-SA\"/>"
  "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
  "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
  "<w:qFormat/></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:spacing w:before=\"0\" w:after=\"60\"/></w:pPr>"
  "<w:rPr><w:b/><w:color w:val=\"" COLOUR_HEADING "\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>"
                                                  "</w:rPr>"
  "</w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:spacing w:after=\"200\"/></w:pPr>"
  "<w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Draft\"><w:name w:val=\"Draft\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
  "<w:pPr><w:spacing w:after=\"200\"/></w:pPr>"
  "<w:rPr><w:b/><w:color w:val=\"" COLOUR_DRAFT "\"/><w:spacing w:val=\"40\"/><w:sz w:val=\"32\"/>"
  "<w:szCs w:val=\"32\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/><w:spacing w:before=\"280\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>"
  "</w:pPr>"
  "<w:rPr><w:b/><w:color w:val=\"" COLOUR_HEADING "\"/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>"
                                                  "</w:rPr>"
  "</w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:after=\"120\"/></w:pPr>"
  "<w:rPr><w:i/><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
  "</w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"120\"/><w:jc w:val=\"center\"/>"
  "</w:pPr>"
  "<w:rPr><w:i/><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
  "</w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/></w:pPr>"
  "<w:rPr><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"TableHeading\"><w:name w:val=\"Table Heading\"/>"
  "<w:basedOn w:val=\"TableText\"/><w:rPr><w:b/><w:color w:val=\"" COLOUR_HEADING "\"/></w:rPr>"
  "</w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"right\"/></w:pPr>"
  "<w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"15138\"/></w:tabs>"
  "</w:pPr>"
  "<w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>"
  "</w:styles>";

static const char settings_xml[] =
  XML_HEAD
  "<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"720\"/>"
  "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
  "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
  "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

static char *
content_types_xml (gboolean genogram)
{
  return g_strconcat (XML_HEAD,
                      "<Types xmlns=\"" NS_PKG "content-types\">"
                      "<Default Extension=\"rels\" "
                      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
                      genogram ? "<Default Extension=\"png\" ContentType=\"image/png\"/>" : "",
                      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                      "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
                      "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
                      "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
                      "<Override PartName=\"/docProps/core.xml\" "
                      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                      "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
                      "</Types>", NULL);
}

static const char package_rels_xml[] =
  XML_HEAD
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"" REL_BASE "officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" "
  "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
  "Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL_BASE "extended-properties\" Target=\"docProps/app.xml\"/>"
  "</Relationships>";

static char *
document_rels_xml (gboolean genogram)
{
  return g_strconcat (XML_HEAD,
                      "<Relationships "
                      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      "<Relationship Id=\"rIdStyles\" Type=\"" REL_BASE "styles\" "
                      "Target=\"styles.xml\"/>"
                      "<Relationship Id=\"rIdSettings\" Type=\"" REL_BASE "settings\" "
                      "Target=\"settings.xml\"/>"
                      "<Relationship Id=\"rIdHeader\" Type=\"" REL_BASE "header\" "
                      "Target=\"header1.xml\"/>"
                      "<Relationship Id=\"rIdFooter\" Type=\"" REL_BASE "footer\" "
                      "Target=\"footer1.xml\"/>",
                      genogram ? "<Relationship Id=\"rIdGenogram\" Type=\"" REL_BASE "image\" "
                                 "Target=\"media/genogram.png\"/>" : "",
                      "</Relationships>", NULL);
}

/* Metadata names the tool, never the author: the file may be published. */
static char *
core_xml (CgExportModel *model)
{
  GString *out = g_string_new (XML_HEAD);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *title = g_strdup_printf ("%s — %s", model->title, model->subtitle);

  g_string_append (out, "<cp:coreProperties "
                        "xmlns:cp=\"" NS_PKG "metadata/core-properties\" "
                        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                        "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
  _cg_xml_append_escaped (out, title);
  g_string_append_printf (out, "</dc:title><dc:creator>Chronogram</dc:creator>"
                               "<cp:lastModifiedBy>Chronogram</cp:lastModifiedBy>"
                               "<dc:language>en-GB</dc:language>"
                               "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
                               "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
                               "</cp:coreProperties>", stamp, stamp);
  return g_string_free (out, FALSE);
}

static const char app_xml[] =
  XML_HEAD
  "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
  "<Application>Chronogram " PACKAGE_VERSION "</Application></Properties>";

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
_cg_export_render_docx (CgExportModel  *model,
                        GError        **error)
{
  g_autoptr(CgZipWriter) zip = NULL;
  g_autoptr(GBytes) png = NULL;
  double width = 0, height = 0;
  gboolean genogram = model->genogram != NULL;

  if (genogram && !(png = _cg_export_genogram_png (model, 200, &width, &height, error)))
    return NULL;
  if (!(zip = cg_zip_writer_new (error)))
    return NULL;
  if (!add_part (zip, "[Content_Types].xml", content_types_xml (genogram), error)
      || !add_part (zip, "_rels/.rels", g_strdup (package_rels_xml), error)
      || !add_part (zip, "docProps/core.xml", core_xml (model), error)
      || !add_part (zip, "docProps/app.xml", g_strdup (app_xml), error)
      || !add_part (zip, "word/document.xml", document_xml (model, width, height), error)
      || !add_part (zip, "word/_rels/document.xml.rels", document_rels_xml (genogram), error)
      || !add_part (zip, "word/styles.xml", g_strdup (styles_xml), error)
      || !add_part (zip, "word/settings.xml", g_strdup (settings_xml), error)
      || !add_part (zip, "word/header1.xml", header_xml (model), error)
      || !add_part (zip, "word/footer1.xml", footer_xml (model), error))
    return NULL;
  if (genogram && !cg_zip_writer_add (zip, "word/media/genogram.png", png, FALSE, error))
    return NULL;
  return cg_zip_writer_finish (zip, error);
}
