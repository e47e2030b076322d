/* cg-export-dialog.c
 *
 * The options of an export, the review's glossary, the scan of what still
 * looks identifying, and the export itself. Everything is done by the core's
 * export model, as `chronogram-cli export` does it; the model is built,
 * scanned and written in a thread while the window holds the case file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-date.h"
#include "cg-export-dialog-private.h"
#include "cg-export-model.h"
#include "cg-window-private.h"

struct _CgExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *export_button;
  GtkSpinner           *spinner;
  GtkWidget            *page;
  AdwComboRow          *format_row;
  AdwActionRow         *final_row;
  GtkSwitch            *final_switch;
  GtkSwitch            *publication_switch;
  AdwActionRow         *anonymise_row;
  GtkWidget            *anonymise_warning;
  GtkSwitch            *anonymise_switch;
  AdwComboRow          *dates_row;
  AdwPreferencesGroup  *findings_group;
  GtkWidget            *check_button;
  AdwActionRow         *check_status_row;
  GtkImage             *check_status_icon;
  AdwPreferencesGroup  *glossary_group;
  GtkWidget            *add_term_button;
  GtkWidget            *glossary_empty_row;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  AdwExpanderRow       *agencies_row;
  GtkSwitch            *key_only_switch;
  GtkSwitch            *flagged_only_switch;
  AdwExpanderRow       *columns_row;
  GtkSwitch            *notes_switch;

  /* Borrowed references */
  CgWindow             *window;           /* weak */

  /* Owned references */
  CgGlossary           *glossary;         /* the review's, as edited here */
  GPtrArray            *agency_rows;      /* AdwActionRow, its check button as data */
  GPtrArray            *agency_checks;    /* GtkCheckButton, the agency's name as data */
  GtkWidget            *column_rows[CG_EXPORT_COLUMN_NOTES];
  GtkCheckButton       *column_checks[CG_EXPORT_COLUMN_NOTES];
  GPtrArray            *glossary_rows;    /* GtkWidget shown in glossary_group */
  GPtrArray            *finding_rows;     /* GtkWidget shown in findings_group */
  GPtrArray            *findings;         /* CgFinding of the last check */
  GHashTable           *accepted;         /* finding keys the author accepted */
  CgExportModel        *model;            /* built for the options as they are, or NULL */
  GtkFileChooserNative *chooser;

  guint                 busy : 1;
  guint                 closed : 1;
  guint                 loaded : 1;       /* the glossary and review were read */
  guint                 read_only : 1;
  guint                 updating : 1;     /* widgets set by the dialog, not the author */
  guint                 checked : 1;      /* findings are those of the current options */
  guint                 glossary_dirty : 1;
  guint                 final_dirty : 1;
  guint                 agencies_stale : 1;
};

G_DEFINE_FINAL_TYPE (CgExportDialog, cg_export_dialog, ADW_TYPE_WINDOW)

/* The format row's items, in order. */
static const struct
{
  CgExportFormat  format;
  const char     *extension;
  const char     *mime_type;
  const char     *filter;
  const char     *about;
} formats[] = {
  { CG_EXPORT_DOCX, "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    N_("Word documents"), N_("A landscape A4 table for the report’s appendix") },
  { CG_EXPORT_ODT, "odt", "application/vnd.oasis.opendocument.text",
    N_("OpenDocument text"), N_("A landscape A4 table for the report’s appendix") },
  { CG_EXPORT_PDF, "pdf", "application/pdf",
    N_("PDF documents"), N_("Landscape A4 pages, ready to share or print") },
  { CG_EXPORT_HTML, "html", "text/html",
    N_("Web pages"), N_("One self-contained page that also prints well") },
  { CG_EXPORT_CSV, "csv", "text/csv",
    N_("CSV spreadsheets"), N_("One row a record, UTF-8 that Excel reads") },
  { CG_EXPORT_JSON, "json", "application/json",
    N_("JSON files"), N_("Every record with its original cells, for other programs") },
};

/* The dates row's items, in order. */
static const CgExportDates dates_items[] = {
  CG_EXPORT_DATES_EXACT,
  CG_EXPORT_DATES_MONTH,
  CG_EXPORT_DATES_YEAR,
  CG_EXPORT_DATES_AGE,
};

/* The term editor's kinds, in order. */
static const struct
{
  CgGlossaryKind  kind;
  const char     *label;
} glossary_kinds[] = {
  { CG_GLOSSARY_SCHOOL, N_("School") },
  { CG_GLOSSARY_ADDRESS, N_("Address") },
  { CG_GLOSSARY_PLACE, N_("Place") },
  { CG_GLOSSARY_ORGANISATION, N_("Organisation") },
  { CG_GLOSSARY_PERSON, N_("Person") },
  { CG_GLOSSARY_OTHER, N_("Other") },
};

/* The standard columns, as the table heads them. */
static const char * const column_titles[CG_EXPORT_COLUMN_NOTES] = {
  N_("Date"), N_("Time"), N_("Agency"), N_("Source"), N_("What happened"), N_("Action"),
  N_("Recording"), N_("Flags"),
};

static void start_check      (CgExportDialog *self,
                              gboolean        then_export);
static void choose_file      (CgExportDialog *self);

/* ------------------------------------------------------------- the options */

static CgExportFormat
get_format (CgExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return formats[MIN (i, G_N_ELEMENTS (formats) - 1)].format;
}

static guint
format_index (CgExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return i;
  return 0;
}

/* An empty date is allowed (the whole chronology); anything else must read
 * as a date, day first. */
static gboolean
read_date_row (AdwEntryRow *row,
               gboolean     use_end,
               guint32     *day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  CgPeriod period;

  *day = 0;
  if (*text == '\0')
    return TRUE;
  if (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period, NULL)
      != CG_DATE_OK || period.start == 0)
    return FALSE;
  *day = use_end ? period.end : period.start;
  return TRUE;
}

