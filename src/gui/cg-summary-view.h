/* cg-summary-view.h: what each agency recorded, and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"

G_BEGIN_DECLS

#define CG_TYPE_SUMMARY_VIEW (cg_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (CgSummaryView, cg_summary_view, CG, SUMMARY_VIEW, AdwBin)

void        _cg_summary_view_set_analysis (CgSummaryView *self,
                                           CgAnalysis    *analysis);

/* For tests: the text of one cell of the agency table. @column is one of
 * "records", "linked", "flags", "retrospective", "seen", "not-seen". */
const char *_cg_summary_view_get_cell     (CgSummaryView *self,
                                           const char    *agency,
                                           const char    *column);

G_END_DECLS
