/* test-family-page.c: the Family page on a real review, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cg-analysis.h"
#include "cg-date.h"
#include "cg-family-page.h"
#include "cg-genogram.h"
#include "cg-import.h"
#include "cg-window-private.h"

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

static char *tmpdir;

static char *
data_path (const char *family,
           const char *name)
{
  const char *dir = g_getenv ("CHRONOGRAM_TEST_DATA");

  g_assert_nonnull (dir);
  if (family != NULL)
    return g_build_filename (dir, "family", family, name, NULL);
  return g_build_filename (dir, "child-a", name, NULL);
}

/* A case file made through the core: the child-a review, with its agency
 * files and, when @with_family, the child-a family. */
static char *
make_case (const char *name,
           gboolean    with_family)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(CgReview) review = cg_review_new ("Child A: Local Child Safeguarding Practice Review");
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  review->subject = g_strdup ("Child A");
  review->scope_from = cg_date_from_iso ("2020-06-01");
  review->scope_to = cg_date_from_iso ("2022-01-31");
  review->incident = cg_date_from_iso ("2022-01-20");

  g_unlink (path);
  store = cg_store_create (path, review, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (child_a); i++)
    {
      g_autofree char *csv = data_path (NULL, child_a[i].file);

      cg_import_file (store, csv, child_a[i].agency, NULL, &error);
      g_assert_no_error (error);
    }

  if (with_family)
    {
      g_autofree char *people = data_path ("child-a", "people.csv");
      g_autofree char *relationships = data_path ("child-a", "relationships.csv");
      g_autofree char *households = data_path ("child-a", "households.csv");
      g_autoptr(CgFamily) family = cg_family_read_csv (people, relationships, households, &error);

      g_assert_no_error (error);
      cg_store_replace_family (store, family, &error);
      g_assert_no_error (error);
    }

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
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Until the window and the page have finished their threads and writes. */
static void
wait_idle (CgWindow     *window,
           CgFamilyPage *page)
{
  guint timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the family page");

  do
    {
      while (_cg_window_get_busy (window) || (page != NULL && _cg_family_page_get_busy (page)))
        g_main_context_iteration (NULL, TRUE);
      spin (50);
    }
  while (_cg_window_get_busy (window) || (page != NULL && _cg_family_page_get_busy (page)));

  g_source_remove (timeout);
}

static CgFamilyPage *
get_page (CgWindow *window)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (window->view_stack, "family");

  g_assert_true (CG_IS_FAMILY_PAGE (page));
  return CG_FAMILY_PAGE (page);
}

static CgWindow *
open_window (const char *path)
{
  CgWindow *window = cg_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  cg_family_page_attach (window);

  _cg_window_open_file (window, file);
  wait_idle (window, get_page (window));
  _cg_window_show_page (window, "family");
  wait_idle (window, get_page (window));
  spin (200);

  return window;
}

static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  if (shown != NULL && g_strcmp0 (shown, text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
n_list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int)n) != NULL)
    n++;
  return n;
}

static GtkListBoxRow *
row_of (GtkListBox *list,
        const char *key)
{
  for (guint i = 0; i < n_list_rows (list); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int)i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "cg-person-key"), key) == 0)
        return row;
    }
  return NULL;
}

static CgGenogram *
shown_genogram (CgFamilyPage *page)
{
  return cg_genogram_view_get_genogram (_cg_family_page_get_genogram_view (page));
}

/* The message dialog open over @window, if any. */
static AdwMessageDialog *
find_message_dialog (CgWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static AdwMessageDialog *
wait_for_message_dialog (CgWindow *window)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog (window)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (dialog);
  return dialog;
}

static GListModel *
family_files (const char *family)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);
  const char *names[] = { "households.csv", "people.csv", "relationships.csv" };

  /* In no particular order: the page tells them apart. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = data_path (family, names[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (files, file);
    }
  return G_LIST_MODEL (files);
}

/* ------------------------------------------------------------------ tests */

