/* test-export-dialog.c: the Export dialog and printing on the Child A review,
 * in a real window under Xvfb
 *
 * The review has one more agency file, housing.csv, with a postcode in it,
 * for the scan to find. With CHRONOGRAM_SCREENSHOTS=<dir> it also saves what
 * the dialog looks like.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cg-export-dialog-private.h"
#include "cg-family.h"
#include "cg-import.h"
#include "cg-print-private.h"
#include "cg-window-private.h"
#include "cg-zip.h"

/* tests/data/child-a/expected.json, "imports" */
static const struct
{
  const char *agency;
  const char *file;
} child_a[] = {
  { "Police", "police.csv" },
  { "Children's Social Care", "csc.csv" },
  { "Health Visiting", "hv.csv" },
  { "Emergency Department", "ed.csv" },
  { "Ambulance Service", "ambulance.csv" },
  { "School", "school.csv" },
  { "GP Practice", "gp.csv" },
};

#define POSTCODE   "CV1 2AB"
#define PHONE      "07700 900123"
#define NHS_NUMBER "943 476 5919"   /* a valid check digit */

/* Planted: a postcode no glossary knows, a telephone number, an NHS number,
 * and the child's first name. */
static const char housing_csv[] =
  "Date,Details,Action\n"
  "01/02/2021,\"Tenancy check at the flat, " POSTCODE ". Lily was seen asleep in her cot.\","
  "None\n"
  "03/02/2021,\"Mother phoned from " PHONE " to ask for repairs. NHS number " NHS_NUMBER
  " given for the GP letter.\",Letter sent\n";

static char *tmpdir;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("CHRONOGRAM_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "child-a", name, NULL);
}

/* The Child A review and housing.csv, made through the core as the command
 * line makes it. */
static char *
make_case (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *housing = g_build_filename (tmpdir, "housing.csv", NULL);
  g_autofree char *people = data_path ("people.csv");
  g_autofree char *relationships = data_path ("relationships.csv");
  g_autofree char *households = data_path ("households.csv");
  g_autoptr(CgReview) review = cg_review_new ("Child A");
  g_autoptr(CgFamily) family = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  review->subject = g_strdup ("Child A");
  review->scope_from = cg_date_from_iso ("2020-06-01");
  review->scope_to = cg_date_from_iso ("2022-01-31");
  review->incident = cg_date_from_iso ("2022-01-20");
  review->retrospective_days = 2;

  g_unlink (path);
  store = cg_store_create (path, review, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (child_a); i++)
    {
      g_autofree char *csv = data_path (child_a[i].file);

      cg_import_file (store, csv, child_a[i].agency, NULL, &error);
      g_assert_no_error (error);
    }
  g_file_set_contents (housing, housing_csv, -1, &error);
  g_assert_no_error (error);
  cg_import_file (store, housing, "Housing", NULL, &error);
  g_assert_no_error (error);

  family = cg_family_read_csv (people, relationships, households, &error);
  g_assert_no_error (error);
  cg_store_replace_family (store, family, &error);
  g_assert_no_error (error);

  cg_analysis_run_and_store (store, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *)user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_idle (CgWindow *window)
{
  guint timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the window");

  while (_cg_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
}

/* Until the dialog's thread is done, or the dialog is gone. */
static void
wait_dialog (CgExportDialog **dialog)
{
  guint timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the export dialog");

  while (*dialog != NULL && _cg_export_dialog_get_busy (*dialog))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static CgWindow *
open_window (const char *path)
{
  CgWindow *window = cg_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  _cg_window_open_file (window, file);
  wait_idle (window);
  g_assert_nonnull (_cg_window_get_analysis (window));

  return window;
}

static GtkWindow *
find_toplevel (GType     type,
               GtkWindow *transient_for)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && (transient_for == NULL || gtk_window_get_transient_for (window) == transient_for))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Offscreen, the way the window draws itself. */
static void
save_screenshot (gpointer    window,
                 const char *name)
{
  const char *dir = g_getenv ("CHRONOGRAM_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  spin (400);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/shot-export-%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
scroll_to (CgExportDialog *dialog,
           double          fraction)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (dialog));
  GtkAdjustment *adjustment;

  /* The preferences page's scrolled window. */
  while (scrolled != NULL && !GTK_IS_SCROLLED_WINDOW (scrolled))
    {
      GtkWidget *child = gtk_widget_get_first_child (scrolled);

      while (child != NULL && gtk_widget_get_next_sibling (child) != NULL
             && !ADW_IS_PREFERENCES_PAGE (child))
        child = gtk_widget_get_next_sibling (child);
      scrolled = child;
    }
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment,
                            (gtk_adjustment_get_upper (adjustment)
                             - gtk_adjustment_get_page_size (adjustment)) * fraction);
}

static CgFinding *
find_finding (GPtrArray        *findings,
              CgIdentifierKind  kind,
              const char       *text,
              guint            *index)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CgFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == kind && g_strcmp0 (finding->text, text) == 0)
        {
          if (index != NULL)
            *index = i;
          return finding;
        }
    }
  return NULL;
}

