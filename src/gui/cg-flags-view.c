/* cg-flags-view.c
 *
 * The discrepancies the analysis found between the agencies' records, grouped
 * by kind, each with its plain-English explanation and the records involved.
 * The author marks a flag explained or dismissed with a note, or reopens it;
 * the decision is stored at once and survives re-analysis.
 *
 * A large review can raise thousands of flags: rows are built for the first
 * few hundred that match the filters, and more on request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-flags-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-analysis-page.h"
#include "cg-flags-view.h"
#include "cg-window-private.h"
#include "cg-tooltip.h"

#define ROWS_PER_PAGE 200

struct _CgFlagsView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkDropDown    *status_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkLabel       *count_label;
  GtkStack       *list_stack;
  GtkScrolledWindow *scroller;
  GtkBox         *groups_box;
  GtkButton      *more_button;
  AdwStatusPage  *empty_page;

  /* Borrowed references */
  CgAnalysis     *analysis;
  GtkWidget      *dialog;        /* weak */

  /* Owned references */
  GtkStringList  *kind_names;
  GHashTable     *flags_by_id;   /* gint64 id -> CgDiscrepancy, borrowed from the analysis */
  GHashTable     *events_by_id;  /* gint64 id -> CgEvent, borrowed from the analysis */

  guint           limit;
  guint           n_shown;
  guint           n_matching;
  guint           editable : 1;
  guint           stale : 1;     /* the rows wait for the view to be shown */
};

G_DEFINE_FINAL_TYPE (CgFlagsView, cg_flags_view, ADW_TYPE_BIN)

/* ---------------------------------------------------------------- filtering */

static CgFlagsShow
get_show (CgFlagsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  return selected <= CG_FLAGS_SHOW_ALL ? (CgFlagsShow)selected : CG_FLAGS_SHOW_OPEN;
}

/* -1 for every kind */
static int
get_kind (CgFlagsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > CG_N_DISCREPANCY_KINDS)
    return -1;
  return (int)selected - 1;
}

static gboolean
status_matches (CgFlagsShow   show,
                CgFlagStatus  status)
{
  switch (show)
    {
    case CG_FLAGS_SHOW_OPEN:      return status == CG_FLAG_OPEN;
    case CG_FLAGS_SHOW_EXPLAINED: return status == CG_FLAG_EXPLAINED;
    case CG_FLAGS_SHOW_DISMISSED: return status == CG_FLAG_DISMISSED;
    case CG_FLAGS_SHOW_ALL:
    default:                      return TRUE;
    }
}

/* The kind menu says how many flags of each kind have the chosen status. */
static void
update_kind_names (CgFlagsView *self,
                   const guint *counts,
                   guint        total)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->kind_names));

  /* Translators: the kind menu of the flags; %u is how many flags */
  g_ptr_array_add (names, g_strdup_printf (_("All kinds (%u)"), total));
  for (guint kind = 0; kind < CG_N_DISCREPANCY_KINDS; kind++)
    /* Translators: a kind of flag and how many there are, e.g. "Dates disagree (2)" */
    g_ptr_array_add (names, g_strdup_printf (_("%s (%u)"),
                                             cg_discrepancy_kind_get_label (kind), counts[kind]));
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_matched (self->kind_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_string_list_splice (self->kind_names, 0, n_old, (const char * const *)names->pdata);
  gtk_drop_down_set_selected (self->kind_dropdown,
                              selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
  g_signal_handlers_unblock_matched (self->kind_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
}

/* --------------------------------------------------------------------- rows */

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* An icon and a word, never colour alone. */
static GtkWidget *
make_status_mark (CgFlagStatus status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *icon_name;
  const char *word;

  switch (status)
    {
    case CG_FLAG_EXPLAINED:
      icon_name = "object-select-symbolic";
      word = _("Explained");
      break;
    case CG_FLAG_DISMISSED:
      icon_name = "list-remove-symbolic";
      word = _("Dismissed");
      break;
    case CG_FLAG_OPEN:
    default:
      icon_name = "emoji-flags-symbolic";
      word = _("Open");
      break;
    }

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), gtk_label_new (word));
  gtk_widget_add_css_class (box, "flag-status");
  gtk_widget_add_css_class (box, cg_flag_status_to_string (status));
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  return box;
}

static GtkWidget *
make_record_link (CgEvent *event)
{
  g_autofree char *markup = _cg_event_dup_reference_markup (event);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-jump-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  _cg_widget_set_tooltip (button, _("Show this record in the chronology"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "record-link");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "flag.reveal");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (event->id));
  return button;
}

