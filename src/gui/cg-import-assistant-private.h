/* cg-import-assistant-private.h: the assistant's steps, for the window and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cg-import.h"
#include "cg-import-assistant.h"

G_BEGIN_DECLS

/* The steps the buttons take, callable without a file chooser. */
gboolean              _cg_import_assistant_set_file         (CgImportAssistant   *self,
                                                             const char          *path,
                                                             GError             **error);
void                  _cg_import_assistant_set_agency       (CgImportAssistant   *self,
                                                             const char          *agency);
void                  _cg_import_assistant_set_header_row   (CgImportAssistant   *self,
                                                             guint                row);
void                  _cg_import_assistant_set_column_field (CgImportAssistant   *self,
                                                             const char          *header,
                                                             CgFieldKind          kind);
/* Imports in a thread and shows the result; @callback runs after the
 * assistant has shown it. */
void                  _cg_import_assistant_run              (CgImportAssistant   *self,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean              _cg_import_assistant_run_finish       (CgImportAssistant   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* What the assistant shows. */
const char           *_cg_import_assistant_get_step         (CgImportAssistant   *self);
const char           *_cg_import_assistant_get_encoding     (CgImportAssistant   *self);
const char           *_cg_import_assistant_get_delimiter    (CgImportAssistant   *self);
guint                 _cg_import_assistant_get_header_row   (CgImportAssistant   *self);
CgFieldKind           _cg_import_assistant_get_column_field (CgImportAssistant   *self,
                                                             const char          *header);
guint                 _cg_import_assistant_get_n_preview_rows (CgImportAssistant *self);
GtkListBox           *_cg_import_assistant_get_issue_list   (CgImportAssistant   *self);
const CgImportResult *_cg_import_assistant_get_result       (CgImportAssistant   *self);

G_END_DECLS
