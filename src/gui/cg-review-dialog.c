/* cg-review-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-review-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-date.h"
#include "cg-event-labels.h"
#include "cg-review-dialog.h"

struct _CgReviewDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *accept_button;
  AdwEntryRow    *title_row;
  AdwEntryRow    *subject_row;
  AdwEntryRow    *scope_from_row;
  AdwEntryRow    *scope_to_row;
  AdwEntryRow    *incident_row;
  GtkSpinButton  *retrospective_spin;
  GtkSpinButton  *silence_spin;

  /* Owned references */
  CgReview       *review;        /* what the dialog started from */
};

G_DEFINE_FINAL_TYPE (CgReviewDialog, cg_review_dialog, ADW_TYPE_WINDOW)

enum {
  ACCEPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* An empty date is allowed (not decided yet); anything else must read as a
 * date, day first. */
static gboolean
read_date_row (AdwEntryRow *row,
               gboolean     use_end,
               guint32     *day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  CgPeriod period;

  *day = 0;
  if (*stripped == '\0')
    return TRUE;
  if (cg_date_parse (stripped, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period, NULL)
      != CG_DATE_OK || period.start == 0)
    return FALSE;
  *day = use_end ? period.end : period.start;
  return TRUE;
}

static void
mark_row (AdwEntryRow *row,
          gboolean     valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static gboolean
validate (CgReviewDialog *self)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  guint32 from, to, incident;
  gboolean from_ok = read_date_row (self->scope_from_row, FALSE, &from);
  gboolean to_ok = read_date_row (self->scope_to_row, TRUE, &to);
  gboolean incident_ok = read_date_row (self->incident_row, FALSE, &incident);
  gboolean order_ok = !(from_ok && to_ok && from != 0 && to != 0 && to < from);

  mark_row (self->scope_from_row, from_ok);
  mark_row (self->scope_to_row, to_ok && order_ok);
  mark_row (self->incident_row, incident_ok);

  g_strstrip (title);
  return *title != '\0' && from_ok && to_ok && order_ok && incident_ok;
}

static void
on_changed_cb (CgReviewDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), validate (self));
}

static void
on_accept_cb (CgReviewDialog *self)
{
  if (!validate (self))
    return;

  g_signal_emit (self, signals[ACCEPTED], 0);
}

CgReview *
_cg_review_dialog_dup_review (CgReviewDialog *self)
{
  CgReview *review;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (CG_IS_REVIEW_DIALOG (self), NULL);

  review = cg_review_copy (self->review);
  g_free (review->title);
  review->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  g_free (review->subject);
  review->subject = *subject ? g_steal_pointer (&subject) : NULL;
  read_date_row (self->scope_from_row, FALSE, &review->scope_from);
  read_date_row (self->scope_to_row, TRUE, &review->scope_to);
  read_date_row (self->incident_row, FALSE, &review->incident);
  review->retrospective_days = gtk_spin_button_get_value_as_int (self->retrospective_spin);
  review->silence_days = gtk_spin_button_get_value_as_int (self->silence_spin);
  return review;
}

/* Test helper and default: what the title row shows. */
void
_cg_review_dialog_set_title (CgReviewDialog *self,
                             const char     *title)
{
  g_return_if_fail (CG_IS_REVIEW_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

static void
set_date_row (AdwEntryRow *row,
              guint32      day)
{
  g_autofree char *text = _cg_day_dup_numeric (day);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fill (CgReviewDialog *self,
      gboolean        is_new)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->review->title);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row),
                         self->review->subject ? self->review->subject : "");
  set_date_row (self->scope_from_row, self->review->scope_from);
  set_date_row (self->scope_to_row, self->review->scope_to);
  set_date_row (self->incident_row, self->review->incident);
  gtk_spin_button_set_value (self->retrospective_spin, self->review->retrospective_days);
  gtk_spin_button_set_value (self->silence_spin, self->review->silence_days);

  if (is_new)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Review"));
      adw_window_title_set_title (self->window_title, _("New Review"));
      gtk_button_set_label (self->accept_button, _("C_reate…"));
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Review Details"));
      adw_window_title_set_title (self->window_title, _("Review Details"));
      gtk_button_set_label (self->accept_button, _("_Save"));
    }

  on_changed_cb (self);
}

static void
cg_review_dialog_dispose (GObject *object)
{
  CgReviewDialog *self = (CgReviewDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_REVIEW_DIALOG);
  g_clear_pointer (&self->review, cg_review_free);

  G_OBJECT_CLASS (cg_review_dialog_parent_class)->dispose (object);
}

static void
cg_review_dialog_class_init (CgReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_review_dialog_dispose;

  signals[ACCEPTED] =
    g_signal_new ("accepted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-review-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, scope_from_row);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, scope_to_row);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, incident_row);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, retrospective_spin);
  gtk_widget_class_bind_template_child (widget_class, CgReviewDialog, silence_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_review_dialog_init (CgReviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CgReviewDialog *
cg_review_dialog_new (GtkWindow      *parent,
                      const CgReview *review)
{
  CgReviewDialog *self = g_object_new (CG_TYPE_REVIEW_DIALOG,
                                       "transient-for", parent,
                                       NULL);

  self->review = review != NULL ? cg_review_copy (review) : cg_review_new (NULL);
  fill (self, review == NULL);
  return self;
}
