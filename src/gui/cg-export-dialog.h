/* cg-export-dialog.h: exporting the integrated chronology for the report's appendix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-window.h"

G_BEGIN_DECLS

#define CG_TYPE_EXPORT_DIALOG (cg_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CgExportDialog, cg_export_dialog, CG, EXPORT_DIALOG, AdwWindow)

/* The window's "win.export" action: the dialog for the open review. */
void cg_export_dialog_present (CgWindow *window);

G_END_DECLS
