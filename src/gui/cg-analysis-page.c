/* cg-analysis-page.c
 *
 * The Analysis page: the flags to explain or dismiss, the clusters of records
 * of one occurrence with every agency's account side by side, and a summary
 * per agency. The page follows the window's analysis; the author's decisions
 * are written at once and the window runs the analysis again in its thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-analysis-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-analysis-page.h"
#include "cg-event-labels.h"
#include "cg-window-private.h"

struct _CgAnalysisPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkListBox         *sidebar;
  GtkListBoxRow      *flags_row;
  GtkListBoxRow      *clusters_row;
  GtkListBoxRow      *summary_row;
  GtkLabel           *flags_count;
  GtkLabel           *clusters_count;
  GtkStack           *view_stack;
  CgFlagsView        *flags_view;
  CgClusterInspector *cluster_inspector;
  CgSummaryView      *summary_view;

  /* Borrowed references: the page lives inside its window. */
  CgWindow           *window;
};

G_DEFINE_FINAL_TYPE (CgAnalysisPage, cg_analysis_page, ADW_TYPE_BIN)

/* ------------------------------------------------------------ shared helpers */

CgWindow *
_cg_analysis_view_get_window (GtkWidget *view)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);

  root = gtk_widget_get_root (view);
  return CG_IS_WINDOW (root) ? CG_WINDOW (root) : NULL;
}

/* The case file to write a decision to, or NULL (and the author is told why)
 * when it cannot be written now. */
CgStore *
_cg_analysis_view_begin_decision (GtkWidget *view)
{
  CgWindow *window = _cg_analysis_view_get_window (view);
  CgStore *store;

  if (window == NULL || (store = _cg_window_get_store (window)) == NULL)
    return NULL;

  if (cg_store_is_read_only (store))
    {
      _cg_window_show_toast (window, _("This review is read-only. Use Save As to work on a copy."));
      return NULL;
    }

  /* The case file is in use by the window's thread. */
  if (_cg_window_get_busy (window))
    {
      _cg_window_show_toast (window, _("The chronology is being updated. Try again in a moment."));
      return NULL;
    }

  return store;
}

void
_cg_analysis_view_end_decision (GtkWidget    *view,
                                gboolean      saved,
                                const GError *error,
                                const char   *done_message)
{
  CgWindow *window = _cg_analysis_view_get_window (view);

  if (window == NULL)
    return;

  if (!saved)
    {
      _cg_window_show_error (window, _("Could Not Save the Decision"), error);
      return;
    }

  _cg_window_reload (window, TRUE);
  if (done_message != NULL)
    _cg_window_show_toast (window, done_message);
}

void
_cg_analysis_view_reveal_record (GtkWidget *view,
                                 CgEvent   *event)
{
  CgWindow *window = _cg_analysis_view_get_window (view);

  if (window == NULL || event == NULL)
    return;

  if (!_cg_window_reveal_record (window, event))
    _cg_window_show_toast (window, _("The record is no longer in the chronology"));
}

char *
_cg_event_dup_reference_markup (CgEvent *event)
{
  g_autofree char *short_date = NULL;
  g_autofree char *date = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (CG_IS_EVENT (event), NULL);

  short_date = _cg_event_dup_short_date (event);
  date = g_markup_escape_text (short_date, -1);
  agency = g_markup_escape_text (event->agency ? event->agency : "", -1);
  file_name = g_markup_escape_text (event->file_name ? event->file_name : "", -1);

  /* Translators: agency (in bold), date, agency file and row:
   * "Police · 21 Jan 2022 · police.csv, row 8" */
  return g_strdup_printf (_("<b>%s</b> · %s · %s, row %u"), agency, date, file_name, event->row);
}

const char *
_cg_discrepancy_kind_get_icon_name (CgDiscrepancyKind kind)
{
  switch (kind)
    {
    case CG_DISCREPANCY_DATE_CONFLICT:       return "x-office-calendar-symbolic";
    case CG_DISCREPANCY_TIME_CONFLICT:       return "preferences-system-time-symbolic";
    case CG_DISCREPANCY_FACT_CONFLICT:       return "dialog-question-symbolic";
    case CG_DISCREPANCY_MISSING_COUNTERPART: return "mail-send-symbolic";
    case CG_DISCREPANCY_OUT_OF_SEQUENCE:     return "view-sort-ascending-symbolic";
    case CG_DISCREPANCY_OUTSIDE_SCOPE:       return "action-unavailable-symbolic";
    case CG_DISCREPANCY_SILENCE:             return "microphone-sensitivity-muted-symbolic";
    case CG_N_DISCREPANCY_KINDS:
    default:                                 return "emoji-flags-symbolic";
    }
}

