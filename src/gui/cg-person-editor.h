/* cg-person-editor.h: adding or editing one person of the family
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-family.h"

G_BEGIN_DECLS

#define CG_TYPE_PERSON_EDITOR (cg_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (CgPersonEditor, cg_person_editor, CG, PERSON_EDITOR, AdwWindow)

/* Edits the person @key of @family (copied), or a new person when @key is
 * NULL: their details, their relationships and their households. Emits
 * "accepted" when the author saves a valid family. */
CgPersonEditor *cg_person_editor_new            (GtkWindow      *parent,
                                                 const CgFamily *family,
                                                 const char     *key);
/* The person's id; a new person has one made up for them. */
const char     *_cg_person_editor_get_key       (CgPersonEditor *self);
/* The whole family with the edits, newly allocated; NULL with @error set when
 * the edits are not valid. */
CgFamily       *_cg_person_editor_dup_family    (CgPersonEditor *self,
                                                 GError        **error);
/* What the Save button does. */
void            _cg_person_editor_save          (CgPersonEditor *self);

/* The fields a test fills in. */
GtkEditable    *_cg_person_editor_get_name      (CgPersonEditor *self);
GtkEditable    *_cg_person_editor_get_aliases   (CgPersonEditor *self);
GtkEditable    *_cg_person_editor_get_label     (CgPersonEditor *self);

G_END_DECLS
