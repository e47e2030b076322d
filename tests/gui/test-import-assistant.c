/* test-import-assistant.c: importing through the assistant's own steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cg-analysis.h"
#include "cg-chronology-page.h"
#include "cg-errors.h"
#include "cg-import-assistant-private.h"
#include "cg-window-private.h"

static char *tmpdir;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("CHRONOGRAM_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "child-a", name, NULL);
}

static CgStore *
make_store (const char *name,
            char      **out_path)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(CgReview) review = cg_review_new ("Child A review");
  g_autoptr(GError) error = NULL;
  CgStore *store;

  g_unlink (path);
  store = cg_store_create (path, review, &error);
  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *)user_data);
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} RunResult;

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunResult *run = user_data;

  run->ok = _cg_import_assistant_run_finish (CG_IMPORT_ASSISTANT (object), result, &run->error);
  run->done = TRUE;
}

static void
run_import (CgImportAssistant *assistant,
            RunResult         *run)
{
  guint timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the import");

  _cg_import_assistant_run (assistant, on_run_done, run);
  /* The import runs in a thread: the assistant shows its progress meanwhile. */
  g_assert_cmpstr (_cg_import_assistant_get_step (assistant), ==, "progress");
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static guint
count_events (CgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cg_store_load_events (store, &error);

  g_assert_no_error (error);
  return events->len;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static gboolean
has_text (GtkWidget  *root,
          const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text (child, needle))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_preview (void)
{
  g_autoptr(CgStore) store = make_store ("preview.chronogram", NULL);
  g_autofree char *hv = data_path ("hv.csv");
  g_autoptr(GError) error = NULL;
  CgImportAssistant *assistant = cg_import_assistant_new (NULL, store);

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_cmpstr (_cg_import_assistant_get_step (assistant), ==, "start");

  g_assert_true (_cg_import_assistant_set_file (assistant, hv, &error));
  g_assert_no_error (error);

  /* What the importer found, as the assistant shows it. */
  g_assert_cmpstr (_cg_import_assistant_get_step (assistant), ==, "plan");
  g_assert_cmpstr (_cg_import_assistant_get_encoding (assistant), ==, "Windows-1252");
  g_assert_cmpstr (_cg_import_assistant_get_delimiter (assistant), ==, "Comma");
  g_assert_cmpuint (_cg_import_assistant_get_header_row (assistant), ==, 1);
  g_assert_cmpint (_cg_import_assistant_get_column_field (assistant, "Date of contact"), ==,
                   CG_FIELD_DATE);
  g_assert_cmpint (_cg_import_assistant_get_column_field (assistant, "Date entered"), ==,
                   CG_FIELD_RECORDED);
  g_assert_cmpuint (_cg_import_assistant_get_n_preview_rows (assistant), ==, 6);
  /* Windows-1252 decoded: the practitioner's name and the dash read right. */
  g_assert_true (has_text (GTK_WIDGET (assistant), "HV Zoë Adams"));
  g_assert_true (has_text (GTK_WIDGET (assistant), "Planned 2 year review – not brought (DNA)."));

  /* One column per field: giving Date to another column takes it from the first. */
  _cg_import_assistant_set_column_field (assistant, "Date entered", CG_FIELD_DATE);
  g_assert_cmpint (_cg_import_assistant_get_column_field (assistant, "Date entered"), ==,
                   CG_FIELD_DATE);
  g_assert_cmpint (_cg_import_assistant_get_column_field (assistant, "Date of contact"), ==,
                   CG_FIELD_NONE);
  _cg_import_assistant_set_column_field (assistant, "Date of contact", CG_FIELD_DATE);
  _cg_import_assistant_set_column_field (assistant, "Date entered", CG_FIELD_RECORDED);

  /* A header row below the real one: the names change, and back again. */
  _cg_import_assistant_set_header_row (assistant, 2);
  g_assert_cmpuint (_cg_import_assistant_get_header_row (assistant), ==, 2);
  g_assert_cmpint (_cg_import_assistant_get_column_field (assistant, "Date of contact"), ==,
                   CG_FIELD_NONE);
  g_assert_cmpuint (_cg_import_assistant_get_n_preview_rows (assistant), ==, 5);
  _cg_import_assistant_set_header_row (assistant, 1);
  g_assert_cmpint (_cg_import_assistant_get_column_field (assistant, "Date of contact"), ==,
                   CG_FIELD_DATE);
  g_assert_cmpuint (_cg_import_assistant_get_n_preview_rows (assistant), ==, 6);

  gtk_window_destroy (GTK_WINDOW (assistant));
}

static void
test_import (void)
{
  g_autoptr(CgStore) store = make_store ("import.chronogram", NULL);
  g_autofree char *hv = data_path ("hv.csv");
  g_autofree char *gp = data_path ("gp.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  CgImportAssistant *assistant = cg_import_assistant_new (NULL, store);
  GtkWidget *save;
  RunResult run = { 0 };
  const CgImportResult *result;

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_true (_cg_import_assistant_set_file (assistant, hv, &error));
  g_assert_no_error (error);

  /* No agency, no import. */
  _cg_import_assistant_run (assistant, on_run_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (run.ok);
  g_clear_error (&run.error);
  g_assert_cmpuint (count_events (store), ==, 0);

  _cg_import_assistant_set_agency (assistant, "Health Visiting");

  /* The author keeps the mapping for the agency's next file. */
  _cg_import_assistant_set_column_field (assistant, "Outcome", CG_FIELD_COMMENT);
  save = find_button (GTK_WIDGET (assistant), "_Save Columns for This Agency");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  profile = cg_store_dup_profile (store, "Health Visiting", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (profile, "\"Outcome\":\"comment\""));
  _cg_import_assistant_set_column_field (assistant, "Outcome", CG_FIELD_ACTION);

  memset (&run, 0, sizeof run);
  run_import (assistant, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);

  /* Six rows stored, the result shown with its (empty) list of issues. */
  g_assert_cmpstr (_cg_import_assistant_get_step (assistant), ==, "result");
  result = _cg_import_assistant_get_result (assistant);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->n_events, ==, 6);
  g_assert_cmpstr (result->encoding, ==, "Windows-1252");
  g_assert_cmpuint (count_events (store), ==, 6);
  g_assert_true (has_text (GTK_WIDGET (assistant), "6 Records Imported"));
  g_assert_cmpuint (result->issues->len, ==, 0);
  g_assert_cmpuint (count_rows (_cg_import_assistant_get_issue_list (assistant)), ==, 1);
  g_assert_true (has_text (GTK_WIDGET (_cg_import_assistant_get_issue_list (assistant)),
                           "No problems were found"));

  /* The next file: the GP's impossible date is listed as an error, FILE:ROW. */
  g_assert_true (_cg_import_assistant_set_file (assistant, gp, &error));
  g_assert_no_error (error);
  _cg_import_assistant_set_agency (assistant, "GP Practice");
  memset (&run, 0, sizeof run);
  run_import (assistant, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (count_events (store), ==, 13);
  result = _cg_import_assistant_get_result (assistant);
  g_assert_cmpuint (result->n_events, ==, 7);
  g_assert_cmpuint (result->issues->len, ==, 1);
  g_assert_cmpuint (count_rows (_cg_import_assistant_get_issue_list (assistant)), ==, 1);
  g_assert_true (has_text (GTK_WIDGET (_cg_import_assistant_get_issue_list (assistant)),
                           "gp.csv:7: "));
  g_assert_true (has_text (GTK_WIDGET (_cg_import_assistant_get_issue_list (assistant)),
                           "Error"));

  gtk_window_destroy (GTK_WINDOW (assistant));
}

static void
test_not_a_text_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = make_store ("binary.chronogram", &path);
  g_autoptr(GError) error = NULL;
  CgImportAssistant *assistant = cg_import_assistant_new (NULL, store);

  /* A case file is an SQLite database: not a chronology. */
  g_assert_false (_cg_import_assistant_set_file (assistant, path, &error));
  g_assert_error (error, CG_ERROR, CG_ERROR_NOT_TEXT);
  g_assert_cmpstr (_cg_import_assistant_get_step (assistant), ==, "start");

  gtk_window_destroy (GTK_WINDOW (assistant));
}

static CgImportAssistant *
find_assistant (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CG_IS_IMPORT_ASSISTANT (toplevel))
        return CG_IMPORT_ASSISTANT (toplevel);
    }

  return NULL;
}

