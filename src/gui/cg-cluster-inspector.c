/* cg-cluster-inspector.c
 *
 * The clusters the analysis found: records of one occurrence by several
 * agencies, and records one agency's file holds twice. For the cluster
 * selected, every account stands in its own column, row by row, so that what
 * differs can be read across: dates, times and whether the child was seen
 * are marked with an icon and a word where the accounts disagree, and words
 * only one account uses are in bold. The author confirms the cluster, takes a
 * record out of it, or joins a record the analysis missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-cluster-inspector"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-analysis-page.h"
#include "cg-cluster-inspector.h"
#include "cg-event-labels.h"
#include "cg-window-private.h"
#include "cg-tooltip.h"

/* Times further apart than this are a conflict, as the analysis counts them. */
#define TIME_TOLERANCE_MINUTES 60
/* Records offered to join: dated within this many days of the occurrence. */
#define JOIN_WINDOW_DAYS 7
#define JOIN_MAX_ROWS 200

typedef enum
{
  SHOW_ALL,
  SHOW_TO_CONFIRM,
  SHOW_CONFIRMED,
  SHOW_REPEATED,
} ShowClusters;

struct _CgClusterInspector
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkDropDown        *show_dropdown;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *cluster_list;
  GtkStack           *detail_stack;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkMenuButton      *join_button;
  GtkPopover         *join_popover;
  GtkSearchEntry     *join_search;
  GtkStack           *join_stack;
  GtkListBox         *join_list;
  GtkWidget          *confirm_button;
  GtkWidget          *confirmed_box;
  GtkWidget          *legend_box;
  GtkWidget          *words_legend;
  GtkGrid            *compare_grid;

  /* Borrowed references */
  CgAnalysis         *analysis;
  CgCluster          *cluster;        /* shown */

  /* Owned references */
  GListStore         *clusters;       /* CgEvent: the first record of each cluster */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GHashTable         *clusters_by_id; /* gint64 -> CgCluster, borrowed from the analysis */
  GHashTable         *events_by_id;   /* gint64 -> CgEvent, borrowed from the analysis */
  GHashTable         *keep;           /* record keys of the cluster to show after a reload */
  char               *join_needle;

  guint               n_accounts;
  guint               n_differing;
  guint               last_position;
  guint               editable : 1;
};

G_DEFINE_FINAL_TYPE (CgClusterInspector, cg_cluster_inspector, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ records */

/* Where a record comes from: survives a reload, which builds new objects. */
static char *
dup_record_key (CgEvent *event)
{
  return g_strdup_printf ("%s\x1f%s\x1f%u", event->agency ? event->agency : "",
                          event->file_name ? event->file_name : "", event->row);
}

static GHashTable *
dup_cluster_keys (CgCluster *cluster)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < cluster->events->len; i++)
    g_hash_table_add (keys, dup_record_key (g_ptr_array_index (cluster->events, i)));

  return keys;
}

static gboolean
cluster_has_key (CgCluster  *cluster,
                 GHashTable *keys)
{
  for (guint i = 0; i < cluster->events->len; i++)
    {
      g_autofree char *key = dup_record_key (g_ptr_array_index (cluster->events, i));

      if (g_hash_table_contains (keys, key))
        return TRUE;
    }

  return FALSE;
}

static guint
count_agencies (CgCluster *cluster)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);

      g_hash_table_add (seen, event->agency ? event->agency : (char *)"");
    }

  return g_hash_table_size (seen);
}

static char *
dup_agency_list (CgCluster *cluster)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);

      if (event->agency != NULL && g_hash_table_add (seen, event->agency))
        g_ptr_array_add (names, event->agency);
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **)names->pdata);
}

static CgCluster *
cluster_of (CgClusterInspector *self,
            CgEvent            *event)
{
  if (event == NULL || event->cluster_id == 0)
    return NULL;
  return g_hash_table_lookup (self->clusters_by_id, &event->cluster_id);
}

/* ----------------------------------------------------------- the list pane */

static ShowClusters
get_show (CgClusterInspector *self)
{
  guint selected = gtk_drop_down_get_selected (self->show_dropdown);

  return selected <= SHOW_REPEATED ? (ShowClusters)selected : SHOW_ALL;
}

static gboolean
filter_cluster (gpointer item,
                gpointer user_data)
{
  CgClusterInspector *self = user_data;
  CgCluster *cluster = cluster_of (self, item);

  if (cluster == NULL)
    return FALSE;

  switch (get_show (self))
    {
    case SHOW_TO_CONFIRM:
      return cluster->kind == CG_CLUSTER_SAME_OCCURRENCE && cluster->decision == CG_DECISION_AUTO;
    case SHOW_CONFIRMED:
      return cluster->decision == CG_DECISION_CONFIRMED;
    case SHOW_REPEATED:
      return cluster->kind == CG_CLUSTER_DUPLICATE_RECORD;
    case SHOW_ALL:
    default:
      return TRUE;
    }
}

