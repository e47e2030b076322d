/* cg-window.c
 *
 * One review per window. The window owns the case file (CgStore) and the
 * analysis the pages show; long work on the case file runs in one thread at a
 * time, and the pages hear of the result through "case-changed" and
 * "analysis-changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-window-private.h"

G_DEFINE_FINAL_TYPE (CgWindow, cg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  PROP_SHOW_DETAIL,
  N_PROPS
};

enum {
  CASE_CHANGED,
  ANALYSIS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ loading */

typedef struct
{
  char       *path;
  CgStore    *store;
  CgAnalysis *analysis;
  GListStore *events;
  gboolean    reanalyse;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_object (&job->store);
  g_clear_object (&job->events);
  g_clear_pointer (&job->analysis, cg_analysis_free);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  if (job->store == NULL && !(job->store = cg_store_open (job->path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->reanalyse && !cg_store_is_read_only (job->store) &&
      !cg_analysis_run_and_store (job->store, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(job->analysis = cg_store_load_analysis (job->store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The list model the views share is filled here too: for 100,000 records
   * that is work the main loop need not do. Nothing watches it yet. */
  job->events = g_list_store_new (CG_TYPE_EVENT);
  g_list_store_splice (job->events, 0, 0, job->analysis->events->pdata,
                       job->analysis->events->len);

  g_task_return_boolean (task, TRUE);
}

static void
set_busy (CgWindow *self,
          gboolean  busy)
{
  gboolean was_busy = self->n_jobs > 0;

  if (busy)
    self->n_jobs++;
  else
    {
      g_return_if_fail (self->n_jobs > 0);
      self->n_jobs--;
    }

  if (was_busy != (self->n_jobs > 0) && !self->closed)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->n_jobs > 0);
      gtk_spinner_set_spinning (self->busy_spinner, self->n_jobs > 0);
      _cg_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_title (CgWindow *self)
{
  const char *title = NULL;

  if (self->analysis != NULL && self->analysis->review != NULL)
    title = self->analysis->review->title;

  if (self->store == NULL)
    title = _("Chronogram");
  else if (title == NULL || *title == '\0')
    title = _("Untitled Review");

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        self->store != NULL && cg_store_is_read_only (self->store)
                                        ? _("Read-only") : NULL);
}

static void
set_analysis (CgWindow   *self,
              CgAnalysis *analysis,
              GListStore *events)
{
  /* Pages drop what they borrowed from the old analysis during the signal. */
  CgAnalysis *old = g_steal_pointer (&self->analysis);
  g_autoptr(GListStore) old_events = g_steal_pointer (&self->events);

  self->analysis = analysis;
  self->events = events;
  _cg_chronology_page_set_analysis (self->chronology_page, analysis, G_LIST_MODEL (events));
  update_title (self);
  g_signal_emit (self, signals[ANALYSIS_CHANGED], 0);
  g_clear_pointer (&old, cg_analysis_free);
}

static void
set_store (CgWindow   *self,
           CgStore    *store,
           CgAnalysis *analysis,
           GListStore *events)
{
  g_autoptr(CgStore) old_store = g_steal_pointer (&self->store);
  g_autoptr(GListStore) old_events = g_steal_pointer (&self->events);
  CgAnalysis *old_analysis = g_steal_pointer (&self->analysis);
  gint64 started = g_get_monotonic_time ();

  self->store = store;
  self->analysis = analysis;
  self->events = events;
  g_free (self->path);
  self->path = store != NULL ? g_strdup (cg_store_get_path (store)) : NULL;

  _cg_chronology_page_clear_filters (self->chronology_page);
  _cg_chronology_page_set_analysis (self->chronology_page, analysis, G_LIST_MODEL (events));
  gtk_stack_set_visible_child_name (self->main_stack, store != NULL ? "review" : "welcome");
  if (store != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, "chronology");
  update_title (self);
  _cg_window_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_signal_emit (self, signals[CASE_CHANGED], 0);
  g_signal_emit (self, signals[ANALYSIS_CHANGED], 0);

  g_clear_pointer (&old_analysis, cg_analysis_free);
  /* G_MESSAGES_DEBUG=cg-window: what the main thread spent showing a review */
  g_debug ("review of %u records shown in %.0f ms",
           events ? g_list_model_get_n_items (G_LIST_MODEL (events)) : 0,
           (g_get_monotonic_time () - started) / 1000.0);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CgWindow *self = CG_WINDOW (object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->closed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The window goes back to what it showed before. */
      g_free (self->path);
      self->path = self->store != NULL ? g_strdup (cg_store_get_path (self->store)) : NULL;
      gtk_stack_set_visible_child_name (self->main_stack,
                                        self->store != NULL ? "review" : "welcome");
      _cg_window_show_error (self, _("Could Not Open the Review"), error);
      return;
    }

  if (self->closed)
    return;

  set_store (self, g_steal_pointer (&job->store), g_steal_pointer (&job->analysis),
             g_steal_pointer (&job->events));
  _cg_window_add_recent (self);

  if (cg_store_is_read_only (self->store))
    _cg_window_show_toast (self, _("This review is read-only. Use Save As to work on a copy."));
}

static void
start_load (CgWindow *self,
            LoadJob  *job)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, job, (GDestroyNotify)load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * _cg_window_open_file:
 *
 * Opens the case file in this window, replacing the review it shows once the
 * file has been read. Errors are shown to the author.
 */
void
_cg_window_open_file (CgWindow *self,
                      GFile    *file)
{
  LoadJob *job;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (LoadJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only reviews saved on this computer or a mounted drive can be opened"),
                   name);
      _cg_window_show_error (self, _("Could Not Open the Review"), error);
      load_job_free (job);
      return;
    }

  g_free (self->path);
  self->path = g_strdup (job->path);
  start_load (self, job);
}

/* Shows a case file that is already open, such as one just created. */
void
_cg_window_load_store (CgWindow *self,
                       CgStore  *store)
{
  LoadJob *job;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (CG_IS_STORE (store));

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (cg_store_get_path (store));
  job->store = g_object_ref (store);
  g_free (self->path);
  self->path = g_strdup (job->path);
  start_load (self, job);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgWindow *self = CG_WINDOW (object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (self->closed)
    return;

  /* A different review was opened meanwhile. */
  if (job->store != self->store)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _cg_window_show_error (self, _("Could Not Update the Chronology"), error);
  else
    set_analysis (self, g_steal_pointer (&job->analysis), g_steal_pointer (&job->events));

  if (self->reload_pending)
    {
      gboolean reanalyse = self->reanalyse_pending;

      self->reload_pending = FALSE;
      self->reanalyse_pending = FALSE;
      _cg_window_reload (self, reanalyse);
    }
}

void
_cg_window_reload (CgWindow *self,
                   gboolean  reanalyse)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (CG_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  /* One thread at a time on a case file: queue behind the running one. */
  if (self->n_jobs > 0)
    {
      self->reload_pending = TRUE;
      self->reanalyse_pending |= reanalyse;
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (self->store);
  job->reanalyse = reanalyse;

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, reload_done_cb, NULL);
  g_task_set_source_tag (task, _cg_window_reload);
  g_task_set_task_data (task, job, (GDestroyNotify)load_job_free);
  g_task_run_in_thread (task, load_thread);
}

void
_cg_window_hold_store (CgWindow *self)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  set_busy (self, TRUE);
}

void
_cg_window_release_store (CgWindow *self)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  set_busy (self, FALSE);

  if (self->n_jobs == 0 && self->reload_pending)
    {
      gboolean reanalyse = self->reanalyse_pending;

      self->reload_pending = FALSE;
      self->reanalyse_pending = FALSE;
      _cg_window_reload (self, reanalyse);
    }
}

/* -------------------------------------------------------------------- pages */

/**
 * _cg_window_add_page:
 * @page: the page's widget
 * @name: its name in the view stack, e.g. "analysis"
 * @title: its title in the view switcher, e.g. _("Analysis")
 * @icon_name: a symbolic icon for narrow windows
 *
 * Adds a page after the chronology. The page finds the review through
 * _cg_window_get_store() and _cg_window_get_analysis() and follows the
 * window's "case-changed" and "analysis-changed" signals.
 */
void
_cg_window_add_page (CgWindow   *self,
                     GtkWidget  *page,
                     const char *name,
                     const char *title,
                     const char *icon_name)
{
  AdwViewStackPage *stack_page;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);

  stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);
  adw_view_stack_page_set_icon_name (stack_page, icon_name);

  /* The switcher shows once there is more than the chronology to switch to. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
}

void
_cg_window_show_page (CgWindow   *self,
                      const char *name)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

CgChronologyPage *
_cg_window_get_chronology_page (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->chronology_page;
}

CgStore *
_cg_window_get_store (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * _cg_window_get_events:
 *
 * Returns: (transfer none) (nullable): the analysis' records (#CgEvent) in the
 *   integrated chronology's order, as one list model for every view to share
 */
GListModel *
_cg_window_get_events (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->events);
}

CgAnalysis *
_cg_window_get_analysis (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->analysis;
}

const char *
_cg_window_get_path (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->path;
}

gboolean
_cg_window_get_busy (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);

  return self->n_jobs > 0;
}

