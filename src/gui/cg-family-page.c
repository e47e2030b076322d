/* cg-family-page.c
 *
 * The Family page: the people of the review on the left, their genogram as
 * at a date on the right. Graphviz lays the genogram out in a thread; the
 * page keeps showing the previous picture until the new one is ready, and
 * only ever lays out the latest family, date and options. Edits are written
 * to the case file when the window is not using it, and then the chronology
 * is analysed again, because who each record names depends on the family.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-family-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-family-page.h"
#include "cg-genogram.h"
#include "cg-window-private.h"
#include "cg-tooltip.h"

struct _CgFamilyPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkLabel        *count_label;
  GtkListBox      *people_list;
  GtkEntry        *date_entry;
  GtkPopover      *calendar_popover;
  GtkCalendar     *calendar;
  GtkButton       *incident_button;
  GtkToggleButton *anonymise_button;
  GtkSpinner      *spinner;
  GtkLabel        *zoom_label;
  GtkStack        *genogram_stack;
  AdwStatusPage   *problem_page;
  CgGenogramView  *view;

  /* Borrowed references */
  CgWindow        *window;         /* weak */

  /* Owned references */
  CgFamily        *family;         /* shown; NULL when no review is open */
  CgFamily        *unsaved;        /* to be written once the window is free */
  GtkStringList   *keys;           /* the people list's model */
  GCancellable    *cancellable;

  guint32          as_at;
  guint32          incident;       /* the review's critical incident, or 0 */
  guint            write_source;
  guint            zoom_source;

  guint            layout_running : 1;
  guint            layout_again : 1;
  guint            date_chosen : 1;  /* the author picked a date: keep it */
  guint            syncing_calendar : 1;
  guint            disposed : 1;
};

G_DEFINE_FINAL_TYPE (CgFamilyPage, cg_family_page, ADW_TYPE_BIN)

static void start_layout (CgFamilyPage *self);

/* ------------------------------------------------------------------ words */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* "2019-07-14" reads "14 Jul 2019", "2019-07" "Jul 2019"; years and
 * approximate dates as written. */
static char *
format_family_date (const char *text)
{
  int year, month, day;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 0, 0, 0);

      return g_date_time_format (date, "%-d %b %Y");
    }
  if (sscanf (text, "%4d-%2d%c", &year, &month, &tail) == 2 && month >= 1 && month <= 12)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, 1, 0, 0, 0);

      return g_date_time_format (date, "%b %Y");
    }
  return g_strdup (text);
}

static char *
format_day (guint32 day)
{
  int year, month, dom;

  cg_date_to_ymd (day, &year, &month, &dom);
  return g_strdup_printf ("%02d/%02d/%04d", dom, month, year);
}

static char *
describe_day (guint32 day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, dom;

  cg_date_to_ymd (day, &year, &month, &dom);
  date = g_date_time_new_utc (year, month, dom, 0, 0, 0);
  return g_date_time_format (date, "%-d %B %Y");
}

static char *
describe_lifetime (const CgPerson *person)
{
  g_autofree char *born = has_text (person->born) ? format_family_date (person->born) : NULL;
  g_autofree char *died = has_text (person->died) ? format_family_date (person->died) : NULL;

  if (born != NULL && died != NULL)
    /* Translators: born and died, as in "b. 1940, d. 9 Mar 2015" */
    return g_strdup_printf (_("b. %s, d. %s"), born, died);
  if (born != NULL)
    return g_strdup_printf (_("b. %s"), born);
  if (died != NULL)
    return g_strdup_printf (_("d. %s"), died);
  return NULL;
}

/* What the genogram calls a person when anonymised. */
static char *
anonymous_name (CgFamily       *family,
                const CgPerson *person)
{
  if (has_text (person->label))
    return g_strdup (person->label);

  for (guint i = 0; i < family->people->len; i++)
    if (g_ptr_array_index (family->people, i) == person)
      return g_strdup_printf (_("Person %u"), i + 1);

  return g_strdup (_("Person"));
}

static char *
person_title (CgFamilyPage   *self,
              const CgPerson *person)
{
  if (gtk_toggle_button_get_active (self->anonymise_button) || has_text (person->label))
    return anonymous_name (self->family, person);
  if (has_text (person->name))
    return g_strdup (person->name);
  return g_strdup (person->key);
}

/* ------------------------------------------------------------- people list */

typedef struct
{
  CgSex    sex;
  gboolean subject;
  gboolean died;
} Symbol;

