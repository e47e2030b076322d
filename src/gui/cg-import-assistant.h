/* cg-import-assistant.h: importing one agency's chronology file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-store.h"

G_BEGIN_DECLS

#define CG_TYPE_IMPORT_ASSISTANT (cg_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (CgImportAssistant, cg_import_assistant, CG, IMPORT_ASSISTANT, AdwWindow)

CgImportAssistant *cg_import_assistant_new (GtkWindow *parent,
                                            CgStore   *store);

G_END_DECLS