static void
update_count (CgClusterInspector *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf ("%u", total);
  else
    /* Translators: "3 of 6" clusters shown */
    text = g_strdup_printf (_("%u of %u"), shown, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "none");
}

static void
on_show_changed_cb (CgClusterInspector *self,
                    GParamSpec         *pspec,
                    GtkDropDown        *dropdown)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
setup_cluster_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *when = gtk_inscription_new (NULL);
  GtkWidget *who = gtk_inscription_new (NULL);
  GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (when),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (who),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (when, "heading");
  gtk_widget_add_css_class (who, "caption");
  gtk_widget_add_css_class (who, "dim-label");
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (lines), when);
  gtk_box_append (GTK_BOX (lines), who);

  gtk_box_append (GTK_BOX (mark), gtk_image_new ());
  gtk_box_append (GTK_BOX (mark), gtk_label_new (NULL));
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (mark, "caption");
  gtk_widget_add_css_class (mark, "cluster-mark");

  gtk_box_append (GTK_BOX (box), lines);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_list_item_set_child (item, box);
}

static void
bind_cluster_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  CgClusterInspector *self = user_data;
  CgCluster *cluster = cluster_of (self, gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *lines = gtk_widget_get_first_child (box);
  GtkWidget *mark = gtk_widget_get_last_child (box);
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  const char *icon_name = NULL;
  const char *word = NULL;

  if (cluster == NULL || cluster->events->len == 0)
    return;

  when = _cg_event_dup_short_date (g_ptr_array_index (cluster->events, 0));
  if (cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
    /* Translators: one agency's file holds the same record more than once */
    who = g_strdup_printf (_("%s, the same record"),
                           ((CgEvent *)g_ptr_array_index (cluster->events, 0))->agency);
  else
    who = dup_agency_list (cluster);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_first_child (lines)), when);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (lines)), who);
  _cg_widget_set_tooltip (lines, who);

  if (cluster->decision == CG_DECISION_CONFIRMED)
    {
      icon_name = "object-select-symbolic";
      word = _("Confirmed");
    }
  else if (cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
    {
      icon_name = "edit-copy-symbolic";
      word = _("Repeat");
    }

  gtk_widget_set_visible (mark, word != NULL);
  gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (mark)), icon_name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (mark)), word);
}

/* ------------------------------------------------------------ the accounts */

static const char * const stop_words[] = {
  "the", "and", "was", "were", "for", "with", "that", "this", "from", "has", "had", "have",
  "are", "not", "but", "his", "her", "hers", "she", "him", "they", "them", "their", "who",
  "what", "when", "into", "onto", "out", "per", "via", "than", "then", "there", "which",
  "would", "could", "been", "being", "also", "all", "any", "its", "our", "you", "your",
  "about", "after", "before", "over", "under", "both", "each", "she's", "he's", "did", "does",
  NULL
};

typedef struct
{
  const char *start;
  gsize       length;
} Word;

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

/* Words are letters and digits, with an apostrophe inside ("child's"). */
static GArray *
split_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          Word word = { p, 0 };
          const char *q = g_utf8_next_char (p);

          for (;;)
            {
              gunichar d = g_utf8_get_char (q);

              if (d != 0 && is_word_char (d))
                q = g_utf8_next_char (q);
              else if ((d == '\'' || d == 0x2019) &&
                       is_word_char (g_utf8_get_char (g_utf8_next_char (q))))
                q = g_utf8_next_char (q);
              else
                break;
            }
          word.length = q - p;
          g_array_append_val (words, word);
          p = q;
        }
      else
        p = g_utf8_next_char (p);
    }

  return words;
}

static char *
dup_word_key (const Word *word)
{
  g_autofree char *normal = g_utf8_normalize (word->start, word->length, G_NORMALIZE_ALL);
  char *key;

  if (normal == NULL)
    return NULL;
  key = g_utf8_casefold (normal, -1);
  /* "child’s" and "child's" are one word. */
  for (char *p; (p = strstr (key, "\xe2\x80\x99")) != NULL;)
    {
      *p = '\'';
      memmove (p + 1, p + 3, strlen (p + 3) + 1);
    }
  return key;
}

static gboolean
is_telling (const char *key)
{
  if (g_utf8_strlen (key, -1) < 3)
    return FALSE;
  return !g_strv_contains (stop_words, key);
}

