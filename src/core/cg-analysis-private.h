/* cg-analysis-private.h: shared by cg-analysis.c and cg-store-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cg-analysis.h"

G_BEGIN_DECLS

#define CG_PAIR_SEPARATOR "\x1f"

typedef struct
{
  CgFlagStatus  status;
  char         *note;
} CgFlagDecision;

/* The author's decisions, keyed by record identities (agency|content hash) so
 * that they survive re-analysis and the re-import of a corrected file. */
typedef struct
{
  GHashTable *join;       /* pair key: these two records are one occurrence */
  GHashTable *separate;   /* pair key: these two are not */
  GHashTable *confirmed;  /* cluster key: the author confirmed this cluster */
  GHashTable *flags;      /* discrepancy key -> CgFlagDecision */
} CgDecisions;

CgAnalysis *_cg_analysis_new       (CgReview          *review,
                                    GPtrArray         *events,
                                    CgFamily          *family);
CgAnalysis *_cg_analysis_run_with  (CgReview          *review,
                                    GPtrArray         *events,
                                    CgFamily          *family,
                                    const CgDecisions *decisions);
char       *_cg_event_identity     (CgEvent           *event);
char       *_cg_pair_key           (const char        *a,
                                    const char        *b);
char       *_cg_cluster_key        (CgCluster         *cluster);
void        _cg_analysis_note_child_seen (CgAnalysis  *analysis);

gboolean     cg_discrepancy_kind_from_string (const char        *text,
                                              CgDiscrepancyKind *kind);
CgFlagStatus cg_flag_status_from_string      (const char        *text);

G_END_DECLS
