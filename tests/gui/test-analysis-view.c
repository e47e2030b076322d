/* test-analysis-view.c: the Analysis page (flags, clusters, summary) on the
 * Child A review, in a real window under Xvfb
 *
 * With CHRONOGRAM_SCREENSHOTS=<dir> it also saves what each view looks like.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cg-analysis-page.h"
#include "cg-family.h"
#include "cg-import.h"
#include "cg-record-filter.h"
#include "cg-window-private.h"

/* tests/data/child-a/expected.json, "imports" and "row_counts" */
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

/* expected.json: the discrepancies a right analysis must raise, and those it
 * may also raise ("optional_discrepancies"). */
static const struct
{
  CgDiscrepancyKind kind;
  guint             required;
  guint             optional;
} child_a_flags[] = {
  { CG_DISCREPANCY_DATE_CONFLICT, 1, 0 },
  { CG_DISCREPANCY_TIME_CONFLICT, 0, 1 },
  { CG_DISCREPANCY_FACT_CONFLICT, 1, 1 },
  { CG_DISCREPANCY_MISSING_COUNTERPART, 2, 2 },
  { CG_DISCREPANCY_OUT_OF_SEQUENCE, 2, 0 },
  { CG_DISCREPANCY_OUTSIDE_SCOPE, 1, 0 },
  { CG_DISCREPANCY_SILENCE, 0, 0 },
};

static char *tmpdir;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("CHRONOGRAM_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "child-a", name, NULL);
}

/* The Child A review, made through the core as the command line makes it. */
static char *
make_case (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
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
  cg_analysis_page_attach (window);

  _cg_window_open_file (window, file);
  wait_idle (window);
  g_assert_nonnull (_cg_window_get_analysis (window));

  return window;
}

static CgAnalysisPage *
show_analysis (CgWindow   *window,
               const char *view)
{
  CgAnalysisPage *page = CG_ANALYSIS_PAGE (adw_view_stack_get_child_by_name (window->view_stack,
                                                                             "analysis"));

  g_assert_nonnull (page);
  _cg_window_show_page (window, "analysis");
  _cg_analysis_page_show_view (page, view);
  g_assert_cmpstr (_cg_analysis_page_get_visible_view (page), ==, view);
  spin (100);
  return page;
}

static CgEvent *
find_record (CgAnalysis *analysis,
             const char *file_name,
             guint       row)
{
  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);

      if (event->row == row && g_strcmp0 (event->file_name, file_name) == 0)
        return event;
    }

  g_error ("No record %s:%u", file_name, row);
  return NULL;
}

static CgDiscrepancy *
find_flag (CgAnalysis        *analysis,
           CgDiscrepancyKind  kind,
           CgEvent           *event)
{
  for (guint i = 0; i < analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *flag = g_ptr_array_index (analysis->discrepancies, i);

      if (flag->kind == kind)
        for (guint j = 0; j < flag->events->len; j++)
          if (g_ptr_array_index (flag->events, j) == event)
            return flag;
    }

  return NULL;
}

