/* cg-record-filter.h: a filter bar for the integrated chronology
 *
 * Flagged records only, or those of one kind of flag; retrospective records
 * only; one agency; linked, repeated or unlinked records, or one cluster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"

G_BEGIN_DECLS

#define CG_TYPE_RECORD_FILTER (cg_record_filter_get_type ())

G_DECLARE_FINAL_TYPE (CgRecordFilter, cg_record_filter, CG, RECORD_FILTER, AdwBin)

/* What the flags menu asks for. */
#define CG_RECORD_FILTER_ANY_RECORD  (-2)
#define CG_RECORD_FILTER_ANY_FLAG    (-1)
/* ...or a CgDiscrepancyKind: records named by an open flag of that kind. */

typedef enum
{
  CG_RECORD_LINKS_ANY,
  CG_RECORD_LINKS_LINKED,      /* in a same-occurrence cluster */
  CG_RECORD_LINKS_REPEATED,    /* in a duplicate_record cluster */
  CG_RECORD_LINKS_UNLINKED,    /* in no cluster */
} CgRecordLinks;

GtkWidget *cg_record_filter_new                  (void);

/* The filter to put in the view's model (e.g. in a GtkEveryFilter beside the
 * view's own); it reports every change of the bar. Owned by the bar. */
GtkFilter *cg_record_filter_get_filter           (CgRecordFilter *self);
gboolean   cg_record_filter_match                (CgRecordFilter *self,
                                                  CgEvent        *event);
/* @analysis: (nullable): borrowed until the next call. Call it before the
 * view's model gets the new analysis' records. */
void       cg_record_filter_set_analysis         (CgRecordFilter *self,
                                                  CgAnalysis     *analysis);
gboolean   cg_record_filter_get_active           (CgRecordFilter *self);
void       cg_record_filter_clear                (CgRecordFilter *self);

/* @flags: CG_RECORD_FILTER_ANY_RECORD, CG_RECORD_FILTER_ANY_FLAG or a kind */
void       cg_record_filter_set_flags            (CgRecordFilter *self,
                                                  int             flags);
void       cg_record_filter_set_retrospective    (CgRecordFilter *self,
                                                  gboolean        retrospective_only);
/* @agency: (nullable): NULL for every agency */
void       cg_record_filter_set_agency           (CgRecordFilter *self,
                                                  const char     *agency);
void       cg_record_filter_set_show_agency      (CgRecordFilter *self,
                                                  gboolean        show_agency);
void       cg_record_filter_set_links            (CgRecordFilter *self,
                                                  CgRecordLinks   links);
/* The records of one cluster; 0 for any. Shown as a chip the author can close. */
void       cg_record_filter_set_cluster          (CgRecordFilter *self,
                                                  gint64          cluster_id);

G_END_DECLS
