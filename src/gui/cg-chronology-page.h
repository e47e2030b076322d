/* cg-chronology-page.h: the integrated chronology as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"
#include "cg-record-detail.h"
#include "cg-record-filter.h"

G_BEGIN_DECLS

#define CG_TYPE_CHRONOLOGY_PAGE (cg_chronology_page_get_type ())

G_DECLARE_FINAL_TYPE (CgChronologyPage, cg_chronology_page, CG, CHRONOLOGY_PAGE, AdwBin)

void            _cg_chronology_page_set_analysis      (CgChronologyPage *self,
                                                       CgAnalysis       *analysis,
                                                       GListModel       *events);
void            _cg_chronology_page_focus_search      (CgChronologyPage *self);
void            _cg_chronology_page_clear_filters     (CgChronologyPage *self);
void            _cg_chronology_page_set_person_filter (CgChronologyPage *self,
                                                       const char       *person_key,
                                                       const char       *label);
gboolean        _cg_chronology_page_reveal_event      (CgChronologyPage *self,
                                                       CgEvent          *event);
CgEvent        *_cg_chronology_page_get_selected      (CgChronologyPage *self);

/* The widgets a test drives. */
GtkColumnView  *_cg_chronology_page_get_column_view   (CgChronologyPage *self);
GtkDropDown    *_cg_chronology_page_get_agency_filter (CgChronologyPage *self);
GtkEditable    *_cg_chronology_page_get_search_entry  (CgChronologyPage *self);
CgRecordDetail *_cg_chronology_page_get_detail        (CgChronologyPage *self);
CgRecordFilter *_cg_chronology_page_get_record_filter (CgChronologyPage *self);

G_END_DECLS
