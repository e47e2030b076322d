/* cg-window-private.h: the window's in-app API, for its pages and dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-analysis.h"
#include "cg-chronology-page.h"
#include "cg-store.h"
#include "cg-window.h"

G_BEGIN_DECLS

struct _CgWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  CgChronologyPage     *chronology_page;
  GtkWidget            *import_button;
  GtkSpinner           *busy_spinner;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkWidget            *demo_button;
  GMenu                *recent_menu;

  /* Owned references */
  GSettings            *settings;
  CgStore              *store;
  CgAnalysis           *analysis;
  GListStore           *events;        /* the analysis' records, for the views */
  GCancellable         *cancellable;
  char                 *path;          /* the case file shown or being opened */
  char                 *demo_path;

  guint                 n_jobs;        /* threads working on the case file */
  guint                 show_detail : 1;
  guint                 reload_pending : 1;
  guint                 reanalyse_pending : 1;
  guint                 closed : 1;
};

/* Pages. Other views add themselves to the window's view switcher. */
void              _cg_window_add_page              (CgWindow     *self,
                                                    GtkWidget    *page,
                                                    const char   *name,
                                                    const char   *title,
                                                    const char   *icon_name);
void              _cg_window_show_page             (CgWindow     *self,
                                                    const char   *name);
CgChronologyPage *_cg_window_get_chronology_page   (CgWindow     *self);

/* The open review. Both are NULL when no review is open. The store is the
 * window's (use it on the main thread only while the window is not busy); the
 * analysis and everything it holds stays valid until the next
 * "analysis-changed" or "case-changed". */
CgStore          *_cg_window_get_store             (CgWindow     *self);
CgAnalysis       *_cg_window_get_analysis          (CgWindow     *self);
GListModel       *_cg_window_get_events            (CgWindow     *self);
const char       *_cg_window_get_path              (CgWindow     *self);
gboolean          _cg_window_get_busy              (CgWindow     *self);

/* Opening. */
void              _cg_window_open_file             (CgWindow     *self,
                                                    GFile        *file);
void              _cg_window_load_store            (CgWindow     *self,
                                                    CgStore      *store);
/* Loads the analysis again; with @reanalyse, reruns it first (after the
 * author changed a decision or the review details). Emits "analysis-changed". */
void              _cg_window_reload                (CgWindow     *self,
                                                    gboolean      reanalyse);
/* Marks the case file as in use by a thread the window does not own. */
void              _cg_window_hold_store            (CgWindow     *self);
void              _cg_window_release_store         (CgWindow     *self);

/* Cross-page navigation. */
gboolean          _cg_window_reveal_record         (CgWindow     *self,
                                                    CgEvent      *event);
void              _cg_window_show_records_naming   (CgWindow     *self,
                                                    const char   *person_key,
                                                    const char   *label);

/* Messages. */
void              _cg_window_show_toast            (CgWindow     *self,
                                                    const char   *message);
void              _cg_window_show_error            (CgWindow     *self,
                                                    const char   *heading,
                                                    const GError *error);

/* cg-window-actions.c */
void              _cg_window_class_actions_init    (GtkWidgetClass *widget_class);
void              _cg_window_actions_init          (CgWindow     *self);
void              _cg_window_update_actions        (CgWindow     *self);
void              _cg_window_update_recent         (CgWindow     *self);
void              _cg_window_add_recent            (CgWindow     *self);

G_END_DECLS
