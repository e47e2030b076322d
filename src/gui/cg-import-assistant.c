/* cg-import-assistant.c
 *
 * Four steps in one window: choose a file, check how it was read (encoding,
 * header row, what each column holds), import it in a thread, then read the
 * issues the importer raised. Nothing is stored until the author presses
 * Import, and the import is one transaction: cancelling leaves no trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-analysis.h"
#include "cg-import-assistant-private.h"

#define MAX_ISSUE_ROWS 500

struct _CgImportAssistant
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkButton       *cancel_button;
  GtkButton       *import_button;
  GtkButton       *done_button;
  AdwActionRow    *file_row;
  AdwEntryRow     *agency_row;
  GtkMenuButton   *agency_menu_button;
  AdwComboRow     *encoding_row;
  AdwActionRow    *delimiter_row;
  GtkSpinButton   *header_spin;
  GtkGrid         *preview_grid;
  GtkWidget       *no_date_label;
  GtkButton       *save_profile_button;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  AdwStatusPage   *result_page;
  GtkListBox      *issue_list;
  GMenu           *agency_menu;

  /* Owned references */
  CgStore         *store;
  CgImportPlan    *plan;
  GSettings       *settings;
  GCancellable    *cancellable;
  GTask           *run_task;        /* the caller's, while an import runs */
  CgImportResult  *result;
  GPtrArray       *column_dropdowns;
  GtkStringList   *field_labels;
  GStrv            profile_names;

  guint            running : 1;
  guint            close_after_run : 1;
  guint            updating : 1;
};

G_DEFINE_FINAL_TYPE (CgImportAssistant, cg_import_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RUNNING,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild_preview (CgImportAssistant *self);

/* ---------------------------------------------------------------- the plan */

static void
show_toast (CgImportAssistant *self,
            const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (CgImportAssistant *self,
            const char        *heading,
            const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
dup_agency (CgImportAssistant *self,
            char             **agency)
{
  *agency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agency_row))));
  return *agency;
}

static void
update_buttons (CgImportAssistant *self)
{
  g_autofree char *agency = NULL;
  gboolean have_agency = *dup_agency (self, &agency) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            self->plan != NULL && have_agency && !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_profile_button),
                            self->plan != NULL && have_agency && !self->running &&
                            !cg_store_is_read_only (self->store));
}

static gboolean
has_profile (CgImportAssistant *self,
             const char        *name)
{
  return self->profile_names != NULL &&
         g_strv_contains ((const char * const *)self->profile_names, name);
}

/* A profile saved under the agency's name corrects the guessed mapping, as on
 * the command line. */
static gboolean
apply_agency_profile (CgImportAssistant *self)
{
  g_autofree char *agency = NULL;
  g_autofree char *profile = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || !has_profile (self, dup_agency (self, &agency)))
    return FALSE;

  if (!(profile = cg_store_dup_profile (self->store, agency, &error)) ||
      !cg_import_plan_apply_profile (self->plan, profile, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }

  return TRUE;
}

static const char *
describe_delimiter (char delimiter)
{
  switch (delimiter)
    {
    case ',':  return _("Comma");
    case ';':  return _("Semicolon");
    case '\t': return _("Tab");
    case '|':  return _("Vertical bar");
    default:   return _("Other");
    }
}

static void
sync_plan_rows (CgImportAssistant *self)
{
  self->updating = TRUE;
  adw_combo_row_set_selected (self->encoding_row, self->plan->encoding);
  adw_action_row_set_subtitle (self->delimiter_row, describe_delimiter (self->plan->delimiter));
  gtk_spin_button_set_value (self->header_spin, self->plan->header_row);
  adw_action_row_set_subtitle (self->file_row, self->plan->name);
  adw_window_title_set_subtitle (self->window_title, self->plan->name);
  self->updating = FALSE;
}

