/* cg-chronology-page.c
 *
 * The integrated chronology: every record of every agency in one sortable
 * table, filtered by agency, person or words, with the selected record's
 * source and original cells beside it. Built for 100,000 records: one splice
 * per analysis, cheap comparisons, no allocation while filtering.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-chronology-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-chronology-page.h"
#include "cg-event-labels.h"
#include "cg-record-filter.h"
#include "cg-tooltip.h"

struct _CgChronologyPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkStack           *list_stack;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *agency_dropdown;
  CgRecordFilter     *record_filter;
  GtkWidget          *person_chip;
  GtkLabel           *person_label;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  CgRecordDetail     *detail;

  /* Owned references */
  GListModel         *events;         /* the analysis' records, in its order */
  GtkSortListModel   *sorted;
  GtkStringList      *agency_names;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GHashTable         *clusters;       /* cluster id -> CgCluster, borrowed from the analysis */
  GPtrArray          *columns;        /* every column in order, shown or not */
  GtkColumnViewColumn *time_column;   /* borrowed from columns */
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *linked_column;
  guint               columns_source;
  guint               scroll_source;
  char               *agency;         /* shown agency, or NULL for all */
  char               *needle;         /* search words, ASCII lower case, or NULL */
  char               *person_key;

  guint               show_detail : 1;
};

G_DEFINE_FINAL_TYPE (CgChronologyPage, cg_chronology_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ sorting */

static int
compare_strings (const char *a,
                 const char *b)
{
  gboolean a_empty = a == NULL || *a == '\0';
  gboolean b_empty = b == NULL || *b == '\0';

  /* Empty cells sort after filled ones whichever way the column is sorted. */
  if (a_empty || b_empty)
    return a_empty - b_empty;
  return g_ascii_strcasecmp (a, b);
}

static int
compare_date (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b);
}

static int
compare_time (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const CgEvent *ea = a, *eb = b;
  int ta = ea->date.time < 0 ? G_MAXINT : ea->date.time;
  int tb = eb->date.time < 0 ? G_MAXINT : eb->date.time;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b);
}

#define DEFINE_STRING_COMPARE(name, member)                                      \
  static int                                                                     \
  name (gconstpointer a,                                                         \
        gconstpointer b,                                                         \
        gpointer      user_data)                                                 \
  {                                                                              \
    int cmp = compare_strings (((const CgEvent *)a)->member,                     \
                               ((const CgEvent *)b)->member);                    \
    return cmp != 0 ? cmp : cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b); \
  }

DEFINE_STRING_COMPARE (compare_agency, agency)
DEFINE_STRING_COMPARE (compare_type, type)
DEFINE_STRING_COMPARE (compare_text, text)
DEFINE_STRING_COMPARE (compare_action, action)

static int
compare_recording (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const CgEvent *ea = a, *eb = b;

  /* Retrospective first: the column is sorted to find them. */
  if (ea->recording != eb->recording)
    return ea->recording > eb->recording ? -1 : 1;
  return cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b);
}

static int
compare_flags (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CgEvent *ea = a, *eb = b;

  if (ea->n_flags != eb->n_flags)
    return ea->n_flags > eb->n_flags ? -1 : 1;
  return cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b);
}

static int
compare_linked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const CgEvent *ea = a, *eb = b;

  /* Linked records first, each cluster's records together. */
  if ((ea->cluster_id == 0) != (eb->cluster_id == 0))
    return ea->cluster_id == 0 ? 1 : -1;
  if (ea->cluster_id != eb->cluster_id)
    return ea->cluster_id < eb->cluster_id ? -1 : 1;
  return cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b);
}

/* ---------------------------------------------------------------- filtering */

