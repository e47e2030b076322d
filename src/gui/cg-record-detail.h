/* cg-record-detail.h: one record, with its source and its original cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"

G_BEGIN_DECLS

#define CG_TYPE_RECORD_DETAIL (cg_record_detail_get_type ())

G_DECLARE_FINAL_TYPE (CgRecordDetail, cg_record_detail, CG, RECORD_DETAIL, AdwBin)

void        _cg_record_detail_set_event    (CgRecordDetail *self,
                                            CgEvent        *event,
                                            CgCluster      *cluster);
CgEvent    *_cg_record_detail_get_event    (CgRecordDetail *self);
const char *_cg_record_detail_get_location (CgRecordDetail *self);

G_END_DECLS
