/* cg-family-page.h: the people of the review and their genogram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-family.h"
#include "cg-genogram-view.h"
#include "cg-person-editor.h"
#include "cg-window.h"

G_BEGIN_DECLS

#define CG_TYPE_FAMILY_PAGE (cg_family_page_get_type ())

G_DECLARE_FINAL_TYPE (CgFamilyPage, cg_family_page, CG, FAMILY_PAGE, AdwBin)

/* Creates the Family page and adds it to @window's view switcher. */
void            cg_family_page_attach              (CgWindow     *window);

/* The family shown (borrowed), or NULL when no review is open. */
CgFamily       *_cg_family_page_get_family         (CgFamilyPage *self);
/* The genogram's date, a Julian day. */
guint32         _cg_family_page_get_date           (CgFamilyPage *self);
void            _cg_family_page_set_date           (CgFamilyPage *self,
                                                    guint32       day);
/* TRUE while the genogram is being laid out. */
gboolean        _cg_family_page_get_busy           (CgFamilyPage *self);
/* Opens the editor on a person, or on a new one when @key is NULL. */
CgPersonEditor *_cg_family_page_edit_person        (CgFamilyPage *self,
                                                    const char   *key);
/* Imports people.csv, relationships.csv and households.csv (GFile items, in
 * any order), as when the author chooses them. */
void            _cg_family_page_import_files       (CgFamilyPage *self,
                                                    GListModel   *files);
/* Writes the genogram shown; the format follows the name (.svg, .pdf, .png). */
void            _cg_family_page_export_file        (CgFamilyPage *self,
                                                    GFile        *file);

/* The widgets a test drives. */
GtkListBox     *_cg_family_page_get_people_list    (CgFamilyPage *self);
CgGenogramView *_cg_family_page_get_genogram_view  (CgFamilyPage *self);
GtkEditable    *_cg_family_page_get_date_entry     (CgFamilyPage *self);
GtkToggleButton *_cg_family_page_get_anonymise     (CgFamilyPage *self);

G_END_DECLS