/* @needle is ASCII lower case. Letters outside ASCII compare exactly. */
static gboolean
contains_words (const char *haystack,
                const char *needle,
                gsize       needle_len)
{
  char first = needle[0];

  if (haystack == NULL)
    return FALSE;

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_tolower (*p) == first && g_ascii_strncasecmp (p, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
names_person (CgEvent    *event,
              const char *person_key)
{
  if (event->people == NULL)
    return FALSE;

  for (guint i = 0; i < event->people->len; i++)
    if (g_strcmp0 (g_ptr_array_index (event->people, i), person_key) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
filter_event (gpointer item,
              gpointer user_data)
{
  CgChronologyPage *self = user_data;
  CgEvent *event = item;

  if (self->agency != NULL && g_strcmp0 (event->agency, self->agency) != 0)
    return FALSE;

  if (self->person_key != NULL && !names_person (event, self->person_key))
    return FALSE;

  if (self->needle != NULL)
    {
      gsize len = strlen (self->needle);

      return contains_words (event->text, self->needle, len) ||
             contains_words (event->type, self->needle, len) ||
             contains_words (event->action, self->needle, len) ||
             contains_words (event->comment, self->needle, len) ||
             contains_words (event->source, self->needle, len) ||
             contains_words (event->practitioner, self->needle, len) ||
             contains_words (event->agency, self->needle, len) ||
             contains_words (event->date_text, self->needle, len);
    }

  return TRUE;
}

static void
update_count (CgChronologyPage *self)
{
  guint total = g_list_model_get_n_items (self->events);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (NULL, "%u record", "%u records", total), total);
  else
    /* Translators: "12 of 36 records" */
    text = g_strdup_printf (g_dngettext (NULL, "%u of %u record", "%u of %u records", total),
                            shown, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown > 0 || total == 0 ? "list" : "no-results");
}

static void
on_filtered_items_changed_cb (CgChronologyPage *self,
                              guint             position,
                              guint             removed,
                              guint             added,
                              GListModel       *model)
{
  update_count (self);
}

static void
set_needle (CgChronologyPage *self,
            const char       *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *needle = *stripped ? g_ascii_strdown (stripped, -1) : NULL;
  GtkFilterChange change;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* Typing on narrows the current result; deleting widens it. */
  if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
on_search_changed_cb (CgChronologyPage *self,
                      GtkSearchEntry   *entry)
{
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search_cb (CgChronologyPage *self,
                   GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_agency_selected_cb (CgChronologyPage *self,
                       GParamSpec       *pspec,
                       GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *agency = NULL;
  gboolean narrower;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    agency = gtk_string_list_get_string (self->agency_names, selected);

  if (g_strcmp0 (agency, self->agency) == 0)
    return;

  narrower = self->agency == NULL;
  g_free (self->agency);
  self->agency = g_strdup (agency);
  gtk_filter_changed (GTK_FILTER (self->filter),
                      narrower ? GTK_FILTER_CHANGE_MORE_STRICT
                               : agency == NULL ? GTK_FILTER_CHANGE_LESS_STRICT
                                                : GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_clear_person_clicked_cb (CgChronologyPage *self,
                            GtkButton        *button)
{
  _cg_chronology_page_set_person_filter (self, NULL, NULL);
}

/* -------------------------------------------------------------------- cells */

static GtkWidget *
make_inscription (guint lines)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (inscription), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (inscription), 0.5);
  gtk_widget_set_hexpand (inscription, TRUE);
  return inscription;
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, make_inscription (GPOINTER_TO_UINT (user_data)));
}

static void
setup_numeric_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *inscription = make_inscription (1);

  gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (item, inscription);
}

/* An icon and a word: marks never rely on colour or a symbol alone. */
static void
setup_mark_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (user_data);
  GtkWidget *inscription = make_inscription (1);

  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), inscription);
  gtk_widget_add_css_class (box, "record-mark");
  gtk_list_item_set_child (item, box);
}

static void
set_mark (GtkListItem *item,
          const char  *text,
          const char  *tooltip)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *inscription = gtk_widget_get_last_child (box);

  gtk_widget_set_visible (box, text != NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  _cg_widget_set_tooltip (box, tooltip);
}

static void
set_text (GtkListItem *item,
          const char  *text)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));

  gtk_inscription_set_text (inscription, text);
  /* Long cells are cut to two lines: the whole text is a hover away. */
  _cg_widget_set_tooltip (GTK_WIDGET (inscription), text != NULL && strlen (text) > 40 ? text : NULL);
}