/* The person's genogram symbol, small, in the text colour. */
static void
draw_symbol (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const Symbol *symbol = user_data;
  GdkRGBA color;
  double cx = width / 2.0, cy = height / 2.0;
  double r = symbol->subject ? 6.0 : 7.5;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.5);

  for (int ring = 0; ring < (symbol->subject ? 2 : 1); ring++)
    {
      double s = r + ring * 3.0;

      switch (symbol->sex)
        {
        case CG_SEX_MALE:
          cairo_rectangle (cr, cx - s, cy - s, 2 * s, 2 * s);
          break;

        case CG_SEX_FEMALE:
          cairo_new_sub_path (cr);
          cairo_arc (cr, cx, cy, s, 0, 2 * G_PI);
          break;

        case CG_SEX_UNKNOWN:
        default:
          s *= 1.25;
          cairo_move_to (cr, cx, cy - s);
          cairo_line_to (cr, cx + s, cy);
          cairo_line_to (cr, cx, cy + s);
          cairo_line_to (cr, cx - s, cy);
          cairo_close_path (cr);
          break;
        }
      cairo_stroke (cr);
    }

  if (symbol->died)
    {
      double s = r + (symbol->subject ? 3.0 : 0) + 1.5;

      cairo_move_to (cr, cx - s, cy - s);
      cairo_line_to (cr, cx + s, cy + s);
      cairo_move_to (cr, cx + s, cy - s);
      cairo_line_to (cr, cx - s, cy + s);
      cairo_stroke (cr);
    }
}

/* What a screen reader says for a row. */
static void
label_row (GtkWidget  *row,
           const char *title,
           const char *subtitle,
           gboolean    subject)
{
  g_autoptr(GString) label = g_string_new (title);

  if (*subtitle != '\0')
    g_string_append_printf (label, ", %s", subtitle);
  if (subject)
    g_string_append_printf (label, ", %s", _("subject child"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->str, -1);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  CgFamilyPage *self = user_data;
  const char *key = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  CgPerson *person = self->family ? cg_family_find_person (self->family, key) : NULL;
  gboolean anonymised = gtk_toggle_button_get_active (self->anonymise_button);
  g_autofree char *title = NULL;
  g_autofree char *lifetime = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row, *box, *symbol, *texts, *label;
  Symbol *drawn;

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "cg-person-key", g_strdup (key), g_free);

  if (person == NULL)
    return row;

  drawn = g_new0 (Symbol, 1);
  drawn->sex = person->sex;
  drawn->subject = person->subject;
  drawn->died = has_text (person->died);
  symbol = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (symbol), 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (symbol), 24);
  gtk_widget_set_valign (symbol, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (symbol), draw_symbol, drawn, g_free);
  gtk_box_append (GTK_BOX (box), symbol);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), texts);

  title = person_title (self, person);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (texts), label);

  if (!anonymised)
    {
      lifetime = describe_lifetime (person);
      if (has_text (person->label) && has_text (person->name))
        g_string_append (subtitle, person->name);
      if (lifetime != NULL)
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, lifetime);
        }
    }
  if (subtitle->len > 0)
    {
      label = gtk_label_new (subtitle->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);
    }

  if (person->subject)
    {
      GtkWidget *tag = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      _cg_widget_set_tooltip (tag, _("The child at the centre of the review"));
      gtk_widget_add_css_class (tag, "accent");
      gtk_box_append (GTK_BOX (tag), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
      label = gtk_label_new (_("Subject"));
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (tag), label);
      gtk_box_append (GTK_BOX (box), tag);
    }

  label_row (row, title, subtitle->str, person->subject);
  return row;
}

static const char *
selected_key (CgFamilyPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->people_list);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "cg-person-key") : NULL;
}

static CgPerson *
selected_person (CgFamilyPage *self)
{
  const char *key = selected_key (self);

  return key != NULL && self->family != NULL ? cg_family_find_person (self->family, key) : NULL;
}

static void
select_person (CgFamilyPage *self,
               const char   *key)
{
  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->keys)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->keys, i), key) == 0)
      {
        gtk_list_box_select_row (self->people_list,
                                 gtk_list_box_get_row_at_index (self->people_list, (int)i));
        return;
      }

  gtk_list_box_unselect_all (self->people_list);
}

static gboolean
can_edit (CgFamilyPage *self)
{
  CgStore *store = self->window != NULL ? _cg_window_get_store (self->window) : NULL;

  return store != NULL && self->family != NULL && !cg_store_is_read_only (store);
}

static void
update_actions (CgFamilyPage *self)
{
  gboolean editable, selected, drawn;

  if (self->disposed)
    return;

  editable = can_edit (self);
  selected = selected_person (self) != NULL;
  drawn = cg_genogram_view_get_genogram (self->view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.add", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.import", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.edit", editable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.remove", editable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.show-records", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.export", drawn);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genogram.zoom-in", drawn);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genogram.zoom-out", drawn);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genogram.zoom-fit", drawn);
}

static void
refresh_people (CgFamilyPage *self)
{
  g_autofree char *keep = g_strdup (selected_key (self));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint n = self->family != NULL ? self->family->people->len : 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (keys, ((CgPerson *)g_ptr_array_index (self->family->people, i))->key);
  g_ptr_array_add (keys, NULL);

  gtk_string_list_splice (self->keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->keys)),
                          (const char * const *)keys->pdata);
  select_person (self, keep);

  count = g_strdup_printf (g_dngettext (NULL, "%u Person", "%u People", n), n);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "family" : "empty");
  update_actions (self);
}