static guint
count_open (CgAnalysis        *analysis,
            CgDiscrepancyKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *flag = g_ptr_array_index (analysis->discrepancies, i);

      n += flag->kind == kind && flag->status == CG_FLAG_OPEN;
    }

  return n;
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
  path = g_strdup_printf ("%s/shot-analysis-%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* ------------------------------------------------------------------- flags */

static void
test_analysis_flags (void)
{
  g_autofree char *path = make_case ("flags.chronogram");
  CgWindow *window = open_window (path);
  CgAnalysisPage *page = show_analysis (window, "flags");
  CgFlagsView *flags = _cg_analysis_page_get_flags_view (page);
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  guint total = 0;
  CgEvent *event;

  /* Every open flag is listed, grouped by kind, as many as the analysis
   * raised, and those are what the Child A review must (and may) raise. */
  for (guint i = 0; i < G_N_ELEMENTS (child_a_flags); i++)
    {
      guint shown = _cg_flags_view_count_shown (flags, child_a_flags[i].kind);

      g_test_message ("%s: %u", cg_discrepancy_kind_to_string (child_a_flags[i].kind), shown);
      g_assert_cmpuint (shown, ==, count_open (analysis, child_a_flags[i].kind));
      g_assert_cmpuint (shown, >=, child_a_flags[i].required);
      g_assert_cmpuint (shown, <=, child_a_flags[i].required + child_a_flags[i].optional);
      total += shown;
    }
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, total);

  save_screenshot (window, "flags");

  /* One kind */
  _cg_flags_view_set_filter (flags, CG_FLAGS_SHOW_OPEN, CG_DISCREPANCY_OUT_OF_SEQUENCE);
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, 2);
  g_assert_cmpuint (_cg_flags_view_count_shown (flags, CG_DISCREPANCY_DATE_CONFLICT), ==, 0);
  _cg_flags_view_set_filter (flags, CG_FLAGS_SHOW_EXPLAINED, -1);
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, 0);
  _cg_flags_view_set_filter (flags, CG_FLAGS_SHOW_OPEN, -1);
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, total);

  /* A record of a flag is one click from the chronology. */
  event = find_record (analysis, "gp.csv", 2);
  gtk_widget_activate_action (GTK_WIDGET (flags), "flag.reveal", "x", event->id);
  spin (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "chronology");
  g_assert_true (_cg_chronology_page_get_selected (_cg_window_get_chronology_page (window)) ==
                 event);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
explain_flag (CgWindow    *window,
              CgFlagsView *flags,
              gint64       flag_id,
              const char  *note)
{
  GtkWindow *dialog;
  GtkWidget *text_view;

  gtk_widget_activate_action (GTK_WIDGET (flags), "flag.explain", "x", flag_id);
  dialog = _cg_flags_view_get_dialog (flags);
  g_assert_nonnull (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));

  /* No explanation, no decision. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  text_view = find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), note, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  save_screenshot (dialog, "note-dialog");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (dialog);

  /* Written at once; the analysis runs again in the window's thread. */
  g_assert_true (_cg_window_get_busy (window));
  wait_idle (window);
}

static void
test_analysis_explain (void)
{
  static const char note[] = "GP record from before the scope, kept for background "
                             "<history> & context";
  g_autofree char *path = make_case ("explain.chronogram");
  CgWindow *window = open_window (path);
  CgAnalysisPage *page = show_analysis (window, "flags");
  CgFlagsView *flags = _cg_analysis_page_get_flags_view (page);
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  CgDiscrepancy *flag = find_flag (analysis, CG_DISCREPANCY_OUTSIDE_SCOPE,
                                   find_record (analysis, "gp.csv", 2));
  guint open_before = _cg_flags_view_get_n_shown (flags);
  g_autofree char *key = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgAnalysis) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (flag);
  key = g_strdup (flag->key);
  explain_flag (window, flags, flag->id, note);

  /* The window's new analysis, and the list, know it. */
  analysis = _cg_window_get_analysis (window);
  flag = find_flag (analysis, CG_DISCREPANCY_OUTSIDE_SCOPE, find_record (analysis, "gp.csv", 2));
  g_assert_nonnull (flag);
  g_assert_cmpint (flag->status, ==, CG_FLAG_EXPLAINED);
  g_assert_cmpstr (flag->note, ==, note);
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, open_before - 1);
  g_assert_cmpuint (_cg_flags_view_count_shown (flags, CG_DISCREPANCY_OUTSIDE_SCOPE), ==, 0);
  _cg_flags_view_set_filter (flags, CG_FLAGS_SHOW_EXPLAINED, -1);
  g_assert_cmpuint (_cg_flags_view_count_shown (flags, CG_DISCREPANCY_OUTSIDE_SCOPE), ==, 1);
  save_screenshot (window, "flags-explained");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);

  /* In the case file, through another analysis. */
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  cg_analysis_run_and_store (store, &error);
  g_assert_no_error (error);
  stored = cg_store_load_analysis (store, &error);
  g_assert_no_error (error);
  flag = NULL;
  for (guint i = 0; i < stored->discrepancies->len; i++)
    if (g_strcmp0 (((CgDiscrepancy *)g_ptr_array_index (stored->discrepancies, i))->key, key) == 0)
      flag = g_ptr_array_index (stored->discrepancies, i);
  g_assert_nonnull (flag);
  g_assert_cmpint (flag->status, ==, CG_FLAG_EXPLAINED);
  g_assert_cmpstr (flag->note, ==, note);
  g_clear_object (&store);

  /* And in a new window: reopen it. */
  window = open_window (path);
  page = show_analysis (window, "flags");
  flags = _cg_analysis_page_get_flags_view (page);
  _cg_flags_view_set_filter (flags, CG_FLAGS_SHOW_EXPLAINED, -1);
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, 1);

  analysis = _cg_window_get_analysis (window);
  flag = find_flag (analysis, CG_DISCREPANCY_OUTSIDE_SCOPE, find_record (analysis, "gp.csv", 2));
  gtk_widget_activate_action (GTK_WIDGET (flags), "flag.reopen", "x", flag->id);
  wait_idle (window);
  g_assert_cmpuint (_cg_flags_view_get_n_shown (flags), ==, 0);
  analysis = _cg_window_get_analysis (window);
  flag = find_flag (analysis, CG_DISCREPANCY_OUTSIDE_SCOPE, find_record (analysis, "gp.csv", 2));
  g_assert_cmpint (flag->status, ==, CG_FLAG_OPEN);
  g_assert_cmpstr (flag->note, ==, note);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---------------------------------------------------------------- clusters */

