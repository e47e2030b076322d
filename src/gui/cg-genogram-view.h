/* cg-genogram-view.h: a genogram on screen, zoomable and pannable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cg-genogram.h"

G_BEGIN_DECLS

#define CG_TYPE_GENOGRAM_VIEW (cg_genogram_view_get_type ())

G_DECLARE_FINAL_TYPE (CgGenogramView, cg_genogram_view, CG, GENOGRAM_VIEW, GtkWidget)

GtkWidget  *cg_genogram_view_new           (void);
/* The picture shown, or NULL. The view keeps a reference. */
CgGenogram *cg_genogram_view_get_genogram  (CgGenogramView *self);
void        cg_genogram_view_set_genogram  (CgGenogramView *self,
                                            CgGenogram     *genogram);
/* Drawn at this size: 1.0 is one pixel per point. */
double      cg_genogram_view_get_zoom      (CgGenogramView *self);
void        cg_genogram_view_set_zoom      (CgGenogramView *self,
                                            double          zoom);
/* While TRUE the zoom follows the widget's size so the whole picture shows. */
gboolean    cg_genogram_view_get_fit       (CgGenogramView *self);
void        cg_genogram_view_set_fit       (CgGenogramView *self,
                                            gboolean        fit);
/* The person outlined as selected, or NULL. */
void        cg_genogram_view_set_highlight (CgGenogramView *self,
                                            const char     *person_key);
/* The person drawn at (@x, @y) in widget coordinates, or NULL. */
const char *cg_genogram_view_person_at     (CgGenogramView *self,
                                            double          x,
                                            double          y);
/* Emits "person-activated" for @person_key, as a click on the person does. */
void        cg_genogram_view_activate_person (CgGenogramView *self,
                                              const char     *person_key);

G_END_DECLS