/* Which accounts use each word: word -> bit mask of the columns. */
static void
add_words (GHashTable *owners,
           const char *text,
           guint       column)
{
  g_autoptr(GArray) words = NULL;

  if (text == NULL || column >= 64)
    return;

  words = split_words (text);
  for (guint i = 0; i < words->len; i++)
    {
      char *key = dup_word_key (&g_array_index (words, Word, i));
      guint64 *mask;

      if (key == NULL)
        continue;
      if ((mask = g_hash_table_lookup (owners, key)) == NULL)
        {
          mask = g_new0 (guint64, 1);
          g_hash_table_insert (owners, key, mask);
        }
      else
        g_free (key);
      *mask |= G_GUINT64_CONSTANT (1) << column;
    }
}

/* The text as Pango markup, with the words only this account uses in bold. */
static char *
dup_marked_text (const char *text,
                 GHashTable *owners,
                 guint       column)
{
  g_autoptr(GArray) words = split_words (text);
  GString *markup = g_string_new (NULL);
  const char *p = text;

  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);
      g_autofree char *gap = g_markup_escape_text (p, word->start - p);
      g_autofree char *escaped = g_markup_escape_text (word->start, word->length);
      g_autofree char *key = dup_word_key (word);
      guint64 *mask = key && owners ? g_hash_table_lookup (owners, key) : NULL;

      g_string_append (markup, gap);
      if (mask != NULL && column < 64 &&
          *mask == (G_GUINT64_CONSTANT (1) << column) && is_telling (key))
        g_string_append_printf (markup, "<b>%s</b>", escaped);
      else
        g_string_append (markup, escaped);
      p = word->start + word->length;
    }

  {
    g_autofree char *rest = g_markup_escape_text (p, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

static void
clear_grid (CgClusterInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);

  self->n_accounts = 0;
  self->n_differing = 0;
}

static GtkWidget *
make_value_label (const char *text,
                  gboolean    markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (text == NULL || *text == '\0')
    {
      gtk_label_set_text (GTK_LABEL (label), _("Not stated"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else if (markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_text (GTK_LABEL (label), text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static void
attach_key (CgClusterInspector *self,
            int                 row,
            const char         *key)
{
  GtkWidget *label = gtk_label_new (key);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "compare-key");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (self->compare_grid, label, 0, row, 1, 1);
}

/* A cell of one account; where the accounts disagree, a warning style, an
 * icon and a word, so that the difference does not rest on colour. */
static void
attach_cell (CgClusterInspector *self,
             int                 row,
             guint               column,
             GtkWidget          *value,
             gboolean            differs,
             const char         *why)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (cell, "compare-cell");
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_box_append (GTK_BOX (cell), value);

  if (differs)
    {
      GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *word = gtk_label_new (_("Differs"));

      gtk_box_append (GTK_BOX (mark), icon);
      gtk_box_append (GTK_BOX (mark), word);
      gtk_widget_add_css_class (mark, "differs-mark");
      _cg_widget_set_tooltip (mark, why);
      gtk_box_append (GTK_BOX (cell), mark);
      gtk_widget_add_css_class (cell, "differs");
      self->n_differing++;
    }

  gtk_grid_attach (self->compare_grid, cell, column + 1, row, 1, 1);
}

static gboolean
any_set (CgCluster *cluster,
         gsize      offset)
{
  for (guint i = 0; i < cluster->events->len; i++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, g_ptr_array_index (cluster->events, i),
                                          offset);

      if (text != NULL && *text != '\0')
        return TRUE;
    }

  return FALSE;
}

static gboolean
dates_differ (CgCluster *cluster)
{
  CgEvent *first = g_ptr_array_index (cluster->events, 0);

  for (guint i = 1; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);

      if (event->date.start != first->date.start || event->date.end != first->date.end)
        return TRUE;
    }

  return FALSE;
}

static gboolean
times_differ (CgCluster *cluster)
{
  int earliest = G_MAXINT, latest = -1;

  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);

      if (event->date.time >= 0)
        {
          earliest = MIN (earliest, event->date.time);
          latest = MAX (latest, event->date.time);
        }
    }

  return latest >= 0 && latest - earliest > TIME_TOLERANCE_MINUTES;
}

static GtkWidget *
make_account_header (CgEvent *event)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *agency = gtk_label_new (event->agency);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *where = g_strdup_printf (_("%s, row %u"), event->file_name, event->row);
  GtkWidget *where_label = gtk_label_new (where);

  gtk_label_set_xalign (GTK_LABEL (agency), 0.0);
  gtk_label_set_wrap (GTK_LABEL (agency), TRUE);
  gtk_widget_add_css_class (agency, "heading");

  gtk_label_set_ellipsize (GTK_LABEL (where_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (inner), where_label);
  gtk_box_append (GTK_BOX (inner), gtk_image_new_from_icon_name ("go-jump-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), inner);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  _cg_widget_set_tooltip (button, _("Show this record in the chronology"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "record-link");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "cluster.reveal");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (event->id));

  gtk_box_append (GTK_BOX (box), agency);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static GtkWidget *
make_recording_value (CgEvent *event)
{
  g_autofree char *description = _cg_event_dup_recording_description (event);
  GtkWidget *label = make_value_label (description, FALSE);
  GtkWidget *box;

  if (event->recording != CG_RECORDING_RETROSPECTIVE)
    return label;

  /* Retrospective records are marked by an icon and a word everywhere. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("document-open-recent-symbolic"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_valign (gtk_widget_get_first_child (box), GTK_ALIGN_START);
  gtk_widget_add_css_class (box, "retrospective");
  return box;
}

static GtkWidget *
make_child_seen_value (CgClusterInspector *self,
                       CgEvent            *event,
                       int                 seen)
{
  const char *label = _cg_child_seen_get_label (seen);

  if (label != NULL && event->child_seen < 0)
    {
      /* Translators: "Seen (read from the text)": the record has no "child
       * seen" column, and its text says so */
      g_autofree char *text = g_strdup_printf (_("%s (read from the text)"), label);

      return make_value_label (text, FALSE);
    }

  return make_value_label (label, FALSE);
}

static void
build_grid (CgClusterInspector *self)
{
  CgCluster *cluster = self->cluster;
  g_autoptr(GHashTable) owners = NULL;
  g_autofree int *seen = NULL;
  gboolean seen_differs = FALSE;
  gboolean date_differs, time_differs;
  gboolean has_seen = FALSE, has_not_seen = FALSE;
  int row = 0;

  clear_grid (self);
  if (cluster == NULL)
    return;

  self->n_accounts = cluster->events->len;
  date_differs = dates_differ (cluster);
  time_differs = times_differ (cluster);

  seen = g_new (int, cluster->events->len);
  for (guint i = 0; i < cluster->events->len; i++)
    {
      seen[i] = cg_analysis_child_seen (self->analysis, g_ptr_array_index (cluster->events, i));
      has_seen |= seen[i] > 0;
      has_not_seen |= seen[i] == 0;
    }
  seen_differs = has_seen && has_not_seen;

  /* Words one account uses and the others do not: only between agencies. */
  if (cluster->kind == CG_CLUSTER_SAME_OCCURRENCE && cluster->events->len <= 64)
    {
      owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < cluster->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (cluster->events, i);

          add_words (owners, event->text, i);
          add_words (owners, event->type, i);
          add_words (owners, event->action, i);
        }
    }
  gtk_widget_set_visible (self->words_legend, owners != NULL);

  /* Whose account */
  attach_key (self, row, "");
  for (guint i = 0; i < cluster->events->len; i++)
    {
      GtkWidget *header = make_account_header (g_ptr_array_index (cluster->events, i));

      gtk_widget_add_css_class (header, "compare-cell");
      gtk_widget_add_css_class (header, "compare-header");
      gtk_widget_set_hexpand (header, TRUE);
      gtk_grid_attach (self->compare_grid, header, i + 1, row, 1, 1);
    }
  row++;

  attach_key (self, row, _("Date"));
  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);
      g_autofree char *date = _cg_event_dup_short_date (event);
      g_autofree char *tooltip = _cg_event_dup_date_tooltip (event);
      GtkWidget *value = make_value_label (date, FALSE);

      _cg_widget_set_tooltip (value, tooltip);
      attach_cell (self, row, i, value, date_differs,
                   _("The accounts give different dates for this occurrence"));
    }
  row++;

  for (guint i = 0; i < cluster->events->len; i++)
    if (((CgEvent *)g_ptr_array_index (cluster->events, i))->date.time >= 0)
      {
        attach_key (self, row, _("Time"));
        for (guint j = 0; j < cluster->events->len; j++)
          {
            CgEvent *event = g_ptr_array_index (cluster->events, j);
            g_autofree char *time = _cg_event_dup_time (event);

            attach_cell (self, row, j, make_value_label (time, FALSE),
                         time_differs && event->date.time >= 0,
                         _("The accounts give times more than an hour apart"));
          }
        row++;
        break;
      }

  if (any_set (cluster, G_STRUCT_OFFSET (CgEvent, type)))
    {
      attach_key (self, row, _("Type"));
      for (guint i = 0; i < cluster->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (cluster->events, i);
          g_autofree char *markup = event->type ? dup_marked_text (event->type, owners, i) : NULL;

          attach_cell (self, row, i, make_value_label (markup, TRUE), FALSE, NULL);
        }
      row++;
    }

  attach_key (self, row, _("What happened"));
  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);
      g_autofree char *markup = event->text ? dup_marked_text (event->text, owners, i) : NULL;

      attach_cell (self, row, i, make_value_label (markup, TRUE), FALSE, NULL);
    }
  row++;

  if (any_set (cluster, G_STRUCT_OFFSET (CgEvent, action)))
    {
      attach_key (self, row, _("Action"));
      for (guint i = 0; i < cluster->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (cluster->events, i);
          g_autofree char *markup = event->action ? dup_marked_text (event->action, owners, i)
                                                  : NULL;

          attach_cell (self, row, i, make_value_label (markup, TRUE), FALSE, NULL);
        }
      row++;
    }

  attach_key (self, row, _("Child seen"));
  for (guint i = 0; i < cluster->events->len; i++)
    attach_cell (self, row, i,
                 make_child_seen_value (self, g_ptr_array_index (cluster->events, i), seen[i]),
                 seen_differs && seen[i] >= 0,
                 _("One account says the child was seen, another that the child was not seen"));
  row++;

  if (any_set (cluster, G_STRUCT_OFFSET (CgEvent, practitioner)))
    {
      attach_key (self, row, _("Recorded by"));
      for (guint i = 0; i < cluster->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (cluster->events, i);

          attach_cell (self, row, i, make_value_label (event->practitioner, FALSE), FALSE, NULL);
        }
      row++;
    }

  attach_key (self, row, _("Recording"));
  for (guint i = 0; i < cluster->events->len; i++)
    attach_cell (self, row, i, make_recording_value (g_ptr_array_index (cluster->events, i)),
                 FALSE, NULL);
  row++;

  /* Taking a record out */
  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (cluster->events, i);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Take Out of Cluster"));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      _cg_widget_set_tooltip (button,
                                   cluster->kind == CG_CLUSTER_DUPLICATE_RECORD
                                   ? _("This is not a repeat of the other record: keep it apart")
                                   : _("This record is of another occurrence: keep it apart "
                                       "from the others"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "cluster.take-out");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_int64 (event->id));
      gtk_widget_add_css_class (button, "compare-action");
      gtk_grid_attach (self->compare_grid, button, i + 1, row, 1, 1);
    }

  /* The legend explains only the marks shown. */
  gtk_widget_set_visible (gtk_widget_get_first_child (self->legend_box), self->n_differing > 0);
  gtk_widget_set_visible (self->legend_box, self->n_differing > 0 || owners != NULL);
}

