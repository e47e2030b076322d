/* cg-summary-view.c
 *
 * The summary pane: how many records each agency gave, how many are of an
 * occurrence another agency also recorded, its open flags, how much of it was
 * written later (retrospective), and how often it records the subject child
 * as seen; then the open flags by kind, and any decision whose records a
 * corrected file dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-summary-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-analysis-page.h"
#include "cg-summary-view.h"
#include "cg-window-private.h"
#include "cg-tooltip.h"

enum {
  COLUMN_AGENCY,
  COLUMN_RECORDS,
  COLUMN_LINKED,
  COLUMN_FLAGS,
  COLUMN_RETROSPECTIVE,
  COLUMN_SEEN,
  COLUMN_NOT_SEEN,
  N_COLUMNS
};

static const char * const column_ids[N_COLUMNS] = {
  "agency", "records", "linked", "flags", "retrospective", "seen", "not-seen",
};

struct _CgSummaryView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkFlowBox          *totals_box;
  GtkGrid             *agency_grid;
  GtkLabel            *footnote_label;
  AdwPreferencesGroup *flags_group;
  AdwPreferencesGroup *orphans_group;

  /* Owned references */
  GHashTable          *cells;        /* "agency\x1fcolumn" -> GtkLabel, borrowed from the grid */
  GPtrArray           *flag_rows;    /* GtkWidget, borrowed from the group */
  GPtrArray           *orphan_rows;
};

G_DEFINE_FINAL_TYPE (CgSummaryView, cg_summary_view, ADW_TYPE_BIN)

/* ------------------------------------------------------------------- totals */

static void
add_total (CgSummaryView *self,
           guint          number,
           const char    *caption,
           const char    *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *value = gtk_label_new (text);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_xalign (GTK_LABEL (value), 0.0);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "summary-total");
  _cg_widget_set_tooltip (box, tooltip);
  gtk_flow_box_append (self->totals_box, box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
fill_totals (CgSummaryView *self,
             CgSummary     *summary)
{
  GtkWidget *child;
  guint retrospective = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_box))) != NULL)
    gtk_flow_box_remove (self->totals_box, child);

  if (summary == NULL)
    return;

  for (guint i = 0; i < summary->agencies->len; i++)
    retrospective += ((CgAgencySummary *)g_ptr_array_index (summary->agencies, i))->retrospective;

  add_total (self, summary->records,
             g_dngettext (NULL, "record", "records", summary->records),
             _("Rows in the agencies’ chronologies"));
  add_total (self, summary->clusters,
             g_dngettext (NULL, "linked occurrence", "linked occurrences", summary->clusters),
             _("Occurrences recorded by more than one agency"));
  add_total (self, summary->duplicates,
             g_dngettext (NULL, "repeated record", "repeated records", summary->duplicates),
             _("Records an agency’s file holds more than once"));
  add_total (self, summary->open_flags,
             g_dngettext (NULL, "open flag", "open flags", summary->open_flags),
             _("Discrepancies not yet explained or dismissed"));
  add_total (self, retrospective, _("retrospective"),
             _("Records written later than the event, or accounts given afterwards"));
  if (summary->undated > 0)
    add_total (self, summary->undated, _("undated"), _("Records whose date could not be read"));
}

/* ------------------------------------------------------------ agency table */

static GtkWidget *
make_cell_label (const char *text,
                 gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "summary-cell");
  return label;
}

static void
attach_header (CgSummaryView *self,
               guint          column,
               const char    *title,
               const char    *icon_name,
               const char    *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_AGENCY ? 0.0 : 1.0);
  gtk_box_append (GTK_BOX (box), label);
  /* Numbers are right-aligned, and so are their headings, icon and all. */
  gtk_widget_set_halign (box, column == COLUMN_AGENCY ? GTK_ALIGN_START : GTK_ALIGN_END);
  _cg_widget_set_tooltip (box, tooltip);
  gtk_widget_add_css_class (box, "summary-cell");
  gtk_widget_add_css_class (box, "summary-header");
  gtk_widget_add_css_class (box, "caption-heading");
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_grid_attach (self->agency_grid, box, column, 0, 1, 1);
}

static void
attach_number (CgSummaryView *self,
               const char    *agency,
               guint          column,
               int            row,
               guint          number)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *label = make_cell_label (text, TRUE);

  if (number == 0)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (self->agency_grid, label, column, row, 1, 1);
  g_hash_table_insert (self->cells, g_strdup_printf ("%s\x1f%s", agency, column_ids[column]),
                       label);
}