static GtkWidget *
make_action_button (const char *label,
                    const char *action_name,
                    gint64      target,
                    gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (target));
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static gboolean
is_conflict (CgDiscrepancyKind kind)
{
  return kind == CG_DISCREPANCY_DATE_CONFLICT || kind == CG_DISCREPANCY_TIME_CONFLICT ||
         kind == CG_DISCREPANCY_FACT_CONFLICT;
}

static GtkWidget *
make_flag_row (CgFlagsView   *self,
               CgDiscrepancy *flag)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (_cg_discrepancy_kind_get_icon_name (flag->kind));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *records = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *summary;

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  _cg_widget_set_tooltip (icon, cg_discrepancy_kind_get_label (flag->kind));
  gtk_widget_add_css_class (icon, "flag-icon");
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), content);
  gtk_widget_add_css_class (box, "flag-row");

  if (flag->status != CG_FLAG_OPEN || get_show (self) == CG_FLAGS_SHOW_ALL)
    gtk_box_append (GTK_BOX (content), make_status_mark (flag->status));

  summary = make_label (flag->summary, NULL);
  gtk_label_set_selectable (GTK_LABEL (summary), TRUE);
  gtk_box_append (GTK_BOX (content), summary);

  for (guint i = 0; flag->events != NULL && i < flag->events->len; i++)
    gtk_box_append (GTK_BOX (records), make_record_link (g_ptr_array_index (flag->events, i)));
  gtk_widget_add_css_class (records, "flag-records");
  gtk_box_append (GTK_BOX (content), records);

  if (flag->note != NULL && *flag->note != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (flag->note, -1);
      /* Translators: the author's note on a flag */
      g_autofree char *markup = g_strdup_printf (_("<b>Note:</b> %s"), escaped);
      GtkWidget *note = make_label (NULL, "flag-note");

      gtk_label_set_markup (GTK_LABEL (note), markup);
      gtk_label_set_selectable (GTK_LABEL (note), TRUE);
      gtk_box_append (GTK_BOX (content), note);
    }

  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  if (is_conflict (flag->kind) && flag->events != NULL && flag->events->len > 0)
    {
      CgEvent *first = g_ptr_array_index (flag->events, 0);

      if (first->cluster_id != 0)
        {
          GtkWidget *compare = make_action_button (_("_Compare Accounts"), "analysis.show-cluster",
                                                   first->cluster_id, FALSE);

          _cg_widget_set_tooltip (compare, _("See every agency’s account side by side"));
          gtk_widget_add_css_class (compare, "flat");
          gtk_box_append (GTK_BOX (actions), compare);
        }
    }
  if (flag->status == CG_FLAG_OPEN)
    {
      gtk_box_append (GTK_BOX (actions),
                      make_action_button (_("_Dismiss…"), "flag.dismiss", flag->id, FALSE));
      gtk_box_append (GTK_BOX (actions),
                      make_action_button (_("Mark _Explained…"), "flag.explain", flag->id,
                                          FALSE));
    }
  else
    {
      gtk_box_append (GTK_BOX (actions),
                      make_action_button (_("Edit _Note…"), "flag.edit-note", flag->id, FALSE));
      gtk_box_append (GTK_BOX (actions),
                      make_action_button (_("_Reopen"), "flag.reopen", flag->id, FALSE));
    }
  gtk_box_append (GTK_BOX (content), actions);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "cg-flag-kind", GINT_TO_POINTER (flag->kind));
  return row;
}

static GtkWidget *
make_group (CgDiscrepancyKind  kind,
            guint              count,
            GtkWidget        **list)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *title = make_label (cg_discrepancy_kind_get_label (kind), "heading");
  GtkWidget *number = gtk_label_new (count_text);
  GtkWidget *description = make_label (_cg_discrepancy_kind_get_description (kind), "dim-label");

  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), number);
  gtk_box_append (GTK_BOX (group), header);
  gtk_box_append (GTK_BOX (group), description);

  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  gtk_widget_set_margin_top (*list, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cg_discrepancy_kind_get_label (kind),
                                  -1);
  gtk_box_append (GTK_BOX (group), *list);
  return group;
}

/* The rows go with the analysis they were made from. */
static void
drop_rows (CgFlagsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  self->n_shown = 0;
  self->n_matching = 0;
  self->stale = TRUE;
}

