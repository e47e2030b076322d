/* cg-print-private.h: printing without the print dialog, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cg-print.h"

G_BEGIN_DECLS

/* What cg_print_chronology () does, but the pages go to a PDF file at
 * @path (GTK_PRINT_OPERATION_ACTION_EXPORT). The window is busy until the
 * file is written. */
void  _cg_print_chronology_to_pdf (CgWindow   *window,
                                   const char *path);
guint _cg_print_operation_get_n_pages (CgPrintOperation *self);

G_END_DECLS
