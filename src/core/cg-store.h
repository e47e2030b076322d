/* cg-store.h: the case file (an SQLite database), the only place that knows SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-event.h"
#include "cg-review.h"

G_BEGIN_DECLS

#define CG_TYPE_STORE (cg_store_get_type ())

G_DECLARE_FINAL_TYPE (CgStore, cg_store, CG, STORE, GObject)

/* One agency file as stored. */
typedef struct
{
  gint64  id;
  char   *agency;
  char   *name;         /* base name */
  char   *sha256;
  char   *encoding;     /* "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Windows-1252", ... */
  char   *delimiter;    /* "," ";" "\t" */
  guint   header_row;
  char   *headers_json; /* ["Date", "Details", ...] */
  char   *mapping_json; /* {"Date": "date", "Details": "details", ...} */
  guint   row_count;    /* data rows, one event each */
  char   *imported;     /* ISO date-time of the import */
} CgSourceFile;

typedef enum
{
  CG_SEVERITY_WARNING,
  CG_SEVERITY_ERROR,
} CgSeverity;

typedef struct
{
  char       *file;     /* base name */
  guint       row;      /* 0: the file as a whole */
  CgSeverity  severity;
  char       *message;  /* "FILE:ROW: ..." */
} CgImportIssue;

typedef struct _CgStoreImport CgStoreImport;

void           cg_source_file_free        (CgSourceFile  *file);
void           cg_import_issue_free       (CgImportIssue *issue);
CgImportIssue *cg_import_issue_new        (const char    *file,
                                           guint          row,
                                           CgSeverity     severity,
                                           const char    *message);
const char    *cg_severity_to_string      (CgSeverity     severity);

CgStore       *cg_store_create            (const char    *path,
                                           const CgReview *review,
                                           GError       **error);
CgStore       *cg_store_open              (const char    *path,
                                           GError       **error);
const char    *cg_store_get_path          (CgStore       *self);
gboolean       cg_store_is_read_only      (CgStore       *self);

CgReview      *cg_store_dup_review        (CgStore       *self,
                                           GError       **error);
gboolean       cg_store_set_review        (CgStore       *self,
                                           const CgReview *review,
                                           GError       **error);

/* A text borrowed for one call: @len bytes, or up to the NUL when @len is
 * -1; a NULL @str is no value. */
typedef struct
{
  const char *str;
  int         len;
} CgStoreText;

/* One data row of an agency file as the importer stores it: the original
 * cells and the event read from them. Strings are borrowed for the call. */
typedef struct
{
  guint        row;            /* spreadsheet row number */
  CgStoreText  cells_json;     /* {"<original header>": "<cell>", ...} in file order */
  const char  *content_hash;
  CgPeriod     date;
  const char  *date_text;      /* the date cell as written */
  guint32      recorded;       /* day the record was written, 0 unknown */
  const char  *recorded_text;
  CgStoreText  type;
  CgStoreText  source;
  CgStoreText  text;
  CgStoreText  action;
  CgStoreText  practitioner;
  CgStoreText  comment;
  int          child_seen;     /* -1 not stated, 0 not seen, 1 seen */
} CgStoreRow;

/* Importing one agency file: everything between begin and commit is one
 * transaction. A file of the same name for the same agency is replaced. */
CgStoreImport *cg_store_import_begin      (CgStore       *self,
                                           const CgSourceFile *file,
                                           GError       **error);
gboolean       cg_store_import_add_row    (CgStoreImport *import,
                                           const CgStoreRow *row,
                                           GError       **error);
gboolean       cg_store_import_add_issue  (CgStoreImport *import,
                                           const CgImportIssue *issue,
                                           GError       **error);
gboolean       cg_store_import_set_identity (CgStoreImport *import,
                                           const char    *sha256,
                                           const char    *encoding,
                                           GError       **error);
gboolean       cg_store_import_commit     (CgStoreImport *import,
                                           guint          row_count,
                                           GError       **error);
void           cg_store_import_free       (CgStoreImport *import);

GPtrArray     *cg_store_load_events       (CgStore       *self,
                                           GError       **error);
GPtrArray     *cg_store_load_files        (CgStore       *self,
                                           GError       **error);
GPtrArray     *cg_store_load_issues       (CgStore       *self,
                                           GError       **error);
GStrv          cg_store_dup_agencies      (CgStore       *self,
                                           GError       **error);

gboolean       cg_store_save_profile      (CgStore       *self,
                                           const char    *name,
                                           const char    *mapping_json,
                                           GError       **error);
char          *cg_store_dup_profile       (CgStore       *self,
                                           const char    *name,
                                           GError       **error);
GStrv          cg_store_dup_profile_names (CgStore       *self,
                                           GError       **error);

gboolean       cg_store_log               (CgStore       *self,
                                           const char    *action,
                                           const char    *detail,
                                           GError       **error);
gboolean       cg_store_save_copy         (CgStore       *self,
                                           const char    *path,
                                           GError       **error);
gboolean       cg_store_backup            (CgStore       *self,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSourceFile, cg_source_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgImportIssue, cg_import_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgStoreImport, cg_store_import_free)

G_END_DECLS
