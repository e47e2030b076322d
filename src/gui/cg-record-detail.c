/* cg-record-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-record-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-event-labels.h"
#include "cg-record-detail.h"

struct _CgRecordDetail
{
  AdwBin      parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkLabel   *agency_label;
  GtkLabel   *location_label;
  GtkGrid    *facts_grid;
  GtkGrid    *cells_grid;
  GtkWidget  *cells_missing_label;

  /* Owned references */
  CgEvent      *event;
  GtkSizeGroup *keys;     /* one column of keys across both lists */
};

G_DEFINE_FINAL_TYPE (CgRecordDetail, cg_record_detail, ADW_TYPE_BIN)

static void
clear_grid (CgRecordDetail *self,
            GtkGrid        *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    {
      if (gtk_widget_has_css_class (child, "detail-key"))
        gtk_size_group_remove_widget (self->keys, child);
      gtk_grid_remove (grid, child);
    }
}

static GtkWidget *
make_key_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "detail-key");
  return label;
}

static GtkWidget *
make_value_label (const char *text)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    {
      label = gtk_label_new (_("(empty)"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      label = gtk_label_new (text);
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "detail-value");
  return label;
}

static void
add_pair (CgRecordDetail *self,
          GtkGrid        *grid,
          int            *row,
          const char     *key,
          const char     *value)
{
  GtkWidget *key_label = make_key_label (key);
  GtkWidget *value_label = make_value_label (value);

  gtk_size_group_add_widget (self->keys, key_label);
  gtk_grid_attach (grid, key_label, 0, *row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, *row, 1, 1);
  (*row)++;
}

static char *
dup_cluster_text (CgEvent   *event,
                  CgCluster *cluster)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (cluster == NULL || cluster->events == NULL)
    return NULL;

  if (cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
    return g_strdup_printf (g_dngettext (NULL,
                                         "Repeated record: the agency’s file holds %u copy",
                                         "Repeated record: the agency’s file holds %u copies",
                                         cluster->events->len),
                            cluster->events->len);

  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *other = g_ptr_array_index (cluster->events, i);
      gboolean seen = FALSE;

      if (other == event || g_strcmp0 (other->agency, event->agency) == 0)
        continue;
      for (guint j = 0; j < agencies->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (agencies, j), other->agency) == 0;
      if (!seen)
        g_ptr_array_add (agencies, other->agency);
    }

  if (agencies->len == 0)
    return g_strdup (_("Same occurrence as other records of this agency"));

  g_ptr_array_add (agencies, NULL);
  joined = g_strjoinv (", ", (char **)agencies->pdata);
  /* Translators: %s is a list of agencies, e.g. "Police, Ambulance Service" */
  return g_strdup_printf (_("Same occurrence, also recorded by %s"), joined);
}