/* The whole path: a review open in the window, Import, the rows in the table. */
static void
test_import_into_window (void)
{
  static const char *files[][2] = {
    { "Police", "police.csv" },
    { "Children's Social Care", "csc.csv" },
    { "Emergency Department", "ed.csv" },
    { "Ambulance Service", "ambulance.csv" },
    { "School", "school.csv" },
    { "GP Practice", "gp.csv" },
  };
  g_autofree char *path = NULL;
  g_autofree char *hv = data_path ("hv.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CgWindow *window;
  CgImportAssistant *assistant;
  CgChronologyPage *page;
  GListModel *rows;
  RunResult run = { 0 };
  guint timeout;
  guint n_hv = 0;

  {
    g_autoptr(CgStore) store = make_store ("window.chronogram", &path);

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *csv = data_path (files[i][1]);

        cg_import_file (store, csv, files[i][0], NULL, &error);
        g_assert_no_error (error);
      }
    cg_analysis_run_and_store (store, &error);
    g_assert_no_error (error);
  }

  window = cg_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  _cg_window_open_file (window, file);
  timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the review");
  while (_cg_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  page = _cg_window_get_chronology_page (window);
  rows = G_LIST_MODEL (gtk_column_view_get_model (_cg_chronology_page_get_column_view (page)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 30);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  assistant = find_assistant ();
  g_assert_nonnull (assistant);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (window));

  g_assert_true (_cg_import_assistant_set_file (assistant, hv, &error));
  g_assert_no_error (error);
  _cg_import_assistant_set_agency (assistant, "Health Visiting");
  run_import (assistant, &run);
  g_assert_no_error (run.error);

  /* The window reloads the analysis in its own thread, then shows the rows. */
  timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the reload");
  while (_cg_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  spin (100);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 36);
  for (guint i = 0; i < 36; i++)
    {
      g_autoptr(CgEvent) event = g_list_model_get_item (rows, i);

      if (g_strcmp0 (event->file_name, "hv.csv") == 0)
        {
          g_assert_cmpstr (event->agency, ==, "Health Visiting");
          n_hv++;
        }
    }
  g_assert_cmpuint (n_hv, ==, 6);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  tmpdir = g_dir_make_tmp ("chronogram-test-import-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-assistant/preview", test_preview);
  g_test_add_func ("/import-assistant/import", test_import);
  g_test_add_func ("/import-assistant/not-a-text-file", test_not_a_text_file);
  g_test_add_func ("/import-assistant/into-window", test_import_into_window);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