/* The first preview cell of a column marked Agency names the agency. */
static void
guess_agency (CgImportAssistant *self)
{
  g_autofree char *agency = NULL;

  if (*dup_agency (self, &agency) != '\0' || self->plan->preview->len == 0)
    return;

  for (guint i = 0; i < self->plan->mapping->len; i++)
    if (g_array_index (self->plan->mapping, CgFieldKind, i) == CG_FIELD_AGENCY)
      {
        const char * const *cells = g_ptr_array_index (self->plan->preview, 0);

        if (i < g_strv_length ((char **)cells) && *cells[i] != '\0')
          gtk_editable_set_text (GTK_EDITABLE (self->agency_row), cells[i]);
        return;
      }
}

gboolean
_cg_import_assistant_set_file (CgImportAssistant  *self,
                               const char         *path,
                               GError            **error)
{
  g_autoptr(CgImportPlan) plan = NULL;

  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  if (!(plan = cg_import_plan_new (path, error)))
    return FALSE;

  g_clear_pointer (&self->plan, cg_import_plan_free);
  self->plan = g_steal_pointer (&plan);
  g_clear_pointer (&self->result, cg_import_result_free);

  guess_agency (self);
  apply_agency_profile (self);
  sync_plan_rows (self);
  rebuild_preview (self);
  gtk_stack_set_visible_child_name (self->stack, "plan");
  update_buttons (self);
  return TRUE;
}

void
_cg_import_assistant_set_agency (CgImportAssistant *self,
                                 const char        *agency)
{
  g_return_if_fail (CG_IS_IMPORT_ASSISTANT (self));

  gtk_editable_set_text (GTK_EDITABLE (self->agency_row), agency ? agency : "");
}

static void
on_agency_changed_cb (CgImportAssistant *self)
{
  if (apply_agency_profile (self))
    {
      rebuild_preview (self);
      show_toast (self, _("The columns saved for this agency were applied"));
    }
  update_buttons (self);
}

static void
on_encoding_selected_cb (CgImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  CgEncoding encoding = adw_combo_row_get_selected (self->encoding_row);

  if (self->updating || self->plan == NULL || encoding == self->plan->encoding)
    return;

  if (!cg_import_plan_set_encoding (self->plan, encoding, &error))
    {
      show_toast (self, error->message);
      sync_plan_rows (self);
      return;
    }
  apply_agency_profile (self);
  sync_plan_rows (self);
  rebuild_preview (self);
}

static void
on_header_row_changed_cb (CgImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  guint row = gtk_spin_button_get_value_as_int (self->header_spin);

  if (self->updating || self->plan == NULL || row == self->plan->header_row)
    return;

  if (!cg_import_plan_set_header_row (self->plan, row, &error))
    {
      show_toast (self, error->message);
      sync_plan_rows (self);
      return;
    }
  apply_agency_profile (self);
  sync_plan_rows (self);
  rebuild_preview (self);
}

/* ------------------------------------------------------------- the preview */

static void
sync_column_states (CgImportAssistant *self)
{
  gboolean have_date = FALSE;

  self->updating = TRUE;
  for (guint i = 0; i < self->column_dropdowns->len; i++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->column_dropdowns, i);
      CgFieldKind kind = g_array_index (self->plan->mapping, CgFieldKind, i);

      gtk_drop_down_set_selected (dropdown, kind);
      have_date |= kind == CG_FIELD_DATE;
    }
  self->updating = FALSE;

  /* Cells of unused columns are dimmed: they are kept, but not as a field. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int column;

      if (!GTK_IS_LABEL (child) || !g_object_get_data (G_OBJECT (child), "cg-cell"))
        continue;
      gtk_grid_query_child (self->preview_grid, child, &column, NULL, NULL, NULL);
      if (column >= 1 && (guint)column - 1 < self->plan->mapping->len &&
          g_array_index (self->plan->mapping, CgFieldKind, column - 1) == CG_FIELD_NONE)
        gtk_widget_add_css_class (child, "dim-label");
      else
        gtk_widget_remove_css_class (child, "dim-label");
    }

  gtk_widget_set_visible (self->no_date_label, !have_date);
}

static void
on_column_field_selected_cb (GtkDropDown       *dropdown,
                             GParamSpec        *pspec,
                             CgImportAssistant *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "cg-column"));
  guint kind = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->plan == NULL || kind >= CG_N_FIELDS)
    return;

  /* One column per field: choosing Date here takes it from another column. */
  cg_import_plan_set_field (self->plan, column, kind);
  sync_column_states (self);
}