static gboolean
collect_document (const char  *name,
                  GBytes      *data,
                  gpointer     user_data,
                  GError     **error)
{
  if (g_str_equal (name, "word/document.xml"))
    {
      gsize len;
      const char *bytes = g_bytes_get_data (data, &len);

      g_string_append_len (user_data, bytes, len);
    }
  return TRUE;
}

static char *
read_document_xml (const char *path)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) zip = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 4);
  g_assert_true (memcmp (contents, "PK\003\004", 4) == 0);
  zip = g_bytes_new_take (g_steal_pointer (&contents), len);
  cg_zip_foreach_entry (zip, collect_document, xml, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xml->len, >, 0);
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

/* ------------------------------------------------------------------ tests */

/* A button, in the row titled @row_title when not NULL, as the author
 * clicks it. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *row_title,
             const char *label)
{
  if (row_title != NULL && ADW_IS_ACTION_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), row_title) != 0)
    return NULL;
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, row_title, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_export_docx_anonymised (void)
{
  g_autofree char *path = make_case ("export.chronogram");
  g_autofree char *output = g_build_filename (tmpdir, "appendix.docx", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgGlossary) glossary = NULL;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(GError) error = NULL;
  CgWindow *window = open_window (path);
  CgExportDialog *dialog;
  const CgGlossary *edited;
  const CgGlossaryEntry *entry;
  GtkWidget *button;
  GtkWindow *editor;
  guint index = 0;

  /* The window's action presents it. */
  cg_export_dialog_present (window);
  dialog = CG_EXPORT_DIALOG (find_toplevel (CG_TYPE_EXPORT_DIALOG, GTK_WINDOW (window)));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 860);
  spin (200);

  _cg_export_dialog_set_format (dialog, CG_EXPORT_DOCX);
  suggested = _cg_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, "Child A chronology.docx");

  /* For publication: anonymised unless the author says otherwise. */
  g_assert_false (_cg_export_dialog_get_anonymise (dialog));
  _cg_export_dialog_set_for_publication (dialog, TRUE);
  g_assert_true (_cg_export_dialog_get_anonymise (dialog));
  save_screenshot (dialog, "options");
  if (g_getenv ("CHRONOGRAM_SCREENSHOTS") != NULL)
    {
      GtkWidget *expander = find_widget (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      spin (300);
      scroll_to (dialog, 0.75);
      save_screenshot (dialog, "records");
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
      scroll_to (dialog, 0.0);
    }

  /* The scan finds what was planted, and shows each finding. */
  _cg_export_dialog_check (dialog);
  g_assert_true (_cg_export_dialog_get_busy (dialog));
  wait_dialog (&dialog);
  findings = _cg_export_dialog_get_findings (dialog);
  for (guint i = 0; i < findings->len; i++)
    {
      CgFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("finding: %s “%s” at %s", cg_identifier_kind_get_label (finding->kind),
                      finding->text, finding->where);
    }
  g_assert_nonnull (find_finding (findings, CG_IDENTIFIER_POSTCODE, POSTCODE, &index));
  g_assert_cmpstr (((CgFinding *)g_ptr_array_index (findings, index))->where, ==,
                   "housing.csv row 2, What happened");
  g_assert_nonnull (find_finding (findings, CG_IDENTIFIER_PHONE, PHONE, NULL));
  g_assert_nonnull (find_finding (findings, CG_IDENTIFIER_NHS_NUMBER, NHS_NUMBER, NULL));
  g_assert_cmpuint (_cg_export_dialog_get_n_finding_rows (dialog), ==, findings->len);
  g_assert_cmpuint (_cg_export_dialog_get_n_unresolved (dialog), ==, findings->len);
  scroll_to (dialog, 0.2);
  save_screenshot (dialog, "findings");

  /* The postcode's "Add to Glossary…": the term editor, filled in. */
  button = find_button (GTK_WIDGET (dialog), POSTCODE, "_Add to Glossary…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  editor = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dialog));
  g_assert_nonnull (editor);
  save_screenshot (editor, "term");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "save");
  gtk_window_destroy (editor);

  /* Replaced by its placeholder, and saved in the case file. */
  edited = _cg_export_dialog_get_glossary (dialog);
  g_assert_cmpuint (edited->entries->len, ==, 1);
  entry = g_ptr_array_index (edited->entries, 0);
  g_assert_cmpstr (entry->term, ==, POSTCODE);
  g_assert_cmpint (entry->kind, ==, CG_GLOSSARY_ADDRESS);
  g_assert_cmpstr (entry->placeholder, ==, "Address 1");
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  glossary = cg_store_load_glossary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossary->entries->len, ==, 1);
  g_assert_cmpstr (((CgGlossaryEntry *)g_ptr_array_index (glossary->entries, 0))->term, ==,
                   POSTCODE);

  /* Added from a finding, the dialog checks again: the postcode is gone. */
  g_assert_true (_cg_export_dialog_get_busy (dialog));
  wait_dialog (&dialog);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = _cg_export_dialog_get_findings (dialog);
  g_assert_null (find_finding (findings, CG_IDENTIFIER_POSTCODE, POSTCODE, NULL));

  /* The telephone number to the glossary too; the NHS number accepted. */
  g_assert_nonnull (find_finding (findings, CG_IDENTIFIER_PHONE, PHONE, &index));
  _cg_export_dialog_add_to_glossary (dialog, index, CG_GLOSSARY_OTHER, "Telephone number 1");
  g_assert_cmpuint (_cg_export_dialog_get_glossary (dialog)->entries->len, ==, 2);
  _cg_export_dialog_check (dialog);
  wait_dialog (&dialog);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = _cg_export_dialog_get_findings (dialog);
  g_assert_null (find_finding (findings, CG_IDENTIFIER_PHONE, PHONE, NULL));
  g_assert_nonnull (find_finding (findings, CG_IDENTIFIER_NHS_NUMBER, NHS_NUMBER, NULL));
  for (guint i = 0; i < findings->len; i++)
    _cg_export_dialog_accept (dialog, i);
  g_assert_cmpuint (_cg_export_dialog_get_n_unresolved (dialog), ==, 0);
  scroll_to (dialog, 0.2);
  save_screenshot (dialog, "resolved");

  /* Final: no DRAFT, and the case file says so. */
  _cg_export_dialog_set_final (dialog, TRUE);
  review = cg_store_dup_review (store, &error);
  g_assert_no_error (error);
  g_assert_true (review->final);

  /* What the file chooser's Export does. */
  file = g_file_new_for_path (output);
  _cg_export_dialog_export_to (dialog, file);
  g_assert_true (_cg_window_get_busy (window));
  wait_dialog (&dialog);
  wait_idle (window);
  g_assert_null (dialog);    /* closed after a good export */

  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  xml = read_document_xml (output);
  g_assert_nonnull (strstr (xml, "Child A"));
  g_assert_nonnull (strstr (xml, "Address 1"));
  g_assert_nonnull (strstr (xml, "Telephone number 1"));
  g_assert_null (strstr (xml, "Lily"));
  g_assert_null (strstr (xml, "Kayleigh"));
  g_assert_null (strstr (xml, POSTCODE));
  g_assert_null (strstr (xml, PHONE));
  g_assert_null (strstr (xml, "DRAFT"));
  save_screenshot (window, "toast");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that cannot be written: the core's message, the dialog stays. */
