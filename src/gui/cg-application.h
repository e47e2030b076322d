/* cg-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-window.h"

G_BEGIN_DECLS

#define CG_TYPE_APPLICATION (cg_application_get_type ())

G_DECLARE_FINAL_TYPE (CgApplication, cg_application, CG, APPLICATION, AdwApplication)

CgApplication *cg_application_new         (void);
/* A review window with every page: chronology, analysis, family. */
CgWindow      *_cg_application_new_window (CgApplication *self);

G_END_DECLS