static void
mark_row (GtkWidget *row,
          gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (row, "error");
  else
    gtk_widget_add_css_class (row, "error");
}

static guint
count_checked (GtkCheckButton **checks,
               guint            n)
{
  guint checked = 0;

  for (guint i = 0; i < n; i++)
    checked += gtk_check_button_get_active (checks[i]);
  return checked;
}

/* Whether the options make an export; marks what does not. */
static gboolean
validate (CgExportDialog *self)
{
  guint32 from, to;
  gboolean from_ok = read_date_row (self->from_row, FALSE, &from);
  gboolean to_ok = read_date_row (self->to_row, TRUE, &to);
  gboolean order_ok = !(from_ok && to_ok && from != 0 && to != 0 && to < from);
  guint n_agencies = self->agency_checks->len;
  guint agencies = count_checked ((GtkCheckButton **)self->agency_checks->pdata, n_agencies);
  guint columns = count_checked (self->column_checks, G_N_ELEMENTS (self->column_checks));

  mark_row (GTK_WIDGET (self->from_row), from_ok);
  mark_row (GTK_WIDGET (self->to_row), to_ok && order_ok);
  mark_row (GTK_WIDGET (self->agencies_row), agencies > 0 || n_agencies == 0);
  mark_row (GTK_WIDGET (self->columns_row), columns > 0);

  return from_ok && to_ok && order_ok && (agencies > 0 || n_agencies == 0) && columns > 0;
}

/* The options as the widgets show them; agencies are owned by the caller
 * (g_strfreev). */
static void
get_options (CgExportDialog  *self,
             CgExportOptions *options)
{
  guint columns = 0;
  guint n_checked = 0;
  g_autoptr(GStrvBuilder) agencies = g_strv_builder_new ();

  cg_export_options_init (options);
  options->anonymise = gtk_switch_get_active (self->anonymise_switch);
  options->dates = dates_items[MIN (adw_combo_row_get_selected (self->dates_row),
                                    G_N_ELEMENTS (dates_items) - 1)];
  read_date_row (self->from_row, FALSE, &options->from);
  read_date_row (self->to_row, TRUE, &options->to);
  options->key_only = gtk_switch_get_active (self->key_only_switch);
  options->flagged_only = gtk_switch_get_active (self->flagged_only_switch);
  options->notes = gtk_switch_get_active (self->notes_switch);

  for (guint c = 0; c < G_N_ELEMENTS (self->column_checks); c++)
    if (gtk_check_button_get_active (self->column_checks[c]))
      columns |= 1u << c;
  options->columns = columns == CG_EXPORT_COLUMNS_STANDARD ? 0 : columns;

  for (guint i = 0; i < self->agency_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->agency_checks, i);

      if (gtk_check_button_get_active (check))
        {
          g_strv_builder_add (agencies, g_object_get_data (G_OBJECT (check), "agency"));
          n_checked++;
        }
    }
  /* All of them: every agency, including one imported later. */
  options->agencies = n_checked < self->agency_checks->len ? g_strv_builder_end (agencies) : NULL;
}

static gboolean
window_ready (CgExportDialog *self)
{
  return self->window != NULL && _cg_window_get_store (self->window) != NULL
         && !_cg_window_get_busy (self->window);
}

static void
update_sensitivity (CgExportDialog *self)
{
  gboolean ready = window_ready (self) && self->loaded;
  gboolean valid = validate (self);

  gtk_widget_set_sensitive (self->page, !self->busy);
  gtk_widget_set_sensitive (self->export_button, ready && valid && !self->busy);
  gtk_widget_set_sensitive (self->check_button, ready && valid && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->final_row), !self->read_only);
  gtk_widget_set_sensitive (self->add_term_button, !self->read_only && self->loaded);
}

static void
set_busy (CgExportDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
}

/* --------------------------------------------------------------- findings */

static char *
finding_key (const CgFinding *finding)
{
  return g_strdup_printf ("%d\x1f%s", finding->kind, finding->text);
}

static gboolean
finding_accepted (CgExportDialog  *self,
                  const CgFinding *finding)
{
  g_autofree char *key = finding_key (finding);

  return g_hash_table_contains (self->accepted, key);
}

static guint
count_unresolved (CgExportDialog *self)
{
  guint n = 0;

  for (guint i = 0; self->findings && i < self->findings->len; i++)
    n += !finding_accepted (self, g_ptr_array_index (self->findings, i));
  return n;
}

/* "A UK postcode" from "a UK postcode". */
static char *
capitalise (const char *text)
{
  g_autofree char *first = NULL;
  const char *rest;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  rest = g_utf8_next_char (text);
  first = g_utf8_strup (text, rest - text);
  return g_strconcat (first, rest, NULL);
}

static void
set_check_status (CgExportDialog *self,
                  const char     *icon_name,
                  const char     *style,
                  const char     *title,
                  const char     *subtitle)
{
  gtk_image_set_from_icon_name (self->check_status_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_status_icon), "warning");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->check_status_icon), style);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_status_row), title);
  adw_action_row_set_subtitle (self->check_status_row, subtitle);
}