static void
test_export_failure (void)
{
  g_autofree char *path = make_case ("failure.chronogram");
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/appendix.pdf");
  CgWindow *window = open_window (path);
  CgExportDialog *dialog = _cg_export_dialog_new (window);
  GtkWindow *message;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  _cg_export_dialog_set_format (dialog, CG_EXPORT_PDF);
  _cg_export_dialog_export_to (dialog, file);
  wait_dialog (&dialog);
  wait_idle (window);

  g_assert_nonnull (dialog);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_test_message ("%s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                            "appendix.pdf"));
  g_assert_false (g_file_test ("/nonexistent-folder/appendix.pdf", G_FILE_TEST_EXISTS));
  save_screenshot (message, "failure");

  gtk_window_destroy (message);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_assert_null (dialog);    /* destroyed with its window */
}

/* Export… for publication checks first, and asks when something still
 * looks identifying. */
static void
test_export_asks (void)
{
  g_autofree char *path = make_case ("asks.chronogram");
  CgWindow *window = open_window (path);
  CgExportDialog *dialog = _cg_export_dialog_new (window);
  GtkWidget *export_button;
  GtkWindow *message;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  _cg_export_dialog_set_for_publication (dialog, TRUE);
  export_button = find_button (GTK_WIDGET (dialog), NULL, "_Export…");
  g_assert_nonnull (export_button);
  g_signal_emit_by_name (export_button, "clicked");
  g_assert_true (_cg_export_dialog_get_busy (dialog));
  wait_dialog (&dialog);

  g_assert_cmpuint (_cg_export_dialog_get_n_unresolved (dialog), ==, 3);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                   "Still Identifying");
  save_screenshot (message, "asks");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "review");
  gtk_window_destroy (message);
  g_assert_nonnull (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_print_to_pdf (void)
{
  g_autofree char *path = make_case ("print.chronogram");
  g_autofree char *output = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  CgWindow *window = open_window (path);
  gsize len;

  _cg_print_chronology_to_pdf (window, output);
  g_assert_true (_cg_window_get_busy (window));
  wait_idle (window);

  g_file_get_contents (output, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  if (g_getenv ("CHRONOGRAM_SCREENSHOTS") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("CHRONOGRAM_SCREENSHOTS"),
                                                "shot-export-printed.pdf", NULL);

      g_file_set_contents (copy, contents, len, &error);
      g_assert_no_error (error);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  tmpdir = g_dir_make_tmp ("chronogram-test-export-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/export-dialog/docx-anonymised", test_export_docx_anonymised);
  g_test_add_func ("/export-dialog/asks", test_export_asks);
  g_test_add_func ("/export-dialog/failure", test_export_failure);
  g_test_add_func ("/export-dialog/print-to-pdf", test_print_to_pdf);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