/* A level bar with the number beside it: the share reads without the bar. */
static void
attach_share (CgSummaryView *self,
              const char    *agency,
              int            row,
              guint          part,
              guint          whole)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  double share = whole > 0 ? (double)part / whole : 0.0;
  guint percent = whole > 0 ? (part * 100 + whole / 2) / whole : 0;
  /* Translators: a share and what it is of: "13% (1 of 8)" */
  g_autofree char *text = g_strdup_printf (_("%u%% (%u of %u)"), percent, part, whole);
  GtkWidget *label = make_cell_label (text, TRUE);

  /* One calm colour at every level: a high share is not an alarm. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), share);
  gtk_widget_set_size_request (bar, 90, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Retrospective share"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_widget_remove_css_class (label, "summary-cell");
  gtk_widget_set_size_request (label, 110, -1);
  if (part == 0)
    gtk_widget_add_css_class (label, "dim-label");

  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "summary-cell");
  gtk_grid_attach (self->agency_grid, box, COLUMN_RETROSPECTIVE, row, 1, 1);
  g_hash_table_insert (self->cells,
                       g_strdup_printf ("%s\x1f%s", agency, column_ids[COLUMN_RETROSPECTIVE]),
                       label);
}

static void
attach_separator (CgSummaryView *self,
                  int            row)
{
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_grid_attach (self->agency_grid, separator, 0, row, N_COLUMNS, 1);
}

static int
attach_agency (CgSummaryView         *self,
               int                    row,
               const CgAgencySummary *agency,
               const char            *name,
               gboolean               total)
{
  GtkWidget *label = make_cell_label (name, FALSE);

  attach_separator (self, row++);
  if (total)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->agency_grid, label, COLUMN_AGENCY, row, 1, 1);
  g_hash_table_insert (self->cells, g_strdup_printf ("%s\x1f%s", name, column_ids[COLUMN_AGENCY]),
                       label);

  attach_number (self, name, COLUMN_RECORDS, row, agency->records);
  attach_number (self, name, COLUMN_LINKED, row, agency->clustered);
  attach_number (self, name, COLUMN_FLAGS, row, agency->open_flags);
  attach_share (self, name, row, agency->retrospective, agency->records);
  attach_number (self, name, COLUMN_SEEN, row, agency->child_seen);
  attach_number (self, name, COLUMN_NOT_SEEN, row, agency->child_not_seen);
  return row + 1;
}

static void
fill_agencies (CgSummaryView *self,
               CgAnalysis    *analysis,
               CgSummary     *summary)
{
  const char *subject = NULL;
  g_autofree char *seen_title = NULL;
  g_autofree char *footnote = NULL;
  CgAgencySummary all = { NULL, };
  GtkWidget *child;
  int retrospective_days = CG_DEFAULT_RETROSPECTIVE_DAYS;
  int row = 1;

  g_hash_table_remove_all (self->cells);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agency_grid))) != NULL)
    gtk_grid_remove (self->agency_grid, child);

  if (summary == NULL)
    return;

  if (analysis->review != NULL)
    {
      if (analysis->review->subject != NULL && *analysis->review->subject != '\0')
        subject = analysis->review->subject;
      retrospective_days = analysis->review->retrospective_days;
    }

  /* Translators: column heading: the subject child, e.g. "Child A seen" */
  seen_title = subject ? g_strdup_printf (_("%s seen"), subject) : g_strdup (_("Child seen"));

  attach_header (self, COLUMN_AGENCY, _("Agency"), NULL, NULL);
  attach_header (self, COLUMN_RECORDS, _("Records"), NULL, _("Rows in the agency’s chronology"));
  attach_header (self, COLUMN_LINKED, _("Linked"), "insert-link-symbolic",
                 _("Records of an occurrence another agency also recorded"));
  attach_header (self, COLUMN_FLAGS, _("Flagged"), "emoji-flags-symbolic",
                 _("Records named by a flag not yet explained or dismissed"));
  attach_header (self, COLUMN_RETROSPECTIVE, _("Retrospective"), "document-open-recent-symbolic",
                 _("Records written later than the event, or accounts given afterwards"));
  attach_header (self, COLUMN_SEEN, seen_title, NULL,
                 _("Records that say the subject child was seen"));
  attach_header (self, COLUMN_NOT_SEEN, _("Not seen"), NULL,
                 _("Records that say the subject child was not seen"));

  for (guint i = 0; i < summary->agencies->len; i++)
    {
      CgAgencySummary *agency = g_ptr_array_index (summary->agencies, i);

      row = attach_agency (self, row, agency, agency->agency, FALSE);
      all.records += agency->records;
      all.clustered += agency->clustered;
      all.open_flags += agency->open_flags;
      all.retrospective += agency->retrospective;
      all.contemporaneous += agency->contemporaneous;
      all.child_seen += agency->child_seen;
      all.child_not_seen += agency->child_not_seen;
    }

  if (summary->agencies->len > 1)
    attach_agency (self, row, &all, _("All agencies"), TRUE);

  footnote = g_strdup_printf (g_dngettext (NULL,
                                           "Retrospective: written more than %d day after the "
                                           "event, or an account given later (a statement, "
                                           "an interview, a recollection). Seen and not seen "
                                           "count the records that say so; records that do not "
                                           "say are not counted.",
                                           "Retrospective: written more than %d days after the "
                                           "event, or an account given later (a statement, "
                                           "an interview, a recollection). Seen and not seen "
                                           "count the records that say so; records that do not "
                                           "say are not counted.",
                                           retrospective_days),
                              retrospective_days);
  gtk_label_set_text (self->footnote_label, footnote);
}