const char *
_cg_discrepancy_kind_get_description (CgDiscrepancyKind kind)
{
  switch (kind)
    {
    case CG_DISCREPANCY_DATE_CONFLICT:
      return _("Agencies recording one occurrence give different dates.");
    case CG_DISCREPANCY_TIME_CONFLICT:
      return _("Agencies recording one occurrence give times more than an hour apart.");
    case CG_DISCREPANCY_FACT_CONFLICT:
      return _("Agencies recording one occurrence disagree on a fact, such as whether the "
               "child was seen.");
    case CG_DISCREPANCY_MISSING_COUNTERPART:
      return _("A record says a referral, notification or information passed to or from "
               "another agency, which has no matching record within 14 days.");
    case CG_DISCREPANCY_OUT_OF_SEQUENCE:
      return _("A row is out of date order in the agency’s own chronology.");
    case CG_DISCREPANCY_OUTSIDE_SCOPE:
      return _("A record is dated outside the review’s scope period.");
    case CG_DISCREPANCY_SILENCE:
      return _("An agency has no record for longer than the period set for the review.");
    case CG_N_DISCREPANCY_KINDS:
    default:
      return NULL;
    }
}

/* --------------------------------------------------------------------- page */

static void
update_editable (CgAnalysisPage *self)
{
  CgStore *store = self->window ? _cg_window_get_store (self->window) : NULL;
  gboolean editable = store != NULL && !cg_store_is_read_only (store) &&
                      !_cg_window_get_busy (self->window);

  _cg_flags_view_set_editable (self->flags_view, editable);
  _cg_cluster_inspector_set_editable (self->cluster_inspector, editable);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = count > 0 ? g_strdup_printf ("%u", count) : NULL;

  gtk_label_set_text (label, text ? text : "");
}

static void
on_analysis_changed_cb (CgAnalysisPage *self,
                        CgWindow       *window)
{
  CgAnalysis *analysis = _cg_window_get_analysis (window);
  guint open = 0;

  if (analysis != NULL && analysis->events->len == 0)
    analysis = NULL;

  if (analysis != NULL)
    for (guint i = 0; i < analysis->discrepancies->len; i++)
      if (((CgDiscrepancy *)g_ptr_array_index (analysis->discrepancies, i))->status == CG_FLAG_OPEN)
        open++;

  set_count (self->flags_count, open);
  set_count (self->clusters_count, analysis ? analysis->clusters->len : 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->flags_row),
                               analysis ? _("Open flags: discrepancies to explain or dismiss")
                                        : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->clusters_row),
                               analysis ? _("Records of one occurrence by several agencies")
                                        : NULL);

  /* Each view drops what it borrowed from the previous analysis. */
  _cg_flags_view_set_analysis (self->flags_view, analysis);
  _cg_cluster_inspector_set_analysis (self->cluster_inspector, analysis);
  _cg_summary_view_set_analysis (self->summary_view, analysis);

  gtk_stack_set_visible_child_name (self->stack, analysis != NULL ? "analysis" : "empty");
  update_editable (self);
}

static void
on_case_changed_cb (CgAnalysisPage *self,
                    CgWindow       *window)
{
  /* Another review: start from its open flags. */
  _cg_flags_view_set_filter (self->flags_view, CG_FLAGS_SHOW_OPEN, -1);
  _cg_analysis_page_show_view (self, "flags");
}

static void
on_window_state_cb (CgAnalysisPage *self,
                    GParamSpec     *pspec,
                    CgWindow       *window)
{
  update_editable (self);
}

