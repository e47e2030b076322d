/* cg-import.h: importing one agency's chronology file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-encoding.h"
#include "cg-store.h"

G_BEGIN_DECLS

/* What a column of an agency's file means for the integrated chronology. */
typedef enum
{
  CG_FIELD_NONE,
  CG_FIELD_DATE,
  CG_FIELD_TIME,
  CG_FIELD_END_DATE,
  CG_FIELD_RECORDED,
  CG_FIELD_AGENCY,
  CG_FIELD_SOURCE,
  CG_FIELD_TYPE,
  CG_FIELD_DETAILS,
  CG_FIELD_ACTION,
  CG_FIELD_PRACTITIONER,
  CG_FIELD_CHILD_SEEN,
  CG_FIELD_COMMENT,
  CG_N_FIELDS
} CgFieldKind;

/* What the importer found out about a file before importing it; the author may
 * correct the header row and the mapping in the import assistant. */
typedef struct
{
  char        *path;
  char        *name;          /* base name */
  CgEncoding   encoding;
  char         delimiter;
  guint        header_row;    /* spreadsheet row of the header */
  GPtrArray   *headers;       /* char*, de-duplicated: "Date", "Date (2)" */
  GArray      *mapping;       /* CgFieldKind for each header */
  GPtrArray   *preview;       /* GStrv: the first data rows, cells as read */
  GArray      *preview_rows;  /* guint: their row numbers */
  guint64      size;          /* bytes */
} CgImportPlan;

typedef void (*CgImportProgress) (double   fraction,
                                  gpointer user_data);

typedef struct
{
  guint      n_events;
  GPtrArray *issues;          /* CgImportIssue: the first 10,000, in row order */
  guint      n_issues;        /* all of them; every one is in the case file */
  char      *encoding;
  char       delimiter;
  guint      header_row;
} CgImportResult;

const char   *cg_field_kind_to_string       (CgFieldKind          kind);
CgFieldKind   cg_field_kind_from_string     (const char          *text);
const char   *cg_field_kind_get_label       (CgFieldKind          kind);
CgFieldKind   cg_field_kind_guess           (const char          *header);

CgImportPlan *cg_import_plan_new            (const char          *path,
                                             GError             **error);
gboolean      cg_import_plan_set_header_row (CgImportPlan        *plan,
                                             guint                row,
                                             GError             **error);
gboolean      cg_import_plan_set_encoding   (CgImportPlan        *plan,
                                             CgEncoding           encoding,
                                             GError             **error);
void          cg_import_plan_set_field      (CgImportPlan        *plan,
                                             guint                column,
                                             CgFieldKind          kind);
char         *cg_import_plan_dup_mapping_json (CgImportPlan      *plan);
gboolean      cg_import_plan_apply_profile  (CgImportPlan        *plan,
                                             const char          *mapping_json,
                                             GError             **error);
void          cg_import_plan_free           (CgImportPlan        *plan);

gboolean      cg_import_run                 (CgStore             *store,
                                             CgImportPlan        *plan,
                                             const char          *agency,
                                             GCancellable        *cancellable,
                                             CgImportProgress     progress,
                                             gpointer             user_data,
                                             CgImportResult     **result,
                                             GError             **error);
/* Plan and import in one go, as the command line does. */
gboolean      cg_import_file                (CgStore             *store,
                                             const char          *path,
                                             const char          *agency,
                                             CgImportResult     **result,
                                             GError             **error);
void          cg_import_result_free         (CgImportResult      *result);
char         *cg_import_issue_format        (const CgImportIssue *issue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgImportPlan, cg_import_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgImportResult, cg_import_result_free)

G_END_DECLS
