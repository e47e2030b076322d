/* test-store.c: the case file refuses what it cannot trust and changes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cg-errors.h"
#include "cg-import.h"
#include "cg-store.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cg-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_chmod (path, 0600);
      g_unlink (path);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, len);
}

static char *
make_case (const char *dir)
{
  g_autoptr(CgReview) review = cg_review_new ("Review of Child Z");
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (dir, "agency.csv", NULL);
  char *path = g_build_filename (dir, "case.chronogram", NULL);

  review->subject = g_strdup ("Child Z");
  review->scope_from = cg_date_from_iso ("2020-06-01");
  review->scope_to = cg_date_from_iso ("2022-01-31");
  review->incident = cg_date_from_iso ("2022-01-20");
  review->retrospective_days = 3;
  store = cg_store_create (path, review, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, "Date,Details\n01/07/2021,Home visit\n", -1, NULL));
  g_assert_true (cg_import_file (store, csv, "Health Visiting", NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = make_case (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  struct stat st;

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  review = cg_store_dup_review (store, &error);
  g_assert_cmpstr (review->title, ==, "Review of Child Z");
  g_assert_cmpstr (review->subject, ==, "Child Z");
  g_assert_cmpuint (review->scope_from, ==, cg_date_from_iso ("2020-06-01"));
  g_assert_cmpuint (review->incident, ==, cg_date_from_iso ("2022-01-20"));
  g_assert_cmpint (review->retrospective_days, ==, 3);
  events = cg_store_load_events (store, &error);
  g_assert_cmpuint (events->len, ==, 1);

  /* A document, not a database with side files; readable by its owner only. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x4368726e);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Creating over an existing file is refused. */
  {
    g_autoptr(CgReview) other = cg_review_new ("Other");
    g_autoptr(CgStore) again = cg_store_create (path, other, &error);

    g_assert_null (again);
    g_assert_error (error, CG_ERROR, CG_ERROR_EXISTS);
  }

  g_clear_object (&store);
  remove_dir (dir);
}

static void
expect_refused (const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = checksum_of (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, CG_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = make_case (dir);
  g_autofree char *text = g_build_filename (dir, "notes.chronogram", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.chronogram", NULL);
  g_autofree char *other_db = g_build_filename (dir, "other.chronogram", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.chronogram", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.chronogram", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.chronogram", NULL);
  g_autofree char *data = NULL;
  gsize len;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "Date,Details\n1/2/21,x\n", -1, NULL));
  expect_refused (text, CG_ERROR_NOT_A_CASE, "notes.chronogram: this is not a Chronogram case file");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  expect_refused (empty, CG_ERROR_NOT_A_CASE, "empty");

  g_assert_cmpint (sqlite3_open (other_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_refused (other_db, CG_ERROR_NOT_A_CASE, "not a Chronogram case file");

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (newer, data, len, NULL));
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_refused (newer, CG_ERROR_TOO_NEW, "newer version of Chronogram");

  /* Garbage over the pages after the header; and a file cut short. */
  {
    g_autofree char *copy = g_memdup2 (data, len);

    for (gsize i = 4096; i < len; i++)
      copy[i] = (char)(i * 7 + 3);
    g_assert_true (g_file_set_contents (damaged, copy, len, NULL));
    expect_refused (damaged, CG_ERROR_DAMAGED, "damaged");

    g_assert_true (g_file_set_contents (truncated, data, len / 2 + 100, NULL));
    expect_refused (truncated, CG_ERROR_DAMAGED, "damaged");
  }

  remove_dir (dir);
}

static void
test_read_only (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = make_case (dir);
  g_autofree char *csv = g_build_filename (dir, "more.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(GError) error = NULL;

  if (getuid () == 0)
    {
      /* root writes to read-only files anyway: the check is the store's own flag */
      g_test_message ("running as root: checking the read-only path through the flag only");
    }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  before = checksum_of (path);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  if (getuid () != 0)
    g_assert_true (cg_store_is_read_only (store));

  review = cg_store_dup_review (store, &error);
  g_assert_no_error (error);
  if (cg_store_is_read_only (store))
    {
      g_free (review->title);
      review->title = g_strdup ("Changed");
      g_assert_false (cg_store_set_review (store, review, &error));
      g_assert_error (error, CG_ERROR, CG_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_true (g_file_set_contents (csv, "Date,Details\n02/07/2021,Call\n", -1, NULL));
      g_assert_false (cg_import_file (store, csv, "GP", NULL, &error));
      g_assert_error (error, CG_ERROR, CG_ERROR_READ_ONLY);
    }
  g_clear_object (&store);
  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
  remove_dir (dir);
}

static void
test_copies (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = make_case (dir);
  g_autofree char *copy = g_build_filename (dir, "copy.chronogram", NULL);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint backups = 0;
  struct stat st;

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_store_save_copy (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  reopened = cg_store_open (copy, &error);
  g_assert_no_error (error);
  events = cg_store_load_events (reopened, &error);
  g_assert_cmpuint (events->len, ==, 1);

  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (cg_store_backup (store, &error));
      g_assert_no_error (error);
      g_usleep (2000);
    }
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)))
      if (g_str_has_prefix (name, "case.chronogram.backup-"))
        backups++;
  }
  g_assert_cmpuint (backups, ==, 3);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/refuses", test_refuses);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/copies", test_copies);

  return g_test_run ();
}