static void
fill_facts (CgRecordDetail *self,
            CgEvent        *event,
            CgCluster      *cluster)
{
  g_autofree char *when = NULL;
  g_autofree char *precision = NULL;
  g_autofree char *time = _cg_event_dup_time (event);
  g_autofree char *recorded = NULL;
  g_autofree char *weight = _cg_event_dup_recording_description (event);
  g_autofree char *linked = dup_cluster_text (event, cluster);
  const char *seen = _cg_child_seen_get_label (event->child_seen);
  int row = 0;

  clear_grid (self, self->facts_grid);

  when = cg_period_describe (&event->date);
  if (event->date.uncertain)
    precision = g_strdup_printf (_("%s, uncertain"),
                                 _cg_precision_get_label (event->date.precision));
  else
    precision = g_strdup (_cg_precision_get_label (event->date.precision));

  add_pair (self, self->facts_grid, &row, _("Date"), when);
  add_pair (self, self->facts_grid, &row, _("Written as"), event->date_text);
  add_pair (self, self->facts_grid, &row, _("Precision"), precision);
  if (time != NULL)
    add_pair (self, self->facts_grid, &row, _("Time"), time);

  if (event->recorded != 0)
    {
      g_autofree char *day = _cg_day_dup_short (event->recorded);

      recorded = g_strdup (day);
    }
  else if (event->recorded_text != NULL && *event->recorded_text)
    {
      recorded = g_strdup_printf (_("Not read (written “%s”)"), event->recorded_text);
    }
  else
    {
      recorded = g_strdup (_("Not stated"));
    }
  add_pair (self, self->facts_grid, &row, _("Recorded"), recorded);
  add_pair (self, self->facts_grid, &row, _("Recording"), weight);

  if (seen != NULL)
    add_pair (self, self->facts_grid, &row, _("Child"), seen);
  if (event->practitioner != NULL && *event->practitioner)
    add_pair (self, self->facts_grid, &row, _("Practitioner"), event->practitioner);
  if (linked != NULL)
    add_pair (self, self->facts_grid, &row, _("Linked"), linked);
  if (event->n_flags > 0)
    {
      g_autofree char *flags = g_strdup_printf (g_dngettext (NULL, "%u open flag", "%u open flags",
                                                             event->n_flags),
                                                event->n_flags);
      add_pair (self, self->facts_grid, &row, _("Flags"), flags);
    }
}

static void
fill_cells (CgRecordDetail *self,
            CgEvent        *event)
{
  g_autoptr(GPtrArray) fields = cg_event_dup_fields (event);
  int row = 0;

  clear_grid (self, self->cells_grid);
  gtk_widget_set_visible (self->cells_missing_label, fields == NULL);
  if (fields == NULL)
    return;

  for (guint i = 0; i < fields->len; i++)
    {
      CgField *field = g_ptr_array_index (fields, i);

      add_pair (self, self->cells_grid, &row, field->header, field->cell);
    }
}

void
_cg_record_detail_set_event (CgRecordDetail *self,
                             CgEvent        *event,
                             CgCluster      *cluster)
{
  g_autofree char *location = NULL;

  g_return_if_fail (CG_IS_RECORD_DETAIL (self));
  g_return_if_fail (event == NULL || CG_IS_EVENT (event));

  g_set_object (&self->event, event);

  if (event == NULL)
    {
      gtk_label_set_text (self->location_label, "");
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  /* Translators: where a record comes from: "gp.csv, row 7" */
  location = g_strdup_printf (_("%s, row %u"), event->file_name, event->row);
  gtk_label_set_text (self->agency_label, event->agency);
  gtk_label_set_text (self->location_label, location);
  fill_facts (self, event, cluster);
  fill_cells (self, event);
  gtk_stack_set_visible_child_name (self->stack, "record");
}

CgEvent *
_cg_record_detail_get_event (CgRecordDetail *self)
{
  g_return_val_if_fail (CG_IS_RECORD_DETAIL (self), NULL);

  return self->event;
}

const char *
_cg_record_detail_get_location (CgRecordDetail *self)
{
  g_return_val_if_fail (CG_IS_RECORD_DETAIL (self), NULL);

  return gtk_label_get_text (self->location_label);
}

static void
cg_record_detail_dispose (GObject *object)
{
  CgRecordDetail *self = (CgRecordDetail *)object;

  g_clear_object (&self->event);
  g_clear_object (&self->keys);
  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_RECORD_DETAIL);

  G_OBJECT_CLASS (cg_record_detail_parent_class)->dispose (object);
}

static void
cg_record_detail_class_init (CgRecordDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_record_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-record-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CgRecordDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CgRecordDetail, agency_label);
  gtk_widget_class_bind_template_child (widget_class, CgRecordDetail, location_label);
  gtk_widget_class_bind_template_child (widget_class, CgRecordDetail, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, CgRecordDetail, cells_grid);
  gtk_widget_class_bind_template_child (widget_class, CgRecordDetail, cells_missing_label);

  gtk_widget_class_set_css_name (widget_class, "recorddetail");
}

static void
cg_record_detail_init (CgRecordDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->keys = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}
