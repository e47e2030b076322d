/* test-import.c: agency files into a case file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cg-errors.h"
#include "cg-import.h"

#include "../cg-test-cells.h"
#include "cg-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  CgStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CgReview) review = cg_review_new ("Test review");
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cg-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "case.chronogram", NULL);
  f->store = cg_store_create (f->path, review, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *bytes,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, bytes, len, NULL));
  return path;
}

static char *
data_file (const char *dir,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static CgEvent *
find_event (GPtrArray  *events,
            const char *file,
            guint       row)
{
  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *e = g_ptr_array_index (events, i);
      if (g_strcmp0 (e->file_name, file) == 0 && e->row == row)
        return e;
    }
  return NULL;
}

/* A record keeps the content hash it has always had, whatever the form its
 * cells are stored in: decisions made on it survive a re-import. */
static void
assert_content_hash (CgEvent *e)
{
  g_assert_true (cg_test_cells_match_hash (e));
}

static char *
fields_object (CgEvent *e)
{
  char *object = cg_test_cells_object (e);

  g_assert_nonnull (object);
  return object;
}

static void
assert_day (guint32     day,
            const char *iso)
{
  g_autofree char *got = cg_date_to_iso (day);

  g_assert_cmpstr (got, ==, iso);
}

static void
test_child_a (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *file, *agency; guint rows; const char *encoding, *delimiter; guint header; } files[] = {
    { "police.csv", "Police", 8, "UTF-8 with BOM", ",", 1 },
    { "csc.csv", "Children's Social Care", 8, "UTF-8", ",", 1 },
    { "hv.csv", "Health Visiting", 6, "Windows-1252", ",", 1 },
    { "ed.csv", "Emergency Department", 4, "UTF-8", ";", 1 },
    { "ambulance.csv", "Ambulance Service", 1, "UTF-8", ",", 1 },
    { "school.csv", "School", 2, "UTF-8", ",", 3 },
    { "gp.csv", "GP Practice", 7, "UTF-8", ",", 1 },
  };
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  CgEvent *e;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_file ("child-a", files[i].file);
      g_autoptr(CgImportResult) result = NULL;

      g_assert_true (cg_import_file (f->store, path, files[i].agency, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->n_events, ==, files[i].rows);
    }

  stored = cg_store_load_files (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      CgSourceFile *file = g_ptr_array_index (stored, i);

      g_assert_cmpstr (file->name, ==, files[i].file);
      g_assert_cmpstr (file->agency, ==, files[i].agency);
      g_assert_cmpuint (file->row_count, ==, files[i].rows);
      g_assert_cmpstr (file->encoding, ==, files[i].encoding);
      g_assert_cmpstr (file->delimiter, ==, files[i].delimiter);
      g_assert_cmpuint (file->header_row, ==, files[i].header);
      g_assert_cmpuint (strlen (file->sha256), ==, 64);
    }

  events = cg_store_load_events (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 36);
  for (guint i = 0; i < events->len; i++)
    assert_content_hash (g_ptr_array_index (events, i));

  /* A date and time in one cell; a quoted cell over two lines is one row. */
  e = find_event (events, "police.csv", 2);
  assert_day (e->date.start, "2021-03-12");
  g_assert_cmpint (e->date.time, ==, 23 * 60 + 40);
  e = find_event (events, "police.csv", 3);
  g_assert_nonnull (strstr (e->text, "cut lip"));
  g_assert_nonnull (strstr (e->text, "\nLily (aged 2)"));
  g_assert_nonnull (find_event (events, "police.csv", 9));

  /* Windows-1252 text comes through as UTF-8; d.m.yy dates; a month with a ?. */
  e = find_event (events, "hv.csv", 3);
  g_assert_nonnull (strstr (e->text, "review \xE2\x80\x93 not brought"));
  g_assert_cmpstr (e->practitioner, ==, "HV Zo\xC3\xAB Adams");
  assert_day (e->date.start, "2021-07-14");
  e = find_event (events, "hv.csv", 6);
  assert_day (e->date.start, "2021-08-01");
  assert_day (e->date.end, "2021-08-31");
  g_assert_cmpint (e->date.precision, ==, CG_PRECISION_MONTH);
  g_assert_true (e->date.uncertain);
  e = find_event (events, "hv.csv", 7);
  assert_day (e->recorded, "2022-01-22");

  /* Header below the preamble; a school term; the original cells kept. */
  e = find_event (events, "school.csv", 4);
  assert_day (e->date.start, "2021-09-01");
  assert_day (e->date.end, "2021-12-31");
  g_assert_cmpint (e->date.precision, ==, CG_PRECISION_SEASON);
  {
    g_autoptr(GPtrArray) fields = cg_event_dup_fields (e);
    CgField *first = g_ptr_array_index (fields, 0);

    g_assert_cmpuint (fields->len, ==, 4);
    g_assert_cmpstr (first->header, ==, "Date");
    g_assert_cmpstr (first->cell, ==, "Autumn term 2021");
  }
  e = find_event (events, "ambulance.csv", 2);
  assert_day (e->date.start, "2022-01-20");
  e = find_event (events, "ed.csv", 2);
  g_assert_cmpint (e->date.time, ==, 3 * 60 + 30);
  e = find_event (events, "csc.csv", 6);
  g_assert_cmpint (e->child_seen, ==, 1);

  /* The impossible date keeps its row, with an error naming it. */
  e = find_event (events, "gp.csv", 7);
  g_assert_nonnull (e);
  g_assert_cmpint (e->date.precision, ==, CG_PRECISION_UNKNOWN);
  g_assert_cmpuint (e->date.start, ==, 0);
  g_assert_cmpstr (e->date_text, ==, "31/11/2021");

  issues = cg_store_load_issues (f->store, &error);
  g_assert_no_error (error);
  {
    guint errors = 0;

    for (guint i = 0; i < issues->len; i++)
      {
        CgImportIssue *issue = g_ptr_array_index (issues, i);

        if (issue->severity == CG_SEVERITY_ERROR)
          {
            g_assert_cmpstr (issue->file, ==, "gp.csv");
            g_assert_cmpuint (issue->row, ==, 7);
            g_assert_nonnull (strstr (issue->message, "31/11/2021"));
            errors++;
          }
      }
    g_assert_cmpuint (errors, ==, 1);
  }
}

