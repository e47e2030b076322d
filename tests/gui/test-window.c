/* test-window.c: the main window on a real review, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cg-analysis.h"
#include "cg-chronology-page.h"
#include "cg-import.h"
#include "cg-record-detail.h"
#include "cg-review-dialog.h"
#include "cg-tooltip.h"
#include "cg-window-private.h"

static const struct
{
  const char *agency;
  const char *file;
  guint       rows;
} child_a[] = {
  { "Police", "police.csv", 8 },
  { "Children's Social Care", "csc.csv", 8 },
  { "Health Visiting", "hv.csv", 6 },
  { "Emergency Department", "ed.csv", 4 },
  { "Ambulance Service", "ambulance.csv", 1 },
  { "School", "school.csv", 2 },
  { "GP Practice", "gp.csv", 7 },
};

#define REVIEW_TITLE "Child A: Local Child Safeguarding Practice Review"

static char *tmpdir;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("CHRONOGRAM_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "child-a", name, NULL);
}

/* A case file made through the core, as the command line makes it. */
static char *
make_case (const char *name,
           guint       n_files)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(CgReview) review = cg_review_new (REVIEW_TITLE);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  review->subject = g_strdup ("Child A");
  review->scope_from = cg_date_from_iso ("2020-06-01");
  review->scope_to = cg_date_from_iso ("2022-01-31");
  review->incident = cg_date_from_iso ("2022-01-20");

  g_unlink (path);
  store = cg_store_create (path, review, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *csv = data_path (child_a[i].file);

      cg_import_file (store, csv, child_a[i].agency, NULL, &error);
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
wait_idle (CgWindow *window)
{
  guint timeout = g_timeout_add_seconds (60, on_timeout, (gpointer)"the window");

  while (_cg_window_get_busy (window))
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

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      _cg_window_open_file (window, file);
      g_assert_true (_cg_window_get_busy (window));
      wait_idle (window);
    }

  return window;
}

/* Looks for a label or inscription showing @text, mapped on screen. */
static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (shown != NULL && g_strcmp0 (shown, text) == 0 && gtk_widget_get_mapped (root))
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
n_rows (CgWindow *window)
{
  CgChronologyPage *page = _cg_window_get_chronology_page (window);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                                     _cg_chronology_page_get_column_view (page))));
}

static CgEvent *
row_event (CgWindow *window,
           guint     position)
{
  CgChronologyPage *page = _cg_window_get_chronology_page (window);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (
                                      _cg_chronology_page_get_column_view (page)));
  CgEvent *event = g_list_model_get_item (model, position);

  g_object_unref (event);   /* the store keeps it */
  return event;
}

/* The search entry reports after a short delay: wait for the count to move. */
static void
search (CgWindow   *window,
        const char *text)
{
  CgChronologyPage *page = _cg_window_get_chronology_page (window);
  guint before = n_rows (window);
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  gtk_editable_set_text (_cg_chronology_page_get_search_entry (page), text);
  while (n_rows (window) == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  spin (300);
}

static void
select_agency (CgWindow   *window,
               const char *agency)
{
  CgChronologyPage *page = _cg_window_get_chronology_page (window);
  GtkDropDown *dropdown = _cg_chronology_page_get_agency_filter (page);
  GListModel *names = gtk_drop_down_get_model (dropdown);

  if (agency == NULL)
    {
      gtk_drop_down_set_selected (dropdown, 0);
      return;
    }

  for (guint i = 1; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), agency) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }

  g_error ("No agency “%s” in the filter", agency);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
event_has_words (CgEvent    *e,
                 const char *words)
{
  return contains_casefold (e->text, words) || contains_casefold (e->type, words) ||
         contains_casefold (e->action, words) || contains_casefold (e->comment, words) ||
         contains_casefold (e->source, words) || contains_casefold (e->practitioner, words) ||
         contains_casefold (e->agency, words) || contains_casefold (e->date_text, words);
}

