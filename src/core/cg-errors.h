/* cg-errors.h: the error domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_ERROR (cg_error_quark ())

typedef enum
{
  CG_ERROR_FAILED,
  CG_ERROR_INVALID,        /* a setting or argument that makes no sense */
  CG_ERROR_NOT_A_CASE,     /* the file is not a Chronogram case file */
  CG_ERROR_TOO_NEW,        /* written by a newer Chronogram */
  CG_ERROR_DAMAGED,        /* the case file is corrupt */
  CG_ERROR_READ_ONLY,
  CG_ERROR_NO_SPACE,
  CG_ERROR_EXISTS,
  CG_ERROR_NOT_TEXT,       /* an import that is a workbook, a PDF, binary data */
  CG_ERROR_NO_HEADER,
  CG_ERROR_UNCLOSED_QUOTE,
  CG_ERROR_TOO_LARGE,
  CG_ERROR_NOT_FOUND,
} CgError;

GQuark cg_error_quark (void);

G_END_DECLS
