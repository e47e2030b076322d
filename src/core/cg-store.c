/* cg-store.c: the case file
 *
 * A review is one SQLite database with its own application_id, numbered
 * migrations in user_version and foreign keys on. Every change is one
 * transaction, so a crash or a full disk never leaves half a change behind.
 * Imported records are stored as received and never edited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-import.h"
#include "cg-store-private.h"

#define CG_APPLICATION_ID 0x4368726e   /* 'Chrn' */
#define CG_BACKUPS_KEPT   3

/* A full structural check reads every page: instant for a review of a few
 * thousand records, but it would dominate every command on a very large
 * file, where the header check and SQLite's own checks on each page read
 * (inside a transaction that then rolls back) stand guard instead. */
#define CG_FULL_CHECK_BYTES (8 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (CgStore, cg_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (cg-error-quark, cg_error)

/* Each entry upgrades user_version N-1 to N. Never edit a shipped entry. */
static const char * const migrations[] = {
  /* 1: the review, agency files, records, import issues, family */
  "CREATE TABLE review (\n"
  "  id                 INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  title              TEXT NOT NULL,\n"
  "  subject            TEXT,\n"
  "  scope_from         TEXT,\n"
  "  scope_to           TEXT,\n"
  "  incident           TEXT,\n"
  "  retrospective_days INTEGER NOT NULL DEFAULT 2,\n"
  "  silence_days       INTEGER NOT NULL DEFAULT 0,\n"
  "  final              INTEGER NOT NULL DEFAULT 0\n"
  ");\n"
  "CREATE TABLE agency (\n"
  "  id   INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE\n"
  ");\n"
  "CREATE TABLE source_file (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  agency_id  INTEGER NOT NULL REFERENCES agency (id),\n"
  "  name       TEXT NOT NULL,\n"
  "  sha256     TEXT NOT NULL,\n"
  "  encoding   TEXT NOT NULL,\n"
  "  delimiter  TEXT NOT NULL,\n"
  "  header_row INTEGER NOT NULL,\n"
  "  headers    TEXT NOT NULL,\n"
  "  mapping    TEXT NOT NULL,\n"
  "  row_count  INTEGER NOT NULL DEFAULT 0,\n"
  "  imported   TEXT NOT NULL,\n"
  "  UNIQUE (agency_id, name)\n"
  ");\n"
  "CREATE TABLE record (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  file_id       INTEGER NOT NULL REFERENCES source_file (id) ON DELETE CASCADE,\n"
  "  row           INTEGER NOT NULL,\n"
  "  fields        TEXT NOT NULL,\n"
  "  content_hash  TEXT NOT NULL,\n"
  "  date_start    INTEGER,\n"
  "  date_end      INTEGER,\n"
  "  precision     TEXT NOT NULL,\n"
  "  uncertain     INTEGER NOT NULL DEFAULT 0,\n"
  "  date_text     TEXT,\n"
  "  time          INTEGER,\n"
  "  recorded      INTEGER,\n"
  "  recorded_text TEXT,\n"
  "  type          TEXT,\n"
  "  source        TEXT,\n"
  "  text          TEXT,\n"
  "  action        TEXT,\n"
  "  practitioner  TEXT,\n"
  "  comment       TEXT,\n"
  "  child_seen    INTEGER\n"
  ");\n"
  "CREATE INDEX record_file ON record (file_id);\n"
  "CREATE TABLE import_issue (\n"
  "  id       INTEGER PRIMARY KEY,\n"
  "  file_id  INTEGER NOT NULL REFERENCES source_file (id) ON DELETE CASCADE,\n"
  "  row      INTEGER NOT NULL,\n"
  "  severity TEXT NOT NULL CHECK (severity IN ('warning', 'error')),\n"
  "  message  TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE mapping_profile (\n"
  "  name    TEXT PRIMARY KEY,\n"
  "  mapping TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE person (\n"
  "  id      INTEGER PRIMARY KEY,\n"
  "  key     TEXT NOT NULL UNIQUE,\n"
  "  name    TEXT NOT NULL DEFAULT '',\n"
  "  aliases TEXT NOT NULL DEFAULT '',\n"
  "  label   TEXT NOT NULL DEFAULT '',\n"
  "  sex     TEXT NOT NULL DEFAULT 'unknown',\n"
  "  born    TEXT,\n"
  "  died    TEXT,\n"
  "  subject INTEGER NOT NULL DEFAULT 0,\n"
  "  note    TEXT\n"
  ");\n"
  "CREATE TABLE relationship (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  a         TEXT NOT NULL REFERENCES person (key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
  "  b         TEXT NOT NULL REFERENCES person (key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
  "  kind      TEXT NOT NULL,\n"
  "  from_date TEXT,\n"
  "  to_date   TEXT,\n"
  "  note      TEXT\n"
  ");\n"
  "CREATE TABLE household_member (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  household TEXT NOT NULL,\n"
  "  person    TEXT NOT NULL REFERENCES person (key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
  "  from_date TEXT,\n"
  "  to_date   TEXT\n"
  ");\n"
  "CREATE TABLE audit (\n"
  "  id     INTEGER PRIMARY KEY,\n"
  "  at     TEXT NOT NULL,\n"
  "  action TEXT NOT NULL,\n"
  "  detail TEXT\n"
  ");\n",
  /* 2: the analysis, and the author's decisions that survive it */
  "CREATE TABLE cluster (\n"
  "  id       INTEGER PRIMARY KEY,\n"
  "  kind     TEXT NOT NULL,\n"
  "  decision TEXT NOT NULL DEFAULT 'auto',\n"
  "  note     TEXT\n"
  ");\n"
  "CREATE TABLE cluster_member (\n"
  "  cluster_id INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,\n"
  "  record_id  INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (cluster_id, record_id)\n"
  ");\n"
  "CREATE TABLE discrepancy (\n"
  "  id      INTEGER PRIMARY KEY,\n"
  "  kind    TEXT NOT NULL,\n"
  "  summary TEXT NOT NULL,\n"
  "  status  TEXT NOT NULL DEFAULT 'open',\n"
  "  note    TEXT,\n"
  "  key     TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE discrepancy_member (\n"
  "  discrepancy_id INTEGER NOT NULL REFERENCES discrepancy (id) ON DELETE CASCADE,\n"
  "  record_id      INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,\n"
  "  position       INTEGER NOT NULL,\n"
  "  PRIMARY KEY (discrepancy_id, record_id)\n"
  ");\n"
  "CREATE TABLE decision (\n"
  "  id      INTEGER PRIMARY KEY,\n"
  "  kind    TEXT NOT NULL,\n"
  "  subject TEXT NOT NULL,\n"
  "  value   TEXT,\n"
  "  note    TEXT,\n"
  "  at      TEXT NOT NULL,\n"
  "  UNIQUE (kind, subject)\n"
  ");\n"
  "CREATE TABLE key_event (\n"
  "  record_key TEXT PRIMARY KEY,\n"
  "  note       TEXT\n"
  ");\n",
  /* 3: the review's glossary of places and names to replace for publication */
  "CREATE TABLE glossary (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  term        TEXT NOT NULL,\n"
  "  kind        TEXT NOT NULL DEFAULT 'other'\n"
  "              CHECK (kind IN ('school', 'address', 'place', 'organisation', 'person', 'other')),\n"
  "  placeholder TEXT NOT NULL,\n"
  "  variants    TEXT NOT NULL DEFAULT '',\n"
  "  UNIQUE (term COLLATE NOCASE)\n"
  ");\n",
};