static GtkWidget *
make_cell (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  if (text != NULL && g_utf8_strlen (text, -1) > 26)
    gtk_widget_set_tooltip_text (label, text);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
rebuild_preview (CgImportAssistant *self)
{
  GtkWidget *child;
  GtkWidget *corner;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  g_ptr_array_set_size (self->column_dropdowns, 0);

  if (self->plan == NULL)
    return;

  corner = make_cell (_("Row"), "dim-label");
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  gtk_grid_attach (self->preview_grid, corner, 0, 0, 1, 1);

  for (guint i = 0; i < self->plan->headers->len; i++)
    {
      const char *header = g_ptr_array_index (self->plan->headers, i);
      GtkWidget *label = make_cell (header, "heading");
      GtkWidget *dropdown;
      g_autofree char *accessible = NULL;

      /* Column names wrap rather than lose their ends: they are what the
       * author checks the mapping against. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_single_line_mode (GTK_LABEL (label), FALSE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (label, NULL);
      gtk_grid_attach (self->preview_grid, label, i + 1, 0, 1, 1);

      dropdown = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->field_labels)), NULL);
      g_object_set_data (G_OBJECT (dropdown), "cg-column", GUINT_TO_POINTER (i));
      /* Translators: the accessible name of one column's mapping,
       * e.g. "Column “Date of contact” holds" */
      accessible = g_strdup_printf (_("Column “%s” holds"), header);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  g_array_index (self->plan->mapping, CgFieldKind, i));
      g_signal_connect_object (dropdown, "notify::selected",
                               G_CALLBACK (on_column_field_selected_cb), self, 0);
      gtk_grid_attach (self->preview_grid, dropdown, i + 1, 1, 1, 1);
      g_ptr_array_add (self->column_dropdowns, dropdown);
    }

  for (guint r = 0; r < self->plan->preview->len; r++)
    {
      const char * const *cells = g_ptr_array_index (self->plan->preview, r);
      guint n_cells = g_strv_length ((char **)cells);
      g_autofree char *number = g_strdup_printf ("%u", g_array_index (self->plan->preview_rows,
                                                                      guint, r));
      GtkWidget *row_label = make_cell (number, "dim-label");

      gtk_widget_add_css_class (row_label, "numeric");
      gtk_grid_attach (self->preview_grid, row_label, 0, r + 2, 1, 1);

      for (guint i = 0; i < self->plan->headers->len; i++)
        {
          GtkWidget *cell = make_cell (i < n_cells ? cells[i] : "", NULL);

          g_object_set_data (G_OBJECT (cell), "cg-cell", GINT_TO_POINTER (1));
          gtk_grid_attach (self->preview_grid, cell, i + 1, r + 2, 1, 1);
        }
    }

  sync_column_states (self);
}

void
_cg_import_assistant_set_header_row (CgImportAssistant *self,
                                     guint              row)
{
  g_return_if_fail (CG_IS_IMPORT_ASSISTANT (self));

  gtk_spin_button_set_value (self->header_spin, row);
}

void
_cg_import_assistant_set_column_field (CgImportAssistant *self,
                                       const char        *header,
                                       CgFieldKind        kind)
{
  g_return_if_fail (CG_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (self->plan != NULL);

  for (guint i = 0; i < self->plan->headers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->plan->headers, i), header) == 0)
      gtk_drop_down_set_selected (g_ptr_array_index (self->column_dropdowns, i), kind);
}

