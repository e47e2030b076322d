/* cg-analysis-page.h: the Analysis page (flags, clusters, summary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"
#include "cg-cluster-inspector.h"
#include "cg-flags-view.h"
#include "cg-summary-view.h"
#include "cg-window.h"

G_BEGIN_DECLS

#define CG_TYPE_ANALYSIS_PAGE (cg_analysis_page_get_type ())

G_DECLARE_FINAL_TYPE (CgAnalysisPage, cg_analysis_page, CG, ANALYSIS_PAGE, AdwBin)

/* Creates the page and adds it to the window's view switcher as "analysis".
 * Does nothing when the window has one already. */
void                cg_analysis_page_attach                 (CgWindow          *window);

void                _cg_analysis_page_show_view             (CgAnalysisPage    *self,
                                                             const char        *name);
const char         *_cg_analysis_page_get_visible_view      (CgAnalysisPage    *self);
CgFlagsView        *_cg_analysis_page_get_flags_view        (CgAnalysisPage    *self);
CgClusterInspector *_cg_analysis_page_get_cluster_inspector (CgAnalysisPage    *self);
CgSummaryView      *_cg_analysis_page_get_summary_view      (CgAnalysisPage    *self);

/* Shared by the page's views. A decision is written to the case file at once
 * and the analysis then runs again in the window's thread. */
CgWindow           *_cg_analysis_view_get_window            (GtkWidget         *view);
CgStore            *_cg_analysis_view_begin_decision        (GtkWidget         *view);
void                _cg_analysis_view_end_decision          (GtkWidget         *view,
                                                             gboolean           saved,
                                                             const GError      *error,
                                                             const char        *done_message);
void                _cg_analysis_view_reveal_record         (GtkWidget         *view,
                                                             CgEvent           *event);

/* "Police · 21 Jan 2022 · police.csv, row 8", with the agency in bold. */
char               *_cg_event_dup_reference_markup          (CgEvent           *event);
const char         *_cg_discrepancy_kind_get_icon_name      (CgDiscrepancyKind  kind);
const char         *_cg_discrepancy_kind_get_description    (CgDiscrepancyKind  kind);

G_END_DECLS