static void
update_check_status (CgExportDialog *self)
{
  guint n, unresolved;
  g_autofree char *title = NULL;

  if (self->busy && !self->checked)
    {
      set_check_status (self, "content-loading-symbolic", NULL, _("Checking…"), NULL);
      return;
    }
  if (!self->checked)
    {
      set_check_status (self, "system-search-symbolic", NULL,
                        self->findings != NULL ? _("The options changed since the last check")
                                               : _("Not checked yet"),
                        _("An export for publication is checked before it is written"));
      return;
    }

  n = self->findings->len;
  unresolved = count_unresolved (self);
  if (n == 0)
    {
      set_check_status (self, "emblem-ok-symbolic", "success",
                        _("Nothing still looks identifying"), NULL);
      return;
    }
  if (unresolved == 0)
    {
      g_autofree char *accepted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "You accepted %u finding",
                                                                "You accepted %u findings", n),
                                                   n);

      set_check_status (self, "emblem-ok-symbolic", "success", _("Nothing left to resolve"),
                        accepted);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thing still looks identifying",
                                        "%u things still look identifying", unresolved),
                           unresolved);
  set_check_status (self, "dialog-warning-symbolic", "warning", title,
                    unresolved == 1 ? _("Add it to the glossary, or accept it")
                                    : _("Add each to the glossary, or accept it"));
}

static void
clear_finding_rows (CgExportDialog *self)
{
  for (guint i = 0; i < self->finding_rows->len; i++)
    adw_preferences_group_remove (self->findings_group, g_ptr_array_index (self->finding_rows, i));
  g_ptr_array_set_size (self->finding_rows, 0);
}

/* The options changed: the last check and model no longer apply. */
static void
invalidate (CgExportDialog *self,
            gboolean        model_too)
{
  if (model_too)
    g_clear_pointer (&self->model, cg_export_model_free);
  if (self->checked)
    {
      self->checked = FALSE;
      clear_finding_rows (self);
    }
  update_check_status (self);
}

static void edit_term (CgExportDialog  *self,
                       int              index,
                       const char      *term,
                       CgGlossaryKind   kind);

static CgGlossaryKind
glossary_kind_for (CgIdentifierKind kind)
{
  switch (kind)
    {
    case CG_IDENTIFIER_NAME:
    case CG_IDENTIFIER_UNKNOWN_NAME:
      return CG_GLOSSARY_PERSON;
    case CG_IDENTIFIER_POSTCODE:
      return CG_GLOSSARY_ADDRESS;
    case CG_IDENTIFIER_NHS_NUMBER:
    case CG_IDENTIFIER_PHONE:
    case CG_IDENTIFIER_EMAIL:
    case CG_IDENTIFIER_BIRTH_DATE:
    case CG_N_IDENTIFIER_KINDS:
    default:
      return CG_GLOSSARY_OTHER;
    }
}

static void
on_finding_add_cb (GtkButton      *button,
                   CgExportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "finding"));
  CgFinding *finding;

  if (self->findings == NULL || index >= self->findings->len)
    return;
  finding = g_ptr_array_index (self->findings, index);
  edit_term (self, -1, finding->text, glossary_kind_for (finding->kind));
}

static void
on_finding_accept_cb (GtkButton      *button,
                      CgExportDialog *self)
{
  _cg_export_dialog_accept (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                       "finding")));
}

static GtkWidget *
finding_button (CgExportDialog *self,
                const char     *label,
                guint           index,
                GCallback       callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "finding", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
mark_row_accepted (GtkWidget *row)
{
  GtkWidget *buttons = g_object_get_data (G_OBJECT (row), "buttons");
  GtkWidget *done = g_object_get_data (G_OBJECT (row), "accepted");

  gtk_widget_set_visible (buttons, FALSE);
  gtk_widget_set_visible (done, TRUE);
}

static GtkWidget *
finding_row_new (CgExportDialog  *self,
                 const CgFinding *finding,
                 guint            index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *accepted = gtk_label_new (_("Accepted"));
  g_autofree char *kind = capitalise (cg_identifier_kind_get_label (finding->kind));
  g_autofree char *subtitle = NULL;

  if (finding->count > 1)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%s, and %u more time",
                                             "%s\n%s, and %u more times", finding->count - 1),
                                kind, finding->where, finding->count - 1);
  else
    subtitle = g_strdup_printf ("%s\n%s", kind, finding->where);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  gtk_box_append (GTK_BOX (buttons),
                  finding_button (self, _("_Add to Glossary…"), index,
                                  G_CALLBACK (on_finding_add_cb)));
  gtk_box_append (GTK_BOX (buttons),
                  finding_button (self, _("A_ccept"), index, G_CALLBACK (on_finding_accept_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);

  gtk_widget_add_css_class (accepted, "dim-label");
  gtk_widget_set_visible (accepted, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), accepted);

  g_object_set_data (G_OBJECT (row), "buttons", buttons);
  g_object_set_data (G_OBJECT (row), "accepted", accepted);
  if (finding_accepted (self, finding))
    mark_row_accepted (row);
  return row;
}

static void
show_findings (CgExportDialog *self)
{
  clear_finding_rows (self);
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      GtkWidget *row = finding_row_new (self, g_ptr_array_index (self->findings, i), i);

      adw_preferences_group_add (self->findings_group, row);
      g_ptr_array_add (self->finding_rows, row);
    }
  update_check_status (self);
}

/* --------------------------------------------------------- saving to the case */