static void
rebuild (CgFlagsView *self)
{
  CgFlagsShow show = get_show (self);
  int only_kind = get_kind (self);
  guint counts[CG_N_DISCREPANCY_KINDS] = { 0, };
  guint total = 0;
  drop_rows (self);
  self->stale = FALSE;

  if (self->analysis != NULL)
    for (guint i = 0; i < self->analysis->discrepancies->len; i++)
      {
        CgDiscrepancy *flag = g_ptr_array_index (self->analysis->discrepancies, i);

        if (flag->kind < CG_N_DISCREPANCY_KINDS && status_matches (show, flag->status))
          {
            counts[flag->kind]++;
            total++;
          }
      }
  update_kind_names (self, counts, total);

  /* Grouped by kind: disagreements first, as the core orders the kinds. */
  for (guint kind = 0; self->analysis != NULL && kind < CG_N_DISCREPANCY_KINDS; kind++)
    {
      GtkWidget *list = NULL;

      if ((only_kind >= 0 && (guint)only_kind != kind) || counts[kind] == 0)
        continue;

      self->n_matching += counts[kind];
      if (self->n_shown >= self->limit)
        continue;

      gtk_box_append (self->groups_box, make_group (kind, counts[kind], &list));
      for (guint i = 0; i < self->analysis->discrepancies->len && self->n_shown < self->limit; i++)
        {
          CgDiscrepancy *flag = g_ptr_array_index (self->analysis->discrepancies, i);

          if (flag->kind == kind && status_matches (show, flag->status))
            {
              gtk_list_box_append (GTK_LIST_BOX (list), make_flag_row (self, flag));
              self->n_shown++;
            }
        }
    }

  if (self->n_shown < self->n_matching)
    {
      guint more = MIN (ROWS_PER_PAGE, self->n_matching - self->n_shown);
      g_autofree char *label = g_strdup_printf (g_dngettext (NULL, "Show %u More Flag",
                                                             "Show %u More Flags", more),
                                                more);

      gtk_button_set_label (self->more_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->n_shown < self->n_matching);

  {
    g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u flag", "%u flags",
                                                           self->n_matching),
                                              self->n_matching);

    gtk_label_set_text (self->count_label, count);
  }

  if (self->n_matching == 0)
    {
      if (show == CG_FLAGS_SHOW_OPEN && only_kind < 0)
        {
          adw_status_page_set_title (self->empty_page, _("No Open Flags"));
          adw_status_page_set_description (self->empty_page,
                                           _("Every discrepancy the analysis found has been "
                                             "explained or dismissed, or it found none."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Flags to Show"));
          adw_status_page_set_description (self->empty_page,
                                           _("No flag of this kind has this status."));
        }
    }
  gtk_stack_set_visible_child_name (self->list_stack, self->n_matching > 0 ? "list" : "none");
}

static void
on_filter_changed_cb (CgFlagsView *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  self->limit = ROWS_PER_PAGE;
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
on_more_clicked_cb (CgFlagsView *self,
                    GtkButton   *button)
{
  self->limit += ROWS_PER_PAGE;
  rebuild (self);
}

/* ---------------------------------------------------------------- decisions */

static CgDiscrepancy *
find_flag_by_key (CgFlagsView *self,
                  const char  *key)
{
  for (guint i = 0; self->analysis != NULL && i < self->analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *flag = g_ptr_array_index (self->analysis->discrepancies, i);

      if (g_strcmp0 (flag->key, key) == 0)
        return flag;
    }

  return NULL;
}

static void
set_status (CgFlagsView  *self,
            CgDiscrepancy *flag,
            CgFlagStatus  status,
            const char   *note,
            const char   *done_message)
{
  g_autoptr(GError) error = NULL;
  CgStore *store;
  gboolean saved;

  if ((store = _cg_analysis_view_begin_decision (GTK_WIDGET (self))) == NULL)
    return;

  saved = cg_store_set_flag_status (store, flag, status, note, &error);
  _cg_analysis_view_end_decision (GTK_WIDGET (self), saved, error, done_message);
}

typedef struct
{
  CgFlagsView   *self;
  char          *key;
  CgFlagStatus   status;
  GtkTextBuffer *buffer;
} NoteRequest;

static void
note_request_free (gpointer  data,
                   GClosure *closure)
{
  NoteRequest *request = data;

  g_clear_object (&request->self);
  g_clear_object (&request->buffer);
  g_free (request->key);
  g_free (request);
}

static char *
dup_note (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
on_note_changed_cb (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  g_autofree char *note = dup_note (buffer);

  adw_message_dialog_set_response_enabled (dialog, "apply", note != NULL);
}

static void
on_note_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     NoteRequest      *request)
{
  CgFlagsView *self = request->self;
  g_autofree char *note = NULL;
  CgDiscrepancy *flag;
  const char *done;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  /* The analysis may have run again while the dialog was open. */
  if ((flag = find_flag_by_key (self, request->key)) == NULL)
    {
      CgWindow *window = _cg_analysis_view_get_window (GTK_WIDGET (self));

      if (window != NULL)
        _cg_window_show_toast (window, _("The flag is no longer raised by the analysis"));
      return;
    }

  note = dup_note (request->buffer);
  if (request->status == CG_FLAG_EXPLAINED && flag->status != CG_FLAG_EXPLAINED)
    done = _("Flag marked explained");
  else if (request->status == CG_FLAG_DISMISSED && flag->status != CG_FLAG_DISMISSED)
    done = _("Flag dismissed");
  else
    done = _("Note saved");

  set_status (self, flag, request->status, note, done);
}

static void
open_note_dialog (CgFlagsView   *self,
                  CgDiscrepancy *flag,
                  CgFlagStatus   status)
{
  CgWindow *window = _cg_analysis_view_get_window (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *scroller;
  GtkWidget *text_view;
  NoteRequest *request;
  const char *heading;
  const char *apply;

  if (window == NULL)
    return;

  if (status == flag->status)
    {
      heading = _("Edit the Note");
      apply = _("_Save Note");
    }
  else if (status == CG_FLAG_EXPLAINED)
    {
      heading = _("Mark the Flag Explained");
      apply = _("Mark _Explained");
    }
  else
    {
      heading = _("Dismiss the Flag");
      apply = _("_Dismiss");
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, flag->summary);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (status == CG_FLAG_DISMISSED && status != flag->status
                                       ? _("Why the flag does not need explaining")
                                       : _("_Note for the review"));
  gtk_label_set_use_underline (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), text_view);
  if (flag->note != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), flag->note, -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text_view);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (scroller, "note-editor");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", apply,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request = g_new0 (NoteRequest, 1);
  request->self = g_object_ref (self);
  request->key = g_strdup (flag->key);
  request->status = status;
  request->buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)));

  /* An explanation or a dismissal is recorded with its reason. */
  on_note_changed_cb (request->buffer, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (request->buffer, "changed", G_CALLBACK (on_note_changed_cb), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_note_response_cb), request,
                         note_request_free, 0);

  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *)&self->dialog);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (text_view);
}