static void
test_family_page_people (void)
{
  g_autofree char *path = make_case ("people.chronogram", TRUE);
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  GtkListBox *list = _cg_family_page_get_people_list (page);
  GtkListBoxRow *subject;

  g_assert_cmpuint (_cg_family_page_get_family (page)->people->len, ==, 7);
  g_assert_cmpuint (n_list_rows (list), ==, 7);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));

  /* Role label first, then the name and dates; the subject child is marked. */
  g_assert_nonnull (find_text (GTK_WIDGET (row_of (list, "p1")), "Mother"));
  g_assert_nonnull (find_text (GTK_WIDGET (row_of (list, "p1")), "Kayleigh Brennan · b. 1996"));
  subject = row_of (list, "p2");
  g_assert_nonnull (find_text (GTK_WIDGET (subject), "Child A"));
  g_assert_nonnull (find_text (GTK_WIDGET (subject), "Lily Brennan · b. 14 Jul 2019"));
  g_assert_nonnull (find_text (GTK_WIDGET (subject), "Subject"));
  g_assert_null (find_text (GTK_WIDGET (row_of (list, "p1")), "Subject"));
  g_assert_nonnull (find_text (GTK_WIDGET (page), "7 People"));

  /* Anonymised, no name shows in the list either. */
  gtk_toggle_button_set_active (_cg_family_page_get_anonymise (page), TRUE);
  wait_idle (window, page);
  g_assert_null (find_text (GTK_WIDGET (list), "Kayleigh Brennan · b. 1996"));
  g_assert_nonnull (find_text (GTK_WIDGET (row_of (list, "p1")), "Mother"));
  g_assert_cmpuint (cg_genogram_count (shown_genogram (page), CG_GENOGRAM_NAME), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_page_draws (void)
{
  g_autofree char *path = make_case ("draws.chronogram", TRUE);
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  CgGenogramView *view = _cg_family_page_get_genogram_view (page);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  double genogram_width, genogram_height;
  guint dark = 0, white = 0, other = 0;
  guchar *data;
  int stride;

  g_assert_nonnull (shown_genogram (page));
  g_assert_cmpuint (cg_genogram_get_date (shown_genogram (page)), ==,
                    cg_date_from_iso ("2022-01-20"));
  cg_genogram_get_size (shown_genogram (page), &genogram_width, &genogram_height);
  g_assert_cmpfloat (genogram_width, >, 100);
  g_assert_cmpfloat (genogram_height, >, 100);
  g_assert_cmpint (width, >, 200);
  g_assert_cmpint (height, >, 200);
  g_assert_cmpstr (gtk_editable_get_text (_cg_family_page_get_date_entry (page)), ==,
                   "20/01/2022");

  /* Paint the view offscreen and look at the pixels: the white sheet with
   * black symbols and lines on it. */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *)(data + y * stride + x * 4);
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        if (r < 60 && g < 60 && b < 60 && (pixel >> 24) > 200)
          dark++;
        else if (r > 250 && g > 250 && b > 250)
          white++;
        else
          other++;
      }
  cairo_surface_destroy (surface);

  g_test_message ("%u dark, %u white, %u other pixels", dark, white, other);
  g_assert_cmpuint (white, >, (guint)(width * height) / 10);
  g_assert_cmpuint (dark, >, 2000);
  g_assert_cmpuint (dark + other, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_page_date (void)
{
  g_autofree char *path = make_case ("date.chronogram", TRUE);
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  GtkEditable *entry = _cg_family_page_get_date_entry (page);
  CgGenogram *before = shown_genogram (page);
  g_autoptr(GBytes) svg_before = NULL;
  g_autoptr(GBytes) svg_after = NULL;
  guint32 june = cg_date_from_iso ("2021-06-15");
  CgGenogram *after;
  double x, y, w, h;

  g_assert_nonnull (before);
  svg_before = cg_genogram_to_svg (before);
  /* At the critical incident Partner 1 has left: three slashes, three households. */
  g_assert_cmpuint (cg_genogram_count (before, CG_GENOGRAM_SLASH), ==, 3);
  g_assert_cmpuint (cg_genogram_count (before, CG_GENOGRAM_HOUSEHOLD), ==, 3);

  /* Typed as an author types it. */
  gtk_editable_set_text (entry, "15/06/2021");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (_cg_family_page_get_busy (page));
  /* The previous picture stays until the new one is ready. */
  g_assert_true (shown_genogram (page) == before);
  wait_idle (window, page);

  after = shown_genogram (page);
  g_assert_true (after != before);
  g_assert_cmpuint (_cg_family_page_get_date (page), ==, june);
  g_assert_cmpuint (cg_genogram_get_date (after), ==, june);
  /* In June 2021 Partner 1 lived with Mother: cohabiting, not separated. */
  g_assert_cmpuint (cg_genogram_count (after, CG_GENOGRAM_SLASH), ==, 2);
  g_assert_cmpuint (cg_genogram_count (after, CG_GENOGRAM_HOUSEHOLD), ==, 3);
  svg_after = cg_genogram_to_svg (after);
  g_assert_false (g_bytes_equal (svg_before, svg_after));
  g_assert_true (cg_genogram_get_person_area (after, "p5", &x, &y, &w, &h));

  /* A date that is not one is refused, and the picture stays. */
  gtk_editable_set_text (entry, "31/11/2021");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (_cg_family_page_get_busy (page));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpuint (_cg_family_page_get_date (page), ==, june);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_person_activated (CgGenogramView *view,
                     const char     *key,
                     char          **activated)
{
  g_free (*activated);
  *activated = g_strdup (key);
}

static void
test_family_page_person_activated (void)
{
  g_autofree char *path = make_case ("activate.chronogram", TRUE);
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  CgGenogramView *view = _cg_family_page_get_genogram_view (page);
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  GtkColumnView *column_view = _cg_chronology_page_get_column_view (
                                 _cg_window_get_chronology_page (window));
  g_autofree char *activated = NULL;
  const char *key = NULL;
  guint naming = 0;
  double x = 0, y = 0;

  g_signal_connect (view, "person-activated", G_CALLBACK (on_person_activated), &activated);

  /* Where Child A is drawn on screen. */
  for (y = 0; y < gtk_widget_get_height (GTK_WIDGET (view)) && key == NULL; y += 3)
    for (x = 0; x < gtk_widget_get_width (GTK_WIDGET (view)) && key == NULL; x += 3)
      if (g_strcmp0 (cg_genogram_view_person_at (view, x, y), "p2") == 0)
        key = "p2";
  g_assert_cmpstr (key, ==, "p2");
  g_assert_null (cg_genogram_view_person_at (view, 1, 1));

  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *e = g_ptr_array_index (analysis->events, i);

      for (guint j = 0; e->people != NULL && j < e->people->len; j++)
        if (g_strcmp0 (g_ptr_array_index (e->people, j), "p2") == 0)
          {
            naming++;
            break;
          }
    }
  g_assert_cmpuint (naming, >, 0);

  cg_genogram_view_activate_person (view, "p2");
  spin (300);
  g_assert_cmpstr (activated, ==, "p2");

  /* The chronology shows the records naming Child A. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "chronology");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                      gtk_column_view_get_model (column_view))), ==, naming);
  g_assert_true (gtk_list_box_get_selected_row (_cg_family_page_get_people_list (page)) ==
                 row_of (_cg_family_page_get_people_list (page), "p2"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_page_zoom (void)
{
  g_autofree char *path = make_case ("zoom.chronogram", TRUE);
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  CgGenogramView *view = _cg_family_page_get_genogram_view (page);
  double fitted = cg_genogram_view_get_zoom (view);

  g_assert_true (cg_genogram_view_get_fit (view));
  gtk_widget_activate_action (GTK_WIDGET (page), "genogram.zoom-in", NULL);
  g_assert_false (cg_genogram_view_get_fit (view));
  g_assert_cmpfloat (cg_genogram_view_get_zoom (view), >, fitted);
  gtk_widget_activate_action (GTK_WIDGET (view), "genogram.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "genogram.zoom-out", NULL);
  g_assert_cmpfloat (cg_genogram_view_get_zoom (view), <, fitted);
  gtk_widget_activate_action (GTK_WIDGET (page), "genogram.zoom-fit", NULL);
  g_assert_true (cg_genogram_view_get_fit (view));
  g_assert_cmpfloat_with_epsilon (cg_genogram_view_get_zoom (view), fitted, 1e-6);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_page_edit (void)
{
  g_autofree char *path = make_case ("edit.chronogram", TRUE);
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  CgPersonEditor *editor;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgFamily) stored = NULL;
  g_autoptr(GError) error = NULL;
  CgPerson *mother;

  editor = _cg_family_page_edit_person (page, "p1");
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  g_assert_cmpstr (gtk_editable_get_text (_cg_person_editor_get_name (editor)), ==,
                   "Kayleigh Brennan");
  g_assert_cmpstr (gtk_editable_get_text (_cg_person_editor_get_aliases (editor)), ==, "Kayleigh");

  gtk_editable_set_text (_cg_person_editor_get_aliases (editor), "Kayleigh; Kay ;  Kayla");
  _cg_person_editor_save (editor);
  spin (100);
  g_assert_null (editor);   /* saved and closed */
  wait_idle (window, page);

  /* The page, the case file and a window opened afresh all have it. */
  mother = cg_family_find_person (_cg_family_page_get_family (page), "p1");
  g_assert_cmpuint (g_strv_length (mother->aliases), ==, 3);
  g_assert_cmpstr (mother->aliases[1], ==, "Kay");

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  stored = cg_store_load_family (store, &error);
  g_assert_no_error (error);
  mother = cg_family_find_person (stored, "p1");
  g_assert_cmpuint (g_strv_length (mother->aliases), ==, 3);
  g_assert_cmpstr (mother->aliases[2], ==, "Kayla");
  /* Nothing else moved. */
  g_assert_cmpuint (stored->people->len, ==, 7);
  g_assert_cmpuint (stored->relationships->len, ==, 13);
  g_assert_cmpuint (stored->households->len, ==, 6);
  g_clear_object (&store);

  gtk_window_destroy (GTK_WINDOW (window));
  window = open_window (path);
  page = get_page (window);
  mother = cg_family_find_person (_cg_family_page_get_family (page), "p1");
  g_assert_cmpstr (mother->aliases[1], ==, "Kay");

  /* A new person, with a relationship, shows in the list and the picture. */
  editor = _cg_family_page_edit_person (page, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  gtk_editable_set_text (_cg_person_editor_get_label (editor), "Maternal Aunt");
  _cg_person_editor_save (editor);
  spin (100);
  g_assert_null (editor);
  wait_idle (window, page);
  g_assert_cmpuint (_cg_family_page_get_family (page)->people->len, ==, 8);
  g_assert_cmpuint (n_list_rows (_cg_family_page_get_people_list (page)), ==, 8);
  g_assert_true (cg_genogram_get_person_area (shown_genogram (page), "p8", NULL, NULL, NULL,
                                              NULL));

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&stored, cg_family_free);
  stored = cg_store_load_family (store, &error);
  g_assert_cmpuint (stored->people->len, ==, 8);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_page_import (void)
{
  g_autofree char *path = make_case ("import.chronogram", FALSE);
  g_autofree char *broken = g_build_filename (tmpdir, "relationships.csv", NULL);
  g_autofree char *people = data_path ("child-a", "people.csv");
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  g_autoptr(GListModel) files = family_files ("child-a");
  g_autoptr(GListModel) three = family_files ("three-generations");
  g_autoptr(GListStore) broken_files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GFile) people_file = g_file_new_for_path (people);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgFamily) stored = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* No family yet: the page invites the author to add one. */
  g_assert_cmpuint (_cg_family_page_get_family (page)->people->len, ==, 0);
  g_assert_nonnull (find_text (GTK_WIDGET (page), "Draw the Family"));

  _cg_family_page_import_files (page, files);
  wait_idle (window, page);
  g_assert_cmpuint (_cg_family_page_get_family (page)->people->len, ==, 7);
  g_assert_cmpuint (n_list_rows (_cg_family_page_get_people_list (page)), ==, 7);
  g_assert_nonnull (shown_genogram (page));
  g_assert_cmpuint (cg_genogram_count (shown_genogram (page), CG_GENOGRAM_HOUSEHOLD), ==, 3);

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  stored = cg_store_load_family (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->people->len, ==, 7);
  g_assert_cmpuint (stored->relationships->len, ==, 13);
  g_clear_pointer (&stored, cg_family_free);
  g_clear_object (&store);

  /* The analysis now knows who each record names. */
  g_assert_nonnull (_cg_window_get_analysis (window)->family);
  g_assert_cmpuint (_cg_window_get_analysis (window)->family->people->len, ==, 7);

  /* A bad file: nothing changes, and the message names the file and row. */
  g_file_set_contents (broken,
                       "a,b,kind,from,to,note\n"
                       "p1,p2,parent,,,\n"
                       "p1,p3,sibling,,,\n", -1, &error);
  g_assert_no_error (error);
  g_list_store_append (broken_files, people_file);
  g_list_store_append (broken_files, broken_file);
  _cg_family_page_import_files (page, G_LIST_MODEL (broken_files));
  dialog = wait_for_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Family");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "relationships.csv:3"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle (window, page);
  g_assert_cmpuint (_cg_family_page_get_family (page)->relationships->len, ==, 13);

  /* Replacing a family asks first. */
  _cg_family_page_import_files (page, three);
  dialog = wait_for_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace the Family?");
  adw_message_dialog_response (dialog, "replace");
  wait_idle (window, page);
  g_assert_cmpuint (_cg_family_page_get_family (page)->people->len, ==, 17);
  g_assert_cmpuint (n_list_rows (_cg_family_page_get_people_list (page)), ==, 17);

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  stored = cg_store_load_family (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->people->len, ==, 17);
  g_assert_cmpuint (stored->relationships->len, ==, 34);
  g_assert_nonnull (cg_family_find_person (stored, "k5"));
  g_assert_null (cg_family_find_person (stored, "p1"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_page_export (void)
{
  g_autofree char *path = make_case ("export.chronogram", TRUE);
  g_autofree char *svg_path = g_build_filename (tmpdir, "genogram.svg", NULL);
  g_autofree char *png_path = g_build_filename (tmpdir, "genogram.png", NULL);
  g_autofree char *svg = NULL;
  CgWindow *window = open_window (path);
  CgFamilyPage *page = get_page (window);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg_path);
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_toggle_button_set_active (_cg_family_page_get_anonymise (page), TRUE);
  wait_idle (window, page);
  _cg_family_page_export_file (page, svg_file);
  _cg_family_page_export_file (page, png_file);
  while ((!g_file_test (svg_path, G_FILE_TEST_EXISTS) ||
          !g_file_test (png_path, G_FILE_TEST_EXISTS)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  spin (200);

  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<text"));
  g_assert_nonnull (strstr (svg, "Child A"));
  g_assert_null (strstr (svg, "Lily"));   /* exported as shown: anonymised */
  g_assert_true (g_file_test (png_path, G_FILE_TEST_IS_REGULAR));

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

  tmpdir = g_dir_make_tmp ("chronogram-test-family-page-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/family-page/people", test_family_page_people);
  g_test_add_func ("/family-page/draws", test_family_page_draws);
  g_test_add_func ("/family-page/date", test_family_page_date);
  g_test_add_func ("/family-page/person-activated", test_family_page_person_activated);
  g_test_add_func ("/family-page/zoom", test_family_page_zoom);
  g_test_add_func ("/family-page/edit", test_family_page_edit);
  g_test_add_func ("/family-page/import", test_family_page_import);
  g_test_add_func ("/family-page/export", test_family_page_export);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
