/* cg-analysis.h: the integrated chronology's analysis
 *
 * Same-occurrence clusters, discrepancies between agencies, and the weight of
 * each record (contemporaneous or retrospective). Pure functions over the
 * events; the author's decisions come in, results come out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-event.h"
#include "cg-family.h"
#include "cg-review.h"
#include "cg-store.h"

G_BEGIN_DECLS

typedef enum
{
  CG_CLUSTER_SAME_OCCURRENCE,
  CG_CLUSTER_DUPLICATE_RECORD,
} CgClusterKind;

typedef enum
{
  CG_DECISION_AUTO,
  CG_DECISION_CONFIRMED,
} CgDecision;

typedef struct
{
  gint64         id;
  CgClusterKind  kind;
  CgDecision     decision;
  GPtrArray     *events;   /* CgEvent (borrowed from the analysis' events), in date order */
  char          *note;
} CgCluster;

typedef enum
{
  CG_DISCREPANCY_DATE_CONFLICT,
  CG_DISCREPANCY_TIME_CONFLICT,
  CG_DISCREPANCY_FACT_CONFLICT,
  CG_DISCREPANCY_MISSING_COUNTERPART,
  CG_DISCREPANCY_OUT_OF_SEQUENCE,
  CG_DISCREPANCY_OUTSIDE_SCOPE,
  CG_DISCREPANCY_SILENCE,
  CG_N_DISCREPANCY_KINDS
} CgDiscrepancyKind;

typedef enum
{
  CG_FLAG_OPEN,
  CG_FLAG_EXPLAINED,
  CG_FLAG_DISMISSED,
} CgFlagStatus;

typedef struct
{
  gint64             id;
  CgDiscrepancyKind  kind;
  GPtrArray         *events;   /* CgEvent, borrowed */
  char              *summary;  /* plain English */
  CgFlagStatus       status;
  char              *note;
  char              *key;      /* identity across re-analysis: kind + record contents */
} CgDiscrepancy;

typedef struct
{
  CgReview  *review;
  GPtrArray *events;          /* CgEvent, integrated chronology order */
  GPtrArray *clusters;        /* CgCluster */
  GPtrArray *discrepancies;   /* CgDiscrepancy */
  CgFamily  *family;
} CgAnalysis;

/* The summary pane: what each agency recorded and how. */
typedef struct
{
  char  *agency;
  guint  records;
  guint  clustered;         /* records in a same-occurrence cluster */
  guint  open_flags;        /* its records named by an open discrepancy */
  guint  retrospective;
  guint  contemporaneous;
  guint  child_seen;        /* records saying the subject child was seen */
  guint  child_not_seen;
} CgAgencySummary;

typedef struct
{
  GPtrArray *agencies;      /* CgAgencySummary, in order of first record */
  guint      records;
  guint      clusters;
  guint      duplicates;
  guint      open_flags;
  guint      open_by_kind[CG_N_DISCREPANCY_KINDS];
  guint      undated;
} CgSummary;

CgSummary    *cg_analysis_summarise         (CgAnalysis        *analysis);
void          cg_summary_free               (CgSummary         *summary);
/* Whether a record says the subject child was seen: 1, 0, or -1 when it does
 * not say (the "child seen" column first, else the text). */
int           cg_analysis_child_seen        (CgAnalysis        *analysis,
                                             CgEvent           *event);

const char   *cg_cluster_kind_to_string     (CgClusterKind      kind);
const char   *cg_discrepancy_kind_to_string (CgDiscrepancyKind  kind);
const char   *cg_discrepancy_kind_get_label (CgDiscrepancyKind  kind);
const char   *cg_flag_status_to_string      (CgFlagStatus       status);
const char   *cg_recording_to_string        (CgRecording        recording);

void          cg_cluster_free               (CgCluster         *cluster);
void          cg_discrepancy_free           (CgDiscrepancy     *discrepancy);
void          cg_analysis_free              (CgAnalysis        *analysis);

/* Recording weight of one record under the review's limit. */
void          cg_recording_classify         (CgEvent           *event,
                                             const CgReview    *review);

/* Runs everything over @events (which it sorts and annotates). */
CgAnalysis   *cg_analysis_run               (CgReview          *review,
                                             GPtrArray         *events,
                                             CgFamily          *family);

/* Loads the case, runs the analysis with the author's stored decisions applied,
 * and stores the result in one transaction. */
gboolean      cg_analysis_run_and_store     (CgStore           *store,
                                             GError           **error);
/* The case as last analysed: events, clusters and flags as stored. */
CgAnalysis   *cg_store_load_analysis        (CgStore           *store,
                                             GError           **error);

/* The author's decisions; each is stored at once and applied by the next
 * analysis. They name records by content, so they survive re-imports. */
gboolean      cg_store_confirm_cluster      (CgStore           *store,
                                             CgCluster         *cluster,
                                             GError           **error);
gboolean      cg_store_remove_from_cluster  (CgStore           *store,
                                             CgCluster         *cluster,
                                             CgEvent           *event,
                                             GError           **error);
gboolean      cg_store_join_records         (CgStore           *store,
                                             CgEvent           *a,
                                             CgEvent           *b,
                                             GError           **error);
gboolean      cg_store_set_flag_status      (CgStore           *store,
                                             CgDiscrepancy     *discrepancy,
                                             CgFlagStatus       status,
                                             const char        *note,
                                             GError           **error);
/* Key events and notes on records, kept by content like the decisions. */
gboolean      cg_store_set_key_event        (CgStore           *store,
                                             CgEvent           *event,
                                             gboolean           key_event,
                                             const char        *note,
                                             GError           **error);

/* Decisions that name records no longer in the case (a corrected file
 * dropped them): one plain-English line each. */
GStrv         cg_store_dup_orphaned_decisions (CgStore         *store,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAnalysis, cg_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSummary, cg_summary_free)

G_END_DECLS
