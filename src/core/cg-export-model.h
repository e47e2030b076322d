/* cg-export-model.h: the one model every export format is written from
 *
 * The rows of the integrated chronology chosen by the options, their cells as
 * the reader sees them (anonymised and with dates coarsened when asked), the
 * title block, the agency key and the genogram.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-analysis.h"
#include "cg-anonymiser.h"
#include "cg-export.h"
#include "cg-genogram.h"

G_BEGIN_DECLS

/* A cell: a lead shown in bold ("Retrospective", a record's type), then text
 * whose lines are separate paragraphs. Either may be NULL. */
typedef struct
{
  char *lead;
  char *text;
} CgExportCell;

typedef struct
{
  CgEvent      *event;          /* borrowed from the model's analysis */
  CgExportCell  cells[CG_N_EXPORT_COLUMNS];
  char         *where;          /* "police.csv row 3", for messages */
  /* The record's own texts as exported (JSON) */
  char         *file_name;
  char         *date_text;
  char         *type;
  char         *text;
  char         *action;
  char         *practitioner;
  GPtrArray    *fields;         /* CgField */
  CgPeriod      period;         /* the date as exported */
  guint         group;          /* records of one cluster share it; 0: none */
  gboolean      group_first;
  gboolean      group_last;
  gboolean      retrospective;
  gboolean      key;
} CgExportRow;

typedef struct
{
  char  *code;                  /* "CSC" */
  char  *name;
  guint  n_records;             /* in this export */
  char  *files;                 /* "csc.csv (8 rows)" */
} CgExportAgency;

/* One line of the title block. */
typedef struct
{
  char *label;
  char *value;
} CgExportDetail;

typedef struct
{
  CgExportOptions  options;
  CgAnalysis      *analysis;
  GPtrArray       *files;       /* CgSourceFile */
  GPtrArray       *issues;      /* CgImportIssue */
  CgAnonymiser    *anonymiser;  /* NULL unless anonymising */

  char            *title;
  char            *subtitle;
  gboolean         draft;
  GPtrArray       *details;     /* CgExportDetail: the title block */
  GPtrArray       *agencies;    /* CgExportAgency, in the order of the key */
  GArray          *columns;     /* CgExportColumn shown, in order */
  char            *column_titles[CG_N_EXPORT_COLUMNS];
  GPtrArray       *rows;        /* CgExportRow, integrated chronology order */
  GPtrArray       *display;     /* the same rows, each cluster's records together */
  CgGenogram      *genogram;    /* NULL when the review has no family */
  char            *genogram_heading;  /* "Family genogram" */
  char            *genogram_title;    /* "Family genogram as at 20 January 2022" */
  GHashTable      *person_ids;  /* person key -> id as exported */
  char            *footer;      /* running title of every page */
  char            *subject;     /* the subject child's label */
  char            *written_sha256;  /* of the last file written */
  guint32          born;        /* the subject child's birth, for dates as ages */
} CgExportModel;

CgExportModel *cg_export_model_new          (CgStore                *store,
                                             const CgExportOptions  *options,
                                             GError                **error);
void           cg_export_model_free         (CgExportModel          *model);

/* What still looks identifying in what @format would write (CgFinding). */
GPtrArray     *cg_export_model_scan         (CgExportModel          *model,
                                             CgExportFormat          format);
/* The file's bytes, without the checks. */
GBytes        *cg_export_model_render       (CgExportModel          *model,
                                             CgExportFormat          format,
                                             GError                **error);
/* Renders, checks an anonymised export's bytes for every real name and
 * alias, writes @path atomically (0600), then checks the file written; a
 * name found fails the export and removes the file. */
gboolean       cg_export_model_write        (CgExportModel          *model,
                                             CgExportFormat          format,
                                             const char             *path,
                                             GError                **error);

/* The audit log's entry for the export just written: format, anonymised or
 * not, records, file name and SHA-256. */
gboolean       cg_export_model_log          (CgExportModel          *model,
                                             CgStore                *store,
                                             CgExportFormat          format,
                                             const char             *path,
                                             GError                **error);

/* A text of the review as exported: anonymised and its dates coarsened as
 * the options say. NULL for NULL. */
char          *cg_export_model_text         (CgExportModel          *model,
                                             const char             *text);
/* A day as the title block shows it ("12 March 2021", "March 2021", "2021",
 * "Child A aged 1 year 8 months"). */
char          *cg_export_model_format_day   (CgExportModel          *model,
                                             guint32                 day);
/* "1 year 8 months", "3 weeks", "before birth". */
char          *cg_export_describe_age       (guint32                 born,
                                             guint32                 day);
/* "Children's Social Care" -> "CSC", "Police" -> "POL". */
char          *cg_export_agency_code        (const char             *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgExportModel, cg_export_model_free)

G_END_DECLS
