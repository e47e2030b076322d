/* cg-cluster-inspector.h: every agency's account of one occurrence, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"

G_BEGIN_DECLS

#define CG_TYPE_CLUSTER_INSPECTOR (cg_cluster_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CgClusterInspector, cg_cluster_inspector, CG, CLUSTER_INSPECTOR, AdwBin)

void        _cg_cluster_inspector_set_analysis    (CgClusterInspector *self,
                                                   CgAnalysis         *analysis);
void        _cg_cluster_inspector_set_editable    (CgClusterInspector *self,
                                                   gboolean            editable);
gboolean    _cg_cluster_inspector_show_cluster    (CgClusterInspector *self,
                                                   gint64              cluster_id);

/* For tests: the cluster shown, its accounts (columns) and the cells marked
 * as differing between them. */
CgCluster  *_cg_cluster_inspector_get_cluster     (CgClusterInspector *self);
guint       _cg_cluster_inspector_get_n_accounts  (CgClusterInspector *self);
guint       _cg_cluster_inspector_get_n_differing (CgClusterInspector *self);
guint       _cg_cluster_inspector_get_n_listed    (CgClusterInspector *self);

G_END_DECLS
