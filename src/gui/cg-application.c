/* cg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-analysis-page.h"
#include "cg-application.h"
#include "cg-family-page.h"
#include "cg-window-private.h"

struct _CgApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CgApplication, cg_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit",               { "<Control>q", NULL } },
  { "win.new",                { "<Control>n", NULL } },
  { "win.open",               { "<Control>o", NULL } },
  { "win.save-as",            { "<Control><Shift>s", NULL } },
  { "win.import",             { "<Control>i", NULL } },
  { "win.export",             { "<Control>e", NULL } },
  { "win.print",              { "<Control>p", NULL } },
  { "win.find",               { "<Control>f", NULL } },
  { "win.show-detail",        { "F9", NULL } },
  { "window.close",           { "<Control>w", NULL } },
  { "win.show-help-overlay",  { "<Control>question", NULL } },
};

CgWindow *
_cg_application_new_window (CgApplication *self)
{
  CgWindow *window;

  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  window = cg_window_new (GTK_APPLICATION (self));
  cg_analysis_page_attach (window);
  cg_family_page_attach (window);
  return window;
}

static CgWindow *
get_window_for (CgApplication *self,
                GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  CgWindow *empty = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (!CG_IS_WINDOW (l->data))
        continue;

      /* A review open already is brought forward, not opened twice. */
      if (path != NULL && g_strcmp0 (_cg_window_get_path (l->data), path) == 0)
        return l->data;

      if (empty == NULL && _cg_window_get_path (l->data) == NULL)
        empty = l->data;
    }

  return empty;
}

static void
cg_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CgApplication *self = CG_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      CgWindow *window = get_window_for (self, files[i]);
      g_autofree char *path = g_file_get_path (files[i]);

      if (window == NULL)
        window = _cg_application_new_window (self);

      if (path == NULL || g_strcmp0 (_cg_window_get_path (window), path) != 0)
        _cg_window_open_file (window, files[i]);

      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
cg_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (_cg_application_new_window (CG_APPLICATION (app)));

  gtk_window_present (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CgApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window keeps its size for next time. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CgApplication *self = user_data;
  static const char *developers[] = { "The Chronogram developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Chronogram"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Merge the chronologies of every agency into one "
                                       "integrated chronology for a child safeguarding "
                                       "practice review"),
                         "developer-name", _("The Chronogram developers"),
                         "developers", developers,
                         "website", "https://github.com/chronogram/chronogram",
                         "issue-url", "https://github.com/chronogram/chronogram/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Chronogram developers",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static void
cg_application_startup (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);

  /* libadwaita first: it loads style.css and the icons. */
  G_APPLICATION_CLASS (cg_application_parent_class)->startup (app);

  g_set_application_name (_("Chronogram"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
cg_application_class_init (CgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = cg_application_startup;
  app_class->activate = cg_application_activate;
  app_class->open = cg_application_open;
}

static void
cg_application_init (CgApplication *self)
{
}

CgApplication *
cg_application_new (void)
{
  return g_object_new (CG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", APP_RESOURCE_PATH,
                       NULL);
}