#define SCHEMA_VERSION ((int)G_N_ELEMENTS (migrations))

static void
cg_store_finalize (GObject *object)
{
  CgStore *self = (CgStore *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cg_store_parent_class)->finalize (object);
}

static void
cg_store_class_init (CgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_store_finalize;

  /* Before SQLite starts: its memory statistics, which nothing here reads,
   * take a lock on every allocation. Refused harmlessly if another part of
   * the process has started SQLite already. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
cg_store_init (CgStore *self)
{
}

/* ------------------------------------------------------------------ helpers */

gboolean
_cg_store_set_error (CgStore  *self,
                     int       rc,
                     GError  **error)
{
  g_autofree char *name = g_path_get_basename (self->path);
  int primary = rc & 0xff;

  /* A write refused by a full disk or a file-size limit is a full disk to the author. */
  if (primary == SQLITE_IOERR && self->db != NULL)
    {
      int err = sqlite3_system_errno (self->db);

      if (err == ENOSPC || err == EFBIG || err == EDQUOT)
        primary = SQLITE_FULL;
    }

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, CG_ERROR, CG_ERROR_NO_SPACE,
                   _("%s: the disk is full, so the change was not saved; the review is as it was"),
                   name);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, CG_ERROR, CG_ERROR_READ_ONLY,
                   _("%s: the case file cannot be written (it is read-only or its folder is); "
                     "nothing was changed"), name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                   _("%s: the case file is damaged (%s); nothing was changed. "
                     "Restore it from a backup (%s.backup-*)"),
                   name, sqlite3_errstr (rc), name);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s: the case file is in use by another program; try again"), name);
      break;
    default:
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s: the case file could not be used: %s"),
                   name, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }
  return FALSE;
}