static void
on_sidebar_row_selected_cb (CgAnalysisPage *self,
                            GtkListBoxRow  *row,
                            GtkListBox     *sidebar)
{
  if (row != NULL)
    gtk_stack_set_visible_child_name (self->view_stack, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
show_flags_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgAnalysisPage *self = CG_ANALYSIS_PAGE (widget);

  _cg_flags_view_set_filter (self->flags_view, CG_FLAGS_SHOW_OPEN, g_variant_get_int32 (parameter));
  _cg_analysis_page_show_view (self, "flags");
}

static void
show_cluster_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgAnalysisPage *self = CG_ANALYSIS_PAGE (widget);

  if (_cg_cluster_inspector_show_cluster (self->cluster_inspector, g_variant_get_int64 (parameter)))
    _cg_analysis_page_show_view (self, "clusters");
}

static void
cg_analysis_page_dispose (GObject *object)
{
  CgAnalysisPage *self = (CgAnalysisPage *)object;

  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *)&self->window);
      self->window = NULL;
    }

  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_ANALYSIS_PAGE);

  G_OBJECT_CLASS (cg_analysis_page_parent_class)->dispose (object);
}

static void
cg_analysis_page_class_init (CgAnalysisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  object_class->dispose = cg_analysis_page_dispose;

  g_type_ensure (CG_TYPE_FLAGS_VIEW);
  g_type_ensure (CG_TYPE_CLUSTER_INSPECTOR);
  g_type_ensure (CG_TYPE_SUMMARY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-analysis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, flags_row);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, clusters_row);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, summary_row);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, flags_count);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, clusters_count);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, flags_view);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, cluster_inspector);
  gtk_widget_class_bind_template_child (widget_class, CgAnalysisPage, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "analysis.show-flags", "i", show_flags_action);
  gtk_widget_class_install_action (widget_class, "analysis.show-cluster", "x", show_cluster_action);

  gtk_widget_class_set_css_name (widget_class, "analysispage");

  /* The page's own rules, beside the application's style.css. */
  gtk_css_provider_load_from_resource (provider,
                                       APP_RESOURCE_PATH "/ui/cg-analysis-page.css");
  if (gdk_display_get_default () != NULL)
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
cg_analysis_page_init (CgAnalysisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_select_row (self->sidebar, self->flags_row);
}

static void
cg_analysis_page_set_window (CgAnalysisPage *self,
                             CgWindow       *window)
{
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&self->window);

  g_signal_connect_object (window, "analysis-changed", G_CALLBACK (on_analysis_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "case-changed", G_CALLBACK (on_case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::busy", G_CALLBACK (on_window_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::store", G_CALLBACK (on_window_state_cb), self,
                           G_CONNECT_SWAPPED);

  on_analysis_changed_cb (self, window);
}

/**
 * cg_analysis_page_attach:
 * @window: the review's window
 *
 * Adds the Analysis page to the window's view switcher, after the chronology.
 */
void
cg_analysis_page_attach (CgWindow *window)
{
  CgAnalysisPage *self;

  g_return_if_fail (CG_IS_WINDOW (window));

  if (adw_view_stack_get_child_by_name (window->view_stack, "analysis") != NULL)
    return;

  self = g_object_new (CG_TYPE_ANALYSIS_PAGE, NULL);
  _cg_window_add_page (window, GTK_WIDGET (self), "analysis", _("Analysis"),
                       "emoji-flags-symbolic");
  cg_analysis_page_set_window (self, window);
}

/**
 * _cg_analysis_page_show_view:
 * @name: "flags", "clusters" or "summary"
 */
void
_cg_analysis_page_show_view (CgAnalysisPage *self,
                             const char     *name)
{
  g_return_if_fail (CG_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (name != NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
        return;
      }

  g_warning ("No analysis view called “%s”", name);
}

const char *
_cg_analysis_page_get_visible_view (CgAnalysisPage *self)
{
  g_return_val_if_fail (CG_IS_ANALYSIS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

CgFlagsView *
_cg_analysis_page_get_flags_view (CgAnalysisPage *self)
{
  g_return_val_if_fail (CG_IS_ANALYSIS_PAGE (self), NULL);

  return self->flags_view;
}

CgClusterInspector *
_cg_analysis_page_get_cluster_inspector (CgAnalysisPage *self)
{
  g_return_val_if_fail (CG_IS_ANALYSIS_PAGE (self), NULL);

  return self->cluster_inspector;
}

CgSummaryView *
_cg_analysis_page_get_summary_view (CgAnalysisPage *self)
{
  g_return_val_if_fail (CG_IS_ANALYSIS_PAGE (self), NULL);

  return self->summary_view;
}