static void
show_message (CgExportDialog *self,
              const char     *heading,
              const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The glossary and the final mark are written to the case file as they are
 * changed, once the window is not using it. */
static void
flush_changes (CgExportDialog *self)
{
  CgStore *store;
  g_autoptr(GError) error = NULL;

  if (!window_ready (self) || self->read_only)
    return;
  store = _cg_window_get_store (self->window);

  if (self->final_dirty)
    {
      g_autoptr(CgReview) review = cg_store_dup_review (store, &error);

      self->final_dirty = FALSE;
      if (review != NULL)
        {
          review->final = gtk_switch_get_active (self->final_switch);
          cg_store_set_review (store, review, &error);
        }
      if (error != NULL)
        {
          show_message (self, _("Could Not Mark the Chronology Final"), error->message);
          g_clear_error (&error);
        }
    }

  if (self->glossary_dirty)
    {
      self->glossary_dirty = FALSE;
      if (!cg_store_replace_glossary (store, self->glossary, &error))
        show_message (self, _("Could Not Save the Glossary"), error->message);
    }
}

/* --------------------------------------------------------------- glossary */

static char *
describe_entry (const CgGlossaryEntry *entry)
{
  const char *kind = _("Other");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (glossary_kinds); i++)
    if (glossary_kinds[i].kind == entry->kind)
      kind = _(glossary_kinds[i].label);
  g_string_append_printf (text, _("Replaced by “%s”"), entry->placeholder);
  g_string_append_printf (text, " · %s", kind);
  if (entry->variants != NULL && entry->variants[0] != NULL)
    {
      g_autofree char *variants = g_strjoinv ("”, “", entry->variants);

      g_string_append_printf (text, " · ");
      g_string_append_printf (text, _("also “%s”"), variants);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_edit_term_cb (GtkWidget      *widget,
                 CgExportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "entry"));
  CgGlossaryEntry *entry;

  if (self->read_only || index >= self->glossary->entries->len)
    return;
  entry = g_ptr_array_index (self->glossary->entries, index);
  edit_term (self, index, entry->term, entry->kind);
}

static void show_glossary (CgExportDialog *self);

static void
glossary_changed (CgExportDialog *self)
{
  self->glossary_dirty = TRUE;
  flush_changes (self);
  show_glossary (self);
  invalidate (self, TRUE);
}

static void
on_remove_term_cb (GtkButton      *button,
                   CgExportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "entry"));

  if (self->read_only || index >= self->glossary->entries->len)
    return;
  g_ptr_array_remove_index (self->glossary->entries, index);
  glossary_changed (self);
}

static GtkWidget *
glossary_button (CgExportDialog *self,
                 const char     *icon_name,
                 const char     *tooltip,
                 guint           index,
                 GCallback       callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, !self->read_only);
  g_object_set_data (G_OBJECT (button), "entry", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
show_glossary (CgExportDialog *self)
{
  for (guint i = 0; i < self->glossary_rows->len; i++)
    adw_preferences_group_remove (self->glossary_group, g_ptr_array_index (self->glossary_rows, i));
  g_ptr_array_set_size (self->glossary_rows, 0);

  for (guint i = 0; self->glossary != NULL && i < self->glossary->entries->len; i++)
    {
      CgGlossaryEntry *entry = g_ptr_array_index (self->glossary->entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe_entry (entry);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->term);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 glossary_button (self, "document-edit-symbolic", _("Edit Term"),
                                                  i, G_CALLBACK (on_edit_term_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 glossary_button (self, "user-trash-symbolic", _("Remove Term"),
                                                  i, G_CALLBACK (on_remove_term_cb)));
      g_object_set_data (G_OBJECT (row), "entry", GUINT_TO_POINTER (i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !self->read_only);
      g_signal_connect (row, "activated", G_CALLBACK (on_edit_term_cb), self);
      adw_preferences_group_add (self->glossary_group, row);
      g_ptr_array_add (self->glossary_rows, row);
    }
  gtk_widget_set_visible (self->glossary_empty_row,
                          self->glossary == NULL || self->glossary->entries->len == 0);
}

/* Adds (@index < 0) or replaces an entry, keeping its place in the list. */
static void
apply_term (CgExportDialog *self,
            int             index,
            const char     *term,
            CgGlossaryKind  kind,
            const char     *placeholder,
            const char     *variants)
{
  g_auto(GStrv) parts = g_strsplit (variants ? variants : "", ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  g_autofree char *clean_term = g_strstrip (g_strdup (term));
  g_autofree char *clean_placeholder = g_strstrip (g_strdup (placeholder ? placeholder : ""));
  CgGlossaryEntry *entry;
  guint position;

  if (*clean_term == '\0')
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  list = g_strv_builder_end (builder);

  if (index >= 0 && (guint)index < self->glossary->entries->len)
    g_ptr_array_remove_index (self->glossary->entries, index);
  entry = cg_glossary_add (self->glossary, clean_term, kind, clean_placeholder,
                           (const char * const *)list);
  if (index >= 0 && g_ptr_array_find (self->glossary->entries, entry, &position)
      && (guint)index < position)
    {
      g_ptr_array_steal_index (self->glossary->entries, position);
      g_ptr_array_insert (self->glossary->entries, index, entry);
    }
  glossary_changed (self);
}

static const char *
entry_text (GObject    *dialog,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (dialog, name)));
}

static void
on_term_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CgExportDialog   *self)
{
  AdwComboRow *kind_row = g_object_get_data (G_OBJECT (dialog), "kind");
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "index"));
  guint kind = adw_combo_row_get_selected (kind_row);
  gboolean from_finding = g_object_get_data (G_OBJECT (dialog), "from-finding") != NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  apply_term (self, index, entry_text (G_OBJECT (dialog), "term"),
              glossary_kinds[MIN (kind, G_N_ELEMENTS (glossary_kinds) - 1)].kind,
              entry_text (G_OBJECT (dialog), "placeholder"),
              entry_text (G_OBJECT (dialog), "variants"));
  /* The finding should be gone: show what is left. */
  if (from_finding && window_ready (self) && validate (self))
    start_check (self, FALSE);
}