static void
bind_date_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CgEvent *event = gtk_list_item_get_item (item);
  GtkWidget *inscription = gtk_list_item_get_child (item);
  g_autofree char *text = _cg_event_dup_short_date (event);
  g_autofree char *tooltip = _cg_event_dup_date_tooltip (event);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  _cg_widget_set_tooltip (inscription, tooltip);
}

static void
bind_time_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  g_autofree char *text = _cg_event_dup_time (gtk_list_item_get_item (item));

  set_text (item, text);
}

static void
bind_agency_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  set_text (item, ((CgEvent *)gtk_list_item_get_item (item))->agency);
}

static void
bind_type_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  set_text (item, ((CgEvent *)gtk_list_item_get_item (item))->type);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  set_text (item, cg_event_get_summary (gtk_list_item_get_item (item)));
}

static void
bind_action_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  set_text (item, ((CgEvent *)gtk_list_item_get_item (item))->action);
}

static void
bind_recording_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  CgEvent *event = gtk_list_item_get_item (item);
  g_autofree char *tooltip = NULL;

  if (event->recording != CG_RECORDING_RETROSPECTIVE)
    {
      set_mark (item, NULL, NULL);
      return;
    }

  tooltip = _cg_event_dup_recording_description (event);
  set_mark (item, _cg_event_get_recording_label (event), tooltip);
}

static void
bind_flags_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CgEvent *event = gtk_list_item_get_item (item);
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  if (event->n_flags == 0)
    {
      set_mark (item, NULL, NULL);
      return;
    }

  count = g_strdup_printf ("%u", event->n_flags);
  tooltip = g_strdup_printf (g_dngettext (NULL, "%u open flag: see Analysis",
                                          "%u open flags: see Analysis", event->n_flags),
                             event->n_flags);
  set_mark (item, count, tooltip);
}

static void
bind_linked_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  CgChronologyPage *self = user_data;
  CgEvent *event = gtk_list_item_get_item (item);
  CgCluster *cluster = NULL;

  if (event->cluster_id != 0)
    cluster = g_hash_table_lookup (self->clusters, &event->cluster_id);

  if (cluster == NULL)
    set_mark (item, NULL, NULL);
  else if (cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
    set_mark (item, _("Repeat"), _("The agency’s file holds this record more than once"));
  else
    set_mark (item, _("Linked"), _("Other agencies recorded the same occurrence"));
}

static GtkColumnViewColumn *
add_column (CgChronologyPage *self,
            const char       *title,
            GCallback         setup,
            gpointer          setup_data,
            GCallback         bind,
            GCompareDataFunc  compare,
            int               fixed_width,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", bind, self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_column_set_sorter (column,
                                     GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL)));
  g_object_unref (gtk_column_view_column_get_sorter (column));
  gtk_column_view_append_column (self->column_view, column);
  g_ptr_array_add (self->columns, g_object_ref (column));
  return column;
}

/* Widths of the fixed columns, and the least the "What happened" column needs. */
#define DATE_WIDTH       104
#define TIME_WIDTH        56
#define AGENCY_WIDTH     124
#define TYPE_WIDTH       124
#define ACTION_WIDTH     170
#define RECORDING_WIDTH  130
#define LINKED_WIDTH      88
#define FLAGS_WIDTH       60
#define TEXT_MIN_WIDTH   220

