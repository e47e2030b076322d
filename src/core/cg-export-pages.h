/* cg-export-pages.h: the PDF export's pages, for any cairo_t
 *
 * The layout of the report appendix (title block, agency key, the chronology
 * with its header row on every page, clusters kept together, page numbers)
 * lives in cg-export-pdf.c only. The PDF writer draws these pages onto its
 * own surface; printing draws them onto the print context's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cg-export-model.h"

G_BEGIN_DECLS

typedef struct _CgExportPages CgExportPages;

/* Lays @model out once on pages of @page_width_pt by @page_height_pt (the
 * whole sheet; the margins are the export's own). @model is borrowed and must
 * outlive the result. Fails when the page is too small for the layout. */
CgExportPages *cg_export_pages_new         (CgExportModel  *model,
                                            double          page_width_pt,
                                            double          page_height_pt,
                                            GError        **error);
guint          cg_export_pages_get_n_pages (CgExportPages  *pages);
/* Draws page @page (counted from 0) onto @cr, in points from the sheet's
 * top left corner. Does not call cairo_show_page (). */
void           cg_export_pages_draw        (CgExportPages  *pages,
                                            cairo_t        *cr,
                                            guint           page);
void           cg_export_pages_free        (CgExportPages  *pages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgExportPages, cg_export_pages_free)

G_END_DECLS