static void
on_save_profile_clicked_cb (CgImportAssistant *self)
{
  g_autofree char *agency = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || *dup_agency (self, &agency) == '\0')
    return;

  mapping = cg_import_plan_dup_mapping_json (self->plan);
  if (!cg_store_save_profile (self->store, agency, mapping, &error))
    {
      show_error (self, _("Could Not Save the Columns"), error);
      return;
    }

  g_strfreev (self->profile_names);
  self->profile_names = cg_store_dup_profile_names (self->store, NULL);
  message = g_strdup_printf (_("Columns saved for %s: they will be used for its next file"),
                             agency);
  show_toast (self, message);
}

/* ------------------------------------------------------------ the import */

typedef struct
{
  CgStore        *store;
  CgImportPlan   *plan;            /* borrowed: the assistant leaves it alone meanwhile */
  char           *agency;
  CgImportResult *result;
  GError         *analysis_error;
  int             permille;        /* atomic */
  int             analysing;       /* atomic */
  int             idle_pending;    /* atomic */
} RunJob;

static void
run_job_free (RunJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->agency, g_free);
  g_clear_pointer (&job->result, cg_import_result_free);
  g_clear_error (&job->analysis_error);
  g_free (job);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  CgImportAssistant *self = g_task_get_source_object (task);
  RunJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->idle_pending, 0);
  if (g_atomic_int_get (&job->analysing))
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.95);
      gtk_label_set_text (self->progress_label,
                          _("Merging with the other agencies’ records…"));
    }
  else
    {
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     0.9 * g_atomic_int_get (&job->permille) / 1000.0);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_progress (GTask *task)
{
  RunJob *job = g_task_get_task_data (task);

  /* At most one update waiting in the main loop, however often the importer reports. */
  if (g_atomic_int_compare_and_exchange (&job->idle_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, g_object_ref (task), g_object_unref);
}

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  RunJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->permille, (int)(CLAMP (fraction, 0.0, 1.0) * 1000));
  schedule_progress (task);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunJob *job = task_data;
  GError *error = NULL;

  if (!cg_import_run (job->store, job->plan, job->agency, cancellable,
                      on_import_progress, task, &job->result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The file is stored; the analysis marks its records as clustered,
   * flagged or retrospective. If it fails the import still stands. */
  g_atomic_int_set (&job->analysing, 1);
  schedule_progress (task);
  cg_analysis_run_and_store (job->store, &job->analysis_error);

  g_task_return_boolean (task, TRUE);
}

static void
set_running (CgImportAssistant *self,
             gboolean           running)
{
  self->running = running;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static const char *
severity_label (CgSeverity severity)
{
  return severity == CG_SEVERITY_ERROR ? _("Error") : _("Warning");
}

static GtkWidget *
make_issue_row (const CgImportIssue *issue)
{
  g_autofree char *text = cg_import_issue_format (issue);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon;
  GtkWidget *word;
  GtkWidget *message;
  const char *css = issue->severity == CG_SEVERITY_ERROR ? "error" : "warning";

  icon = gtk_image_new_from_icon_name (issue->severity == CG_SEVERITY_ERROR
                                       ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  word = gtk_label_new (severity_label (issue->severity));
  gtk_label_set_xalign (GTK_LABEL (word), 0.0);
  gtk_label_set_width_chars (GTK_LABEL (word), 8);
  gtk_widget_add_css_class (word, "heading");
  gtk_box_append (GTK_BOX (mark), icon);
  gtk_box_append (GTK_BOX (mark), word);
  gtk_widget_add_css_class (mark, css);
  gtk_widget_set_valign (mark, GTK_ALIGN_START);

  message = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (message), 0.0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  gtk_widget_set_hexpand (message, TRUE);

  gtk_box_append (GTK_BOX (box), mark);
  gtk_box_append (GTK_BOX (box), message);
  gtk_widget_add_css_class (box, "issue-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
make_note_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "issue-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
show_result (CgImportAssistant *self,
             RunJob            *job)
{
  CgImportResult *result = self->result;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped_name = g_markup_escape_text (self->plan->name, -1);
  g_autofree char *escaped_agency = g_markup_escape_text (job->agency, -1);
  GtkWidget *child;
  guint n_errors = 0;

  title = g_strdup_printf (g_dngettext (NULL, "%u Record Imported", "%u Records Imported",
                                        result->n_events),
                           result->n_events);
  for (guint i = 0; i < result->issues->len; i++)
    if (((CgImportIssue *)g_ptr_array_index (result->issues, i))->severity == CG_SEVERITY_ERROR)
      n_errors++;

  /* Translators: "hv.csv for Health Visiting, read as Windows-1252 with the header on row 1" */
  description = g_strdup_printf (_("%s for %s, read as %s with the header on row %u"),
                                 escaped_name, escaped_agency, result->encoding,
                                 result->header_row);
  if (result->issues->len > 0)
    {
      g_autofree char *check = g_strdup_printf (g_dngettext (NULL,
                                                             "%u issue to check against the file",
                                                             "%u issues to check against the file",
                                                             result->issues->len),
                                                result->issues->len);
      char *both = g_strconcat (description, "\n", check, NULL);

      g_free (description);
      description = both;
    }
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
  adw_status_page_set_icon_name (self->result_page,
                                 n_errors > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->issue_list))) != NULL)
    gtk_list_box_remove (self->issue_list, child);

  for (guint i = 0; i < result->issues->len && i < MAX_ISSUE_ROWS; i++)
    gtk_list_box_append (self->issue_list, make_issue_row (g_ptr_array_index (result->issues, i)));

  if (result->issues->len > MAX_ISSUE_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "And %u more issue",
                                                            "And %u more issues",
                                                            result->issues->len - MAX_ISSUE_ROWS),
                                               result->issues->len - MAX_ISSUE_ROWS);
      gtk_list_box_append (self->issue_list, make_note_row (more));
    }
  else if (result->issues->len == 0)
    {
      const char *none = _("No problems were found: every row was read as written.");

      gtk_list_box_append (self->issue_list, make_note_row (none));
    }

  if (job->analysis_error != NULL)
    show_toast (self, job->analysis_error->message);

  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CgImportAssistant *self = CG_IMPORT_ASSISTANT (object);
  RunJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) caller = g_steal_pointer (&self->run_task);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_stack_set_visible_child_name (self->stack, "plan");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("Import cancelled: nothing was changed"));
      else if (!self->close_after_run)
        show_error (self, _("Could Not Import the File"), error);

      if (caller != NULL)
        g_task_return_error (caller, g_steal_pointer (&error));
    }
  else
    {
      g_clear_pointer (&self->result, cg_import_result_free);
      self->result = g_steal_pointer (&job->result);
      show_result (self, job);
      g_signal_emit (self, signals[IMPORTED], 0, self->result->n_events, self->plan->name);

      if (caller != NULL)
        g_task_return_boolean (caller, TRUE);
    }

  if (self->close_after_run)
    gtk_window_destroy (GTK_WINDOW (self));
}