static void
on_term_changed_cb (GtkEditable      *editable,
                    AdwMessageDialog *dialog)
{
  g_autofree char *term = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "save", *term != '\0');
}

static GtkWidget *
term_entry_row (GtkWidget  *list,
                const char *title,
                const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* The term editor: @index < 0 adds @term. */
static void
edit_term (CgExportDialog *self,
           int             index,
           const char     *term,
           CgGlossaryKind  kind)
{
  CgGlossaryEntry *entry = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *variants = NULL;
  GtkWidget *dialog, *list, *term_row, *kind_row;
  guint selected = G_N_ELEMENTS (glossary_kinds) - 1;

  if (self->read_only)
    return;
  if (index >= 0)
    {
      entry = g_ptr_array_index (self->glossary->entries, index);
      variants = g_strjoinv ("; ", entry->variants);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), entry ? _("Edit Term") : _("Add Term"),
                                   _("An anonymised export replaces the term, and its other "
                                     "spellings, with the placeholder."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  term_row = term_entry_row (list, _("Term"), term);
  for (guint i = 0; i < G_N_ELEMENTS (glossary_kinds); i++)
    {
      gtk_string_list_append (kinds, _(glossary_kinds[i].label));
      if (glossary_kinds[i].kind == kind)
        selected = i;
    }
  kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), selected);
  gtk_list_box_append (GTK_LIST_BOX (list), kind_row);
  g_object_set_data (G_OBJECT (dialog), "term", term_row);
  g_object_set_data (G_OBJECT (dialog), "kind", kind_row);
  g_object_set_data (G_OBJECT (dialog), "placeholder",
                     term_entry_row (list, _("Placeholder (empty: the next free one)"),
                                     entry ? entry->placeholder : NULL));
  g_object_set_data (G_OBJECT (dialog), "variants",
                     term_entry_row (list, _("Other spellings, separated by “;”"), variants));
  g_object_set_data (G_OBJECT (dialog), "index", GINT_TO_POINTER (index));
  if (index < 0 && term != NULL)
    g_object_set_data (G_OBJECT (dialog), "from-finding", GINT_TO_POINTER (TRUE));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", entry ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (term_row, "changed", G_CALLBACK (on_term_changed_cb), dialog);
  on_term_changed_cb (GTK_EDITABLE (term_row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_term_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (term_row);
}

static void
on_add_term_clicked_cb (CgExportDialog *self)
{
  edit_term (self, -1, NULL, CG_GLOSSARY_SCHOOL);
}

/* ------------------------------------------------------ agencies, columns */

static GtkWidget *
check_row_new (const char      *title,
               GtkCheckButton **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

static void
update_summaries (CgExportDialog *self)
{
  guint n_agencies = self->agency_checks->len;
  guint agencies = count_checked ((GtkCheckButton **)self->agency_checks->pdata, n_agencies);
  guint columns = count_checked (self->column_checks, G_N_ELEMENTS (self->column_checks));
  gboolean exact = adw_combo_row_get_selected (self->dates_row) == 0;
  gboolean anonymise = gtk_switch_get_active (self->anonymise_switch);
  gboolean publication = gtk_switch_get_active (self->publication_switch);
  g_autofree char *agencies_text = NULL;
  g_autofree char *columns_text = NULL;

  if (n_agencies == 0)
    agencies_text = g_strdup (_("No records imported yet"));
  else if (agencies == n_agencies)
    agencies_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The only agency",
                                                  "All %u agencies", n_agencies), n_agencies);
  else if (agencies == 0)
    agencies_text = g_strdup (_("Choose at least one agency"));
  else
    agencies_text = g_strdup_printf (_("%u of %u agencies"), agencies, n_agencies);
  adw_expander_row_set_subtitle (self->agencies_row, agencies_text);

  if (columns == G_N_ELEMENTS (self->column_checks))
    columns_text = g_strdup (_("All eight columns"));
  else if (columns == 0)
    columns_text = g_strdup (_("Choose at least one column"));
  else
    columns_text = g_strdup_printf (_("%u of %u columns"), columns,
                                    (guint)G_N_ELEMENTS (self->column_checks));
  adw_expander_row_set_subtitle (self->columns_row, columns_text);

  /* The core leaves times out of coarsened dates. */
  gtk_widget_set_sensitive (self->column_rows[CG_EXPORT_COLUMN_TIME], exact);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->column_rows[CG_EXPORT_COLUMN_TIME]),
                               exact ? NULL : _("Left out when dates are less exact"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                              _(formats[format_index (get_format (self))].about));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dates_row),
                               exact && publication
                               ? _("Months, years or ages identify less than days")
                               : NULL);

  gtk_widget_set_visible (self->anonymise_warning, publication && !anonymise);
  adw_action_row_set_subtitle (self->anonymise_row,
                               publication && !anonymise
                               ? _("Not anonymised: real names would be published")
                               : _("Role labels instead of names (“Child A”), placeholders "
                                   "instead of the glossary’s terms"));
}

static void
options_changed (CgExportDialog *self,
                 gboolean        model_too)
{
  if (self->updating)
    return;
  update_summaries (self);
  invalidate (self, model_too);
  update_sensitivity (self);
}

static void
on_option_changed_cb (CgExportDialog *self)
{
  options_changed (self, TRUE);
}

static void
on_range_changed_cb (CgExportDialog *self)
{
  options_changed (self, TRUE);
}

static void
on_dates_changed_cb (CgExportDialog *self)
{
  options_changed (self, TRUE);
}

/* The scan of JSON reads the records' original cells too; the model stays. */
static void
on_format_changed_cb (CgExportDialog *self)
{
  options_changed (self, FALSE);
}

