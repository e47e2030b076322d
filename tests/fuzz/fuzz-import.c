/* fuzz-import.c: any bytes, as an agency file, into a case file
 *
 * Each input is written to a file and imported into a copy of a case file
 * that already holds another agency's records. Whatever the bytes, the import
 * either stores every data row of the file or nothing at all, a refusal names
 * the file, the records already there are never touched, and importing the
 * same file again replaces it rather than adding to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cg-errors.h"
#include "cg-import.h"
#include "cg-store.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define LARGEST_INPUT (64 * 1024)

/* The records every case copy starts with. */
static const char existing_csv[] =
  "Date,Details,Officer\r\n"
  "12/03/2021 23:40,Domestic incident; children asleep upstairs,PC 4471\r\n"
  "05/07/2021,Released under investigation,DC 2209\r\n";
#define EXISTING_EVENTS 2

static char *work_dir;
static char *template_path;
static char *case_path;
static char *input_path;

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = work_dir ? g_dir_open (work_dir, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);
      g_unlink (path);
    }
  if (work_dir != NULL)
    g_rmdir (work_dir);
}

static void
set_up_once (void)
{
  g_autoptr(CgReview) review = cg_review_new ("Fuzzing review");
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *existing_path = NULL;

  if (work_dir != NULL)
    return;
  work_dir = g_dir_make_tmp ("cg-fuzz-import-XXXXXX", &error);
  FUZZ_ASSERT (work_dir != NULL);
  atexit (remove_work_dir);

  template_path = g_build_filename (work_dir, "template.chronogram", NULL);
  case_path = g_build_filename (work_dir, "case.chronogram", NULL);
  input_path = g_build_filename (work_dir, "agency.csv", NULL);
  existing_path = g_build_filename (work_dir, "police.csv", NULL);

  FUZZ_ASSERT (g_file_set_contents (existing_path, existing_csv, -1, NULL));
  store = cg_store_create (template_path, review, &error);
  FUZZ_ASSERT (store != NULL);
  FUZZ_ASSERT (cg_import_file (store, existing_path, "Police", &result, &error));
  FUZZ_ASSERT (result->n_events == EXISTING_EVENTS);
  g_unlink (existing_path);
}

/* A closed case file may be copied byte for byte. */
static CgStore *
open_fresh_case (void)
{
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  CgStore *store;
  gsize len;

  FUZZ_ASSERT (g_file_get_contents (template_path, &bytes, &len, NULL));
  FUZZ_ASSERT (g_file_set_contents (case_path, bytes, len, NULL));
  store = cg_store_open (case_path, &error);
  FUZZ_ASSERT (store != NULL);
  return store;
}

static void
check_plan (CgImportPlan *plan)
{
  FUZZ_ASSERT (plan->headers != NULL && plan->headers->len >= 1);
  FUZZ_ASSERT (plan->mapping != NULL && plan->mapping->len == plan->headers->len);
  FUZZ_ASSERT (plan->header_row >= 1);
  FUZZ_ASSERT (strchr (",;\t|", plan->delimiter) != NULL && plan->delimiter != '\0');
  FUZZ_ASSERT (plan->preview->len == plan->preview_rows->len);
  for (guint i = 0; i < plan->headers->len; i++)
    {
      const char *header = g_ptr_array_index (plan->headers, i);

      FUZZ_ASSERT (*header != '\0' && g_utf8_validate (header, -1, NULL));
      /* de-duplicated: "Name", "Name (2)" */
      for (guint k = 0; k < i; k++)
        FUZZ_ASSERT (!g_str_equal (header, g_ptr_array_index (plan->headers, k)));
    }
  for (guint i = 0; i < plan->preview_rows->len; i++)
    {
      guint row = g_array_index (plan->preview_rows, guint, i);

      FUZZ_ASSERT (row > plan->header_row);
      if (i > 0)
        FUZZ_ASSERT (row > g_array_index (plan->preview_rows, guint, i - 1));
    }
}

