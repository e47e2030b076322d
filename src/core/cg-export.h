/* cg-export.h: writing the integrated chronology out
 *
 * One export model (cg-export-model.h) feeds every format: the report
 * appendix as Word and OpenDocument text, PDF and HTML; CSV; and the JSON of
 * the command-line contract (version 1). Anonymised exports are scanned
 * before they are written, and their bytes after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-glossary.h"
#include "cg-store.h"

G_BEGIN_DECLS

typedef enum
{
  CG_EXPORT_JSON,
  CG_EXPORT_CSV,
  CG_EXPORT_DOCX,
  CG_EXPORT_ODT,
  CG_EXPORT_PDF,
  CG_EXPORT_HTML,
  CG_N_EXPORT_FORMATS
} CgExportFormat;

/* How dates are shown: exact, coarsened, or as the subject child's age. */
typedef enum
{
  CG_EXPORT_DATES_EXACT,
  CG_EXPORT_DATES_MONTH,
  CG_EXPORT_DATES_YEAR,
  CG_EXPORT_DATES_AGE,
} CgExportDates;

typedef enum
{
  CG_EXPORT_COLUMN_DATE,
  CG_EXPORT_COLUMN_TIME,
  CG_EXPORT_COLUMN_AGENCY,
  CG_EXPORT_COLUMN_SOURCE,
  CG_EXPORT_COLUMN_TEXT,       /* What happened */
  CG_EXPORT_COLUMN_ACTION,
  CG_EXPORT_COLUMN_RECORDING,
  CG_EXPORT_COLUMN_FLAGS,
  CG_EXPORT_COLUMN_NOTES,      /* the author's notes */
  CG_N_EXPORT_COLUMNS
} CgExportColumn;

#define CG_EXPORT_COLUMNS_STANDARD ((1u << CG_EXPORT_COLUMN_NOTES) - 1)

typedef struct
{
  guint          columns;         /* 1 << CgExportColumn; 0: the standard eight */
  CgExportDates  dates;
  guint32        from;            /* records whose dates overlap from..to; 0: open */
  guint32        to;
  GStrv          agencies;        /* NULL: every agency */
  gboolean       flagged_only;    /* with key_only: flagged or key records */
  gboolean       key_only;
  gboolean       notes;           /* the author's notes, as a column */
  gboolean       anonymise;       /* role labels and placeholders only */
  CgGlossary    *glossary;        /* terms beyond the review's glossary, or NULL */
  guint32        today;           /* the date of export; 0: today */
} CgExportOptions;

void        cg_export_options_init         (CgExportOptions  *options);

const char *cg_export_format_to_string     (CgExportFormat    format);
gboolean    cg_export_format_from_string   (const char       *text,
                                            CgExportFormat   *format);
gboolean    cg_export_dates_from_string    (const char       *text,
                                            CgExportDates    *dates);
const char *cg_export_column_to_string     (CgExportColumn    column);
/* "date,time,agency,text": a mask of columns; FALSE names the unknown one. */
gboolean    cg_export_columns_from_string  (const char       *text,
                                            guint            *columns,
                                            GError          **error);

/* The JSON of the contract, unfiltered and not anonymised, or CSV. */
gboolean    cg_export_write                (CgStore          *store,
                                            CgExportFormat    format,
                                            const char       *path,
                                            GError          **error);
/* Replaces @path atomically, readable by its owner only. */
gboolean    cg_export_write_bytes          (const char       *path,
                                            const char       *data,
                                            gsize             len,
                                            GError          **error);

G_END_DECLS