static guint
n_chronology_rows (CgWindow *window)
{
  CgChronologyPage *page = _cg_window_get_chronology_page (window);
  GtkColumnView *view = _cg_chronology_page_get_column_view (page);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static void
test_analysis_clusters (void)
{
  g_autofree char *path = make_case ("clusters.chronogram");
  CgWindow *window = open_window (path);
  CgAnalysisPage *page = show_analysis (window, "clusters");
  CgClusterInspector *inspector = _cg_analysis_page_get_cluster_inspector (page);
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  CgEvent *ambulance = find_record (analysis, "ambulance.csv", 2);
  CgEvent *police = find_record (analysis, "police.csv", 7);
  CgEvent *csc = find_record (analysis, "csc.csv", 8);
  CgCluster *cluster;

  g_assert_cmpuint (_cg_cluster_inspector_get_n_listed (inspector), ==, analysis->clusters->len);

  /* The 20 January attendance: ambulance, ED and police, side by side. */
  g_assert_cmpint (ambulance->cluster_id, !=, 0);
  g_assert_true (_cg_cluster_inspector_show_cluster (inspector, ambulance->cluster_id));
  cluster = _cg_cluster_inspector_get_cluster (inspector);
  g_assert_nonnull (cluster);
  g_assert_cmpint (cluster->id, ==, ambulance->cluster_id);
  g_assert_cmpuint (_cg_cluster_inspector_get_n_accounts (inspector), ==, 3);
  g_assert_cmpint (police->cluster_id, ==, ambulance->cluster_id);
  save_screenshot (window, "clusters-attendance");

  /* The chronology shows the cluster's records, and only them. */
  gtk_widget_activate_action (GTK_WIDGET (inspector), "cluster.show-in-chronology", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "chronology");
  g_assert_cmpuint (n_chronology_rows (window), ==, 3);
  cg_record_filter_clear (_cg_chronology_page_get_record_filter (
                            _cg_window_get_chronology_page (window)));
  g_assert_cmpuint (n_chronology_rows (window), ==, 36);
  show_analysis (window, "clusters");

  /* The accounts that disagree on the date are marked. */
  g_assert_true (_cg_cluster_inspector_show_cluster (inspector, csc->cluster_id));
  g_assert_cmpuint (_cg_cluster_inspector_get_n_differing (inspector), >=, 2);
  save_screenshot (window, "clusters");

  /* Take the police record out of the attendance; it stays out. */
  g_assert_true (_cg_cluster_inspector_show_cluster (inspector, ambulance->cluster_id));
  gtk_widget_activate_action (GTK_WIDGET (inspector), "cluster.take-out", "x", police->id);
  g_assert_true (_cg_window_get_busy (window));
  wait_idle (window);

  analysis = _cg_window_get_analysis (window);
  ambulance = find_record (analysis, "ambulance.csv", 2);
  police = find_record (analysis, "police.csv", 7);
  g_assert_true (police->cluster_id == 0 || police->cluster_id != ambulance->cluster_id);
  cluster = _cg_cluster_inspector_get_cluster (inspector);
  g_assert_nonnull (cluster);
  g_assert_cmpint (cluster->id, ==, ambulance->cluster_id);
  g_assert_cmpuint (_cg_cluster_inspector_get_n_accounts (inspector), ==, 2);

  _cg_window_reload (window, TRUE);
  wait_idle (window);
  analysis = _cg_window_get_analysis (window);
  ambulance = find_record (analysis, "ambulance.csv", 2);
  police = find_record (analysis, "police.csv", 7);
  g_assert_true (police->cluster_id == 0 || police->cluster_id != ambulance->cluster_id);

  /* Confirm what is left. */
  gtk_widget_activate_action (GTK_WIDGET (inspector), "cluster.confirm", NULL);
  wait_idle (window);
  cluster = _cg_cluster_inspector_get_cluster (inspector);
  g_assert_nonnull (cluster);
  g_assert_cmpint (cluster->decision, ==, CG_DECISION_CONFIRMED);

  /* Join it back: the popover offers it, as a record of the same week. */
  analysis = _cg_window_get_analysis (window);
  police = find_record (analysis, "police.csv", 7);
  gtk_menu_button_popup (GTK_MENU_BUTTON (find_widget (GTK_WIDGET (inspector),
                                                       GTK_TYPE_MENU_BUTTON)));
  spin (100);
  gtk_widget_activate_action (GTK_WIDGET (inspector), "cluster.join", "x", police->id);
  wait_idle (window);
  analysis = _cg_window_get_analysis (window);
  ambulance = find_record (analysis, "ambulance.csv", 2);
  police = find_record (analysis, "police.csv", 7);
  g_assert_cmpint (police->cluster_id, ==, ambulance->cluster_id);
  g_assert_cmpuint (_cg_cluster_inspector_get_n_accounts (inspector), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ----------------------------------------------------------------- summary */

static void
test_analysis_summary (void)
{
  g_autofree char *path = make_case ("summary.chronogram");
  CgWindow *window = open_window (path);
  CgAnalysisPage *page = show_analysis (window, "summary");
  CgSummaryView *summary_view = _cg_analysis_page_get_summary_view (page);
  g_autoptr(CgSummary) summary = cg_analysis_summarise (_cg_window_get_analysis (window));

  for (guint i = 0; i < G_N_ELEMENTS (child_a); i++)
    {
      g_autofree char *rows = g_strdup_printf ("%u", child_a[i].rows);

      g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, child_a[i].agency, "records"), ==,
                       rows);
    }
  g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, "All agencies", "records"), ==, "36");

  for (guint i = 0; i < summary->agencies->len; i++)
    {
      CgAgencySummary *agency = g_ptr_array_index (summary->agencies, i);
      g_autofree char *linked = g_strdup_printf ("%u", agency->clustered);
      g_autofree char *seen = g_strdup_printf ("%u", agency->child_seen);
      g_autofree char *not_seen = g_strdup_printf ("%u", agency->child_not_seen);
      g_autofree char *flagged = g_strdup_printf ("%u", agency->open_flags);
      g_autofree char *share = g_strdup_printf ("(%u of %u)", agency->retrospective,
                                                agency->records);

      g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, agency->agency, "linked"), ==,
                       linked);
      g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, agency->agency, "seen"), ==, seen);
      g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, agency->agency, "not-seen"), ==,
                       not_seen);
      g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, agency->agency, "flags"), ==,
                       flagged);
      g_assert_true (g_str_has_suffix (_cg_summary_view_get_cell (summary_view, agency->agency,
                                                                  "retrospective"), share));
    }

  /* expected.json: one retrospective police record of 8 */
  g_assert_cmpstr (_cg_summary_view_get_cell (summary_view, "Police", "retrospective"), ==,
                   "13% (1 of 8)");
  save_screenshot (window, "summary");

  /* A kind of flag leads to its flags. */
  gtk_widget_activate_action (GTK_WIDGET (summary_view), "analysis.show-flags", "i",
                              (int)CG_DISCREPANCY_OUT_OF_SEQUENCE);
  g_assert_cmpstr (_cg_analysis_page_get_visible_view (page), ==, "flags");
  g_assert_cmpuint (_cg_flags_view_get_n_shown (_cg_analysis_page_get_flags_view (page)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ----------------------------------------------------------- record filter */

static guint
n_matching (CgRecordFilter *bar,
            GListModel     *events)
{
  g_autoptr(GtkFilterListModel) filtered =
    gtk_filter_list_model_new (g_object_ref (events),
                               g_object_ref (cg_record_filter_get_filter (bar)));

  return g_list_model_get_n_items (G_LIST_MODEL (filtered));
}

static void
test_analysis_record_filter (void)
{
  g_autofree char *path = make_case ("filter.chronogram");
  CgWindow *window = open_window (path);
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  GtkWidget *bar = g_object_ref_sink (cg_record_filter_new ());
  CgRecordFilter *filter = CG_RECORD_FILTER (bar);
  g_autoptr(GListStore) events = g_list_store_new (CG_TYPE_EVENT);
  guint flagged = 0;
  CgEvent *ambulance = find_record (analysis, "ambulance.csv", 2);

  g_list_store_splice (events, 0, 0, analysis->events->pdata, analysis->events->len);
  cg_record_filter_set_analysis (filter, analysis);
  g_assert_false (cg_record_filter_get_active (filter));
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 36);

  for (guint i = 0; i < analysis->events->len; i++)
    flagged += ((CgEvent *)g_ptr_array_index (analysis->events, i))->n_flags > 0;
  cg_record_filter_set_flags (filter, CG_RECORD_FILTER_ANY_FLAG);
  g_assert_true (cg_record_filter_get_active (filter));
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, flagged);

  /* police.csv:8 and 9, gp.csv:5 and 6 */
  cg_record_filter_set_flags (filter, CG_DISCREPANCY_OUT_OF_SEQUENCE);
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 4);
  cg_record_filter_set_agency (filter, "Police");
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 2);
  cg_record_filter_set_flags (filter, CG_RECORD_FILTER_ANY_RECORD);
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 8);

  /* expected.json "retrospective": one of Police's, four in all */
  cg_record_filter_set_retrospective (filter, TRUE);
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 1);
  cg_record_filter_set_agency (filter, NULL);
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 4);
  cg_record_filter_set_retrospective (filter, FALSE);

  cg_record_filter_set_links (filter, CG_RECORD_LINKS_REPEATED);
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 2);
  cg_record_filter_set_links (filter, CG_RECORD_LINKS_ANY);
  cg_record_filter_set_cluster (filter, ambulance->cluster_id);
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 3);

  if (g_getenv ("CHRONOGRAM_SCREENSHOTS") != NULL)
    {
      GtkWidget *shown = gtk_window_new ();

      cg_record_filter_set_flags (filter, CG_DISCREPANCY_DATE_CONFLICT);
      gtk_window_set_child (GTK_WINDOW (shown), bar);
      gtk_window_present (GTK_WINDOW (shown));
      save_screenshot (shown, "record-filter");
      gtk_window_set_child (GTK_WINDOW (shown), NULL);
      gtk_window_destroy (GTK_WINDOW (shown));
    }

  cg_record_filter_clear (filter);
  g_assert_false (cg_record_filter_get_active (filter));
  g_assert_cmpuint (n_matching (filter, G_LIST_MODEL (events)), ==, 36);

  cg_record_filter_set_analysis (filter, NULL);
  g_object_unref (bar);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ----------------------------------------------------------------- helpers */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        remove_tree (child);
      }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  tmpdir = g_dir_make_tmp ("chronogram-test-analysis-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Xvfb has no window manager to give the window focus: a blinking cursor
   * in the join popover's search entry would warn that it lost focus. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/analysis-view/flags", test_analysis_flags);
  g_test_add_func ("/analysis-view/explain", test_analysis_explain);
  g_test_add_func ("/analysis-view/clusters", test_analysis_clusters);
  g_test_add_func ("/analysis-view/summary", test_analysis_summary);
  g_test_add_func ("/analysis-view/record-filter", test_analysis_record_filter);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