/* ------------------------------------------------------------------ layout */

typedef struct
{
  CgFamily          *family;
  guint32            as_at;
  CgGenogramOptions  options;
} LayoutJob;

static void
layout_job_free (LayoutJob *job)
{
  g_clear_pointer (&job->family, cg_family_free);
  g_free (job);
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  GError *error = NULL;
  CgGenogram *genogram;

  if (!(genogram = cg_genogram_layout (job->family, job->as_at, &job->options, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, genogram, (GDestroyNotify)cg_genogram_unref);
}

static void
update_view_description (CgFamilyPage *self)
{
  CgGenogram *genogram = cg_genogram_view_get_genogram (self->view);
  g_autofree char *day = NULL;
  g_autofree char *description = NULL;
  guint n = self->family != NULL ? self->family->people->len : 0;

  if (genogram == NULL)
    return;

  day = describe_day (cg_genogram_get_date (genogram));
  description = g_strdup_printf (g_dngettext (NULL, "Genogram of %u person as at %s",
                                              "Genogram of %u people as at %s", n), n, day);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

static void
layout_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (object);
  g_autoptr(CgGenogram) genogram = NULL;
  g_autoptr(GError) error = NULL;

  self->layout_running = FALSE;
  genogram = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Something changed meanwhile: only the latest picture is worth showing. */
  if (self->layout_again)
    {
      self->layout_again = FALSE;
      start_layout (self);
      return;
    }

  gtk_spinner_stop (self->spinner);

  if (genogram == NULL)
    {
      adw_status_page_set_description (self->problem_page, error->message);
      gtk_stack_set_visible_child_name (self->genogram_stack, "problem");
      return;
    }

  cg_genogram_view_set_genogram (self->view, genogram);
  gtk_stack_set_visible_child_name (self->genogram_stack, "picture");
  update_view_description (self);
  update_actions (self);
}

static void
start_layout (CgFamilyPage *self)
{
  g_autoptr(GTask) task = NULL;
  LayoutJob *job;

  if (self->family == NULL)
    return;

  if (self->layout_running)
    {
      self->layout_again = TRUE;
      return;
    }

  job = g_new0 (LayoutJob, 1);
  job->family = cg_family_copy (self->family);
  job->as_at = self->as_at;
  job->options.anonymise = gtk_toggle_button_get_active (self->anonymise_button);

  self->layout_running = TRUE;
  gtk_spinner_start (self->spinner);

  task = g_task_new (self, self->cancellable, layout_done_cb, NULL);
  g_task_set_source_tag (task, start_layout);
  g_task_set_task_data (task, job, (GDestroyNotify)layout_job_free);
  g_task_run_in_thread (task, layout_thread);
}

/* -------------------------------------------------------------------- date */

static void
show_date (CgFamilyPage *self)
{
  g_autofree char *text = format_day (self->as_at);

  g_signal_handlers_block_matched (self->date_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
  g_signal_handlers_unblock_matched (self->date_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
set_date (CgFamilyPage *self,
          guint32       day,
          gboolean      chosen)
{
  self->date_chosen = chosen;
  if (day == self->as_at)
    {
      show_date (self);
      return;
    }

  self->as_at = day;
  show_date (self);
  start_layout (self);
}

static gboolean
read_date_entry (CgFamilyPage *self,
                 guint32      *day)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));
  CgPeriod period;

  if (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period, NULL)
      != CG_DATE_OK || period.start == 0)
    return FALSE;

  *day = period.start;
  return TRUE;
}

static void
apply_date_entry (CgFamilyPage *self)
{
  guint32 day;

  if (read_date_entry (self, &day))
    set_date (self, day, TRUE);
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");
}

static void
on_date_activate_cb (CgFamilyPage *self)
{
  apply_date_entry (self);
}

static void
on_date_changed_cb (CgFamilyPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
}

static void
on_date_focus_leave_cb (CgFamilyPage *self)
{
  g_autofree char *shown = format_day (self->as_at);

  if (self->disposed)
    return;
  if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self->date_entry))) != 0)
    apply_date_entry (self);
}

static void
on_calendar_shown_cb (CgFamilyPage *self)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  cg_date_to_ymd (self->as_at, &year, &month, &day);
  date = g_date_time_new_local (year, month, day, 12, 0, 0);
  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing_calendar = FALSE;
}

static void
on_day_selected_cb (CgFamilyPage *self)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->syncing_calendar)
    return;

  date = gtk_calendar_get_date (self->calendar);
  set_date (self, cg_date_from_ymd (g_date_time_get_year (date), g_date_time_get_month (date),
                                    g_date_time_get_day_of_month (date)), TRUE);
  gtk_popover_popdown (self->calendar_popover);
}