static CgDiscrepancy *
lookup_flag (CgFlagsView *self,
             GVariant    *parameter)
{
  gint64 id = g_variant_get_int64 (parameter);

  return g_hash_table_lookup (self->flags_by_id, &id);
}

static void
explain_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgFlagsView *self = CG_FLAGS_VIEW (widget);
  CgDiscrepancy *flag = lookup_flag (self, parameter);

  if (flag != NULL)
    open_note_dialog (self, flag, CG_FLAG_EXPLAINED);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgFlagsView *self = CG_FLAGS_VIEW (widget);
  CgDiscrepancy *flag = lookup_flag (self, parameter);

  if (flag != NULL)
    open_note_dialog (self, flag, CG_FLAG_DISMISSED);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgFlagsView *self = CG_FLAGS_VIEW (widget);
  CgDiscrepancy *flag = lookup_flag (self, parameter);

  if (flag != NULL)
    open_note_dialog (self, flag, flag->status);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgFlagsView *self = CG_FLAGS_VIEW (widget);
  CgDiscrepancy *flag = lookup_flag (self, parameter);
  g_autofree char *note = NULL;

  if (flag == NULL)
    return;

  /* The note stays: it records what was decided before. A copy, as the store
   * replaces the flag's own note. */
  note = g_strdup (flag->note);
  set_status (self, flag, CG_FLAG_OPEN, note, _("Flag reopened"));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgFlagsView *self = CG_FLAGS_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  _cg_analysis_view_reveal_record (widget, g_hash_table_lookup (self->events_by_id, &id));
}

/* ------------------------------------------------------------------- public */

/**
 * _cg_flags_view_set_analysis:
 * @analysis: (nullable): borrowed until the next call
 */