void
_cg_import_assistant_run (CgImportAssistant   *self,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *agency = NULL;
  RunJob *job;

  g_return_if_fail (CG_IS_IMPORT_ASSISTANT (self));

  if (callback != NULL)
    {
      self->run_task = g_task_new (self, NULL, callback, user_data);
      g_task_set_source_tag (self->run_task, _cg_import_assistant_run);
    }

  if (self->running || self->plan == NULL || *dup_agency (self, &agency) == '\0')
    {
      if (self->run_task != NULL)
        {
          g_autoptr(GTask) caller = g_steal_pointer (&self->run_task);

          g_task_return_new_error (caller, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("Choose a file and name its agency first"));
        }
      return;
    }

  job = g_new0 (RunJob, 1);
  job->store = g_object_ref (self->store);
  job->plan = self->plan;
  job->agency = g_steal_pointer (&agency);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, _("Reading every row…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);

  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, run_thread);
  g_task_set_task_data (task, job, (GDestroyNotify)run_job_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
_cg_import_assistant_run_finish (CgImportAssistant  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- buttons */

static void
on_import_clicked_cb (CgImportAssistant *self)
{
  _cg_import_assistant_run (self, NULL, NULL);
}

static void
on_cancel_clicked_cb (CgImportAssistant *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_done_clicked_cb (CgImportAssistant *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_chooser_response_cb (CgImportAssistant    *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if ((folder = g_file_get_parent (file)) != NULL)
        {
          g_autofree char *folder_path = g_file_get_path (folder);

          if (folder_path != NULL)
            g_settings_set_string (self->settings, "last-folder", folder_path);
        }

      if ((path = g_file_get_path (file)) == NULL)
        {
          g_autofree char *name = g_file_get_basename (file);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: only files on this computer or a mounted drive can be imported"),
                       name);
        }

      if (path == NULL || !_cg_import_assistant_set_file (self, path, &error))
        show_error (self, _("Could Not Read the File"), error);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
on_choose_file_clicked_cb (CgImportAssistant *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");

  chooser = gtk_file_chooser_native_new (_("Choose an Agency’s Chronology"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (csv, _("Spreadsheets saved as text (CSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  if (*last_folder != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_another_clicked_cb (CgImportAssistant *self)
{
  g_clear_pointer (&self->plan, cg_import_plan_free);
  g_clear_pointer (&self->result, cg_import_result_free);
  rebuild_preview (self);
  gtk_editable_set_text (GTK_EDITABLE (self->agency_row), "");
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "start");
  update_buttons (self);
  on_choose_file_clicked_cb (self);
}

static void
on_visible_step_changed_cb (CgImportAssistant *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  gboolean done = g_strcmp0 (step, "result") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), g_strcmp0 (step, "plan") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), done);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  if (done)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

static void
agency_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgImportAssistant *self = CG_IMPORT_ASSISTANT (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->agency_row), g_variant_get_string (parameter, NULL));
}

static void
fill_agency_menu (CgImportAssistant *self)
{
  g_auto(GStrv) agencies = cg_store_dup_agencies (self->store, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_menu_remove_all (self->agency_menu);
  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    g_ptr_array_add (names, agencies[i]);
  for (guint i = 0; self->profile_names != NULL && self->profile_names[i] != NULL; i++)
    if (agencies == NULL ||
        !g_strv_contains ((const char * const *)agencies, self->profile_names[i]))
      g_ptr_array_add (names, self->profile_names[i]);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "assistant.agency",
                                               g_variant_new_string (name));
      g_menu_append_item (self->agency_menu, item);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->agency_menu_button), names->len > 0);
}

/* ------------------------------------------------------------ what it shows */

const char *
_cg_import_assistant_get_step (CgImportAssistant *self)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_cg_import_assistant_get_encoding (CgImportAssistant *self)
{
  GtkStringObject *item;

  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), NULL);

  item = adw_combo_row_get_selected_item (self->encoding_row);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

const char *
_cg_import_assistant_get_delimiter (CgImportAssistant *self)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), NULL);

  return adw_action_row_get_subtitle (self->delimiter_row);
}