gboolean
_cg_store_exec (CgStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

gboolean
_cg_store_prepare (CgStore       *self,
                   const char    *sql,
                   sqlite3_stmt **stmt,
                   GError       **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

gboolean
_cg_store_begin (CgStore  *self,
                 GError  **error)
{
  if (self->read_only)
    {
      g_autofree char *name = g_path_get_basename (self->path);

      g_set_error (error, CG_ERROR, CG_ERROR_READ_ONLY,
                   _("%s: the case file is read-only, so nothing can be changed"), name);
      return FALSE;
    }
  return _cg_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_cg_store_commit (CgStore  *self,
                  GError  **error)
{
  if (!_cg_store_exec (self, "COMMIT", error))
    {
      _cg_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_cg_store_rollback (CgStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* After a failed write the journal may still be hot: a read plays it back
   * now, so the file is as it was at once rather than at the next open. */
  sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
}

void
_cg_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_cg_store_column_dup (sqlite3_stmt *stmt,
                      int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? g_strdup ((const char *)text) : NULL;
}

static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          guint32       day)
{
  g_autofree char *iso = cg_date_to_iso (day);

  _cg_store_bind_text (stmt, index, iso);
}

static guint32
column_day (sqlite3_stmt *stmt,
            int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? cg_date_from_iso ((const char *)text) : 0;
}

static int
pragma_int (sqlite3    *db,
            const char *sql,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc_out)
    *rc_out = rc;
  return value;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

/* ------------------------------------------------------------ open, migrate */

/* SQLite happily opens any file and only fails at the first read; check the
 * magic first so a spreadsheet opened by mistake gets a plain message. */
static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static gboolean
check_sqlite_header (const char  *path,
                     goffset     *size,
                     gboolean     check_length,
                     GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  guint8 header[100] = { 0 };
  struct stat st;
  gssize n;
  int fd;

  /* A folder or a named pipe is no case file; opening a pipe would wait forever. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_A_CASE,
                   _("%s: this is not a Chronogram case file (it is not a regular file)"), name);
      return FALSE;
    }
  fd = g_open (path, O_RDONLY | O_NONBLOCK, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CG_ERROR, saved == ENOENT ? CG_ERROR_NOT_FOUND : CG_ERROR_FAILED,
                   _("%s: the case file cannot be opened: %s"), name, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  if (fstat (fd, &st) != 0)
    st.st_size = 0;
  close (fd);
  *size = st.st_size;

  if (n == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_A_CASE,
                   _("%s: the file is empty, so it is not a Chronogram case file"), name);
      return FALSE;
    }
  if (n < (gssize)sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_A_CASE,
                   _("%s: this is not a Chronogram case file"), name);
      return FALSE;
    }

  /* A file cut short: the header knows how many pages there should be. */
  {
    guint32 page_size = (header[16] << 8) | header[17];
    guint32 pages = read_be32 (header + 28);
    gboolean count_valid = read_be32 (header + 24) == read_be32 (header + 92);

    if (page_size == 1)
      page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
        (check_length && count_valid && pages > 0 &&
         (guint64)pages * page_size > (guint64)st.st_size))
      {
        g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                     _("%s: the case file is damaged (it is shorter than it should be); it was "
                       "not changed. Restore it from a backup (%s.backup-*)"), name, name);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
has_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  struct stat st;

  return g_stat (journal, &st) == 0 && st.st_size > 0;
}

static gboolean
migrate (CgStore  *self,
         GError  **error)
{
  g_autofree char *name = g_path_get_basename (self->path);
  int rc = SQLITE_OK;
  int app_id = pragma_int (self->db, "PRAGMA application_id", &rc);
  int version;

  if (rc != SQLITE_OK)
    return _cg_store_set_error (self, rc, error);
  version = pragma_int (self->db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return _cg_store_set_error (self, rc, error);

  if (!(version == 0 && app_id == 0) && app_id != CG_APPLICATION_ID)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_A_CASE,
                   _("%s: this is an SQLite database, but not a Chronogram case file"), name);
      return FALSE;
    }
  if (version == 0 && app_id == 0 &&
      pragma_int (self->db, "SELECT count(*) FROM sqlite_schema", NULL) > 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_A_CASE,
                   _("%s: this is an SQLite database, but not a Chronogram case file"), name);
      return FALSE;
    }
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_TOO_NEW,
                   _("%s: this case file was saved by a newer version of Chronogram "
                     "(case file version %d; this version reads up to %d). Update Chronogram "
                     "to open it; the file was not changed"), name, version, SCHEMA_VERSION);
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;

  if (self->read_only)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_READ_ONLY,
                   _("%s: the case file needs upgrading but is read-only"), name);
      return FALSE;
    }

  /* Keep a copy of an older file before changing its shape. */
  if (version > 0 && !cg_store_backup (self, error))
    return FALSE;

  if (!_cg_store_begin (self, error))
    return FALSE;

  for (int i = version; i < SCHEMA_VERSION; i++)
    if (!_cg_store_exec (self, migrations[i], error))
      {
        _cg_store_rollback (self);
        return FALSE;
      }

  {
    /* PRAGMAs cannot take bound parameters; these are integers we own. */
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;\n"
                                            "PRAGMA user_version = %d;\n",
                                            CG_APPLICATION_ID, SCHEMA_VERSION);
    if (!_cg_store_exec (self, sql, error))
      {
        _cg_store_rollback (self);
        return FALSE;
      }
  }

  return _cg_store_commit (self, error);
}