static void
show_cluster (CgClusterInspector *self,
              CgCluster          *cluster)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  const char *decision;

  self->cluster = cluster;
  gtk_popover_popdown (self->join_popover);

  if (cluster == NULL || cluster->events->len == 0)
    {
      self->cluster = NULL;
      clear_grid (self);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  when = _cg_event_dup_short_date (g_ptr_array_index (cluster->events, 0));
  decision = cluster->decision == CG_DECISION_CONFIRMED ? _("confirmed by you")
                                                        : _("suggested by the analysis");

  if (cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
    {
      title = g_strdup_printf (_("Repeated by %s"),
                               ((CgEvent *)g_ptr_array_index (cluster->events, 0))->agency);
      /* Translators: date, number of copies, and who made the cluster:
       * "21 Jun 2021 · one record, 2 copies · suggested by the analysis" */
      subtitle = g_strdup_printf (g_dngettext (NULL, "%s · one record, %u copy · %s",
                                               "%s · one record, %u copies · %s",
                                               cluster->events->len),
                                  when, cluster->events->len, decision);
    }
  else
    {
      guint n = count_agencies (cluster);

      title = g_strdup_printf (g_dngettext (NULL, "Recorded by %u Agency",
                                            "Recorded by %u Agencies", n),
                               n);
      /* Translators: date, number of records, and who made the cluster:
       * "20 Jan 2022 · one occurrence, 3 records · suggested by the analysis" */
      subtitle = g_strdup_printf (g_dngettext (NULL, "%s · one occurrence, %u record · %s",
                                               "%s · one occurrence, %u records · %s",
                                               cluster->events->len),
                                  when, cluster->events->len, decision);
    }

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (self->confirm_button, cluster->decision != CG_DECISION_CONFIRMED);
  gtk_widget_set_visible (self->confirmed_box, cluster->decision == CG_DECISION_CONFIRMED);

  build_grid (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "cluster");
}

static void
on_selected_item_changed_cb (CgClusterInspector *self,
                             GParamSpec         *pspec,
                             GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (position != GTK_INVALID_LIST_POSITION)
    self->last_position = position;
  show_cluster (self, cluster_of (self, gtk_single_selection_get_selected_item (selection)));
}

/* ------------------------------------------------------------------ joining */

static void
on_join_search_changed_cb (CgClusterInspector *self,
                           GtkSearchEntry     *entry)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_free (self->join_needle);
  self->join_needle = *stripped ? g_utf8_casefold (stripped, -1) : NULL;
  gtk_list_box_invalidate_filter (self->join_list);
}