/* -------------------------------------------------------------------- flags */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
fill_flags (CgSummaryView *self,
            CgSummary     *summary)
{
  clear_rows (self->flags_group, self->flag_rows);

  if (summary == NULL)
    return;

  for (int kind = 0; kind < CG_N_DISCREPANCY_KINDS; kind++)
    {
      guint count = summary->open_by_kind[kind];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = g_strdup_printf ("%u", count);
      GtkWidget *number = gtk_label_new (text);
      const char *icon_name = _cg_discrepancy_kind_get_icon_name (kind);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cg_discrepancy_kind_get_label (kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _cg_discrepancy_kind_get_description (kind));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
      gtk_widget_add_css_class (number, "numeric");
      gtk_widget_add_css_class (number, "title-4");
      if (count == 0)
        gtk_widget_add_css_class (number, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), number);

      if (count > 0)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "analysis.show-flags");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int32 (kind));
        }

      adw_preferences_group_add (self->flags_group, row);
      g_ptr_array_add (self->flag_rows, row);
    }
}

static void
fill_orphans (CgSummaryView *self,
              CgAnalysis    *analysis)
{
  CgWindow *window = _cg_analysis_view_get_window (GTK_WIDGET (self));
  g_auto(GStrv) lines = NULL;
  CgStore *store;

  clear_rows (self->orphans_group, self->orphan_rows);

  /* The store is the window's, on the main thread only while it is idle. */
  if (analysis != NULL && window != NULL && !_cg_window_get_busy (window) &&
      (store = _cg_window_get_store (window)) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!(lines = cg_store_dup_orphaned_decisions (store, &error)) && error != NULL)
        g_warning ("Could not read the orphaned decisions: %s", error->message);
    }

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lines[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-information-symbolic"));
      adw_preferences_group_add (self->orphans_group, row);
      g_ptr_array_add (self->orphan_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->orphans_group), self->orphan_rows->len > 0);
}

/* ------------------------------------------------------------------- public */

/**
 * _cg_summary_view_set_analysis:
 * @analysis: (nullable): read during the call only
 */
void
_cg_summary_view_set_analysis (CgSummaryView *self,
                               CgAnalysis    *analysis)
{
  g_autoptr(CgSummary) summary = NULL;

  g_return_if_fail (CG_IS_SUMMARY_VIEW (self));

  if (analysis != NULL)
    summary = cg_analysis_summarise (analysis);

  fill_totals (self, summary);
  fill_agencies (self, analysis, summary);
  fill_flags (self, summary);
  fill_orphans (self, analysis);
}

const char *
_cg_summary_view_get_cell (CgSummaryView *self,
                           const char    *agency,
                           const char    *column)
{
  g_autofree char *key = NULL;
  GtkLabel *label;

  g_return_val_if_fail (CG_IS_SUMMARY_VIEW (self), NULL);

  key = g_strdup_printf ("%s\x1f%s", agency, column);
  label = g_hash_table_lookup (self->cells, key);
  return label ? gtk_label_get_text (label) : NULL;
}

/* ------------------------------------------------------------------ GObject */

static void
cg_summary_view_dispose (GObject *object)
{
  CgSummaryView *self = (CgSummaryView *)object;

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->flag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->orphan_rows, g_ptr_array_unref);

  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_SUMMARY_VIEW);

  G_OBJECT_CLASS (cg_summary_view_parent_class)->dispose (object);
}

static void
cg_summary_view_class_init (CgSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_summary_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-summary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgSummaryView, totals_box);
  gtk_widget_class_bind_template_child (widget_class, CgSummaryView, agency_grid);
  gtk_widget_class_bind_template_child (widget_class, CgSummaryView, footnote_label);
  gtk_widget_class_bind_template_child (widget_class, CgSummaryView, flags_group);
  gtk_widget_class_bind_template_child (widget_class, CgSummaryView, orphans_group);

  gtk_widget_class_set_css_name (widget_class, "summaryview");
}

static void
cg_summary_view_init (CgSummaryView *self)
{
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->flag_rows = g_ptr_array_new ();
  self->orphan_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