static guint
count_events (CgStore *store)
{
  g_autoptr(GPtrArray) events = cg_store_load_events (store, NULL);

  return events ? events->len : G_MAXUINT;
}

static void
test_refused_files (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *name; const char *bytes; gssize len; int code; const char *words; } cases[] = {
    { "workbook.csv", "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0", 14, CG_ERROR_NOT_TEXT, "xlsx" },
    { "report.csv", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", -1, CG_ERROR_NOT_TEXT, "PDF" },
    { "empty.csv", "", 0, CG_ERROR_NO_HEADER, "empty" },
    { "blank.csv", "\n\n  \n,,\n", -1, CG_ERROR_NO_HEADER, "no rows" },
    { "open-quote.csv", "Date,Details\n01/02/2021,ok\n02/02/2021,\"never closed\n03/02/2021,x\n", -1,
      CG_ERROR_UNCLOSED_QUOTE, "row 3" },
    { "binary.csv", "ab\0\0\0\0cd\0\0xx", 12, CG_ERROR_NOT_TEXT, "NUL" },
  };
  g_autofree char *good = data_file ("child-a", "csc.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_header = g_string_new (NULL);

  g_assert_true (cg_import_file (f->store, good, "Children's Social Care", NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (f, cases[i].name, cases[i].bytes, cases[i].len);
      g_autoptr(GError) local = NULL;

      g_assert_false (cg_import_file (f->store, path, "Police", NULL, &local));
      g_assert_error (local, CG_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (local->message, cases[i].name));
      g_assert_nonnull (strstr (local->message, cases[i].words));
      /* nothing of the refused file is stored, nothing already there is lost */
      g_assert_cmpuint (count_events (f->store), ==, 8);
    }

  /* A first row longer than the part read to find the header. */
  while (long_header->len < 300 * 1024)
    g_string_append (long_header, "Date of the event as recorded,");
  g_string_append (long_header, "Details\n01/02/2021,ok\n");
  {
    g_autofree char *path = write_file (f, "long-header.csv", long_header->str, long_header->len);
    g_autoptr(GError) local = NULL;

    g_assert_false (cg_import_file (f->store, path, "Police", NULL, &local));
    g_assert_error (local, CG_ERROR, CG_ERROR_NO_HEADER);
    g_assert_nonnull (strstr (local->message, "long-header.csv: no row ends within the first 256 KiB"));
    g_assert_cmpuint (count_events (f->store), ==, 8);
  }

  {
    g_autoptr(GPtrArray) files = cg_store_load_files (f->store, NULL);
    g_assert_cmpuint (files->len, ==, 1);
  }
}

static void
test_suite_bad_files (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgImportResult) result = NULL;
  g_autofree char *missing = data_file ("csv-test-data/csv", "bad-missing-quote.csv");
  g_autofree char *stray = data_file ("csv-test-data/csv", "bad-unescaped-quote.csv");
  g_autofree char *fewer = data_file ("csv-test-data/csv", "bad-header-less-fields.csv");
  g_autofree char *more = data_file ("csv-test-data/csv", "bad-header-more-fields.csv");
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *object = NULL;
  CgEvent *e;

  g_assert_false (cg_import_file (f->store, missing, "A", NULL, &error));
  g_assert_error (error, CG_ERROR, CG_ERROR_UNCLOSED_QUOTE);
  g_assert_nonnull (strstr (error->message, "bad-missing-quote.csv: row 2"));
  g_clear_error (&error);

  g_assert_true (cg_import_file (f->store, stray, "B", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_events, ==, 1);
  g_assert_cmpuint (((CgImportIssue *)g_ptr_array_index (result->issues, 1))->row, ==, 2);
  g_clear_pointer (&result, cg_import_result_free);

  g_assert_true (cg_import_file (f->store, fewer, "C", &result, &error));
  g_clear_pointer (&result, cg_import_result_free);
  g_assert_true (cg_import_file (f->store, more, "D", &result, &error));
  g_assert_no_error (error);

  events = cg_store_load_events (f->store, &error);
  e = find_event (events, "bad-unescaped-quote.csv", 2);
  object = fields_object (e);
  g_assert_nonnull (strstr (object, "This \\\"quotes\\\" must be escaped"));
  g_clear_pointer (&object, g_free);
  e = find_event (events, "bad-header-less-fields.csv", 2);
  object = fields_object (e);
  g_assert_cmpstr (object, ==, "{\"foo\":\"1\",\"bar\":\"2\",\"baz\":\"\"}");
  g_clear_pointer (&object, g_free);
  /* stored as the cells alone, the headers once for the file */
  g_assert_cmpstr (e->fields_json, ==, "[\"1\",\"2\"]");
  e = find_event (events, "bad-header-more-fields.csv", 2);
  object = fields_object (e);
  g_assert_cmpstr (object, ==, "{\"foo\":\"1\",\"bar\":\"2\",\"baz\":\"3\",\"Column 4\":\"4\"}");
  g_clear_pointer (&object, g_free);
  for (guint i = 0; i < events->len; i++)
    assert_content_hash (g_ptr_array_index (events, i));
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  CgEvent *e;
  /* Tab-delimited, duplicate headers, an empty column right of the last
   * header, a blank line, a whitespace-only row and an Excel serial date. */
  g_autofree char *tabs = write_file (f, "tabs.csv",
                                      "Chronology of Child X\t\t\n"
                                      "Date/Time\tSignificant Event\tOutcome\tOutcome\tSeen Y/N\t\n"
                                      "44562\tHome visit\tAdvice\tClosed\tY\t\n"
                                      "\n"
                                      " \t \t\t\t\t\n"
                                      "w/c 14/06/2021\tTeam meeting\t\t\tN\t\n", -1);
  /* Month-first: one date can only be read month first and none only day first. */
  g_autofree char *american = write_file (f, "american.csv",
                                          "Date,Details,Date recorded\n"
                                          "03/25/2021,Call,03/26/2021\n"
                                          "04/01/2021,Visit,04/01/2021\n", -1);
  g_autofree char *utf16 = write_file (f, "utf16.csv",
                                       "\xFF\xFE" "D\0a\0t\0e\0,\0N\0o\0t\0e\0\r\0\n\0"
                                       "1\0" "2\0/\0" "0\0" "3\0/\0" "2\0" "0\0" "2\0" "1\0,\0\xE9\0\r\0\n\0",
                                       4 + 22 + 26);
  g_autoptr(CgImportPlan) plan = cg_import_plan_new (tabs, &error);

  g_assert_no_error (error);
  g_assert_cmpint (plan->delimiter, ==, '\t');
  g_assert_cmpuint (plan->header_row, ==, 2);
  g_assert_cmpuint (plan->headers->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (plan->headers, 3), ==, "Outcome (2)");
  g_assert_cmpint (g_array_index (plan->mapping, CgFieldKind, 0), ==, CG_FIELD_DATE);
  g_assert_cmpint (g_array_index (plan->mapping, CgFieldKind, 1), ==, CG_FIELD_DETAILS);
  g_assert_cmpint (g_array_index (plan->mapping, CgFieldKind, 2), ==, CG_FIELD_ACTION);
  g_assert_cmpint (g_array_index (plan->mapping, CgFieldKind, 3), ==, CG_FIELD_NONE);
  g_assert_cmpint (g_array_index (plan->mapping, CgFieldKind, 4), ==, CG_FIELD_CHILD_SEEN);

  g_assert_true (cg_import_run (f->store, plan, "Nursery", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cg_import_file (f->store, american, "Housing", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cg_import_file (f->store, utf16, "Probation", NULL, &error));
  g_assert_no_error (error);

  events = cg_store_load_events (f->store, &error);
  g_assert_cmpuint (events->len, ==, 2 + 2 + 1);
  e = find_event (events, "tabs.csv", 3);
  assert_day (e->date.start, "2022-01-01");
  g_assert_cmpint (e->child_seen, ==, 1);
  {
    g_autofree char *object = fields_object (e);

    /* the empty column right of the last header is not kept */
    g_assert_cmpstr (object, ==, "{\"Date/Time\":\"44562\",\"Significant Event\":\"Home visit\","
                     "\"Outcome\":\"Advice\",\"Outcome (2)\":\"Closed\",\"Seen Y/N\":\"Y\"}");
    /* the cells the event keeps as written (date, details, action) are stored
     * once, in the event; the others stay in the row */
    g_assert_cmpstr (e->fields_json, ==, "[null,null,null,\"Closed\",\"Y\"]");
  }
  for (guint i = 0; i < events->len; i++)
    assert_content_hash (g_ptr_array_index (events, i));
  e = find_event (events, "tabs.csv", 6);
  assert_day (e->date.start, "2021-06-14");
  assert_day (e->date.end, "2021-06-20");
  g_assert_cmpint (e->date.precision, ==, CG_PRECISION_RANGE);
  g_assert_cmpint (e->child_seen, ==, 0);

  e = find_event (events, "american.csv", 2);
  assert_day (e->date.start, "2021-03-25");
  assert_day (e->recorded, "2021-03-26");
  e = find_event (events, "american.csv", 3);
  assert_day (e->date.start, "2021-04-01");

  e = find_event (events, "utf16.csv", 2);
  assert_day (e->date.start, "2021-03-12");
  g_assert_cmpstr (e->text, ==, "\xC3\xA9");
}

static void
test_reimport_replaces (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = write_file (f, "school.csv", "Date,Record\n01/09/2021,Start\n02/09/2021,Call\n", -1);
  g_autoptr(GPtrArray) files = NULL;

  g_assert_true (cg_import_file (f->store, v1, "School", NULL, &error));
  g_assert_cmpuint (count_events (f->store), ==, 2);
  g_free (write_file (f, "school.csv", "Date,Record\n01/09/2021,Start\n02/09/2021,Call\n03/09/2021,Visit\n", -1));
  g_assert_true (cg_import_file (f->store, v1, "School", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->store), ==, 3);
  files = cg_store_load_files (f->store, &error);
  g_assert_cmpuint (files->len, ==, 1);
}

static void
test_field_guess (void)
{
  static const struct { const char *header; CgFieldKind kind; } cases[] = {
    { "Date", CG_FIELD_DATE }, { "Date of contact", CG_FIELD_DATE },
    { "Occurrence Date", CG_FIELD_DATE }, { "Date/Time", CG_FIELD_DATE },
    { "Date or Period of Event", CG_FIELD_DATE }, { "Incident date", CG_FIELD_DATE },
    { "Time", CG_FIELD_TIME }, { "Recorded", CG_FIELD_RECORDED },
    { "Date recorded", CG_FIELD_RECORDED }, { "Entered", CG_FIELD_RECORDED },
    { "Date entered on system", CG_FIELD_RECORDED }, { "End date", CG_FIELD_END_DATE },
    { "Significant Event", CG_FIELD_DETAILS }, { "Details", CG_FIELD_DETAILS },
    { "Summary", CG_FIELD_DETAILS }, { "Event", CG_FIELD_DETAILS },
    { "Source of Information", CG_FIELD_SOURCE }, { "Source", CG_FIELD_SOURCE },
    { "Action Taken", CG_FIELD_ACTION }, { "Outcome", CG_FIELD_ACTION },
    { "Seen Y/N", CG_FIELD_CHILD_SEEN }, { "Child seen", CG_FIELD_CHILD_SEEN },
    { "Worker", CG_FIELD_PRACTITIONER }, { "Officer", CG_FIELD_PRACTITIONER },
    { "Recorded by", CG_FIELD_PRACTITIONER }, { "Consultation type", CG_FIELD_TYPE },
    { "Comment", CG_FIELD_COMMENT }, { "Agency comment / analysis", CG_FIELD_COMMENT },
    { "Occurrence Ref", CG_FIELD_NONE }, { "Date of birth", CG_FIELD_NONE },
    { "", CG_FIELD_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (cg_field_kind_guess (cases[i].header), ==, cases[i].kind);
    }
}

/* Characters an agency's own export already lost (U+FFFD) are kept and
 * warned about on their rows only, however far into the file they come. */
static void
test_replacement_characters (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GString) bytes = g_string_new ("Date,Details\n"
                                           "12/03/2021,Seen by Dr O\xEF\xBF\xBD" "Brien\n");
  g_autoptr(CgImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint warned = 0;

  /* past the first chunk the importer reads (1 MiB) */
  for (guint row = 3; row < 30000; row++)
    g_string_append (bytes, "13/03/2021,A home visit with nothing unusual to say about it\n");
  g_string_append (bytes, "14/03/2021,\"Strategy\nmeeting \xEF\xBF\xBD notes\"\n");
  path = write_file (f, "lost.csv", bytes->str, bytes->len);

  g_assert_true (cg_import_file (f->store, path, "Police", &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->issues->len; i++)
    {
      CgImportIssue *issue = g_ptr_array_index (result->issues, i);

      g_assert_nonnull (strstr (issue->message, "could not be read as text"));
      g_assert_true (issue->row == 2 || issue->row == 30000);
      warned++;
    }
  g_assert_cmpuint (warned, ==, 2);

  /* only the late row */
  g_clear_pointer (&result, cg_import_result_free);
  g_string_erase (bytes, 0, strlen ("Date,Details\n12/03/2021,Seen by Dr O\xEF\xBF\xBD" "Brien\n"));
  g_string_prepend (bytes, "Date,Details\n12/03/2021,Seen by Dr O'Brien\n");
  g_free (path);
  path = write_file (f, "lost-late.csv", bytes->str, bytes->len);
  g_assert_true (cg_import_file (f->store, path, "School", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->issues->len, ==, 1);
  g_assert_cmpuint (((CgImportIssue *)g_ptr_array_index (result->issues, 0))->row, ==, 30000);
}

/* Case files written before 0.2 hold each row's cells as an object of
 * header and cell; they still read. */
static void
test_legacy_fields (void)
{
  g_autoptr(CgEvent) e = cg_event_new ();
  g_autoptr(GPtrArray) fields = NULL;
  CgField *field;

  e->fields_json = g_strdup ("{\"Date\":\"12/03/2021\",\"Details\":\"Home \\\"visit\\\"\",\"Column 4\":\"x\"}");
  fields = cg_event_dup_fields (e);
  g_assert_nonnull (fields);
  g_assert_cmpuint (fields->len, ==, 3);
  field = g_ptr_array_index (fields, 1);
  g_assert_cmpstr (field->header, ==, "Details");
  g_assert_cmpstr (field->cell, ==, "Home \"visit\"");
  field = g_ptr_array_index (fields, 2);
  g_assert_cmpstr (field->header, ==, "Column 4");

  /* cells without headers, or damaged, read as nothing rather than wrongly */
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_free (e->fields_json);
  e->fields_json = g_strdup ("[\"12/03/2021\"]");
  g_assert_null (cg_event_dup_fields (e));
  g_free (e->fields_json);
  e->fields_json = g_strdup ("[\"12/03/20");
  e->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (e->headers, g_strdup ("Date"));
  g_assert_null (cg_event_dup_fields (e));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/field-guess", test_field_guess);
  g_test_add ("/import/child-a", Fixture, NULL, fixture_set_up, test_child_a, fixture_tear_down);
  g_test_add ("/import/refused", Fixture, NULL, fixture_set_up, test_refused_files, fixture_tear_down);
  g_test_add ("/import/suite-bad-files", Fixture, NULL, fixture_set_up, test_suite_bad_files, fixture_tear_down);
  g_test_add ("/import/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/import/replacement-characters", Fixture, NULL, fixture_set_up,
              test_replacement_characters, fixture_tear_down);
  g_test_add ("/import/reimport", Fixture, NULL, fixture_set_up, test_reimport_replaces, fixture_tear_down);

  g_test_add_func ("/import/legacy-fields", test_legacy_fields);

  return g_test_run ();
}