/* Counted from the case file's own records, independently of the view. */
static guint
count_matching (CgWindow   *window,
                const char *agency,
                const char *words)
{
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  guint n = 0;

  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *e = g_ptr_array_index (analysis->events, i);

      if (agency != NULL && g_strcmp0 (e->agency, agency) != 0)
        continue;
      if (words != NULL && !event_has_words (e, words))
        continue;
      n++;
    }

  return n;
}

static void
test_window_welcome (void)
{
  CgWindow *window = open_window (NULL);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chronogram");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  g_assert_nonnull (find_text (GTK_WIDGET (window), "No Review Open"));
  g_assert_nonnull (find_text (GTK_WIDGET (window), "Open a review or create a new one"));
  g_assert_null (_cg_window_get_store (window));
  g_assert_false (gtk_widget_get_visible (window->import_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_chronology (void)
{
  g_autofree char *path = make_case ("child-a.chronogram", G_N_ELEMENTS (child_a));
  CgWindow *window = open_window (path);
  CgChronologyPage *page = _cg_window_get_chronology_page (window);
  CgRecordDetail *detail = _cg_chronology_page_get_detail (page);
  GtkSelectionModel *model = gtk_column_view_get_model (_cg_chronology_page_get_column_view (page));
  CgEvent *first, *last;
  guint n_marac;
  int year, month, day;

  /* The window is named after the review. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, REVIEW_TITLE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "review");
  g_assert_true (gtk_widget_get_visible (window->import_button));

  /* Every row of the seven files, in the integrated order. */
  g_assert_cmpuint (n_rows (window), ==, 36);
  first = row_event (window, 0);
  g_assert_cmpstr (first->file_name, ==, "gp.csv");
  g_assert_cmpuint (first->row, ==, 2);
  cg_date_to_ymd (first->date.start, &year, &month, &day);
  g_assert_cmpint (year, ==, 2019);

  /* The impossible date 31/11/2021 is kept, last, with its date unknown. */
  last = row_event (window, 35);
  g_assert_cmpstr (last->file_name, ==, "gp.csv");
  g_assert_cmpuint (last->row, ==, 7);
  g_assert_cmpint (last->date.precision, ==, CG_PRECISION_UNKNOWN);

  /* The detail pane shows where the selected record comes from... */
  gtk_selection_model_select_item (model, 0, TRUE);
  spin (100);
  g_assert_cmpstr (_cg_record_detail_get_location (detail), ==, "gp.csv, row 2");
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "gp.csv, row 2"));
  g_assert_nonnull (find_text (GTK_WIDGET (detail),
                               "Booking: Kayleigh Brennan, pregnancy with Lily."));

  /* ...and every original cell, the unreadable date too. */
  gtk_selection_model_select_item (model, 35, TRUE);
  spin (100);
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "gp.csv, row 7"));
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "Consultation type"));
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "31/11/2021"));
  g_assert_nonnull (find_text (GTK_WIDGET (detail),
                               "Mason: ear infection, antibiotics prescribed."));

  /* F9 hides and shows the detail pane. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-detail", NULL);
  spin (50);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (detail)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-detail", NULL);
  spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));

  /* The agency filter shows that agency's rows only. */
  for (guint a = 0; a < G_N_ELEMENTS (child_a); a++)
    {
      select_agency (window, child_a[a].agency);
      g_assert_cmpuint (n_rows (window), ==, child_a[a].rows);
      for (guint i = 0; i < n_rows (window); i++)
        g_assert_cmpstr (row_event (window, i)->agency, ==, child_a[a].agency);
    }
  select_agency (window, NULL);
  g_assert_cmpuint (n_rows (window), ==, 36);

  /* Searching narrows to the records with the words, in any case. */
  n_marac = count_matching (window, NULL, "marac");
  g_assert_cmpuint (n_marac, >, 1);
  g_assert_cmpuint (n_marac, <, 36);
  search (window, "MARAC");
  g_assert_cmpuint (n_rows (window), ==, n_marac);
  for (guint i = 0; i < n_rows (window); i++)
    g_assert_true (event_has_words (row_event (window, i), "marac"));

  /* Both together. */
  select_agency (window, "Health Visiting");
  g_assert_cmpuint (n_rows (window), ==, count_matching (window, "Health Visiting", "marac"));
  g_assert_cmpuint (n_rows (window), <, n_marac);
  select_agency (window, NULL);

  /* Words nobody wrote: nothing, said so. */
  search (window, "zebra crossing");
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_nonnull (find_text (GTK_WIDGET (window), "No Matching Records"));
  g_assert_nonnull (find_text (GTK_WIDGET (window), "0 of 36 records"));

  search (window, "");
  g_assert_cmpuint (n_rows (window), ==, 36);
  g_assert_nonnull (find_text (GTK_WIDGET (window), "36 records"));

  /* The flags bar: retrospective records only, counted from the analysis. */
  {
    CgRecordFilter *bar = _cg_chronology_page_get_record_filter (page);
    CgAnalysis *analysis = _cg_window_get_analysis (window);
    guint n_retrospective = 0;

    for (guint i = 0; i < analysis->events->len; i++)
      if (((CgEvent *)g_ptr_array_index (analysis->events, i))->recording ==
          CG_RECORDING_RETROSPECTIVE)
        n_retrospective++;
    g_assert_cmpuint (n_retrospective, >=, 4);   /* expected.json names four */

    cg_record_filter_set_retrospective (bar, TRUE);
    g_assert_cmpuint (n_rows (window), ==, n_retrospective);
    for (guint i = 0; i < n_rows (window); i++)
      g_assert_cmpint (row_event (window, i)->recording, ==, CG_RECORDING_RETROSPECTIVE);
    cg_record_filter_set_retrospective (bar, FALSE);
    g_assert_cmpuint (n_rows (window), ==, 36);
  }

  /* Ctrl+F's action puts the cursor in the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  spin (50);
  {
    GtkWidget *entry = GTK_WIDGET (_cg_chronology_page_get_search_entry (page));
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;   /* the column view keeps it */
    }

  g_error ("No column “%s”", title);
  return NULL;
}

