/* cg-export.h: writing the integrated chronology out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-store.h"

G_BEGIN_DECLS

typedef enum
{
  CG_EXPORT_JSON,
  CG_EXPORT_CSV,
} CgExportFormat;

gboolean cg_export_format_from_string (const char      *text,
                                       CgExportFormat  *format);
gboolean cg_export_write              (CgStore         *store,
                                       CgExportFormat   format,
                                       const char      *path,
                                       GError         **error);
gboolean cg_export_write_bytes        (const char      *path,
                                       const char      *data,
                                       gsize            len,
                                       GError         **error);

G_END_DECLS
