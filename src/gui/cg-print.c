/* cg-print.c
 *
 * Printing the integrated chronology through GtkPrintOperation. The pages
 * are the PDF export's (CgExportPages, in the core): the title block and
 * agency key first, then the chronology with its header row repeated on
 * every page, a cluster's records kept together, a record longer than a page
 * cut between lines, and "Page 3 of 9" at the foot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-print"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-export-pages.h"
#include "cg-print-private.h"
#include "cg-window-private.h"

struct _CgPrintOperation
{
  GtkPrintOperation  parent_instance;

  /* Owned references */
  CgExportModel     *model;
  CgExportPages     *pages;    /* from begin-print, or NULL */
};

G_DEFINE_FINAL_TYPE (CgPrintOperation, cg_print_operation, GTK_TYPE_PRINT_OPERATION)

/* The pages are the PDF export's, laid out for the sheet the print context
 * has (the operation uses the full page: the layout has its own margins). */
static void
cg_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  CgPrintOperation *self = CG_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->pages, cg_export_pages_free);
  self->pages = cg_export_pages_new (self->model, gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context), &error);
  if (self->pages == NULL)
    {
      g_warning ("Could not lay out the chronology: %s", error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation,
                                   MAX (cg_export_pages_get_n_pages (self->pages), 1));
}

static void
cg_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  CgPrintOperation *self = CG_PRINT_OPERATION (operation);

  if (self->pages == NULL || page_nr < 0
      || (guint)page_nr >= cg_export_pages_get_n_pages (self->pages))
    return;
  cg_export_pages_draw (self->pages, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
cg_print_operation_finalize (GObject *object)
{
  CgPrintOperation *self = (CgPrintOperation *)object;

  g_clear_pointer (&self->pages, cg_export_pages_free);
  g_clear_pointer (&self->model, cg_export_model_free);

  G_OBJECT_CLASS (cg_print_operation_parent_class)->finalize (object);
}

static void
cg_print_operation_class_init (CgPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = cg_print_operation_finalize;
  operation_class->begin_print = cg_print_operation_begin_print;
  operation_class->draw_page = cg_print_operation_draw_page;
}

static void
cg_print_operation_init (CgPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  /* The PDF export's page: landscape A4. The layout keeps its own margins
   * (1.5 cm at the sides), so it is given the whole sheet; the page setup's
   * margins, which match them, are what the print dialog shows. */
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_page_setup_set_left_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_top_margin (setup, 8, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 8, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

CgPrintOperation *
cg_print_operation_new (CgExportModel *model)
{
  CgPrintOperation *self;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (CG_TYPE_PRINT_OPERATION, NULL);
  self->model = model;
  job_name = g_strdup_printf ("%s — %s", model->title, model->subtitle);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);
  return self;
}

guint
_cg_print_operation_get_n_pages (CgPrintOperation *self)
{
  g_return_val_if_fail (CG_IS_PRINT_OPERATION (self), 0);

  return self->pages != NULL ? cg_export_pages_get_n_pages (self->pages) : 0;
}

/* --------------------------------------------------------- from the window */

#define SETTINGS_KEY  "cg-print-settings"
#define OPERATION_KEY "cg-print-operation"

typedef struct
{
  CgStore       *store;
  CgExportModel *model;
  char          *pdf_path;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->model, cg_export_model_free);
  g_clear_pointer (&job->pdf_path, g_free);
  g_free (job);
}

/* The chronology as the author sees it: every record, names and dates as
 * they are. */
static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrintJob *job = task_data;
  GError *error = NULL;

  if (!(job->model = cg_export_model_new (job->store, NULL, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  CgWindow                *window)
{
  g_object_set_data (G_OBJECT (operation), "cg-done", GINT_TO_POINTER (TRUE));

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_object_set_data_full (G_OBJECT (window), SETTINGS_KEY,
                            g_object_ref (gtk_print_operation_get_print_settings (operation)),
                            g_object_unref);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        _cg_window_show_error (window, _("Could Not Print the Chronology"), error);
    }
}

static void
run_operation (CgWindow      *window,
               CgExportModel *model,
               const char    *pdf_path)
{
  g_autoptr(CgPrintOperation) operation = cg_print_operation_new (model);
  GtkPrintOperation *print = GTK_PRINT_OPERATION (operation);
  GtkPrintSettings *settings = g_object_get_data (G_OBJECT (window), SETTINGS_KEY);
  GtkPrintOperationResult result;
  g_autoptr(GError) error = NULL;

  if (settings != NULL)
    gtk_print_operation_set_print_settings (print, settings);
  g_signal_connect_object (print, "done", G_CALLBACK (on_print_done_cb), window, 0);

  if (pdf_path != NULL)
    {
      gtk_print_operation_set_export_filename (print, pdf_path);
      result = gtk_print_operation_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
    }
  else
    {
      /* The window keeps the operation until the dialog and printing are done. */
      g_object_set_data_full (G_OBJECT (window), OPERATION_KEY, g_object_ref (operation),
                              g_object_unref);
      gtk_print_operation_set_allow_async (print, TRUE);
      gtk_print_operation_set_show_progress (print, TRUE);
      result = gtk_print_operation_run (print, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        GTK_WINDOW (window), &error);
    }

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL
      && g_object_get_data (G_OBJECT (operation), "cg-done") == NULL)
    _cg_window_show_error (window, _("Could Not Print the Chronology"), error);
}

static void
print_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgWindow *window = CG_WINDOW (object);
  PrintJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _cg_window_show_error (window, _("Could Not Print the Chronology"), error);
  else
    run_operation (window, g_steal_pointer (&job->model), job->pdf_path);
  /* Released after an export to PDF is written, so that the window's busy
   * state covers it. */
  _cg_window_release_store (window);
}

static void
print_chronology (CgWindow   *window,
                  const char *pdf_path)
{
  g_autoptr(GTask) task = NULL;
  CgStore *store = _cg_window_get_store (window);
  PrintJob *job;

  if (store == NULL || _cg_window_get_busy (window))
    return;

  job = g_new0 (PrintJob, 1);
  job->store = g_object_ref (store);
  job->pdf_path = g_strdup (pdf_path);

  _cg_window_hold_store (window);
  task = g_task_new (window, NULL, print_ready_cb, NULL);
  g_task_set_source_tag (task, print_chronology);
  g_task_set_task_data (task, job, (GDestroyNotify)print_job_free);
  g_task_run_in_thread (task, print_thread);
}

void
cg_print_chronology (CgWindow *window)
{
  g_return_if_fail (CG_IS_WINDOW (window));

  print_chronology (window, NULL);
}

void
_cg_print_chronology_to_pdf (CgWindow   *window,
                             const char *path)
{
  g_return_if_fail (CG_IS_WINDOW (window));
  g_return_if_fail (path != NULL);

  print_chronology (window, path);
}