guint
_cg_import_assistant_get_header_row (CgImportAssistant *self)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), 0);

  return gtk_spin_button_get_value_as_int (self->header_spin);
}

CgFieldKind
_cg_import_assistant_get_column_field (CgImportAssistant *self,
                                       const char        *header)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), CG_FIELD_NONE);

  if (self->plan == NULL)
    return CG_FIELD_NONE;

  for (guint i = 0; i < self->plan->headers->len && i < self->column_dropdowns->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->plan->headers, i), header) == 0)
      return gtk_drop_down_get_selected (g_ptr_array_index (self->column_dropdowns, i));

  return CG_FIELD_NONE;
}

guint
_cg_import_assistant_get_n_preview_rows (CgImportAssistant *self)
{
  guint n = 0;

  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), 0);

  /* Counted from the grid: the rows below the headers and the mapping. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int column, row;

      gtk_grid_query_child (self->preview_grid, child, &column, &row, NULL, NULL);
      if (column == 0 && row >= 2)
        n++;
    }

  return n;
}

GtkListBox *
_cg_import_assistant_get_issue_list (CgImportAssistant *self)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), NULL);

  return self->issue_list;
}

const CgImportResult *
_cg_import_assistant_get_result (CgImportAssistant *self)
{
  g_return_val_if_fail (CG_IS_IMPORT_ASSISTANT (self), NULL);

  return self->result;
}

/* ------------------------------------------------------------------ GObject */

