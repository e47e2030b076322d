/* cg-print.h: printing the integrated chronology
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cg-export-model.h"
#include "cg-window.h"

G_BEGIN_DECLS

#define CG_TYPE_PRINT_OPERATION (cg_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (CgPrintOperation, cg_print_operation, CG, PRINT_OPERATION,
                      GtkPrintOperation)

/* Pages laid out as the PDF export lays them out: landscape A4, the title
 * block and agency key, then the chronology with its header row on every
 * page. Takes @model. */
CgPrintOperation *cg_print_operation_new (CgExportModel *model);

/* The window's "win.print" action: the print dialog for the open review. */
void              cg_print_chronology    (CgWindow      *window);

G_END_DECLS