static void
on_anonymise_changed_cb (CgExportDialog *self)
{
  options_changed (self, TRUE);
}

static void
on_publication_changed_cb (CgExportDialog *self)
{
  if (self->updating)
    return;
  /* For publication, anonymised by default; the author may still say no. */
  gtk_switch_set_active (self->anonymise_switch,
                         gtk_switch_get_active (self->publication_switch));
  options_changed (self, TRUE);
}

static void
on_final_changed_cb (CgExportDialog *self)
{
  if (self->updating)
    return;
  self->final_dirty = TRUE;
  flush_changes (self);
  /* The title block changes; nothing the check looks at does. */
  g_clear_pointer (&self->model, cg_export_model_free);
}

static void
on_check_toggled_cb (CgExportDialog *self)
{
  options_changed (self, TRUE);
}

/* The review's agencies, in the order of the agency key; those unchecked
 * stay unchecked. Read once the window is not using the case file. */
static void
fill_agencies (CgExportDialog *self)
{
  g_autoptr(GHashTable) unchecked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  if (!window_ready (self))
    {
      self->agencies_stale = TRUE;
      return;
    }
  self->agencies_stale = FALSE;
  if (!(names = cg_store_dup_agencies (_cg_window_get_store (self->window), &error)))
    {
      g_warning ("The review's agencies could not be read: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->agency_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->agency_checks, i);

      if (!gtk_check_button_get_active (check))
        g_hash_table_add (unchecked, g_strdup (g_object_get_data (G_OBJECT (check), "agency")));
    }
  for (guint i = 0; i < self->agency_rows->len; i++)
    adw_expander_row_remove (self->agencies_row, g_ptr_array_index (self->agency_rows, i));
  g_ptr_array_set_size (self->agency_rows, 0);
  g_ptr_array_set_size (self->agency_checks, 0);

  self->updating = TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkCheckButton *check;
      GtkWidget *row = check_row_new (names[i], &check);

      g_object_set_data_full (G_OBJECT (check), "agency", g_strdup (names[i]), g_free);
      gtk_check_button_set_active (check, !g_hash_table_contains (unchecked, names[i]));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      adw_expander_row_add_row (self->agencies_row, row);
      g_ptr_array_add (self->agency_rows, row);
      g_ptr_array_add (self->agency_checks, check);
    }
  self->updating = FALSE;
}

static void
fill_columns (CgExportDialog *self)
{
  for (guint c = 0; c < G_N_ELEMENTS (self->column_checks); c++)
    {
      self->column_rows[c] = check_row_new (_(column_titles[c]), &self->column_checks[c]);
      g_signal_connect_swapped (self->column_checks[c], "toggled",
                                G_CALLBACK (on_check_toggled_cb), self);
      adw_expander_row_add_row (self->columns_row, self->column_rows[c]);
    }
}

/* -------------------------------------------------------- reading the case */

/* The glossary and the final mark come from the case file, read once the
 * window is not using it. */
static void
load_from_case (CgExportDialog *self)
{
  CgStore *store;
  CgAnalysis *analysis;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loaded || !window_ready (self))
    return;
  store = _cg_window_get_store (self->window);
  analysis = _cg_window_get_analysis (self->window);
  self->loaded = TRUE;
  self->read_only = cg_store_is_read_only (store);

  if (analysis != NULL && analysis->review != NULL)
    adw_window_title_set_subtitle (self->window_title, analysis->review->title);

  g_clear_pointer (&self->glossary, cg_glossary_free);
  if (!(self->glossary = cg_store_load_glossary (store, &error)))
    {
      self->glossary = cg_glossary_new ();
      show_message (self, _("Could Not Read the Glossary"), error->message);
      g_clear_error (&error);
    }
  show_glossary (self);

  self->updating = TRUE;
  if ((review = cg_store_dup_review (store, &error)))
    gtk_switch_set_active (self->final_switch, review->final);
  self->updating = FALSE;
  if (self->read_only)
    adw_action_row_set_subtitle (self->final_row, _("The review is read-only"));

  fill_agencies (self);
  update_summaries (self);
  update_sensitivity (self);
}

static void
on_window_busy_cb (CgExportDialog *self)
{
  load_from_case (self);
  flush_changes (self);
  if (self->agencies_stale && window_ready (self))
    {
      fill_agencies (self);
      update_summaries (self);
    }
  update_sensitivity (self);
}

static void
on_analysis_changed_cb (CgExportDialog *self)
{
  fill_agencies (self);
  options_changed (self, TRUE);
}

static void
on_case_changed_cb (CgExportDialog *self)
{
  /* Another review: these options, glossary and findings were not its. */
  gtk_window_destroy (GTK_WINDOW (self));
}

/* -------------------------------------------------------------------- jobs */

typedef enum
{
  JOB_CHECK,
  JOB_EXPORT,
} JobKind;

