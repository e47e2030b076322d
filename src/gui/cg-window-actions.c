/* cg-window-actions.c: the window's actions (new, open, save as, details,
 * import, find) and its list of recent reviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cg-application.h"
#include "cg-export-dialog.h"
#include "cg-import-assistant.h"
#include "cg-print.h"
#include "cg-review-dialog.h"
#include "cg-window-private.h"

#define CASE_MIME_TYPE   "application/x-chronogram"
#define CASE_SUFFIX      ".chronogram"
#define MAX_RECENT       6

/* -------------------------------------------------------------- choosers */

static void
add_case_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) cases = gtk_file_filter_new ();

  gtk_file_filter_set_name (cases, _("Chronogram reviews"));
  gtk_file_filter_add_mime_type (cases, CASE_MIME_TYPE);
  gtk_file_filter_add_suffix (cases, "chronogram");
  gtk_file_chooser_add_filter (chooser, cases);
}

static void
set_documents_folder (GtkFileChooser *chooser)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
}

/* A file name from the review's title, without characters file systems
 * refuse. */
static char *
dup_file_name_for (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && strchr ("/\\:*?\"<>|", (char)c) != NULL)
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0')
    g_string_assign (name, _("Review"));
  g_string_append (name, CASE_SUFFIX);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static char *
dup_case_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    return NULL;
  if (!g_str_has_suffix (path, CASE_SUFFIX))
    return g_strconcat (path, CASE_SUFFIX, NULL);
  return g_steal_pointer (&path);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The chooser asked before replacing an existing file; the old file goes to
 * the wastebasket rather than disappearing. */
static gboolean
make_room (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  file = g_file_new_for_path (path);
  return g_file_trash (file, NULL, error);
}

static void
open_in_app (CgWindow *self,
             GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The application decides which window shows it. */
  if (app != NULL)
    g_application_open (G_APPLICATION (app), &file, 1, "");
  else
    _cg_window_open_file (self, file);
}

/* --------------------------------------------------------------------- new */

static void
new_chooser_response_cb (CgReviewDialog       *dialog,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  CgWindow *self = CG_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autoptr(GFile) file = NULL;
  g_autoptr(CgReview) review = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;

  if ((path = dup_case_path (file)) == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Save the review on this computer or a mounted drive"));
      _cg_window_show_error (self, _("Could Not Create the Review"), error);
      return;
    }

  if (same_file (path, _cg_window_get_path (self)))
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("That is the review open in this window; choose another name"));
      _cg_window_show_error (self, _("Could Not Create the Review"), error);
      return;
    }

  review = _cg_review_dialog_dup_review (dialog);
  if (!make_room (path, &error) || !(store = cg_store_create (path, review, &error)))
    {
      _cg_window_show_error (self, _("Could Not Create the Review"), error);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));

  if (_cg_window_get_store (self) == NULL && !_cg_window_get_busy (self))
    {
      _cg_window_load_store (self, store);
    }
  else
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      CgWindow *window = CG_IS_APPLICATION (app) ? _cg_application_new_window (CG_APPLICATION (app))
                                                 : cg_window_new (app);

      _cg_window_load_store (window, store);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
