/* cg-record-filter.c
 *
 * A filter bar for the integrated chronology: flagged records (or those of
 * one kind of flag), retrospective records, one agency, linked or repeated
 * records or one cluster. Matching costs a few comparisons and one hash
 * lookup per record, with nothing allocated, for 100,000 records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-record-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-event-labels.h"
#include "cg-record-filter.h"

struct _CgRecordFilter
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkDropDown     *flags_dropdown;
  GtkToggleButton *retrospective_button;
  GtkDropDown     *agency_dropdown;
  GtkDropDown     *links_dropdown;
  GtkWidget       *cluster_chip;
  GtkLabel        *cluster_label;

  /* Owned references */
  GtkCustomFilter *filter;
  GtkStringList   *flag_names;
  GtkStringList   *agency_names;
  GHashTable      *kinds;          /* CgEvent -> mask of the kinds of its open flags */
  GHashTable      *clusters;       /* gint64 id -> CgCluster, borrowed from the analysis */
  char            *agency;

  /* The criteria, read while filtering */
  int              flags;          /* CG_RECORD_FILTER_ANY_RECORD, _ANY_FLAG or a kind */
  CgRecordLinks    links;
  gint64           cluster_id;
  gboolean         retrospective_only;
};

G_DEFINE_FINAL_TYPE (CgRecordFilter, cg_record_filter, ADW_TYPE_BIN)

/* ----------------------------------------------------------------- matching */

/**
 * cg_record_filter_match:
 *
 * Whether the bar lets @event through.
 */
gboolean
cg_record_filter_match (CgRecordFilter *self,
                        CgEvent        *event)
{
  g_return_val_if_fail (CG_IS_RECORD_FILTER (self), FALSE);

  if (self->agency != NULL && g_strcmp0 (event->agency, self->agency) != 0)
    return FALSE;

  if (self->retrospective_only && event->recording != CG_RECORDING_RETROSPECTIVE)
    return FALSE;

  if (self->flags == CG_RECORD_FILTER_ANY_FLAG && event->n_flags == 0)
    return FALSE;
  if (self->flags >= 0)
    {
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->kinds, event));

      if ((mask & (1u << self->flags)) == 0)
        return FALSE;
    }

  if (self->cluster_id != 0 && event->cluster_id != self->cluster_id)
    return FALSE;

  if (self->links != CG_RECORD_LINKS_ANY)
    {
      CgCluster *cluster = event->cluster_id == 0
                           ? NULL : g_hash_table_lookup (self->clusters, &event->cluster_id);
      int kind = cluster != NULL ? (int)cluster->kind : -1;

      switch (self->links)
        {
        case CG_RECORD_LINKS_LINKED:
          return kind == CG_CLUSTER_SAME_OCCURRENCE;
        case CG_RECORD_LINKS_REPEATED:
          return kind == CG_CLUSTER_DUPLICATE_RECORD;
        case CG_RECORD_LINKS_UNLINKED:
          return kind < 0;
        case CG_RECORD_LINKS_ANY:
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  return cg_record_filter_match (user_data, item);
}

/* ---------------------------------------------------------------- the bar */

static void
read_bar (CgRecordFilter *self)
{
  guint flags = gtk_drop_down_get_selected (self->flags_dropdown);
  guint agency = gtk_drop_down_get_selected (self->agency_dropdown);
  guint links = gtk_drop_down_get_selected (self->links_dropdown);

  /* Menu: every record, flagged records, then each kind. */
  if (flags == 0 || flags == GTK_INVALID_LIST_POSITION)
    self->flags = CG_RECORD_FILTER_ANY_RECORD;
  else if (flags == 1)
    self->flags = CG_RECORD_FILTER_ANY_FLAG;
  else
    self->flags = MIN ((int)flags - 2, CG_N_DISCREPANCY_KINDS - 1);

  g_clear_pointer (&self->agency, g_free);
  if (agency != GTK_INVALID_LIST_POSITION && agency > 0)
    self->agency = g_strdup (gtk_string_list_get_string (self->agency_names, agency));

  self->links = links <= CG_RECORD_LINKS_UNLINKED ? (CgRecordLinks)links : CG_RECORD_LINKS_ANY;
  self->retrospective_only = gtk_toggle_button_get_active (self->retrospective_button);
}

static void
on_changed_cb (CgRecordFilter *self,
               GParamSpec     *pspec,
               GObject        *object)
{
  read_bar (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_clear_cluster_clicked_cb (CgRecordFilter *self,
                             GtkButton      *button)
{
  cg_record_filter_set_cluster (self, 0);
}

static void
set_flag_names (CgRecordFilter *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->flag_names));

  g_ptr_array_add (names, (gpointer)_("Flagged or not"));
  g_ptr_array_add (names, (gpointer)_("Flagged records"));
  for (guint kind = 0; kind < CG_N_DISCREPANCY_KINDS; kind++)
    g_ptr_array_add (names, (gpointer)cg_discrepancy_kind_get_label (kind));
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->flag_names, 0, n_old, (const char * const *)names->pdata);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

static void
set_agency_names (CgRecordFilter *self,
                  CgAnalysis     *analysis)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *keep = g_strdup (self->agency);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));
  guint selected = 0;

  for (guint i = 0; analysis != NULL && i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);

      if (event->agency != NULL && g_hash_table_add (seen, event->agency))
        g_ptr_array_add (names, event->agency);
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (keep, g_ptr_array_index (names, i)) == 0)
      selected = i + 1;
  g_ptr_array_insert (names, 0, (gpointer)_("All agencies"));
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->agency_dropdown, on_changed_cb, self);
  gtk_string_list_splice (self->agency_names, 0, n_old, (const char * const *)names->pdata);
  gtk_drop_down_set_selected (self->agency_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->agency_dropdown, on_changed_cb, self);
}