static gboolean
filter_join_row (GtkListBoxRow *row,
                 gpointer       user_data)
{
  CgClusterInspector *self = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "cg-haystack");

  return self->join_needle == NULL || (haystack && strstr (haystack, self->join_needle));
}

static guint32
distance (guint32 a,
          guint32 b)
{
  return a > b ? a - b : b - a;
}

typedef struct
{
  CgEvent *event;
  guint32  distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return cg_event_compare_by_date (ca->event, cb->event);
}

static GtkWidget *
make_join_row (CgEvent *event)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *reference = _cg_event_dup_reference_markup (event);
  GtkWidget *where = gtk_label_new (NULL);
  GtkWidget *what = gtk_label_new (cg_event_get_summary (event));
  g_autofree char *haystack = g_strjoin (" ", event->agency ? event->agency : "",
                                         event->type ? event->type : "",
                                         event->text ? event->text : "",
                                         event->action ? event->action : "",
                                         event->file_name ? event->file_name : "", NULL);

  if (event->cluster_id != 0)
    {
      /* Translators: a record that is already in another cluster */
      char *linked = g_strdup_printf (_("%s · in another cluster"), reference);

      g_free (reference);
      reference = linked;
    }

  gtk_label_set_markup (GTK_LABEL (where), reference);
  gtk_label_set_xalign (GTK_LABEL (where), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (where, "caption");

  gtk_label_set_xalign (GTK_LABEL (what), 0.0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (what), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (what), 2);
  gtk_label_set_ellipsize (GTK_LABEL (what), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (what), 50);

  gtk_box_append (GTK_BOX (box), where);
  gtk_box_append (GTK_BOX (box), what);
  gtk_widget_add_css_class (box, "join-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "cg-event", event);
  g_object_set_data_full (G_OBJECT (row), "cg-haystack", g_utf8_casefold (haystack, -1), g_free);
  return row;
}

static void
clear_join_list (CgClusterInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->join_list))) != NULL)
    gtk_list_box_remove (self->join_list, child);
}