on_new_accepted_cb (CgReviewDialog *dialog,
                    gpointer        user_data)
{
  g_autoptr(CgReview) review = _cg_review_dialog_dup_review (dialog);
  g_autofree char *name = dup_file_name_for (review->title);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save the New Review"),
                                         GTK_WINDOW (dialog),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_case_filters (GTK_FILE_CHOOSER (chooser));
  set_documents_folder (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (new_chooser_response_cb), dialog,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  CgReviewDialog *dialog = cg_review_dialog_new (GTK_WINDOW (self), NULL);

  g_signal_connect (dialog, "accepted", G_CALLBACK (on_new_accepted_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -------------------------------------------------------------------- open */

static void
open_chooser_response_cb (CgWindow             *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file != NULL)
    open_in_app (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open a Review"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_case_filters (GTK_FILE_CHOOSER (chooser));
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_in_app (CG_WINDOW (widget), file);
}

/* The demo review: where tools/run-demo.sh builds it, or an installed copy. */
static char *
find_demo (void)
{
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "chronogram",
                                            "demo" CASE_SUFFIX, NULL);
  g_autofree char *folder = g_build_filename (PKGDATADIR, "demo", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (user, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&user);

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, CASE_SUFFIX))
      return g_build_filename (folder, name, NULL);

  return NULL;
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  g_autoptr(GFile) file = NULL;

  if (self->demo_path == NULL)
    return;

  file = g_file_new_for_path (self->demo_path);
  open_in_app (self, file);
}

/* ----------------------------------------------------------------- save as */

typedef struct
{
  CgStore *store;
  char    *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->path, g_free);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (!cg_store_save_copy (job->store, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CgWindow *self = CG_WINDOW (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  _cg_window_release_store (self);
  if (self->closed)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _cg_window_show_error (self, _("Could Not Save the Review"), error);
      return;
    }

  /* From now on the author works in the new file. */
  file = g_file_new_for_path (job->path);
  _cg_window_open_file (self, file);
  name = g_path_get_basename (job->path);
  message = g_strdup_printf (_("Saved as “%s”"), name);
  _cg_window_show_toast (self, message);
}

static void
save_as_chooser_response_cb (CgWindow             *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  SaveJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL || self->store == NULL)
    return;

  if ((path = dup_case_path (file)) == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Save the review on this computer or a mounted drive"));
      _cg_window_show_error (self, _("Could Not Save the Review"), error);
      return;
    }
  if (same_file (path, cg_store_get_path (self->store)))
    {
      _cg_window_show_toast (self, _("Changes are saved as they are made: nothing else to save"));
      return;
    }
  if (!make_room (path, &error))
    {
      _cg_window_show_error (self, _("Could Not Save the Review"), error);
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->store = g_object_ref (self->store);
  job->path = g_steal_pointer (&path);

  _cg_window_hold_store (self);
  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, save_as_chooser_response_cb);
  g_task_set_task_data (task, job, (GDestroyNotify)save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->store == NULL)
    return;

  name = dup_file_name_for (gtk_window_get_title (GTK_WINDOW (self)));
  chooser = gtk_file_chooser_native_new (_("Save the Review As"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_case_filters (GTK_FILE_CHOOSER (chooser));

  /* The demo lives in a read-only folder: offer Documents instead. */
  folder_path = g_path_get_dirname (cg_store_get_path (self->store));
  if (!cg_store_is_read_only (self->store) && g_access (folder_path, W_OK) == 0)
    {
      folder = g_file_new_for_path (folder_path);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  else
    {
      set_documents_folder (GTK_FILE_CHOOSER (chooser));
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------------------------------------------------------- review details */

static void
on_details_accepted_cb (CgWindow       *self,
                        CgReviewDialog *dialog)
{
  g_autoptr(CgReview) review = _cg_review_dialog_dup_review (dialog);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || _cg_window_get_busy (self))
    return;

  if (!cg_store_set_review (self->store, review, &error))
    {
      _cg_window_show_error (self, _("Could Not Save the Review Details"), error);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_set_title (GTK_WINDOW (self), review->title);
  _cg_window_add_recent (self);
  _cg_window_show_toast (self, _("Review details saved"));

  /* The limit, scope and incident date change what is flagged and marked. */
  _cg_window_reload (self, TRUE);
}

static void
review_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  g_autoptr(CgReview) review = NULL;
  g_autoptr(GError) error = NULL;
  CgReviewDialog *dialog;

  if (self->store == NULL)
    return;

  if (!(review = cg_store_dup_review (self->store, &error)))
    {
      _cg_window_show_error (self, _("Could Not Read the Review Details"), error);
      return;
    }

  dialog = cg_review_dialog_new (GTK_WINDOW (self), review);
  g_signal_connect_object (dialog, "accepted", G_CALLBACK (on_details_accepted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ import */

static void
on_assistant_running_cb (CgWindow          *self,
                         GParamSpec        *pspec,
                         CgImportAssistant *assistant)
{
  gboolean running;

  g_object_get (assistant, "running", &running, NULL);
  if (running)
    _cg_window_hold_store (self);
  else
    _cg_window_release_store (self);
}

static void
on_assistant_imported_cb (CgWindow          *self,
                          guint              n_records,
                          const char        *file_name,
                          CgImportAssistant *assistant)
{
  g_autofree char *message = NULL;

  /* The assistant ran the analysis already; only load it. */
  _cg_window_reload (self, FALSE);

  message = g_strdup_printf (g_dngettext (NULL, "%u record imported from %s",
                                          "%u records imported from %s", n_records),
                             n_records, file_name);
  _cg_window_show_toast (self, message);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  CgImportAssistant *assistant;

  if (self->store == NULL || _cg_window_get_busy (self) || cg_store_is_read_only (self->store))
    return;

  assistant = cg_import_assistant_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (assistant, "notify::running", G_CALLBACK (on_assistant_running_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (assistant, "imported", G_CALLBACK (on_assistant_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (assistant));
}

/* -------------------------------------------------------------------- find */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (self->store == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "chronology");
  _cg_chronology_page_focus_search (self->chronology_page);
}

/* ------------------------------------------------------------------ recent */

static gboolean
is_case (GtkRecentInfo *info)
{
  return g_strcmp0 (gtk_recent_info_get_mime_type (info), CASE_MIME_TYPE) == 0 ||
         g_str_has_suffix (gtk_recent_info_get_uri (info), CASE_SUFFIX);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo * const *)a;
  GtkRecentInfo *ib = *(GtkRecentInfo * const *)b;

  return -g_date_time_compare (gtk_recent_info_get_modified (ia),
                               gtk_recent_info_get_modified (ib));
}

static GPtrArray *
dup_recent_cases (void)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify)gtk_recent_info_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (is_case (info) && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (cases, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);

  g_ptr_array_sort (cases, compare_recent);
  if (cases->len > MAX_RECENT)
    g_ptr_array_set_size (cases, MAX_RECENT);
  return cases;
}

static void
on_recent_row_activated_cb (CgWindow      *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "cg-uri");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL)
    return;

  file = g_file_new_for_uri (uri);
  open_in_app (self, file);
}

static char *
dup_display_folder (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;

  if (parent == NULL)
    return g_strdup ("");
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  if ((relative = g_file_get_relative_path (home, parent)) != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (parent);
}

void
_cg_window_update_recent (CgWindow *self)
{
  g_autoptr(GPtrArray) cases = dup_recent_cases ();
  GtkWidget *child;

  g_return_if_fail (CG_IS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < cases->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (cases, i);
      const char *uri = gtk_recent_info_get_uri (info);
      const char *title = gtk_recent_info_get_display_name (info);
      g_autofree char *folder = dup_display_folder (uri);
      g_autofree char *name = g_path_get_basename (uri);
      g_autofree char *subtitle = NULL;
      g_autoptr(GMenuItem) item = g_menu_item_new (title, NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *unescaped = g_uri_unescape_string (name, NULL);

      subtitle = g_build_filename (folder, unescaped ? unescaped : name, NULL);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "cg-uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
    }

  gtk_widget_set_visible (self->recent_box, cases->len > 0);
}

void
_cg_window_add_recent (CgWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *exec = NULL;
  const char *groups[] = { "Chronogram", NULL };
  GtkRecentData data = { 0 };

  g_return_if_fail (CG_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  file = g_file_new_for_path (cg_store_get_path (self->store));
  uri = g_file_get_uri (file);
  exec = g_strdup_printf ("%s %%u", g_get_prgname () ? g_get_prgname () : "chronogram");

  /* The review's title names it in lists of recent files; the file name may not. */
  data.display_name = (char *)gtk_window_get_title (GTK_WINDOW (self));
  data.mime_type = (char *)CASE_MIME_TYPE;
  data.app_name = (char *)g_get_application_name ();
  data.app_exec = exec;
  data.groups = (char **)groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* ------------------------------------------------------------------- state */

void
_cg_window_update_actions (CgWindow *self)
{
  gboolean have_case = self->store != NULL;
  gboolean idle = self->n_jobs == 0;
  gboolean writable = have_case && !cg_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", have_case && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review-details", writable && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", have_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", have_case && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", have_case && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", self->demo_path != NULL);
  gtk_widget_set_visible (self->import_button, have_case);
}

static void
on_recent_changed_cb (CgWindow         *self,
                      GtkRecentManager *manager)
{
  _cg_window_update_recent (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (self->store != NULL)
    cg_export_dialog_present (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (self->store != NULL)
    cg_print_chronology (self);
}

void
_cg_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.review-details", NULL, review_details_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-detail", "show-detail");
}

/* Called from init: the parts of the window that depend on the world outside. */
void
_cg_window_actions_init (CgWindow *self)
{
  self->demo_path = find_demo ();
  gtk_widget_set_visible (self->demo_button, self->demo_path != NULL);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recent_list, "row-activated",
                           G_CALLBACK (on_recent_row_activated_cb), self, G_CONNECT_SWAPPED);
}