typedef struct
{
  JobKind          kind;
  CgWindow        *window;
  CgStore         *store;
  CgExportOptions  options;
  CgExportFormat   format;
  CgExportModel   *model;
  char            *path;
  GPtrArray       *findings;
  char            *log_warning;
  guint            n_records;
  gboolean         then_export;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->store);
  g_strfreev (job->options.agencies);
  g_clear_pointer (&job->model, cg_export_model_free);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->findings, g_ptr_array_unref);
  g_clear_pointer (&job->log_warning, g_free);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (job->model == NULL
      && !(job->model = cg_export_model_new (job->store, &job->options, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->kind == JOB_CHECK)
    {
      job->findings = cg_export_model_scan (job->model, job->format);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!cg_export_model_write (job->model, job->format, job->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->n_records = job->model->rows->len;
  /* The audit log says what left the case file; not being able to say it
   * does not undo the export. */
  if (!cg_store_is_read_only (job->store)
      && !cg_export_model_log (job->model, job->store, job->format, job->path, &error))
    {
      job->log_warning = g_strdup (error->message);
      g_clear_error (&error);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_open_exported_cb (AdwToast *toast,
                     CgWindow *window)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  gtk_show_uri (GTK_WINDOW (window), uri, GDK_CURRENT_TIME);
}

static void
show_exported (CgWindow *window,
               Job      *job)
{
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (job->log_warning != NULL)
    {
      g_warning ("The export was not recorded in the audit log: %s", job->log_warning);
      title = g_strdup_printf (_("Exported to “%s”, but not recorded in the audit log"), name);
    }
  else
    title = g_strdup_printf (_("Exported to “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (file), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_exported_cb), window, 0);
  adw_toast_overlay_add_toast (window->toast_overlay, toast);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CgExportDialog   *self)
{
  if (g_strcmp0 (response, "export") == 0)
    choose_file (self);
}

/* Anonymised or for publication, and something still looks identifying. */
static void
confirm_unresolved (CgExportDialog *self)
{
  guint n = count_unresolved (self);
  g_autofree char *body =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                  "%u thing in this export still looks identifying. Add it to "
                                  "the glossary, or accept it, before the file is published.",
                                  "%u things in this export still look identifying. Add each "
                                  "to the glossary, or accept it, before the file is published.",
                                  n), n);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Still Identifying"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "review", _("_Review"),
                                    "export", _("_Export Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "review");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CgExportDialog *self = CG_EXPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  _cg_window_release_store (job->window);
  if (!self->closed)
    set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      const char *heading = job->kind == JOB_CHECK ? _("Could Not Check the Chronology")
                                                   : _("Could Not Export the Chronology");

      if (self->closed)
        _cg_window_show_error (job->window, heading, error);
      else
        {
          show_message (self, heading, error->message);
          update_check_status (self);
        }
      return;
    }

  if (job->kind == JOB_EXPORT)
    {
      show_exported (job->window, job);
      if (!self->closed)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->closed)
    return;
  g_clear_pointer (&self->model, cg_export_model_free);
  self->model = g_steal_pointer (&job->model);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = g_steal_pointer (&job->findings);
  self->checked = TRUE;
  show_findings (self);

  if (job->then_export)
    {
      if (count_unresolved (self) > 0)
        confirm_unresolved (self);
      else
        choose_file (self);
    }
}

static void
start_job (CgExportDialog *self,
           Job            *job)
{
  g_autoptr(GTask) task = NULL;

  g_assert (window_ready (self) && !self->busy);

  flush_changes (self);
  job->window = g_object_ref (self->window);
  job->store = g_object_ref (_cg_window_get_store (self->window));
  job->format = get_format (self);
  get_options (self, &job->options);
  /* The model of the last check is reused while the options are the same. */
  job->model = g_steal_pointer (&self->model);

  _cg_window_hold_store (self->window);
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, job_thread);
}

static void
start_check (CgExportDialog *self,
             gboolean        then_export)
{
  Job *job;

  if (!window_ready (self) || self->busy || !validate (self))
    return;
  job = g_new0 (Job, 1);
  job->kind = JOB_CHECK;
  job->then_export = then_export;
  self->checked = FALSE;
  clear_finding_rows (self);
  start_job (self, job);
  update_check_status (self);
}

static void
on_check_clicked_cb (CgExportDialog *self)
{
  start_check (self, FALSE);
}

/* ----------------------------------------------------------------- export */

char *
_cg_export_dialog_dup_suggested_name (CgExportDialog *self)
{
  CgAnalysis *analysis = self->window ? _cg_window_get_analysis (self->window) : NULL;
  const char *title = analysis && analysis->review ? analysis->review->title : NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), NULL);

  /* Without the characters file systems refuse. */
  for (const char *p = title ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && (c < 32 || strchr ("/\\:*?\"<>|", c) != NULL))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0)
    g_string_assign (name, _("Review"));
  /* Translators: the file name of an export, after the review's title */
  g_string_append_printf (name, " %s.%s", _("chronology"),
                          formats[format_index (get_format (self))].extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

void
_cg_export_dialog_export_to (CgExportDialog *self,
                             GFile          *file)
{
  const char *extension;
  g_autofree char *path = NULL;
  g_autofree char *suffix = NULL;
  Job *job;

  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!window_ready (self) || self->busy || !validate (self))
    return;
  if (!(path = g_file_get_path (file)))
    {
      show_message (self, _("Could Not Export the Chronology"),
                    _("Chronogram can only write to a folder on this computer."));
      return;
    }

  /* "Appendix" becomes "Appendix.docx", unless the author meant it. */
  extension = formats[format_index (get_format (self))].extension;
  suffix = g_strconcat (".", extension, NULL);
  if (!g_str_has_suffix (path, suffix))
    {
      g_autofree char *with_suffix = g_strconcat (path, suffix, NULL);

      if (!g_file_test (with_suffix, G_FILE_TEST_EXISTS))
        {
          g_free (path);
          path = g_steal_pointer (&with_suffix);
        }
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_EXPORT;
  job->path = g_steal_pointer (&path);
  start_job (self, job);
}

static void
on_chooser_response_cb (CgExportDialog       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    _cg_export_dialog_export_to (self, file);
}

static void
choose_file (CgExportDialog *self)
{
  guint i = format_index (get_format (self));
  g_autofree char *name = _cg_export_dialog_dup_suggested_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Chronology"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _(formats[i].filter));
  gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
  gtk_file_filter_add_suffix (filter, formats[i].extension);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_clicked_cb (CgExportDialog *self)
{
  if (!window_ready (self) || self->busy || !validate (self))
    return;

  /* Nothing leaves for publication without the scan, and the author's word
   * on what it found. */
  if (gtk_switch_get_active (self->anonymise_switch)
      || gtk_switch_get_active (self->publication_switch))
    {
      if (!self->checked)
        {
          start_check (self, TRUE);
          return;
        }
      if (count_unresolved (self) > 0)
        {
          confirm_unresolved (self);
          return;
        }
    }
  choose_file (self);
}

/* ------------------------------------------------------------ for tests */

void
_cg_export_dialog_set_format (CgExportDialog *self,
                              CgExportFormat  format)
{
  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->format_row, format_index (format));
}

void
_cg_export_dialog_set_for_publication (CgExportDialog *self,
                                       gboolean        publication)
{
  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->publication_switch, publication);
}

gboolean
_cg_export_dialog_get_anonymise (CgExportDialog *self)
{
  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->anonymise_switch);
}