static void
test_window_sorting (void)
{
  g_autofree char *path = make_case ("child-a-sort.chronogram", G_N_ELEMENTS (child_a));
  CgWindow *window = open_window (path);
  CgChronologyPage *page = _cg_window_get_chronology_page (window);
  GtkColumnView *view = _cg_chronology_page_get_column_view (page);
  CgEvent *event;

  gtk_column_view_sort_by_column (view, find_column (view, "Agency"), GTK_SORT_ASCENDING);
  g_assert_cmpuint (n_rows (window), ==, 36);
  g_assert_cmpstr (row_event (window, 0)->agency, ==, "Ambulance Service");
  g_assert_cmpstr (row_event (window, 35)->agency, ==, "School");
  for (guint i = 1; i < 36; i++)
    g_assert_cmpint (g_ascii_strcasecmp (row_event (window, i - 1)->agency,
                                         row_event (window, i)->agency), <=, 0);

  gtk_column_view_sort_by_column (view, find_column (view, "Agency"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (row_event (window, 0)->agency, ==, "School");

  /* Dates ascending: the 2019 booking first, whatever else was sorted before. */
  gtk_column_view_sort_by_column (view, find_column (view, "Date"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (row_event (window, 0)->file_name, ==, "gp.csv");
  g_assert_cmpuint (row_event (window, 0)->row, ==, 2);
  for (guint i = 1; i < 35; i++)
    g_assert_cmpuint (row_event (window, i - 1)->date.start, <=, row_event (window, i)->date.start);

  /* Retrospective records first, marked with the word, not by colour alone. */
  gtk_column_view_sort_by_column (view, find_column (view, "Recording"), GTK_SORT_ASCENDING);
  event = row_event (window, 0);
  g_assert_cmpint (event->recording, ==, CG_RECORDING_RETROSPECTIVE);
  spin (300);
  g_assert_nonnull (find_text (GTK_WIDGET (view), "Retrospective"));

  /* No sort column: back to the integrated chronology's own order. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_cmpstr (row_event (window, 0)->file_name, ==, "gp.csv");
  g_assert_cmpuint (row_event (window, 0)->row, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_empty_review (void)
{
  g_autofree char *path = make_case ("empty.chronogram", 0);
  CgWindow *window = open_window (path);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, REVIEW_TITLE);
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_nonnull (find_text (GTK_WIDGET (window), "Import Each Agency’s Chronology"));
  g_assert_true (gtk_widget_get_visible (window->import_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_window_not_a_case (void)
{
  g_autofree char *csv = data_path ("gp.csv");
  CgWindow *window = open_window (csv);
  AdwMessageDialog *dialog;

  /* The core's message, in a dialog; the window stays as it was. */
  spin (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not a Chronogram case file"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Review");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chronogram");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  g_assert_null (_cg_window_get_store (window));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static CgReviewDialog *
find_review_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CG_IS_REVIEW_DIALOG (toplevel))
        return CG_REVIEW_DIALOG (toplevel);
    }

  return NULL;
}

static void
on_analysis_changed (CgWindow *window,
                     guint    *count)
{
  (*count)++;
}

static void
test_window_review_details (void)
{
  g_autofree char *path = make_case ("details.chronogram", 2);
  CgWindow *window = open_window (path);
  CgReviewDialog *dialog;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (window, "analysis-changed", G_CALLBACK (on_analysis_changed), &changes);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-details", NULL);
  dialog = find_review_dialog ();
  g_assert_nonnull (dialog);
  review = _cg_review_dialog_dup_review (dialog);
  g_assert_cmpstr (review->title, ==, REVIEW_TITLE);
  g_assert_cmpstr (review->subject, ==, "Child A");
  g_assert_cmpuint (review->incident, ==, cg_date_from_iso ("2022-01-20"));

  _cg_review_dialog_set_title (dialog, "Overview: Child A");
  g_signal_emit_by_name (dialog, "accepted");
  wait_idle (window);

  /* Stored, shown as the title, and the analysis run again. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Overview: Child A");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_null (find_review_dialog ());
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&review, cg_review_free);
  review = cg_store_dup_review (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (review->title, ==, "Overview: Child A");
  g_assert_cmpstr (review->subject, ==, "Child A");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_add_page (void)
{
  g_autofree char *path = make_case ("pages.chronogram", 1);
  CgWindow *window = open_window (path);
  GtkWidget *page = gtk_label_new ("Analysis goes here");

  _cg_window_add_page (window, page, "analysis", "Analysis", "dialog-warning-symbolic");
  _cg_window_show_page (window, "analysis");
  spin (100);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));

  /* Revealing a record goes back to the chronology and selects it. */
  g_assert_true (_cg_window_reveal_record (window, row_event (window, 3)));
  spin (100);
  g_assert_false (gtk_widget_get_mapped (page));
  g_assert_true (_cg_chronology_page_get_selected (_cg_window_get_chronology_page (window)) ==
                 row_event (window, 3));

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

/* Tooltips kept with the widget are handed over when GTK asks for them. */
static void
test_window_tooltips (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("Reviewed missed appointment"));
  GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  _cg_widget_set_tooltip (label, "Reviewed missed appointment with the child; to be discussed");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  g_signal_emit_by_name (label, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  g_assert_true (shown);

  /* set again on the next bind: the new text, or none */
  _cg_widget_set_tooltip (label, NULL);
  shown = TRUE;
  g_signal_emit_by_name (label, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  g_assert_false (shown);
  _cg_widget_set_tooltip (label, "Discussed nursery place");
  shown = FALSE;
  g_signal_emit_by_name (label, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  g_assert_true (shown);
  g_object_unref (tooltip);
  g_object_unref (label);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  tmpdir = g_dir_make_tmp ("chronogram-test-window-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  /* Recent files go here, not into the user's list. */
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/tooltips", test_window_tooltips);
  g_test_add_func ("/window/chronology", test_window_chronology);
  g_test_add_func ("/window/sorting", test_window_sorting);
  g_test_add_func ("/window/empty-review", test_window_empty_review);
  g_test_add_func ("/window/not-a-case", test_window_not_a_case);
  g_test_add_func ("/window/review-details", test_window_review_details);
  g_test_add_func ("/window/add-page", test_window_add_page);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