static void
on_incident_clicked_cb (CgFamilyPage *self)
{
  if (self->incident != 0)
    set_date (self, self->incident, FALSE);
  gtk_popover_popdown (self->calendar_popover);
}

/* ------------------------------------------------------------ the review */

static void
write_unsaved (CgFamilyPage *self)
{
  g_autoptr(CgFamily) family = NULL;
  g_autoptr(GError) error = NULL;
  CgStore *store;

  if (self->unsaved == NULL || self->window == NULL)
    return;

  /* One user of the case file at a time: try again when the window is free. */
  if (_cg_window_get_busy (self->window))
    return;

  family = g_steal_pointer (&self->unsaved);
  if (!(store = _cg_window_get_store (self->window)))
    return;

  if (!cg_store_replace_family (store, family, &error))
    {
      _cg_window_show_error (self->window, _("Could Not Save the Family"), error);
      /* Show what the case file holds. */
      g_signal_emit_by_name (self->window, "analysis-changed");
      return;
    }

  /* Who each record names depends on the family. */
  _cg_window_reload (self->window, TRUE);
}

static gboolean
write_unsaved_idle_cb (gpointer user_data)
{
  CgFamilyPage *self = user_data;

  self->write_source = 0;
  write_unsaved (self);
  return G_SOURCE_REMOVE;
}

/* Written from an idle so that an analysis loaded before the write reaches
 * the page first (and is ignored) rather than after it. */
static void
queue_write (CgFamilyPage *self)
{
  if (self->write_source == 0)
    self->write_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, write_unsaved_idle_cb,
                                          g_object_ref (self), g_object_unref);
}

static void
commit_family (CgFamilyPage *self,
               CgFamily     *family)
{
  g_clear_pointer (&self->unsaved, cg_family_free);
  self->unsaved = cg_family_copy (family);
  g_clear_pointer (&self->family, cg_family_free);
  self->family = family;

  refresh_people (self);
  start_layout (self);
  queue_write (self);
}

static void
on_busy_changed_cb (CgFamilyPage *self)
{
  if (self->unsaved != NULL && self->window != NULL && !_cg_window_get_busy (self->window))
    queue_write (self);
  update_actions (self);
}

