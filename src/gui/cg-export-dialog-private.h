/* cg-export-dialog-private.h: what the dialog's buttons do, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cg-anonymiser.h"
#include "cg-export.h"
#include "cg-export-dialog.h"
#include "cg-glossary.h"

G_BEGIN_DECLS

CgExportDialog *_cg_export_dialog_new                  (CgWindow        *window);

/* The options, set through their widgets. */
void            _cg_export_dialog_set_format           (CgExportDialog  *self,
                                                        CgExportFormat   format);
void            _cg_export_dialog_set_for_publication  (CgExportDialog  *self,
                                                        gboolean         publication);
gboolean        _cg_export_dialog_get_anonymise        (CgExportDialog  *self);
void            _cg_export_dialog_set_final            (CgExportDialog  *self,
                                                        gboolean         final);

/* "Check…": the scan in a thread; then its findings (CgFinding, in the
 * order of their rows), how many are shown and how many not accepted. */
void            _cg_export_dialog_check                (CgExportDialog  *self);
GPtrArray      *_cg_export_dialog_get_findings         (CgExportDialog  *self);
guint           _cg_export_dialog_get_n_finding_rows   (CgExportDialog  *self);
guint           _cg_export_dialog_get_n_unresolved     (CgExportDialog  *self);
/* A finding's "Add to Glossary…" and "Accept", without the term editor. */
void            _cg_export_dialog_add_to_glossary      (CgExportDialog  *self,
                                                        guint            index,
                                                        CgGlossaryKind   kind,
                                                        const char      *placeholder);
void            _cg_export_dialog_accept               (CgExportDialog  *self,
                                                        guint            index);
const CgGlossary *_cg_export_dialog_get_glossary       (CgExportDialog  *self);

/* What the file chooser's "Export" does: writes @file in a thread. */
void            _cg_export_dialog_export_to            (CgExportDialog  *self,
                                                        GFile           *file);
char           *_cg_export_dialog_dup_suggested_name   (CgExportDialog  *self);
gboolean        _cg_export_dialog_get_busy             (CgExportDialog  *self);

G_END_DECLS
