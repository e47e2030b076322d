/* cg-store-private.h: shared by the files that make up the case file (cg-store*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cg-store.h"

G_BEGIN_DECLS

struct _CgStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  guint    read_only : 1;
};

gboolean _cg_store_exec          (CgStore      *self,
                                  const char   *sql,
                                  GError      **error);
gboolean _cg_store_prepare       (CgStore      *self,
                                  const char   *sql,
                                  sqlite3_stmt **stmt,
                                  GError      **error);
gboolean _cg_store_set_error     (CgStore      *self,
                                  int           rc,
                                  GError      **error);
gboolean _cg_store_begin         (CgStore      *self,
                                  GError      **error);
gboolean _cg_store_commit        (CgStore      *self,
                                  GError      **error);
void     _cg_store_rollback      (CgStore      *self);
void     _cg_store_bind_text     (sqlite3_stmt *stmt,
                                  int           index,
                                  const char   *text);
char    *_cg_store_column_dup    (sqlite3_stmt *stmt,
                                  int           index);

GPtrArray *_cg_store_load_events (CgStore      *self,
                                  gboolean      with_fields,
                                  GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