static gboolean
strv_equal (GStrv a,
            GStrv b)
{
  guint n_a = a != NULL ? g_strv_length (a) : 0;
  guint n_b = b != NULL ? g_strv_length (b) : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
families_equal (const CgFamily *a,
                const CgFamily *b)
{
  if (a->people->len != b->people->len || a->relationships->len != b->relationships->len ||
      a->households->len != b->households->len)
    return FALSE;

  for (guint i = 0; i < a->people->len; i++)
    {
      const CgPerson *p = g_ptr_array_index (a->people, i);
      const CgPerson *q = g_ptr_array_index (b->people, i);

      if (g_strcmp0 (p->key, q->key) != 0 || g_strcmp0 (p->name, q->name) != 0 ||
          g_strcmp0 (p->label, q->label) != 0 || p->sex != q->sex || p->subject != q->subject ||
          g_strcmp0 (p->born, q->born) != 0 || g_strcmp0 (p->died, q->died) != 0 ||
          g_strcmp0 (p->note, q->note) != 0 || !strv_equal (p->aliases, q->aliases))
        return FALSE;
    }
  for (guint i = 0; i < a->relationships->len; i++)
    {
      const CgRelationship *r = g_ptr_array_index (a->relationships, i);
      const CgRelationship *s = g_ptr_array_index (b->relationships, i);

      if (g_strcmp0 (r->a, s->a) != 0 || g_strcmp0 (r->b, s->b) != 0 || r->kind != s->kind ||
          g_strcmp0 (r->from, s->from) != 0 || g_strcmp0 (r->to, s->to) != 0 ||
          g_strcmp0 (r->note, s->note) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->households->len; i++)
    {
      const CgHouseholdMember *m = g_ptr_array_index (a->households, i);
      const CgHouseholdMember *n = g_ptr_array_index (b->households, i);

      if (g_strcmp0 (m->household, n->household) != 0 || g_strcmp0 (m->person, n->person) != 0 ||
          g_strcmp0 (m->from, n->from) != 0 || g_strcmp0 (m->to, n->to) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
on_analysis_changed_cb (CgFamilyPage *self)
{
  CgAnalysis *analysis = self->window != NULL ? _cg_window_get_analysis (self->window) : NULL;
  CgReview *review = analysis != NULL ? analysis->review : NULL;
  g_autofree char *incident = NULL;
  gboolean changed = FALSE;
  CgGenogram *genogram;

  self->incident = review != NULL ? review->incident : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->incident_button), self->incident != 0);
  if (self->incident != 0)
    {
      g_autofree char *day = format_day (self->incident);

      /* Translators: a button that shows the family on the critical incident's date */
      incident = g_strdup_printf (_("_Critical Incident (%s)"), day);
      gtk_button_set_label (self->incident_button, incident);
    }
  if (!self->date_chosen)
    {
      self->as_at = cg_genogram_default_date (review);
      show_date (self);
    }

  /* An edit not yet written is newer than what the case file holds; and
   * after a write the family comes back unchanged: keep the list and the
   * picture as they are. */
  if (self->unsaved == NULL &&
      !(self->family != NULL && analysis != NULL && analysis->family != NULL &&
        families_equal (self->family, analysis->family)))
    {
      g_clear_pointer (&self->family, cg_family_free);
      if (analysis != NULL && analysis->family != NULL)
        self->family = cg_family_copy (analysis->family);
      else if (analysis != NULL)
        self->family = cg_family_new ();
      changed = TRUE;
    }

  if (changed)
    refresh_people (self);
  if (self->family == NULL)
    cg_genogram_view_set_genogram (self->view, NULL);

  genogram = cg_genogram_view_get_genogram (self->view);
  if (changed || genogram == NULL || cg_genogram_get_date (genogram) != self->as_at)
    start_layout (self);
}

static void
on_case_changed_cb (CgFamilyPage *self)
{
  g_clear_pointer (&self->unsaved, cg_family_free);
  g_clear_pointer (&self->family, cg_family_free);
  self->date_chosen = FALSE;
  /* Another review: never show the previous family's picture. */
  cg_genogram_view_set_genogram (self->view, NULL);
  cg_genogram_view_set_fit (self->view, TRUE);
  gtk_list_box_unselect_all (self->people_list);
}

/* ------------------------------------------------------------------ people */

static void
on_row_selected_cb (CgFamilyPage  *self,
                    GtkListBoxRow *row)
{
  if (self->disposed)
    return;

  cg_genogram_view_set_highlight (self->view, selected_key (self));
  update_actions (self);
}

static void
on_editor_accepted_cb (CgFamilyPage   *self,
                       CgPersonEditor *editor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strdup (_cg_person_editor_get_key (editor));
  CgFamily *family;

  if (!can_edit (self) || !(family = _cg_person_editor_dup_family (editor, &error)))
    return;

  commit_family (self, family);
  select_person (self, key);
  gtk_window_destroy (GTK_WINDOW (editor));
}

CgPersonEditor *
_cg_family_page_edit_person (CgFamilyPage *self,
                             const char   *key)
{
  CgPersonEditor *editor;

  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), NULL);

  if (!can_edit (self))
    return NULL;

  editor = cg_person_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 self->family, key);
  g_signal_connect_object (editor, "accepted", G_CALLBACK (on_editor_accepted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
show_records (CgFamilyPage *self,
              const char   *key)
{
  CgPerson *person = self->family != NULL ? cg_family_find_person (self->family, key) : NULL;
  g_autofree char *title = NULL;

  if (person == NULL || self->window == NULL)
    return;

  title = person_title (self, person);
  _cg_window_show_records_naming (self->window, person->key, title);
}

static void
on_row_activated_cb (CgFamilyPage  *self,
                     GtkListBoxRow *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "cg-person-key");

  if (can_edit (self))
    _cg_family_page_edit_person (self, key);
  else
    show_records (self, key);
}

static void
on_person_activated_cb (CgFamilyPage   *self,
                        const char     *key,
                        CgGenogramView *view)
{
  select_person (self, key);
  show_records (self, key);
}

static gboolean
on_query_tooltip_cb (CgFamilyPage   *self,
                     int             x,
                     int             y,
                     gboolean        keyboard,
                     GtkTooltip     *tooltip,
                     CgGenogramView *view)
{
  const char *key = cg_genogram_view_person_at (view, x, y);
  CgPerson *person = key && self->family ? cg_family_find_person (self->family, key) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;

  if (person == NULL)
    return FALSE;

  title = person_title (self, person);
  escaped = g_markup_escape_text (title, -1);
  markup = g_strdup_printf ("<b>%s</b>\n%s", escaped,
                            _("Click to show the records naming this person"));
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
on_anonymise_toggled_cb (CgFamilyPage *self)
{
  refresh_people (self);
  start_layout (self);
}

static gboolean
show_zoom_idle_cb (gpointer user_data)
{
  CgFamilyPage *self = user_data;
  int percent = (int)round (cg_genogram_view_get_zoom (self->view) * 100);
  g_autofree char *text = g_strdup_printf ("%d%%", percent);

  self->zoom_source = 0;
  gtk_label_set_text (self->zoom_label, text);
  return G_SOURCE_REMOVE;
}

/* The view changes its zoom while it is being allocated (to fit): the label
 * beside it may only change size after that. */
static void
on_zoom_changed_cb (CgFamilyPage *self)
{
  if (self->zoom_source == 0)
    self->zoom_source = g_idle_add (show_zoom_idle_cb, self);
}

static CgFamily *
family_without (CgFamily   *family,
                const char *key)
{
  CgFamily *copy = cg_family_copy (family);

  for (guint i = copy->people->len; i > 0; i--)
    if (g_strcmp0 (((CgPerson *)g_ptr_array_index (copy->people, i - 1))->key, key) == 0)
      g_ptr_array_remove_index (copy->people, i - 1);
  for (guint i = copy->relationships->len; i > 0; i--)
    {
      CgRelationship *r = g_ptr_array_index (copy->relationships, i - 1);

      if (g_strcmp0 (r->a, key) == 0 || g_strcmp0 (r->b, key) == 0)
        g_ptr_array_remove_index (copy->relationships, i - 1);
    }
  for (guint i = copy->households->len; i > 0; i--)
    if (g_strcmp0 (((CgHouseholdMember *)g_ptr_array_index (copy->households, i - 1))->person,
                   key) == 0)
      g_ptr_array_remove_index (copy->households, i - 1);

  return copy;
}

static void
on_remove_response_cb (CgFamilyPage     *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *key = g_object_get_data (G_OBJECT (dialog), "cg-person-key");

  if (g_strcmp0 (response, "remove") != 0 || !can_edit (self) ||
      cg_family_find_person (self->family, key) == NULL)
    return;

  commit_family (self, family_without (self->family, key));
}

/* ------------------------------------------------------------------ import */

typedef enum
{
  FAMILY_FILE_PEOPLE,
  FAMILY_FILE_RELATIONSHIPS,
  FAMILY_FILE_HOUSEHOLDS,
  N_FAMILY_FILES
} FamilyFile;

typedef struct
{
  GPtrArray *paths;      /* as chosen */
  char      *people_name;
  CgFamily  *family;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_clear_pointer (&job->people_name, g_free);
  g_clear_pointer (&job->family, cg_family_free);
  g_free (job);
}

/* Which of the three files a CSV is: by its name, or else by its header. */
static gboolean
classify_family_file (const char  *path,
                      FamilyFile  *kind)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_utf8_strdown (base, -1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *header = NULL;
  g_autofree char *folded = NULL;

  if (strstr (name, "relationship") != NULL)
    *kind = FAMILY_FILE_RELATIONSHIPS;
  else if (strstr (name, "household") != NULL)
    *kind = FAMILY_FILE_HOUSEHOLDS;
  else if (strstr (name, "people") != NULL || strstr (name, "person") != NULL)
    *kind = FAMILY_FILE_PEOPLE;
  else
    {
      file = g_file_new_for_path (path);
      if (!(stream = g_file_read (file, NULL, NULL)))
        return FALSE;
      lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
      if (!(header = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)))
        return FALSE;
      folded = g_utf8_strdown (header, -1);
      if (strstr (folded, "kind") != NULL)
        *kind = FAMILY_FILE_RELATIONSHIPS;
      else if (strstr (folded, "household") != NULL)
        *kind = FAMILY_FILE_HOUSEHOLDS;
      else if (strstr (folded, "name") != NULL || strstr (folded, "sex") != NULL)
        *kind = FAMILY_FILE_PEOPLE;
      else
        return FALSE;
    }

  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  const char *paths[N_FAMILY_FILES] = { NULL, NULL, NULL };
  GError *error = NULL;

  for (guint i = 0; i < job->paths->len; i++)
    {
      const char *path = g_ptr_array_index (job->paths, i);
      g_autofree char *base = g_path_get_basename (path);
      FamilyFile kind;

      if (!classify_family_file (path, &kind))
        {
          g_task_return_new_error (task, CG_ERROR, CG_ERROR_INVALID,
                                   _("%s: not a family file. Choose people.csv, and "
                                     "relationships.csv and households.csv if you have them."),
                                   base);
          return;
        }
      if (paths[kind] != NULL)
        {
          g_autofree char *other = g_path_get_basename (paths[kind]);

          g_task_return_new_error (task, CG_ERROR, CG_ERROR_INVALID,
                                   _("%s and %s: both seem to be the same kind of family file. "
                                     "Choose one people.csv, one relationships.csv and one "
                                     "households.csv."),
                                   other, base);
          return;
        }
      paths[kind] = path;
    }

  if (paths[FAMILY_FILE_PEOPLE] == NULL)
    {
      g_task_return_new_error (task, CG_ERROR, CG_ERROR_INVALID,
                               _("No people.csv was chosen: the family is read from people.csv, "
                                 "with relationships.csv and households.csv beside it."));
      return;
    }

  job->people_name = g_path_get_basename (paths[FAMILY_FILE_PEOPLE]);
  if (!(job->family = cg_family_read_csv (paths[FAMILY_FILE_PEOPLE],
                                          paths[FAMILY_FILE_RELATIONSHIPS],
                                          paths[FAMILY_FILE_HOUSEHOLDS], &error)) ||
      !cg_family_validate (job->family, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
show_import_error (CgFamilyPage *self,
                   const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Could Not Import the Family"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
replace_with_imported (CgFamilyPage *self,
                       CgFamily     *family)
{
  g_autofree char *message = NULL;
  guint n_people = family->people->len;
  guint n_relationships = family->relationships->len;
  guint n_households = cg_family_count_households (family);

  g_autofree char *people = g_strdup_printf (g_dngettext (NULL, "%u person", "%u people",
                                                          n_people), n_people);
  g_autofree char *relationships = g_strdup_printf (g_dngettext (NULL, "%u relationship",
                                                                 "%u relationships",
                                                                 n_relationships),
                                                    n_relationships);
  g_autofree char *households = g_strdup_printf (g_dngettext (NULL, "%u household",
                                                              "%u households", n_households),
                                                 n_households);

  commit_family (self, family);

  /* Translators: the counts of a family just imported: people, relationships, households */
  message = g_strdup_printf (_("Family imported: %s, %s, %s"), people, relationships, households);
  if (self->window != NULL)
    _cg_window_show_toast (self->window, message);
}

static void
on_replace_response_cb (CgFamilyPage     *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  CgFamily *family = g_object_steal_data (G_OBJECT (dialog), "cg-family");

  if (g_strcmp0 (response, "replace") != 0 || !can_edit (self))
    {
      g_clear_pointer (&family, cg_family_free);
      return;
    }

  replace_with_imported (self, family);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_now, n_new;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_import_error (self, error);
      return;
    }

  if (!can_edit (self))
    return;

  n_now = self->family->people->len;
  if (n_now == 0)
    {
      replace_with_imported (self, g_steal_pointer (&job->family));
      return;
    }

  /* Hand-entered people are not replaced without asking. */
  n_new = job->family->people->len;
  body = g_strdup_printf (g_dngettext (NULL,
                                       "The %u person of this review, with the relationships "
                                       "and households, will be replaced by the %u in %s.",
                                       "The %u people of this review, with their relationships "
                                       "and households, will be replaced by the %u in %s.",
                                       n_now),
                          n_now, n_new, job->people_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Replace the Family?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cg-family", g_steal_pointer (&job->family),
                          (GDestroyNotify)cg_family_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cg_family_page_import_files (CgFamilyPage *self,
                              GListModel   *files)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (CG_IS_FAMILY_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (!can_edit (self))
    return;

  job = g_new0 (ImportJob, 1);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (job->paths, path);
    }

  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, _cg_family_page_import_files);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_import_chooser_response_cb (CgFamilyPage         *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (files != NULL)
    _cg_family_page_import_files (self, files);
}

/* ------------------------------------------------------------------ export */

typedef struct
{
  CgGenogram *genogram;
  char       *format;
  char       *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->genogram, cg_genogram_unref);
  g_clear_pointer (&job->format, g_free);
  g_clear_pointer (&job->path, g_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (!cg_genogram_write (job->genogram, job->format, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  if (self->window == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cg_window_show_error (self->window, _("Could Not Export the Genogram"), error);
      return;
    }

  message = g_strdup_printf (_("Genogram saved as %s"), base);
  _cg_window_show_toast (self->window, message);
}

static const char * const export_formats[] = { "svg", "pdf", "png" };

static void
export_file (CgFamilyPage *self,
             GFile        *file,
             const char   *fallback_format)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lower = NULL;
  const char *format = NULL;
  CgGenogram *genogram = cg_genogram_view_get_genogram (self->view);
  ExportJob *job;

  if (genogram == NULL || path == NULL)
    return;

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_has_suffix (lower, export_formats[i]) &&
        lower[strlen (lower) - strlen (export_formats[i]) - 1] == '.')
      format = export_formats[i];

  if (format == NULL)
    {
      char *with_extension;

      format = fallback_format != NULL ? fallback_format : "svg";
      with_extension = g_strconcat (path, ".", format, NULL);
      g_free (path);
      path = with_extension;
    }

  job = g_new0 (ExportJob, 1);
  job->genogram = cg_genogram_ref (genogram);
  job->format = g_strdup (format);
  job->path = g_steal_pointer (&path);

  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, export_file);
  g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_chooser_response_cb (CgFamilyPage         *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  GtkFileFilter *filter;
  const char *format = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if ((filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))) != NULL)
        format = g_object_get_data (G_OBJECT (filter), "cg-format");
    }

  if (file != NULL)
    export_file (self, file, format);

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/* ------------------------------------------------------------------ actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _cg_family_page_edit_person (CG_FAMILY_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (widget);
  CgPerson *person = selected_person (self);

  if (person != NULL)
    _cg_family_page_edit_person (self, person->key);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (widget);
  CgPerson *person = selected_person (self);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (person == NULL || !can_edit (self))
    return;

  title = has_text (person->name) ? g_strdup (person->name) : person_title (self, person);
  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Remove %s?"), title);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Their relationships and households are removed with "
                                     "them. The records that name them are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cg-person-key", g_strdup (person->key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_records_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (widget);
  CgPerson *person = selected_person (self);

  if (person != NULL)
    show_records (self, person->key);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!can_edit (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Import people.csv, relationships.csv and "
                                           "households.csv"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("Family files (CSV)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (widget);
  CgGenogram *genogram = cg_genogram_view_get_genogram (self->view);
  static const struct
  {
    const char *format;
    const char *name;
    const char *mime_type;
  } filters[] = {
    { "svg", N_("SVG image"), "image/svg+xml" },
    { "pdf", N_("PDF document"), "application/pdf" },
    { "png", N_("PNG image"), "image/png" },
  };
  GtkFileChooserNative *chooser;
  g_autofree char *iso = NULL;
  g_autofree char *name = NULL;

  if (genogram == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Genogram"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strdup_printf ("*.%s", filters[i].format);

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_filter_add_mime_type (filter, filters[i].mime_type);
      g_object_set_data (G_OBJECT (filter), "cg-format", (gpointer)filters[i].format);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  iso = cg_date_to_iso (cg_genogram_get_date (genogram));
  /* Translators: file names of an exported genogram; keep the %s (the date) */
  name = g_strdup_printf (gtk_toggle_button_get_active (self->anonymise_button)
                          ? _("genogram-anonymised-%s.svg") : _("genogram-%s.svg"), iso);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The zoom buttons sit beside the view, not inside it: pass their actions on. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgFamilyPage *self = CG_FAMILY_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->view), action_name, NULL);
}

/* ------------------------------------------------------------------ GObject */

static void
cg_family_page_dispose (GObject *object)
{
  CgFamilyPage *self = (CgFamilyPage *)object;

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->write_source, g_source_remove);
  g_clear_handle_id (&self->zoom_source, g_source_remove);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *)&self->window);
      self->window = NULL;
    }

  /* AdwBin keeps its own pointer to the template's top widget: let it go
   * first, or the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_FAMILY_PAGE);

  g_clear_object (&self->keys);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->family, cg_family_free);
  g_clear_pointer (&self->unsaved, cg_family_free);

  G_OBJECT_CLASS (cg_family_page_parent_class)->dispose (object);
}

static void
cg_family_page_class_init (CgFamilyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_family_page_dispose;

  g_type_ensure (CG_TYPE_GENOGRAM_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronogram/Chronogram/ui/cg-family-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, incident_button);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, anonymise_button);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, genogram_stack);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, problem_page);
  gtk_widget_class_bind_template_child (widget_class, CgFamilyPage, view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_incident_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_anonymise_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_changed_cb);

  gtk_widget_class_install_action (widget_class, "family.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "family.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "family.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "family.show-records", NULL, show_records_action);
  gtk_widget_class_install_action (widget_class, "family.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "family.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "genogram.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genogram.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genogram.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "genogram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "genogram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "genogram.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "genogram.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "family.remove", NULL);

  gtk_widget_class_set_css_name (widget_class, "familypage");
}

static void
cg_family_page_init (CgFamilyPage *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->keys = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->people_list, G_LIST_MODEL (self->keys), create_person_row,
                           self, NULL);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_date_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->date_entry), focus);

  on_zoom_changed_cb (self);
  update_actions (self);
}

/* ------------------------------------------------------------------ public */

