/* fuzz-import.c: any bytes, as an agency file, into a case file
 *
 * Each input is written to a file and imported into a copy of a case file
 * that already holds another agency's records. Whatever the bytes, the import
 * either stores every data row of the file or nothing at all, a refusal names
 * the file, the records already there are never touched, and importing the
 * same file again replaces it rather than adding to it. Plain ASCII text is
 * also imported re-encoded (UTF-8 with a BOM, UTF-16 with or without one) and
 * must give exactly the same records.
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
#include "../cg-test-cells.h"

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
      /* The original cells, a JSON array read back under the file's headers. */
      FUZZ_ASSERT (event->fields_json != NULL);
      FUZZ_ASSERT (json_parser_load_from_data (parser, event->fields_json, -1, NULL));
      FUZZ_ASSERT (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
      {
        g_autoptr(GPtrArray) fields = cg_event_dup_fields (event);

        FUZZ_ASSERT (fields != NULL && event->headers != NULL);
        FUZZ_ASSERT (fields->len >= event->headers->len);
        FUZZ_ASSERT (cg_test_cells_match_hash (event));
      }

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

/* What an import stored, in a form two imports can be compared by. */
static char *
summarise (CgStore        *store,
           CgImportResult *result)
{
  g_autoptr(GPtrArray) events = cg_store_load_events (store, NULL);
  GString *summary = g_string_new (NULL);

  FUZZ_ASSERT (events != NULL);
  g_string_append_printf (summary, "%u events, %u issues\n", result->n_events,
                          result->issues->len);
  for (guint i = 0; i < result->issues->len; i++)
    {
      CgImportIssue *issue = g_ptr_array_index (result->issues, i);

      g_string_append_printf (summary, "issue %u %d %s\n", issue->row, issue->severity,
                              issue->message);
    }
  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);

      g_string_append_printf (summary, "%s %u %u..%u %d %d %s\n", event->agency, event->row,
                              event->date.start, event->date.end, event->date.precision,
                              event->date.time, event->fields_json);
    }
  return g_string_free (summary, FALSE);
}

/* Printable ASCII that is read as text: the same characters can be written in
 * any of the encodings the importer reads. */
static gboolean
plain_ascii_text (const uint8_t *data,
                  size_t         size)
{
  const char *binary_kind;
  CgEncoding encoding;

  if (size < 2)
    return FALSE;
  for (size_t i = 0; i < size; i++)
    if (data[i] == 0 || data[i] >= 0x80)
      return FALSE;
  return cg_encoding_sniff (data, size, &encoding, &binary_kind) && encoding == CG_ENCODING_UTF8;
}

/* @data re-encoded; which encoding depends on the input, so each run costs one
 * more import only. */
static GByteArray *
reencode (const uint8_t *data,
          size_t         size,
          const char   **name)
{
  GByteArray *bytes = g_byte_array_sized_new (size * 2 + 3);
  guint variant = 0;

  for (size_t i = 0; i < size; i++)
    variant = variant * 31 + data[i];
  variant %= 5;

  switch (variant)
    {
    case 0:
      *name = "UTF-8 with a BOM";
      g_byte_array_append (bytes, (const guint8 *)"\xEF\xBB\xBF", 3);
      g_byte_array_append (bytes, data, size);
      return bytes;
    case 1:
      *name = "UTF-16LE with a BOM";
      g_byte_array_append (bytes, (const guint8 *)"\xFF\xFE", 2);
      break;
    case 2:
      *name = "UTF-16BE with a BOM";
      g_byte_array_append (bytes, (const guint8 *)"\xFE\xFF", 2);
      break;
    case 3:
      *name = "UTF-16LE without a BOM";
      break;
    default:
      *name = "UTF-16BE without a BOM";
      break;
    }
  for (size_t i = 0; i < size; i++)
    {
      guint8 unit[2] = { 0, data[i] };

      if (variant == 1 || variant == 3)
        unit[0] = data[i], unit[1] = 0;
      g_byte_array_append (bytes, unit, 2);
    }
  return bytes;
}

static void
check_reencoded (const uint8_t *data,
                 size_t         size,
                 const char    *expected)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *name = NULL;

  bytes = reencode (data, size, &name);
  FUZZ_ASSERT (g_file_set_contents (input_path, (const char *)bytes->data, bytes->len, NULL));
  store = open_fresh_case ();
  if (!import_once (store, &result, &error))
    {
      fprintf (stderr, "the same text as %s was refused: %s\n", name, error->message);
      FUZZ_ASSERT (!"text re-encoded imports as the original did");
    }
  summary = summarise (store, result);
  if (!g_str_equal (summary, expected))
    {
      fprintf (stderr, "the same text as %s imports differently:\n--- original\n%s"
               "--- %s\n%s", name, expected, name, summary);
      FUZZ_ASSERT (!"text re-encoded imports as the original did");
    }
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
  g_autofree char *summary = NULL;

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
  summary = summarise (store, result);

  /* The same file again replaces the first import. */
  FUZZ_ASSERT (import_once (store, &again, &error));
  FUZZ_ASSERT (again->n_events == result->n_events);
  FUZZ_ASSERT (again->issues->len == result->issues->len);
  check_events (store, EXISTING_EVENTS + result->n_events);

  if (plain_ascii_text (data, size))
    check_reencoded (data, size, summary);
  return 0;
}