gboolean
_cg_window_reveal_record (CgWindow *self,
                          CgEvent  *event)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);

  adw_view_stack_set_visible_child_name (self->view_stack, "chronology");
  return _cg_chronology_page_reveal_event (self->chronology_page, event);
}

void
_cg_window_show_records_naming (CgWindow   *self,
                                const char *person_key,
                                const char *label)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  _cg_chronology_page_set_person_filter (self->chronology_page, person_key, label);
  if (person_key != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, "chronology");
}

/* ----------------------------------------------------------------- messages */

void
_cg_window_show_toast (CgWindow   *self,
                       const char *message)
{
  AdwToast *toast;

  g_return_if_fail (CG_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The core's messages name the file and say what happened in the author's
 * words, so they are shown as they are. */
void
_cg_window_show_error (CgWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ GObject */

static gboolean
cg_window_close_request (GtkWindow *window)
{
  CgWindow *self = CG_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (cg_window_parent_class)->close_request (window);
}

static void
cg_window_dispose (GObject *object)
{
  CgWindow *self = (CgWindow *)object;

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->events);
  g_clear_pointer (&self->analysis, cg_analysis_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cg_window_parent_class)->dispose (object);
}

static void
cg_window_finalize (GObject *object)
{
  CgWindow *self = (CgWindow *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->demo_path, g_free);

  G_OBJECT_CLASS (cg_window_parent_class)->finalize (object);
}

static void
cg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CgWindow *self = CG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->n_jobs > 0);
      break;

    case PROP_SHOW_DETAIL:
      g_value_set_boolean (value, self->show_detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CgWindow *self = CG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_DETAIL:
      if (self->show_detail != g_value_get_boolean (value))
        {
          self->show_detail = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_window_class_init (CgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cg_window_dispose;
  object_class->finalize = cg_window_finalize;
  object_class->get_property = cg_window_get_property;
  object_class->set_property = cg_window_set_property;
  window_class->close_request = cg_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CG_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_DETAIL] =
    g_param_spec_boolean ("show-detail", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgWindow::case-changed:
   *
   * Another review (or none) is open: read _cg_window_get_store().
   * "analysis-changed" follows at once.
   */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CgWindow::analysis-changed:
   *
   * The analysis was loaded again (after opening, importing, changing the
   * review details or _cg_window_reload()): read _cg_window_get_analysis().
   * Drop everything borrowed from the previous analysis.
   */
  signals[ANALYSIS_CHANGED] =
    g_signal_new ("analysis-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (CG_TYPE_CHRONOLOGY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/cg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, chronology_page);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, recent_menu);

  _cg_window_class_actions_init (widget_class);
}

static void
cg_window_init (CgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "show-detail", self, "show-detail", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self, "show-detail", self->chronology_page, "show-detail",
                          G_BINDING_SYNC_CREATE);

  _cg_window_actions_init (self);
  update_title (self);
  _cg_window_update_actions (self);
  _cg_window_update_recent (self);
}

CgWindow *
cg_window_new (GtkApplication *application)
{
  return g_object_new (CG_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