void
_cg_export_dialog_set_final (CgExportDialog *self,
                             gboolean        final)
{
  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->final_switch, final);
}

void
_cg_export_dialog_check (CgExportDialog *self)
{
  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));

  start_check (self, FALSE);
}

/* The findings of the last check, while the options are unchanged. */
GPtrArray *
_cg_export_dialog_get_findings (CgExportDialog *self)
{
  GPtrArray *findings = g_ptr_array_new ();

  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), findings);

  for (guint i = 0; self->checked && i < self->findings->len; i++)
    g_ptr_array_add (findings, g_ptr_array_index (self->findings, i));
  return findings;
}

guint
_cg_export_dialog_get_n_unresolved (CgExportDialog *self)
{
  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), 0);

  return self->checked ? count_unresolved (self) : 0;
}

guint
_cg_export_dialog_get_n_finding_rows (CgExportDialog *self)
{
  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), 0);

  return self->finding_rows->len;
}

void
_cg_export_dialog_add_to_glossary (CgExportDialog *self,
                                   guint           index,
                                   CgGlossaryKind  kind,
                                   const char     *placeholder)
{
  CgFinding *finding;

  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->findings != NULL && index < self->findings->len);

  finding = g_ptr_array_index (self->findings, index);
  apply_term (self, -1, finding->text, kind, placeholder, NULL);
}

void
_cg_export_dialog_accept (CgExportDialog *self,
                          guint           index)
{
  g_return_if_fail (CG_IS_EXPORT_DIALOG (self));

  if (self->findings == NULL || index >= self->findings->len)
    return;
  g_hash_table_add (self->accepted, finding_key (g_ptr_array_index (self->findings, index)));
  if (index < self->finding_rows->len)
    mark_row_accepted (g_ptr_array_index (self->finding_rows, index));
  update_check_status (self);
}

const CgGlossary *
_cg_export_dialog_get_glossary (CgExportDialog *self)
{
  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), NULL);

  return self->glossary;
}

gboolean
_cg_export_dialog_get_busy (CgExportDialog *self)
{
  g_return_val_if_fail (CG_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy;
}

/* ----------------------------------------------------------------- GObject */

static void
cg_export_dialog_dispose (GObject *object)
{
  CgExportDialog *self = (CgExportDialog *)object;

  self->closed = TRUE;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_EXPORT_DIALOG);

  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->glossary, cg_glossary_free);
  g_clear_pointer (&self->agency_rows, g_ptr_array_unref);
  g_clear_pointer (&self->agency_checks, g_ptr_array_unref);
  g_clear_pointer (&self->glossary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->accepted, g_hash_table_unref);
  g_clear_pointer (&self->model, cg_export_model_free);

  G_OBJECT_CLASS (cg_export_dialog_parent_class)->dispose (object);
}

static void
cg_export_dialog_class_init (CgExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronogram/Chronogram/ui/"
                                               "cg-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, final_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, final_switch);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, publication_switch);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, anonymise_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, anonymise_warning);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, anonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, dates_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, findings_group);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, check_status_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, check_status_icon);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, glossary_group);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, add_term_button);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, glossary_empty_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, agencies_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, key_only_switch);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, flagged_only_switch);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, columns_row);
  gtk_widget_class_bind_template_child (widget_class, CgExportDialog, notes_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_final_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_publication_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_anonymise_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_term_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_export_dialog_init (CgExportDialog *self)
{
  self->agency_rows = g_ptr_array_new ();
  self->agency_checks = g_ptr_array_new ();
  self->glossary_rows = g_ptr_array_new ();
  self->finding_rows = g_ptr_array_new ();
  self->accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->glossary = cg_glossary_new ();

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_columns (self);
  self->updating = FALSE;
}

CgExportDialog *
_cg_export_dialog_new (CgWindow *window)
{
  CgExportDialog *self;

  g_return_val_if_fail (CG_IS_WINDOW (window), NULL);

  self = g_object_new (CG_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  g_signal_connect_object (window, "notify::busy", G_CALLBACK (on_window_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "analysis-changed", G_CALLBACK (on_analysis_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "case-changed", G_CALLBACK (on_case_changed_cb), self,
                           G_CONNECT_SWAPPED);

  load_from_case (self);
  update_summaries (self);
  update_check_status (self);
  update_sensitivity (self);
  return self;
}

void
cg_export_dialog_present (CgWindow *window)
{
  g_return_if_fail (CG_IS_WINDOW (window));

  if (_cg_window_get_store (window) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (_cg_export_dialog_new (window)));
}