/* ------------------------------------------------------------------- public */

GtkWidget *
cg_record_filter_new (void)
{
  return g_object_new (CG_TYPE_RECORD_FILTER, NULL);
}

GtkFilter *
cg_record_filter_get_filter (CgRecordFilter *self)
{
  g_return_val_if_fail (CG_IS_RECORD_FILTER (self), NULL);

  return GTK_FILTER (self->filter);
}

void
cg_record_filter_set_analysis (CgRecordFilter *self,
                               CgAnalysis     *analysis)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));

  g_hash_table_remove_all (self->kinds);
  g_hash_table_remove_all (self->clusters);

  if (analysis != NULL)
    {
      for (guint i = 0; i < analysis->discrepancies->len; i++)
        {
          CgDiscrepancy *flag = g_ptr_array_index (analysis->discrepancies, i);

          if (flag->status != CG_FLAG_OPEN || flag->events == NULL ||
              flag->kind >= CG_N_DISCREPANCY_KINDS)
            continue;
          for (guint j = 0; j < flag->events->len; j++)
            {
              gpointer event = g_ptr_array_index (flag->events, j);
              guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->kinds, event));

              mask |= 1u << flag->kind;
              g_hash_table_insert (self->kinds, event, GUINT_TO_POINTER (mask));
            }
        }

      for (guint i = 0; i < analysis->clusters->len; i++)
        {
          CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);

          g_hash_table_insert (self->clusters, &cluster->id, cluster);
        }
    }

  set_agency_names (self, analysis);

  /* A cluster of the old analysis means nothing in the new one. */
  if (self->cluster_id != 0 && g_hash_table_lookup (self->clusters, &self->cluster_id) == NULL)
    {
      self->cluster_id = 0;
      gtk_widget_set_visible (self->cluster_chip, FALSE);
    }

  read_bar (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

gboolean
cg_record_filter_get_active (CgRecordFilter *self)
{
  g_return_val_if_fail (CG_IS_RECORD_FILTER (self), FALSE);

  return self->agency != NULL || self->retrospective_only ||
         self->flags != CG_RECORD_FILTER_ANY_RECORD || self->links != CG_RECORD_LINKS_ANY ||
         self->cluster_id != 0;
}

void
cg_record_filter_clear (CgRecordFilter *self)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));

  g_signal_handlers_block_by_func (self->flags_dropdown, on_changed_cb, self);
  g_signal_handlers_block_by_func (self->retrospective_button, on_changed_cb, self);
  g_signal_handlers_block_by_func (self->agency_dropdown, on_changed_cb, self);
  g_signal_handlers_block_by_func (self->links_dropdown, on_changed_cb, self);
  gtk_drop_down_set_selected (self->flags_dropdown, 0);
  gtk_toggle_button_set_active (self->retrospective_button, FALSE);
  gtk_drop_down_set_selected (self->agency_dropdown, 0);
  gtk_drop_down_set_selected (self->links_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->flags_dropdown, on_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->retrospective_button, on_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->agency_dropdown, on_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->links_dropdown, on_changed_cb, self);

  self->cluster_id = 0;
  gtk_widget_set_visible (self->cluster_chip, FALSE);
  on_changed_cb (self, NULL, NULL);
}