static CgStore *
open_database (const char  *path,
               gboolean     creating,
               GError     **error)
{
  g_autoptr(CgStore) self = g_object_new (CG_TYPE_STORE, NULL);
  g_autofree char *name = g_path_get_basename (path);
  int flags = SQLITE_OPEN_EXRESCODE;
  goffset size = 0;
  gboolean journal;
  int rc;

  self->path = g_strdup (path);

  /* A write cut short leaves its journal: the file may be shorter than its
   * header says until SQLite plays the journal back, on the first read. */
  journal = !creating && has_journal (path);
  if (!creating && !check_sqlite_header (path, &size, !journal, error))
    return NULL;

  self->read_only = !creating && g_access (path, W_OK) != 0;
  flags |= self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    return _cg_store_set_error (self, rc, error), NULL;

  sqlite3_busy_timeout (self->db, 2000);
  sqlite3_extended_result_codes (self->db, 1);

  if (!_cg_store_exec (self,
                       "PRAGMA foreign_keys = ON;\n"
                       "PRAGMA synchronous = FULL;\n",
                       error))
    return NULL;
  if (!self->read_only && !_cg_store_exec (self, "PRAGMA journal_mode = DELETE;\n", error))
    return NULL;
  if (creating && !_cg_store_exec (self, "PRAGMA page_size = 16384;\n", error))
    return NULL;

  if (journal)
    {
      /* The first read plays the journal back; then the length must hold. */
      rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
      if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT)
        return _cg_store_set_error (self, rc, error), NULL;
      if (!check_sqlite_header (path, &size, TRUE, error))
        return NULL;
    }

  if (!creating && size <= CG_FULL_CHECK_BYTES)
    {
      /* A damaged file must be refused before anything reads from or writes to it. */
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *verdict = NULL;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            verdict = (const char *)sqlite3_column_text (stmt, 0);
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_OK)
        {
          if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
            {
              g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                           _("%s: the case file is damaged and cannot be read; it was not "
                             "changed. Restore it from a backup (%s.backup-*)"), name, name);
              return NULL;
            }
          return _cg_store_set_error (self, rc, error), NULL;
        }
      if (verdict == NULL || g_strcmp0 (verdict, "ok") != 0)
        {
          /* SQLite's own words about the damage are for developers: log them. */
          g_debug ("%s: quick_check: %s", name, verdict ? verdict : "no answer");
          g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                       _("%s: the case file is damaged (some of its pages cannot be read); it "
                         "was not changed. Restore it from a backup (%s.backup-*)"),
                       name, name);
          return NULL;
        }
    }

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cg_store_create:
 * Creates a new case file at @path, readable by its owner only. Refuses to
 * replace an existing file.
 */
CgStore *
cg_store_create (const char      *path,
                 const CgReview  *review,
                 GError         **error)
{
  g_autoptr(CgStore) self = NULL;
  g_autofree char *name = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (review != NULL, NULL);

  name = g_path_get_basename (path);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CG_ERROR, saved == EEXIST ? CG_ERROR_EXISTS : CG_ERROR_FAILED,
                   saved == EEXIST ? _("%s: a file of that name already exists; choose another name")
                                   : _("%s: the case file cannot be created: %s"),
                   name, g_strerror (saved));
      return NULL;
    }
  close (fd);

  if (!(self = open_database (path, TRUE, error)) ||
      !cg_store_set_review (self, review, error) ||
      !cg_store_log (self, "create", review->title, error))
    {
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

CgStore *
cg_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_database (path, FALSE, error);
}

const char *
cg_store_get_path (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  return self->path;
}

gboolean
cg_store_is_read_only (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), TRUE);

  return self->read_only;
}

/* ------------------------------------------------------------------- review */

CgReview *
cg_store_dup_review (CgStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CgReview *review;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self,
                          "SELECT title, subject, scope_from, scope_to, incident,\n"
                          "       retrospective_days, silence_days, final\n"
                          "FROM review WHERE id = 1", &stmt, error))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          g_autofree char *name = g_path_get_basename (self->path);

          g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                       _("%s: the case file has no review details"), name);
          return NULL;
        }
      return _cg_store_set_error (self, rc, error), NULL;
    }

  review = cg_review_new ((const char *)sqlite3_column_text (stmt, 0));
  review->subject = _cg_store_column_dup (stmt, 1);
  review->scope_from = column_day (stmt, 2);
  review->scope_to = column_day (stmt, 3);
  review->incident = column_day (stmt, 4);
  review->retrospective_days = sqlite3_column_int (stmt, 5);
  review->silence_days = sqlite3_column_int (stmt, 6);
  review->final = sqlite3_column_int (stmt, 7) != 0;
  return review;
}

gboolean
cg_store_set_review (CgStore         *self,
                     const CgReview  *review,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (review != NULL, FALSE);

  if (!_cg_store_begin (self, error))
    return FALSE;
  if (!_cg_store_prepare (self,
                          "INSERT INTO review (id, title, subject, scope_from, scope_to, incident,\n"
                          "                    retrospective_days, silence_days, final)\n"
                          "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)\n"
                          "ON CONFLICT (id) DO UPDATE SET title = excluded.title,\n"
                          "  subject = excluded.subject, scope_from = excluded.scope_from,\n"
                          "  scope_to = excluded.scope_to, incident = excluded.incident,\n"
                          "  retrospective_days = excluded.retrospective_days,\n"
                          "  silence_days = excluded.silence_days, final = excluded.final",
                          &stmt, error))
    {
      _cg_store_rollback (self);
      return FALSE;
    }
  _cg_store_bind_text (stmt, 1, review->title ? review->title : "");
  _cg_store_bind_text (stmt, 2, review->subject);
  bind_day (stmt, 3, review->scope_from);
  bind_day (stmt, 4, review->scope_to);
  bind_day (stmt, 5, review->incident);
  sqlite3_bind_int (stmt, 6, review->retrospective_days);
  sqlite3_bind_int (stmt, 7, review->silence_days);
  sqlite3_bind_int (stmt, 8, review->final ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _cg_store_rollback (self);
      return _cg_store_set_error (self, rc, error);
    }
  return _cg_store_commit (self, error);
}

/* ------------------------------------------------------------------ imports */

void
cg_source_file_free (CgSourceFile *file)
{
  if (file == NULL)
    return;
  g_free (file->agency);
  g_free (file->name);
  g_free (file->sha256);
  g_free (file->encoding);
  g_free (file->delimiter);
  g_free (file->headers_json);
  g_free (file->mapping_json);
  g_free (file->imported);
  g_free (file);
}