static gboolean
cg_import_assistant_close_request (GtkWindow *window)
{
  CgImportAssistant *self = CG_IMPORT_ASSISTANT (window);

  /* The import rolls back when cancelled; close once it has. */
  if (self->running)
    {
      self->close_after_run = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (cg_import_assistant_parent_class)->close_request (window);
}

static void
cg_import_assistant_constructed (GObject *object)
{
  CgImportAssistant *self = (CgImportAssistant *)object;

  G_OBJECT_CLASS (cg_import_assistant_parent_class)->constructed (object);

  g_return_if_fail (CG_IS_STORE (self->store));

  self->profile_names = cg_store_dup_profile_names (self->store, NULL);
  fill_agency_menu (self);
  update_buttons (self);
}

static void
cg_import_assistant_dispose (GObject *object)
{
  CgImportAssistant *self = (CgImportAssistant *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_IMPORT_ASSISTANT);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->field_labels);
  g_clear_pointer (&self->column_dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (cg_import_assistant_parent_class)->dispose (object);
}

static void
cg_import_assistant_finalize (GObject *object)
{
  CgImportAssistant *self = (CgImportAssistant *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, cg_import_plan_free);
  g_clear_pointer (&self->result, cg_import_result_free);
  g_clear_pointer (&self->profile_names, g_strfreev);

  G_OBJECT_CLASS (cg_import_assistant_parent_class)->finalize (object);
}

static void
cg_import_assistant_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CgImportAssistant *self = CG_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_import_assistant_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CgImportAssistant *self = CG_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_import_assistant_class_init (CgImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cg_import_assistant_constructed;
  object_class->dispose = cg_import_assistant_dispose;
  object_class->finalize = cg_import_assistant_finalize;
  object_class->get_property = cg_import_assistant_get_property;
  object_class->set_property = cg_import_assistant_set_property;
  window_class->close_request = cg_import_assistant_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgImportAssistant::imported:
   * @n_records: the records the file added
   * @file_name: the file's base name
   *
   * The file is in the case file and the analysis has been run again.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, done_button);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, agency_row);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, agency_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, header_spin);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, no_date_label);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, save_profile_button);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, result_page);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, issue_list);
  gtk_widget_class_bind_template_child (widget_class, CgImportAssistant, agency_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_encoding_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_header_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_profile_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_another_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_step_changed_cb);

  gtk_widget_class_install_action (widget_class, "assistant.agency", "s", agency_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_import_assistant_init (CgImportAssistant *self)
{
  g_autoptr(GtkStringList) encodings = gtk_string_list_new (NULL);

  self->column_dropdowns = g_ptr_array_new ();
  self->field_labels = gtk_string_list_new (NULL);
  for (guint kind = 0; kind < CG_N_FIELDS; kind++)
    gtk_string_list_append (self->field_labels, cg_field_kind_get_label (kind));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The combo row's positions are CgEncoding values. */
  for (guint encoding = CG_ENCODING_UTF8; encoding <= CG_ENCODING_WINDOWS_1252; encoding++)
    gtk_string_list_append (encodings, cg_encoding_to_string (encoding));
  self->updating = TRUE;
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encodings));
  self->updating = FALSE;

  self->settings = g_settings_new (APP_ID);
  on_visible_step_changed_cb (self);
}

CgImportAssistant *
cg_import_assistant_new (GtkWindow *parent,
                         CgStore   *store)
{
  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  return g_object_new (CG_TYPE_IMPORT_ASSISTANT,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