void
cg_record_filter_set_flags (CgRecordFilter *self,
                            int             flags)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));
  g_return_if_fail (flags >= CG_RECORD_FILTER_ANY_RECORD && flags < CG_N_DISCREPANCY_KINDS);

  gtk_drop_down_set_selected (self->flags_dropdown, (guint)(flags + 2));
}

void
cg_record_filter_set_retrospective (CgRecordFilter *self,
                                    gboolean        retrospective_only)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));

  gtk_toggle_button_set_active (self->retrospective_button, retrospective_only);
}

void
cg_record_filter_set_agency (CgRecordFilter *self,
                             const char     *agency)
{
  guint n;

  g_return_if_fail (CG_IS_RECORD_FILTER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));
  for (guint i = 1; agency != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->agency_names, i), agency) == 0)
      {
        gtk_drop_down_set_selected (self->agency_dropdown, i);
        return;
      }

  gtk_drop_down_set_selected (self->agency_dropdown, 0);
}

void
cg_record_filter_set_show_agency (CgRecordFilter *self,
                                  gboolean        show_agency)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->agency_dropdown), show_agency);
}

void
cg_record_filter_set_links (CgRecordFilter *self,
                            CgRecordLinks   links)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));
  g_return_if_fail (links <= CG_RECORD_LINKS_UNLINKED);

  gtk_drop_down_set_selected (self->links_dropdown, links);
}

void
cg_record_filter_set_cluster (CgRecordFilter *self,
                              gint64          cluster_id)
{
  g_return_if_fail (CG_IS_RECORD_FILTER (self));

  if (self->cluster_id == cluster_id)
    return;

  self->cluster_id = cluster_id;
  if (cluster_id != 0)
    {
      CgCluster *cluster = g_hash_table_lookup (self->clusters, &cluster_id);
      g_autofree char *date = NULL;
      g_autofree char *text = NULL;

      if (cluster != NULL && cluster->events->len > 0)
        date = _cg_event_dup_short_date (g_ptr_array_index (cluster->events, 0));
      /* Translators: the filter chip for the records of one cluster, with its date */
      text = g_strdup_printf (_("One occurrence, %s"), date ? date : "");
      gtk_label_set_text (self->cluster_label, text);
    }
  gtk_widget_set_visible (self->cluster_chip, cluster_id != 0);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ------------------------------------------------------------------ GObject */

static void
cg_record_filter_dispose (GObject *object)
{
  CgRecordFilter *self = (CgRecordFilter *)object;

  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_RECORD_FILTER);

  g_clear_object (&self->filter);
  g_clear_object (&self->flag_names);
  g_clear_object (&self->agency_names);
  g_clear_pointer (&self->kinds, g_hash_table_unref);
  g_clear_pointer (&self->clusters, g_hash_table_unref);
  g_clear_pointer (&self->agency, g_free);

  G_OBJECT_CLASS (cg_record_filter_parent_class)->dispose (object);
}

static void
cg_record_filter_class_init (CgRecordFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_record_filter_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-record-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, CgRecordFilter, flags_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgRecordFilter, retrospective_button);
  gtk_widget_class_bind_template_child (widget_class, CgRecordFilter, agency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgRecordFilter, links_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgRecordFilter, cluster_chip);
  gtk_widget_class_bind_template_child (widget_class, CgRecordFilter, cluster_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_cluster_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "recordfilter");
}

static void
cg_record_filter_init (CgRecordFilter *self)
{
  self->flags = CG_RECORD_FILTER_ANY_RECORD;
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->flag_names = gtk_string_list_new (NULL);
  self->agency_names = gtk_string_list_new (NULL);
  self->kinds = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->clusters = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  set_flag_names (self);
  set_agency_names (self, NULL);
  gtk_drop_down_set_model (self->flags_dropdown, G_LIST_MODEL (self->flag_names));
  gtk_drop_down_set_model (self->agency_dropdown, G_LIST_MODEL (self->agency_names));
  read_bar (self);
}