/* Every record of the case as loaded back; returns how many are the fuzzed file's. */
static guint
check_events (CgStore *store,
              guint    expected_total)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint fuzzed = 0, last_row = 0;

  events = cg_store_load_events (store, &error);
  FUZZ_ASSERT (events != NULL);
  FUZZ_ASSERT (events->len == expected_total);

  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);
      g_autoptr(JsonParser) parser = json_parser_new ();

      FUZZ_ASSERT (event->row >= 1);
      FUZZ_ASSERT (event->date.start <= event->date.end);
      FUZZ_ASSERT ((event->date.start == 0) == (event->date.precision == CG_PRECISION_UNKNOWN));
      FUZZ_ASSERT (event->date.time >= -1 && event->date.time < 24 * 60);
      FUZZ_ASSERT (event->child_seen >= -1 && event->child_seen <= 1);
      /* The original cells, as a JSON object the export can copy through. */
      FUZZ_ASSERT (event->fields_json != NULL);
      FUZZ_ASSERT (json_parser_load_from_data (parser, event->fields_json, -1, NULL));
      FUZZ_ASSERT (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

      if (g_strcmp0 (event->agency, "Fuzz") == 0)
        {
          FUZZ_ASSERT (g_str_equal (event->file_name, "agency.csv"));
          FUZZ_ASSERT (event->row > last_row);
          last_row = event->row;
          fuzzed++;
        }
      else
        FUZZ_ASSERT (g_str_equal (event->agency, "Police"));
    }
  FUZZ_ASSERT (expected_total - fuzzed == EXISTING_EVENTS);
  return fuzzed;
}

static gboolean
import_once (CgStore         *store,
             CgImportResult **result,
             GError         **error)
{
  g_autoptr(CgImportPlan) plan = cg_import_plan_new (input_path, error);

  if (plan == NULL)
    return FALSE;
  check_plan (plan);
  return cg_import_run (store, plan, "Fuzz", NULL, NULL, NULL, result, error);
}

static void
check_refusal (const GError *error)
{
  FUZZ_ASSERT (error != NULL);
  FUZZ_ASSERT (error->domain == CG_ERROR);
  FUZZ_ASSERT (error->code == CG_ERROR_NOT_TEXT || error->code == CG_ERROR_NO_HEADER ||
               error->code == CG_ERROR_UNCLOSED_QUOTE);
  FUZZ_ASSERT (g_str_has_prefix (error->message, "agency.csv: "));
  FUZZ_ASSERT (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgImportResult) result = NULL;
  g_autoptr(CgImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (size > LARGEST_INPUT)
    return 0;
  set_up_once ();
  FUZZ_ASSERT (g_file_set_contents (input_path, (const char *)data, size, NULL));
  store = open_fresh_case ();

  if (!import_once (store, &result, &error))
    {
      /* Refused: the case is exactly as it was. */
      check_refusal (error);
      check_events (store, EXISTING_EVENTS);
      files = cg_store_load_files (store, NULL);
      FUZZ_ASSERT (files != NULL && files->len == 1);
      return 0;
    }

  FUZZ_ASSERT (result != NULL && result->issues != NULL);
  FUZZ_ASSERT (check_events (store, EXISTING_EVENTS + result->n_events) == result->n_events);
  for (guint i = 0; i < result->issues->len; i++)
    {
      CgImportIssue *issue = g_ptr_array_index (result->issues, i);
      g_autofree char *line = cg_import_issue_format (issue);

      FUZZ_ASSERT (g_str_equal (issue->file, "agency.csv"));
      FUZZ_ASSERT (g_str_has_prefix (line, "agency.csv"));
      FUZZ_ASSERT (g_utf8_validate (issue->message, -1, NULL));
      if (i > 0)
        FUZZ_ASSERT (issue->row >= ((CgImportIssue *)g_ptr_array_index (result->issues, i - 1))->row);
    }
  files = cg_store_load_files (store, NULL);
  FUZZ_ASSERT (files != NULL && files->len == 2);
  FUZZ_ASSERT (((CgSourceFile *)g_ptr_array_index (files, 1))->row_count == result->n_events);

  /* The same file again replaces the first import. */
  FUZZ_ASSERT (import_once (store, &again, &error));
  FUZZ_ASSERT (again->n_events == result->n_events);
  FUZZ_ASSERT (again->issues->len == result->issues->len);
  check_events (store, EXISTING_EVENTS + result->n_events);
  return 0;
}
