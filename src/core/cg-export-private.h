/* cg-export-private.h: shared by the export's format writers (cg-export-*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cg-export-model.h"

G_BEGIN_DECLS

/* Page geometry of the appendix: A4 landscape, in points. */
#define CG_EXPORT_PAGE_WIDTH   841.89
#define CG_EXPORT_PAGE_HEIGHT  595.28
#define CG_EXPORT_MARGIN       42.52   /* 1.5 cm */

GBytes  *_cg_export_render_json    (CgExportModel  *model,
                                    GError        **error);
GBytes  *_cg_export_render_csv     (CgExportModel  *model,
                                    GError        **error);
GBytes  *_cg_export_render_docx    (CgExportModel  *model,
                                    GError        **error);
GBytes  *_cg_export_render_odt     (CgExportModel  *model,
                                    GError        **error);
GBytes  *_cg_export_render_html    (CgExportModel  *model,
                                    GError        **error);
/* @drawn collects every text drawn, for the check after writing: a PDF's text
 * is stored as glyphs, not as the words themselves. */
GBytes  *_cg_export_render_pdf     (CgExportModel  *model,
                                    GString        *drawn,
                                    GError        **error);

/* Relative width of a column in the table. */
double   _cg_export_column_weight  (CgExportColumn  column);
/* Whether a column's lead runs into its text ("Home visit: ...") rather than
 * standing on a line of its own ("Retrospective" / "written 3 days after"). */
gboolean _cg_export_lead_inline    (CgExportColumn  column);
/* Whether a row is short enough to be kept whole on a page (rows that
 * could fill a page must be allowed to break). */
gboolean _cg_export_row_fits_page  (const CgExportRow *row);
/* "Lead: text" on one line, for plain formats. */
char    *_cg_export_cell_plain     (const CgExportCell *cell);
/* XML character data or attribute value: & < > " ' escaped, characters XML
 * 1.0 forbids dropped. */
void     _cg_xml_append_escaped    (GString        *out,
                                    const char     *text);
/* The genogram as PNG at @dpi, for the word-processor formats. */
GBytes  *_cg_export_genogram_png   (CgExportModel  *model,
                                    double          dpi,
                                    double         *width_pt,
                                    double         *height_pt,
                                    GError        **error);

G_END_DECLS