void
cg_family_page_attach (CgWindow *window)
{
  CgFamilyPage *self;

  g_return_if_fail (CG_IS_WINDOW (window));

  self = g_object_new (CG_TYPE_FAMILY_PAGE, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&self->window);

  g_signal_connect_object (window, "case-changed", G_CALLBACK (on_case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "analysis-changed", G_CALLBACK (on_analysis_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::busy", G_CALLBACK (on_busy_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _cg_window_add_page (window, GTK_WIDGET (self), "family", _("Family"), "system-users-symbolic");

  /* The window may show a review already. */
  on_analysis_changed_cb (self);
}

CgFamily *
_cg_family_page_get_family (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), NULL);

  return self->family;
}

guint32
_cg_family_page_get_date (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), 0);

  return self->as_at;
}

void
_cg_family_page_set_date (CgFamilyPage *self,
                          guint32       day)
{
  g_return_if_fail (CG_IS_FAMILY_PAGE (self));
  g_return_if_fail (day != 0);

  set_date (self, day, TRUE);
}

gboolean
_cg_family_page_get_busy (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), FALSE);

  return self->layout_running || self->unsaved != NULL;
}

void
_cg_family_page_export_file (CgFamilyPage *self,
                             GFile        *file)
{
  g_return_if_fail (CG_IS_FAMILY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  export_file (self, file, NULL);
}

GtkListBox *
_cg_family_page_get_people_list (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), NULL);

  return self->people_list;
}

CgGenogramView *
_cg_family_page_get_genogram_view (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), NULL);

  return self->view;
}

GtkEditable *
_cg_family_page_get_date_entry (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), NULL);

  return GTK_EDITABLE (self->date_entry);
}

GtkToggleButton *
_cg_family_page_get_anonymise (CgFamilyPage *self)
{
  g_return_val_if_fail (CG_IS_FAMILY_PAGE (self), NULL);

  return self->anonymise_button;
}