static void
add_columns (CgChronologyPage *self)
{
  add_column (self, _("Date"), G_CALLBACK (setup_numeric_cb), NULL,
              G_CALLBACK (bind_date_cb), compare_date, DATE_WIDTH, FALSE);
  self->time_column =
    add_column (self, _("Time"), G_CALLBACK (setup_numeric_cb), NULL,
                G_CALLBACK (bind_time_cb), compare_time, TIME_WIDTH, FALSE);
  add_column (self, _("Agency"), G_CALLBACK (setup_text_cb), GUINT_TO_POINTER (2),
              G_CALLBACK (bind_agency_cb), compare_agency, AGENCY_WIDTH, FALSE);
  self->type_column =
    add_column (self, _("Type"), G_CALLBACK (setup_text_cb), GUINT_TO_POINTER (2),
                G_CALLBACK (bind_type_cb), compare_type, TYPE_WIDTH, FALSE);
  add_column (self, _("What happened"), G_CALLBACK (setup_text_cb), GUINT_TO_POINTER (2),
              G_CALLBACK (bind_text_cb), compare_text, -1, TRUE);
  add_column (self, _("Action"), G_CALLBACK (setup_text_cb), GUINT_TO_POINTER (2),
              G_CALLBACK (bind_action_cb), compare_action, ACTION_WIDTH, FALSE);
  add_column (self, _("Recording"), G_CALLBACK (setup_mark_cb),
              (gpointer)"document-open-recent-symbolic",
              G_CALLBACK (bind_recording_cb), compare_recording, RECORDING_WIDTH, FALSE);
  self->linked_column =
    add_column (self, _("Linked"), G_CALLBACK (setup_mark_cb),
                (gpointer)"insert-link-symbolic",
                G_CALLBACK (bind_linked_cb), compare_linked, LINKED_WIDTH, FALSE);
  add_column (self, _("Flags"), G_CALLBACK (setup_mark_cb),
              (gpointer)"emoji-flags-symbolic",
              G_CALLBACK (bind_flags_cb), compare_flags, FLAGS_WIDTH, FALSE);
}

/* In a narrow window the least needed columns step aside so that what
 * happened stays readable; the detail pane shows them all. */
static gboolean
fit_columns_cb (gpointer user_data)
{
  CgChronologyPage *self = user_data;
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  double width = gtk_adjustment_get_page_size (hadjustment);
  double needed = DATE_WIDTH + AGENCY_WIDTH + ACTION_WIDTH + RECORDING_WIDTH + FLAGS_WIDTH +
                  TEXT_MIN_WIDTH;
  gboolean show_time, show_type, show_linked;

  self->columns_source = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;

  show_time = width >= needed + TIME_WIDTH;
  show_type = width >= needed + TIME_WIDTH + TYPE_WIDTH;
  show_linked = width >= needed + TIME_WIDTH + TYPE_WIDTH + LINKED_WIDTH;

  /* GTK 4.8 still counts hidden columns when it measures the rows, so the
   * columns are taken out of the view rather than hidden. */
  for (guint i = 0, position = 0; i < self->columns->len; i++)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (self->columns, i);
      gboolean shown = gtk_column_view_column_get_column_view (column) != NULL;
      gboolean show = (column == self->time_column ? show_time :
                       column == self->type_column ? show_type :
                       column == self->linked_column ? show_linked : TRUE);

      if (show && !shown)
        gtk_column_view_insert_column (self->column_view, position, column);
      else if (!show && shown)
        gtk_column_view_remove_column (self->column_view, column);

      if (show)
        position++;
    }

  return G_SOURCE_REMOVE;
}

/* The width is known during the column view's allocation: change the columns
 * after it, not in the middle of it. */
static void
on_list_width_changed_cb (CgChronologyPage *self,
                          GParamSpec       *pspec,
                          GtkAdjustment    *hadjustment)
{
  if (self->columns_source == 0)
    self->columns_source = g_idle_add (fit_columns_cb, self);
}