/* The records dated within a week of the occurrence, nearest first. */
static void
on_join_popover_show_cb (CgClusterInspector *self,
                         GtkPopover         *popover)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint32 first = G_MAXUINT32, last = 0, centre;

  clear_join_list (self);
  gtk_editable_set_text (GTK_EDITABLE (self->join_search), "");

  if (self->cluster == NULL || self->analysis == NULL)
    return;

  for (guint i = 0; i < self->cluster->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (self->cluster->events, i);

      if (event->date.start != 0)
        {
          first = MIN (first, event->date.start);
          last = MAX (last, event->date.end);
        }
    }

  if (first != G_MAXUINT32)
    {
      centre = first;
      first = first > JOIN_WINDOW_DAYS ? first - JOIN_WINDOW_DAYS : 1;
      last += JOIN_WINDOW_DAYS;

      for (guint i = 0; i < self->analysis->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (self->analysis->events, i);
          Candidate candidate = { event, 0 };

          if (event->date.start == 0 || event->date.start > last || event->date.end < first ||
              event->cluster_id == self->cluster->id)
            continue;
          candidate.distance = distance (event->date.start, centre);
          g_array_append_val (candidates, candidate);
        }
      g_array_sort (candidates, compare_candidates);
    }

  for (guint i = 0; i < candidates->len && i < JOIN_MAX_ROWS; i++)
    gtk_list_box_append (self->join_list,
                         make_join_row (g_array_index (candidates, Candidate, i).event));

  gtk_stack_set_visible_child_name (self->join_stack, candidates->len > 0 ? "list" : "none");
}

static void
on_join_row_activated_cb (CgClusterInspector *self,
                          GtkListBoxRow      *row,
                          GtkListBox         *list)
{
  CgEvent *event = g_object_get_data (G_OBJECT (row), "cg-event");

  if (event == NULL)
    return;

  gtk_popover_popdown (self->join_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "cluster.join", "x", event->id);
}

/* ---------------------------------------------------------------- decisions */

