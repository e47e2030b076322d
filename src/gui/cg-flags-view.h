/* cg-flags-view.h: the discrepancies between agencies, to explain or dismiss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"

G_BEGIN_DECLS

#define CG_TYPE_FLAGS_VIEW (cg_flags_view_get_type ())

G_DECLARE_FINAL_TYPE (CgFlagsView, cg_flags_view, CG, FLAGS_VIEW, AdwBin)

/* Which flags are shown, by status. */
typedef enum
{
  CG_FLAGS_SHOW_OPEN,
  CG_FLAGS_SHOW_EXPLAINED,
  CG_FLAGS_SHOW_DISMISSED,
  CG_FLAGS_SHOW_ALL,
} CgFlagsShow;

void           _cg_flags_view_set_analysis   (CgFlagsView       *self,
                                              CgAnalysis        *analysis);
void           _cg_flags_view_set_editable   (CgFlagsView       *self,
                                              gboolean           editable);
/* @kind: a kind, or -1 for every kind */
void           _cg_flags_view_set_filter     (CgFlagsView       *self,
                                              CgFlagsShow        show,
                                              int                kind);

/* For tests: the flags listed, and the note dialog when one is open. */
guint          _cg_flags_view_get_n_shown    (CgFlagsView       *self);
guint          _cg_flags_view_count_shown    (CgFlagsView       *self,
                                              CgDiscrepancyKind  kind);
GtkWindow     *_cg_flags_view_get_dialog     (CgFlagsView       *self);

G_END_DECLS