/* ---------------------------------------------------------------- selection */

static void
on_selected_item_changed_cb (CgChronologyPage   *self,
                             GParamSpec         *pspec,
                             GtkSingleSelection *selection)
{
  CgEvent *event = gtk_single_selection_get_selected_item (selection);
  CgCluster *cluster = NULL;

  if (event != NULL && event->cluster_id != 0)
    cluster = g_hash_table_lookup (self->clusters, &event->cluster_id);

  _cg_record_detail_set_event (self->detail, event, cluster);
}

static void
on_column_view_activate_cb (CgChronologyPage *self,
                            guint             position,
                            GtkColumnView    *column_view)
{
  if (!self->show_detail)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-detail", NULL);
}

static guint
find_position (GListModel *model,
               CgEvent    *event)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgEvent) item = g_list_model_get_item (model, i);

      if (item == event)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* GTK 4.8 has no gtk_column_view_scroll_to() (4.12): ask the inner list view,
 * as nautilus 43 does. */
static void
scroll_to (CgChronologyPage *self,
           guint             position)
{
  GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));

  while (child != NULL && !GTK_IS_LIST_VIEW (child))
    child = gtk_widget_get_prev_sibling (child);

  if (child != NULL)
    gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static gboolean
scroll_to_selected_cb (gpointer user_data)
{
  CgChronologyPage *self = user_data;
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->scroll_source = 0;
  if (selected != GTK_INVALID_LIST_POSITION)
    scroll_to (self, selected);
  return G_SOURCE_REMOVE;
}

/* Records are matched by where they come from, so the selection survives a
 * reload of the analysis, which builds new objects. */
static CgEvent *
find_same_record (GListModel *model,
                  const char *agency,
                  const char *file_name,
                  guint       row)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      CgEvent *item = g_list_model_get_item (model, i);

      g_object_unref (item);   /* the store keeps it alive */
      if (item->row == row && g_strcmp0 (item->file_name, file_name) == 0 &&
          g_strcmp0 (item->agency, agency) == 0)
        return item;
    }

  return NULL;
}

/* ------------------------------------------------------------------- public */

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_agency_names (gconstpointer a,
                      gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

static void
set_agencies (CgChronologyPage *self,
              CgAnalysis       *analysis)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *keep = g_strdup (self->agency);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->agency_names));
  guint selected = 0;

  if (analysis != NULL)
    for (guint i = 0; i < analysis->events->len; i++)
      {
        CgEvent *event = g_ptr_array_index (analysis->events, i);

        if (event->agency != NULL && g_hash_table_add (seen, event->agency))
          g_ptr_array_add (names, event->agency);
      }
  g_ptr_array_sort (names, compare_agency_names);

  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (keep, g_ptr_array_index (names, i)) == 0)
      selected = i + 1;
  g_ptr_array_insert (names, 0, (gpointer)_("All agencies"));
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->agency_dropdown, on_agency_selected_cb, self);
  gtk_string_list_splice (self->agency_names, 0, n_old, (const char * const *)names->pdata);
  gtk_drop_down_set_selected (self->agency_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->agency_dropdown, on_agency_selected_cb, self);

  /* An agency no longer in the case shows everything again. */
  on_agency_selected_cb (self, NULL, self->agency_dropdown);
}

/**
 * _cg_chronology_page_set_analysis:
 * @analysis: (nullable): the case as last analysed; borrowed until the next call
 * @events: (nullable): the analysis' records as a list model, if the caller
 *   built one (in a thread); otherwise the page builds it
 */