static void
keep_cluster (CgClusterInspector *self,
              CgEvent            *without,
              CgEvent            *with)
{
  g_clear_pointer (&self->keep, g_hash_table_unref);
  self->keep = dup_cluster_keys (self->cluster);

  if (without != NULL)
    {
      g_autofree char *key = dup_record_key (without);

      g_hash_table_remove (self->keep, key);
    }
  if (with != NULL)
    g_hash_table_add (self->keep, dup_record_key (with));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgClusterInspector *self = CG_CLUSTER_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  CgStore *store;
  gboolean saved;

  if (self->cluster == NULL || (store = _cg_analysis_view_begin_decision (widget)) == NULL)
    return;

  keep_cluster (self, NULL, NULL);
  saved = cg_store_confirm_cluster (store, self->cluster, &error);
  _cg_analysis_view_end_decision (widget, saved, error, _("Cluster confirmed"));
}

static void
take_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgClusterInspector *self = CG_CLUSTER_INSPECTOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CgEvent *event = g_hash_table_lookup (self->events_by_id, &id);
  g_autoptr(GError) error = NULL;
  CgStore *store;
  gboolean saved;

  if (self->cluster == NULL || event == NULL ||
      (store = _cg_analysis_view_begin_decision (widget)) == NULL)
    return;

  keep_cluster (self, event, NULL);
  saved = cg_store_remove_from_cluster (store, self->cluster, event, &error);
  _cg_analysis_view_end_decision (widget, saved, error, _("Record taken out of the cluster"));
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgClusterInspector *self = CG_CLUSTER_INSPECTOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CgEvent *event = g_hash_table_lookup (self->events_by_id, &id);
  g_autoptr(GError) error = NULL;
  CgStore *store;
  gboolean saved;

  if (self->cluster == NULL || event == NULL ||
      (store = _cg_analysis_view_begin_decision (widget)) == NULL)
    return;

  keep_cluster (self, NULL, event);
  saved = cg_store_join_records (store, g_ptr_array_index (self->cluster->events, 0), event,
                                 &error);
  _cg_analysis_view_end_decision (widget, saved, error, _("Record joined to the cluster"));
}

/* The chronology, filtered to this cluster's records. */
static void
show_in_chronology_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CgClusterInspector *self = CG_CLUSTER_INSPECTOR (widget);
  CgWindow *window = _cg_analysis_view_get_window (widget);
  CgChronologyPage *page;

  if (window == NULL || self->cluster == NULL)
    return;

  page = _cg_window_get_chronology_page (window);
  cg_record_filter_set_cluster (_cg_chronology_page_get_record_filter (page), self->cluster->id);
  _cg_window_show_page (window, "chronology");
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgClusterInspector *self = CG_CLUSTER_INSPECTOR (widget);
  gint64 id = g_variant_get_int64 (parameter);

  _cg_analysis_view_reveal_record (widget, g_hash_table_lookup (self->events_by_id, &id));
}

/* ------------------------------------------------------------------- public */

static int
compare_first_records (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return cg_event_compare_by_date ((CgEvent *)a, (CgEvent *)b);
}