CgImportIssue *
cg_import_issue_new (const char *file,
                     guint       row,
                     CgSeverity  severity,
                     const char *message)
{
  CgImportIssue *issue = g_new0 (CgImportIssue, 1);

  issue->file = g_strdup (file);
  issue->row = row;
  issue->severity = severity;
  issue->message = g_strdup (message);
  return issue;
}

void
cg_import_issue_free (CgImportIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->file);
  g_free (issue->message);
  g_free (issue);
}

const char *
cg_severity_to_string (CgSeverity severity)
{
  return severity == CG_SEVERITY_ERROR ? "error" : "warning";
}

struct _CgStoreImport
{
  CgStore      *store;
  gint64        file_id;
  sqlite3_stmt *insert_record;
  sqlite3_stmt *insert_issue;
  gboolean      open;
};

static gint64
ensure_agency (CgStore     *self,
               const char  *name,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_cg_store_prepare (self,
                          "INSERT INTO agency (name) VALUES (?1)\n"
                          "ON CONFLICT (name) DO UPDATE SET name = excluded.name\n"
                          "RETURNING id", &stmt, error))
    return 0;
  _cg_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _cg_store_set_error (self, rc, error), 0;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
replaces_file (CgStore            *self,
               const CgSourceFile *file)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT 1 FROM source_file f JOIN agency a ON a.id = f.agency_id\n"
                          "WHERE a.name = ?1 AND f.name = ?2", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  _cg_store_bind_text (stmt, 1, file->agency);
  _cg_store_bind_text (stmt, 2, file->name);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