void
_cg_chronology_page_set_analysis (CgChronologyPage *self,
                                  CgAnalysis       *analysis,
                                  GListModel       *events)
{
  CgEvent *selected;
  g_autofree char *agency = NULL;
  g_autofree char *file_name = NULL;
  guint row = 0;
  guint n_new = 0;

  g_return_if_fail (CG_IS_CHRONOLOGY_PAGE (self));

  if ((selected = gtk_single_selection_get_selected_item (self->selection)) != NULL)
    {
      agency = g_strdup (selected->agency);
      file_name = g_strdup (selected->file_name);
      row = selected->row;
    }

  /* The flags bar reads the new analysis before the records reach the model. */
  cg_record_filter_set_analysis (self->record_filter, analysis);

  g_hash_table_remove_all (self->clusters);
  if (analysis != NULL)
    for (guint i = 0; i < analysis->clusters->len; i++)
      {
        CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);

        g_hash_table_insert (self->clusters, &cluster->id, cluster);
      }

  set_agencies (self, analysis);

  /* One change for the whole list: the models below see one items-changed. */
  if (events != NULL)
    g_set_object (&self->events, events);
  else
    {
      GListStore *store = g_list_store_new (CG_TYPE_EVENT);

      if (analysis != NULL)
        g_list_store_splice (store, 0, 0, analysis->events->pdata, analysis->events->len);
      g_set_object (&self->events, G_LIST_MODEL (store));
      g_object_unref (store);
    }
  gtk_sort_list_model_set_model (self->sorted, self->events);
  n_new = g_list_model_get_n_items (self->events);

  gtk_stack_set_visible_child_name (self->stack, n_new > 0 ? "records" : "empty");

  if (file_name != NULL &&
      (selected = find_same_record (G_LIST_MODEL (self->filtered), agency, file_name, row)) != NULL)
    {
      guint position = find_position (G_LIST_MODEL (self->selection), selected);

      if (position != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, position);
    }

  /* The detail pane shows the new objects, even for the same row. */
  on_selected_item_changed_cb (self, NULL, self->selection);
  update_count (self);
}

void
_cg_chronology_page_focus_search (CgChronologyPage *self)
{
  g_return_if_fail (CG_IS_CHRONOLOGY_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_cg_chronology_page_clear_filters (CgChronologyPage *self)
{
  g_return_if_fail (CG_IS_CHRONOLOGY_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  set_needle (self, NULL);
  gtk_drop_down_set_selected (self->agency_dropdown, 0);
  cg_record_filter_clear (self->record_filter);
  _cg_chronology_page_set_person_filter (self, NULL, NULL);
}

/**
 * _cg_chronology_page_set_person_filter:
 * @person_key: (nullable): a person's key, as in #CgEvent's people, or %NULL for all
 * @label: (nullable): how the person is shown, e.g. their role label
 *
 * Shows only the records that name the person.
 */
void
_cg_chronology_page_set_person_filter (CgChronologyPage *self,
                                       const char       *person_key,
                                       const char       *label)
{
  g_return_if_fail (CG_IS_CHRONOLOGY_PAGE (self));

  if (g_strcmp0 (person_key, self->person_key) != 0)
    {
      g_free (self->person_key);
      self->person_key = g_strdup (person_key);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }

  if (person_key != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Naming %s"), label ? label : person_key);

      gtk_label_set_text (self->person_label, text);
    }
  gtk_widget_set_visible (self->person_chip, person_key != NULL);
}

gboolean
_cg_chronology_page_reveal_event (CgChronologyPage *self,
                                  CgEvent          *event)
{
  guint position;

  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), FALSE);
  g_return_val_if_fail (CG_IS_EVENT (event), FALSE);

  position = find_position (G_LIST_MODEL (self->selection), event);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Hidden by a filter: show everything rather than fail. */
      _cg_chronology_page_clear_filters (self);
      position = find_position (G_LIST_MODEL (self->selection), event);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Another object for the same record, from an earlier analysis. */
      CgEvent *same = find_same_record (G_LIST_MODEL (self->selection), event->agency,
                                        event->file_name, event->row);

      if (same != NULL)
        position = find_position (G_LIST_MODEL (self->selection), same);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  scroll_to (self, position);

  /* A page that was hidden has no size yet, and a list without one forgets
   * where to scroll: do it again once it is on screen. */
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add_full (G_PRIORITY_LOW, 50, scroll_to_selected_cb,
                                              self, NULL);
  return TRUE;
}

CgEvent *
_cg_chronology_page_get_selected (CgChronologyPage *self)
{
  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

GtkColumnView *
_cg_chronology_page_get_column_view (CgChronologyPage *self)
{
  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), NULL);

  return self->column_view;
}