static guint
find_cluster_position (CgClusterInspector *self,
                       gint64              cluster_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgEvent) event = g_list_model_get_item (model, i);

      if (event->cluster_id == cluster_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/**
 * _cg_cluster_inspector_set_analysis:
 * @analysis: (nullable): borrowed until the next call
 *
 * Shows the clusters of @analysis, and again the cluster shown before (or
 * what is left of it after a decision), found by its records.
 */
void
_cg_cluster_inspector_set_analysis (CgClusterInspector *self,
                                    CgAnalysis         *analysis)
{
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  guint n_old, position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (CG_IS_CLUSTER_INSPECTOR (self));

  keep = g_steal_pointer (&self->keep);
  if (keep == NULL && self->cluster != NULL)
    keep = dup_cluster_keys (self->cluster);

  /* Nothing may point into the old analysis past this point. */
  gtk_popover_popdown (self->join_popover);
  clear_join_list (self);
  self->cluster = NULL;
  self->analysis = analysis;
  g_hash_table_remove_all (self->clusters_by_id);
  g_hash_table_remove_all (self->events_by_id);

  if (analysis != NULL)
    {
      for (guint i = 0; i < analysis->clusters->len; i++)
        {
          CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);

          if (cluster->events->len == 0)
            continue;
          g_hash_table_insert (self->clusters_by_id, &cluster->id, cluster);
          g_ptr_array_add (firsts, g_ptr_array_index (cluster->events, 0));
        }
      for (guint i = 0; i < analysis->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (analysis->events, i);

          g_hash_table_insert (self->events_by_id, &event->id, event);
        }
    }

  g_signal_handlers_block_by_func (self->selection, on_selected_item_changed_cb, self);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  g_list_store_splice (self->clusters, 0, n_old, firsts->pdata, firsts->len);
  g_list_store_sort (self->clusters, compare_first_records, NULL);

  if (keep != NULL && analysis != NULL)
    for (guint i = 0; i < analysis->clusters->len; i++)
      {
        CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);

        if (cluster->events->len > 0 && cluster_has_key (cluster, keep) &&
            (position = find_cluster_position (self, cluster->id)) != GTK_INVALID_LIST_POSITION)
          break;
      }

  /* The cluster was dissolved or is now filtered out: its neighbour. */
  if (position == GTK_INVALID_LIST_POSITION && keep != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    position = MIN (self->last_position,
                    g_list_model_get_n_items (G_LIST_MODEL (self->selection)) - 1);
  if (position == GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    position = 0;

  gtk_single_selection_set_selected (self->selection, position);
  g_signal_handlers_unblock_by_func (self->selection, on_selected_item_changed_cb, self);

  on_selected_item_changed_cb (self, NULL, self->selection);
  update_count (self);
}

void
_cg_cluster_inspector_set_editable (CgClusterInspector *self,
                                    gboolean            editable)
{
  g_return_if_fail (CG_IS_CLUSTER_INSPECTOR (self));

  self->editable = !!editable;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cluster.confirm", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cluster.take-out", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cluster.join", editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), editable);
  if (!editable)
    gtk_popover_popdown (self->join_popover);
}

/* Selects the cluster, showing every cluster if the filter hides it. */
gboolean
_cg_cluster_inspector_show_cluster (CgClusterInspector *self,
                                    gint64              cluster_id)
{
  guint position;

  g_return_val_if_fail (CG_IS_CLUSTER_INSPECTOR (self), FALSE);

  if (g_hash_table_lookup (self->clusters_by_id, &cluster_id) == NULL)
    return FALSE;

  if ((position = find_cluster_position (self, cluster_id)) == GTK_INVALID_LIST_POSITION)
    {
      gtk_drop_down_set_selected (self->show_dropdown, SHOW_ALL);
      position = find_cluster_position (self, cluster_id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->cluster_list), "list.scroll-to-item", "u",
                              position);
  return TRUE;
}

CgCluster *
_cg_cluster_inspector_get_cluster (CgClusterInspector *self)
{
  g_return_val_if_fail (CG_IS_CLUSTER_INSPECTOR (self), NULL);

  return self->cluster;
}

guint
_cg_cluster_inspector_get_n_accounts (CgClusterInspector *self)
{
  g_return_val_if_fail (CG_IS_CLUSTER_INSPECTOR (self), 0);

  return self->n_accounts;
}

guint
_cg_cluster_inspector_get_n_differing (CgClusterInspector *self)
{
  g_return_val_if_fail (CG_IS_CLUSTER_INSPECTOR (self), 0);

  return self->n_differing;
}

guint
_cg_cluster_inspector_get_n_listed (CgClusterInspector *self)
{
  g_return_val_if_fail (CG_IS_CLUSTER_INSPECTOR (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

/* ------------------------------------------------------------------ GObject */

static void
cg_cluster_inspector_dispose (GObject *object)
{
  CgClusterInspector *self = (CgClusterInspector *)object;

  self->cluster = NULL;
  self->analysis = NULL;

  if (self->join_list != NULL)
    clear_join_list (self);
  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CLUSTER_INSPECTOR);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->clusters);
  g_clear_pointer (&self->clusters_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  g_clear_pointer (&self->keep, g_hash_table_unref);
  g_clear_pointer (&self->join_needle, g_free);

  G_OBJECT_CLASS (cg_cluster_inspector_parent_class)->dispose (object);
}

static void
cg_cluster_inspector_class_init (CgClusterInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_cluster_inspector_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-cluster-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, join_button);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, join_popover);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, join_search);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, join_stack);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, join_list);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, confirmed_box);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, legend_box);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, words_legend);
  gtk_widget_class_bind_template_child (widget_class, CgClusterInspector, compare_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_show_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "cluster.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "cluster.take-out", "x", take_out_action);
  gtk_widget_class_install_action (widget_class, "cluster.join", "x", join_action);
  gtk_widget_class_install_action (widget_class, "cluster.reveal", "x", reveal_action);
  gtk_widget_class_install_action (widget_class, "cluster.show-in-chronology", NULL,
                                   show_in_chronology_action);

  gtk_widget_class_set_css_name (widget_class, "clusterinspector");
}

static void
cg_cluster_inspector_init (CgClusterInspector *self)
{
  GtkListItemFactory *factory;

  self->last_position = 0;
  self->clusters = g_list_store_new (CG_TYPE_EVENT);
  self->clusters_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->events_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_cluster, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->clusters)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cluster_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cluster_row_cb), self);
  gtk_list_view_set_factory (self->cluster_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->cluster_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_box_set_filter_func (self->join_list, filter_join_row, self, NULL);

  _cg_cluster_inspector_set_editable (self, FALSE);
  update_count (self);
}