CgStoreImport *
cg_store_import_begin (CgStore             *self,
                       const CgSourceFile  *file,
                       GError             **error)
{
  g_autoptr(CgStoreImport) import = NULL;
  g_autoptr(sqlite3_stmt) replace = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = now_iso ();
  gint64 agency_id;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);
  g_return_val_if_fail (file != NULL && file->agency != NULL && file->name != NULL, NULL);

  /* A corrected file replaces rows: keep a copy of the case from before. */
  if (!self->read_only && replaces_file (self, file) && !cg_store_backup (self, error))
    return NULL;

  if (!_cg_store_begin (self, error))
    return NULL;

  import = g_new0 (CgStoreImport, 1);
  import->store = g_object_ref (self);
  import->open = TRUE;

  if (!(agency_id = ensure_agency (self, file->agency, error)))
    return NULL;

  /* A corrected version of a file replaces the old one. */
  if (!_cg_store_prepare (self, "DELETE FROM source_file WHERE agency_id = ?1 AND name = ?2",
                          &replace, error))
    return NULL;
  sqlite3_bind_int64 (replace, 1, agency_id);
  _cg_store_bind_text (replace, 2, file->name);
  if ((rc = sqlite3_step (replace)) != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;

  if (!_cg_store_prepare (self,
                          "INSERT INTO source_file (agency_id, name, sha256, encoding, delimiter,\n"
                          "  header_row, headers, mapping, imported)\n"
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &insert, error))
    return NULL;
  sqlite3_bind_int64 (insert, 1, agency_id);
  _cg_store_bind_text (insert, 2, file->name);
  _cg_store_bind_text (insert, 3, file->sha256 ? file->sha256 : "");
  _cg_store_bind_text (insert, 4, file->encoding ? file->encoding : "UTF-8");
  _cg_store_bind_text (insert, 5, file->delimiter ? file->delimiter : ",");
  sqlite3_bind_int (insert, 6, file->header_row);
  _cg_store_bind_text (insert, 7, file->headers_json ? file->headers_json : "[]");
  _cg_store_bind_text (insert, 8, file->mapping_json ? file->mapping_json : "{}");
  _cg_store_bind_text (insert, 9, now);
  if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;
  import->file_id = sqlite3_last_insert_rowid (self->db);

  if (!_cg_store_prepare (self,
                          "INSERT INTO record (file_id, row, fields, content_hash, date_start,\n"
                          "  date_end, precision, uncertain, date_text, time, recorded,\n"
                          "  recorded_text, type, source, text, action, practitioner, comment,\n"
                          "  child_seen)\n"
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,\n"
                          "  ?15, ?16, ?17, ?18, ?19)", &import->insert_record, error) ||
      !_cg_store_prepare (self,
                          "INSERT INTO import_issue (file_id, row, severity, message)\n"
                          "VALUES (?1, ?2, ?3, ?4)", &import->insert_issue, error))
    return NULL;

  return g_steal_pointer (&import);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   gboolean      present,
                   gint64        value)
{
  if (present)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_borrowed (sqlite3_stmt      *stmt,
               int                index,
               const CgStoreText *text)
{
  if (text->str == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text->str, text->len, SQLITE_STATIC);
}

static void
bind_borrowed_str (sqlite3_stmt *stmt,
                   int           index,
                   const char   *str)
{
  CgStoreText text = { str, -1 };

  bind_borrowed (stmt, index, &text);
}

gboolean
cg_store_import_add_row (CgStoreImport     *import,
                         const CgStoreRow  *row,
                         GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (import != NULL && import->open, FALSE);
  g_return_val_if_fail (row != NULL && row->cells_json.str != NULL, FALSE);

  /* The row's strings are only borrowed and bound without a copy; every
   * parameter is bound again on each call, and the statement is stepped
   * nowhere else. */
  stmt = import->insert_record;
  sqlite3_bind_int64 (stmt, 1, import->file_id);
  sqlite3_bind_int (stmt, 2, row->row);
  bind_borrowed (stmt, 3, &row->cells_json);
  bind_borrowed_str (stmt, 4, row->content_hash ? row->content_hash : "");
  bind_optional_int (stmt, 5, row->date.start != 0, row->date.start);
  bind_optional_int (stmt, 6, row->date.end != 0, row->date.end);
  sqlite3_bind_text (stmt, 7, cg_precision_to_string (row->date.precision), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, row->date.uncertain ? 1 : 0);
  bind_borrowed_str (stmt, 9, row->date_text);
  bind_optional_int (stmt, 10, row->date.time >= 0, row->date.time);
  bind_optional_int (stmt, 11, row->recorded != 0, row->recorded);
  bind_borrowed_str (stmt, 12, row->recorded_text);
  bind_borrowed (stmt, 13, &row->type);
  bind_borrowed (stmt, 14, &row->source);
  bind_borrowed (stmt, 15, &row->text);
  bind_borrowed (stmt, 16, &row->action);
  bind_borrowed (stmt, 17, &row->practitioner);
  bind_borrowed (stmt, 18, &row->comment);
  bind_optional_int (stmt, 19, row->child_seen >= 0, row->child_seen);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (import->store, rc, error);
  return TRUE;
}

gboolean
cg_store_import_add_issue (CgStoreImport        *import,
                           const CgImportIssue  *issue,
                           GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (import != NULL && import->open, FALSE);

  stmt = import->insert_issue;
  sqlite3_bind_int64 (stmt, 1, import->file_id);
  sqlite3_bind_int (stmt, 2, issue->row);
  sqlite3_bind_text (stmt, 3, cg_severity_to_string (issue->severity), -1, SQLITE_STATIC);
  _cg_store_bind_text (stmt, 4, issue->message);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (import->store, rc, error);
  return TRUE;
}

/* The checksum and encoding are known once the whole file has been read. */
gboolean
cg_store_import_set_identity (CgStoreImport  *import,
                              const char     *sha256,
                              const char     *encoding,
                              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (import != NULL && import->open, FALSE);

  if (!_cg_store_prepare (import->store,
                          "UPDATE source_file SET sha256 = ?1, encoding = ?2 WHERE id = ?3",
                          &stmt, error))
    return FALSE;
  _cg_store_bind_text (stmt, 1, sha256);
  _cg_store_bind_text (stmt, 2, encoding);
  sqlite3_bind_int64 (stmt, 3, import->file_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _cg_store_set_error (import->store, rc, error);
  return TRUE;
}

gboolean
cg_store_import_commit (CgStoreImport  *import,
                        guint           row_count,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (import != NULL && import->open, FALSE);

  if (!_cg_store_prepare (import->store, "UPDATE source_file SET row_count = ?1 WHERE id = ?2",
                          &stmt, error))
    return FALSE;
  sqlite3_bind_int (stmt, 1, row_count);
  sqlite3_bind_int64 (stmt, 2, import->file_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _cg_store_set_error (import->store, rc, error);

  g_clear_pointer (&import->insert_record, sqlite3_finalize);
  g_clear_pointer (&import->insert_issue, sqlite3_finalize);
  import->open = FALSE;
  return _cg_store_commit (import->store, error);
}

/* Freeing an import that was not committed rolls it back: nothing of it remains. */
void
cg_store_import_free (CgStoreImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->insert_record, sqlite3_finalize);
  g_clear_pointer (&import->insert_issue, sqlite3_finalize);
  if (import->open)
    _cg_store_rollback (import->store);
  g_clear_object (&import->store);
  g_free (import);
}

/* ------------------------------------------------------------------ loading */

static CgPrecision
column_precision (sqlite3_stmt *stmt,
                  int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return cg_precision_from_string ((const char *)text);
}

GPtrArray *
cg_store_load_events (CgStore  *self,
                      GError  **error)
{
  return _cg_store_load_events (self, TRUE, error);
}

/* What the events of one file share: the headers, and the kind each column
 * was read as (the first column of a kind only, as the importer reads it). */
typedef struct
{
  GPtrArray *headers;
  GArray    *kinds;
} FileColumns;

static void
file_columns_free (FileColumns *columns)
{
  g_clear_pointer (&columns->headers, g_ptr_array_unref);
  g_clear_pointer (&columns->kinds, g_array_unref);
  g_free (columns);
}

static FileColumns *
file_columns (CgStore    *self,
              GHashTable *cache,
              gint64      file_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) headers = NULL;
  g_autoptr(JsonNode) mapping = NULL;
  FileColumns *columns;

  if ((columns = g_hash_table_lookup (cache, &file_id)) != NULL)
    return columns;

  columns = g_new0 (FileColumns, 1);
  if (_cg_store_prepare (self, "SELECT headers, mapping FROM source_file WHERE id = ?1",
                         &stmt, NULL))
    {
      sqlite3_bind_int64 (stmt, 1, file_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          headers = json_from_string ((const char *)sqlite3_column_text (stmt, 0), NULL);
          mapping = json_from_string ((const char *)sqlite3_column_text (stmt, 1), NULL);
        }
    }
  if (headers != NULL && JSON_NODE_HOLDS_ARRAY (headers))
    {
      JsonArray *array = json_node_get_array (headers);
      JsonObject *kinds = mapping && JSON_NODE_HOLDS_OBJECT (mapping)
                          ? json_node_get_object (mapping) : NULL;
      gboolean seen[CG_N_FIELDS] = { FALSE };

      columns->headers = g_ptr_array_new_with_free_func (g_free);
      columns->kinds = g_array_new (FALSE, TRUE, sizeof (int));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *header = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : "";
          const char *name = kinds && json_object_has_member (kinds, header)
                             ? json_object_get_string_member_with_default (kinds, header, NULL)
                             : NULL;
          int kind = name ? (int)cg_field_kind_from_string (name) : CG_FIELD_NONE;

          if (kind != CG_FIELD_NONE && (kind >= CG_N_FIELDS || seen[kind]))
            kind = CG_FIELD_NONE;
          else if (kind != CG_FIELD_NONE)
            seen[kind] = TRUE;
          g_ptr_array_add (columns->headers, g_strdup (header));
          g_array_append_val (columns->kinds, kind);
        }
    }
  g_hash_table_insert (cache, g_memdup2 (&file_id, sizeof file_id), columns);
  return columns;
}