GtkDropDown *
_cg_chronology_page_get_agency_filter (CgChronologyPage *self)
{
  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), NULL);

  return self->agency_dropdown;
}

GtkEditable *
_cg_chronology_page_get_search_entry (CgChronologyPage *self)
{
  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

CgRecordDetail *
_cg_chronology_page_get_detail (CgChronologyPage *self)
{
  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), NULL);

  return self->detail;
}

/* The bar for flagged, retrospective and linked records, and one cluster. */
CgRecordFilter *
_cg_chronology_page_get_record_filter (CgChronologyPage *self)
{
  g_return_val_if_fail (CG_IS_CHRONOLOGY_PAGE (self), NULL);

  return self->record_filter;
}

/* ------------------------------------------------------------------ GObject */

static void
cg_chronology_page_dispose (GObject *object)
{
  CgChronologyPage *self = (CgChronologyPage *)object;

  g_clear_handle_id (&self->columns_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CHRONOLOGY_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->events);
  g_clear_object (&self->sorted);
  g_clear_object (&self->agency_names);
  g_clear_pointer (&self->clusters, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (cg_chronology_page_parent_class)->dispose (object);
}

static void
cg_chronology_page_finalize (GObject *object)
{
  CgChronologyPage *self = (CgChronologyPage *)object;

  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->person_key, g_free);

  G_OBJECT_CLASS (cg_chronology_page_parent_class)->finalize (object);
}

static void
cg_chronology_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CgChronologyPage *self = CG_CHRONOLOGY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_DETAIL:
      g_value_set_boolean (value, self->show_detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chronology_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CgChronologyPage *self = CG_CHRONOLOGY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_DETAIL:
      if (self->show_detail != g_value_get_boolean (value))
        {
          self->show_detail = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->detail), self->show_detail);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chronology_page_class_init (CgChronologyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_chronology_page_dispose;
  object_class->finalize = cg_chronology_page_finalize;
  object_class->get_property = cg_chronology_page_get_property;
  object_class->set_property = cg_chronology_page_set_property;

  properties[PROP_SHOW_DETAIL] =
    g_param_spec_boolean ("show-detail", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CG_TYPE_RECORD_DETAIL);
  g_type_ensure (CG_TYPE_RECORD_FILTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-chronology-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, agency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, record_filter);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, person_chip);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, person_label);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CgChronologyPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_person_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "chronologypage");
}

static void
cg_chronology_page_init (CgChronologyPage *self)
{
  GtkSorter *sorter;
  GtkEveryFilter *every;

  self->show_detail = TRUE;
  self->clusters = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->events = G_LIST_MODEL (g_list_store_new (CG_TYPE_EVENT));
  self->agency_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);

  /* store -> sort (by the column headers) -> filter -> selection: a new
   * search does not sort again, a new sort order does not filter again. */
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (self->events), g_object_ref (sorter));
  self->filter = gtk_custom_filter_new (filter_event, self, NULL);
  every = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                           g_object_ref (cg_record_filter_get_filter (self->record_filter)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              GTK_FILTER (every));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                           "notify::page-size", G_CALLBACK (on_list_width_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_drop_down_set_model (self->agency_dropdown, G_LIST_MODEL (self->agency_names));
  /* The page has its own agency list, beside the search. */
  cg_record_filter_set_show_agency (self->record_filter, FALSE);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  update_count (self);
}