void
_cg_flags_view_set_analysis (CgFlagsView *self,
                             CgAnalysis  *analysis)
{
  g_return_if_fail (CG_IS_FLAGS_VIEW (self));

  self->analysis = analysis;
  g_hash_table_remove_all (self->flags_by_id);
  g_hash_table_remove_all (self->events_by_id);

  if (analysis != NULL)
    {
      for (guint i = 0; i < analysis->discrepancies->len; i++)
        {
          CgDiscrepancy *flag = g_ptr_array_index (analysis->discrepancies, i);

          g_hash_table_insert (self->flags_by_id, &flag->id, flag);
        }
      for (guint i = 0; i < analysis->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (analysis->events, i);

          g_hash_table_insert (self->events_by_id, &event->id, event);
        }
    }

  /* Same filters, same place in the list: the author goes on where they were.
   * A view out of sight is built when it is shown: a large review's flags
   * would otherwise hold up the chronology the author is looking at. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    drop_rows (self);
}

/* Built now if it waits to be shown: what the accessors below count is on
 * screen. */
static void
ensure_built (CgFlagsView *self)
{
  if (self->stale)
    rebuild (self);
}

void
_cg_flags_view_set_editable (CgFlagsView *self,
                             gboolean     editable)
{
  g_return_if_fail (CG_IS_FLAGS_VIEW (self));

  self->editable = !!editable;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flag.explain", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flag.dismiss", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flag.edit-note", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flag.reopen", editable);
}

void
_cg_flags_view_set_filter (CgFlagsView *self,
                           CgFlagsShow  show,
                           int          kind)
{
  g_return_if_fail (CG_IS_FLAGS_VIEW (self));
  g_return_if_fail (kind >= -1 && kind < CG_N_DISCREPANCY_KINDS);

  g_signal_handlers_block_matched (self->status_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  g_signal_handlers_block_matched (self->kind_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_drop_down_set_selected (self->status_dropdown, show);
  gtk_drop_down_set_selected (self->kind_dropdown, (guint)(kind + 1));
  g_signal_handlers_unblock_matched (self->status_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  g_signal_handlers_unblock_matched (self->kind_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);

  on_filter_changed_cb (self, NULL, NULL);
}

guint
_cg_flags_view_get_n_shown (CgFlagsView *self)
{
  g_return_val_if_fail (CG_IS_FLAGS_VIEW (self), 0);

  ensure_built (self);
  return self->n_shown;
}

/* Counted from the rows on screen, not from the analysis. */
guint
_cg_flags_view_count_shown (CgFlagsView       *self,
                            CgDiscrepancyKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (CG_IS_FLAGS_VIEW (self), 0);

  ensure_built (self);
  for (GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       group != NULL;
       group = gtk_widget_get_next_sibling (group))
    {
      GtkWidget *list = gtk_widget_get_last_child (group);

      for (GtkWidget *row = gtk_widget_get_first_child (list);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row) &&
            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cg-flag-kind")) == (int)kind)
          n++;
    }

  return n;
}

GtkWindow *
_cg_flags_view_get_dialog (CgFlagsView *self)
{
  g_return_val_if_fail (CG_IS_FLAGS_VIEW (self), NULL);

  return self->dialog ? GTK_WINDOW (self->dialog) : NULL;
}

/* ------------------------------------------------------------------ GObject */

static void
cg_flags_view_map (GtkWidget *widget)
{
  CgFlagsView *self = CG_FLAGS_VIEW (widget);

  GTK_WIDGET_CLASS (cg_flags_view_parent_class)->map (widget);
  ensure_built (self);
}

static void
cg_flags_view_dispose (GObject *object)
{
  CgFlagsView *self = (CgFlagsView *)object;

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *)&self->dialog);
      self->dialog = NULL;
    }
  self->analysis = NULL;

  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_FLAGS_VIEW);

  g_clear_object (&self->kind_names);
  g_clear_pointer (&self->flags_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (cg_flags_view_parent_class)->dispose (object);
}

static void
cg_flags_view_class_init (CgFlagsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_flags_view_dispose;
  widget_class->map = cg_flags_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-flags-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, more_button);
  gtk_widget_class_bind_template_child (widget_class, CgFlagsView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);

  gtk_widget_class_install_action (widget_class, "flag.explain", "x", explain_action);
  gtk_widget_class_install_action (widget_class, "flag.dismiss", "x", dismiss_action);
  gtk_widget_class_install_action (widget_class, "flag.edit-note", "x", edit_note_action);
  gtk_widget_class_install_action (widget_class, "flag.reopen", "x", reopen_action);
  gtk_widget_class_install_action (widget_class, "flag.reveal", "x", reveal_action);

  gtk_widget_class_set_css_name (widget_class, "flagsview");
}

static void
cg_flags_view_init (CgFlagsView *self)
{
  self->limit = ROWS_PER_PAGE;
  self->kind_names = gtk_string_list_new (NULL);
  self->flags_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->events_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (self->kind_names));
  _cg_flags_view_set_editable (self, FALSE);
  rebuild (self);
}