/* The analysis reads no original cells: leaving them out halves the work. */
GPtrArray *
_cg_store_load_events (CgStore   *self,
                       gboolean   with_fields,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify)file_columns_free);
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self,
                          "SELECT r.id, r.file_id, a.name, f.name, r.row, r.date_start,\n"
                          "  r.date_end, r.precision, r.uncertain, r.date_text, r.time,\n"
                          "  r.recorded, r.recorded_text, r.type, r.source, r.text, r.action,\n"
                          "  r.practitioner, r.comment, r.child_seen, r.fields, r.content_hash\n"
                          "FROM record r JOIN source_file f ON f.id = r.file_id\n"
                          "JOIN agency a ON a.id = f.agency_id\n"
                          "ORDER BY r.id", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgEvent *event = cg_event_new ();

      event->id = sqlite3_column_int64 (stmt, 0);
      event->file_id = sqlite3_column_int64 (stmt, 1);
      event->agency = _cg_store_column_dup (stmt, 2);
      event->file_name = _cg_store_column_dup (stmt, 3);
      event->row = sqlite3_column_int (stmt, 4);
      event->date.start = sqlite3_column_int (stmt, 5);
      event->date.end = sqlite3_column_int (stmt, 6);
      event->date.precision = column_precision (stmt, 7);
      event->date.uncertain = sqlite3_column_int (stmt, 8) != 0;
      event->date_text = _cg_store_column_dup (stmt, 9);
      event->date.time = sqlite3_column_type (stmt, 10) == SQLITE_NULL
                         ? -1 : sqlite3_column_int (stmt, 10);
      event->recorded = sqlite3_column_int (stmt, 11);
      event->recorded_text = _cg_store_column_dup (stmt, 12);
      event->type = _cg_store_column_dup (stmt, 13);
      event->source = _cg_store_column_dup (stmt, 14);
      event->text = _cg_store_column_dup (stmt, 15);
      event->action = _cg_store_column_dup (stmt, 16);
      event->practitioner = _cg_store_column_dup (stmt, 17);
      event->comment = _cg_store_column_dup (stmt, 18);
      event->child_seen = sqlite3_column_type (stmt, 19) == SQLITE_NULL
                          ? -1 : sqlite3_column_int (stmt, 19);
      if (with_fields)
        {
          FileColumns *columns = file_columns (self, files, event->file_id);

          event->fields_json = _cg_store_column_dup (stmt, 20);
          if (columns->headers != NULL)
            {
              event->headers = g_ptr_array_ref (columns->headers);
              event->kinds = g_array_ref (columns->kinds);
            }
        }
      event->content_hash = _cg_store_column_dup (stmt, 21);
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;

  return g_steal_pointer (&events);
}

GPtrArray *
cg_store_load_files (CgStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_source_file_free);
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self,
                          "SELECT f.id, a.name, f.name, f.sha256, f.encoding, f.delimiter,\n"
                          "  f.header_row, f.headers, f.mapping, f.row_count, f.imported\n"
                          "FROM source_file f JOIN agency a ON a.id = f.agency_id\n"
                          "ORDER BY a.id, f.id", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgSourceFile *file = g_new0 (CgSourceFile, 1);

      file->id = sqlite3_column_int64 (stmt, 0);
      file->agency = _cg_store_column_dup (stmt, 1);
      file->name = _cg_store_column_dup (stmt, 2);
      file->sha256 = _cg_store_column_dup (stmt, 3);
      file->encoding = _cg_store_column_dup (stmt, 4);
      file->delimiter = _cg_store_column_dup (stmt, 5);
      file->header_row = sqlite3_column_int (stmt, 6);
      file->headers_json = _cg_store_column_dup (stmt, 7);
      file->mapping_json = _cg_store_column_dup (stmt, 8);
      file->row_count = sqlite3_column_int (stmt, 9);
      file->imported = _cg_store_column_dup (stmt, 10);
      g_ptr_array_add (files, file);
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;

  return g_steal_pointer (&files);
}

