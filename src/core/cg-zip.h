/* cg-zip.h: zip containers (.docx, .odt), the only place that knows libzip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CgZipWriter CgZipWriter;

/* A zip archive built in memory. Entries keep the order they are added in:
 * an OpenDocument file's "mimetype" must come first and be stored. */
CgZipWriter *cg_zip_writer_new    (GError       **error);
gboolean     cg_zip_writer_add    (CgZipWriter   *self,
                                   const char    *name,
                                   GBytes        *data,
                                   gboolean       compress,
                                   GError       **error);
GBytes      *cg_zip_writer_finish (CgZipWriter   *self,
                                   GError       **error);
void         cg_zip_writer_free   (CgZipWriter   *self);

typedef gboolean (*CgZipEntryFunc) (const char  *name,
                                    GBytes      *data,
                                    gpointer     user_data,
                                    GError     **error);

/* Calls @func with the uncompressed contents of every entry of @zip, in
 * order; stops at the first FALSE. */
gboolean     cg_zip_foreach_entry (GBytes        *zip,
                                   CgZipEntryFunc func,
                                   gpointer       user_data,
                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgZipWriter, cg_zip_writer_free)

G_END_DECLS
