/* cg-csv.h: reading CSV text row by row, with spreadsheet row numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CgCsvReader CgCsvReader;

/* One record. @row is the spreadsheet row it starts on: every line end outside
 * a quoted cell counts, blank lines included. @stray_quote says a quote stood
 * inside an unquoted cell, or a quote inside a quoted cell was not doubled; the
 * cells keep such quotes as written. Return FALSE with @error set to stop with
 * that error, or FALSE without one to stop reading quietly: the reader is then
 * done (cg_csv_reader_is_done()) and ignores whatever it is fed. */
typedef gboolean (*CgCsvRowFunc) (guint               row,
                                  const char * const *cells,
                                  guint               n_cells,
                                  gboolean            stray_quote,
                                  gpointer            user_data,
                                  GError            **error);

CgCsvReader *cg_csv_reader_new      (char          delimiter,
                                     CgCsvRowFunc  func,
                                     gpointer      user_data);
void         cg_csv_reader_free     (CgCsvReader  *reader);
gboolean     cg_csv_reader_is_done  (CgCsvReader  *reader);
gboolean     cg_csv_reader_feed     (CgCsvReader  *reader,
                                     const char   *text,
                                     gsize         len,
                                     GError      **error);
/* Ends the input. Fails with CG_ERROR_UNCLOSED_QUOTE when a quoted cell is
 * never closed; the message names the row where it opened. */
gboolean     cg_csv_reader_finish   (CgCsvReader  *reader,
                                     GError      **error);
guint        cg_csv_reader_get_rows (CgCsvReader  *reader);

char         cg_csv_sniff_delimiter (const char   *text,
                                     gsize         len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCsvReader, cg_csv_reader_free)

G_END_DECLS