GPtrArray *
cg_store_load_issues (CgStore  *self,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_import_issue_free);
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self,
                          "SELECT f.name, i.row, i.severity, i.message\n"
                          "FROM import_issue i JOIN source_file f ON f.id = i.file_id\n"
                          "ORDER BY f.id, i.row, i.id", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (issues,
                     cg_import_issue_new ((const char *)sqlite3_column_text (stmt, 0),
                                          sqlite3_column_int (stmt, 1),
                                          g_strcmp0 ((const char *)sqlite3_column_text (stmt, 2),
                                                     "error") == 0
                                          ? CG_SEVERITY_ERROR : CG_SEVERITY_WARNING,
                                          (const char *)sqlite3_column_text (stmt, 3)));
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;

  return g_steal_pointer (&issues);
}

GStrv
cg_store_dup_agencies (CgStore  *self,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self,
                          "SELECT name FROM agency a\n"
                          "WHERE EXISTS (SELECT 1 FROM source_file f WHERE f.agency_id = a.id)\n"
                          "ORDER BY id", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;
  return g_strv_builder_end (builder);
}

/* ---------------------------------------------------------- mapping profiles */

gboolean
cg_store_save_profile (CgStore     *self,
                       const char  *name,
                       const char  *mapping_json,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && mapping_json != NULL, FALSE);

  if (!_cg_store_begin (self, error))
    return FALSE;
  if (!_cg_store_prepare (self,
                          "INSERT INTO mapping_profile (name, mapping) VALUES (?1, ?2)\n"
                          "ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping",
                          &stmt, error))
    {
      _cg_store_rollback (self);
      return FALSE;
    }
  _cg_store_bind_text (stmt, 1, name);
  _cg_store_bind_text (stmt, 2, mapping_json);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _cg_store_rollback (self);
      return _cg_store_set_error (self, rc, error);
    }
  return _cg_store_commit (self, error);
}

char *
cg_store_dup_profile (CgStore     *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self, "SELECT mapping FROM mapping_profile WHERE name = ?1",
                          &stmt, error))
    return NULL;
  _cg_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _cg_store_column_dup (stmt, 0);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                   _("There is no column profile called “%s” in this review"), name);
      return NULL;
    }
  return _cg_store_set_error (self, rc, error), NULL;
}

GStrv
cg_store_dup_profile_names (CgStore  *self,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!_cg_store_prepare (self, "SELECT name FROM mapping_profile ORDER BY name", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error), NULL;
  return g_strv_builder_end (builder);
}

/* -------------------------------------------------------- audit, copies */

/* The audit log is written inside the caller's transaction when there is one. */
gboolean
cg_store_log (CgStore     *self,
              const char  *action,
              const char  *detail,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso ();
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;
  if (!_cg_store_prepare (self, "INSERT INTO audit (at, action, detail) VALUES (?1, ?2, ?3)",
                          &stmt, error))
    return FALSE;
  _cg_store_bind_text (stmt, 1, now);
  _cg_store_bind_text (stmt, 2, action);
  _cg_store_bind_text (stmt, 3, detail);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

/* Save As: a consistent, compact copy, created readable by its owner only. */
gboolean
cg_store_save_copy (CgStore     *self,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_path_get_basename (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_unlink (path) != 0)
    {
      int saved = errno;

      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s: cannot replace the file: %s"),
                   name, g_strerror (saved));
      return FALSE;
    }
  /* Created empty and private first: VACUUM INTO would use the umask. */
  {
    int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);

    if (fd < 0)
      {
        int saved = errno;

        g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s: the copy cannot be created: %s"),
                     name, g_strerror (saved));
        return FALSE;
      }
    close (fd);
  }
  if (!_cg_store_prepare (self, "VACUUM INTO ?1", &stmt, error))
    {
      g_unlink (path);
      return FALSE;
    }
  _cg_store_bind_text (stmt, 1, path);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_unlink (path);
      return _cg_store_set_error (self, rc, error);
    }
  g_chmod (path, 0600);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Keeps the newest CG_BACKUPS_KEPT copies named CASE.backup-YYYYMMDD-HHMMSS. */
static void
prune_backups (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".backup-", NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, prefix))
      g_ptr_array_add (found, g_build_filename (dir_name, entry, NULL));
  g_ptr_array_sort (found, compare_names);
  for (guint i = 0; i + CG_BACKUPS_KEPT < found->len; i++)
    g_unlink (g_ptr_array_index (found, i));
}

/* A consistent copy beside the case file, made with SQLite's backup API,
 * before a migration or a re-import replaces rows. */
gboolean
cg_store_backup (CgStore  *self,
                 GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = g_strdup_printf ("%s.backup-%s-%06d", self->path, stamp,
                                           g_date_time_get_microsecond (now));
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);

  {
    int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd >= 0)
      close (fd);
  }

  rc = sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (copy);
    }
  sqlite3_close_v2 (copy);

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_path_get_basename (self->path);

      g_unlink (path);
      g_set_error (error, CG_ERROR, (rc & 0xff) == SQLITE_FULL ? CG_ERROR_NO_SPACE : CG_ERROR_FAILED,
                   _("%s: could not make a backup copy before changing the case file (%s); "
                     "nothing was changed"), name, sqlite3_errstr (rc));
      return FALSE;
    }
  prune_backups (self->path);
  return TRUE;
}
